/**
 * The browser's connection to the live server: socket.io with the typed event maps of
 * src/protocol/events.ts. Signs in with the session cookie (src/net/session.ts), takes the snapshot, then deltas; on a
 * reconnect it asks for the events after the last one it has (`since`). Writes into the live store
 * and buffers (src/state/live.ts).
 */
import { io, type Socket } from 'socket.io-client';
import type { ParkModel } from '../model/model.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../protocol/events.ts';
import { decodeReadings } from '../protocol/readings.ts';
import { StreamGaps } from '../protocol/streamMarks.ts';
import { addEvents, putPositions, putReadings, resetLive, useLive } from '../state/live.ts';
import { useDrill } from '../state/drill.ts';
import type { SocketErrorData } from '../protocol/handshake.ts';
import { api } from './api.ts';
import { signOutSession } from './session.ts';

/** The page's one socket (a drill page's is the drill's namespace). */
const current: { socket: Socket<ServerToClientEvents, ClientToServerEvents> | null } = { socket: null };

type LayoutNotice = Parameters<ServerToClientEvents['layout']>[0];
const layoutListeners = new Set<(v: LayoutNotice) => void>();
/** Listens for another layout version coming into force (the page reads the layout again and reconnects). */
export function onLayoutSwitched(l: (v: LayoutNotice) => void): () => void {
  layoutListeners.add(l);
  return () => layoutListeners.delete(l);
}

/** Connects with the session cookie; resolves true once signed in, false when refused. */
export function connectLive(model: ParkModel): Promise<boolean> {
  disconnectLive();
  const sensorIds = model.ofKind('sensor').map((s) => s.id);
  useLive.setState({ connection: 'connecting', error: null });
  let lastEventId = 0;
  // a drill page joins the drill's namespace: its own alarms, people and events, never the live park's
  const drill = useDrill.getState().id;
  const opts = { auth: (cb: (a: object) => void) => cb(lastEventId ? { since: lastEventId } : {}), transports: ['websocket'], withCredentials: true };
  const s: Socket<ServerToClientEvents, ClientToServerEvents> = drill ? io(`/drill/${encodeURIComponent(drill)}`, opts) : io(opts);
  current.socket = s;
  const seen = () => useLive.setState({ lastMessageAt: Date.now() });
  // a volatile batch dropped on the way: ask for the latest of everything (one request at a time)
  const gaps = new StreamGaps();
  let resync: 'idle' | 'asked' | 'again' = 'idle';
  const askResync = () => {
    if (resync !== 'idle') return void (resync = 'again');
    resync = 'asked';
    s.emit('resync', (l) => {
      putPositions(l.positions);
      putReadings(l.readings);
      const more = resync === 'again';
      resync = 'idle';
      if (more) askResync();
    });
  };
  return new Promise((resolve) => {
    s.on('snapshot', (snap) => {
      resetLive();
      gaps.reset(snap.marks);
      resync = 'idle';
      putPositions(snap.positions);
      putReadings(snap.readings);
      lastEventId = Math.max(lastEventId, snap.lastEventId);
      useLive.setState({ connection: 'live', user: snap.user, alarms: snap.alarms, status: snap.status, lastMessageAt: Date.now() });
      resolve(true);
    });
    s.on('events', (es) => {
      for (const e of es) lastEventId = Math.max(lastEventId, e.id);
      addEvents(es);
    });
    s.on('alarms', (alarms) => useLive.setState({ alarms, lastMessageAt: Date.now() }));
    // another layout version: this socket's readings follow the old layout's sensor order — close it; the page reconnects on the new layout
    s.on('layout', (v) => {
      if (current.socket === s) current.socket = null;
      s.close();
      useLive.setState({ connection: 'reconnecting' });
      for (const l of layoutListeners) l(v);
    });
    s.on('status', (status) => useLive.setState({ status, lastMessageAt: Date.now() }));
    s.on('positions', (ps, mark) => {
      putPositions(ps);
      seen();
      if (gaps.missed('positions', mark)) askResync();
    });
    s.on('readings', (b, mark) => {
      putReadings(decodeReadings(b, sensorIds));
      seen();
      if (gaps.missed('readings', mark)) askResync();
    });
    s.on('connect_error', (e) => {
      const code = (e as Error & { data?: SocketErrorData }).data?.code;
      // an ended drill refuses newcomers; after it ends (or a restart) its namespace is gone altogether
      if (drill && (code === 'drill_ended' || e.message === 'Invalid namespace')) {
        useDrill.setState({ ended: true });
        useLive.setState({ connection: 'refused', error: e.message });
        s.close();
        resolve(false);
      } else if (code === 'unauthorised' || code === 'forbidden' || code === 'rate_limited' || code === 'bad_request') {
        useLive.setState({ connection: 'refused', error: e.message });
        s.close();
        resolve(false);
      } else useLive.setState({ connection: 'reconnecting', error: e.message });
    });
    s.on('disconnect', (reason) => {
      // the server ends a drill by disconnecting its clients
      if (drill && reason === 'io server disconnect') {
        useDrill.setState({ ended: true });
        useLive.setState({ connection: 'refused', error: 'the drill has ended' });
      } else if (current.socket === s) useLive.setState({ connection: 'reconnecting' });
    });
  });
}

export function disconnectLive(): void {
  current.socket?.close();
  current.socket = null;
}

export async function signOut(): Promise<void> {
  disconnectLive();
  await signOutSession();
  resetLive();
  useLive.setState({ connection: 'signed-out', user: null });
}

/** An operator action on an alarm; resolves with the HTTP status and the server's message. */
export async function alarmAction(id: string, action: 'ack' | 'shelve', shelve_min = 30): Promise<{ ok: boolean; status: number; error?: string }> {
  const r =
    action === 'ack'
      ? await api('POST /api/alarms/:id/ack', { params: { id } })
      : await api('POST /api/alarms/:id/shelve', { params: { id }, body: { minutes: shelve_min } });
  return r.ok ? { ok: true, status: r.status } : { ok: false, status: r.status, error: r.error };
}
