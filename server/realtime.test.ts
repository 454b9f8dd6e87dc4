/**
 * The socket push against the real server with real socket.io clients: refused without a token; a
 * snapshot then reliable events; positions coalesced; a client that reconnects with `since` gets
 * the events it missed.
 */
import { describe, expect, it } from 'vitest';
import { createFrame } from '../src/geo/primitives/frame.ts';
import type { LiveEvent, LiveLatest, LivePosition, StreamMark } from '../src/protocol/events.ts';
import { StreamGaps } from '../src/protocol/streamMarks.ts';
import { parseUsers } from './auth/legacy.ts';
import { next, useTestServer } from './__test__/server.ts';
import { decodeReadings, type ReadingBatch } from '../src/protocol/readings.ts';

const users = parseUsers('viewer:viewer:viewer-token-12;op:operator:operator-token-1');
const frame = createFrame([117.52, 38.72]);
const srv = useTestServer({ ingestToken: 'ingest-token', users });
const open = (auth: Record<string, unknown>) => srv.socket('/', { auth });
const ingest = (route: string, body: unknown) =>
  fetch(`${srv.base}/api/ingest/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer ingest-token' },
    body: JSON.stringify(body),
  });

describe('live push', () => {
  it('refuses a socket without a valid token', async () => {
    const c = open({ token: 'nope' });
    const err = await new Promise<Error>((resolve) => c.once('connect_error', resolve));
    expect(err.message).toMatch(/unauthorised/);
  });

  it('sends a snapshot, then stored events as they happen, and coalesced positions', async () => {
    const c = open({ token: 'viewer-token-12' });
    const snap = await next(c, 'snapshot');
    expect(snap.user).toEqual({ name: 'viewer', role: 'viewer', enterprises: null });
    expect(snap.alarms).toEqual([]);
    const events = next(c, 'events');
    const positions = next(c, 'positions');
    const t0 = Date.now();
    const walk = [2150, 2060, 1990, 1900].map((y, i) => {
      const [lon, lat] = frame.toLngLat([-2500, y]);
      return { id: 'P-0009', kind: 'person', lon, lat, t: t0 + i * 1000 };
    });
    await ingest('positions', walk);
    const got = (await events) as LiveEvent[];
    expect(got.map((e) => e.type)).toEqual(['fence.breach']);
    const pos = (await positions) as LivePosition[];
    expect(pos).toHaveLength(1); // four positions of one person coalesced into the latest
    expect(pos[0]).toMatchObject({ id: 'P-0009', t: t0 + 3000 });
  });

  it('sends readings once a second as a binary batch: the latest of each sensor that reported, in the layout order', async () => {
    const c = open({ token: 'viewer-token-12' });
    await next(c, 'snapshot');
    const ids = srv.server.model.ofKind('sensor').map((s) => s.id);
    const [a, b] = [ids[3], ids[ids.length - 1]];
    const t = Date.now();
    const batch = next(c, 'readings');
    await ingest('readings', [
      { sensor: a, value: 1.5, t },
      { sensor: b, value: 7.25, t: t + 10 },
      { sensor: a, value: 2.5, t: t + 20 },
    ]);
    const got = decodeReadings((await batch) as ReadingBatch, ids);
    expect(got).toEqual([
      { sensor: a, value: 2.5, t: t + 20 },
      { sensor: b, value: 7.25, t: t + 10 },
    ]);
    // nothing new, nothing sent; a stale reading (older than the latest) is not news either
    await ingest('readings', [{ sensor: a, value: 9, t }]);
    const more = await Promise.race([next(c, 'readings'), new Promise((r) => setTimeout(() => r('quiet'), 1500))]);
    expect(more).toBe('quiet');
  });

  it('re-delivers what a client missed when it reconnects with since', async () => {
    const first = open({ token: 'viewer-token-12' });
    const snap = await next(first, 'snapshot');
    first.close();
    await ingest('readings', [{ sensor: 'T-LPG-01-GD1', value: 60, t: Date.now() }]);
    const again = open({ token: 'viewer-token-12', since: snap.lastEventId });
    const missed = (await next(again, 'events')) as LiveEvent[];
    expect(missed.map((e) => `${e.type} ${e.place}`)).toEqual(['alarm.unacknowledged T-LPG-01-GD1:H', 'alarm.unacknowledged T-LPG-01-GD1:HH']);
    expect(missed[0].id).toBeGreaterThan(snap.lastEventId);
  });

  it('numbers the volatile batches; a client that finds one dropped gets the latest of everything with resync', async () => {
    const c = open({ token: 'viewer-token-12' });
    const snap = await next(c, 'snapshot');
    const base = snap.marks.positions!;
    const marks: StreamMark[] = [];
    const seen: LivePosition[][] = [];
    c.on('positions', (ps, m) => (seen.push(ps), marks.push(m)));
    const at = (id: string, x: number, t: number) => {
      const [lon, lat] = frame.toLngLat([x, 0]);
      return { id, kind: 'person', lon, lat, t };
    };
    const t = Date.now();
    const arrived = async (n: number) => {
      for (let i = 0; i < 100 && marks.length < n; i++) await new Promise((r) => setTimeout(r, 20));
      return marks.length;
    };
    await ingest('positions', [at('P-MARK-1', 0, t)]);
    expect(await arrived(1)).toBe(1);
    expect(marks[0]).toEqual({ o: base.o, s: base.s + 1 });
    // the connection is busy with a write: the next batch is dropped, not queued
    const conn = [...srv.server.io.of('/').sockets.values()].find((s) => s.id === c.id)!.conn;
    const transport = conn.transport as { writable: boolean };
    transport.writable = false;
    await ingest('positions', [at('P-MARK-2', 10, t)]);
    await new Promise((r) => setTimeout(r, 200));
    transport.writable = true;
    await ingest('positions', [at('P-MARK-1', 20, t + 1000)]);
    expect(await arrived(2)).toBe(2);
    expect(seen.flat().map((p) => p.id)).toEqual(['P-MARK-1', 'P-MARK-1']); // P-MARK-2 never came …
    const gaps = new StreamGaps();
    gaps.reset(snap.marks);
    expect(marks.map((m) => gaps.missed('positions', m))).toEqual([false, true]); // … and the count says so
    // resync: the latest of each subject, P-MARK-2 with it; a second request within the second waits for it
    const ask = () => new Promise<LiveLatest>((resolve) => c.emit('resync', resolve));
    const t0 = Date.now();
    const first = await ask();
    expect(first.positions.find((p) => p.id === 'P-MARK-2')).toMatchObject({ t });
    expect(first.positions.find((p) => p.id === 'P-MARK-1')).toMatchObject({ t: t + 1000 });
    expect(first.readings.length).toBe(srv.server.live.latestReadings().length);
    await ask();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    // a request without an answer function is ignored, the socket stays
    c.emit('resync', 'nonsense' as never);
    await ingest('positions', [at('P-MARK-1', 30, t + 2000)]);
    expect(await arrived(3)).toBe(3);
    expect(marks[2].s).toBe(marks[1].s + 1);
  });

  it('a client can choose its layers', async () => {
    const c = open({ token: 'operator-token-1' });
    await next(c, 'snapshot');
    const layers = await new Promise((resolve) => c.emit('subscribe', ['alarms', 'bogus' as never], resolve));
    expect(layers).toEqual(['alarms']);
  });
});
