/**
 * Issue #15 against the real server: every registered API route and every socket namespace refuses
 * a missing, malformed and wrong credential; people sign in with a password from the users file
 * (scrypt, never plain text) and get an HttpOnly SameSite=Strict cookie whose writes carry a CSRF
 * token; failures are rate limited; a removed user's sessions and sockets end at once; enterprise
 * scope filters HTTP and the socket; the audit trail records and can only grow; demo helpers exist
 * only in demo mode and hand out no token.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, PUBLIC_ROUTES } from './app.ts';
import { hashPassword, hashToken, redactUrl } from './auth/secrets.ts';
import { writeUsersFile, type UsersFile } from './auth/usersFile.ts';
import { DEMO_LAYOUT } from './config.ts';
import { useTestServer, type Client } from './__test__/server.ts';
import type { SqliteStore } from './store/sqlite.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'parktwin-security-'));
const usersFile = path.join(dir, 'users.json');
let file: UsersFile;
const open = (nsp: string, opts: { auth?: Record<string, unknown>; cookie?: string }) => srv.socket(nsp, opts);
const refusal = (c: Client) =>
  new Promise<{ message: string; code?: string }>((resolve) =>
    c.once('connect_error', (e: Error & { data?: { code: string } }) => resolve({ message: e.message, code: e.data?.code })),
  );
const snapshot = (c: Client) =>
  new Promise<{ user: { name: string }; alarms: { sensor: string }[] }>((resolve, reject) => (c.once('snapshot', resolve), c.once('connect_error', reject)));
const signIn = async (name: string, password: string) => {
  const r = await fetch(`${srv.base}/api/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
  return { r, cookie, body: (await r.json()) as { csrf: string; role: string; error?: string } };
};
const ingest = (body: unknown) =>
  fetch(`${srv.base}/api/ingest/readings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer gateway-token-123456' },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  file = {
    users: [
      { name: '王伟', role: 'operator', password: await hashPassword('correct horse battery') },
      { name: 'admin', role: 'admin', password: await hashPassword('admin pass phrase') },
      { name: 'lpg-op', role: 'operator', password: await hashPassword('lpg pass phrase'), enterprises: ['E-LPG'] },
      { name: 'chl-op', role: 'operator', password: await hashPassword('chl pass phrase'), enterprises: ['E-CHL'] },
    ],
    tokens: [
      { name: 'dcs-gateway', scope: 'ingest', hash: hashToken('gateway-token-123456') },
      { name: 'wall-screen', scope: 'read', hash: hashToken('wall-token-1234567890') },
      { name: 'old', scope: 'read', hash: hashToken('expired-token-1234567'), expires: '2020-01-01T00:00:00Z' },
    ],
    shared: [],
  };
  writeUsersFile(usersFile, file);
});
// started after the hook above has written the users file (hooks run in the order they are registered)
const srv = useTestServer({ usersFile, auth: { maxFailures: 10_000 } });

describe('every route and namespace needs a credential', () => {
  it('each API route the express app registers refuses a missing, malformed and wrong credential with 401 (none slips through)', async () => {
    const routes: string[] = [];
    for (const layer of (srv.server.app as unknown as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router.stack) {
      if (!layer.route?.path.startsWith('/api/')) continue;
      for (const m of Object.keys(layer.route.methods)) routes.push(`${m.toUpperCase()} ${layer.route.path}`);
    }
    expect(routes.length).toBeGreaterThan(20);
    const guarded = routes.filter((r) => !(PUBLIC_ROUTES as readonly string[]).includes(r));
    expect(guarded).toContain('GET /api/events');
    expect(guarded).toContain('GET /api/layout');
    for (const route of guarded) {
      const [method, p] = route.split(' ');
      const url = `${srv.base}${p.replace(/:(\w+)/g, 'x')}`;
      for (const authorization of [undefined, 'Basic Zm9vOmJhcg==', 'Bearer', 'Bearer not-a-valid-token-123']) {
        const r = await fetch(url, {
          method,
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          body: method === 'GET' ? undefined : '{}',
        });
        expect(r.status, `${route} with ${authorization ?? 'nothing'}`).toBe(401);
      }
      const r = await fetch(url, {
        method,
        headers: { cookie: 'parktwin_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
        body: method === 'GET' ? undefined : '{}',
      });
      expect(r.status, `${route} with a forged cookie`).toBe(401);
    }
    // the public routes are what PUBLIC_ROUTES says, and only those
    expect(routes.filter((r) => (PUBLIC_ROUTES as readonly string[]).includes(r)).sort()).toEqual(['GET /api/health', 'GET /api/session', 'POST /api/sign-in']);
  });

  it('every socket.io namespace (the live park and a running drill) refuses a missing, malformed and wrong credential', async () => {
    const admin = await signIn('admin', 'admin pass phrase');
    const scenario = { kind: 'toxic-leak', source: 'T-CHL-01', rate_kg_s: 5, weather: { wind_speed_m_s: 3, wind_from_deg: 0, stability: 'D' } };
    const d = await fetch(`${srv.base}/api/drills`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.body.csrf },
      body: JSON.stringify({ scenario }),
    });
    expect(d.status).toBe(201);
    const { id } = (await d.json()) as { id: string };
    for (const nsp of ['/', `/drill/${id}`]) {
      expect((await refusal(open(nsp, {}))).code).toBe('unauthorised');
      expect((await refusal(open(nsp, { auth: { token: 42 } }))).code).toBe('bad_request');
      expect((await refusal(open(nsp, { auth: { token: 'not-a-valid-token-123' } }))).code).toBe('unauthorised');
      expect((await refusal(open(nsp, { cookie: 'parktwin_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }))).code).toBe('unauthorised');
      expect((await refusal(open(nsp, { auth: { token: 'gateway-token-123456' } }))).code).toBe('forbidden');
      expect((await snapshot(open(nsp, { cookie: admin.cookie }))).user.name).toBe('admin');
    }
    await fetch(`${srv.base}/api/drills/${id}`, { method: 'DELETE', headers: { cookie: admin.cookie, 'x-csrf-token': admin.body.csrf } });
  });

  it('an expired token is refused; a read token reads but may not act', async () => {
    expect((await fetch(`${srv.base}/api/alarms`, { headers: { authorization: 'Bearer expired-token-1234567' } })).status).toBe(401);
    expect((await fetch(`${srv.base}/api/alarms`, { headers: { authorization: 'Bearer wall-token-1234567890' } })).status).toBe(200);
    expect((await fetch(`${srv.base}/api/alarms/x/ack`, { method: 'POST', headers: { authorization: 'Bearer wall-token-1234567890' } })).status).toBe(403);
    expect((await fetch(`${srv.base}/api/alarms`, { headers: { authorization: 'Bearer gateway-token-123456' } })).status).toBe(403);
  });
});

describe('people sign in with a password', () => {
  it('the users file holds no plain password; sign-in gives an HttpOnly SameSite=Strict cookie; writes need the CSRF token', async () => {
    expect(JSON.stringify(file)).not.toContain('correct horse');
    const bad = await signIn('王伟', 'wrong');
    expect(bad.r.status).toBe(401);
    expect(bad.r.headers.get('set-cookie')).toBeNull();
    const { r, cookie, body } = await signIn('王伟', 'correct horse battery');
    expect(r.status).toBe(200);
    expect(r.headers.get('set-cookie')).toMatch(/^parktwin_session=[\w-]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    expect(body.role).toBe('operator');
    expect((await fetch(`${srv.base}/api/layout`, { headers: { cookie } })).status).toBe(200);
    await ingest([{ sensor: 'T-LPG-01-GD1', value: 60, t: Date.now() }]);
    const ack = (headers: Record<string, string>) => fetch(`${srv.base}/api/alarms/T-LPG-01-GD1:HH/ack`, { method: 'POST', headers: { cookie, ...headers } });
    expect((await ack({})).status).toBe(403);
    const wrong = await ack({ 'x-csrf-token': 'wrong' });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ code: 'csrf' }); // the client reads the session again on this code
    expect((await ack({ 'x-csrf-token': body.csrf })).status).toBe(200);
    const out = await fetch(`${srv.base}/api/sign-out`, { method: 'POST', headers: { cookie, 'x-csrf-token': body.csrf } });
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await fetch(`${srv.base}/api/layout`, { headers: { cookie } })).status).toBe(401);
  });

  it('failed sign-ins are rate limited per address: 429 with Retry-After', async () => {
    const s = await createApp({ layoutFile: DEMO_LAYOUT, dbFile: ':memory:', tick_ms: 0, usersFile, auth: { maxFailures: 3 } });
    const b = `http://127.0.0.1:${await s.listen(0, '127.0.0.1')}`;
    const attempt = () =>
      fetch(`${b}/api/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: '王伟', password: 'guess' }) });
    expect([(await attempt()).status, (await attempt()).status, (await attempt()).status]).toEqual([401, 401, 401]);
    const blocked = await attempt();
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // the right password is refused too while blocked, and so is a token from the same address
    expect(
      (
        await fetch(`${b}/api/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: '王伟', password: 'correct horse battery' }),
        })
      ).status,
    ).toBe(429);
    expect((await fetch(`${b}/api/alarms`, { headers: { authorization: 'Bearer wall-token-1234567890' } })).status).toBe(429);
    await s.close();
  });

  it('the users file is re-read on change: a removed user’s sessions and sockets end at once', async () => {
    const { cookie } = await signIn('王伟', 'correct horse battery');
    const c = open('/', { cookie });
    await snapshot(c);
    const gone = new Promise<string>((resolve) => c.once('disconnect', resolve));
    writeUsersFile(usersFile, { ...file, users: file.users.filter((u) => u.name !== '王伟') });
    expect(await gone).toBe('io server disconnect');
    expect((await fetch(`${srv.base}/api/layout`, { headers: { cookie } })).status).toBe(401);
    writeUsersFile(usersFile, file);
    await new Promise((r) => setTimeout(r, 300));
  });
});

describe('parktwin user / token', () => {
  const BIN = path.join(import.meta.dirname, '../bin/parktwin');
  const cli = (args: string[], stdin = '') =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const p = execFile(BIN, [...args, '--file', usersFile], (e, stdout, stderr) => resolve({ code: e ? (e.code as number) : 0, stdout, stderr }));
      p.stdin!.end(stdin);
    });
  /** The server re-reads the file a moment after it changes: poll until it answers as expected. */
  const until = async (what: () => Promise<boolean>) => {
    // up to 10 s: on a busy machine the file watcher's news can take seconds
    for (let i = 0; i < 200; i++) {
      if (await what()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the server did not take the change');
  };
  const signsIn = (name: string, pw: string) => async () => (await signIn(name, pw)).r.status === 200;

  it('add, passwd, remove people and add, list, remove tokens; the running server takes each change, ends sessions, and audits it', async () => {
    const add = await cli(['user', 'add', '李娜', '--role', 'operator', '--enterprise', 'E-LPG', '--password-stdin'], 'li na pass phrase\n');
    expect(add, add.stderr).toMatchObject({ code: 0 });
    expect(add.stderr).toMatch(/user 李娜 added as operator of E-LPG/);
    expect(readFileSync(usersFile, 'utf8')).not.toContain('li na pass phrase');
    expect(statSync(usersFile).mode & 0o777).toBe(0o600);
    await until(signsIn('李娜', 'li na pass phrase'));
    const first = await signIn('李娜', 'li na pass phrase');

    // refused changes leave the file as it was
    const before = readFileSync(usersFile, 'utf8');
    expect(await cli(['user', 'passwd', '李娜', '--password-stdin'], 'short\n')).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/at least 10 characters; nothing changed/),
    });
    expect(await cli(['user', 'add', '李娜', '--role', 'viewer', '--password-stdin'], 'another long one\n')).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/exists already/),
    });
    expect(await cli(['user', 'add', 'x', '--role', 'root', '--password-stdin'], 'another long one\n')).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/role/),
    });
    expect(await cli(['user', 'add', 'y', '--password-stdin'], 'another long one\n')).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--role is required/),
    });
    expect(await cli(['user', 'remove', 'nobody'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/no user "nobody"/) });
    expect(readFileSync(usersFile, 'utf8')).toBe(before);

    expect((await cli(['user', 'passwd', '李娜', '--password-stdin'], 'a new pass phrase\n')).code).toBe(0);
    await until(signsIn('李娜', 'a new pass phrase'));
    expect((await fetch(`${srv.base}/api/alarms`, { headers: { cookie: first.cookie } })).status).toBe(401); // the old session ended
    expect((await signIn('李娜', 'li na pass phrase')).r.status).toBe(401);

    const tok = await cli(['token', 'add', 'cctv-wall', '--scope', 'read', '--expires', '2099-01-01T00:00:00+08:00']);
    expect(tok.code).toBe(0);
    const token = tok.stdout.trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(readFileSync(usersFile, 'utf8')).not.toContain(token);
    const list = await cli(['token', 'list']);
    expect(list.stdout).toContain('"name":"cctv-wall","scope":"read"');
    expect(list.stdout).not.toMatch(/sha256/);
    const bearer = { authorization: `Bearer ${token}` };
    await until(async () => (await fetch(`${srv.base}/api/alarms`, { headers: bearer })).status === 200);
    expect((await cli(['token', 'add', 'old-one', '--scope', 'read', '--expires', '2001-01-01T00:00:00Z'])).code).toBe(1);
    expect((await cli(['token', 'remove', 'cctv-wall'])).code).toBe(0);
    await until(async () => (await fetch(`${srv.base}/api/alarms`, { headers: bearer })).status === 401);

    expect((await cli(['user', 'remove', '李娜'])).code).toBe(0);
    await until(async () => !(await signsIn('李娜', 'a new pass phrase')()));
    const admin = await signIn('admin', 'admin pass phrase');
    const trail = (await (await fetch(`${srv.base}/api/audit?actor=(users file)`, { headers: { cookie: admin.cookie } })).json()) as {
      action: string;
      target: string;
      detail: Record<string, unknown>;
    }[];
    const audit = trail.filter((a) => a.target === '李娜' || a.target === 'cctv-wall'); // earlier tests changed the file too
    expect(audit.map((a) => `${a.action} ${a.target}`)).toEqual([
      'user.added 李娜',
      'user.changed 李娜',
      'token.added cctv-wall',
      'token.removed cctv-wall',
      'user.removed 李娜',
    ]);
    expect(audit[1].detail.fields).toEqual(['password']);
    expect(JSON.stringify(audit)).not.toMatch(/scrypt|sha256/);
  });
});

