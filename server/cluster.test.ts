/**
 * Two server processes behind Redis, sharing one PostgreSQL database — both services started by the
 * test on free ports. Clients of either process get every event exactly once, whichever process
 * took the data in; the processes agree on state (an alarm raised through one is acknowledged
 * through the other; a snapshot from one shows positions sent to the other); one leader.
 */
import type { ChildProcess } from 'node:child_process';
import { io as connect, type Socket } from 'socket.io-client';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFrame } from '../src/geo/primitives/frame.ts';
import type { ClientToServerEvents, LiveEvent, ServerToClientEvents } from '../src/protocol/events.ts';
import { killServers, spawnServer, stopServer } from './__test__/process.ts';
import { DEMO_LAYOUT } from './config.ts';
import { freePort, PG_BIN, REDIS_SERVER, startPostgres, startRedis, type Service } from './__test__/services.ts';

const haveServices = Boolean(PG_BIN && REDIS_SERVER);
if (!haveServices) {
  if (process.env.CI) throw new Error('redis-server or PostgreSQL is missing: cluster tests cannot run');
  console.warn('\n!!! redis-server or PostgreSQL not installed: SKIPPING cluster tests !!!\n');
}

type Client = Socket<ServerToClientEvents, ClientToServerEvents> & { events: LiveEvent[] };
const frame = createFrame([117.52, 38.72]);
const TOKEN = 'cluster-ingest-token';

