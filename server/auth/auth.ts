/**
 * Who is asking: one credential check for HTTP, the socket and MQTT.
 *
 * - People sign in with a password (users file), through OpenID Connect, or — in demo mode only — as
 *   a demo user, and get a session: an HttpOnly, SameSite=Strict cookie whose id the store keeps
 *   only as a hash, with an idle and an absolute expiry; writes made with it carry its CSRF token.
 * - Machines use bearer tokens (users file: a name, a scope — ingest, read, operate, plan — and an
 *   optional expiry; kept hashed). Tokens of earlier deployments (`PARKTWIN_USERS`,
 *   `PARKTWIN_INGEST_TOKEN`) are still accepted.
 * - Failed sign-ins and wrong tokens are counted per address: past the limit, that address gets
 *   429 with Retry-After until the window has passed.
 * - The users file is re-read when it changes: a removed or disabled user, or a changed password,
 *   ends that user's sessions and sockets at once (`onRevoke`).
 */
import { createHash, randomBytes } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { type Log, silentLog } from '../domain/log.ts';
import type { AuditEntry, SessionRow, Store } from '../store/types.ts';
import { ROLES, type Role, type User } from './legacy.ts';
import { bearerOf, digestMatches, hashToken, tokenDigest, verifyPassword } from './secrets.ts';
import { readUsersFile, type FileUser, type Scope, type UsersFile } from './usersFile.ts';

/** What a credential proves: a name, what it may do (a role, or ingest only) and the enterprises it is limited to (null: the whole park). */
export interface Principal {
  name: string;
  role: Role | 'ingest';
  via: 'password' | 'oidc' | 'demo' | 'token' | 'legacy';
  enterprises: readonly string[] | null;
  /** Set when the credential is a session cookie: writes must carry its CSRF token. */
  session?: { id_hash: string; csrf: string };
}

export type AuthResult = { ok: true; principal: Principal } | { ok: false; status: 401 | 429; error: string; retryAfter_s?: number };

export const SESSION_COOKIE = 'parktwin_session';

export interface AuthOptions {
  store: Store;
  /** The users file (PARKTWIN_USERS_FILE). */
  usersFile?: string;
  /** Users of PARKTWIN_USERS (legacy bearer tokens). */
  legacyUsers?: readonly User[];
  /** PARKTWIN_INGEST_TOKEN (legacy), or the token the server made in demo mode. */
  ingestToken?: string;
  /** Demo mode: no users configured; demo users sign in by role. */
  demoUsers?: readonly User[];
  /** Failed attempts per address allowed within the window before 429. */
  maxFailures?: number;
  failureWindow_ms?: number;
  /** A session ends after this long without use, and this long after sign-in whatever happens. */
  sessionIdle_ms?: number;
  sessionMax_ms?: number;
  /** Cookies marked Secure (served over TLS). */
  secureCookies?: boolean;
  now?: () => number;
  /** Where reloads and failures to store the audit are reported. */
  log?: Log;
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const pwv = (u: FileUser) => sha(u.password).slice(0, 16);
const TOKEN_ROLE: Record<Scope, Role | 'ingest'> = { ingest: 'ingest', read: 'viewer', operate: 'operator', plan: 'planner' };

/** Cookie header → the value of one cookie (undefined when absent or malformed). */
export function cookieOf(header: unknown, name: string): string | undefined {
  if (typeof header !== 'string' || header.length > 8192) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const v = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{20,100}$/.test(v) ? v : undefined;
    }
  }
  return undefined;
}

export class Auth {
  readonly options: Required<Omit<AuthOptions, 'usersFile' | 'legacyUsers' | 'ingestToken' | 'demoUsers'>> &
    Pick<AuthOptions, 'usersFile' | 'legacyUsers' | 'ingestToken' | 'demoUsers'>;
  private file: UsersFile = { users: [], tokens: [], shared: [] };
  private readonly failures = new Map<string, number[]>();
  private readonly revokeListeners = new Set<(r: { user?: string; id_hash?: string }) => void>();
  private watcher?: FSWatcher;
  private reloadTimer?: NodeJS.Timeout;
  private sweepTimer?: NodeJS.Timeout;
  private readonly auditQueue: AuditEntry[] = [];

