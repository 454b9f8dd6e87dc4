/**
 * The parktwin server: HTTP API and the built front end on one port. `createApp` takes its
 * dependencies so tests start the real server on port 0.
 */
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { countByKind, loadModel, type ParkModel } from '../src/model/model.ts';
import { LayoutFormatError, type LayoutIssue } from '../src/model/validate.ts';
import { IngestError, LiveState, type LiveOptions } from './domain/live.ts';
import { AlarmError } from './domain/alarms.ts';
import { authenticate, defaultUsers, type Role, type User } from './auth.ts';
import { startRealtime } from './realtime.ts';
import { DrillInputError, DrillLimitError, Drills } from './drills.ts';
import { DrillActionError } from './domain/drill.ts';
import { Simulator, type SimulatorOptions } from './ingest/simulator.ts';
import { startMqttIngest, type MqttIngest } from './ingest/mqtt.ts';
import { openStore } from './store/index.ts';
import { startCluster, type Cluster } from './cluster.ts';

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
  /** Run the built-in simulator (the default of `npm start`), with options. */
  simulator?: boolean | Partial<SimulatorOptions>;
  /** MQTT broker to take positions and readings from (PARKTWIN_MQTT_URL). */
  mqttUrl?: string;
  /** Users with roles and tokens (PARKTWIN_USERS); one demo user per role when absent. */
  users?: User[];
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
  readonly users: readonly User[];
  /** The drills running (training scenarios isolated from live data). */
  readonly drills: Drills;
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

export function loadLayoutFile(file: string): { model: ParkModel; text: string; warnings: LayoutIssue[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new LayoutLoadError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new LayoutLoadError(`${file}: not JSON: ${(e as Error).message}`);
  }
  try {
    const r = loadModel(json);
    if (!r.ok) throw new LayoutLoadError(`${file}: invalid layout (${r.issues.filter((i) => i.severity === 'error').length} errors)`, r.issues);
    return { model: r.model, text: JSON.stringify(json), warnings: r.issues };
  } catch (e) {
    if (e instanceof LayoutFormatError) throw new LayoutLoadError(`${file}: ${e.message}`);
    throw e;
  }
}

