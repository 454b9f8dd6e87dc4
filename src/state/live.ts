/**
 * Live state in the browser, from the server's socket (src/net/live.ts): slow-changing state in a
 * zustand store for the panels (alarms, events, status, connection), fast-changing positions and
 * readings in mutable buffers the 3D overlays read every frame — never React state.
 */
import { create } from 'zustand';
import type { LiveAlarm, LiveEvent, LivePosition, LiveReading, LiveStatus } from '../protocol/events.ts';

export type Connection = 'signed-out' | 'connecting' | 'live' | 'reconnecting' | 'refused';

export interface LiveStore {
  connection: Connection;
  /** When the last message came, ms (the UI shows "stale since" past a limit). */
  lastMessageAt: number | null;
  /** Who is signed in; `enterprises` null: the whole park (the park's own staff). */
  user: { name: string; role: string; enterprises?: readonly string[] | null } | null;
  alarms: LiveAlarm[];
  /** Newest first, at most EVENTS_KEPT. */
  events: LiveEvent[];
  status: LiveStatus | null;
  error: string | null;
}

export const EVENTS_KEPT = 500;

export const useLive = create<LiveStore>(() => ({
  connection: 'signed-out',
  lastMessageAt: null,
  user: null,
  alarms: [],
  events: [],
  status: null,
  error: null,
}));

/** Positions and readings, mutated in place; `version` grows with every change. */
export const liveBuffers = {
  positions: new Map<string, LivePosition>(),
  readings: new Map<string, LiveReading>(),
  /** Recent positions per subject (for trails), oldest first, at most TRAIL_POINTS each. */
  trails: new Map<string, [number, number, number][]>(),
  version: 0,
  readingsVersion: 0,
};
export const TRAIL_POINTS = 60;

export function putPositions(ps: readonly LivePosition[]): void {
  for (const p of ps) {
    liveBuffers.positions.set(p.id, p);
    let t = liveBuffers.trails.get(p.id);
    if (!t) liveBuffers.trails.set(p.id, (t = []));
    const last = t[t.length - 1];
    if (!last || last[2] !== p.t) t.push([p.lon, p.lat, p.t]);
    if (t.length > TRAIL_POINTS) t.splice(0, t.length - TRAIL_POINTS);
  }
  liveBuffers.version++;
}

export function putReadings(rs: readonly LiveReading[]): void {
  for (const r of rs) liveBuffers.readings.set(r.sensor, r);
  liveBuffers.readingsVersion++;
}

export function addEvents(es: readonly LiveEvent[]): void {
  if (!es.length) return;
  useLive.setState((s) => {
    const have = new Set(s.events.map((e) => e.id));
    const fresh = es.filter((e) => !have.has(e.id));
    if (!fresh.length) return s;
    return {
      events: [...fresh]
        .sort((a, b) => b.id - a.id)
        .concat(s.events)
        .slice(0, EVENTS_KEPT),
      lastMessageAt: Date.now(),
    };
  });
}

export function resetLive(): void {
  liveBuffers.positions.clear();
  liveBuffers.readings.clear();
  liveBuffers.trails.clear();
  liveBuffers.version++;
  liveBuffers.readingsVersion++;
  useLive.setState({ alarms: [], events: [], status: null });
}

/** The display state of a sensor, ISA-101 style: what the overlay colours it by. */
export type SensorState =
  | 'normal'
  | 'high_unack'
  | 'high_ack'
  | 'medium_unack'
  | 'medium_ack'
  | 'rtn_unack'
  | 'shelved'
  | 'out_of_service'
  | 'comm_lost'
  | 'faulty'
  | 'unknown';

/** A sensor's state from the alarms and the status (comm-lost first: never shown as normal). */
export function sensorStates(alarms: readonly LiveAlarm[], status: LiveStatus | null): Map<string, SensorState> {
  const out = new Map<string, SensorState>();
  const rank: Record<SensorState, number> = {
    comm_lost: 9,
    faulty: 9,
    high_unack: 8,
    medium_unack: 7,
    high_ack: 6,
    medium_ack: 5,
    rtn_unack: 4,
    out_of_service: 3,
    shelved: 2,
    normal: 1,
    unknown: 0,
  };
  const put = (id: string, s: SensorState) => {
    const cur = out.get(id);
    if (!cur || rank[s] > rank[cur]) out.set(id, s);
  };
  for (const a of alarms) {
    const st: SensorState =
      a.state === 'unacknowledged'
        ? a.priority === 'high'
          ? 'high_unack'
          : 'medium_unack'
        : a.state === 'acknowledged'
          ? a.priority === 'high'
            ? 'high_ack'
            : 'medium_ack'
          : a.state === 'rtn_unacknowledged'
            ? 'rtn_unack'
            : a.state === 'shelved'
              ? 'shelved'
              : a.state === 'out_of_service'
                ? 'out_of_service'
                : 'normal';
    put(a.sensor, st);
  }
  for (const id of status?.commLost ?? []) put(id, 'comm_lost');
  // a device whose clock is wrong: its readings are refused, so it is faulty — never shown as normal
  for (const id of status?.clockFaults ?? []) put(id, 'faulty');
  // a field source says the value is bad or uncertain: not taken, so faulty too
  for (const id of Object.keys(status?.badQuality ?? {})) put(id, 'faulty');
  return out;
}
