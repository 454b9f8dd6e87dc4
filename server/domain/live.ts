/**
 * The live park: positions and readings in, geofence events and alarm transitions out — stored
 * first, then handed to the listeners (the realtime layer). A batch is validated whole before any of
 * it is applied: a bad batch changes nothing.
 *
 * Several server processes (behind Redis, see server/cluster.ts) each hold a LiveState. The process
 * that accepts a batch (the origin) applies, stores and broadcasts it, and hands the accepted items
 * to `onApplied`; the others apply the same items as replicas — their engines agree, but they store
 * and broadcast nothing, so every event is stored and delivered once.
 */
import { GeofenceEngine } from '../../src/geo/live/geofence.ts';
import type { ParkModel } from '../../src/model/model.ts';
import type { ReadingBatch } from '../../src/protocol/readings.ts';
import { isPlainPosition, isPlainReading, PositionPayload, ReadingPayload, toEpochMs, WeatherPayload } from '../../src/protocol/ingest.ts';
import type { LiveAlarm, LivePosition, LiveReading, LiveStatus, LiveWeather } from '../../src/protocol/events.ts';
import type { NewEvent, Store, StoredEvent } from '../store/types.ts';
import { AlarmEngine, type AlarmState, type SensorHandle } from './alarms.ts';
import { ClockGuard, IngestError, parseBatch, timeOrder } from './edge.ts';
import { alarmToEvent, geofenceToEvent, sensorToEvent } from './liveEvents.ts';
import { type Log, silentLog } from './log.ts';
import { ReadingHistory } from './readingHistory.ts';
import { TrackRecorder } from './trackRecorder.ts';

export { IngestError };

const withClock = (r: IngestResult, refused: number, reasons: string[]): IngestResult => (refused ? { ...r, rejected_clock: refused, reasons } : r);

export interface IngestResult {
  accepted: number;
  /** Items older than the subject's or sensor's last one: ignored, not an error. */
  ignored_stale: number;
  /** Items stamped further ahead of the server's clock than the tolerance: refused, each with its reason. */
  rejected_clock: number;
  reasons?: string[];
  events: StoredEvent[];
}

/** What a process applied on its own and its peers must apply too. */
export type Applied =
  | { kind: 'positions'; items: PositionPayload[] }
  | { kind: 'readings'; items: ReadingPayload[] }
  | { kind: 'weather'; weather: LiveWeather }
  | { kind: 'ack'; alarm: string; user: string; t_ms: number }
  | { kind: 'shelve'; alarm: string; user: string; until_ms: number; t_ms: number }
  | { kind: 'quality'; sensor: string; mark: QualityMark | null }
  | { kind: 'layout'; version: number };

/** A field source's word on a sensor's value: bad or uncertain (never taken as a value), with its status and the source's name. */
export interface QualityMark {
  quality: 'bad' | 'uncertain';
  status: string;
  source: string;
}

export interface LiveOptions {
  /** Keep at most one track point per subject per this period, ms (position history). */
  trackEvery_ms: number;
  /** Keep position history this long, ms. */
  trackRetention_ms: number;
  /** Keep at most one reading per sensor per this period in the in-memory history, ms. */
  readingEvery_ms: number;
  /** In-memory reading history per sensor, ms. */
  readingRetention_ms: number;
  /**
   * How far ahead of the server's clock a reading's or a fix's time may be, ms: further ahead is a
   * device with a wrong clock — refused, never allowed to make later readings stale.
   */
  clockAhead_ms: number;
  /** The server's clock (tests set it). */
  now: () => number;
  /** Where failures to store are reported (the server's logger). */
  log: Log;
}

export const DEFAULT_LIVE_OPTIONS: LiveOptions = {
  trackEvery_ms: 5_000,
  trackRetention_ms: 30 * 24 * 3600_000,
  readingEvery_ms: 30_000,
  readingRetention_ms: 6 * 3600_000,
  clockAhead_ms: 5 * 60_000,
  now: () => Date.now(),
  log: silentLog,
};

