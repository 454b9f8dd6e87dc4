/**
 * Drills against the real server with real socket.io clients: trainers start and end them, others
 * may not; a bad scenario is a 400 naming the field; a drill's alarms and events reach its own
 * namespace and `?drill=` API, never the live park's.
 */
import { describe, expect, it } from 'vitest';
import type { LiveAlarm } from '../src/protocol/events.ts';
import { parseUsers } from './auth/legacy.ts';
import { next, useTestServer } from './__test__/server.ts';
import { MAX_DRILL_MS, MAX_DRILLS } from './drills.ts';
import type { DrillReport } from './drills/drill.ts';

const users = parseUsers('viewer:viewer:viewer-token-12;op:operator:operator-token-1;coach:trainer:trainer-token-1');
const srv = useTestServer({ ingestToken: 'ingest-token', users });
const open = (path: string, token: string) => srv.socket(path, { auth: { token } });
const api = (method: string, route: string, token: string, body?: unknown) =>
  fetch(`${srv.base}${route}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
const scenario = { kind: 'toxic-leak', source: 'T-CHL-01', rate_kg_s: 5, weather: { wind_speed_m_s: 3, wind_from_deg: 0, stability: 'D' } };

describe('drills', () => {
  it('only trainers and admins start one; a bad scenario is a 400 naming the field', async () => {
    expect((await api('POST', '/api/drills', 'viewer-token-12', { scenario })).status).toBe(403);
    expect((await api('POST', '/api/drills', 'operator-token-1', { scenario })).status).toBe(403);
    expect((await fetch(`${srv.base}/api/drills`, { method: 'POST' })).status).toBe(401);
    const bad = async (body: unknown) => (await (await api('POST', '/api/drills', 'trainer-token-1', body)).json()) as { error: string; field: string };
    expect(await bad({ scenario: { ...scenario, weather: { ...scenario.weather, stability: 'Q' } } })).toMatchObject({ field: 'scenario.weather.stability' });
    expect(await bad({ scenario: { ...scenario, source: 'T-NOPE' } })).toMatchObject({
      field: 'scenario',
      error: expect.stringMatching(/no installation "T-NOPE"/),
    });
    expect(await bad({ scenario, start_at_s: -5 })).toMatchObject({ field: 'start_at_s' });
    expect(await bad({ scenario, colour: 'red' })).toMatchObject({ field: 'colour', error: 'colour: unknown field' });
    expect(await bad({ scenario: { ...scenario, elapsed_s: 60 } })).toMatchObject({ field: 'scenario.elapsed_s' });
    expect(await bad({ scenario: { ...scenario, release_s: 60 } })).toMatchObject({ field: 'scenario.release_s' });
    expect(srv.server.drills.list()).toEqual([]);
  });

  it('a chlorine drill: its alarms reach its own namespace and ?drill= API, not the live park', async () => {
    const res = await api('POST', '/api/drills', 'trainer-token-1', { scenario });
    expect(res.status).toBe(201);
    const info = (await res.json()) as { id: string; by: string; start_at_s: number };
    expect(info).toMatchObject({ by: 'coach', start_at_s: 0 });
    expect(((await (await api('GET', '/api/drills', 'viewer-token-12')).json()) as { id: string }[]).map((d) => d.id)).toEqual([info.id]);
    expect(await (await api('GET', `/api/drills/${info.id}`, 'viewer-token-12')).json()).toMatchObject({ id: info.id, scenario });

    const live = open('/', 'viewer-token-12');
    await next(live, 'snapshot');
    const drill = open(`/drill/${info.id}`, 'operator-token-1');
    const snap = await next(drill, 'snapshot');
    expect(snap.user).toEqual({ name: 'op', role: 'operator', enterprises: null });
    expect(snap.status.weather).toMatchObject({ wind_speed_m_s: 3, wind_from_deg: 0, stability: 'D' });
    expect(snap.positions.length).toBeGreaterThan(50); // the drill's own people and trucks

    let liveAlarms: LiveAlarm[] = [];
    live.on('alarms', (a) => (liveAlarms = a));
    let drillAlarms: LiveAlarm[] = [];
    drill.on('alarms', (a) => (drillAlarms = a));
    // ten minutes of the drill, on the server's clock
    const d = srv.server.drills.get(info.id)!;
    for (let t = d.started_ms; t <= d.started_ms + 600_000; t += 2000) {
      d.step(t);
      await d.live.tick(t);
    }
    await d.live.flushed();
    await expect.poll(() => drillAlarms.filter((a) => /-GD\d*$/.test(a.sensor)).length, { timeout: 5000 }).toBeGreaterThan(0);
    expect(liveAlarms.filter((a) => /-GD\d*$/.test(a.sensor))).toEqual([]);
    // the HTTP API: the drill's alarms with ?drill=, the live park's without
    const drillList = (await (await api('GET', `/api/alarms?drill=${info.id}`, 'viewer-token-12')).json()) as LiveAlarm[];
    expect(drillList.length).toBeGreaterThan(0);
    expect(((await (await api('GET', '/api/alarms', 'viewer-token-12')).json()) as LiveAlarm[]).filter((a) => /-GD\d*$/.test(a.sensor))).toEqual([]);
    expect(
      ((await (await api('GET', `/api/events?drill=${info.id}&type=alarm.unacknowledged`, 'viewer-token-12')).json()) as unknown[]).length,
    ).toBeGreaterThan(0);
    expect((await (await api('GET', '/api/events?type=alarm.unacknowledged', 'viewer-token-12')).json()) as unknown[]).toEqual([]);
    // an operator acknowledges a drill alarm as a live one
    const alarm = drillList.find((a) => a.state === 'unacknowledged')!;
    const ack = await api('POST', `/api/alarms/${encodeURIComponent(alarm.id)}/ack?drill=${info.id}`, 'operator-token-1', {});
    expect(ack.status).toBe(200);
    // the same alarm of the live park is normal: nothing to acknowledge there
    expect((await api('POST', `/api/alarms/${encodeURIComponent(alarm.id)}/ack`, 'operator-token-1', {})).status).toBe(409);
    expect(((await (await api('GET', `/api/alarms?drill=${info.id}`, 'viewer-token-12')).json()) as LiveAlarm[]).find((a) => a.id === alarm.id)).toMatchObject({
      state: 'acknowledged',
      ack_by: 'op',
    });
    expect((await api('GET', '/api/alarms?drill=nope', 'viewer-token-12')).status).toBe(404);

    // an operator shuts the release off (a viewer may not); once only
    expect((await api('POST', `/api/drills/${info.id}/stop`, 'viewer-token-12')).status).toBe(403);
    const stop = await api('POST', `/api/drills/${info.id}/stop`, 'operator-token-1');
    expect(stop.status).toBe(200);
    expect(await stop.json()).toEqual({ release_s: expect.any(Number) });
    expect((await api('POST', `/api/drills/${info.id}/stop`, 'operator-token-1')).status).toBe(409);
    expect(await (await api('GET', `/api/drills/${info.id}`, 'viewer-token-12')).json()).toMatchObject({ release_s: expect.any(Number) });
    expect((await api('POST', '/api/drills/nope/stop', 'operator-token-1')).status).toBe(404);
    // ended by a trainer (not a viewer): its clients are disconnected, newcomers refused
    expect((await api('DELETE', `/api/drills/${info.id}`, 'viewer-token-12')).status).toBe(403);
    const gone = new Promise((resolve) => drill.once('disconnect', resolve));
    // the debrief while it runs, and as the answer to ending it: the acknowledged alarm with its response time
    const running = (await (await api('GET', `/api/drills/${info.id}/report`, 'viewer-token-12')).json()) as DrillReport;
    expect(running.summary.alarms_raised).toBeGreaterThan(0);
    const ended = await api('DELETE', `/api/drills/${info.id}`, 'trainer-token-1');
    expect(ended.status).toBe(200);
    const report = (await ended.json()) as DrillReport;
    expect(report.summary.alarms_acknowledged).toBe(1);
    expect(report.alarms.find((a) => a.alarm === alarm.id)).toMatchObject({ by: 'op', response_s: expect.any(Number) });
    expect(report.summary.alarms_raised).toBe(report.alarms.length);
    await gone;
    const late = open(`/drill/${info.id}`, 'operator-token-1');
    // the ended drill's namespace is gone with it (its memory freed): socket.io no longer knows it
    expect((await new Promise<Error>((resolve) => late.once('connect_error', resolve))).message).toBe('Invalid namespace');
    expect((await api('GET', `/api/drills/${info.id}`, 'viewer-token-12')).status).toBe(404);
    expect(srv.server.drills.list()).toEqual([]);
  }, 60_000);

  it('a drill ends by itself after MAX_DRILL_MS; at most MAX_DRILLS run at once', async () => {
    const started = await Promise.all(Array.from({ length: MAX_DRILLS }, () => api('POST', '/api/drills', 'trainer-token-1', { scenario, start_at_s: 120 })));
    expect(started.map((r) => r.status)).toEqual(Array(MAX_DRILLS).fill(201));
    const more = await api('POST', '/api/drills', 'trainer-token-1', { scenario });
    expect(more.status).toBe(409);
    expect(((await more.json()) as { error: string }).error).toMatch(/end one first/);
    const first = srv.server.drills.list()[0];
    expect(first.start_at_s).toBe(120);
    srv.server.drills.step(first.started_at + MAX_DRILL_MS + 1000);
    await expect.poll(() => srv.server.drills.list().length).toBe(0);
  });
});