describe('enterprise scope', () => {
  it('two enterprises side by side: each sees only its own alarms and events, over HTTP and the socket; acknowledging the other’s is 403', async () => {
    await ingest([
      { sensor: 'T-LPG-02-GD1', value: 60, t: Date.now() },
      { sensor: 'T-CHL-01-GD1', value: 60, t: Date.now() },
    ]);
    const lpg = await signIn('lpg-op', 'lpg pass phrase');
    const chl = await signIn('chl-op', 'chl pass phrase');
    const alarms = async (cookie: string) =>
      ((await (await fetch(`${srv.base}/api/alarms`, { headers: { cookie } })).json()) as { sensor: string }[]).map((a) => a.sensor);
    const a = await alarms(lpg.cookie);
    const b = await alarms(chl.cookie);
    expect(a).toContain('T-LPG-02-GD1');
    expect(a).not.toContain('T-CHL-01-GD1');
    expect(b).toContain('T-CHL-01-GD1');
    expect(b).not.toContain('T-LPG-02-GD1');
    const events = (await (await fetch(`${srv.base}/api/events?type=alarm`, { headers: { cookie: chl.cookie } })).json()) as { subject: string }[];
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.subject.startsWith('T-CHL'))).toBe(true);
    expect(
      (await fetch(`${srv.base}/api/alarms/T-LPG-02-GD1:HH/ack`, { method: 'POST', headers: { cookie: chl.cookie, 'x-csrf-token': chl.body.csrf } })).status,
    ).toBe(403);
    expect((await fetch(`${srv.base}/api/sensors/T-LPG-02-GD1/history`, { headers: { cookie: chl.cookie } })).status).toBe(404);
    const snap = await snapshot(open('/', { cookie: chl.cookie }));
    expect(snap.alarms.map((x) => x.sensor)).toContain('T-CHL-01-GD1');
    expect(snap.alarms.some((x) => x.sensor.startsWith('T-LPG'))).toBe(false);
    // a live event reaches the enterprise it belongs to, not the other
    const cl = open('/', { cookie: chl.cookie });
    const lp = open('/', { cookie: lpg.cookie });
    await Promise.all([snapshot(cl), snapshot(lp)]);
    const seen: string[] = [];
    lp.on('events', (es: { subject: string }[]) => seen.push(...es.map((e) => e.subject)));
    const got = new Promise<{ subject: string }[]>((resolve) => cl.once('events', resolve));
    await ingest([{ sensor: 'T-CHL-01-GD1', value: 0, t: Date.now() + 1 }]);
    expect((await got).every((e) => e.subject.startsWith('T-CHL'))).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(seen.filter((s) => s.startsWith('T-CHL'))).toEqual([]);
  });
});