type Listener = (events: StoredEvent[]) => void;

/** A time kept in an event's detail: epoch ms (`until_ms`, `last_t_ms`; stores written before 2026-12 kept ISO strings as `until`, `last_t`: read too). */
const timeIn = (x: unknown): number | undefined => {
  const t = typeof x === 'number' ? x : typeof x === 'string' ? Date.parse(x) : NaN;
  return Number.isFinite(t) ? t : undefined;
};
type PositionListener = (positions: LivePosition[]) => void;

interface SensorSlot {
  /** In the layout's sensor order (the wire's index). */
  index: number;
  alarm: SensorHandle;
}

export class LiveState {
  // the layout's parts: built by build(), rebuilt when the layout switches (switchLayout)
  private model_!: ParkModel;
  private geofence_!: GeofenceEngine;
  private alarms_!: AlarmEngine;
  readonly options: LiveOptions;
  /** The layout version in force: stamped on every event stored (undefined: a layout without versions, as in a drill). */
  version: number | undefined;
  private readonly listeners = new Set<Listener>();
  private readonly positionListeners = new Set<PositionListener>();
  private readonly appliedListeners = new Set<(a: Applied) => void>();
  /** The latest position of every subject. */
  readonly positions = new Map<string, LivePosition>();
  /** The latest weather (simulator, HTTP or MQTT). */
  weather: LiveWeather | null = null;
  /**
   * Per sensor of the layout: its index and its alarm handle — looked up once per reading (a lookup
   * in a map of 20 000 sensors costs more than the rest of the reading's work).
   */
  private readonly slots = new Map<string, SensorSlot>();
  /** Latest readings and their downsampled history. */
  private readings!: ReadingHistory;
  /** The position history written to the store. */
  private readonly track: TrackRecorder;
  private readonly clock: ClockGuard;
  /** Store writes in order: ids and broadcasts follow the order batches were applied in. */
  private chain: Promise<unknown> = Promise.resolve();
  readonly counters = { badBatches: 0, positions: 0, readings: 0, storeErrors: 0, clockRejected: 0 };
  /** Sensors whose source says their value is bad or uncertain (faulty until a good value comes). */
  readonly quality = new Map<string, QualityMark>();
  private permitZoneIds: string[] = [];
  private readonly layoutReplicaListeners = new Set<(version: number) => void>();
  /** What the permit desk (server/domain/permitDesk.ts) sees of the filed permits at work, for the status. */
  permitsLive: LiveStatus['permits'] = {};

  constructor(
    model: ParkModel,
    readonly store: Store,
    now_ms = Date.now(),
    options: Partial<LiveOptions> = {},
  ) {
    this.options = { ...DEFAULT_LIVE_OPTIONS, ...options };
    this.build(model, now_ms);
    this.track = new TrackRecorder(store, { every_ms: this.options.trackEvery_ms, retention_ms: this.options.trackRetention_ms });
    this.clock = new ClockGuard(this.options.clockAhead_ms, this.options.now);
  }

  get model(): ParkModel {
    return this.model_;
  }
  get geofence(): GeofenceEngine {
    return this.geofence_;
  }
  get alarms(): AlarmEngine {
    return this.alarms_;
  }

  /** The layout's parts: geofences, the alarm engine over its sensors, their slots and reading history. */
  private build(model: ParkModel, now_ms: number): void {
    this.model_ = model;
    this.geofence_ = new GeofenceEngine(model);
    this.permitZoneIds = model
      .ofKind('zone')
      .filter((z) => z.props.purpose === 'hot_work' || z.props.purpose === 'confined_space')
      .map((z) => z.id);
    this.alarms_ = new AlarmEngine(
      model.ofKind('sensor').map((s) => ({
        id: s.id,
        thresholds: s.props.thresholds,
        period_s: s.props.period_s,
        area:
          s.props.enterprise_id ??
          (s.props.watches ? (model.byId.get(s.props.watches)?.props as { enterprise_id?: string } | undefined)?.enterprise_id : undefined) ??
          'park',
      })),
      {},
      now_ms,
    );
    const sensors = model.ofKind('sensor');
    this.slots.clear();
    sensors.forEach((f, index) => this.slots.set(f.id, { index, alarm: this.alarms_.handle(f.id)! }));
    this.readings = new ReadingHistory(
      sensors.length,
      { every_ms: this.options.readingEvery_ms, retention_ms: this.options.readingRetention_ms },
      this.readings?.lastSeq ?? 0,
    );
  }

