/**
 * The socket.io event maps, imported by the server and the browser client alike.
 *
 * On connect a client gets a `snapshot`, then deltas: `events` (stored events, reliable, with ids so
 * a client that reconnects with `auth.since` gets what it missed) and `positions` and `readings`
 * (volatile, coalesced: the latest per subject or sensor since the last flush). A volatile batch the
 * server could not write at once is dropped rather than queued, so each carries a `StreamMark`: a
 * client that sees a gap in the count asks for `resync` and gets the latest of everything (a person
 * who stopped after the dropped batch is not left out of the map). Clients choose layers with
 * `subscribe`. An unauthenticated socket is refused.
 *
 * Every time on the wire — socket events and REST answers alike — is a number: epoch milliseconds,
 * UTC. Inputs (ingest payloads, query parameters) also accept ISO 8601; clients format for people.
 */
import type { GeofenceEventType } from '../geo/live/geofence.ts';
import type { LAYERS } from './handshake.ts';
import type { LiveReading, ReadingBatch } from './readings.ts';

export type { LiveReading };

export interface LivePosition {
  id: string;
  kind: 'person' | 'vehicle';
  lon: number;
  lat: number;
  t: number;
  floor?: number;
  role?: string;
  vehicle_class?: string;
  /** The person's name or the vehicle's plate, and the company, when the positioning system gives them. */
  name?: string;
  company?: string;
}

/** An alarm's threshold level (ISA-18.2 / IEC 62682: low-low to high-high). */
export type AlarmLevel = 'LL' | 'L' | 'H' | 'HH';
/** ISA-18.2's alarm states (returned-to-normal unacknowledged is `rtn_unacknowledged`). */
export type AlarmState = 'normal' | 'unacknowledged' | 'acknowledged' | 'rtn_unacknowledged' | 'shelved' | 'out_of_service';
/** Alarm priority: HH and LL are high, H and L medium. */
export type Priority = 'high' | 'medium';

export interface LiveAlarm {
  id: string;
  sensor: string;
  level: AlarmLevel;
  priority: Priority;
  state: AlarmState;
  value: number | null;
  /** When it entered its state, epoch ms. */
  since: number;
  ack_by: string | null;
  /** Shelved until, epoch ms. */
  shelved_until: number | null;
  comm_lost: boolean;
}

/**
 * Every type of stored event, by family (a query for `alarm` matches `alarm.*`): the geofence's
 * (src/geo/live/geofence.ts), an alarm's transition to a state and its area's flood, a sensor's or a
 * tag's communication and clock, a drill's actions.
 */
export type EventType =
  | GeofenceEventType
  | `alarm.${AlarmState}`
  | 'alarm.flood_start'
  | 'alarm.flood_end'
  | 'sensor.comm_lost'
  | 'sensor.comm_restored'
  | 'sensor.clock_fault'
  | 'sensor.clock_restored'
  | 'sensor.quality_bad'
  | 'sensor.quality_restored'
  | 'tag.clock_fault'
  | 'tag.clock_restored'
  | 'drill.release_stopped'
  | `permit.${PermitEventAction}`
  | 'duty.checked_in'
  | 'turnaround.registered'
  | 'turnaround.cancelled'
  | 'contractor.registered'
  | 'contractor.entry_filed'
  | 'contractor.entry_revoked'
  | 'contractor.refused'
  | 'waybill.refused'
  | 'waybill.routed'
  | 'waybill.off_route'
  | 'waybill.back_on_route'
  | 'waybill.overtime'
  | 'video.intrusion'
  | 'video.no_helmet'
  | 'video.smoke_flame'
  | 'video.gas_cloud'
  | 'layout.switched';

/** A filed permit's steps as stored events (`permit.started` …), and what the live watch reports of it. */
export type PermitEventAction =
  | 'filed'
  | 'approved'
  | 'started'
  | 'suspended'
  | 'resumed'
  | 'closed'
  | 'cancelled'
  | 'analysed'
  | 'spot_checked'
  | 'expired'
  | 'watcher_absent'
  | 'watcher_back';

/** The families of event types, for filters. */
export type EventFamily = EventType extends `${infer F}.${string}` ? F : never;

export interface LiveEvent {
  id: number;
  /** Epoch ms, as every time on the wire (times inside `detail` too). */
  t: number;
  type: EventType;
  subject: string;
  place: string | null;
  detail: Record<string, unknown>;
  /** The layout version in force when it happened (absent on events stored before versions). */
  layout_version?: number;
}

