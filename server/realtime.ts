/**
 * Live push over socket.io with the typed event maps of src/protocol/events.ts. Sockets sign in
 * with the session cookie (browsers) or a bearer token in the handshake's `auth.token` (API
 * clients) — the same credential check as HTTP (server/auth/auth.ts) — or are refused with an error
 * whose `data.code` says why. The handshake is parsed by one schema before anything touches it.
 *
 * On connect: a snapshot (the user, active alarms, latest positions and readings, park status, the
 * last event id) and, when `auth.since` is given, the stored events after it — paged, at most
 * MAX_REPLAY of them, a few sockets at a time, then `replay` says whether that was all. Then: stored
 * events as they commit (reliable), alarms when they change, park status when it changes, and
 * positions and readings coalesced per subject and flushed every `flush_ms` as volatile messages
 * (latest wins; a client whose connection is still busy with the last write skips, it does not
 * queue). Each volatile batch carries its room's count (`StreamMark`); a client that finds one
 * missing asks for `resync` and gets the latest positions and readings it may see (at most once a
 * second per socket) — so a subject that stops moving after a dropped batch is still where it is.
 *
 * A user limited to some enterprises (server/auth/scope.ts) is in rooms of that scope and gets
 * every message filtered to it. A signed-out, removed or expired user's sockets are closed.
 *
 * With several processes (server/cluster.ts) the adapter carries what this process emits to the
 * clients of the others; each process emits only what it originated, and the status (the same in
 * every process) only to its own clients.
 */
import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import { Server, type Namespace, type Socket } from 'socket.io';
import type { ClientToServerEvents, Layer, LiveLatest, LivePosition, ServerToClientEvents, StreamMark, VolatileStream } from '../src/protocol/events.ts';
import { LAYERS, SocketAuthSchema, SubscribeSchema, type SocketErrorData } from '../src/protocol/handshake.ts';
import { readingBatch } from '../src/protocol/readings.ts';
import type { Auth, Principal } from './auth/auth.ts';
import type { ScopeFilter, ScopeIndex } from './auth/scope.ts';
import type { LiveState } from './domain/live.ts';

/** Events one reconnecting socket is sent at most (the rest are read from /api/events). */
export const MAX_REPLAY = 5000;
const REPLAY_PAGE = 500;
/** Sockets replaying at once; the others wait their turn. */
const REPLAY_CONCURRENCY = 4;
/** A socket's `resync` is answered at most this often, ms (more requests in between share the next answer). */
const RESYNC_MIN_MS = 1000;

export interface Realtime {
  io: Server<ClientToServerEvents, ServerToClientEvents>;
  close(): Promise<void>;
}

export interface RealtimeOptions {
  /** Coalescing period of positions, ms: short, so a position reaches the screen within it. */
  flush_ms: number;
  /** Coalescing period of sensor readings, ms: the display refresh of live values (ISA-101 screens update about once a second). */
  readings_ms: number;
  /** Period of the status message, ms (0: never). */
  status_ms: number;
}

export interface SocketAccess {
  auth: Auth;
  scopes: ScopeIndex;
}

type Sock = Socket<ClientToServerEvents, ServerToClientEvents>;

/** An error a connection is refused with: the message for people, the code for programs. */
export function socketError(message: string, data: SocketErrorData): Error {
  return Object.assign(new Error(message), { data });
}