describe('audit trail', () => {
  it('sign-ins, failures, acknowledgements and drills are stored and served to admins only; the trail can only grow', async () => {
    const admin = await signIn('admin', 'admin pass phrase');
    const op = await signIn('王伟', 'correct horse battery');
    expect((await fetch(`${srv.base}/api/audit`, { headers: { cookie: op.cookie } })).status).toBe(403);
    const all = (await (await fetch(`${srv.base}/api/audit?limit=10000`, { headers: { cookie: admin.cookie } })).json()) as {
      action: string;
      actor: string;
      ip: string;
    }[];
    const actions = new Set(all.map((a) => a.action));
    for (const a of ['signin', 'signin.failed', 'signout', 'alarm.ack', 'drill.start', 'drill.end', 'token.failed', 'layout.loaded'])
      expect(actions, a).toContain(a);
    expect(all.find((a) => a.action === 'alarm.ack')).toMatchObject({ actor: '王伟', ip: expect.stringMatching(/127\.0\.0\.1/) });
    const failed = (await (await fetch(`${srv.base}/api/audit?action=signin.failed`, { headers: { cookie: admin.cookie } })).json()) as { action: string }[];
    expect(failed.every((a) => a.action === 'signin.failed')).toBe(true);
    const db = (srv.server.live.store as SqliteStore).raw;
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/can only grow/);
    expect(() => db.prepare("UPDATE audit SET actor = 'x'").run()).toThrow(/can only grow/);
  });
});

