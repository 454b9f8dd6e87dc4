/**
 * The socket push against the real server with real socket.io clients: refused without a token; a
 * snapshot then reliable events; positions coalesced; a client that reconnects with `since` gets
 * the events it missed.
 */
import { describe, expect, it } from 'vitest';
import { createFrame } from '../src/geo/primitives/frame.ts';
import type { LiveEvent, LivePosition } from '../src/protocol/events.ts';
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

  it('a client can choose its layers', async () => {
    const c = open({ token: 'operator-token-1' });
    await next(c, 'snapshot');
    const layers = await new Promise((resolve) => c.emit('subscribe', ['alarms', 'bogus' as never], resolve));
    expect(layers).toEqual(['alarms']);
  });
});
