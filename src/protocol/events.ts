/**
 * The socket.io event maps, imported by the server and the browser client alike.
 *
 * On connect a client gets a `snapshot`, then deltas: `events` (stored events, reliable, with ids so
 * a client that reconnects with `auth.since` gets what it missed) and `positions` (volatile,
 * coalesced: the latest position per subject since the last flush). Clients choose layers with
 * `subscribe`. An unauthenticated socket is refused.
 */
export interface LivePosition {
  id: string;
  kind: 'person' | 'vehicle';
  lon: number;
  lat: number;
  t: number;
  role?: string;
  vehicle_class?: string;
}

export interface LiveAlarm {
  id: string;
  sensor: string;
  level: string;
  priority: string;
  state: string;
  value: number | null;
  since: string;
  ack_by: string | null;
  shelved_until: string | null;
  comm_lost: boolean;
}

export interface LiveEvent {
  id: number;
  t: string;
  type: string;
  subject: string;
  place: string | null;
  detail: Record<string, unknown>;
}

export type Layer = 'events' | 'positions' | 'alarms';

export interface ServerToClientEvents {
  snapshot: (s: { user: { name: string; role: string }; alarms: LiveAlarm[]; positions: LivePosition[]; lastEventId: number }) => void;
  events: (events: LiveEvent[]) => void;
  positions: (positions: LivePosition[]) => void;
  alarms: (alarms: LiveAlarm[]) => void;
}

export interface ClientToServerEvents {
  subscribe: (layers: Layer[], ack?: (layers: Layer[]) => void) => void;
}

export interface SocketAuth {
  token: string;
  /** Id of the last event this client has: the server sends what came after. */
  since?: number;
}