  /**
   * Switches to another layout without a restart: geofences and zones follow the new layout (the
   * people where they are, their presence in the new zones taken as it is, not as entries); sensors
   * that stayed keep their latest readings, history, quality mark, communication state and alarms
   * (an alarm whose sensor or level is gone ends, `alarm.normal` with the reason); a
   * `layout.switched` event records the change. `emit` false (a replica) stores nothing.
   */
  switchLayout(model: ParkModel, version: number, now_ms: number, detail: Record<string, unknown> = {}, emit = true): Promise<StoredEvent[]> {
    const before = { alarms: this.alarms_, slots: new Map(this.slots), readings: this.readings, version: this.version };
    this.build(model, now_ms);
    this.version = version;
    const out: NewEvent[] = [];
    for (const a of before.alarms.alarms.values()) {
      if (a.state === 'normal') continue;
      const kept = this.alarms_.restore(a.id, {
        state: a.state,
        since_ms: a.since_ms,
        value: a.value,
        by: a.state === 'shelved' ? a.shelvedBy : a.ackBy,
        until_ms: a.shelvedUntil_ms,
      });
      if (!kept)
        out.push({
          t_ms: now_ms,
          type: 'alarm.normal',
          subject: a.sensor,
          place: a.id,
          detail: { level: a.level, priority: a.priority, from: a.state, to: 'normal', value: a.value, reason: 'removed_from_layout', layout_version: version },
        });
    }
    for (const [id, slot] of this.slots) {
      const old = before.slots.get(id);
      if (!old) continue;
      this.readings.carry(slot.index, before.readings, old.index);
      if (before.alarms.commLost(id)) {
        const last = before.readings.lastTime(old.index);
        this.alarms_.restoreCommLost(id, Number.isFinite(last) ? last : null);
      }
    }
    for (const id of [...this.quality.keys()]) if (!this.slots.has(id)) this.quality.delete(id);
    // the people where they are: presence in the new zones is taken, not reported as entries
    for (const p of this.positions.values()) {
      const [x, y] = model.frame.toLocal([p.lon, p.lat]);
      this.geofence_.update({ id: p.id, kind: p.kind, t_ms: p.t, x, y, role: p.role, vehicle_class: p.vehicle_class as PositionPayload['vehicle_class'] });
    }
    out.push({ t_ms: now_ms, type: 'layout.switched', subject: 'layout', place: null, detail: { ...detail, version, previous: before.version ?? null } });
    return this.commit(out, emit);
  }

  /** A peer process switched the layout (cluster): the listener loads the version and switches this process too. */
  onLayoutReplica(l: (version: number) => void): () => void {
    this.layoutReplicaListeners.add(l);
    return () => this.layoutReplicaListeners.delete(l);
  }

  /** Tells the peers a version is in force (the origin, after switching itself). */
  announceLayout(version: number): void {
    for (const l of this.appliedListeners) l({ kind: 'layout', version });
  }

  /** Sensors and tags whose last item came stamped too far ahead (a wrong device clock). */
  get clockFaults(): ReadonlySet<string> {
    return this.clock.faults;
  }

  onPositions(l: PositionListener): () => void {
    this.positionListeners.add(l);
    return () => this.positionListeners.delete(l);
  }

