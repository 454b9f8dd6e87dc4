/**
 * The live park: positions and readings in, geofence events and alarm transitions out — stored
 * first, then handed to the listeners (the realtime layer). A batch is validated whole before any of
 * it is applied: a bad batch changes nothing.
 */
import { GeofenceEngine, type GeofenceEvent } from '../../src/geo/geofence.ts';
import type { ParkModel } from '../../src/model/model.ts';
import { PositionPayload, ReadingPayload, toEpochMs } from '../../src/protocol/ingest.ts';
import type { EventStore, NewEvent, StoredEvent } from '../store/sqlite.ts';
import type { LivePosition } from '../../src/protocol/events.ts';
import { AlarmEngine, type AlarmTransition, type SensorEvent } from './alarms.ts';

/** A rejected batch: the reasons name the item and the field. */
export class IngestError extends Error {
  constructor(readonly reasons: string[]) {
    super(reasons.slice(0, 5).join('; ') + (reasons.length > 5 ? ` (and ${reasons.length - 5} more)` : ''));
  }
}

export interface IngestResult {
  accepted: number;
  /** Items older than the subject's or sensor's last one: ignored, not an error. */
  ignored_stale: number;
  events: StoredEvent[];
}

type Listener = (events: StoredEvent[]) => void;
type PositionListener = (positions: LivePosition[]) => void;

const geofenceToEvent = (model: ParkModel) => (e: GeofenceEvent): NewEvent => {
  const [lon, lat] = model.frame.toLngLat([e.x, e.y]);
  return { t_ms: e.t_ms, type: e.type, subject: e.subject, place: e.place, detail: { ...e.detail, lon, lat } };
};
const alarmToEvent = (t: AlarmTransition): NewEvent => ({ t_ms: t.t_ms, type: `alarm.${t.to}`, subject: t.sensor, place: t.alarm, detail: { level: t.level, priority: t.priority, from: t.from, to: t.to, value: t.value, ...(t.by ? { by: t.by } : {}) } });
function sensorToEvent(e: SensorEvent): NewEvent {
  if ('sensor' in e) {
    return { t_ms: e.t_ms, type: `sensor.${e.type.replace('.', '_')}`, subject: e.sensor, place: null, detail: { last_t: e.last_ms === null ? null : new Date(e.last_ms).toISOString() } };
  }
  return { t_ms: e.t_ms, type: `alarm.${e.type.replace('.', '_')}`, subject: e.area, place: e.area, detail: { count: e.count } };
}

export class LiveState {
  readonly geofence: GeofenceEngine;
  readonly alarms: AlarmEngine;
  private readonly lastReading = new Map<string, number>();
  private readonly listeners = new Set<Listener>();
  private readonly positionListeners = new Set<PositionListener>();
  /** The latest position of every subject. */
  readonly positions = new Map<string, LivePosition>();
  readonly counters = { badBatches: 0, positions: 0, readings: 0 };

  constructor(
    readonly model: ParkModel,
    readonly store: EventStore,
    now_ms = Date.now(),
  ) {
    this.geofence = new GeofenceEngine(model);
    this.alarms = new AlarmEngine(
      model.ofKind('sensor').map((s) => ({ id: s.id, thresholds: s.props.thresholds, period_s: s.props.period_s, area: s.props.enterprise_id ?? (s.props.watches ? (model.byId.get(s.props.watches)?.props as { enterprise_id?: string } | undefined)?.enterprise_id : undefined) ?? 'park' })),
      {},
      now_ms,
    );
  }

  onPositions(l: PositionListener): () => void {
    this.positionListeners.add(l);
    return () => this.positionListeners.delete(l);
  }