export async function createApp(deps: AppDeps): Promise<ParktwinServer> {
  const { model, text, warnings } = loadLayoutFile(deps.layoutFile);
  const startedAt = new Date().toISOString();
  const store = await openStore({ databaseUrl: deps.databaseUrl, dbFile: deps.dbFile });
  const live = new LiveState(model, store, Date.now(), deps.live);
  const ingestToken = deps.ingestToken ?? randomBytes(18).toString('base64url');
  const app = express();
  app.disable('x-powered-by');

  const authorised = (header: string | undefined) => {
    const m = /^Bearer (.+)$/.exec(header ?? '');
    if (!m) return false;
    const a = Buffer.from(m[1]);
    const b = Buffer.from(ingestToken);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  const ingest = (fn: (body: unknown) => Promise<object> | object): express.RequestHandler[] => [
    (req, res, next) => (authorised(req.get('authorization')) ? next() : res.status(401).json({ error: 'ingest needs Authorization: Bearer <PARKTWIN_INGEST_TOKEN>' })),
    express.json({ limit: '20mb' }),
    async (req, res) => {
      try {
        const r = await fn(req.body);
        res.json('events' in r && Array.isArray(r.events) ? { ...r, events: r.events.length } : r);
      } catch (e) {
        if (e instanceof IngestError) res.status(400).json({ error: 'batch rejected, nothing applied', reasons: e.reasons });
        else {
          process.stderr.write(`parktwin: ingest failed: ${(e as Error).message}\n`);
          res.status(503).json({ error: `applied, but the store failed: ${(e as Error).message}` });
        }
      }
    },
  ];
  const users = deps.users ?? defaultUsers();
  /** Requires a user with one of the roles: 401 without a valid token, 403 with the wrong role. */
  const requireRole =
    (...roles: Role[]): express.RequestHandler =>
    (req, res, next) => {
      const user = authenticate(users, req.get('authorization'));
      if (!user) res.status(401).json({ error: 'needs Authorization: Bearer <user token>' });
      else if (!roles.includes(user.role)) res.status(403).json({ error: `a ${user.role} may not do this (needs ${roles.join(' or ')})` });
      else {
        res.locals.user = user;
        next();
      }
    };
  /**
   * The live state a request is about: the live park's, or a drill's with `?drill=<id>` (404 when
   * there is no such drill). Drills are created once the realtime layer exists, below.
   */
  let drills: Drills | undefined;
  const liveOf = (req: express.Request, res: express.Response): LiveState | null => {
    const id = req.query.drill;
    if (id === undefined) return live;
    const d = typeof id === 'string' ? drills?.get(id) : undefined;
    if (!d) res.status(404).json({ error: `no drill "${String(id)}" is running` });
    return d?.live ?? null;
  };
  /**
   * Demo mode only (PARKTWIN_USERS not set: the server made one user per role and printed their
   * tokens): the sign-in screen offers them. With configured users this route does not exist.
   */
  app.get('/api/demo-users', (_req, res) => {
    if (deps.users) res.status(404).json({ error: 'no demo users: users are configured (PARKTWIN_USERS)' });
    else res.json(users.map((u) => ({ name: u.name, role: u.role, token: u.token })));
  });
  app.get('/api/whoami', (req, res) => {
    const user = authenticate(users, req.get('authorization'));
    if (!user) res.status(401).json({ error: 'needs Authorization: Bearer <user token>' });
    else res.json({ name: user.name, role: user.role });
  });
  app.get('/api/alarms', requireRole('viewer', 'operator', 'trainer', 'admin'), (req, res) => {
    const l = liveOf(req, res);
    if (l) res.json(l.activeAlarms());
  });
  const alarmAction = (fn: (live: LiveState, id: string, user: User, body: Record<string, unknown>) => Promise<unknown>): express.RequestHandler[] => [
    requireRole('operator', 'admin'),
    express.json({ limit: '10kb' }),
    async (req, res) => {
      const id = String(req.params.id);
      const l = liveOf(req, res);
      if (!l) return;
      if (!l.alarms.alarms.has(id)) {
        res.status(404).json({ error: `no alarm "${id}"` });
        return;
      }
      try {
        res.json({ events: await fn(l, id, res.locals.user as User, (req.body ?? {}) as Record<string, unknown>) });
      } catch (e) {
        if (e instanceof AlarmError) res.status(409).json({ error: e.message });
        else throw e;
      }
    },
  ];
  app.post('/api/alarms/:id/ack', ...alarmAction((l, id, user) => l.acknowledge(id, user.name, Date.now())));
  app.post(
    '/api/alarms/:id/shelve',
    ...alarmAction((l, id, user, body) => {
      const minutes = Number(body.minutes);
      if (!(minutes > 0 && minutes <= 24 * 60)) throw new AlarmError('shelve needs "minutes" between 1 and 1440');
      const now = Date.now();
      return l.shelve(id, user.name, now + minutes * 60_000, now);
    }),
  );
  // drills: trainers start and end them, anyone signed in may list and watch them
  app.get('/api/drills', requireRole('viewer', 'operator', 'trainer', 'admin'), (_req, res) => {
    res.json(drills?.list() ?? []);
  });
  app.get('/api/drills/:id', requireRole('viewer', 'operator', 'trainer', 'admin'), (req, res) => {
    const d = drills?.get(String(req.params.id));
    if (d) res.json(d.info);
    else res.status(404).json({ error: `no drill "${String(req.params.id)}" is running` });
  });
  app.post('/api/drills', requireRole('trainer', 'admin'), express.json({ limit: '100kb' }), (req, res) => {
    try {
      res.status(201).json(drills!.start(req.body, res.locals.user as User, Date.now()));
    } catch (e) {
      if (e instanceof DrillInputError) res.status(400).json({ error: e.message, field: e.field });
      else if (e instanceof DrillLimitError) res.status(409).json({ error: e.message });
      else throw e;
    }
  });
  app.get('/api/drills/:id/report', requireRole('viewer', 'operator', 'trainer', 'admin'), async (req, res) => {
    const d = drills?.get(String(req.params.id));
    if (d) res.json(await d.report(Date.now()));
    else res.status(404).json({ error: `no drill "${String(req.params.id)}" is running` });
  });
  // an operator (or the trainer) shuts the release off: the emergency shut-off valve closed
  app.post('/api/drills/:id/stop', requireRole('operator', 'trainer', 'admin'), async (req, res) => {
    const d = drills?.get(String(req.params.id));
    if (!d) {
      res.status(404).json({ error: `no drill "${String(req.params.id)}" is running` });
      return;
    }
    try {
      res.json({ release_s: await d.stopRelease(Date.now(), (res.locals.user as User).name) });
    } catch (e) {
      if (e instanceof DrillActionError) res.status(409).json({ error: e.message });
      else throw e;
    }
  });
  // ending a drill answers with its debrief
  app.delete('/api/drills/:id', requireRole('trainer', 'admin'), async (req, res) => {
    const report = await drills!.end(String(req.params.id));
    if (report) res.json(report);
    else res.status(404).json({ error: `no drill "${String(req.params.id)}" is running` });
  });
  app.post('/api/ingest/positions', ...ingest((b) => live.ingestPositions(b)));
  app.post('/api/ingest/readings', ...ingest((b) => live.ingestReadings(b)));
  app.post('/api/ingest/weather', ...ingest((b) => ({ weather: live.ingestWeather(b, 'http') })));

  /** since/until/limit of a query: undefined when absent, or a 400 naming the bad one. */
  const range = (req: express.Request, res: express.Response): { since?: number; until?: number; limit?: number } | null => {
    const time = (v: unknown) => (typeof v !== 'string' || v === '' ? undefined : /^\d+$/.test(v) ? Number(v) : Date.parse(v));
    const since = time(req.query.since);
    const until = time(req.query.until);
    const limit = typeof req.query.limit === 'string' && req.query.limit !== '' ? Number(req.query.limit) : undefined;
    if (Number.isNaN(since) || Number.isNaN(until)) {
      res.status(400).json({ error: 'since and until are epoch milliseconds or ISO 8601 times' });
      return null;
    }
    if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
      res.status(400).json({ error: 'limit is a positive integer' });
      return null;
    }
    return { since, until, limit };
  };
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  app.get('/api/events', async (req, res) => {
    const l = liveOf(req, res);
    const r = l && range(req, res);
    if (l && r) res.json(await l.store.query({ since_ms: r.since, until_ms: r.until, type: str(req.query.type), subject: str(req.query.subject), limit: r.limit }));
  });
  /** Position history (downsampled): JSON, or NDJSON for `parktwin replay` with ?format=ndjson. */
  app.get('/api/tracks', async (req, res) => {
    const l = liveOf(req, res);
    const r = l && range(req, res);
    if (!l || !r) return;
    const points = await l.store.queryTrack({ subject: str(req.query.subject), since_ms: r.since, until_ms: r.until, limit: r.limit });
    if (req.query.format === 'ndjson') res.type('application/x-ndjson').send(points.map((p) => JSON.stringify({ ...p, t: p.t_ms, t_ms: undefined })).join('\n') + (points.length ? '\n' : ''));
    else res.json(points);
  });
  app.get('/api/sensors/:id/history', (req, res) => {
    const id = String(req.params.id);
    if (model.byId.get(id)?.kind !== 'sensor') {
      res.status(404).json({ error: `no sensor "${id}" in the layout` });
      return;
    }
    const l = liveOf(req, res);
    const r = l && range(req, res);
    if (l && r) res.json({ sensor: id, every_ms: l.options.readingEvery_ms, readings: l.readingsOf(id, r.since) });
  });
  app.get('/api/status', (_req, res) => {
    res.json({ ...live.status(Date.now()), counters: live.counters, store: store.kind, cluster: cluster ? { id: cluster.id, leader: cluster.isLeader() } : null });
  });

  app.get('/api/health', (_req, res) => {
    res.json({ status: 'ok', startedAt, layout: { name: model.meta.name ?? null, features: model.features.length, counts: countByKind(model.layout) } });
  });
  app.get('/api/layout', (_req, res) => {
    res.type('application/geo+json').send(text);
  });
  app.use('/api', (_req, res) => {
    res.status(404).json({ error: 'no such API route' });
  });
  // a body that is not JSON, or too large: 400 with the reason, never a crash
  app.use((err: Error & { status?: number; type?: string }, req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (req.path.startsWith('/api/ingest/') && (err.type === 'entity.parse.failed' || err.type === 'entity.too.large')) live.counters.badBatches++;
    if (err.type === 'entity.parse.failed') res.status(400).json({ error: `body is not JSON: ${err.message}` });
    else if (err.type === 'entity.too.large') res.status(413).json({ error: 'body too large (20 MB at most)' });
    else if (res.headersSent) next(err);
    else res.status(500).json({ error: 'internal error' });
  });

  if (deps.staticDir && existsSync(path.join(deps.staticDir, 'index.html'))) {
    const index = path.join(deps.staticDir, 'index.html');
    app.use(express.static(deps.staticDir, { index: 'index.html', maxAge: '1h' }));
    app.get('/{*rest}', (_req, res) => res.sendFile(index));
  } else {
    app.get('/', (_req, res) => {
      res.type('text/plain').send('parktwin API is running; the front end is not built (run `npm run build`).\n');
    });
  }

  const server = http.createServer(app);
  const realtime = startRealtime(server, live, users);
  drills = new Drills(model, realtime.io, users);
  let cluster: Cluster | undefined;
  try {
    cluster = deps.redisUrl ? await startCluster(deps.redisUrl, realtime.io, live) : undefined;
  } catch (e) {
    await realtime.close();
    await store.close();
    throw e;
  }
  const tick_ms = deps.tick_ms ?? 1000;
  const mqttIngest = deps.mqttUrl ? startMqttIngest(deps.mqttUrl, live, ingestToken) : undefined;
  const simulator = deps.simulator ? new Simulator(model, live, Date.now(), deps.simulator === true ? {} : deps.simulator) : undefined;
  const timer =
    tick_ms > 0
      ? setInterval(() => {
          const now = Date.now();
          // with several processes, only the leader simulates and stores what time causes
          const leading = !cluster || cluster.isLeader();
          if (leading) simulator?.step(now);
          void live.tick(now, leading).catch(() => {});
          drills?.step(now);
        }, tick_ms)
      : undefined;
  timer?.unref();
  return {
    http: server,
    model,
    warnings,
    live,
    ingestToken,
    mqtt: mqttIngest,
    cluster,
    users,
    drills,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      }),
    close: async () => {
      if (timer) clearInterval(timer);
      await drills?.closeAll();
      await mqttIngest?.close();
      const closed = realtime.close(); // closes the sockets and the HTTP server
      server.closeAllConnections();
      await closed;
      await cluster?.close();
      await live.flushed();
      await live.flushTrack(Date.now()).catch(() => {});
      await store.close();
    },
  };
}
