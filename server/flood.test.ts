/**
 * Issue #16, item 6: the ingest → alarm → push path while history is being read. An alarm flood
 * arrives while twelve clients page through 20 000 stored events (more than the per-user limit on
 * heavy reads allows at once): every alarm is stored and pushed to a watching socket, every read is
 * answered 200 or 429 with Retry-After, health answers throughout. No timing is asserted here; the
 * latency under the same load, against the same flood without readers, is `npm run bench -- history`.
 */
import { describe, expect, it } from 'vitest';
import { parseUsers } from './auth/legacy.ts';
import { next, useTestServer } from './__test__/server.ts';

const users = parseUsers('viewer:viewer:viewer-token-12;op:operator:operator-token-1;coach:trainer:trainer-token-1');
const H = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
const srv = useTestServer({ ingestToken: 'ingest-token', users });
const ingest = (route: string, body: unknown) =>
  fetch(`${srv.base}/api/ingest/${route}`, { method: 'POST', headers: H('ingest-token'), body: JSON.stringify(body) });
const get = (route: string, token: string) => fetch(`${srv.base}${route}`, { headers: H(token) });
const alive = async () => (await fetch(`${srv.base}/api/health`)).status === 200;

describe('issue #16: the alarm path while history is read', () => {
  it('an alarm flood while many clients page through history: every alarm is stored and pushed, every read answered (200 or 429), health stays up', async () => {
    // history to read: 20 000 stored events (written as the store would, not through ingest)
    const T = Date.now() - 3600_000;
    await srv.server.live.store.append(
      Array.from({ length: 20_000 }, (_, i) => ({ t_ms: T + i, type: 'fence.breach', subject: `P-H-${i % 500}`, place: 'FENCE', detail: { segment: i % 40 } })),
    );
    const watcher = srv.socket('/', { auth: { token: 'viewer-token-12' } });
    await next(watcher, 'snapshot');
    const pushed = new Set<string>();
    watcher.on('events', (es) => es.forEach((e) => e.type === 'alarm.unacknowledged' && pushed.add(e.place!)));
    // 12 readers (3 users × 4 each: above the per-user limit, so some are told to retry) page through
    let stop = false;
    const answers = new Map<number, number>();
    const reader = async (token: string) => {
      while (!stop) {
        let url = '/api/events?limit=10000';
        for (;;) {
          const r = await get(url, token);
          answers.set(r.status, (answers.get(r.status) ?? 0) + 1);
          if (r.status === 429) {
            expect(r.headers.get('retry-after')).toBeTruthy();
            await r.body?.cancel();
            break;
          }
          expect(r.status).toBe(200);
          await r.arrayBuffer();
          const cursor = r.headers.get('x-next-cursor');
          if (!cursor || stop) break;
          url = `/api/events?limit=10000&after=${cursor}`;
        }
      }
    };
    const readers = ['viewer-token-12', 'operator-token-1', 'trainer-token-1'].flatMap((t) => Array.from({ length: 4 }, () => reader(t)));
    // the flood: 60 sensors' HH alarms, one batch of 5 every few milliseconds
    const gas = srv.server.model
      .ofKind('sensor')
      .filter((f) => /-GD\d$/.test(f.id))
      .slice(0, 60)
      .map((f) => f.id);
    expect(gas).toHaveLength(60);
    const t = Date.now();
    for (let i = 0; i < gas.length; i += 5) {
      const r = await ingest(
        'readings',
        gas.slice(i, i + 5).map((sensor) => ({ sensor, value: 95, t })),
      );
      expect(r.status).toBe(200);
      expect(await alive()).toBe(true);
    }
    const want = gas.map((g) => `${g}:HH`);
    await expect.poll(() => want.filter((a) => !pushed.has(a)), { timeout: 20_000 }).toEqual([]);
    stop = true;
    await Promise.all(readers);
    const stored = new Set((await srv.server.live.store.query({ type: 'alarm.unacknowledged', limit: 10000 })).map((e) => e.place));
    expect(want.filter((a) => !stored.has(a))).toEqual([]);
    expect(answers.get(200)).toBeGreaterThan(0);
    expect(
      [...answers.keys()].every((s) => s === 200 || s === 429),
      JSON.stringify([...answers]),
    ).toBe(true);
    watcher.close();
  }, 60_000);
});