  onEvents(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private commit(events: NewEvent[]): StoredEvent[] {
    if (!events.length) return [];
    const stored = this.store.append(events); // persist first
    for (const l of this.listeners) l(stored);
    return stored;
  }

  private parseBatch<T>(body: unknown, schema: { safeParse(x: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, what: string): T[] {
    if (!Array.isArray(body)) {
      this.counters.badBatches++;
      throw new IngestError([`the body must be a JSON array of ${what}`]);
    }
    const reasons: string[] = [];
    const items: T[] = [];
    body.forEach((raw, i) => {
      const r = schema.safeParse(raw);
      if (r.success) items.push(r.data);
      else for (const iss of r.error.issues) reasons.push(`[${i}]${iss.path.length ? '.' + iss.path.join('.') : ''}: ${iss.message}`);
    });
    if (reasons.length) {
      this.counters.badBatches++;
      throw new IngestError(reasons);
    }
    return items;
  }

  ingestPositions(body: unknown): IngestResult {
    const items = this.parseBatch(body, PositionPayload, 'positions');
    const out: NewEvent[] = [];
    let stale = 0;
    const toEvent = geofenceToEvent(this.model);
    const moved: LivePosition[] = [];
    for (const p of [...items].sort((a, b) => toEpochMs(a.t) - toEpochMs(b.t))) {
      const [x, y] = this.model.frame.toLocal([p.lon, p.lat]);
      const before = this.geofence.lastTime(p.id);
      const t_ms = toEpochMs(p.t);
      if (before !== undefined && t_ms < before) {
        stale++;
        continue;
      }
      out.push(...this.geofence.update({ id: p.id, kind: p.kind, t_ms, x, y, role: p.role, vehicle_class: p.vehicle_class }).map(toEvent));
      const pos: LivePosition = { id: p.id, kind: p.kind, lon: p.lon, lat: p.lat, t: t_ms, ...(p.role ? { role: p.role } : {}), ...(p.vehicle_class ? { vehicle_class: p.vehicle_class } : {}) };
      this.positions.set(p.id, pos);
      moved.push(pos);
    }
    this.counters.positions += items.length - stale;
    const stored = this.commit(out);
    if (moved.length) for (const l of this.positionListeners) l(moved);
    return { accepted: items.length - stale, ignored_stale: stale, events: stored };
  }

  ingestReadings(body: unknown): IngestResult {
    const items = this.parseBatch(body, ReadingPayload, 'readings');
    const unknown = [...new Set(items.filter((r) => !this.model.byId.has(r.sensor) || this.model.byId.get(r.sensor)!.kind !== 'sensor').map((r) => r.sensor))];
    if (unknown.length) {
      this.counters.badBatches++;
      throw new IngestError(unknown.map((id) => `unknown sensor "${id}": not in the layout`));
    }
    const out: NewEvent[] = [];
    let stale = 0;
    for (const r of [...items].sort((a, b) => toEpochMs(a.t) - toEpochMs(b.t))) {
      const t_ms = toEpochMs(r.t);
      if (t_ms < (this.lastReading.get(r.sensor) ?? -Infinity)) {
        stale++;
        continue;
      }
      this.lastReading.set(r.sensor, t_ms);
      const { transitions, events } = this.alarms.reading(r.sensor, r.value, t_ms);
      out.push(...transitions.map(alarmToEvent), ...events.map(sensorToEvent));
    }
    this.counters.readings += items.length - stale;
    return { accepted: items.length - stale, ignored_stale: stale, events: this.commit(out) };
  }

  /** An operator acknowledges an alarm; the transition is stored under their name. */
  acknowledge(alarmId: string, user: string, now_ms: number): StoredEvent[] {
    return this.commit(this.alarms.acknowledge(alarmId, user, now_ms).map(alarmToEvent));
  }

  /** An operator shelves an alarm until a time; stored under their name. */
  shelve(alarmId: string, user: string, until_ms: number, now_ms: number): StoredEvent[] {
    return this.commit(this.alarms.shelve(alarmId, user, until_ms, now_ms).map(alarmToEvent));
  }

  /** Alarms not in the normal state, highest priority and newest first. */
  activeAlarms() {
    return [...this.alarms.alarms.values()]
      .filter((a) => a.state !== 'normal')
      .sort((a, b) => (a.priority === b.priority ? b.since_ms - a.since_ms : a.priority === 'high' ? -1 : 1))
      .map((a) => ({ id: a.id, sensor: a.sensor, level: a.level, priority: a.priority, state: a.state, value: a.value, since: new Date(a.since_ms).toISOString(), ack_by: a.ackBy ?? null, shelved_until: a.shelvedUntil_ms ? new Date(a.shelvedUntil_ms).toISOString() : null, comm_lost: this.alarms.commLost(a.sensor) }));
  }

  /** Time passes: silent tags and sensors, shelving expiry, floods ending. */
  tick(now_ms: number): StoredEvent[] {
    const a = this.alarms.tick(now_ms);
    return this.commit([...this.geofence.tick(now_ms).map(geofenceToEvent(this.model)), ...a.transitions.map(alarmToEvent), ...a.events.map(sensorToEvent)]);
  }
}
