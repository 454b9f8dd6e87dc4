/**
 * Live push over socket.io with the typed event maps of src/protocol/events.ts. Sockets
 * authenticate with a user token (handshake `auth.token`) or are refused. On connect: a snapshot
 * (the user, active alarms, latest positions and readings, park status, the last event id) and,
 * when `auth.since` is given, every stored event after it (re-delivery after a reconnect). Then:
 * stored events as they commit (reliable), alarms when they change, park status every second, and
 * positions and readings coalesced per subject and flushed every `flush_ms` as volatile messages
 * (latest wins; a slow client skips, it does not queue).
 *
 * With several processes (server/cluster.ts) the adapter carries what this process emits to the
 * clients of the others; each process emits only what it originated, and the status (the same in
 * every process) only to its own clients.
 */
import type http from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { ClientToServerEvents, Layer, LivePosition, LiveReading, ServerToClientEvents, SocketAuth } from '../src/protocol/events.ts';
import { authenticate, type User } from './auth.ts';
import type { LiveState } from './domain/live.ts';

export const LAYERS: readonly Layer[] = ['events', 'positions', 'alarms', 'readings'];

export interface Realtime {
  io: Server<ClientToServerEvents, ServerToClientEvents>;
  close(): Promise<void>;
}

export interface RealtimeOptions {
  /** Coalescing period of positions and readings, ms. */
  flush_ms: number;
  /** Period of the status message, ms (0: never). */
  status_ms: number;
}

export function startRealtime(server: http.Server, live: LiveState, users: readonly User[], options: Partial<RealtimeOptions> = {}): Realtime {
  const { flush_ms = 250, status_ms = 1000 } = options;
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(server, { serveClient: false });
  io.use((socket, next) => {
    const auth = socket.handshake.auth as Partial<SocketAuth>;
    const user = authenticate(users, auth.token ? `Bearer ${auth.token}` : undefined);
    if (!user) return next(new Error('unauthorised: connect with auth.token of a user'));
    socket.data.user = user;
    next();
  });

  io.on('connection', async (socket: Socket<ClientToServerEvents, ServerToClientEvents>) => {
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
      socket.emit('snapshot', { user: { name: user.name, role: user.role }, alarms: live.activeAlarms(), positions: [...live.positions.values()], readings: [...live.readings.values()], status: live.status(Date.now()), lastEventId: last?.id ?? 0 });
      if (Number.isFinite(since)) {
        const missed = await live.store.query({ afterId: since, limit: 100_000 });
        if (missed.length) socket.emit('events', missed);
      }
    } catch (e) {
      process.stderr.write(`parktwin: snapshot failed: ${(e as Error).message}\n`);
      socket.disconnect(true);
    }
  });

  const offEvents = live.onEvents((events) => {
    io.to('layer:events').emit('events', events);
    if (events.some((e) => e.type.startsWith('alarm.') || e.type.startsWith('sensor.'))) io.to('layer:alarms').emit('alarms', live.activeAlarms());
  });
  const pending = new Map<string, LivePosition>();
  const pendingReadings = new Map<string, LiveReading>();
  const offPositions = live.onPositions((ps) => {
    for (const p of ps) pending.set(p.id, p);
  });
  const offReadings = live.onReadings((rs) => {
    for (const r of rs) pendingReadings.set(r.sensor, r);
  });
  const timer = setInterval(() => {
    if (pending.size) {
      const batch = [...pending.values()];
      pending.clear();
      io.to('layer:positions').volatile.emit('positions', batch);
    }
    if (pendingReadings.size) {
      const batch = [...pendingReadings.values()];
      pendingReadings.clear();
      io.to('layer:readings').volatile.emit('readings', batch);
    }
  }, flush_ms);
  timer.unref();
  const statusTimer = status_ms > 0 ? setInterval(() => io.local.emit('status', live.status(Date.now())), status_ms) : undefined;
  statusTimer?.unref();

  return {
    io,
    close: () =>
      new Promise((resolve) => {
        clearInterval(timer);
        if (statusTimer) clearInterval(statusTimer);
        offEvents();
        offPositions();
        offReadings();
        io.close(() => resolve());
      }),
  };
}
