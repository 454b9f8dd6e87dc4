/**
 * Supervision tiers over HTTP against the real server and its SQLite file: the suggestion from the
 * GB 18218 grades, an admin's decision with its reason kept with its history (and in the audit
 * trail), back to the suggestion, scoped readers, bad input refused, the history surviving a restart.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EnterpriseTier } from '../src/geo/compliance/supervision.ts';
import { parseUsers } from './auth/legacy.ts';
import { hashPassword } from './auth/secrets.ts';
import { writeUsersFile } from './auth/usersFile.ts';
import { createApp, type ParktwinServer } from './app.ts';
import { DEMO_LAYOUT } from './config.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'parktwin-tiers-'));
const dbFile = path.join(dir, 'events.db');
const users = parseUsers('王伟:operator:operator-token-1;admin:admin:admin-token-123');
const servers: ParktwinServer[] = [];
const start = async (deps: object = { users }) => {
  const s = await createApp({ layoutFile: DEMO_LAYOUT, dbFile, tick_ms: 0, ...deps });
  servers.push(s);
  return { s, base: `http://127.0.0.1:${await s.listen(0, '127.0.0.1')}` };
};
afterAll(async () => {
  for (const s of servers) await s.close().catch(() => {});
});
const call = (base: string, method: string, route: string, token?: string, body?: unknown) =>
  fetch(`${base}${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const tierOf = async (base: string, enterprise: string, token = 'operator-token-1') =>
  ((await (await call(base, 'GET', '/api/tiers', token)).json()) as EnterpriseTier[]).find((t) => t.enterprise === enterprise)!;

describe('supervision tiers', () => {
  it('suggests each enterprise’s tier from its worst GB 18218 grade; an admin sets one with a reason, kept with its history; null goes back', async () => {
    const { s, base } = await start();
    // the LPG station's worst unit is grade 1 → red (parktwin's mapping); the logistics firm has no major hazard source
    expect(await tierOf(base, 'E-LPG')).toMatchObject({ suggested: 'red', in_force: 'red', source: 'suggested', decided: null, history: [] });
    expect(await tierOf(base, 'E-LOG')).toMatchObject({ suggested: null, in_force: null, suggested_basis: 'no major hazard source' });

    // only an admin decides, on a known enterprise, with a reason
    expect((await call(base, 'POST', '/api/tiers/E-LPG', 'operator-token-1', { tier: 'yellow', reason: 'rectified' })).status).toBe(403);
    expect((await call(base, 'POST', '/api/tiers/E-NOPE', 'admin-token-123', { tier: 'yellow', reason: 'rectified' })).status).toBe(404);
    const bad = await call(base, 'POST', '/api/tiers/E-LPG', 'admin-token-123', { tier: 'purple', reason: 'x' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/tier/);
    const short = await call(base, 'POST', '/api/tiers/E-LPG', 'admin-token-123', { tier: 'yellow', reason: ' ok ' });
    expect((await short.json()).error).toMatch(/reason.*at least 5/);
    expect((await tierOf(base, 'E-LPG')).history).toEqual([]); // nothing half-applied

    const set = await call(base, 'POST', '/api/tiers/E-LPG', 'admin-token-123', { tier: 'yellow', reason: '隐患已整改，2026 年第二次集中检查复核' });
    expect(set.status).toBe(201);
    expect(await set.json()).toMatchObject({
      enterprise: 'E-LPG',
      suggested: 'red',
      in_force: 'yellow',
      source: 'decided',
      decided: { tier: 'yellow', by: 'admin' },
    });
    // the command centre's units take the enterprise's decided tier
    const back = await call(base, 'POST', '/api/tiers/E-LPG', 'admin-token-123', { tier: null, reason: 'decision withdrawn after the audit' });
    expect(await back.json()).toMatchObject({ in_force: 'red', source: 'suggested', decided: null });
    const h = (await tierOf(base, 'E-LPG')).history;
    expect(h.map((d) => [d.tier, d.by])).toEqual([
      ['yellow', 'admin'],
      [null, 'admin'],
    ]);
    expect(typeof h[0].t).toBe('number');
    // and the audit trail has both
    await s.auth.flushAudit();
    const audit = (await (await call(base, 'GET', '/api/audit?action=tier.set', 'admin-token-123')).json()) as {
      target: string;
      detail: { tier: string | null };
    }[];
    expect(audit.map((a) => [a.target, a.detail.tier])).toEqual([
      ['E-LPG', 'yellow'],
      ['E-LPG', null],
    ]);
    await call(base, 'POST', '/api/tiers/E-CHL', 'admin-token-123', { tier: 'yellow', reason: 'kept under key attention' });
    await s.close();
  });

  it('keeps the history across a restart, and shows an enterprise-scoped reader its own enterprise only', async () => {
    const usersFile = path.join(dir, 'users.json');
    writeUsersFile(usersFile, {
      users: [{ name: 'lpg-op', role: 'operator', password: await hashPassword('lpg pass phrase'), enterprises: ['E-LPG'] }],
      tokens: [],
      shared: [],
    });
    const { base } = await start({ usersFile });
    const r = await fetch(`${base}/api/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'lpg-op', password: 'lpg pass phrase' }),
    });
    const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
    const mine = (await (await fetch(`${base}/api/tiers`, { headers: { cookie } })).json()) as EnterpriseTier[];
    expect(mine.map((t) => t.enterprise)).toEqual(['E-LPG']);
    expect(mine[0].history).toHaveLength(2);
  });
});
