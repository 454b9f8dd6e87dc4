/**
 * Fuzzing the edge (issues #15, #16): fast-check throws generated malformed bodies at every write
 * route (the socket handshake's hostile packets are in reliability.test.ts). Every answer is a 4xx naming
 * what is wrong, the process stays up, and nothing is half-applied (the store holds no new event).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseUsers } from './auth/legacy.ts';
import { createApp, type ParktwinServer } from './app.ts';
import { DEMO_LAYOUT } from './config.ts';

let server: ParktwinServer;
let base: string;
const users = parseUsers('op:operator:operator-token-1;coach:trainer:trainer-token-1');
beforeAll(async () => {
  server = await createApp({ layoutFile: DEMO_LAYOUT, dbFile: ':memory:', ingestToken: 'ingest-token', tick_ms: 0, users, auth: { maxFailures: 1e9 } });
  base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
});
afterAll(() => server.close());

/** Almost-right items: the right keys with wrong values, extra keys, wrong types, hostile strings. */
const hostile = fc.oneof(fc.string(), fc.constantFrom('\u0000', 'a\nb', '\u001b[31m', 'x'.repeat(100), '令牌'), fc.double(), fc.integer(), fc.constant(null), fc.boolean(), fc.constant(8.64e15 + 1), fc.object({ maxDepth: 2 }));
const item = fc.record({ sensor: hostile, value: hostile, t: hostile, id: hostile, kind: hostile, lon: hostile, lat: hostile, role: hostile }, { requiredKeys: [] });
const body = fc.oneof(fc.array(item, { minLength: 1, maxLength: 5 }), fc.anything({ maxDepth: 3 }), item);
const RUNS = 1000;

describe('fuzz', () => {
  it.each(['readings', 'positions', 'weather'])('POST /api/ingest/%s: 1 000 malformed bodies each get a 4xx naming the field; nothing applied', async (route) => {
    const before = (await server.live.store.query({ limit: 10000 })).length;
    let applied = 0;
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const r = await fetch(`${base}/api/ingest/${route}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ingest-token' }, body: JSON.stringify(b) });
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
  }, 120_000);

  it.each([
    ['/api/alarms/T-LPG-01-GD1:HH/shelve', 'operator-token-1'],
    ['/api/drills', 'trainer-token-1'],
    ['/api/sign-in', ''],
  ])('POST %s: malformed bodies each get a 4xx naming the field', async (route, token) => {
    await server.live.ingestReadings([{ sensor: 'T-LPG-01-GD1', value: 60, t: Date.now() }]);
    await fc.assert(
      fc.asyncProperty(fc.anything({ maxDepth: 3 }), async (b) => {
        const r = await fetch(`${base}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(b) ?? 'null' });
        expect(r.status, JSON.stringify(b)).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(500);
        expect(((await r.json()) as { error: string }).error).toBeTruthy();
      }),
      { numRuns: RUNS },
    );
    expect(server.drills.list()).toEqual([]);
  }, 120_000);

});
