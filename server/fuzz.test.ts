/**
 * Fuzzing the edge (issues #15, #16): fast-check throws generated malformed input at every write
 * route, every query string of the history routes, the socket.io handshake and events (raw
 * packets on a WebSocket, as an attacker writes them, not through a well-behaved client) and the
 * MQTT topics (a real Mosquitto). Every answer is a 4xx (or a socket `connect_error`, an MQTT
 * rejection) naming what is wrong, the process stays up, and nothing is half-applied.
 */
import fc from 'fast-check';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseUsers } from './auth/legacy.ts';
import { createApp, type ParktwinServer } from './app.ts';
import { DEMO_LAYOUT } from './config.ts';
import { MQTT_TOPICS } from './ingest/mqtt.ts';
import { MOSQUITTO, startMosquitto, type Service } from './__test__/services.ts';

if (!MOSQUITTO) {
  if (process.env.CI) throw new Error('mosquitto is missing: the MQTT fuzz cannot run (apt-get install mosquitto)');
  console.warn('\n!!! mosquitto not installed: SKIPPING the MQTT fuzz !!!\n');
}

let server: ParktwinServer;
let base: string;
let broker: Service | undefined;
const users = parseUsers('op:operator:operator-token-1;coach:trainer:trainer-token-1');
beforeAll(async () => {
  broker = MOSQUITTO ? await startMosquitto() : undefined;
  server = await createApp({
    layoutFile: DEMO_LAYOUT,
    dbFile: ':memory:',
    ingestToken: 'ingest-token',
    tick_ms: 0,
    users,
    auth: { maxFailures: 1e9 },
    mqttUrl: broker?.url,
    heavyReadsPerUser: 1e6,
  });
  await server.mqtt?.ready;
  base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
}, 60_000);
afterAll(async () => {
  await server?.close();
  await broker?.stop();
});

/** Almost-right items: the right keys with wrong values, extra keys, wrong types, hostile strings. */
const hostile = fc.oneof(
  fc.string(),
  fc.constantFrom('\u0000', 'a\nb', '\u001b[31m', 'x'.repeat(100), '令牌'),
  fc.double(),
  fc.integer(),
  fc.constant(null),
  fc.boolean(),
  fc.constant(8.64e15 + 1),
  fc.object({ maxDepth: 2 }),
);
const item = fc.record(
  { sensor: hostile, value: hostile, t: hostile, id: hostile, kind: hostile, lon: hostile, lat: hostile, role: hostile },
  { requiredKeys: [] },
);
const body = fc.oneof(fc.array(item, { minLength: 1, maxLength: 5 }), fc.anything({ maxDepth: 3 }), item);
const RUNS = 1000;

describe('fuzz', () => {
  it.each(['readings', 'positions', 'weather'])(
    'POST /api/ingest/%s: 1 000 malformed bodies each get a 4xx naming the field; nothing applied',
    async (route) => {
      const before = (await server.live.store.query({ limit: 10000 })).length;
      let applied = 0;
      await fc.assert(
        fc.asyncProperty(body, async (b) => {
          const r = await fetch(`${base}/api/ingest/${route}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: 'Bearer ingest-token' },
            body: JSON.stringify(b),
          });
          if (r.status === 200) {
            // a generated body that happens to be valid: what it caused is counted
            applied += ((await r.json()) as { events?: number }).events ?? 0;
            return;
          }
          expect(r.status).toBeGreaterThanOrEqual(400);
          expect(r.status).toBeLessThan(500);
          const j = (await r.json()) as { error: string; reasons?: string[] };
          expect(j.error.length + (j.reasons?.join('').length ?? 0)).toBeGreaterThan(0);
        }),
        { numRuns: RUNS },
      );
      expect((await fetch(`${base}/api/health`)).status).toBe(200);
      // the store holds exactly what the accepted batches said they caused: nothing of a rejected one
      await server.live.flushed();
      expect((await server.live.store.query({ limit: 10000 })).length).toBe(before + applied);
    },
    120_000,
  );

  it.each([
    ['/api/alarms/T-LPG-01-GD1:HH/shelve', 'operator-token-1'],
    ['/api/drills', 'trainer-token-1'],
    ['/api/sign-in', ''],
  ])(
    'POST %s: malformed bodies each get a 4xx naming the field',
    async (route, token) => {
      await server.live.ingestReadings([{ sensor: 'T-LPG-01-GD1', value: 60, t: Date.now() }]);
      await fc.assert(
        fc.asyncProperty(fc.anything({ maxDepth: 3 }), async (b) => {
          const r = await fetch(`${base}${route}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
            body: JSON.stringify(b) ?? 'null',
          });
          expect(r.status, JSON.stringify(b)).toBeGreaterThanOrEqual(400);
          expect(r.status).toBeLessThan(500);
          expect(((await r.json()) as { error: string }).error).toBeTruthy();
        }),
        { numRuns: RUNS },
      );
      expect(server.drills.list()).toEqual([]);
    },
    120_000,
  );

  it('GET history routes: 1 000 generated query strings each answer 200 or a 4xx naming the parameter, never a 5xx', async () => {
    const keys = fc.constantFrom(
      'since',
      'until',
      'limit',
      'after',
      'type',
      'subject',
      'action',
      'actor',
      'format',
      'drill',
      'x',
      '__proto__',
      'since[]',
      'limit[a]',
    );
    const value = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.constantFrom(
        '%00',
        '99999999999999999999',
        '-1',
        '1e400',
        'NaN',
        '2026-11-28T02:00:00+08:00',
        '0',
        '10001',
        '1.5',
        'ndjson',
        'csv',
        '1.2.3',
        '\u0000',
        '%E0%A4%A',
      ),
      fc.integer().map(String),
    );
    const query = fc
      .array(fc.tuple(keys, value), { maxLength: 6 })
      .map((kv) => kv.map(([k, v]) => `${encodeURIComponent(k)}=${Math.random() < 0.1 ? v : encodeURIComponent(v)}`).join('&'));
    const route = fc.constantFrom('/api/events', '/api/tracks', '/api/sensors/T-LPG-01-GD1/history', '/api/alarms');
    const counts = { ok: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(route, query, async (r, q) => {
        const res = await fetch(`${base}${r}?${q}`, { headers: { authorization: 'Bearer operator-token-1' } });
        const text = await res.text();
        if (res.status === 200) return void counts.ok++;
        counts.refused++;
        expect([400, 404], `${r}?${q} → ${res.status} ${text}`).toContain(res.status);
        const j = JSON.parse(text) as { error: string };
        expect(j.error, `${r}?${q}`).toBeTruthy();
        if (res.status === 400) expect(j.error + text).toMatch(/since|until|limit|after|type|subject|action|actor|format|drill|query|parameter|field/i);
      }),
      { numRuns: RUNS },
    );
    expect(counts.ok).toBeGreaterThan(0);
    expect(counts.refused).toBeGreaterThan(0);
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  }, 180_000);
});

