/**
 * Issue #16, case by case, against the real server: each numbered attack or fault of the issue is
 * a test that failed before the fix. The process must stay up and every answer be a 4xx naming
 * the field; nothing is half-applied.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseUsers, UsersError } from './auth/legacy.ts';
import { logText } from './auth/secrets.ts';
import { createApp, type ParktwinServer } from './app.ts';
import { MAX_REPLAY } from './realtime.ts';
import { DEMO_LAYOUT } from './config.ts';
import { killServers, spawnServer } from './__test__/process.ts';
import { useTestServer } from './__test__/server.ts';
import { freePort, PG_BIN, startPostgres, type Service } from './__test__/services.ts';

const users = parseUsers('viewer:viewer:viewer-token-12;op:operator:operator-token-1;coach:trainer:trainer-token-1');
const H = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
const srv = useTestServer({ ingestToken: 'ingest-token', users });
const ingest = (route: string, body: unknown, extra: Record<string, string> = {}) =>
  fetch(`${srv.base}/api/ingest/${route}`, {
    method: 'POST',
    headers: { ...H('ingest-token'), ...extra },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const get = (route: string, token = 'viewer-token-12') => fetch(`${srv.base}${route}`, { headers: H(token) });
const alive = async () => (await fetch(`${srv.base}/api/health`)).status === 200;
afterAll(killServers);

/** Speaks socket.io's own protocol over HTTP long-polling, so a test can send any packet at all. */
async function rawConnect(packet: string, nsp = ''): Promise<string> {
  const open = await (await fetch(`${srv.base}/socket.io/?EIO=4&transport=polling`)).text();
  const sid = JSON.parse(open.slice(1)).sid as string;
  const url = `${srv.base}/socket.io/?EIO=4&transport=polling&sid=${sid}`;
  await fetch(url, { method: 'POST', body: `40${nsp}${packet}` });
  return (await (await fetch(url)).text()).replace(/\x1e/g, ' ');
}

