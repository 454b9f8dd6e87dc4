/**
 * Operators acknowledge and shelve alarms under their name; viewers cannot; no token, no access.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseUsers } from './auth/legacy.ts';
import { createApp, type ParktwinServer } from './app.ts';
import { DEMO_LAYOUT } from './config.ts';

const users = parseUsers('王伟:operator:operator-token-1;张强:viewer:viewer-token-12;admin:admin:admin-token-123');
let server: ParktwinServer;
let base: string;
const call = (method: string, route: string, token?: string, body?: unknown) =>
  fetch(`${base}${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

beforeAll(async () => {
  server = await createApp({ layoutFile: DEMO_LAYOUT, dbFile: ':memory:', ingestToken: 'ingest-token', tick_ms: 0, users });
  base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  const now = Date.now();
  await fetch(`${base}/api/ingest/readings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer ingest-token' },
    body: JSON.stringify([{ sensor: 'T-LPG-01-GD1', value: 60, t: now }]),
  });
});
afterAll(() => server.close());

describe('alarm API', () => {
  it('lists active alarms for any signed-in user, high priority first', async () => {
    expect((await call('GET', '/api/alarms')).status).toBe(401);
    const list = await (await call('GET', '/api/alarms', 'viewer-token-12')).json();
    expect(list.map((a: { id: string; state: string }) => `${a.id} ${a.state}`)).toEqual(['T-LPG-01-GD1:HH unacknowledged', 'T-LPG-01-GD1:H unacknowledged']);
  });

  it('a viewer cannot acknowledge; an operator can, under their name, once', async () => {
    expect((await call('POST', '/api/alarms/T-LPG-01-GD1:HH/ack', 'viewer-token-12')).status).toBe(403);
    expect((await call('POST', '/api/alarms/T-LPG-01-GD1:HH/ack')).status).toBe(401);
    const ok = await call('POST', '/api/alarms/T-LPG-01-GD1:HH/ack', 'operator-token-1');
    expect(ok.status).toBe(200);
    expect((await ok.json()).events).toMatchObject([{ type: 'alarm.acknowledged', place: 'T-LPG-01-GD1:HH', detail: { by: '王伟', from: 'unacknowledged' } }]);
    expect((await call('POST', '/api/alarms/T-LPG-01-GD1:HH/ack', 'operator-token-1')).status).toBe(409);
    expect((await call('POST', '/api/alarms/NOPE:HH/ack', 'operator-token-1')).status).toBe(404);
    const stored = await server.live.store.query({ type: 'alarm', subject: 'T-LPG-01-GD1' });
    expect(stored.map((e) => e.type)).toEqual(['alarm.unacknowledged', 'alarm.unacknowledged', 'alarm.acknowledged']);
  });

  it('an operator shelves for a number of minutes; a bad duration is refused', async () => {
    expect((await call('POST', '/api/alarms/T-LPG-01-GD1:H/shelve', 'operator-token-1', { minutes: 0 })).status).toBe(400);
    const res = await call('POST', '/api/alarms/T-LPG-01-GD1:H/shelve', 'admin-token-123', { minutes: 30 });
    expect(res.status).toBe(200);
    const list = await (await call('GET', '/api/alarms', 'viewer-token-12')).json();
    expect(list.find((a: { id: string }) => a.id === 'T-LPG-01-GD1:H')).toMatchObject({ state: 'shelved' });
  });

  it('refuses malformed user lists', () => {
    expect(() => parseUsers('a:boss:longenoughtoken')).toThrow(/role one of viewer, operator, trainer, planner, admin/);
    expect(() => parseUsers('a:viewer:short')).toThrow(/at least 12 characters/);
  });
});