describe('audit trail: the layout', () => {
  it('each start records the layout it loaded (its SHA-256); a different layout than the last start’s is recorded as changed', async () => {
    const db = path.join(dir, 'layout-audit.db');
    const changed = path.join(dir, 'changed.geojson');
    const layout = JSON.parse(readFileSync(DEMO_LAYOUT, 'utf8'));
    layout.features.find((f: { properties: { kind: string } }) => f.properties.kind === 'tank').properties.inventory_t = 1234;
    writeFileSync(changed, JSON.stringify(layout));
    for (const layoutFile of [DEMO_LAYOUT, DEMO_LAYOUT, changed]) await (await createApp({ layoutFile, dbFile: db, tick_ms: 0 })).close();
    const s = await createApp({ layoutFile: changed, dbFile: db, tick_ms: 0 });
    const trail = await s.live.store.queryAudit({ action: 'layout' });
    await s.close();
    expect(trail.map((a) => `${a.action} ${a.detail.file}`)).toEqual([
      'layout.loaded demo.geojson',
      'layout.loaded demo.geojson',
      'layout.changed changed.geojson',
      'layout.loaded changed.geojson',
      'layout.loaded changed.geojson',
    ]);
    expect(trail[2].detail.previous).toBe(trail[0].detail.sha256);
    expect(trail[2].detail.sha256).not.toBe(trail[0].detail.sha256);
    expect(trail[2]).toMatchObject({ actor: '(server)' });
  });
});

