/**
 * Permits over HTTP against the real server, once on SQLite and once on PostgreSQL (a cluster the test
 * starts on a free port): an enterprise's operator files a hot-work permit, a named approver approves,
 * work starts; the live park shows who is inside and whether the watcher is near, a watcher who walks
 * away is an event, a gas detector in alarm next to the work suspends it; resuming needs a new gas
 * analysis; the park spot-checks and reads the statistics; every step is audited and survives a
 * restart; two approvals at once take one step.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LiveEvent, LiveStatus } from '../src/protocol/events.ts';
import type { Permit, PermitStatsRow } from '../src/protocol/permits.ts';
import { PG_BIN, withPostgres } from './__test__/services.ts';
import { useServers } from './__test__/server.ts';
import { hashToken } from './auth/secrets.ts';
import { writeUsersFile } from './auth/usersFile.ts';

if (!PG_BIN && process.env.CI) throw new Error('PostgreSQL is missing: permit tests cannot run on it (apt-get install postgresql)');

const H = 3600_000;
const dir = mkdtempSync(path.join(tmpdir(), 'parktwin-permits-'));
const usersFile = path.join(dir, 'users.json');
const TOKENS = {
  wang: ['王伟', 'operate', ['E-CRU']],
  chen: ['陈静', 'operate', ['E-CRU']],
  park: ['安监局值班', 'operate', undefined],
  lpg: ['lpg-op', 'operate', ['E-LPG']],
  viewer: ['viewer', 'read', undefined],
} as const;
const token = (k: keyof typeof TOKENS) => `${k}-token-0123456789`;
writeUsersFile(usersFile, {
  users: [],
  tokens: Object.entries(TOKENS).map(([k, [name, scope, enterprises]]) => ({
    name,
    scope,
    hash: hashToken(token(k as keyof typeof TOKENS)),
    ...(enterprises ? { enterprises: [...enterprises] } : {}),
  })),
  shared: [],
});

const call = async (base: string, who: keyof typeof TOKENS, method: string, route: string, body?: unknown) => {
  const r = await fetch(`${base}${route}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token(who)}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> & Permit };
};

function contract(name: string, deps: () => Record<string, unknown>) {
  describe(name, () => {
    const start = useServers(() => ({ usersFile, ingestToken: 'ingest-token-0123', ...deps() }));
    const ingest = (base: string, what: 'positions' | 'readings', items: unknown[]) =>
      fetch(`${base}/api/ingest/${what}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer ingest-token-0123' },
        body: JSON.stringify(items),
      });

    it('files, approves, starts; watches the watcher; a gas alarm suspends; resumes after a new analysis; spot check, statistics, audit; survives a restart', async () => {
      const { s, base } = await start();
      const now = Date.now();
      const tank = s.model.byId.get('T-CRU-01')!;
      const lonLat = (dx: number, dy: number) => s.model.frame.toLngLat([tank.anchor[0] + dx, tank.anchor[1] + dy]);
      const hotWork = {
        kind: 'hot_work',
        grade: '1',
        enterprise: 'E-CRU',
        feature: 'T-CRU-01',
        title: '1号罐浮盘密封更换（焊接）',
        valid_from: now - 60_000,
        valid_to: now + 7 * H,
        applicant: '王伟',
        workers: ['李强', '张军'],
        watcher: '刘洋',
        approvers: ['陈静'],
        worker_tags: ['P-W1', 'P-W2'],
        watcher_tag: 'P-G',
        gas_analyses: [
          { t: now - 5 * 60_000, point: '1号罐东侧人孔', kind: 'combustible', substance: 'crude oil vapour', value: 0.1, lel_pct: 1.1, analyst: '赵敏' },
        ],
      };

      // refused: the standard's limit (naming the field), a bad body, a viewer, another enterprise's operator
      const tooLong = await call(base, 'wang', 'POST', '/api/permits', { ...hotWork, valid_to: now + 10 * H });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body).toMatchObject({ field: 'valid_to', error: 'a grade-1 hot work permit is valid at most 8 h; this one runs 10 h' });
      expect((await call(base, 'wang', 'POST', '/api/permits', { ...hotWork, colour: 'red' })).body).toMatchObject({ field: 'colour' });
      expect((await call(base, 'wang', 'POST', '/api/permits', { ...hotWork, feature: undefined })).body).toMatchObject({ field: 'feature' });
      expect((await call(base, 'viewer', 'POST', '/api/permits', hotWork)).status).toBe(403);
      expect((await call(base, 'lpg', 'POST', '/api/permits', hotWork)).status).toBe(403);
      expect((await call(base, 'park', 'GET', '/api/permits')).body).toEqual([]); // nothing was half-filed

      const filed = await call(base, 'wang', 'POST', '/api/permits', hotWork);
      expect(filed.status).toBe(201);
      const id = filed.body.id;
      expect(id).toMatch(/^DH-\d{8}-01$/);
      expect(filed.body).toMatchObject({ status: 'drafted', filed_by: '王伟' });

      // the applicant cannot approve; the named approver does
      expect((await call(base, 'wang', 'POST', `/api/permits/${id}/approve`)).status).toBe(403);
      expect((await call(base, 'wang', 'POST', `/api/permits/${id}/launch`)).status).toBe(404);
      expect((await call(base, 'chen', 'POST', `/api/permits/${id}/approve`, {})).body).toMatchObject({ status: 'approved', approved_by: '陈静' });
      expect((await call(base, 'wang', 'POST', `/api/permits/${id}/start`, {})).body).toMatchObject({ status: 'active' });

      // the workers inside, the watcher beside them
      await ingest(base, 'positions', [
        { id: 'P-W1', kind: 'person', ...ll(lonLat(0, 0)), t: now },
        { id: 'P-W2', kind: 'person', ...ll(lonLat(5, 0)), t: now },
        { id: 'P-G', kind: 'person', ...ll(lonLat(10, 0)), t: now },
      ]);
      const status = async () => (await (await fetch(`${base}/api/status`, { headers: { authorization: `Bearer ${token('park')}` } })).json()) as LiveStatus;
      const events = async (type: string) =>
        (await (await fetch(`${base}/api/events?type=${type}`, { headers: { authorization: `Bearer ${token('park')}` } })).json()) as LiveEvent[];
      await eventually('the watcher present', async () => (await status()).permits[id]?.watcher_present === true);
      expect((await status()).permits[id]).toEqual({ enterprise: 'E-CRU', inside: ['P-W1', 'P-W2', 'P-G'], watcher_present: true });
      // the enterprise's own operator sees it, another enterprise's does not
      expect((await call(base, 'lpg', 'GET', '/api/permits')).body).toEqual([]);

      // the watcher walks 300 m off; a minute later (by the fixes' time) that is an event
      await ingest(base, 'positions', [{ id: 'P-G', kind: 'person', ...ll(lonLat(300, 0)), t: now + 1000 }]);
      await eventually('the watcher seen away', async () => (await status()).permits[id]?.watcher_present === false);
      expect(await events('permit.watcher_absent')).toEqual([]); // not yet: a minute's grace
      await ingest(base, 'positions', [
        { id: 'P-W1', kind: 'person', ...ll(lonLat(0, 0)), t: now + 62_000 },
        { id: 'P-G', kind: 'person', ...ll(lonLat(300, 0)), t: now + 62_000 },
      ]);
      await eventually('the watcher absent event', async () => (await events('permit.watcher_absent')).length === 1);
      expect((await events('permit.watcher_absent'))[0]).toMatchObject({ subject: id, detail: { watcher: 'P-G', priority: 'high', enterprise: 'E-CRU' } });

      // a combustible gas detector of the tank goes into HH: the hot work is suspended, and says why
      const detector = s.model.ofKind('sensor').find((f) => f.props.watches === 'T-CRU-01' && f.props.type === 'combustible_gas')!;
      await ingest(base, 'readings', [{ sensor: detector.id, value: 55, t: Date.now() }]);
      await eventually(
        'the permit suspended',
        async () => ((await call(base, 'wang', 'GET', '/api/permits')).body as unknown as Permit[])[0]?.status === 'suspended',
      );
      const suspended = ((await call(base, 'wang', 'GET', '/api/permits')).body as unknown as Permit[])[0];
      expect(suspended.suspend_reason).toMatch(new RegExp(`^gas alarm ${detector.id} HH? at \\d+(\\.\\d)? m$`));
      expect(suspended.suspend_cause).toEqual({ sensor: detector.id, level: expect.stringMatching(/^HH?$/), distance_m: expect.any(Number) });
      expect((await events('permit.suspended'))[0].detail).toMatchObject({ gas_alarm: true, sensor: detector.id, priority: 'high', by: 'system' });

      // resuming needs a new analysis taken after the alarm
      const noAnalysis = await call(base, 'wang', 'POST', `/api/permits/${id}/resume`, {});
      expect(noAnalysis).toMatchObject({ status: 409, body: { field: 'gas_analyses' } });
      const analysis = {
        t: Date.now(),
        point: '1号罐东侧人孔',
        kind: 'combustible',
        substance: 'crude oil vapour',
        value: 0.05,
        lel_pct: 1.1,
        analyst: '赵敏',
      };
      expect((await call(base, 'wang', 'POST', `/api/permits/${id}/analysis`, { analysis })).body.gas_analyses).toHaveLength(2);
      expect((await call(base, 'wang', 'POST', `/api/permits/${id}/resume`, {})).body).toMatchObject({ status: 'active', suspensions: 1, suspend_cause: null });

      // the park spot-checks (the enterprise cannot); statistics per enterprise, kind and month
      expect((await call(base, 'wang', 'POST', `/api/permits/${id}/spot-checks`, { finding: 'compliant', note: 'x' })).status).toBe(403);
      const photo = `data:image/png;base64,${Buffer.from('not really a png').toString('base64')}`;
      expect(
        (await call(base, 'park', 'POST', `/api/permits/${id}/spot-checks`, { finding: 'deficient', note: '监护人离开作业点', photo, follow_up: '约谈' }))
          .status,
      ).toBe(201);
      expect(
        (await call(base, 'park', 'POST', `/api/permits/${id}/spot-checks`, { finding: 'deficient', note: 'x', photo: 'data:text/html;base64,AAAA' })).body,
      ).toMatchObject({ field: 'photo' });
      const stats = (await call(base, 'park', 'GET', '/api/permits/stats')).body as unknown as PermitStatsRow[];
      expect(stats).toEqual([expect.objectContaining({ enterprise: 'E-CRU', kind: 'hot_work', filed: 1, suspended: 1, spot_checks: 1, deficient: 1 })]);

      expect((await call(base, 'wang', 'POST', `/api/permits/${id}/close`, {})).body).toMatchObject({ status: 'closed' });
      // every step a person took is in the audit trail, under their name
      await eventually('the audit trail', async () => (await s.live.store.queryAudit({ action: 'permit' })).length === 7);
      expect((await s.live.store.queryAudit({ action: 'permit' })).map((a) => [a.action, a.actor])).toEqual([
        ['permit.file', '王伟'],
        ['permit.approve', '陈静'],
        ['permit.start', '王伟'],
        ['permit.analysis', '王伟'],
        ['permit.resume', '王伟'],
        ['permit.spot_check', '安监局值班'],
        ['permit.close', '王伟'],
      ]);
      await s.close();

      // a restart reads the same permit back from the store
      const again = await start();
      const back = ((await call(again.base, 'park', 'GET', '/api/permits')).body as unknown as Permit[])[0];
      expect(back).toMatchObject({ id, status: 'closed', suspensions: 1, approved_by: '陈静', gas_analyses: [expect.anything(), expect.anything()] });
      expect(back.spot_checks).toEqual([expect.objectContaining({ finding: 'deficient', by: '安监局值班', photo })]);
    }, 60_000);

    it('two approvals at once take one step; the other is told the permit changed', async () => {
      const { base } = await start();
      const now = Date.now();
      const body = {
        kind: 'work_at_height',
        grade: '2',
        height_m: 12,
        enterprise: 'E-CRU',
        area: [
          [117.487, 38.703],
          [117.4872, 38.703],
          [117.4872, 38.7032],
        ],
        title: '2号罐平台检修',
        valid_from: now,
        valid_to: now + 48 * H,
        applicant: '王伟',
        workers: ['李强'],
        watcher: '刘洋',
        approvers: ['陈静'],
      };
      const { body: p } = await call(base, 'wang', 'POST', '/api/permits', body);
      expect(p.id).toMatch(/^GC-/);
      const both = await Promise.all([
        call(base, 'chen', 'POST', `/api/permits/${p.id}/approve`, {}),
        call(base, 'chen', 'POST', `/api/permits/${p.id}/approve`, {}),
      ]);
      expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(((await call(base, 'park', 'GET', '/api/permits')).body as unknown as Permit[]).find((x) => x.id === p.id)).toMatchObject({
        status: 'approved',
        seq: 2,
      });
    }, 30_000);
  });
}

/** Polls an async condition every 50 ms, up to 5 s. */
async function eventually(what: string, ok: () => Promise<boolean>) {
  const end = Date.now() + 5000;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const ll = ([lon, lat]: readonly number[]) => ({ lon, lat });

contract('permits on SQLite', () => ({ dbFile: path.join(dir, 'events.db') }));

withPostgres('on PostgreSQL', (url) => contract('permits on PostgreSQL', () => ({ databaseUrl: url() })));
