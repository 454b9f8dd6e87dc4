/**
 * Live push over socket.io with the typed event maps of src/protocol/events.ts. Sockets
 * authenticate with a user token (handshake `auth.token`) or are refused. On connect: a snapshot
 * (the user, active alarms, latest positions, the last event id) and, when `auth.since` is given,
 * every stored event after it (re-delivery after a reconnect). Then: stored events as they commit
 * (reliable), alarms when they change, and positions coalesced per subject and flushed every
 * `flush_ms` as volatile messages (latest wins; a slow client skips, it does not queue).
 */
import type http from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { ClientToServerEvents, Layer, LivePosition, ServerToClientEvents, SocketAuth } from '../src/protocol/events.ts';
import { authenticate, type User } from './auth.ts';
import type { LiveState } from './domain/live.ts';

const LAYERS: readonly Layer[] = ['events', 'positions', 'alarms'];

export interface Realtime {
  io: Server<ClientToServerEvents, ServerToClientEvents>;
  close(): Promise<void>;
}

export function startRealtime(server: http.Server, live: LiveState, users: readonly User[], flush_ms = 250): Realtime {
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(server, { serveClient: false });
  io.use((socket, next) => {
    const auth = socket.handshake.auth as Partial<SocketAuth>;
    const user = authenticate(users, auth.token ? `Bearer ${auth.token}` : undefined);
    if (!user) return next(new Error('unauthorised: connect with auth.token of a user'));
    socket.data.user = user;
    next();
  });

  io.on('connection', (socket: Socket<ClientToServerEvents, ServerToClientEvents>) => {
    const user = socket.data.user as User;
    const since = Number((socket.handshake.auth as Partial<SocketAuth>).since);
    const last = live.store.query({ limit: 1, newest: true })[0];
    socket.emit('snapshot', { user: { name: user.name, role: user.role }, alarms: live.activeAlarms(), positions: [...live.positions.values()], lastEventId: last?.id ?? 0 });
    if (Number.isFinite(since)) {
      const missed = live.store.query({ afterId: since, limit: 100_000 });
      if (missed.length) socket.emit('events', missed);
    }
    for (const l of LAYERS) void socket.join(`layer:${l}`);
    socket.on('subscribe', (layers, ack) => {
      const wanted = layers.filter((l) => LAYERS.includes(l));
      for (const l of LAYERS) void (wanted.includes(l) ? socket.join(`layer:${l}`) : socket.leave(`layer:${l}`));
      ack?.(wanted);
    });
  });

  const offEvents = live.onEvents((events) => {
    io.to('layer:events').emit('events', events);
    if (events.some((e) => e.type.startsWith('alarm.') || e.type.startsWith('sensor.'))) io.to('layer:alarms').emit('alarms', live.activeAlarms());
  });
  const pending = new Map<string, LivePosition>();
  const offPositions = live.onPositions((ps) => {
    for (const p of ps) pending.set(p.id, p);
  });
  const timer = setInterval(() => {
    if (!pending.size) return;
    const batch = [...pending.values()];
    pending.clear();
    io.to('layer:positions').volatile.emit('positions', batch);
  }, flush_ms);
  timer.unref();

  return {
    io,
    close: () =>
      new Promise((resolve) => {
        clearInterval(timer);
        offEvents();
        offPositions();
        io.close(() => resolve());
      }),
  };
}