describe('retention of personal data', () => {
  it('position history older than PARKTWIN_TRACK_RETENTION_DAYS is purged on the hourly schedule; newer is kept; events stay', async () => {
    const s = await createApp({ layoutFile: DEMO_LAYOUT, dbFile: ':memory:', tick_ms: 0, live: { trackRetention_ms: 30 * 86_400_000 } });
    try {
      const now = Date.now();
      const day = 86_400_000;
      await s.live.store.appendTrack([31, 30.5, 29, 1].map((d, i) => ({ id: `P-R${i}`, kind: 'person' as const, t_ms: now - d * day, lon: 117.5, lat: 38.7 })));
      await s.live.store.append([{ t_ms: now - 40 * day, type: 'fence.breach', subject: 'P-R0', place: 'FENCE', detail: {} }]);
      await s.live.flushTrack(now); // the first flush prunes, then once an hour
      expect((await s.live.store.queryTrack()).map((p) => p.id).sort()).toEqual(['P-R2', 'P-R3']);
      await s.live.store.appendTrack([{ id: 'P-R4', kind: 'person', t_ms: now - 31 * day, lon: 117.5, lat: 38.7 }]);
      await s.live.flushTrack(now + 60_000); // within the hour: not yet
      expect((await s.live.store.queryTrack()).map((p) => p.id)).toContain('P-R4');
      await s.live.flushTrack(now + 3600_001); // an hour on: purged
      expect((await s.live.store.queryTrack()).map((p) => p.id)).not.toContain('P-R4');
      expect(await s.live.store.query({ subject: 'P-R0' })).toHaveLength(1); // events are the record: kept
    } finally {
      await s.close();
    }
  });
});