  onEvents(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** What this process applied as the origin (for its peers). */
  onApplied(l: (a: Applied) => void): () => void {
    this.appliedListeners.add(l);
    return () => this.appliedListeners.delete(l);
  }

  /** Persists, then notifies; in order. A replica (`emit` false) persists and notifies nothing. */
  private commit(events: NewEvent[], emit = true): Promise<StoredEvent[]> {
    if (!events.length || !emit) return Promise.resolve([]);
    if (this.version !== undefined) for (const e of events) e.layout_version ??= this.version;
    const p = this.chain.then(async () => {
      const stored = await this.store.append(events); // persist first
      for (const l of this.listeners) l(stored);
      return stored;
    });
    this.chain = p.catch((e: Error) => {
      this.counters.storeErrors++;
      this.options.log.error({ events: events.length, err: e.message }, 'could not store events');
    });
    return p;
  }

  /** Resolves once every write queued so far is done. */
  flushed(): Promise<void> {
    return this.chain.then(() => undefined);
  }

  /** The batch's items, or IngestError (counted) naming every bad item and field. */
  private parse<T>(...args: Parameters<typeof parseBatch<T>>): T[] {
    try {
      return parseBatch(...args);
    } catch (e) {
      this.counters.badBatches++;
      throw e;
    }
  }

  /** Validates a batch of positions (throws IngestError, changing nothing), applies it, stores and broadcasts what it causes. */
  ingestPositions(body: unknown): Promise<IngestResult> {
    const parsed = this.parse(body, PositionPayload, 'positions', isPlainPosition);
    const { items, faults, reasons } = this.clockCheck(parsed, (p) => p.id, 'tag');
    return this.applyPositions(items, true, faults).then((r) => withClock(r, parsed.length - items.length, reasons));
  }

  /** Validates a batch of readings (throws IngestError, changing nothing: unknown sensors reject the batch), then applies it. */
  ingestReadings(body: unknown): Promise<IngestResult> {
    const parsed = this.parse(body, ReadingPayload, 'readings', isPlainReading);
    const { slots, unknown } = this.slotsOf(parsed);
    if (unknown) {
      this.counters.badBatches++;
      throw new IngestError([...unknown].map((id) => `unknown sensor "${id}": not in the layout`));
    }
    const { items, faults, reasons } = this.clockCheck(parsed, (r) => r.sensor, 'sensor');
    // the usual batch is all on time (the same array): its sensors were looked up once, above
    return this.applyReadings(items, true, items === parsed ? slots : this.slotsOf(items).slots, faults).then((r) =>
      withClock(r, parsed.length - items.length, reasons),
    );
  }

  private clockCheck<T extends { t: number | string }>(items: T[], idOf: (x: T) => string, what: 'sensor' | 'tag') {
    const before = this.clock.refused;
    const r = this.clock.check(items, idOf, what);
    this.counters.clockRejected += this.clock.refused - before;
    return r;
  }

  /**
   * Rebuilds the alarm state a restart would forget from the store: every alarm's newest
   * transition (active, acknowledged by whom, shelved until when) and every sensor's newest
   * communication event. What an operator saw before the restart, they see after it.
   */
  async restore(): Promise<{ alarms: number; commLost: number }> {
    let alarms = 0;
    let commLost = 0;
    for (const e of await this.store.lastAlarmState()) {
      const t_ms = e.t;
      if (e.type === 'sensor.comm_lost') {
        const last = timeIn(e.detail.last_t_ms ?? e.detail.last_t) ?? null;
        if (this.alarms.restoreCommLost(e.subject, last)) commLost++;
      } else if (e.type.startsWith('alarm.') && e.place) {
        const state = e.type.slice('alarm.'.length) as AlarmState;
        if (state === 'normal') continue;
        const d = e.detail as { value?: number | null; by?: string; until_ms?: unknown; until?: unknown };
        if (
          this.alarms.restore(e.place, {
            state,
            since_ms: t_ms,
            value: typeof d.value === 'number' ? d.value : null,
            by: d.by,
            until_ms: timeIn(d.until_ms ?? d.until),
          })
        )
          alarms++;
      }
    }
    return { alarms, commLost };
  }

  /** Sets the weather from a payload (throws IngestError naming the field); the newest wins. */
  ingestWeather(body: unknown, source: string): LiveWeather {
    const r = WeatherPayload.safeParse(body);
    if (!r.success) {
      this.counters.badBatches++;
      throw new IngestError(r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`));
    }
    const { t, ...w } = r.data;
    const weather: LiveWeather = { ...w, wind_from_deg: w.wind_from_deg % 360, t: toEpochMs(t), source };
    if (this.weather && weather.t < this.weather.t) return this.weather;
    this.weather = weather;
    for (const l of this.appliedListeners) l({ kind: 'weather', weather });
    return weather;
  }

  /** Park-wide state: headcounts, lost sensors, gatherings, weather. */
  status(now_ms: number): LiveStatus {
    return {
      t: now_ms,
      headcount: this.geofence.headcount(),
      permitZones: Object.fromEntries(this.permitZoneIds.map((z) => [z, this.geofence.occupants(z)])),
      commLost: this.commLostSensors(),
      clockFaults: [...this.clock.faults],
      badQuality: Object.fromEntries([...this.quality].map(([id, q]) => [id, `${q.quality}: ${q.status} (${q.source})`])),
      permits: this.permitsLive,
      floods: this.alarms.activeFloods(),
      gatherings: this.geofence.gatherings().map((g) => ({ zone: g.zone, members: g.members, since: g.since_ms })),
      weather: this.weather,
    };
  }

  /** Applies what a peer process applied (already validated there): engines only, nothing stored or broadcast. */
  applyReplica(a: Applied): void {
    if (a.kind === 'positions') void this.applyPositions(a.items, false);
    else if (a.kind === 'readings') {
      const items = a.items.filter((r) => this.slots.has(r.sensor));
      void this.applyReadings(items, false, this.slotsOf(items).slots);
    } else if (a.kind === 'weather') this.weather = !this.weather || a.weather.t >= this.weather.t ? a.weather : this.weather;
    else if (a.kind === 'ack') this.alarms.alarms.has(a.alarm) && this.tryAlarm(() => this.alarms.acknowledge(a.alarm, a.user, a.t_ms));
    else if (a.kind === 'quality') this.setQuality(a.sensor, a.mark);
    else if (a.kind === 'shelve') this.alarms.alarms.has(a.alarm) && this.tryAlarm(() => this.alarms.shelve(a.alarm, a.user, a.until_ms, a.t_ms));
    else if (a.kind === 'layout') for (const l of this.layoutReplicaListeners) l(a.version);
  }

  private tryAlarm(fn: () => unknown): boolean {
    try {
      fn();
      return true;
    } catch {
      return false; // the peers disagreed on the state (a race); the origin's store has the truth
    }
  }

  private applyPositions(items: PositionPayload[], origin: boolean, faults: NewEvent[] = []): Promise<IngestResult> {
    const out: NewEvent[] = [...faults];
    let stale = 0;
    const toEvent = geofenceToEvent(this.model);
    const moved: LivePosition[] = [];
    const { t_ms: times, order } = timeOrder(items);
    for (let k = 0; k < items.length; k++) {
      const i = order ? order[k] : k;
      const t_ms = times[i];
      const p = items[i];
      const [x, y] = this.model.frame.toLocal([p.lon, p.lat]);
      const before = this.geofence.lastTime(p.id);
      if (before !== undefined && t_ms < before) {
        stale++;
        continue;
      }
      out.push(...this.geofence.update({ id: p.id, kind: p.kind, t_ms, x, y, role: p.role, vehicle_class: p.vehicle_class }).map(toEvent));
      // 7 decimals of a degree: 1 cm, and a third fewer bytes on the wire than full doubles
      // the latest position of a subject is one object, updated in place (see applyReadings)
      let pos = this.positions.get(p.id);
      if (!pos)
        this.positions.set(
          p.id,
          (pos = {
            id: p.id,
            kind: p.kind,
            lon: 0,
            lat: 0,
            t: 0,
            floor: undefined,
            role: undefined,
            vehicle_class: undefined,
            name: undefined,
            company: undefined,
          }),
        );
      pos.kind = p.kind;
      pos.lon = Math.round(p.lon * 1e7) / 1e7;
      pos.lat = Math.round(p.lat * 1e7) / 1e7;
      pos.t = t_ms;
      pos.floor = p.floor;
      pos.role = p.role || undefined;
      pos.vehicle_class = p.vehicle_class || undefined;
      if (p.name) pos.name = p.name;
      if (p.company) pos.company = p.company;
      moved.push(pos);
      if (origin) this.track.keep(pos);
    }
    this.counters.positions += items.length - stale;
    const stored = this.commit(out, origin);
    if (origin) {
      if (moved.length) for (const l of this.positionListeners) l(moved);
      for (const l of this.appliedListeners) l({ kind: 'positions', items });
    }
    return stored.then((events) => ({ accepted: items.length - stale, ignored_stale: stale, rejected_clock: 0, events }));
  }

  /** The slot of each reading's sensor (one lookup each) and the ids not in the layout. */
  private slotsOf(items: readonly ReadingPayload[]): { slots: SensorSlot[]; unknown: Set<string> | null } {
    const slots = new Array<SensorSlot>(items.length);
    let unknown: Set<string> | null = null;
    for (let i = 0; i < items.length; i++) {
      const slot = this.slots.get(items[i].sensor);
      if (slot) slots[i] = slot;
      else (unknown ??= new Set()).add(items[i].sensor);
    }
    return { slots, unknown };
  }

  private applyReadings(items: ReadingPayload[], origin: boolean, slots: SensorSlot[], faults: NewEvent[] = []): Promise<IngestResult> {
    const out: NewEvent[] = [...faults];
    let stale = 0;
    const { t_ms: times, order } = timeOrder(items);
    for (let k = 0; k < items.length; k++) {
      const i = order ? order[k] : k;
      const t_ms = times[i];
      const r = items[i];
      const slot = slots[i];
      if (t_ms < this.readings.lastTime(slot.index)) {
        stale++;
        continue;
      }
      this.readings.take(slot.index, r.sensor, r.value, t_ms, origin);
      const { transitions, events } = this.alarms.readingOf(slot.alarm, r.value, t_ms);
      for (const tr of transitions) out.push(alarmToEvent(tr));
      for (const e of events) out.push(sensorToEvent(e));
    }
    this.counters.readings += items.length - stale;
    const stored = this.commit(out, origin);
    if (origin) {
      for (const l of this.appliedListeners) l({ kind: 'readings', items });
    }
    return stored.then((events) => ({ accepted: items.length - stale, ignored_stale: stale, rejected_clock: 0, events }));
  }

  /** The latest reading of every sensor that has reported. */
  latestReadings(): LiveReading[] {
    return this.readings.latestReadings();
  }

  /** The value of a sensor's latest reading (undefined: an unknown sensor, or none yet). */
  latestValueOf(sensor: string): number | undefined {
    const slot = this.slots.get(sensor);
    return slot ? this.readings.latestOf(slot.index) : undefined;
  }

  /** The downsampled readings of a sensor since a time, oldest first, ending with the latest. */
  readingsOf(sensor: string, since_ms = -Infinity): LiveReading[] {
    const slot = this.slots.get(sensor);
    return slot ? this.readings.readingsOf(slot.index, since_ms) : [];
  }

  /** The readings this process took in (not replicas) since a sequence number, as the wire's batch (realtime.ts sends them once a second). */
  readingBatchSince(seq: number): { batch: ReadingBatch | null; seq: number } {
    return this.readings.batchSince(seq);
  }

  /** Writes the track points kept since the last flush and prunes old ones (hourly). */
  flushTrack(now_ms: number): Promise<void> {
    return this.track.flush(now_ms);
  }

  /**
   * A field source marks a sensor's value bad or uncertain (`mark`), or good again (null): stored as
   * `sensor.quality_bad` / `sensor.quality_restored` when it changes; the sensor shows as faulty
   * meanwhile. Unknown sensors are ignored (the sources file was checked against the layout).
   */
  markQuality(sensor: string, mark: QualityMark | null, now_ms: number): Promise<StoredEvent[]> {
    if (!this.slots.has(sensor)) return Promise.resolve([]);
    const before = this.quality.get(sensor);
    if (mark ? before?.quality === mark.quality && before.status === mark.status : !before) return Promise.resolve([]);
    this.setQuality(sensor, mark);
    for (const l of this.appliedListeners) l({ kind: 'quality', sensor, mark });
    return this.commit([
      mark
        ? { t_ms: now_ms, type: 'sensor.quality_bad', subject: sensor, place: null, detail: { ...mark } }
        : { t_ms: now_ms, type: 'sensor.quality_restored', subject: sensor, place: null, detail: { source: before?.source ?? null } },
    ]);
  }

  private setQuality(sensor: string, mark: QualityMark | null): void {
    if (mark) this.quality.set(sensor, mark);
    else this.quality.delete(sensor);
  }

  /** An event from outside the engines (an action in a drill), stored and pushed as the others are. */
  record(event: NewEvent): Promise<StoredEvent[]> {
    return this.commit([event]);
  }

  /** Stores several events from outside the engines in one write (all or none), then broadcasts them. */
  recordAll(events: NewEvent[]): Promise<StoredEvent[]> {
    return this.commit(events);
  }

  /** An operator acknowledges an alarm; the transition is stored under their name. */
  acknowledge(alarmId: string, user: string, now_ms: number): Promise<StoredEvent[]> {
    const t = this.alarms.acknowledge(alarmId, user, now_ms);
    for (const l of this.appliedListeners) l({ kind: 'ack', alarm: alarmId, user, t_ms: now_ms });
    return this.commit(t.map(alarmToEvent));
  }

  /** An operator shelves an alarm until a time; stored under their name. */
  shelve(alarmId: string, user: string, until_ms: number, now_ms: number): Promise<StoredEvent[]> {
    const t = this.alarms.shelve(alarmId, user, until_ms, now_ms);
    for (const l of this.appliedListeners) l({ kind: 'shelve', alarm: alarmId, user, until_ms, t_ms: now_ms });
    return this.commit(t.map(alarmToEvent));
  }

  /** Alarms not in the normal state, highest priority and newest first. */
  activeAlarms(): LiveAlarm[] {
    return [...this.alarms.alarms.values()]
      .filter((a) => a.state !== 'normal')
      .sort((a, b) => (a.priority === b.priority ? b.since_ms - a.since_ms : a.priority === 'high' ? -1 : 1))
      .map((a) => ({
        id: a.id,
        sensor: a.sensor,
        level: a.level,
        priority: a.priority,
        state: a.state,
        value: a.value,
        since: a.since_ms,
        ack_by: a.ackBy ?? null,
        shelved_until: a.shelvedUntil_ms ?? null,
        comm_lost: this.alarms.commLost(a.sensor),
      }));
  }

  /** Sensors whose communication is lost now. */
  commLostSensors(): string[] {
    return this.alarms.commLostSensors();
  }

  /**
   * Time passes: silent tags and sensors, shelving expiry, gatherings, floods ending. `emit` false
   * (a replica) advances the engines and stores nothing: the leader stores the events.
   */
  tick(now_ms: number, emit = true): Promise<StoredEvent[]> {
    const a = this.alarms.tick(now_ms);
    const g = this.geofence.tick(now_ms);
    if (emit) void this.flushTrack(now_ms).catch((e: Error) => this.options.log.error({ err: e.message }, 'could not store the track'));
    return this.commit([...g.map(geofenceToEvent(this.model)), ...a.transitions.map(alarmToEvent), ...a.events.map(sensorToEvent)], emit);
  }
}
