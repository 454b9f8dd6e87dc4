/**
 * The parktwin server: HTTP API and the built front end on one port. `createApp` takes its
 * dependencies so tests start the real server on port 0.
 */
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import https from 'node:https';
import net from 'node:net';
import express from 'express';
import helmet from 'helmet';
import compression from 'compression';
import expressStaticGzip from 'express-static-gzip';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { countByKind, loadModel, type ParkModel } from '../src/model/model.ts';
import { LayoutFormatError, type LayoutIssue } from '../src/model/validate.ts';
import { IngestError, LiveState, type LiveOptions } from './domain/live.ts';
import { AlarmError } from './domain/alarms.ts';
import { defaultUsers, ROLES, type Role, type User } from './auth/legacy.ts';
import { Auth, type AuthOptions, type Principal } from './auth/auth.ts';
import { ScopeIndex, type ScopeFilter } from './auth/scope.ts';
import { sameSecret } from './auth/secrets.ts';
import { startOidc, type Oidc, type OidcConfig } from './auth/oidc.ts';
import {
  type ApiResponse,
  type ApiRoute,
  DemoSignInBody,
  HistoryQuery,
  type SessionInfo,
  ShelveBody,
  SignInBody,
  type SignInOptions,
  TierBody,
  LAYOUT_EDITORS,
  LayoutGetQuery,
  LayoutPutQuery,
} from '../src/protocol/api.ts';
import { describeChange } from '../src/model/diff.ts';
import { isLayoutRefusal, type LayoutInForce, layoutAtStart, proposeLayout, sha256 } from './layouts.ts';
import { enterpriseTiers } from '../src/geo/compliance/supervision.ts';
import { type Permit, PERMIT_ACTIONS, type PermitAction, PermitActionBody, PermitBody, SpotCheckBody } from '../src/protocol/permits.ts';
import { isRefusal, type Refusal } from './domain/permits.ts';
import { PermitDesk } from './domain/permitDesk.ts';
import { Registers } from './domain/registers.ts';
import { CancelBody, ContractorBody, DutyCheckinBody, EntryBody, TurnaroundBody } from '../src/protocol/registers.ts';
import type { LiveEvent } from '../src/protocol/events.ts';
import { type Realtime, startRealtime } from './realtime.ts';
import { DrillInputError, DrillLimitError, Drills } from './drills.ts';
import { DrillActionError } from './drills/drill.ts';
import { Simulator, type SimulatorOptions } from './ingest/simulator.ts';
import { PermitSimulator } from './ingest/simPermits.ts';
import { startMqttIngest, type MqttIngest } from './ingest/mqtt.ts';
import { openStore } from './store/index.ts';
import type { Store } from './store/types.ts';
import { readSliced, SliceGate } from './history.ts';
import { JsonFileError, readJsonFile } from './jsonFile.ts';
import { startCluster, type Cluster } from './cluster.ts';
import type { Cursor } from './store/types.ts';
import { ROOT_DIR } from './config.ts';
import { createLogger, type Logger } from './log.ts';
import { checkSources, SourcesFileError, type SourcesFile, type SourcesInput } from './sources/config.ts';
import { FieldSources } from './sources/index.ts';
import { type VideoOptions, VideoDesk } from './domain/videoDesk.ts';
import { AnalyticsRules } from '../src/protocol/video.ts';
import { cameraOrigins } from '../src/geo/live/cameras.ts';
import { DEMO_FILE, DEMO_VIDEO_DIR, demoPlaylist } from './ingest/demoVideo.ts';

export interface AppDeps {
  layoutFile: string;
  /** Directory of the built front end (vite build); absent → the API only. */
  staticDir?: string;
  /** SQLite file of the event store; ':memory:' keeps nothing. */
  dbFile?: string;
  /** PostgreSQL instead of SQLite (DATABASE_URL). */
  databaseUrl?: string;
  /** Share broadcasts and state with other processes through Redis (REDIS_URL). */
  redisUrl?: string;
  /** Options of the live state (history periods). */
  live?: Partial<LiveOptions>;
  /** Bearer token of HTTP and MQTT ingest; generated when absent (see `ingestToken`). */
  ingestToken?: string;
  /** Period of the clock that finds silent sensors and tags, ms; 0 turns it off (tests drive `live.tick`). */
  tick_ms?: number;
  /** Run the built-in simulator (the default of `npm start`), with options; `opcua`: its gas detectors through an embedded OPC UA server. */
  simulator?: boolean | 'opcua' | Partial<SimulatorOptions>;
  /** MQTT broker to take positions and readings from (PARKTWIN_MQTT_URL). */
  mqttUrl?: string;
  /** Users with roles and tokens of an earlier deployment (PARKTWIN_USERS, still accepted). */
  users?: User[];
  /** The users file (PARKTWIN_USERS_FILE): people with passwords, tokens with scopes. */
  usersFile?: string;
  /** OpenID Connect sign-in (PARKTWIN_OIDC_*). */
  oidc?: OidcConfig;
  /** Serve HTTPS with this certificate and key (PEM); plain HTTP on the same port is redirected. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Limits and lifetimes of sign-in (tests shorten them). */
  auth?: Pick<AuthOptions, 'maxFailures' | 'failureWindow_ms' | 'sessionIdle_ms' | 'sessionMax_ms' | 'now'>;
  /** Heavy reads (history, tracks, audit) one user may have running at once. */
  heavyReadsPerUser?: number;
  /** The server's logger (server/log.ts): stderr at PARKTWIN_LOG_LEVEL when absent. */
  log?: Logger;
  /** Field sources (OPC UA, Modbus): the PARKTWIN_SOURCES file, or its content. */
  sources?: string | SourcesInput;
  /** Video analytics: snapshot size and retention, and the rules (or PARKTWIN_VIDEO_RULES, a JSON file of them). */
  video?: Partial<VideoOptions>;
  videoRulesFile?: string;
  /** The OPC UA PKI folder (PARKTWIN_PKI, default data/pki). */
  pkiDir?: string;
}

/**
 * The routes anyone may call without signing in — the only ones: the health check, signing in
 * (password, OpenID Connect) and, in demo mode only, the demo sign-in helpers. Every other API
 * route needs a credential; the route-enumerating test holds every registered route to this list.
 */
export const PUBLIC_ROUTES = [
  'GET /api/health',
  'GET /api/session',
  'POST /api/sign-in',
  'GET /api/auth/oidc/login',
  'GET /api/auth/oidc/callback',
  'GET /api/demo/users',
  'POST /api/demo/sign-in',
] as const;

/**
 * The layout a server starts with goes in the audit trail (`layout.loaded`, its SHA-256), and a
 * layout that differs from the one the previous start loaded as `layout.changed` too: who changed the
 * park's drawing is the file's business, but when the twin began showing another one is on record.
 */
async function auditLayout(auth: Auth, store: Store, file: string, text: string, features: number): Promise<void> {
  const sha = sha256(text);
  const [last] = await store.queryAudit({ action: 'layout.loaded', newest: true, limit: 1 });
  const before = last?.detail.sha256;
  const detail = { file: path.basename(file), sha256: sha, features };
  if (before !== undefined && before !== sha)
    await auth.audit({ actor: '(server)', action: 'layout.changed', target: null, ip: null, detail: { ...detail, previous: before } });
  await auth.audit({ actor: '(server)', action: 'layout.loaded', target: null, ip: null, detail });
}