/** A raw socket.io client: engine.io over a WebSocket, packets written by hand. */
async function rawSocket(): Promise<{ ws: WebSocket; next(): Promise<string | null> }> {
  const ws = new WebSocket(`${base.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
  const inbox: (string | null)[] = [];
  let wake: (() => void) | undefined;
  const push = (m: string | null) => (inbox.push(m), wake?.());
  ws.on('message', (d) => {
    const m = d.toString();
    if (m === '2')
      ws.send('3'); // engine.io ping → pong
    else push(m);
  });
  ws.on('close', () => push(null));
  ws.on('error', () => push(null));
  const next = async () => {
    while (!inbox.length) await new Promise<void>((r) => (wake = r));
    return inbox.shift()!;
  };
  const open = await next();
  expect(open).toMatch(/^0\{/);
  return { ws, next };
}

describe('fuzz: the socket', () => {
  const hostile = fc.oneof(
    fc.string(),
    fc.constantFrom('operator-token-1', '令牌令牌令牌令牌令牌令牌', '\u0000', 'Bearer x'),
    fc.double(),
    fc.integer(),
    fc.constant(null),
    fc.boolean(),
    fc.constant({ toString: 1 }),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.object({ maxDepth: 2 }),
    fc.constant(8.64e15 + 1),
  );
  const auth = fc.oneof(
    fc.record({ token: hostile, since: hostile, layers: hostile, drill: hostile }, { requiredKeys: [] }),
    fc.record({ token: fc.constant('operator-token-1'), since: fc.oneof(hostile, fc.nat()) }, { requiredKeys: ['token'] }), // the right token, the rest hostile
    fc.anything({ maxDepth: 3 }),
  );

  it('1 000 generated handshakes on the live park and a running drill: each is connected only with a valid token and valid fields, else refused with a code (and the field); the server stays up', async () => {
    const drill = await server.drills.start(
      { scenario: { kind: 'toxic-leak', source: 'T-CHL-01', rate_kg_s: 5, weather: { wind_speed_m_s: 3, wind_from_deg: 0, stability: 'D' } }, start_at_s: 600 },
      { name: 'coach', role: 'trainer' } as never,
      Date.now(),
    );
    let connected = 0;
    await fc.assert(
      fc.asyncProperty(auth, fc.boolean(), async (a, drillNsp) => {
        const { ws, next } = await rawSocket();
        const nsp = drillNsp ? `/drill/${drill.id},` : '';
        ws.send(`40${nsp}${JSON.stringify(a) ?? ''}`);
        const reply = await next();
        ws.close();
        if (reply === null) return; // the packet did not decode: socket.io closes the connection
        if (reply.startsWith(`40${nsp}{"sid"`)) {
          connected++;
          const o = a as Record<string, unknown>;
          expect(o.token, JSON.stringify(a)).toBe('operator-token-1');
          expect(o.since === undefined || (Number.isSafeInteger(o.since) && (o.since as number) >= 0), JSON.stringify(a)).toBe(true);
          return;
        }
        expect(reply, JSON.stringify(a)).toMatch(new RegExp(`^44${nsp.replace('/', '\\/')}\\{`));
        const err = JSON.parse(reply.slice(2 + nsp.length)) as { message: string; data?: { code: string; field?: string } };
        expect(['bad_request', 'unauthorised', 'drill_ended', 'forbidden'], reply).toContain(err.data?.code);
        if (err.data?.code === 'bad_request') expect(err.data.field, reply).toBeTruthy();
      }),
      { numRuns: RUNS },
    );
    expect(connected).toBeGreaterThan(0);
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    await server.drills.end(drill.id);
  }, 180_000);

  it('1 000 generated packets after signing in (events, acks, broken JSON, unknown types): the server stays up and keeps serving that socket’s peers', async () => {
    const packet = fc.oneof(
      fc
        .tuple(fc.constantFrom('subscribe', 'resync', 'ack', 'shelve', '__proto__', 'constructor', ''), fc.anything({ maxDepth: 3 }))
        .map(([ev, x]) => `42${JSON.stringify([ev, x])}`),
      fc.anything({ maxDepth: 2 }).map((x) => `421${JSON.stringify(['subscribe', x])}`),
      fc.constantFrom('422["resync"]', '423["resync",1]'),
      fc.string().map((x) => `4${x}`),
      fc.string().map((x) => `42${x}`),
      fc.constantFrom('41', '43', '45', '46', '4', '5', '6', '1', '42["subscribe",' + '['.repeat(5000)),
    );
    const { ws: peer, next: peerNext } = await rawSocket();
    peer.send('40{"token":"operator-token-1"}');
    expect(await peerNext()).toMatch(/^40\{"sid"/);
    await fc.assert(
      fc.asyncProperty(fc.array(packet, { minLength: 1, maxLength: 4 }), async (packets) => {
        const { ws, next } = await rawSocket();
        ws.send('40{"token":"operator-token-1"}');
        expect(await next()).toMatch(/^40\{"sid"/);
        for (const p of packets) ws.send(p);
        ws.close();
      }),
      { numRuns: RUNS },
    );
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    // the peer that sent nothing wrong is still connected and answered
    peer.send('421["subscribe",["alarms"]]');
    for (;;) {
      const m = await peerNext();
      expect(m).not.toBeNull();
      if (m!.startsWith('431')) break;
    }
    peer.close();
  }, 180_000);
});

describe.skipIf(!MOSQUITTO)('fuzz: MQTT', () => {
  it('1 000 generated messages on the ingest topics (tokens and payloads alike): each rejected with a reason on parktwin/ingest/rejected; the server stays up', async () => {
    const pub = await mqtt.connectAsync(broker!.url);
    const rejected: { topic: string; error: string; reasons?: string[] }[] = [];
    let wake: (() => void) | undefined;
    pub.on('message', (_t, p) => (rejected.push(JSON.parse(p.toString())), wake?.()));
    await pub.subscribeAsync(MQTT_TOPICS.rejected, { qos: 1 });
    const token = fc.oneof(
      fc.constant('ingest-token'),
      fc.string(),
      fc.constantFrom('令牌令牌令牌令牌令牌令牌', ''),
      fc.integer(),
      fc.constant({ toString: 1 }),
      fc.array(fc.string()),
    );
    const payload = fc.oneof(
      fc
        .record({ token, data: fc.oneof(fc.array(item, { minLength: 1, maxLength: 4 }), fc.anything({ maxDepth: 2 })) }, { requiredKeys: [] })
        .map((o) => Buffer.from(JSON.stringify(o))),
      fc.string().map((s) => Buffer.from(s)),
      fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)),
    );
    try {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(MQTT_TOPICS.readings, MQTT_TOPICS.positions, MQTT_TOPICS.weather), payload, async (topic, p) => {
          const n = rejected.length;
          await pub.publishAsync(topic, p, { qos: 1 });
          // a rejection is published at once; a message without one within a second was accepted
          const until = Date.now() + 1000;
          while (rejected.length === n && Date.now() < until) await new Promise<void>((r) => ((wake = r), setTimeout(r, 100)));
          if (rejected.length === n) {
            // only a well-formed message with the ingest token may be accepted (an empty batch, say)
            expect(JSON.parse(p.toString()), `accepted without a rejection: ${p.toString().slice(0, 200)}`).toMatchObject({
              token: 'ingest-token',
              data: expect.any(Array),
            });
            return;
          }
          expect(rejected.length).toBe(n + 1);
          const r = rejected.at(-1)!;
          expect(r.topic).toBe(topic);
          expect(r.error).toBeTruthy();
          expect(r.error).not.toMatch(/internal error/);
        }),
        { numRuns: RUNS },
      );
    } finally {
      await pub.endAsync();
    }
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  }, 300_000);
});