  constructor(opts: AuthOptions) {
    this.options = {
      maxFailures: 10,
      failureWindow_ms: 5 * 60_000,
      sessionIdle_ms: 60 * 60_000,
      sessionMax_ms: 12 * 3600_000,
      secureCookies: false,
      now: () => Date.now(),
      log: silentLog,
      ...opts,
    };
    if (opts.usersFile) this.file = readUsersFile(opts.usersFile);
    // the tokens of earlier deployments and of the demo users, as hashes like the users file's
    this.legacy = [...(opts.legacyUsers ?? []), ...(opts.demoUsers ?? [])].map((u) => ({ name: u.name, role: u.role as Role | 'ingest', hash: u.hash }));
    if (opts.ingestToken !== undefined) this.legacy.push({ name: 'ingest', role: 'ingest', hash: hashToken(opts.ingestToken) });
  }
  private readonly legacy: { name: string; role: Role | 'ingest'; hash: string }[];

  /** True when no user is configured at all (no users file, no PARKTWIN_USERS): demo mode. */
  get demo(): boolean {
    return !!this.options.demoUsers;
  }

  get shared(): readonly string[] {
    return this.file.shared;
  }

  get users(): readonly FileUser[] {
    return this.file.users;
  }

  /** Starts watching the users file and sweeping expired sessions. */
  start(): void {
    const f = this.options.usersFile;
    if (f) {
      // the directory is watched: editors and `parktwin user` replace the file (rename), which a watch on the file itself would lose
      this.watcher = watch(path.dirname(f), (_ev, name) => {
        if (name && !String(name).startsWith(path.basename(f))) return;
        clearTimeout(this.reloadTimer);
        this.reloadTimer = setTimeout(() => void this.reload(), 100);
      });
      this.watcher.on('error', () => {});
    }
    this.sweepTimer = setInterval(() => void this.sweep(), 60_000);
    this.sweepTimer.unref();
  }

  async stop(): Promise<void> {
    this.watcher?.close();
    clearTimeout(this.reloadTimer);
    clearInterval(this.sweepTimer);
    await this.flushAudit();
  }

  /** Re-reads the users file; sessions and sockets of users removed, disabled or with a new password end. A bad file is reported and the old one kept. */
  async reload(): Promise<void> {
    const f = this.options.usersFile;
    if (!f) return;
    let next: UsersFile;
    try {
      next = readUsersFile(f);
    } catch (e) {
      this.options.log.warn({ err: (e as Error).message }, 'users file not reloaded (the previous one stays in force)');
      return;
    }
    const previous = this.file;
    const before = new Map(previous.users.map((u) => [u.name, u]));
    this.file = next;
    const after = new Map(next.users.map((u) => [u.name, u]));
    for (const [name, u] of before) {
      const now = after.get(name);
      if (!now || now.disabled || pwv(now) !== pwv(u) || now.role !== u.role || JSON.stringify(now.enterprises) !== JSON.stringify(u.enterprises)) {
        await this.options.store.deleteSessions({ user: name }).catch(() => 0);
        this.revoke({ user: name });
      }
    }
    // tokens removed: sockets signed in with them end too
    const tokens = new Set(next.tokens.map((t) => t.name));
    for (const t of previous.tokens) if (!tokens.has(t.name)) this.revoke({ user: t.name });
    for (const e of accountChanges(previous, next)) void this.audit({ actor: '(users file)', ip: null, ...e });
    this.options.log.info({ users: next.users.length, tokens: next.tokens.length }, 'users file reloaded');
  }

  onRevoke(l: (r: { user?: string; id_hash?: string }) => void): () => void {
    this.revokeListeners.add(l);
    return () => this.revokeListeners.delete(l);
  }