describe('issue #16: no packet stops the server', () => {
  it('1. a handshake token that is an object or an array is refused with bad_request; the server stays up', async () => {
    expect(await rawConnect('{"token":{"toString":1}}')).toMatch(
      /44\{"message":"bad handshake: auth\.token: .*","data":\{"code":"bad_request","field":"auth.token"\}\}/,
    );
    expect(await rawConnect('{"token":["viewer-token-12"]}')).toMatch(/"code":"bad_request"/);
    expect(await alive()).toBe(true);
  });

  it('2. a signed-in viewer sending since {toString:1} is refused the same way; the server stays up', async () => {
    expect(await rawConnect('{"token":"viewer-token-12","since":{"toString":1}}')).toMatch(/"field":"auth.since"/);
    expect(await rawConnect('{"token":"viewer-token-12","since":-1}')).toMatch(/"code":"bad_request"/);
    expect(await alive()).toBe(true);
  });

  it('3. a reading with t between 8.64e15 and 2^53 is a 400 naming t; alarms still answer; the next alarm is stored', async () => {
    for (const t of [8.64e15 + 1, 2 ** 53 - 1]) {
      const r = await ingest('readings', [{ sensor: 'T-LPG-01-GD1', value: 1, t }]);
      expect(r.status).toBe(400);
      expect((await r.json()).reasons[0]).toMatch(/^\[0\]\.t: /);
    }
    expect((await get('/api/alarms')).status).toBe(200);
    const r = await ingest('readings', [{ sensor: 'T-LPG-02-GD1', value: 95, t: Date.now() }]);
    expect(await r.json()).toMatchObject({ accepted: 1, events: 2 });
    expect(await alive()).toBe(true);
  });

  it('4. a reading stamped ten years ahead is refused with a reason and an event naming the clock; later readings alarm; the sensor shows faulty until its clock is right', async () => {
    const now = Date.now();
    const ahead = await (await ingest('readings', [{ sensor: 'T-CRU-01-GD1', value: 1, t: now + 10 * 365 * 86_400_000 }])).json();
    expect(ahead).toMatchObject({ accepted: 0, rejected_clock: 1 });
    expect(ahead.reasons[0]).toMatch(/^\[0\]\.t: .* ahead of the server's clock .*sensor "T-CRU-01-GD1" has a wrong clock/);
    expect((await (await get('/api/status')).json()).clockFaults).toContain('T-CRU-01-GD1');
    const fault = await (await get('/api/events?type=sensor.clock_fault&subject=T-CRU-01-GD1')).json();
    expect(fault).toHaveLength(1);
    // six readings of 95 %LEL (HH 40) on time: the first alarms, none is stale
    let stale = 0;
    for (let i = 0; i < 6; i++) stale += (await (await ingest('readings', [{ sensor: 'T-CRU-01-GD1', value: 95, t: now + i * 1000 }])).json()).ignored_stale;
    expect(stale).toBe(0);
    expect(((await (await get('/api/alarms')).json()) as { id: string; state: string }[]).find((a) => a.id === 'T-CRU-01-GD1:HH')).toMatchObject({
      state: 'unacknowledged',
    });
    expect((await (await get('/api/status')).json()).clockFaults).not.toContain('T-CRU-01-GD1');
    // the silent-sensor clock was not pushed into the future: it goes comm-lost when it falls silent
    await srv.server.live.tick(now + 5 * 60_000);
    expect(srv.server.live.commLostSensors()).toContain('T-CRU-01-GD1');
  });

  it('6. history is paged with a cursor; a limit above the page size is a 400 that says so; heavy reads per user are bounded (429)', async () => {
    const t = Date.now();
    const batch = Array.from({ length: 30 }, (_, i) => ({ id: `P-PAGE-${i}`, kind: 'person', lon: 117.49, lat: 38.705, t: t + i }));
    await ingest('positions', batch);
    await srv.server.live.flushTrack(t + 1000);
    const first = await get('/api/tracks?limit=10&since=' + (t - 1));
    expect(first.status).toBe(200);
    const page1 = (await first.json()) as { id: string }[];
    expect(page1).toHaveLength(10);
    const cursor = first.headers.get('x-next-cursor');
    expect(cursor).toMatch(/^\d+\.\d+$/);
    expect(first.headers.get('link')).toContain(`after=${cursor}`);
    const page2 = (await (await get(`/api/tracks?limit=10&since=${t - 1}&after=${cursor}`)).json()) as { id: string }[];
    expect(page2).toHaveLength(10);
    expect(new Set([...page1, ...page2].map((p) => p.id)).size).toBe(20);
    const big = await get('/api/events?limit=100000');
    expect(big.status).toBe(400);
    expect((await big.json()).error).toMatch(/limit: .*at most|between 1 and 10000/);
    // three at once per user: the third waits for nobody, it is told to retry
    const slow = srv.server.live.store;
    const real = slow.query.bind(slow);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    slow.query = async (q) => (await gate, real(q));
    const pending = [get('/api/events'), get('/api/events')];
    await new Promise((r) => setTimeout(r, 100));
    const third = await get('/api/events');
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('1');
    release();
    expect((await Promise.all(pending)).map((r) => r.status)).toEqual([200, 200]);
    slow.query = real;
  });

  it('6. a socket replay since 0 is bounded and paged, and says whether it was complete', async () => {
    // more events than one replay sends
    const t = Date.now();
    await srv.server.live.store.append(
      Array.from({ length: MAX_REPLAY + 700 }, (_, i) => ({ t_ms: t + i, type: 'drill.release_stopped' as const, subject: `S-${i}`, place: null, detail: {} })),
    );
    const replay = async (since: number) => {
      const c = srv.socket('/', { auth: { token: 'viewer-token-12', since } });
      const pages: number[] = [];
      c.on('events', (es: unknown[]) => pages.push(es.length));
      const done = await new Promise<{ complete: boolean; lastId: number }>((resolve) => c.once('replay', resolve));
      c.close();
      return { done, pages };
    };
    const first = await replay(0);
    expect(first.done.complete).toBe(false);
    expect(first.pages.reduce((a, b) => a + b, 0)).toBe(MAX_REPLAY);
    expect(Math.max(...first.pages)).toBeLessThanOrEqual(500);
    // the rest, from where it stopped
    const rest = await replay(first.done.lastId);
    expect(rest.done.complete).toBe(true);
    expect(rest.pages.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('7. 200 drills started and ended leave memory flat (their namespaces, state and stores are freed)', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const scenario = { kind: 'toxic-leak', source: 'T-CHL-01', rate_kg_s: 5, weather: { wind_speed_m_s: 3, wind_from_deg: 0, stability: 'D' } };
    const cycle = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const info = srv.server.drills.start({ scenario }, { name: 'coach' }, Date.now());
        await srv.server.drills.end(info.id);
      }
    };
    await cycle(20); // warm up: code and caches
    gc();
    const before = process.memoryUsage().heapUsed;
    await cycle(200);
    gc();
    const grown_MB = (process.memoryUsage().heapUsed - before) / 1e6;
    // the leak was about 1.2 MB a drill (240 MB here); what remains is noise
    expect(grown_MB).toBeLessThan(40);
    expect(srv.server.drills.list()).toEqual([]);
  }, 300_000);

  it('10. smaller: unsupported content-encoding 415; shelve minutes checked (400); 413 names the route’s limit; role length; huge since and NUL are 400', async () => {
    expect((await ingest('readings', '[]', { 'content-encoding': 'x-unknown' })).status).toBe(415);
    await ingest('readings', [{ sensor: 'T-LPG-03-GD1', value: 95, t: Date.now() }]);
    const shelve = (body: unknown) =>
      fetch(`${srv.base}/api/alarms/T-LPG-03-GD1:HH/shelve`, { method: 'POST', headers: H('operator-token-1'), body: JSON.stringify(body) });
    for (const bad of [{ minutes: 0.0001 }, { minutes: 0 }, { minutes: 'x' }, {}, { minutes: 5, extra: 1 }]) {
      const r = await shelve(bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect((await r.json()).field).toBeTruthy();
    }
    const big = await fetch(`${srv.base}/api/alarms/T-LPG-03-GD1:HH/ack`, {
      method: 'POST',
      headers: H('operator-token-1'),
      body: JSON.stringify({ pad: 'x'.repeat(20_000) }),
    });
    expect(big.status).toBe(413);
    expect((await big.json()).error).toMatch(/10 kB at most/);
    const role = await ingest('positions', [{ id: 'P-R', kind: 'person', lon: 117.49, lat: 38.705, t: Date.now(), role: 'r'.repeat(65) }]);
    expect(role.status).toBe(400);
    expect((await role.json()).reasons[0]).toMatch(/^\[0\]\.role: /);
    for (const q of ['since=99999999999999999999', 'since=%00', 'subject=a%00b', 'since[a]=1']) {
      const r = await get(`/api/events?${q}`);
      expect(r.status, q).toBe(400);
      expect((await r.json()).field).toBeTruthy();
    }
  });

  it('10. PARKTWIN_USERS: a token with ":" is refused, not cut; duplicate tokens are refused', () => {
    expect(() => parseUsers('a:viewer:abc:defghijklmnop')).toThrow(UsersError);
    expect(() => parseUsers('a:viewer:abcdefghijklmnop;b:operator:abcdefghijklmnop')).toThrow(/same token/);
  });

  it('10. a park name with a newline or ANSI escapes cannot forge a log line; 503s do not echo internal text', async () => {
    expect(logText('Park\nparktwin: admin signed in\x1b[31m')).toBe('Park\\u000aparktwin: admin signed in\\u001b[31m');
    const store = srv.server.live.store;
    const append = store.append.bind(store);
    store.append = async () => {
      throw new Error('SQLITE_FULL secret detail /var/lib/x');
    };
    const r = await ingest('readings', [{ sensor: 'T-LPG-04-GD1', value: 95, t: Date.now() }]);
    store.append = append;
    expect(r.status).toBe(503);
    expect(JSON.stringify(await r.json())).not.toMatch(/SQLITE|secret|var/);
    expect(await alive()).toBe(true);
  });
});

describe.skipIf(!PG_BIN)('issue #16 on PostgreSQL', () => {
  let pg: Service;
  let s: ParktwinServer;
  beforeAll(async () => {
    pg = await startPostgres();
    s = await createApp({ layoutFile: DEMO_LAYOUT, databaseUrl: pg.url, ingestToken: 'ingest-token', tick_ms: 0, users });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
    await pg?.stop();
  });

  it('8. a position id with NUL is a 400 and everyone else’s track history is kept', async () => {
    const port = await s.listen(0, '127.0.0.1');
    const post = (body: unknown) =>
      fetch(`http://127.0.0.1:${port}/api/ingest/positions`, { method: 'POST', headers: H('ingest-token'), body: JSON.stringify(body) });
    const t = Date.now();
    const bad = await post([{ id: 'P-\u0000', kind: 'person', lon: 117.49, lat: 38.705, t }]);
    expect(bad.status).toBe(400);
    expect((await bad.json()).reasons[0]).toMatch(/^\[0\]\.id: must not contain control characters/);
    expect((await post([{ id: 'P-OK', kind: 'person', lon: 117.49, lat: 38.705, t }])).status).toBe(200);
    await s.live.flushTrack(t + 1);
    expect((await s.live.store.queryTrack({ subject: 'P-OK' })).length).toBe(1);
    const since = await fetch(`http://127.0.0.1:${port}/api/events?since=99999999999999999999`, { headers: H('viewer-token-12') });
    expect(since.status).toBe(400);
  });
});

describe('issue #16: no restart forgets an alarm', () => {
  it('5. an unacknowledged HH alarm, an acknowledged one and a shelved one are the same after SIGKILL and restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parktwin-alarmstate-'));
    const port = await freePort();
    const b = `http://127.0.0.1:${port}`;
    const env = {
      PORT: String(port),
      PARKTWIN_DB: path.join(dir, 'events.db'),
      PARKTWIN_SIMULATOR: 'off',
      PARKTWIN_INGEST_TOKEN: 'restart-token-1',
      PARKTWIN_USERS: 'v:viewer:viewer-token-12;op:operator:operator-token-1',
    };
    const first = await spawnServer(env);
    const t = Date.now();
    await fetch(`${b}/api/ingest/readings`, {
      method: 'POST',
      headers: H('restart-token-1'),
      body: JSON.stringify(['T-LPG-01-GD1', 'T-LPG-02-GD1', 'T-LPG-03-GD1'].map((sensor) => ({ sensor, value: 60, t }))),
    });
    expect((await fetch(`${b}/api/alarms/T-LPG-02-GD1:HH/ack`, { method: 'POST', headers: H('operator-token-1'), body: '{}' })).status).toBe(200);
    expect((await fetch(`${b}/api/alarms/T-LPG-03-GD1:H/shelve`, { method: 'POST', headers: H('operator-token-1'), body: '{"minutes":30}' })).status).toBe(200);
    const alarms = async () => (await (await fetch(`${b}/api/alarms`, { headers: H('viewer-token-12') })).json()) as unknown[];
    const before = await alarms();
    expect(before.length).toBe(6);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    await spawnServer(env);
    expect(await alarms()).toEqual(before);
    // acknowledging the restored alarm works as before the restart
    const ack = await fetch(`${b}/api/alarms/T-LPG-01-GD1:HH/ack`, { method: 'POST', headers: H('operator-token-1'), body: '{}' });
    expect(ack.status).toBe(200);
  }, 60_000);
});