describe('demo mode', () => {
  it('the demo helpers list roles (no token) and sign in by role; with users configured they do not exist', async () => {
    const demo = await createApp({ layoutFile: DEMO_LAYOUT, dbFile: ':memory:', tick_ms: 0 });
    const b = `http://127.0.0.1:${await demo.listen(0, '127.0.0.1')}`;
    const list = await (await fetch(`${b}/api/demo/users`)).json();
    expect(list).toEqual(['viewer', 'operator', 'trainer', 'planner', 'admin'].map((role) => ({ name: `demo-${role}`, role })));
    expect(JSON.stringify(list)).not.toMatch(/token/);
    const s = await fetch(`${b}/api/demo/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"role":"operator"}' });
    expect((await s.json()).role).toBe('operator');
    expect((await fetch(`${b}/api/demo-users`)).status).toBe(401);
    await demo.close();
    expect((await fetch(`${srv.base}/api/demo/users`)).status).toBe(401);
    expect(
      (await fetch(`${srv.base}/api/demo/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"role":"admin"}' })).status,
    ).toBe(401);
  });
});

describe('secrets stay out of logs', () => {
  it('a URL password or token is redacted wherever it is printed', () => {
    expect(redactUrl('mqtt://ingest:s3cret@broker:1883/?token=abc')).toBe('mqtt://ingest:***@broker:1883/?token=***');
  });
});
