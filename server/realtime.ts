/**
 * Live push over socket.io with the typed event maps of src/protocol/events.ts. Sockets
 * authenticate with a user token (handshake `auth.token`) or are refused. On connect: a snapshot
 * (the user, active alarms, latest positions and readings, park status, the last event id) and,
 * when `auth.since` is given, every stored event after it (re-delivery after a reconnect). Then:
 * stored events as they commit (reliable), alarms when they change, park status when it changes, and
 * positions and readings coalesced per subject and flushed every `flush_ms` as volatile messages
 * (latest wins; a slow client skips, it does not queue): positions at most every 50 ms (at once when
 * the last went out longer ago), readings every second.
 *
 * With several processes (server/cluster.ts) the adapter carries what this process emits to the
 * clients of the others; each process emits only what it originated, and the status (the same in
 * every process) only to its own clients.
 */
import type http from 'node:http';
import { Server, type Namespace, type Socket } from 'socket.io';
import type { ClientToServerEvents, Layer, LivePosition, ServerToClientEvents, SocketAuth } from '../src/protocol/events.ts';
import { authenticate, type User } from './auth.ts';
import type { LiveState } from './domain/live.ts';

export const LAYERS: readonly Layer[] = ['events', 'positions', 'alarms', 'readings'];

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

export function startRealtime(server: http.Server, live: LiveState, users: readonly User[], options: Partial<RealtimeOptions> = {}): Realtime {
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(server, { serveClient: false });
  const main = attachLive(io.of('/'), live, users, options);
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

/**
 * Serves a live state on a namespace: the live park on `/`, a drill on its own (`/drill/<id>`),
 * each with its own clients, snapshot and pushes. `detach` stops the pushes (the namespace's
 * sockets stay until closed).
 */
export function attachLive(nsp: Nsp, live: LiveState, users: readonly User[], options: Partial<RealtimeOptions> = {}): { detach(): void } {
  const { flush_ms = 50, readings_ms = 1000, status_ms = 1000 } = options;
  nsp.use((socket, next) => {
    const auth = socket.handshake.auth as Partial<SocketAuth>;
    const user = authenticate(users, auth.token ? `Bearer ${auth.token}` : undefined);
    if (!user) return next(new Error('unauthorised: connect with auth.token of a user'));
    socket.data.user = user;
    next();
  });

  nsp.on('connection', async (socket: Socket<ClientToServerEvents, ServerToClientEvents>) => {
    const user = socket.data.user as User;
    const since = Number((socket.handshake.auth as Partial<SocketAuth>).since);
    // join first, so nothing committed while the snapshot is read is lost (a duplicate id is possible; clients drop ids they have)
    for (const l of LAYERS) void socket.join(`layer:${l}`);
    socket.on('subscribe', (layers, ack) => {
      const wanted = Array.isArray(layers) ? layers.filter((l) => LAYERS.includes(l)) : [];
      for (const l of LAYERS) void (wanted.includes(l) ? socket.join(`layer:${l}`) : socket.leave(`layer:${l}`));
      if (typeof ack === 'function') ack(wanted);
    });
    try {
      const last = (await live.store.query({ limit: 1, newest: true }))[0];
      socket.emit('snapshot', { user: { name: user.name, role: user.role }, alarms: live.activeAlarms(), positions: [...live.positions.values()], readings: live.latestReadings(), status: live.status(Date.now()), lastEventId: last?.id ?? 0 });
      if (Number.isFinite(since)) {
        const missed = await live.store.query({ afterId: since, limit: 100_000 });
        if (missed.length) socket.emit('events', missed);
      }
    } catch (e) {
      process.stderr.write(`parktwin: snapshot failed: ${(e as Error).message}\n`);
      socket.disconnect(true);
    }
  });

  let alarmsChanged = false;
  const offEvents = live.onEvents((events) => {
    nsp.to('layer:events').emit('events', events);
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
    if (alarmsChanged) {
      // the list of active alarms, at most once per flush however many transitions (a flood) came
      alarmsChanged = false;
      nsp.to('layer:alarms').emit('alarms', live.activeAlarms());
    }
    if (!pending.size) return;
    const batch = [...pending.values()];
    pending.clear();
    nsp.to('layer:positions').volatile.emit('positions', batch);
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
    if (batch) nsp.to('layer:readings').volatile.emit('readings', batch);
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
          nsp.local.emit('status', st);
        }, status_ms)
      : undefined;
  statusTimer?.unref();

  return {
    detach: () => {
      if (scheduled) clearTimeout(scheduled);
      clearInterval(readingsTimer);
      offAlarmsChanged();
      if (statusTimer) clearInterval(statusTimer);
      offEvents();
      offPositions();
    },
  };
}