  private revoke(r: { user?: string; id_hash?: string }) {
    for (const l of this.revokeListeners) l(r);
  }

  // ---- rate limiting ------------------------------------------------------------------------

  /** Seconds until an address may try again, or 0. */
  blocked(ip: string): number {
    const times = this.failures.get(ip);
    if (!times) return 0;
    const now = this.options.now();
    const from = now - this.options.failureWindow_ms;
    while (times.length && times[0] <= from) times.shift();
    if (!times.length) {
      this.failures.delete(ip);
      return 0;
    }
    return times.length >= this.options.maxFailures ? Math.max(1, Math.ceil((times[0] + this.options.failureWindow_ms - now) / 1000)) : 0;
  }

  /** Counts a failed attempt of an address. */
  failed(ip: string): void {
    let times = this.failures.get(ip);
    if (!times) {
      if (this.failures.size > 100_000) this.failures.clear(); // bounded, whatever the flood
      this.failures.set(ip, (times = []));
    }
    times.push(this.options.now());
    if (times.length > this.options.maxFailures * 2) times.shift();
  }

  private tooMany(ip: string): AuthResult | null {
    const wait = this.blocked(ip);
    return wait
      ? { ok: false, status: 429, error: `too many failed sign-ins or wrong tokens from this address: try again in ${wait} s`, retryAfter_s: wait }
      : null;
  }

  // ---- credentials --------------------------------------------------------------------------

  /**
   * The principal of a request or socket handshake: a bearer token (Authorization header, or a
   * socket's `auth.token`) or the session cookie. Nothing is thrown whatever the input.
   */
  async authenticate(input: { authorization?: unknown; token?: unknown; cookie?: unknown }, ip: string): Promise<AuthResult> {
    const bearer = input.token !== undefined ? input.token : bearerOf(input.authorization);
    if (bearer !== undefined || (input.authorization !== undefined && input.authorization !== '')) {
      const wait = this.tooMany(ip);
      if (wait) return wait;
      const p = this.byToken(bearer);
      if (p) return { ok: true, principal: p };
      this.failed(ip);
      this.audit({ actor: '(unknown)', action: 'token.failed', target: null, ip, detail: {} });
      return { ok: false, status: 401, error: 'unauthorised: the token is not valid (or has expired)' };
    }
    const sid = cookieOf(input.cookie, SESSION_COOKIE);
    if (sid) {
      const p = await this.bySession(sid);
      if (p) return { ok: true, principal: p };
      return { ok: false, status: 401, error: 'unauthorised: the session has ended; sign in again' };
    }
    return { ok: false, status: 401, error: 'unauthorised: sign in, or send Authorization: Bearer <token>' };
  }

  /**
   * The principal of a bearer token, or null. The token is hashed once and every candidate's hash
   * compared with it in constant time (all of them, whether one matched or not).
   */
  byToken(token: unknown): Principal | null {
    const given = tokenDigest(token);
    if (!given) return null;
    const now = this.options.now();
    let found: Principal | null = null;
    for (const t of this.file.tokens) {
      if (digestMatches(given, t.hash) && (!t.expires || Date.parse(t.expires) > now))
        found = { name: t.name, role: TOKEN_ROLE[t.scope], via: 'token', enterprises: t.enterprises ?? null };
    }
    for (const u of this.legacy) if (digestMatches(given, u.hash)) found = { name: u.name, role: u.role, via: 'legacy', enterprises: null };
    return found;
  }

