/**
 * HTTP ingest against the real server (port 0, SQLite in a temp file): positions crossing the fence
 * between two gates give exactly one breach; readings past HH give an alarm that survives a restart;
 * bad payloads get 400 and change nothing; ingest without the token is refused.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFrame } from '../src/geo/primitives/frame.ts';
import { createApp, type ParktwinServer } from './app.ts';
import { parseUsers } from './auth/legacy.ts';
import { DEMO_LAYOUT } from './config.ts';

const TOKEN = 'test-token-123';
const frame = createFrame([117.52, 38.72]);
const at = (x: number, y: number) => {
  const [lon, lat] = frame.toLngLat([x, y]);
  return { lon, lat };
};
const T0 = Date.parse('2026-11-28T02:00:00Z');

let servers: ParktwinServer[] = [];
async function start(dbFile: string) {
  const s = await createApp({ layoutFile: DEMO_LAYOUT, dbFile, ingestToken: TOKEN, tick_ms: 0, users: parseUsers('viewer:viewer:viewer-token-12') });
  servers.push(s);
  return { s, base: `http://127.0.0.1:${await s.listen(0, '127.0.0.1')}` };
}
afterEach(async () => {
  for (const s of servers) await s.close();
  servers = [];
});
/** A read as a signed-in viewer (reads need a credential). */
const get = (url: string) => fetch(url, { headers: { authorization: 'Bearer viewer-token-12' } });
const post = (base: string, route: string, body: unknown, token: string | null = TOKEN) =>
  fetch(`${base}/api/ingest/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const db = () => path.join(mkdtempSync(path.join(tmpdir(), 'parktwin-db-')), 'events.db');

describe('HTTP ingest', () => {
  it('positions crossing the fence between two gates: exactly one breach with person, segment and time', async () => {
    const { base } = await start(db());
    const walk = [2150, 2060, 1990, 1900].map((y, i) => ({
      id: 'P-0001',
      kind: 'person',
      ...at(-2500, y),
      t: new Date(T0 + i * 10_000).toISOString(),
      role: 'operator',
    }));
    const res = await post(base, 'positions', walk);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: 4, ignored_stale: 0, events: 1 });
    const events = await (await get(`${base}/api/events?type=fence`)).json();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'fence.breach', subject: 'P-0001', place: 'FENCE', detail: { direction: 'in', segment: 4 } });
    const t = events[0].t;
    expect(t).toBeGreaterThan(T0 + 10_000);
    expect(t).toBeLessThan(T0 + 20_000);
  });

  it('readings past HH raise alarms, stored and still there after a restart', async () => {
    const file = db();
    const first = await start(file);
    const res = await post(first.base, 'readings', [
      { sensor: 'T-LPG-01-GD1', value: 10, t: T0 },
      { sensor: 'T-LPG-01-GD1', value: 55, t: T0 + 5000 },
    ]);
    expect(await res.json()).toMatchObject({ accepted: 2, events: 2 });
    const alarms = await (await get(`${first.base}/api/events?type=alarm&subject=T-LPG-01-GD1`)).json();
    expect(alarms.map((e: { place: string; type: string }) => `${e.place} ${e.type}`)).toEqual([
      'T-LPG-01-GD1:H alarm.unacknowledged',
      'T-LPG-01-GD1:HH alarm.unacknowledged',
    ]);
    await first.s.close();
    servers = servers.filter((s) => s !== first.s);
    const second = await start(file);
    expect(await (await get(`${second.base}/api/events?subject=T-LPG-01-GD1`)).json()).toEqual(alarms);
  });

  it('a silent sensor becomes communication-lost', async () => {
    const { s, base } = await start(db());
    await post(base, 'readings', [{ sensor: 'T-LPG-01-GD1', value: 3, t: T0 }]);
    await s.live.tick(T0 + 16_000); // period 5 s: silent for more than 3 periods
    const lost = await (await get(`${base}/api/events?type=sensor&subject=T-LPG-01-GD1`)).json();
    expect(lost).toMatchObject([{ type: 'sensor.comm_lost', subject: 'T-LPG-01-GD1' }]);
  });

  it('bad payloads: 400 with the reason, counted, and nothing applied', async () => {
    const { s, base } = await start(db());
    const good = { id: 'P-2', kind: 'person', ...at(-2500, 2150), t: T0 };
    const bad = await post(base, 'positions', [good, { ...good, kind: 'robot' }, { ...good, lat: 123 }]);
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.error).toBe('batch rejected, nothing applied');
    expect(body.reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^\[1\]\.kind: /), expect.stringMatching(/^\[2\]\.lat: /)]));
    expect((await post(base, 'positions', '{not json')).status).toBe(400);
    expect((await post(base, 'positions', { id: 'x' })).status).toBe(400);
    const unknown = await post(base, 'readings', [
      { sensor: 'T-LPG-01-GD1', value: 99, t: T0 },
      { sensor: 'NOPE', value: 1, t: T0 },
    ]);
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).reasons).toEqual(['unknown sensor "NOPE": not in the layout']);
    expect(await (await get(`${base}/api/events`)).json()).toEqual([]);
    expect(s.live.counters.badBatches).toBe(4);
    expect(s.live.geofence.lastTime('P-2')).toBeUndefined();
  });

  it('out-of-order positions and readings are ignored and counted', async () => {
    const { base } = await start(db());
    await post(base, 'positions', [{ id: 'P-3', kind: 'person', ...at(0, 0), t: T0 + 10_000 }]);
    expect(await (await post(base, 'positions', [{ id: 'P-3', kind: 'person', ...at(0, 0), t: T0 }])).json()).toMatchObject({ accepted: 0, ignored_stale: 1 });
  });

  it('ingest without the token is refused', async () => {
    const { base } = await start(db());
    expect((await post(base, 'positions', [], null)).status).toBe(401);
    expect((await post(base, 'positions', [], 'wrong')).status).toBe(401);
  });

  it('headcounts, a gathering, downsampled tracks and sensor history, as the API reports them', async () => {
    const { s, base } = await start(db());
    const [cx, cy] = s.model.byId.get('Z-REF-UNITS')!.anchor;
    // four people in a 10 m chain in the refinery's hazardous area, reporting every second for 70 s
    for (let k = 0; k <= 70; k++) {
      const batch = [0, 1, 2, 3].map((i) => ({ id: `P-G${i}`, kind: 'person', ...at(cx + i * 10, cy), t: T0 + k * 1000, role: 'operator' }));
      expect((await post(base, 'positions', batch)).status).toBe(200);
      await s.live.tick(T0 + k * 1000);
    }
    const status = await (await get(`${base}/api/status`)).json();
    expect(status.headcount['Z-REF-UNITS']).toBe(4);
    expect(status.gatherings).toEqual([{ zone: 'Z-REF-UNITS', members: ['P-G0', 'P-G1', 'P-G2', 'P-G3'], since: T0 }]);
    expect(await (await get(`${base}/api/events?type=gathering`)).json()).toMatchObject([
      { type: 'gathering.start', place: 'Z-REF-UNITS', t: T0 + 60_000, detail: { count: 4 } },
    ]);
    // one track point per 5 s per subject: 0, 5, … 70 s → 15
    await s.live.flushTrack(T0 + 71_000);
    const track = await (await get(`${base}/api/tracks?subject=P-G1`)).json();
    expect(track).toHaveLength(15);
    expect(track[1]).toMatchObject({ id: 'P-G1', kind: 'person', t_ms: T0 + 5000, role: 'operator' });
    const ndjson = (await (await get(`${base}/api/tracks?subject=P-G1&format=ndjson&since=${T0 + 60_000}`)).text()).trim().split('\n');
    expect(ndjson.map((l) => JSON.parse(l).t)).toEqual([T0 + 60_000, T0 + 65_000, T0 + 70_000]);
    expect((await get(`${base}/api/tracks?since=yesterday`)).status).toBe(400);
    // sensor history: one point per 30 s, and the latest
    for (let k = 0; k < 12; k++) await post(base, 'readings', [{ sensor: 'T-LPG-01-GD1', value: k, t: T0 + k * 10_000 }]);
    const h = await (await get(`${base}/api/sensors/T-LPG-01-GD1/history`)).json();
    expect(h.readings.map((r: { value: number }) => r.value)).toEqual([0, 3, 6, 9, 11]);
    expect((await get(`${base}/api/sensors/NOPE/history`)).status).toBe(404);
  });

  it('weather: set over HTTP, a bad one refused naming the field, an older one ignored', async () => {
    const { s, base } = await start(db());
    const res = await post(base, 'weather', { wind_speed_m_s: 3.5, wind_from_deg: 90, stability: 'D', t: T0 });
    expect(res.status).toBe(200);
    expect((await res.json()).weather).toMatchObject({ wind_speed_m_s: 3.5, wind_from_deg: 90, stability: 'D', temperature_C: 20, source: 'http' });
    const bad = await post(base, 'weather', { wind_speed_m_s: 3.5, wind_from_deg: 90, stability: 'G', t: T0 });
    expect(bad.status).toBe(400);
    expect((await bad.json()).reasons).toEqual([expect.stringMatching(/^stability: /)]);
    await post(base, 'weather', { wind_speed_m_s: 9, wind_from_deg: 10, stability: 'A', t: T0 - 1000 });
    expect(s.live.weather).toMatchObject({ wind_speed_m_s: 3.5 });
    expect((await (await get(`${base}/api/status`)).json()).weather).toMatchObject({ stability: 'D' });
  });
});
