/**
 * The parts the live park is built from, each alone: the reading history's downsampling and push
 * batch, the clock guard, the batch parser, and failures to store going to the logger it is given.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeReadings } from '../../src/protocol/readings.ts';
import { ClockGuard, IngestError, parseBatch } from './edge.ts';
import { ReadingHistory } from './readingHistory.ts';
import { TrackRecorder } from './trackRecorder.ts';
import type { Store, TrackPoint } from '../store/types.ts';

describe('ReadingHistory', () => {
  it('keeps one point per period and the retention, the latest always beside it', () => {
    const h = new ReadingHistory(2, { every_ms: 30_000, retention_ms: 120_000 });
    // readings every 10 s for 5 min: kept at 0, 30, 60 … s; the last 120 s of them remain
    for (let t = 0; t <= 300_000; t += 10_000) h.take(1, 'S-2', t / 1000, t, true);
    expect(h.readingsOf(1).map((r) => r.t / 1000)).toEqual([180, 210, 240, 270, 300]);
    h.take(1, 'S-2', 305, 305_000, true);
    // 305 s is within the period of 300 s: not kept in the history, but it is the latest
    expect(h.readingsOf(1, 260_000).map((r) => r.value)).toEqual([270, 300, 305]);
    expect(h.readingsOf(0)).toEqual([]);
    expect(h.lastTime(0)).toBe(-Infinity);
    expect(h.latestReadings()).toEqual([{ sensor: 'S-2', value: 305, t: 305_000 }]);
  });

  it("batches the sensors this process took since a sequence number, not a replica's", () => {
    const h = new ReadingHistory(3, { every_ms: 0, retention_ms: 1e9 });
    const { seq: s0 } = h.batchSince(Infinity);
    h.take(2, 'C', 7.5, 1000, true);
    h.take(0, 'A', 1, 1000, false); // a replica's reading: its origin pushes it
    const first = h.batchSince(s0);
    expect(decodeReadings(first.batch!, ['A', 'B', 'C'])).toEqual([{ sensor: 'C', value: 7.5, t: 1000 }]);
    expect(h.batchSince(first.seq).batch).toBeNull();
  });
});

describe('ClockGuard', () => {
  it('refuses an item stamped too far ahead, raises the fault once and clears it on the next item on time', () => {
    const now = 1_000_000;
    const g = new ClockGuard(60_000, () => now);
    const ahead = { id: 'S-1', t: now + 120_000 };
    const r1 = g.check([ahead, { id: 'S-2', t: now }], (x) => x.id, 'sensor');
    expect(r1.items.map((x) => x.id)).toEqual(['S-2']);
    expect(r1.faults.map((e) => [e.type, e.subject, e.detail.ahead_s])).toEqual([['sensor.clock_fault', 'S-1', 120]]);
    expect(r1.reasons[0]).toMatch(/^\[0\]\.t: .* is 120 s ahead of the server.s clock \(at most 60 s\)/);
    expect(g.check([ahead], (x) => x.id, 'sensor').faults).toEqual([]); // raised once
    const r3 = g.check([{ id: 'S-1', t: now - 1 }], (x) => x.id, 'sensor');
    expect(r3.faults.map((e) => e.type)).toEqual(['sensor.clock_restored']);
    expect([...g.faults]).toEqual([]);
    expect(g.refused).toBe(2);
  });
});

describe('parseBatch', () => {
  const schema = z.object({ value: z.number() });
  it('names every bad item and field, and takes nothing of a bad batch', () => {
    expect(parseBatch([{ value: 1 }, { value: 2 }], schema, 'numbers')).toEqual([{ value: 1 }, { value: 2 }]);
    const e = (() => {
      try {
        parseBatch([{ value: 1 }, { value: 'x' }, { value: 3 }, { value: null }], schema, 'numbers');
      } catch (err) {
        return err as IngestError;
      }
    })();
    expect(e).toBeInstanceOf(IngestError);
    expect(e!.reasons).toEqual([expect.stringMatching(/^\[1\]\.value: .*number/), expect.stringMatching(/^\[3\]\.value: .*number/)]);
    expect(() => parseBatch({}, schema, 'numbers')).toThrow('the body must be a JSON array of numbers');
  });
});

describe('TrackRecorder', () => {
  it('keeps one point per subject per period, writes them on flush and prunes hourly', async () => {
    const written: TrackPoint[] = [];
    const pruned: number[] = [];
    const store = { appendTrack: async (b: TrackPoint[]) => void written.push(...b), pruneTrack: async (t: number) => void pruned.push(t) } as unknown as Store;
    const rec = new TrackRecorder(store, { every_ms: 5000, retention_ms: 86_400_000 });
    for (let t = 0; t <= 12_000; t += 1000) rec.keep({ id: 'P1', kind: 'person', lon: 1, lat: 2, t, role: 'worker' });
    await rec.flush(4_000_000);
    expect(written.map((p) => p.t_ms)).toEqual([0, 5000, 10_000]);
    expect(written[0]).toEqual({ id: 'P1', kind: 'person', t_ms: 0, lon: 1, lat: 2, role: 'worker' });
    expect(pruned).toEqual([4_000_000 - 86_400_000]);
    await rec.flush(4_000_000 + 60_000); // within the hour: no prune
    expect(pruned).toHaveLength(1);
  });
});