export interface ParktwinServer {
  readonly http: http.Server;
  readonly model: ParkModel;
  /** Warnings of the layout (unknown properties, set points above the standard …). */
  readonly warnings: readonly LayoutIssue[];
  readonly live: LiveState;
  readonly ingestToken: string;
  readonly mqtt?: MqttIngest;
  readonly cluster?: Cluster;
  /** The demo users (demo mode), or the users of PARKTWIN_USERS. */
  readonly users: readonly User[];
  readonly auth: Auth;
  /** True when no user is configured: demo users sign in by role, and the server belongs on loopback only. */
  readonly demo: boolean;
  /** The express app (tests enumerate its routes). */
  readonly app: express.Express;
  /** The drills running (training scenarios isolated from live data). */
  readonly drills: Drills;
  /** Special-operation permits (GB 30871-2022). */
  readonly permits: PermitDesk;
  /** Duty check-ins, turnarounds, contractors. */
  readonly registers: Registers;
  /** The socket.io server (tests look at the connections). */
  readonly io: Realtime['io'];
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/** The layout file could not be loaded; `issues` say why, feature by feature. */
export class LayoutLoadError extends Error {
  constructor(
    message: string,
    readonly issues: LayoutIssue[] = [],
  ) {
    super(message);
  }
}

/** A file's JSON, or the error `fail` makes of why it cannot be read (not there, not JSON). */
function readJsonAs(file: string, fail: (message: string) => Error): unknown {
  try {
    return readJsonFile(file);
  } catch (e) {
    if (e instanceof JsonFileError) throw fail(e.message);
    throw e;
  }
}

export function loadLayoutFile(file: string): { model: ParkModel; text: string; warnings: LayoutIssue[] } {
  const json = readJsonAs(file, (m) => new LayoutLoadError(m));
  try {
    const r = loadModel(json, { owned: true }); // read from the file for this; only written back out below
    if (!r.ok) throw new LayoutLoadError(`${file}: invalid layout (${r.issues.filter((i) => i.severity === 'error').length} errors)`, r.issues);
    return { model: r.model, text: JSON.stringify(json), warnings: r.issues };
  } catch (e) {
    if (e instanceof LayoutFormatError) throw new LayoutLoadError(`${file}: ${e.message}`);
    throw e;
  }
}

/** Reads and checks the sources file (PARKTWIN_SOURCES) against the layout: every problem named, or the sources. */
export function readSourcesFile(file: string, model: ParkModel): SourcesFile {
  return checkSources(
    readJsonAs(file, (m) => new SourcesFileError(m)),
    model,
    file,
  );
}

/** Answers a route with its body, checked against the route's answer type in src/protocol/api.ts. */
const reply = <R extends ApiRoute>(res: express.Response, _route: R, body: ApiResponse<R>, status = 200) => res.status(status).json(body);

/** A 400 naming the first field at fault of a zod error. */
function badRequest(res: express.Response, error: z.ZodError, where: string): void {
  const i = error.issues[0];
  const keys = (i as { keys?: string[] }).keys;
  const field = i.code === 'unrecognized_keys' && keys?.length ? keys[0] : i.path.join('.') || where;
  res.status(400).json({ error: `${where === 'query' ? 'query ' : ''}${field}: ${i.code === 'unrecognized_keys' ? 'unknown field' : i.message}`, field });
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.|localhost$)/;
export const isLoopback = (host: string) => LOOPBACK.test(host);

export async function createApp(deps: AppDeps): Promise<ParktwinServer> {
  const file = loadLayoutFile(deps.layoutFile);
  const startedAt = Date.now();
  const log = deps.log ?? createLogger();
  const store = await openStore({ databaseUrl: deps.databaseUrl, dbFile: deps.dbFile, log });
  // the layout in force: the newest stored version, or the layout file when it is new to the store (server/layouts.ts)
  let park: LayoutInForce;
  let sourcesConfig: SourcesFile | undefined;
  try {
    park = await layoutAtStart(store, { file: deps.layoutFile, ...file }, log);
    // the sources file is checked against the layout before anything starts: a bad one stops the start
    sourcesConfig =
      deps.sources === undefined
        ? undefined
        : typeof deps.sources === 'string'
          ? readSourcesFile(deps.sources, park.model)
          : checkSources(deps.sources, park.model);
  } catch (e) {
    await store.close();
    throw e;
  }
  // what the routes read of the layout in force; a switch (switchLayout below) sets them anew
  let model = park.model;
  let layoutText = park.text;
  let warnings = park.warnings;
  const live = new LiveState(model, store, Date.now(), { ...deps.live, log });
  live.version = park.version.version;
  const restored = await live.restore();
  const permits = new PermitDesk(store, live, log);
  await permits.start();
  const registers = new Registers(store, live, log);
  await registers.start();
  let videoRules: VideoOptions['rules'] | undefined;
  if (deps.videoRulesFile) {
    try {
      const r = AnalyticsRules.safeParse(readJsonFile(deps.videoRulesFile));
      if (!r.success) throw new Error(`${deps.videoRulesFile}: ${r.error.issues.map((i) => `${i.path.join('.') || '(rules)'}: ${i.message}`).join('; ')}`);
      videoRules = r.data;
    } catch (e) {
      permits.stop();
      registers.stop();
      await store.close();
      throw new Error(`PARKTWIN_VIDEO_RULES: ${(e as Error).message}`);
    }
  }
  const video = new VideoDesk(live, store, log, { ...deps.video, ...(videoRules ? { rules: videoRules } : {}) });
  // PARKTWIN_SIMULATOR=opcua: the simulated gas detectors come back through a real OPC UA session
  const embedded =
    deps.simulator === 'opcua'
      ? await (await import('./sources/embedded.ts')).startEmbeddedOpcUa(model, deps.pkiDir ?? path.join(ROOT_DIR, 'data', 'pki'))
      : undefined;
  const allSources = embedded ? { opcua: [...(sourcesConfig?.opcua ?? []), ...embedded.sources.opcua], modbus: sourcesConfig?.modbus ?? [] } : sourcesConfig;
  const sources = allSources && (allSources.opcua.length || allSources.modbus.length) ? new FieldSources(allSources, live, { pkiDir: deps.pkiDir }) : undefined;
  const demo = !deps.users && !deps.usersFile && !deps.oidc;
  const ingestToken = deps.ingestToken ?? randomBytes(18).toString('base64url');
  const users = deps.users ?? (demo ? defaultUsers() : []);
  let auth: Auth;
  try {
    auth = new Auth({
      store,
      usersFile: deps.usersFile,
      legacyUsers: deps.users,
      demoUsers: demo ? users : undefined,
      ingestToken,
      secureCookies: !!deps.tls,
      log,
      ...deps.auth,
    });
  } catch (e) {
    await store.close();
    throw e;
  }
  await auditLayout(auth, store, deps.layoutFile, file.text, file.model.features.length);
  /** Who sees what: the enterprise scopes of the layout in force (a switch replaces them). */
  const access = { auth, scopes: new ScopeIndex(model, auth.shared) };
  /** The origins of the layout's camera streams and pictures (other hosts: a video platform, an NVR), allowed by the CSP. */
  let origins: { model: ParkModel; list: string } | null = null;
  const videoOrigins = () => {
    if (origins?.model !== live.model) origins = { model: live.model, list: cameraOrigins(live.model).join(' ') };
    return origins.list;
  };
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback'); // behind a reverse proxy on the same machine, req.ip is the client's (docs/security.md)
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          // no inline script and no eval: Cesium compiles its WebAssembly (draco, basis) and runs its
          // workers from blob: URLs; the two libraries that evaluate strings (knockout, zod) are
          // rewritten at build time (vite.config.ts); e2e/csp.test.ts watches for violations
          scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
          workerSrc: ["'self'", 'blob:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:', videoOrigins],
          fontSrc: ["'self'", 'data:'],
          // the cameras' streams: hls.js fetches them (connect) into a MediaSource (a blob: URL)
          connectSrc: ["'self'", 'data:', 'blob:', videoOrigins],
          mediaSrc: ["'self'", 'blob:', videoOrigins],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          ...(deps.tls ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      strictTransportSecurity: deps.tls ? { maxAge: 15552000 } : false,
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  app.use(compression());

  const ipOf = (req: express.Request) => req.ip ?? req.socket.remoteAddress ?? '?';
  const principalOf = (res: express.Response) => res.locals.principal as Principal;
  const scopeOf = (res: express.Response): ScopeFilter | null => {
    const p = principalOf(res);
    return p?.enterprises ? access.scopes.filter(p.enterprises) : null;
  };
  const audit = (req: express.Request, res: express.Response, action: string, target: string | null, detail: Record<string, unknown> = {}) =>
    auth.audit({ actor: principalOf(res)?.name ?? '(none)', action, target, ip: ipOf(req), detail });

  // ---- public: health, sign-in ----------------------------------------------------------------
  app.get('/api/health', (_req, res) => {
    res.json({
      status: 'ok',
      startedAt,
      layout: { name: model.meta.name ?? null, version: park.version.version, features: model.features.length, counts: countByKind(model.layout) },
    });
  });
  let oidc: Oidc | undefined;
  try {
    oidc = deps.oidc ? await startOidc(deps.oidc, auth) : undefined;
  } catch (e) {
    await store.close();
    throw new Error(`OpenID Connect: cannot read the provider's discovery document at ${deps.oidc!.issuer}: ${(e as Error).message}`);
  }
  /** The credential a request carries (bearer token or session cookie), checked. */
  const credentialOf = (req: express.Request) => auth.authenticate({ authorization: req.get('authorization'), cookie: req.get('cookie') }, ipOf(req));
  /** A refused credential: 401, or 429 with Retry-After. */
  const refuse = (res: express.Response, r: { status: 401 | 429; error: string; retryAfter_s?: number }, extra: object = {}) => {
    if (r.status === 429) res.set('retry-after', String(r.retryAfter_s));
    res.status(r.status).json({ error: r.error, ...extra });
  };
  /** What the page learns of its session: who, what role and scope, and the CSRF token of its writes. */
  const sessionInfo = (p: Principal): SessionInfo => ({
    name: p.name,
    role: p.role,
    via: p.via,
    enterprises: p.enterprises,
    csrf: p.session?.csrf ?? null,
    demo,
  });
  /** Who is signed in; 401 says how one can sign in here. */
  app.get('/api/session', async (req, res) => {
    const r = await credentialOf(req);
    if (r.ok) reply(res, 'GET /api/session', sessionInfo(r.principal));
    else refuse(res, r, { demo, oidc: !!oidc, password: !!deps.usersFile } satisfies SignInOptions);
  });
  const sendSession = (res: express.Response, s: { cookie: string; principal: Principal }) => res.set('set-cookie', s.cookie).json(sessionInfo(s.principal));
  app.post('/api/sign-in', express.json({ limit: '4kb' }), async (req, res) => {
    const b = SignInBody.safeParse(req.body);
    if (!b.success) return badRequest(res, b.error, 'body');
    const r = await auth.signIn(b.data.name, b.data.password, ipOf(req));
    if (r.ok) sendSession(res, r);
    else refuse(res, r);
  });
  if (oidc) {
    app.get('/api/auth/oidc/login', (req, res) => oidc.login(req, res));
    app.get('/api/auth/oidc/callback', (req, res) => oidc.callback(req, res, ipOf(req)));
  }
  if (demo) {
    // demo mode only (no users configured, loopback only): sign in as a demo role — never a token
    app.get('/api/demo/users', (_req, res) =>
      reply(
        res,
        'GET /api/demo/users',
        users.map((u) => ({ name: u.name, role: u.role })),
      ),
    );
    app.post('/api/demo/sign-in', express.json({ limit: '1kb' }), async (req, res) => {
      const b = DemoSignInBody.safeParse(req.body);
      if (!b.success) return badRequest(res, b.error, 'body');
      const r = await auth.signInDemo(b.data.role, ipOf(req));
      if (r) sendSession(res, r);
      else res.status(404).json({ error: `no demo user of role ${b.data.role}` });
    });
  }

  // ---- everything else needs a credential ------------------------------------------------------
  app.use('/api', async (req, res, next) => {
    const r = await credentialOf(req);
    if (!r.ok) return refuse(res, r);
    // a write made with the session cookie carries its CSRF token (a bearer token is no cookie: no CSRF)
    if (r.principal.session && !['GET', 'HEAD', 'OPTIONS'].includes(req.method) && !sameSecret(req.get('x-csrf-token'), r.principal.session.csrf)) {
      res.status(403).json({ error: 'a write with the session cookie needs its X-CSRF-Token header (from GET /api/session)', code: 'csrf' });
      return;
    }
    res.locals.principal = r.principal;
    next();
  });
  app.post('/api/sign-out', async (req, res) => {
    reply(res.set('set-cookie', await auth.signOut(principalOf(res), ipOf(req))), 'POST /api/sign-out', { signed_out: true });
  });
  /** Requires one of the roles: 403 with another. */
  const requireRole =
    (...roles: (Role | 'ingest')[]): express.RequestHandler =>
    (_req, res, next) => {
      const p = principalOf(res);
      if (!roles.includes(p.role))
        res.status(403).json({
          error: p.role === 'ingest' ? 'an ingest token may only send data (POST /api/ingest/*)' : `a ${p.role} may not do this (needs ${roles.join(' or ')})`,
        });
      else next();
    };
  const anyUser = requireRole(...ROLES);
  /** Heavy reads (history, tracks, audit): a few per user at a time, so no one holds the server. */
  /** History pages are read in slices that take turns with everything else (server/history.ts). */
  const historyGate = new SliceGate();
  const heavyPerUser = deps.heavyReadsPerUser ?? 2;
  // and server-wide: HEAVY_AT_ONCE pages are read at a time, the next ones wait their turn (FIFO, at
  // most HEAVY_WAITING), so many readers share the history's throughput instead of the alarm path's
  const HEAVY_AT_ONCE = 2;
  const HEAVY_WAITING = 64;
  const heavyRunning = new Map<string, number>();
  let heavyActive = 0;
  const heavyQueue: (() => void)[] = [];
  const heavy: express.RequestHandler = (_req, res, next) => {
    const who = principalOf(res).name;
    const n = heavyRunning.get(who) ?? 0;
    if (n >= heavyPerUser || heavyQueue.length >= HEAVY_WAITING) {
      const why =
        n >= heavyPerUser
          ? `at most ${heavyPerUser} history reads at once per user: wait for one to finish`
          : 'too many history reads waiting: retry in a moment';
      res.set('retry-after', '1').status(429).json({ error: why });
      return;
    }
    heavyRunning.set(who, n + 1);
    let state: 'waiting' | 'running' | 'done' = 'waiting';
    const start = () => {
      if (state !== 'waiting') return;
      state = 'running';
      heavyActive++;
      next();
    };
    const release = () => {
      if (state === 'done') return;
      const wasRunning = state === 'running';
      state = 'done';
      const m = (heavyRunning.get(who) ?? 1) - 1;
      if (m > 0) heavyRunning.set(who, m);
      else heavyRunning.delete(who);
      if (!wasRunning) {
        const i = heavyQueue.indexOf(start);
        if (i >= 0) heavyQueue.splice(i, 1);
        return;
      }
      heavyActive--;
      heavyQueue.shift()?.();
    };
    res.once('finish', release);
    res.once('close', release);
    if (heavyActive < HEAVY_AT_ONCE) start();
    else heavyQueue.push(start);
  };
  /** The query, parsed (400 naming the field otherwise). */
  const queryOf = (req: express.Request, res: express.Response): HistoryQuery | null => {
    const q = HistoryQuery.safeParse(req.query);
    if (!q.success) {
      badRequest(res, q.error, 'query');
      return null;
    }
    return q.data;
  };
  /**
   * The live state a request is about: the live park's, or a drill's with `?drill=<id>` (404 when
   * there is no such drill). Drills are created once the realtime layer exists, below.
   */
  let drills: Drills | undefined;
  /** Puts a stored layout version in force (set below, once the socket server runs). */
  let switchLayout: (next: LayoutInForce, origin: boolean) => Promise<void> = async () => {};
  /** What keeps a layout from being stored besides its own errors: a field source feeding a sensor it no longer has. */
  const sourcesProblems = (m: ParkModel): string[] => {
    const fed = embedded ? { opcua: [...(sourcesConfig?.opcua ?? []), ...embedded.sources.opcua], modbus: sourcesConfig?.modbus ?? [] } : sourcesConfig;
    if (!fed) return [];
    try {
      checkSources(fed, m, 'PARKTWIN_SOURCES');
      return [];
    } catch (e) {
      return e instanceof SourcesFileError ? [`the field sources feed what this layout does not have: ${e.problems.join('; ')}`] : [(e as Error).message];
    }
  };
  const liveOf = (req: express.Request, res: express.Response): LiveState | null => {
    const id = req.query.drill;
    if (id === undefined) return live;
    const d = typeof id === 'string' ? drills?.get(id) : undefined;
    if (!d) res.status(404).json({ error: `no drill "${typeof id === 'string' ? id.slice(0, 64) : '?'}" is running` });
    return d?.live ?? null;
  };
  /** The page's cursor header: more may follow after the last row. */
  const pageHeaders = (req: express.Request, res: express.Response, rows: number, limit: number, last: Cursor | undefined) => {
    if (rows < limit || !last) return;
    const cursor = `${last.t_ms}.${last.id}`;
    const u = new URL(req.originalUrl, 'http://x');
    u.searchParams.set('after', cursor);
    res.set('x-next-cursor', cursor).set('link', `<${u.pathname}${u.search}>; rel="next"`);
  };

  app.get('/api/whoami', anyUser, (_req, res) => {
    const p = principalOf(res);
    reply(res, 'GET /api/whoami', { name: p.name, role: p.role, enterprises: p.enterprises });
  });
  app.get('/api/alarms', anyUser, (req, res) => {
    const l = liveOf(req, res);
    const scope = scopeOf(res);
    if (l) reply(res, 'GET /api/alarms', scope ? l.activeAlarms().filter(scope.alarm) : l.activeAlarms());
  });
  /** An operator's action on an alarm; `fn` answers with the events and what the audit trail records of the request (never the raw body). */
  const alarmAction = (
    action: string,
    fn: (live: LiveState, id: string, user: Principal, body: unknown) => Promise<{ events: LiveEvent[]; detail?: Record<string, unknown> }>,
  ): express.RequestHandler[] => [
    requireRole('operator', 'admin'),
    express.json({ limit: '10kb' }),
    async (req, res) => {
      const id = String(req.params.id);
      const l = liveOf(req, res);
      if (!l) return;
      const alarm = l.alarms.alarms.get(id);
      if (!alarm) {
        res.status(404).json({ error: `no alarm "${id.slice(0, 80)}"` });
        return;
      }
      const scope = scopeOf(res);
      if (scope && !scope.feature(alarm.sensor)) {
        res.status(403).json({ error: `alarm "${id}" is outside your enterprises` });
        return;
      }
      try {
        const { events, detail } = await fn(l, id, principalOf(res), req.body ?? {});
        void audit(req, res, action, id, { ...(l !== live ? { drill: String(req.query.drill) } : {}), ...detail });
        reply(res, 'POST /api/alarms/:id/ack', { events });
      } catch (e) {
        if (e instanceof AlarmError) res.status(409).json({ error: e.message });
        else if (e instanceof z.ZodError) badRequest(res, e, 'body');
        else throw e;
      }
    },
  ];
  app.post('/api/alarms/:id/ack', ...alarmAction('alarm.ack', async (l, id, user) => ({ events: await l.acknowledge(id, user.name, Date.now()) })));
  app.post(
    '/api/alarms/:id/shelve',
    ...alarmAction('alarm.shelve', async (l, id, user, body) => {
      const { minutes } = ShelveBody.parse(body);
      const now = Date.now();
      return { events: await l.shelve(id, user.name, now + minutes * 60_000, now), detail: { minutes } };
    }),
  );
  // drills: trainers start and end them, anyone signed in may list and watch them
  app.get('/api/drills', anyUser, (_req, res) => {
    reply(res, 'GET /api/drills', drills?.list() ?? []);
  });
  app.get('/api/drills/:id', anyUser, (req, res) => {
    const d = drills?.get(String(req.params.id));
    if (d) reply(res, 'GET /api/drills/:id', d.info);
    else res.status(404).json({ error: `no drill "${String(req.params.id).slice(0, 64)}" is running` });
  });
  app.post('/api/drills', requireRole('trainer', 'admin'), express.json({ limit: '100kb' }), (req, res) => {
    try {
      const info = drills!.start(req.body, principalOf(res), Date.now());
      void audit(req, res, 'drill.start', info.id, { scenario: info.scenario });
      reply(res, 'POST /api/drills', info, 201);
    } catch (e) {
      if (e instanceof DrillInputError) res.status(400).json({ error: e.message, field: e.field });
      else if (e instanceof DrillLimitError) res.status(409).json({ error: e.message });
      else throw e;
    }
  });
  app.get('/api/drills/:id/report', anyUser, async (req, res) => {
    const d = drills?.get(String(req.params.id));
    if (d) reply(res, 'GET /api/drills/:id/report', await d.report(Date.now()));
    else res.status(404).json({ error: `no drill "${String(req.params.id).slice(0, 64)}" is running` });
  });
  // an operator (or the trainer) shuts the release off: the emergency shut-off valve closed
  app.post('/api/drills/:id/stop', requireRole('operator', 'trainer', 'admin'), async (req, res) => {
    const d = drills?.get(String(req.params.id));
    if (!d) {
      res.status(404).json({ error: `no drill "${String(req.params.id).slice(0, 64)}" is running` });
      return;
    }
    try {
      const release_s = await d.stopRelease(Date.now(), principalOf(res).name);
      void audit(req, res, 'drill.release_stopped', d.info.id, { release_s });
      reply(res, 'POST /api/drills/:id/stop', { release_s });
    } catch (e) {
      if (e instanceof DrillActionError) res.status(409).json({ error: e.message });
      else throw e;
    }
  });
  // ending a drill answers with its debrief
  app.delete('/api/drills/:id', requireRole('trainer', 'admin'), async (req, res) => {
    const report = await drills!.end(String(req.params.id));
    if (!report) {
      res.status(404).json({ error: `no drill "${String(req.params.id).slice(0, 64)}" is running` });
      return;
    }
    void audit(req, res, 'drill.end', String(req.params.id));
    reply(res, 'DELETE /api/drills/:id', report);
  });

  // ingest: machines with an ingest token; a bad batch is 400 and changes nothing
  const ingest = (fn: (body: unknown) => Promise<object> | object): express.RequestHandler[] => [
    requireRole('ingest'),
    express.json({ limit: '20mb' }),
    async (req, res) => {
      try {
        const r = await fn(req.body);
        res.json('events' in r && Array.isArray(r.events) ? { ...r, events: r.events.length } : r);
      } catch (e) {
        if (e instanceof IngestError) res.status(400).json({ error: 'batch rejected, nothing applied', reasons: e.reasons });
        else {
          log.error({ route: req.path, err: (e as Error).message }, 'ingest failed');
          // the reason stays in the server's log: internal text is not for the caller
          res.status(503).json({ error: 'applied, but the store failed: retry later (the server log says why)' });
        }
      }
    },
  ];
  app.post('/api/ingest/positions', ...ingest((b) => live.ingestPositions(b)));
  app.post('/api/ingest/readings', ...ingest((b) => live.ingestReadings(b)));
  app.post('/api/ingest/weather', ...ingest((b) => ({ weather: live.ingestWeather(b, 'http') })));
  // hazchem waybills from the transport system (checked at the gate)
  app.post('/api/ingest/waybills', ...ingest((b) => registers.ingestWaybills(b, 'ingest', Date.now())));
  // video analytics events with their snapshots (intrusion, no helmet, smoke or flame, gas cloud)
  app.post('/api/ingest/video', ...ingest((b) => video.ingest(b, 'http')));

  // a snapshot kept with a video analytics event: to those who see its camera
  app.get('/api/video/snapshots/:id', anyUser, async (req, res) => {
    const id = Number(req.params.id);
    const s = Number.isSafeInteger(id) && id > 0 ? await video.snapshot(id) : null;
    const scope = scopeOf(res);
    if (!s || (scope && !scope.feature(s.camera))) {
      res.status(404).json({ error: 'no such snapshot (or past its retention)' });
      return;
    }
    res.set('Cache-Control', 'private, max-age=86400, immutable').type(s.media_type).send(s.bytes);
  });

  // the demo cameras' live streams (test patterns looped as live HLS; docs/integration.md)
  app.get('/api/video/demo/:file', anyUser, (req, res) => {
    const file = String(req.params.file);
    const m = DEMO_FILE.exec(file);
    if (!m) {
      res.status(404).json({ error: 'no such demo stream' });
      return;
    }
    if (m[2] === '.m3u8') {
      res.set('Cache-Control', 'no-cache').type('application/vnd.apple.mpegurl').send(demoPlaylist(m[1], Date.now()));
      return;
    }
    res.sendFile(file, { root: path.join(ROOT_DIR, DEMO_VIDEO_DIR), maxAge: '1h' }, (err) => {
      if (err && !res.headersSent) res.status(404).json({ error: 'no such demo stream' });
    });
  });

  app.get('/api/events', anyUser, heavy, async (req, res) => {
    const q = queryOf(req, res);
    const l = q && liveOf(req, res);
    if (!q || !l) return;
    const limit = q.limit ?? 1000;
    const scope = scopeOf(res);
    const page = await readSliced(
      historyGate,
      { limit, after: q.after },
      (after, n) => l.store.query({ since_ms: q.since, until_ms: q.until, type: q.type, subject: q.subject, after, limit: n }),
      (e) => ({ t_ms: e.t, id: e.id }),
      (e) => JSON.stringify(e),
      scope ? scope.event : undefined,
    );
    pageHeaders(req, res, page.read, limit, page.last);
    res.type('application/json').send(`[${page.items.join(',')}]`);
  });
  /** Position history (downsampled): JSON, or NDJSON for `parktwin replay` with ?format=ndjson; paged. */
  app.get('/api/tracks', anyUser, heavy, async (req, res) => {
    const q = queryOf(req, res);
    const l = q && liveOf(req, res);
    if (!q || !l) return;
    const limit = q.limit ?? 1000;
    const scope = scopeOf(res);
    const ndjson = q.format === 'ndjson';
    const page = await readSliced(
      historyGate,
      { limit, after: q.after },
      (after, n) => l.store.queryTrack({ subject: q.subject, since_ms: q.since, until_ms: q.until, after, limit: n, withRow: true }),
      (p) => ({ t_ms: p.t_ms, id: p.row ?? 0 }),
      ({ row: _row, ...p }) => JSON.stringify(ndjson ? { ...p, t: p.t_ms, t_ms: undefined } : p),
      scope ? (p) => scope.lonLat(p.lon, p.lat) : undefined,
    );
    pageHeaders(req, res, page.read, limit, page.last);
    if (ndjson) res.type('application/x-ndjson').send(page.items.join('\n') + (page.items.length ? '\n' : ''));
    else res.type('application/json').send(`[${page.items.join(',')}]`);
  });
  app.get('/api/sensors/:id/history', anyUser, (req, res) => {
    const id = String(req.params.id);
    const scope = scopeOf(res);
    if (model.byId.get(id)?.kind !== 'sensor' || (scope && !scope.feature(id))) {
      res.status(404).json({ error: `no sensor "${id.slice(0, 64)}" in the layout${scope ? ' within your enterprises' : ''}` });
      return;
    }
    const q = queryOf(req, res);
    const l = q && liveOf(req, res);
    if (q && l) reply(res, 'GET /api/sensors/:id/history', { sensor: id, every_ms: l.options.readingEvery_ms, readings: l.readingsOf(id, q.since) });
  });
  app.get('/api/status', anyUser, (_req, res) => {
    const scope = scopeOf(res);
    const st = live.status(Date.now());
    reply(res, 'GET /api/status', {
      ...(scope ? scope.status(st) : st),
      counters: live.counters,
      store: store.kind,
      restored,
      cluster: cluster ? { id: cluster.id, leader: cluster.isLeader() } : null,
      // where the plant systems are (endpoints, errors) is for those who run the park, not every viewer
      sources: scope || !['admin', 'operator'].includes(principalOf(res).role) ? [] : (sources?.statuses() ?? []),
    });
  });
  // supervision tiers: suggested from the GB 18218 grades, set per enterprise by an admin with a reason
  // the major hazard units of the layout in force, worked out when first asked for (the registers keep them)
  const tiersNow = async () => enterpriseTiers(model, registers.hazardUnits(), await store.tierDecisions());
  app.get('/api/tiers', anyUser, async (_req, res) => {
    const mine = principalOf(res).enterprises;
    const all = await tiersNow();
    reply(res, 'GET /api/tiers', mine ? all.filter((t) => mine.includes(t.enterprise)) : all);
  });
  app.post('/api/tiers/:enterprise', requireRole('admin'), express.json({ limit: '4kb' }), async (req, res) => {
    const enterprise = String(req.params.enterprise);
    if (model.byId.get(enterprise)?.kind !== 'enterprise') {
      res.status(404).json({ error: `no enterprise "${enterprise.slice(0, 64)}" in the layout` });
      return;
    }
    const b = TierBody.safeParse(req.body);
    if (!b.success) return badRequest(res, b.error, 'body');
    const d = await store.appendTier({ t_ms: Date.now(), enterprise, tier: b.data.tier, reason: b.data.reason, by: principalOf(res).name });
    void audit(req, res, 'tier.set', enterprise, { tier: d.tier, reason: d.reason });
    reply(res, 'POST /api/tiers/:enterprise', (await tiersNow()).find((t) => t.enterprise === enterprise)!, 201);
  });
  // special-operation permits (GB 30871-2022): filed, approved and acted on by the enterprise's
  // operators, watched on the live park, spot-checked by the park
  const actorOf = (res: express.Response) => {
    const p = principalOf(res);
    return { name: p.name, role: p.role as Role, enterprises: p.enterprises };
  };
  const permitReply = (
    res: express.Response,
    r: Permit | Refusal,
    route: 'POST /api/permits' | 'POST /api/permits/:id/:action' | 'POST /api/permits/:id/spot-checks',
    status = 200,
  ) => {
    if (isRefusal(r)) res.status(r.status).json({ error: r.error, field: r.field, reasons: r.reasons, problems: r.problems });
    else reply(res, route, r, status);
  };
  app.get('/api/permits', anyUser, async (req, res) => {
    await permits.sync();
    const status = typeof req.query.status === 'string' ? req.query.status.split(',') : null;
    reply(
      res,
      'GET /api/permits',
      permits.book.list(actorOf(res)).filter((p) => !status || status.includes(p.status)),
    );
  });
  app.get('/api/permits/stats', anyUser, async (_req, res) => {
    await permits.sync();
    reply(res, 'GET /api/permits/stats', permits.book.stats(actorOf(res)));
  });
  app.post('/api/permits', requireRole('operator', 'admin'), express.json({ limit: '64kb' }), async (req, res) => {
    const b = PermitBody.safeParse(req.body);
    if (!b.success) return badRequest(res, b.error, 'body');
    const r = await permits.file(b.data, actorOf(res), Date.now());
    if (!isRefusal(r)) void audit(req, res, 'permit.file', r.id, { kind: r.kind, grade: r.grade ?? null, enterprise: r.enterprise });
    permitReply(res, r, 'POST /api/permits', 201);
  });
  app.post('/api/permits/:id/spot-checks', requireRole('operator', 'admin'), express.json({ limit: '512kb' }), async (req, res) => {
    const b = SpotCheckBody.safeParse(req.body);
    if (!b.success) return badRequest(res, b.error, 'body');
    const id = String(req.params.id);
    const r = await permits.spotCheck(id, b.data, actorOf(res), Date.now());
    if (!isRefusal(r)) void audit(req, res, 'permit.spot_check', id, { finding: b.data.finding });
    permitReply(res, r, 'POST /api/permits/:id/spot-checks', 201);
  });
  app.post('/api/permits/:id/:action', requireRole('operator', 'admin'), express.json({ limit: '16kb' }), async (req, res) => {
    const action = String(req.params.action) as PermitAction;
    if (!PERMIT_ACTIONS.includes(action)) {
      res.status(404).json({ error: `no permit action "${action.slice(0, 32)}" (${PERMIT_ACTIONS.join(', ')})` });
      return;
    }
    const b = PermitActionBody.safeParse(req.body ?? {});
    if (!b.success) return badRequest(res, b.error, 'body');
    const id = String(req.params.id);
    const r = await permits.act(id, action, b.data, actorOf(res), Date.now());
    if (!isRefusal(r)) void audit(req, res, `permit.${action}`, id, b.data.reason ? { reason: b.data.reason } : {});
    permitReply(res, r, 'POST /api/permits/:id/:action');
  });
  // the registers: duty check-ins of major hazard sources (包保), turnarounds, contractors
  const answer = <R extends ApiRoute>(res: express.Response, route: R, r: ApiResponse<R> | Refusal, status = 200) => {
    if (isRefusal(r as object)) {
      const f = r as Refusal;
      res.status(f.status).json({ error: f.error, field: f.field, reasons: f.reasons });
    } else reply(res, route, r as ApiResponse<R>, status);
  };
  app.get('/api/duties', anyUser, async (_req, res) => {
    reply(res, 'GET /api/duties', await registers.roster(actorOf(res), Date.now()));
  });
  app.post('/api/duties/:unit/checkins', requireRole('operator', 'admin'), express.json({ limit: '8kb' }), async (req, res) => {
    const b = DutyCheckinBody.safeParse(req.body);
    if (!b.success) return badRequest(res, b.error, 'body');
    const unit = String(req.params.unit);
    const r = await registers.checkin(unit, b.data.role, b.data.note, b.data.on_behalf_of, actorOf(res), Date.now());
    if (!isRefusal(r)) void audit(req, res, 'duty.checkin', unit, { role: b.data.role, ...(b.data.on_behalf_of ? { on_behalf_of: b.data.on_behalf_of } : {}) });
    answer(res, 'POST /api/duties/:unit/checkins', r, 201);
  });
  app.get('/api/turnarounds', anyUser, async (_req, res) => {
    reply(res, 'GET /api/turnarounds', await registers.listTurnarounds(actorOf(res)));
  });
  app.post('/api/turnarounds', requireRole('operator', 'admin'), express.json({ limit: '8kb' }), async (req, res) => {
    const b = TurnaroundBody.safeParse(req.body);
    if (!b.success) return badRequest(res, b.error, 'body');
    const r = await registers.registerTurnaround(b.data, actorOf(res), Date.now());
    if (!isRefusal(r)) void audit(req, res, 'turnaround.register', r.id, { unit: r.unit, kind: r.kind });
    answer(res, 'POST /api/turnarounds', r, 201);
  });
  app.post('/api/turnarounds/:id/cancel', requireRole('operator', 'admin'), express.json({ limit: '4kb' }), async (req, res) => {
    const b = CancelBody.safeParse(req.body);
    if (!b.success) return badRequest(res, b.error, 'body');
    const id = String(req.params.id);
    const r = await registers.cancelTurnaround(id, b.data.reason, actorOf(res), Date.now());
    if (!isRefusal(r)) void audit(req, res, 'turnaround.cancel', id, { reason: b.data.reason });
    answer(res, 'POST /api/turnarounds/:id/cancel', r);
  });
  // contractors' people and qualifications are personal data: for those who run the park and the enterprises
  app.get('/api/contractors', requireRole('operator', 'admin'), async (_req, res) => {
    const all = await registers.listContractors();
    const mine = principalOf(res).enterprises;
    reply(res, 'GET /api/contractors', mine ? { ...all, entries: all.entries.filter((e) => mine.includes(e.enterprise)) } : all);
  });
  app.get('/api/waybills', requireRole('operator', 'admin'), async (_req, res) => {
    reply(res, 'GET /api/waybills', await registers.listWaybills(actorOf(res)));
  });
  // the hazchem trucks in the park and the routes they are held to (any signed-in user: the command centre draws them)
  app.get('/api/waybills/routes', anyUser, async (_req, res) => {
    await registers.sync('waybills');
    reply(res, 'GET /api/waybills/routes', registers.activeRoutes(actorOf(res)));
  });
  app.post('/api/contractors', requireRole('operator', 'admin'), express.json({ limit: '256kb' }), async (req, res) => {
    const b = ContractorBody.safeParse(req.body);
    if (!b.success) return badRequest(res, b.error, 'body');
    const r = await registers.registerContractor(b.data, actorOf(res), Date.now());
    if (!isRefusal(r)) void audit(req, res, 'contractor.register', b.data.id, { people: b.data.people.length });
    answer(res, 'POST /api/contractors', r, 201);
  });
  app.post('/api/contractors/:id/entries', requireRole('operator', 'admin'), express.json({ limit: '32kb' }), async (req, res) => {
    const b = EntryBody.safeParse(req.body);
    if (!b.success) return badRequest(res, b.error, 'body');
    const r = await registers.fileEntry(String(req.params.id), b.data, actorOf(res), Date.now());
    if (!isRefusal(r)) void audit(req, res, 'contractor.entry', r.id, { contractor: r.contractor, people: r.people.length });
    answer(res, 'POST /api/contractors/:id/entries', r, 201);
  });
  app.post('/api/contractor-entries/:id/revoke', requireRole('operator', 'admin'), express.json({ limit: '4kb' }), async (req, res) => {
    const b = CancelBody.safeParse(req.body);
    if (!b.success) return badRequest(res, b.error, 'body');
    const id = String(req.params.id);
    const r = await registers.revokeEntry(id, b.data.reason, actorOf(res), Date.now());
    if (!isRefusal(r)) void audit(req, res, 'contractor.revoke', id, { reason: b.data.reason });
    answer(res, 'POST /api/contractor-entries/:id/revoke', r);
  });
  // ---- the layout and its versions (server/layouts.ts) --------------------------------------------
  app.get('/api/layout', anyUser, async (req, res) => {
    const q = LayoutGetQuery.safeParse(req.query);
    if (!q.success) return badRequest(res, q.error, 'query');
    if (q.data.version === undefined || q.data.version === park.version.version) {
      res.set('x-layout-version', String(park.version.version)).type('application/geo+json').send(layoutText);
      return;
    }
    const v = await store.layoutVersion(q.data.version);
    if (!v) res.status(404).json({ error: `no layout version ${q.data.version}` });
    else res.set('x-layout-version', String(v.version)).type('application/geo+json').send(v.text);
  });
  app.get('/api/layout/versions', anyUser, async (_req, res) => {
    reply(res, 'GET /api/layout/versions', await store.layoutVersions());
  });
  /** One layout stored at a time in this process (a peer's is refused by the version number). */
  let storing: Promise<unknown> = Promise.resolve();
  app.put('/api/layout', requireRole(...LAYOUT_EDITORS), express.json({ limit: '64mb', type: ['application/json', 'application/geo+json'] }), (req, res) => {
    const q = LayoutPutQuery.safeParse(req.query);
    if (!q.success) return badRequest(res, q.error, 'query');
    const who = { author: principalOf(res).name, comment: q.data.comment ?? '', base: q.data.base };
    const run = storing.then(async () => {
      const r = await proposeLayout(store, park, req.body, who, sourcesProblems);
      if (isLayoutRefusal(r)) {
        res.status(r.status).json({ error: r.error, ...(r.issues ? { issues: r.issues.slice(0, 200) } : {}) });
        return;
      }
      const created = r !== park; // the same layout again stores nothing
      if (created) {
        await switchLayout(r, true);
        void audit(req, res, 'layout.version', String(r.version.version), {
          comment: who.comment,
          sha256: r.version.sha256,
          summary: describeChange(r.version.summary),
        });
      }
      reply(res, 'PUT /api/layout', r.version, created ? 201 : 200);
    });
    storing = run.catch((e: Error) => {
      log.error({ err: e.message }, 'could not store the layout');
      if (!res.headersSent) res.status(500).json({ error: 'the layout could not be stored; nothing changed' });
    });
  });
  /** The audit trail, for admins, with the filters of /api/events (action and actor instead of type and subject). */
  app.get('/api/audit', requireRole('admin'), heavy, async (req, res) => {
    const q = queryOf(req, res);
    if (!q) return;
    const limit = q.limit ?? 1000;
    const page = await readSliced(
      historyGate,
      { limit, after: q.after },
      (after, n) => store.queryAudit({ since_ms: q.since, until_ms: q.until, action: q.action, actor: q.actor, after, limit: n }),
      (a) => ({ t_ms: a.t, id: a.id }),
      (a) => JSON.stringify(a),
    );
    pageHeaders(req, res, page.read, limit, page.last);
    res.type('application/json').send(`[${page.items.join(',')}]`);
  });
  app.use('/api', (_req, res) => {
    res.status(404).json({ error: 'no such API route' });
  });
  // bad bodies and everything thrown: a 4xx with the reason (never internal text), never a crash
  app.use((err: Error & { status?: number; type?: string; limit?: number }, req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (req.path.startsWith('/api/ingest/') && err.type?.startsWith('entity.')) live.counters.badBatches++;
    if (res.headersSent) return next(err);
    if (err.type === 'entity.parse.failed') res.status(400).json({ error: `body is not JSON: ${err.message}` });
    else if (err.type === 'entity.too.large')
      res
        .status(413)
        .json({ error: `body too large (${err.limit !== undefined ? `${Math.round(err.limit / 1024)} kB` : 'over the limit'} at most on this route)` });
    else if (err.type === 'encoding.unsupported') res.status(415).json({ error: `unsupported content-encoding (gzip, deflate, br or identity)` });
    else if (err.type === 'charset.unsupported') res.status(415).json({ error: 'unsupported charset (UTF-8)' });
    else if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) res.status(err.status).json({ error: err.message.slice(0, 200) });
    else {
      log.error({ method: req.method, path: req.path.slice(0, 200), err: err.message }, 'request failed');
      res.status(500).json({ error: 'internal error (the server log says why)' });
    }
  });

  if (deps.staticDir && existsSync(path.join(deps.staticDir, 'index.html'))) {
    const index = path.join(deps.staticDir, 'index.html');
    // source maps only for people signed in (they show the code; anonymous clients get none)
    app.use(async (req, res, next) => {
      if (!req.path.endsWith('.map')) return next();
      if ((await credentialOf(req)).ok) next();
      else res.status(404).type('text/plain').send('not found\n');
    });
    // the build's own compressed copies (vite.config.ts: brotli and gzip, best ratio) where the client
    // takes them, so nothing large is compressed per request; names with a content hash never change
    app.use(
      expressStaticGzip(deps.staticDir, {
        enableBrotli: true,
        orderPreference: ['br', 'gz'],
        serveStatic: {
          index: 'index.html',
          maxAge: '1h',
          setHeaders: (res, file) => {
            if (/[\\/]assets[\\/][^\\/]+-[\w-]{8}\.\w+(\.br|\.gz)?$/.test(file)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
            // the page names the files of its version: asked again each time, so an upgrade is seen at once
            else if (/[\\/]index\.html(\.br|\.gz)?$/.test(file)) res.setHeader('Cache-Control', 'no-cache');
          },
        },
      }),
    );
    app.get('/{*rest}', (_req, res) => res.set('Cache-Control', 'no-cache').sendFile(index));
  } else {
    app.get('/', (_req, res) => {
      res.type('text/plain').send('parktwin API is running; the front end is not built (run `npm run build`).\n');
    });
  }

  // HTTPS when a certificate is given: one port, TLS for clients, and a plain-HTTP request on it is
  // redirected to https:// (the first byte tells a TLS handshake from plain HTTP)
  const server: http.Server = deps.tls ? https.createServer({ cert: deps.tls.cert, key: deps.tls.key }, app) : http.createServer(app);
  const redirect = deps.tls
    ? http.createServer((req, res) => {
        const host = (req.headers.host ?? 'localhost').replace(/[^A-Za-z0-9.:[\]-]/g, '');
        res.writeHead(301, { location: `https://${host}${(req.url ?? '/').replace(/[\r\n]/g, '')}` }).end();
      })
    : undefined;
  const front: net.Server = deps.tls
    ? net.createServer((sock) => {
        sock.once('data', (buf) => {
          sock.pause();
          sock.unshift(buf);
          (buf[0] === 0x16 ? server : redirect!).emit('connection', sock);
          process.nextTick(() => sock.resume());
        });
        sock.on('error', () => sock.destroy());
      })
    : server;
  const realtime = startRealtime(server, live, access);
  drills = new Drills(model, realtime.io, access);
  auth.start();
  let cluster: Cluster | undefined;
  try {
    cluster = deps.redisUrl ? await startCluster(deps.redisUrl, realtime.io, live) : undefined;
  } catch (e) {
    await realtime.close();
    await auth.stop();
    await store.close();
    throw e;
  }
  const tick_ms = deps.tick_ms ?? 1000;
  // field sources run in the leading process (every value taken once)
  if (sources && (!cluster || cluster.isLeader())) void sources.run(true);
  const mqttIngest = deps.mqttUrl ? startMqttIngest(deps.mqttUrl, live, (token) => auth.byToken(token)?.role === 'ingest', video) : undefined;
  const makeSimulator = () =>
    deps.simulator
      ? new Simulator(model, live, Date.now(), typeof deps.simulator === 'object' ? deps.simulator : embedded ? { readingSink: embedded.sink } : {})
      : undefined;
  let simulator = makeSimulator();
  // the demo's permit office files and closes permits through the desk (with the simulator of `npm start`)
  const makeOffice = () => (deps.simulator === true || deps.simulator === 'opcua' ? new PermitSimulator(model, permits, Date.now(), registers) : undefined);
  let permitOffice = makeOffice();
  /** The demo's hazchem trucks come with their waybills (filed again at each start, valid for a day). */
  const fileDemoWaybills = async () => {
    if (!permitOffice || !simulator) return;
    const now = Date.now();
    const day = new Date(now).toISOString().slice(0, 10).replace(/-/g, '');
    const batch = simulator.trucks().map((t, i) => ({
      id: `WB-${day}-${String(i + 1).padStart(4, '0')}`,
      vehicle: t.plate,
      substance: t.substance,
      un_number: 'UN1075',
      quantity_t: t.quantity_t,
      shipper: '天津港石化物流有限公司',
      destination: t.destination,
      driver: { name: ['王强', '刘勇', '张伟', '陈杰', '杨帆', '赵磊'][i % 6], qualification: `DG-12${String(i + 1).padStart(2, '0')}` },
      escort: { name: ['李军', '孙涛', '周鹏', '吴昊', '郑斌', '何亮'][i % 6], qualification: `YY-33${String(i + 1).padStart(2, '0')}` },
      valid_from: now - 3_600_000,
      valid_to: now + 24 * 3_600_000,
    }));
    if (batch.length)
      await registers.ingestWaybills(batch, '(simulator)', now).catch((e: Error) => log.error({ err: e.message }, 'could not file the demo waybills'));
  };
  await fileDemoWaybills();
  /**
   * Puts a layout version in force in this process without a restart: the live park (geofences,
   * zones, sensors and their alarms: LiveState.switchLayout), scopes, permits, the simulator, new
   * drills; every client is told (`layout`) and reconnects on the new layout. `origin` false: a peer
   * process stored it (cluster) and has told the clients.
   */
  switchLayout = async (next: LayoutInForce, origin: boolean) => {
    park = next;
    model = next.model;
    layoutText = next.text;
    warnings = next.warnings;
    access.scopes = new ScopeIndex(model, auth.shared);
    if (drills) drills.model = model;
    permits.layoutSwitched();
    const v = next.version;
    await live.switchLayout(model, v.version, Date.now(), { author: v.author, comment: v.comment, summary: describeChange(v.summary) }, origin);
    simulator = makeSimulator();
    permitOffice = makeOffice();
    await fileDemoWaybills();
    if (!origin) return;
    live.announceLayout(v.version);
    realtime.io.of('/').emit('layout', { version: v.version, author: v.author, comment: v.comment });
    // the clients read the readings by the layout's sensor order: none may read the new with the old
    realtime.io.of('/').disconnectSockets(true);
  };
  live.onLayoutReplica((version) => {
    void (async () => {
      const v = await store.layoutVersion(version);
      const r = v && loadModel(JSON.parse(v.text), { owned: true });
      if (!v || !r?.ok) return log.error({ version }, 'a peer switched to a layout version this process cannot load');
      const { text: _text, ...info } = v;
      await switchLayout({ model: r.model, text: v.text, version: info, warnings: r.issues }, false);
    })().catch((e: Error) => log.error({ version, err: e.message }, 'could not follow the layout switch'));
  });
  let permitsTicked = 0;
  const timer =
    tick_ms > 0
      ? setInterval(() => {
          const now = Date.now();
          // with several processes, only the leader simulates and stores what time causes
          const leading = !cluster || cluster.isLeader();
          if (leading) simulator?.step(now);
          if (leading) permitOffice?.step(now);
          if (sources) void sources.run(leading);
          void live.tick(now, leading).catch(() => {});
          if (leading && now - permitsTicked >= 30_000) (permitsTicked = now), void permits.tick(now).catch(() => {});
          drills?.step(now);
        }, tick_ms)
      : undefined;
  timer?.unref();
  return {
    http: server,
    get model() {
      return model;
    },
    get warnings() {
      return warnings;
    },
    live,
    ingestToken,
    mqtt: mqttIngest,
    cluster,
    users,
    auth,
    demo,
    app,
    drills,
    permits,
    registers,
    io: realtime.io,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        front.once('error', reject);
        front.listen(port, host, () => resolve((front.address() as AddressInfo).port));
      }),
    close: async () => {
      if (timer) clearInterval(timer);
      permits.stop();
      registers.stop();
      video.close();
      await sources?.run(false);
      await embedded?.stop();
      await drills?.closeAll();
      await mqttIngest?.close();
      const closed = realtime.close(); // closes the sockets and the HTTP server
      server.closeAllConnections();
      if (front !== server) {
        redirect?.closeAllConnections();
        await new Promise((r) => front.close(r));
      }
      await closed;
      await auth.stop();
      await cluster?.close();
      await live.flushed();
      await live.flushTrack(Date.now()).catch(() => {});
      await store.close();
    },
  };
}