  private async bySession(sid: string): Promise<Principal | null> {
    const id_hash = sha(sid);
    let s: SessionRow | null;
    try {
      s = await this.options.store.getSession(id_hash);
    } catch {
      return null;
    }
    if (!s) return null;
    const now = this.options.now();
    if (now - s.seen_ms > this.options.sessionIdle_ms || now - s.created_ms > this.options.sessionMax_ms) {
      await this.options.store.deleteSessions({ id_hash }).catch(() => 0);
      return null;
    }
    let role: Role;
    let enterprises: readonly string[] | null;
    if (s.via === 'password') {
      const u = this.file.users.find((x) => x.name === s.user);
      if (!u || u.disabled || pwv(u) !== s.pwv) return null;
      role = u.role;
      enterprises = u.enterprises ?? null;
    } else if (s.via === 'demo') {
      const u = this.options.demoUsers?.find((x) => x.name === s.user);
      if (!u) return null;
      role = u.role;
      enterprises = null;
    } else {
      if (!(ROLES as readonly string[]).includes(s.role ?? '')) return null;
      role = s.role as Role;
      enterprises = s.enterprises;
    }
    // idle expiry counts from the last use, written at most once a minute
    if (now - s.seen_ms > 60_000) await this.options.store.touchSession(id_hash, now).catch(() => {});
    return { name: s.user, role, via: s.via, enterprises, session: { id_hash, csrf: s.csrf } };
  }

  /** Keeps sessions with an open socket from idling out (the realtime layer calls it). */
  async keepAlive(id_hashes: Iterable<string>): Promise<void> {
    const now = this.options.now();
    for (const h of id_hashes) await this.options.store.touchSession(h, now).catch(() => {});
  }

  /** Ends sessions past their time; their sockets close. */
  async sweep(): Promise<void> {
    const now = this.options.now();
    await this.options.store
      .deleteSessions({ seen_before_ms: now - this.options.sessionIdle_ms, created_before_ms: now - this.options.sessionMax_ms })
      .catch(() => 0);
    this.revoke({});
  }

  /** A session still valid (the realtime layer checks its sockets' sessions after a sweep). */
  async sessionValid(id_hash: string): Promise<boolean> {
    const s = await this.options.store.getSession(id_hash).catch(() => null);
    return !!s;
  }

  // ---- sign-in and sign-out -----------------------------------------------------------------

  /** Checks a name and password; on success opens a session. 401 for a wrong pair (which is counted), 429 past the limit. */
  async signIn(
    name: unknown,
    password: unknown,
    ip: string,
  ): Promise<{ ok: true; cookie: string; principal: Principal } | { ok: false; status: 401 | 429; error: string; retryAfter_s?: number }> {
    const wait = this.tooMany(ip);
    if (wait && !wait.ok) return wait;
    const u = typeof name === 'string' ? this.file.users.find((x) => x.name === name && !x.disabled) : undefined;
    // the hash is computed for an unknown name too, so the answer's time does not tell which names exist
    const ok = await verifyPassword(password, u?.password ?? DUMMY_HASH);
    if (!u || !ok) {
      this.failed(ip);
      this.audit({
        actor: typeof name === 'string' ? name.slice(0, 64) : '(none)',
        action: 'signin.failed',
        target: null,
        ip,
        detail: { reason: u ? 'wrong password' : 'unknown user' },
      });
      return { ok: false, status: 401, error: 'wrong name or password' };
    }
    return this.openSession({ user: u.name, via: 'password', role: null, enterprises: null, pwv: pwv(u) }, ip, {
      name: u.name,
      role: u.role,
      enterprises: u.enterprises ?? null,
    });
  }

  /** Demo mode: signs in as the demo user of a role. */
  async signInDemo(role: Role, ip: string) {
    const u = this.options.demoUsers?.find((x) => x.role === role);
    if (!u) return null;
    return this.openSession({ user: u.name, via: 'demo', role: null, enterprises: null, pwv: null }, ip, { name: u.name, role: u.role, enterprises: null });
  }

  /** After an OpenID Connect sign-in: the role and enterprises come from the provider's claims. */
  async signInOidc(name: string, role: Role, enterprises: string[] | null, ip: string) {
    return this.openSession({ user: name, via: 'oidc', role, enterprises, pwv: null }, ip, { name, role, enterprises });
  }