/** Weather at the park, for the hazard models (the simulator supplies it; HTTP and MQTT can override). */
export interface LiveWeather {
  /** Wind speed at 10 m, m/s. */
  wind_speed_m_s: number;
  /** Direction the wind blows FROM, degrees clockwise from north (meteorological). */
  wind_from_deg: number;
  /** Pasquill–Gifford stability class. */
  stability: 'A' | 'B' | 'C' | 'D' | 'E' | 'F';
  /** Air temperature, °C. */
  temperature_C: number;
  t: number;
  source: string;
}

/** Park-wide state the server recomputes every second. */
export interface LiveStatus {
  t: number;
  /** People and vehicles in each zone (by the geofence engine, with its hysteresis). */
  headcount: Record<string, number>;
  /** Sensors whose communication is lost. */
  commLost: string[];
  /** Sensors and tags whose last reading or fix came stamped too far ahead of the server's clock: faulty, not normal. */
  clockFaults: string[];
  /**
   * Sensors whose field source (OPC UA, Modbus) reports their value as bad or uncertain — faulty, the
   * value not taken — with the reason (`bad: BadSensorFailure (Chlor-alkali DCS)`).
   */
  badQuality: Record<string, string>;
  /** Who is inside each hot-work and confined-space zone (the permit zones) now. */
  permitZones: Record<string, string[]>;
  /** Filed permits (POST /api/permits) at work now: who is inside their area, whether the watcher is near (null: no worker inside, or no watcher tag). */
  permits: Record<string, { enterprise: string; inside: string[]; watcher_present: boolean | null }>;
  /** Areas (enterprises) in an alarm flood now (EEMUA 191), with the alarms counted in its window. */
  floods: Record<string, number>;
  /** Gatherings in hazardous areas now. */
  gatherings: { zone: string; members: string[]; since: number }[];
  weather: LiveWeather | null;
}

/**
 * Which batch of a volatile stream a message is: the sending process's id (`o`, one per process and
 * namespace) and the count of batches it sent to this client's room (`s`, from 1). A count that
 * skips means a batch was dropped on the way.
 */
export interface StreamMark {
  o: string;
  s: number;
}

/** The volatile streams, each with its own count. */
export type VolatileStream = 'positions' | 'readings';

/** The latest of every subject and sensor a client sees: the answer to `resync`. */
export interface LiveLatest {
  positions: LivePosition[];
  readings: LiveReading[];
}

/** A layer a client subscribes to (the list is src/protocol/handshake.ts's LAYERS). */
export type Layer = (typeof LAYERS)[number];

export interface ServerToClientEvents {
  snapshot: (s: {
    user: { name: string; role: string; enterprises: string[] | null };
    alarms: LiveAlarm[];
    positions: LivePosition[];
    readings: LiveReading[];
    status: LiveStatus;
    lastEventId: number;
    /** Where this process's volatile streams to this client stood when the snapshot was read. */
    marks: Partial<Record<VolatileStream, StreamMark>>;
  }) => void;
  status: (s: LiveStatus) => void;
  events: (events: LiveEvent[]) => void;
  positions: (positions: LivePosition[], mark: StreamMark) => void;
  /** Latest sensor values, coalesced per sensor, volatile, binary (src/protocol/readings.ts). */
  readings: (batch: ReadingBatch, mark: StreamMark) => void;
  alarms: (alarms: LiveAlarm[]) => void;
  /** Another layout version is in force: read the layout again (GET /api/layout) and reconnect; the server closes this socket. */
  layout: (v: { version: number; author: string; comment: string }) => void;
  /** After the events missed since `auth.since`: whether all were sent (at most a bounded number are; read the rest from /api/events). */
  replay: (r: { complete: boolean; lastId: number }) => void;
}

export interface ClientToServerEvents {
  subscribe: (layers: Layer[], ack?: (layers: Layer[]) => void) => void;
  /** A batch of a volatile stream was missed: the latest of everything this client sees (served at most once a second per socket). */
  resync: (ack: (latest: LiveLatest) => void) => void;
}

export interface SocketAuth {
  /** An API client's bearer token (browsers use the session cookie). */
  token?: string;
  /** Id of the last event this client has: the server sends what came after. */
  since?: number;
}