describe.skipIf(!haveServices)('two processes behind Redis', () => {
  let redis: Service;
  let pg: Service;
  const procs: ChildProcess[] = [];
  const bases: string[] = [];
  const clients: Client[] = [];
  const open = (base: string): Promise<Client> =>
    new Promise((resolve, reject) => {
      const c = connect(base, { auth: { token: 'viewer-token-12' }, transports: ['websocket'], reconnection: false, forceNew: true }) as Client;
      c.events = [];
      c.on('events', (es) => c.events.push(...es));
      c.once('snapshot', () => resolve(c));
      c.once('connect_error', reject);
      clients.push(c);
    });
  const post = (base: string, route: string, body: unknown, auth = `Bearer ${TOKEN}`) =>
    fetch(`${base}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: auth }, body: JSON.stringify(body) });

  beforeAll(async () => {
    [redis, pg] = await Promise.all([startRedis(), startPostgres()]);
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      procs.push(
        await spawnServer({
          PORT: String(port),
          DATABASE_URL: pg.url,
          REDIS_URL: redis.url,
          PARKTWIN_SIMULATOR: 'off',
          PARKTWIN_INGEST_TOKEN: TOKEN,
          PARKTWIN_USERS: 'viewer:viewer:viewer-token-12;王伟:operator:operator-token-1;planner:planner:planner-token-1',
        }),
      );
      bases.push(`http://127.0.0.1:${port}`);
    }
    for (const b of bases) for (let k = 0; k < 2; k++) await open(b);
  }, 90_000);
  afterAll(async () => {
    for (const c of clients) c.close();
    await Promise.all(procs.map(stopServer));
    killServers();
    await Promise.all([redis?.stop(), pg?.stop()]);
  });

  it('a breach taken in by one process reaches every client of both, exactly once', async () => {
    const t0 = Date.now();
    const walk = [2150, 2060, 1990, 1900].map((y, i) => {
      const [lon, lat] = frame.toLngLat([-2500, y]);
      return { id: 'P-0777', kind: 'person', lon, lat, t: t0 + i * 1000 };
    });
    expect((await post(bases[0], '/api/ingest/positions', walk)).status).toBe(200);
    // every client of both processes has it (a duplicate would come with it, and is counted below)
    await expect.poll(() => clients.every((c) => c.events.some((e) => e.type === 'fence.breach')), { timeout: 10_000 }).toBe(true);
    const breaches = clients.map((c) => c.events.filter((e) => e.type === 'fence.breach'));
    for (const b of breaches) expect(b).toHaveLength(1);
    expect(new Set(breaches.map((b) => b[0].id)).size).toBe(1); // the same stored event everywhere
    // both processes read the one store
    for (const base of bases)
      expect(await (await fetch(`${base}/api/events?type=fence.breach`, { headers: { authorization: 'Bearer viewer-token-12' } })).json()).toMatchObject([
        { subject: 'P-0777', id: breaches[0][0].id },
      ]);
  }, 30_000);

  it('an alarm raised through one process is acknowledged through the other; every client sees each transition once', async () => {
    const t = Date.now();
    expect((await post(bases[1], '/api/ingest/readings', [{ sensor: 'T-LPG-01-GD1', value: 60, t }])).status).toBe(200);
    // the other process has the alarm in its state before it is acknowledged there
    const alarmsOf = async (base: string) =>
      (await (await fetch(`${base}/api/alarms`, { headers: { authorization: 'Bearer viewer-token-12' } })).json()) as { id: string; state: string }[];
    await expect.poll(async () => (await alarmsOf(bases[0])).some((a) => a.id === 'T-LPG-01-GD1:HH'), { timeout: 10_000 }).toBe(true);
    const ack = await post(bases[0], '/api/alarms/T-LPG-01-GD1:HH/ack', {}, 'Bearer operator-token-1');
    expect(ack.status).toBe(200);
    await expect
      .poll(() => clients.every((c) => c.events.some((e) => e.place === 'T-LPG-01-GD1:HH' && e.type === 'alarm.acknowledged')), { timeout: 10_000 })
      .toBe(true);
    for (const c of clients)
      expect(c.events.filter((e) => e.subject === 'T-LPG-01-GD1').map((e) => `${e.place} ${e.type}`)).toEqual([
        'T-LPG-01-GD1:H alarm.unacknowledged',
        'T-LPG-01-GD1:HH alarm.unacknowledged',
        'T-LPG-01-GD1:HH alarm.acknowledged',
      ]);
    // both processes agree on the alarm's state and who acknowledged it
    for (const base of bases) {
      await expect
        .poll(async () => (await alarmsOf(base)).find((a) => a.id === 'T-LPG-01-GD1:HH'), { timeout: 10_000 })
        .toMatchObject({ state: 'acknowledged', ack_by: '王伟' });
    }
    // a second acknowledgement through the other process is refused like any repeat
    expect((await post(bases[1], '/api/alarms/T-LPG-01-GD1:HH/ack', {}, 'Bearer operator-token-1')).status).toBe(409);
  }, 30_000);

  it('a client connecting to the other process gets the positions in its snapshot; one process leads', async () => {
    const c = connect(bases[1], { auth: { token: 'viewer-token-12' }, transports: ['websocket'], reconnection: false, forceNew: true });
    const snap = await new Promise<Parameters<ServerToClientEvents['snapshot']>[0]>((resolve) => c.once('snapshot', resolve));
    c.close();
    expect(snap.positions.map((p) => p.id)).toContain('P-0777');
    const status = await Promise.all(
      bases.map(
        async (b) =>
          (await (await fetch(`${b}/api/status`, { headers: { authorization: 'Bearer viewer-token-12' } })).json()) as {
            store: string;
            cluster: { leader: boolean };
          },
      ),
    );
    expect(status.map((s) => s.store)).toEqual(['postgres', 'postgres']);
    expect(status.filter((s) => s.cluster.leader)).toHaveLength(1);
  });

  it('both processes started on one empty store agree on version 1; a version stored through one is in force in both, and every client is told once', async () => {
    const versions = await Promise.all(
      bases.map(async (b) => (await fetch(`${b}/api/layout`, { headers: { authorization: 'Bearer viewer-token-12' } })).headers.get('x-layout-version')),
    );
    expect(versions).toEqual(['1', '1']);
    const told = clients.filter((c) => c.connected).map((c) => new Promise<number>((resolve) => c.once('layout', (v) => resolve(v.version))));
    const layout = JSON.parse(readFileSync(DEMO_LAYOUT, 'utf8')) as { features: { properties: { id: string } }[] };
    layout.features = layout.features.filter((f) => f.properties.id !== 'T-CRU-01-GD2');
    const put = await fetch(`${bases[0]}/api/layout?comment=GD2`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: 'Bearer planner-token-1' },
      body: JSON.stringify(layout),
    });
    expect(put.status).toBe(201);
    expect(await Promise.all(told)).toEqual(told.map(() => 2));
    // the peer loads the version from the store and switches: the sensor is gone there too
    await expect
      .poll(async () => (await fetch(`${bases[1]}/api/layout`, { headers: { authorization: 'Bearer viewer-token-12' } })).headers.get('x-layout-version'))
      .toBe('2');
    await expect.poll(async () => (await post(bases[1], '/api/ingest/readings', [{ sensor: 'T-CRU-01-GD2', value: 1, t: Date.now() }])).status).toBe(400);
    expect((await post(bases[1], '/api/ingest/readings', [{ sensor: 'T-CRU-01-GD1', value: 1, t: Date.now() }])).status).toBe(200);
    // one layout.switched event, stored by the process that took the version
    const events = (await (await fetch(`${bases[1]}/api/events?type=layout`, { headers: { authorization: 'Bearer viewer-token-12' } })).json()) as LiveEvent[];
    expect(events.map((e) => [e.type, e.detail.version])).toEqual([['layout.switched', 2]]);
  }, 60_000);
});