/** A few at a time: the rest wait their turn (replays must not hold the process). */
function limiter(n: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (running >= n) await new Promise<void>((r) => waiting.push(r));
    running++;
    try {
      return await fn();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

export function startRealtime(server: http.Server, live: LiveState, access: SocketAccess, options: Partial<RealtimeOptions> = {}): Realtime {
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(server, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
  const main = attachLive(io.of('/'), live, access, options);
  return {
    io,
    close: () =>
      new Promise((resolve) => {
        main.detach();
        io.close(() => resolve());
      }),
  };
}

type Nsp = Namespace<ClientToServerEvents, ServerToClientEvents>;

const roomOf = (scope: ScopeFilter | null, layer: Layer) => (scope ? `scope:${scope.key}:layer:${layer}` : `layer:${layer}`);
const statusRoom = (scope: ScopeFilter | null) => (scope ? `scope:${scope.key}:status` : 'status');

/**
 * Serves a live state on a namespace: the live park on `/`, a drill on its own (`/drill/<id>`),
 * each with its own clients, snapshot and pushes. `detach` stops the pushes and timers.
 */
export function attachLive(nsp: Nsp, live: LiveState, access: SocketAccess, options: Partial<RealtimeOptions> = {}): { detach(): void } {
  const { flush_ms = 50, readings_ms = 1000, status_ms = 1000 } = options;
  // access.scopes is read at each use: a layout switch replaces it
  const { auth } = access;
  const replaying = limiter(REPLAY_CONCURRENCY);
  // the volatile streams' counts, per room: this process's batches to a room are numbered 1, 2, 3 …
  const origin = randomBytes(6).toString('base64url');
  const counts = new Map<string, number>();
  const markFor = (room: string): StreamMark => {
    const s = (counts.get(room) ?? 0) + 1;
    counts.set(room, s);
    return { o: origin, s };
  };
  const markNow = (scope: ScopeFilter | null, stream: VolatileStream): StreamMark => ({ o: origin, s: counts.get(roomOf(scope, stream)) ?? 0 });
  /** The latest positions and readings a scope sees. */
  const latest = (scope: ScopeFilter | null): LiveLatest => {
    const positions = [...live.positions.values()];
    return {
      positions: scope ? positions.filter(scope.position) : positions,
      readings: scope ? live.latestReadings().filter((r) => scope.feature(r.sensor)) : live.latestReadings(),
    };
  };
  /**
   * The scopes pushes are filtered for: those of the sockets here (counted as they connect and
   * leave) and of every scoped user configured (their sockets may be on other processes; worked out
   * again only when the users file changes). Kept, not rebuilt for every batch.
   */
  const scopeOf = (p: Principal): ScopeFilter | null => (p.enterprises ? access.scopes.filter(p.enterprises) : null);
  const local = new Map<string, { filter: ScopeFilter; sockets: number }>();
  let configured: { users: readonly unknown[]; scopes: unknown; filters: ScopeFilter[] } = { users: [], scopes: null, filters: [] };
  let active: ScopeFilter[] = [];
  const refresh = () => {
    const m = new Map<string, ScopeFilter>();
    for (const { filter } of local.values()) m.set(filter.key, filter);
    for (const f of configured.filters) m.set(f.key, f);
    active = [...m.values()];
  };
  const activeScopes = (): ScopeFilter[] => {
    if (configured.users !== auth.users || configured.scopes !== access.scopes) {
      const { scopes } = access;
      configured = { users: auth.users, scopes, filters: auth.users.flatMap((u) => (u.enterprises ? [scopes.filter(u.enterprises)] : [])) };
      refresh();
    }
    return active;
  };

  nsp.use((socket, next) => {
    const parsed = SocketAuthSchema.safeParse(socket.handshake.auth ?? {});
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      const field = i.path.length ? `auth.${i.path.join('.')}` : (i as { keys?: string[] }).keys?.[0] ? `auth.${(i as { keys: string[] }).keys[0]}` : 'auth';
      return next(socketError(`bad handshake: ${field}: ${i.message}`, { code: 'bad_request', field }));
    }
    const ip = socket.handshake.address;
    auth
      .authenticate({ token: parsed.data.token, cookie: socket.request.headers.cookie }, ip)
      .then((r) => {
        if (!r.ok) return next(socketError(r.error, r.status === 429 ? { code: 'rate_limited', retryAfter_s: r.retryAfter_s } : { code: 'unauthorised' }));
        if (r.principal.role === 'ingest')
          return next(socketError('an ingest token may send data, not watch the park: sign in as a user', { code: 'forbidden' }));
        socket.data = { principal: r.principal, scope: scopeOf(r.principal), since: parsed.data.since };
        next();
      })
      .catch(() => next(socketError('the server could not check the credential; try again', { code: 'unavailable' })));
  });

  const offRevoke = auth.onRevoke((r) => {
    void (async () => {
      for (const s of nsp.sockets.values()) {
        const p = (s.data as { principal: Principal }).principal;
        if (!p) continue;
        if ((r.user && p.name === r.user) || (r.id_hash && p.session?.id_hash === r.id_hash)) s.disconnect(true);
        else if (!r.user && !r.id_hash && p.session && !(await auth.sessionValid(p.session.id_hash))) s.disconnect(true);
      }
    })();
  });
  // an open socket is use: its session does not idle out while it is connected
  const keepAlive = setInterval(() => {
    const ids = new Set<string>();
    for (const s of nsp.sockets.values()) {
      const h = (s.data as { principal?: Principal }).principal?.session?.id_hash;
      if (h) ids.add(h);
    }
    if (ids.size) void auth.keepAlive(ids);
  }, 5 * 60_000);
  keepAlive.unref();

  nsp.on('connection', (socket: Sock) => {
    const { principal: user, scope, since } = socket.data as { principal: Principal; scope: ScopeFilter | null; since?: number };
    if (scope) {
      const e = local.get(scope.key);
      if (e) e.sockets++;
      else local.set(scope.key, { filter: scope, sockets: 1 }), refresh();
      socket.once('disconnect', () => {
        const x = local.get(scope.key)!;
        if (--x.sockets === 0) local.delete(scope.key), refresh();
      });
    }
    // join first, so nothing committed while the snapshot is read is lost (a duplicate id is possible; clients drop ids they have)
    for (const l of LAYERS) void socket.join(roomOf(scope, l));
    void socket.join(statusRoom(scope));
    socket.on('subscribe', (layers, ack) => {
      const r = SubscribeSchema.safeParse(layers);
      const wanted: Layer[] = r.success ? r.data.filter((l): l is Layer => (LAYERS as readonly string[]).includes(l)) : [];
      for (const l of LAYERS) void (wanted.includes(l) ? socket.join(roomOf(scope, l)) : socket.leave(roomOf(scope, l)));
      if (typeof ack === 'function') ack(wanted);
    });
    // a batch went missing: the latest of everything, once a second at most (requests in between share the answer)
    let resyncedAt = 0;
    let resyncTimer: NodeJS.Timeout | null = null;
    const resyncAcks: ((l: LiveLatest) => void)[] = [];
    socket.on('resync', (ack) => {
      if (typeof ack !== 'function' || resyncAcks.length >= 8) return;
      resyncAcks.push(ack);
      resyncTimer ??= setTimeout(
        () => {
          resyncTimer = null;
          resyncedAt = Date.now();
          const l = latest(scope);
          for (const a of resyncAcks.splice(0)) a(l);
        },
        Math.max(0, resyncedAt + RESYNC_MIN_MS - Date.now()),
      );
    });
    socket.once('disconnect', () => resyncTimer && clearTimeout(resyncTimer));
    void (async () => {
      try {
        const last = (await live.store.query({ limit: 1, newest: true }))[0];
        const status = live.status(Date.now());
        socket.emit('snapshot', {
          user: { name: user.name, role: user.role, enterprises: user.enterprises ? [...user.enterprises] : null },
          alarms: scope ? live.activeAlarms().filter(scope.alarm) : live.activeAlarms(),
          ...latest(scope),
          status: scope ? scope.status(status) : status,
          lastEventId: last?.id ?? 0,
          marks: { positions: markNow(scope, 'positions'), readings: markNow(scope, 'readings') },
        });
        if (since !== undefined) {
          await replaying(async () => {
            let after = since;
            let sent = 0;
            for (;;) {
              if (!socket.connected) return;
              const page = await live.store.query({ afterId: after, limit: REPLAY_PAGE });
              if (!page.length) break;
              after = page[page.length - 1].id;
              const mine = scope ? page.filter(scope.event) : page;
              if (mine.length) socket.emit('events', mine);
              sent += page.length;
              if (page.length < REPLAY_PAGE) break;
              if (sent >= MAX_REPLAY) {
                socket.emit('replay', { complete: false, lastId: after });
                return;
              }
              await new Promise((r) => setImmediate(r));
            }
            socket.emit('replay', { complete: true, lastId: after });
          });
        }
      } catch (e) {
        live.options.log.error({ err: (e as Error).message }, 'snapshot failed');
        socket.disconnect(true);
      }
    })();
  });

  let alarmsChanged = false;
  const offEvents = live.onEvents((events) => {
    nsp.to('layer:events').emit('events', events);
    for (const f of activeScopes()) {
      const mine = events.filter(f.event);
      if (mine.length) nsp.to(roomOf(f, 'events')).emit('events', mine);
    }
    if (events.some((e) => e.type.startsWith('alarm.') || e.type.startsWith('sensor.'))) alarmsChanged = true;
  });
  const pending = new Map<string, LivePosition>();
  // positions: throttled with a leading edge — a batch goes out at once when nothing went out in the
  // last flush_ms, else when the period is up; batches in between coalesce (latest per subject wins)
  let lastFlush = 0;
  let scheduled: NodeJS.Timeout | null = null;
  const flushPositions = () => {
    scheduled = null;
    lastFlush = Date.now();
    const scoped = activeScopes();
    if (alarmsChanged) {
      // the list of active alarms, at most once per flush however many transitions (a flood) came
      alarmsChanged = false;
      const alarms = live.activeAlarms();
      nsp.to('layer:alarms').emit('alarms', alarms);
      for (const f of scoped) nsp.to(roomOf(f, 'alarms')).emit('alarms', alarms.filter(f.alarm));
    }
    if (!pending.size) return;
    const batch = [...pending.values()];
    pending.clear();
    nsp.to('layer:positions').volatile.emit('positions', batch, markFor('layer:positions'));
    for (const f of scoped) {
      const mine = batch.filter(f.position);
      const room = roomOf(f, 'positions');
      if (mine.length) nsp.to(room).volatile.emit('positions', mine, markFor(room));
    }
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = setTimeout(flushPositions, Math.max(0, flush_ms - (Date.now() - lastFlush)));
  };
  const offPositions = live.onPositions((ps) => {
    for (const p of ps) pending.set(p.id, p);
    schedule();
  });
  const offAlarmsChanged = live.onEvents(() => alarmsChanged && schedule());
  // readings: every readings_ms, the latest of each sensor that took one in since the last send
  let readingsSeq = live.readingBatchSince(Infinity).seq;
  const readingsTimer = setInterval(() => {
    const { batch, seq } = live.readingBatchSince(readingsSeq);
    readingsSeq = seq;
    if (!batch) return;
    nsp.to('layer:readings').volatile.emit('readings', batch, markFor('layer:readings'));
    for (const f of activeScopes()) {
      const keep: number[] = [];
      for (let i = 0; i < batch.index.length; i++) if (f.sensorMask[batch.index[i]]) keep.push(i);
      const room = roomOf(f, 'readings');
      if (keep.length)
        nsp.to(room).volatile.emit(
          'readings',
          readingBatch(
            Uint32Array.from(keep, (i) => batch.index[i]),
            Float32Array.from(keep, (i) => batch.value[i]),
            Float64Array.from(keep, (i) => batch.t0 + batch.dt_ms[i]),
          ),
          markFor(room),
        );
    }
  }, readings_ms);
  readingsTimer.unref();
  // the status when it changes, and at least every 10 s (a heartbeat the clients' staleness shows against)
  let lastStatus = '';
  let lastStatusAt = 0;
  const statusTimer =
    status_ms > 0
      ? setInterval(() => {
          const now = Date.now();
          const st = live.status(now);
          const key = JSON.stringify({ ...st, t: 0 });
          if (key === lastStatus && now - lastStatusAt < 10_000) return;
          lastStatus = key;
          lastStatusAt = now;
          nsp.local.to(statusRoom(null)).emit('status', st);
          for (const f of activeScopes()) nsp.local.to(statusRoom(f)).emit('status', f.status(st));
        }, status_ms)
      : undefined;
  statusTimer?.unref();

  return {
    detach: () => {
      if (scheduled) clearTimeout(scheduled);
      clearInterval(readingsTimer);
      clearInterval(keepAlive);
      offAlarmsChanged();
      offRevoke();
      if (statusTimer) clearInterval(statusTimer);
      offEvents();
      offPositions();
    },
  };
}
