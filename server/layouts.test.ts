/**
 * The layout as versions on the real server and its SQLite file: the layout file seeds version 1; a
 * planner stores a new version (a bad one answered 400 with the validator's lines and nothing
 * applied; one from a stale base 409; other roles 403); the running server switches to it without a
 * restart — geofences follow, the sensors that stayed keep their alarms, a removed sensor's alarm
 * ends with the reason, sockets are told and closed, events carry their version — and a restart comes
 * back with it; a layout file changed between starts becomes the next version.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io as connect } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import type { LayoutVersionInfo } from '../src/protocol/api.ts';
import type { LiveAlarm, LiveEvent } from '../src/protocol/events.ts';
import { useServers } from './__test__/server.ts';
import { parseUsers } from './auth/legacy.ts';
import { DEMO_LAYOUT } from './config.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'parktwin-layouts-'));
const layoutFile = path.join(dir, 'park.geojson');
copyFileSync(DEMO_LAYOUT, layoutFile);
const dbFile = path.join(dir, 'events.db');
const users = parseUsers('planner:planner:planner-token-1;op:operator:operator-token-1;view:viewer:viewer-token-1;admin:admin:admin-token-12');
const start = useServers(() => ({ layoutFile, dbFile, users, ingestToken: 'ingest-token-12' }));

type Feature = { type: 'Feature'; geometry: { type: string; coordinates: unknown }; properties: Record<string, unknown> & { id: string; kind: string } };
const demo = () => JSON.parse(readFileSync(DEMO_LAYOUT, 'utf8')) as { type: string; parktwin: Record<string, unknown>; features: Feature[] };
const call = (base: string, method: string, route: string, token: string, body?: unknown) =>
  fetch(`${base}${route}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const get = async <T>(base: string, route: string, token = 'viewer-token-1') => (await (await call(base, 'GET', route, token)).json()) as T;
const ingest = (base: string, what: 'readings' | 'positions', body: unknown) => call(base, 'POST', `/api/ingest/${what}`, 'ingest-token-12', body);

// a square zone of ±60 m round a point (metres to degrees at 38.7° N: 1° lat ≈ 111 km, 1° lon ≈ 86.7 km)
const C = [117.5, 38.69] as const;
const square = (half_m: number) => {
  const dx = half_m / 86_700;
  const dy = half_m / 111_000;
  return [
    [
      [C[0] - dx, C[1] - dy],
      [C[0] + dx, C[1] - dy],
      [C[0] + dx, C[1] + dy],
      [C[0] - dx, C[1] + dy],
      [C[0] - dx, C[1] - dy],
    ],
  ];
};
/** Version 2: a new zone round C, sensor T-CRU-01-GD2 gone. */
const edited = () => {
  const l = demo();
  l.features = l.features.filter((f) => f.properties.id !== 'T-CRU-01-GD2');
  const z = structuredClone(l.features.find((f) => f.properties.id === 'Z-CRU-1')!);
  z.properties = {
    ...z.properties,
    id: 'Z-NEW',
    name: '新检修区',
    name_en: 'New maintenance area',
    authorised_roles: ['operator', 'maintenance', 'safety', 'visitor'],
  };
  z.geometry = { type: 'Polygon', coordinates: square(60) };
  l.features.push(z);
  return l;
};