  private async openSession(
    s: Pick<SessionRow, 'user' | 'via' | 'role' | 'enterprises' | 'pwv'>,
    ip: string,
    who: { name: string; role: Role; enterprises: readonly string[] | null },
  ) {
    const sid = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    const now = this.options.now();
    const id_hash = sha(sid);
    await this.options.store.putSession({ ...s, id_hash, csrf, ip, created_ms: now, seen_ms: now });
    this.audit({ actor: who.name, action: 'signin', target: null, ip, detail: { via: s.via, role: who.role } });
    const principal: Principal = { name: who.name, role: who.role, via: s.via, enterprises: who.enterprises, session: { id_hash, csrf } };
    return { ok: true as const, cookie: this.cookie(sid, this.options.sessionMax_ms), principal };
  }

  /** Ends a session; its sockets close. */
  async signOut(p: Principal, ip: string): Promise<string> {
    if (p.session) {
      await this.options.store.deleteSessions({ id_hash: p.session.id_hash });
      this.revoke({ id_hash: p.session.id_hash });
    }
    this.audit({ actor: p.name, action: 'signout', target: null, ip, detail: {} });
    return this.cookie('', 0);
  }

  /** The Set-Cookie value of the session cookie (max age 0 clears it). */
  cookie(value: string, maxAge_ms: number): string {
    return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${Math.floor(maxAge_ms / 1000)}${this.options.secureCookies ? '; Secure' : ''}`;
  }

  // ---- audit --------------------------------------------------------------------------------

  /** Records who did what (stored in order; the trail can only grow). */
  audit(e: Omit<AuditEntry, 't_ms'> & { t_ms?: number }): Promise<void> {
    this.auditQueue.push({ t_ms: e.t_ms ?? this.options.now(), actor: e.actor, action: e.action, target: e.target, ip: e.ip, detail: e.detail });
    return this.flushAudit();
  }

  private auditChain: Promise<void> = Promise.resolve();
  flushAudit(): Promise<void> {
    this.auditChain = this.auditChain.then(async () => {
      if (!this.auditQueue.length) return;
      const batch = this.auditQueue.splice(0);
      await this.options.store
        .appendAudit(batch)
        .catch((e: Error) => this.options.log.error({ entries: batch.length, err: e.message }, 'could not store audit entries'));
    });
    return this.auditChain;
  }
}

/** An scrypt hash of nothing anyone knows: unknown names are checked against it, so they take as long as known ones. */
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** What changed between two users files, as audit entries (`user.added`, `token.removed`, `user.changed` with the fields …); never a hash. */
export function accountChanges(before: UsersFile, after: UsersFile): Pick<AuditEntry, 'action' | 'target' | 'detail'>[] {
  const out: Pick<AuditEntry, 'action' | 'target' | 'detail'>[] = [];
  const diff = <T extends { name: string }>(kind: string, a: readonly T[], b: readonly T[], describe: (x: T) => Record<string, unknown>) => {
    const was = new Map(a.map((x) => [x.name, x]));
    const is = new Map(b.map((x) => [x.name, x]));
    for (const [name, x] of is) {
      const old = was.get(name);
      if (!old) out.push({ action: `${kind}.added`, target: name, detail: describe(x) });
      else {
        const fields = Object.keys({ ...old, ...x }).filter(
          (k) => JSON.stringify((old as Record<string, unknown>)[k]) !== JSON.stringify((x as Record<string, unknown>)[k]),
        );
        if (fields.length) out.push({ action: `${kind}.changed`, target: name, detail: { fields, ...describe(x) } });
      }
    }
    for (const name of was.keys()) if (!is.has(name)) out.push({ action: `${kind}.removed`, target: name, detail: {} });
  };
  diff('user', before.users, after.users, (u) => ({ role: u.role, enterprises: u.enterprises ?? null, disabled: !!u.disabled }));
  diff('token', before.tokens, after.tokens, (t) => ({ scope: t.scope, expires: t.expires ?? null, enterprises: t.enterprises ?? null }));
  if (JSON.stringify(before.shared) !== JSON.stringify(after.shared)) out.push({ action: 'shared.changed', target: null, detail: { shared: after.shared } });
  return out;
}