describe('layout versions', () => {
  it('stores versions from planners only, refuses a bad or stale one with nothing applied, and switches the live park without a restart', async () => {
    const { base } = await start();
    const original = await call(base, 'GET', '/api/layout', 'viewer-token-1');
    expect(original.headers.get('x-layout-version')).toBe('1');
    const originalText = await original.text();
    const v1 = await get<LayoutVersionInfo[]>(base, '/api/layout/versions');
    expect(v1).toHaveLength(1);
    expect(v1[0]).toMatchObject({
      version: 1,
      author: '(layout file)',
      source: 'file',
      comment: 'PARKTWIN_LAYOUT park.geojson',
      features: demo().features.length,
    });
    expect(v1[0].summary.added).toHaveLength(demo().features.length);

    // the live park before: two gas detectors in alarm, one of them acknowledged; a person at C
    const t0 = Date.now();
    expect(
      (
        await ingest(base, 'readings', [
          { sensor: 'T-CRU-01-GD1', value: 50, t: t0 },
          { sensor: 'T-CRU-01-GD2', value: 50, t: t0 },
        ])
      ).status,
    ).toBe(200);
    expect((await call(base, 'POST', '/api/alarms/T-CRU-01-GD1:HH/ack', 'operator-token-1')).status).toBe(200);
    expect((await ingest(base, 'positions', [{ id: 'P-7', kind: 'person', lon: C[0], lat: C[1], t: t0, role: 'visitor' }])).status).toBe(200);

    // refused: other roles, a bad layout (named feature and field), a stale base, a bad query
    for (const token of ['operator-token-1', 'viewer-token-1']) expect((await call(base, 'PUT', '/api/layout', token, edited())).status).toBe(403);
    const bad = edited();
    bad.features.find((f) => f.properties.id === 'T-LPG-01')!.properties.diameter_m = -5;
    const r400 = await call(base, 'PUT', '/api/layout?comment=x', 'planner-token-1', bad);
    expect(r400.status).toBe(400);
    const b400 = (await r400.json()) as { error: string; issues: { feature: string; path: string }[] };
    expect(b400.issues).toContainEqual(expect.objectContaining({ feature: 'T-LPG-01', path: 'properties.diameter_m' }));
    expect(b400.error).toMatch(/T-LPG-01: properties\.diameter_m/);
    expect((await call(base, 'PUT', '/api/layout', 'planner-token-1', { type: 'Feature' })).status).toBe(400);
    expect((await call(base, 'PUT', '/api/layout?base=7', 'planner-token-1', edited())).status).toBe(409);
    expect((await call(base, 'PUT', '/api/layout?color=red', 'planner-token-1', edited())).status).toBe(400);
    expect(await get<LayoutVersionInfo[]>(base, '/api/layout/versions')).toHaveLength(1); // nothing applied
    expect(await (await call(base, 'GET', '/api/layout', 'viewer-token-1')).text()).toBe(originalText);

    // a client watching the live park is told, then closed
    const sock = connect(base, { auth: { token: 'operator-token-1' }, transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise((r) => sock.once('snapshot', r));
    const told = new Promise((r) => sock.once('layout', r));
    const closed = new Promise((r) => sock.once('disconnect', r));

    const put = await call(base, 'PUT', `/api/layout?base=1&comment=${encodeURIComponent('新增检修区，拆除 GD2')}`, 'planner-token-1', edited());
    expect(put.status).toBe(201);
    const v2 = (await put.json()) as LayoutVersionInfo;
    expect(v2).toMatchObject({ version: 2, author: 'planner', comment: '新增检修区，拆除 GD2', source: 'api' });
    expect(v2.summary).toMatchObject({ added: ['Z-NEW'], removed: ['T-CRU-01-GD2'], changed: [] });
    expect(await told).toEqual({ version: 2, author: 'planner', comment: '新增检修区，拆除 GD2' });
    expect(await closed).toBe('io server disconnect');

    // the versions, each readable; the one in force is the new one
    expect((await get<LayoutVersionInfo[]>(base, '/api/layout/versions')).map((v) => [v.version, v.author])).toEqual([
      [1, '(layout file)'],
      [2, 'planner'],
    ]);
    expect(await (await call(base, 'GET', '/api/layout?version=1', 'viewer-token-1')).text()).toBe(originalText);
    const now = await call(base, 'GET', '/api/layout', 'viewer-token-1');
    expect(now.headers.get('x-layout-version')).toBe('2');
    expect(((await now.json()) as { features: Feature[] }).features.some((f) => f.properties.id === 'Z-NEW')).toBe(true);
    expect((await call(base, 'GET', '/api/layout?version=9', 'viewer-token-1')).status).toBe(404);
    expect((await call(base, 'GET', '/api/layout?version=two', 'viewer-token-1')).status).toBe(400);
    // the same layout again stores nothing
    const same = await call(base, 'PUT', '/api/layout', 'planner-token-1', edited());
    expect(same.status).toBe(200);
    expect(((await same.json()) as LayoutVersionInfo).version).toBe(2);

    // the sensor that stayed keeps its alarms (acknowledged by op); the removed one's ended, saying why
    const alarms = await get<LiveAlarm[]>(base, '/api/alarms');
    expect(alarms.filter((a) => a.sensor === 'T-CRU-01-GD1').map((a) => [a.id, a.state, a.ack_by])).toEqual(
      expect.arrayContaining([
        ['T-CRU-01-GD1:HH', 'acknowledged', 'op'],
        ['T-CRU-01-GD1:H', 'unacknowledged', null],
      ]),
    );
    expect(alarms.some((a) => a.sensor === 'T-CRU-01-GD2')).toBe(false);
    const events = await get<LiveEvent[]>(base, '/api/events?limit=100');
    const ended = events.filter((e) => e.subject === 'T-CRU-01-GD2' && e.type === 'alarm.normal');
    expect(ended.map((e) => [e.place, e.detail.reason, e.layout_version])).toEqual(
      expect.arrayContaining([
        ['T-CRU-01-GD2:HH', 'removed_from_layout', 2],
        ['T-CRU-01-GD2:H', 'removed_from_layout', 2],
      ]),
    );
    const switched = events.find((e) => e.type === 'layout.switched')!;
    expect(switched).toMatchObject({ layout_version: 2, detail: { version: 2, previous: 1, author: 'planner' } });
    expect(events.filter((e) => e.t < switched.t && e.type.startsWith('alarm.')).every((e) => e.layout_version === 1)).toBe(true);
    // the removed sensor is not in the layout any more; the one that stayed keeps its history
    expect((await ingest(base, 'readings', [{ sensor: 'T-CRU-01-GD2', value: 1, t: Date.now() }])).status).toBe(400);
    const history = await get<{ readings: { value: number }[] }>(base, '/api/sensors/T-CRU-01-GD1/history');
    expect(history.readings.map((r) => r.value)).toContain(50);

    // geofences follow: the person standing in the new zone is taken as there (no entry), and leaves it
    await ingest(base, 'positions', [{ id: 'P-7', kind: 'person', lon: C[0], lat: C[1], t: Date.now(), role: 'visitor' }]);
    await ingest(base, 'positions', [{ id: 'P-7', kind: 'person', lon: C[0] + 300 / 86_700, lat: C[1], t: Date.now() + 1 }]);
    const zone = (await get<LiveEvent[]>(base, '/api/events?subject=P-7')).filter((e) => e.place === 'Z-NEW');
    expect(zone.map((e) => [e.type, e.layout_version])).toEqual([['zone.exit', 2]]);

    // the audit trail has who stored it
    const audit = await get<{ action: string; actor: string; target: string }[]>(base, '/api/audit?action=layout.version', 'admin-token-12');
    expect(audit.map((a) => [a.actor, a.target])).toEqual([['planner', '2']]);
    sock.close();
  }, 60_000);

  it('a restart comes back with the version in force; a layout file changed between starts becomes the next version', async () => {
    const again = await start();
    const r = await call(again.base, 'GET', '/api/layout', 'viewer-token-1');
    expect(r.headers.get('x-layout-version')).toBe('2');
    expect((await get<LiveAlarm[]>(again.base, '/api/alarms')).find((a) => a.id === 'T-CRU-01-GD1:HH')).toMatchObject({ state: 'acknowledged', ack_by: 'op' });
    expect((await get<{ layout: { version: number } }>(again.base, '/api/health')).layout.version).toBe(2);

    const changed = demo();
    changed.features.find((f) => f.properties.id === 'T-LPG-01')!.properties.name = '1号球罐';
    writeFileSync(layoutFile, JSON.stringify(changed));
    const third = await start();
    const versions = await get<LayoutVersionInfo[]>(third.base, '/api/layout/versions');
    expect(versions.at(-1)).toMatchObject({ version: 3, source: 'file', author: '(layout file)', comment: 'PARKTWIN_LAYOUT park.geojson changed' });
    // against version 2 (in force before): the zone and the sensor come back as the file has them, the tank renamed
    expect(versions.at(-1)!.summary).toMatchObject({ added: ['T-CRU-01-GD2'], removed: ['Z-NEW'], changed: ['T-LPG-01'] });
    expect((await call(third.base, 'GET', '/api/layout', 'viewer-token-1')).headers.get('x-layout-version')).toBe('3');
  }, 60_000);
});
