/**
 * Alarm lifecycle after ISA-18.2 / IEC 62682, pure (times are passed in): one alarm per sensor and
 * threshold level (LL, L, H, HH), with deadband and on/off delays against chattering, operator
 * acknowledgement and shelving under their name, out of service, communication loss, and alarm
 * floods per area (EEMUA 191: more than 10 new alarms in 10 minutes).
 *
 * States: normal · unacknowledged (active) · acknowledged (active) · returned-to-normal
 * unacknowledged · shelved (until an expiry) · out of service. Communication loss is a sensor state
 * shown beside them, never as normal.
 */

import type { AlarmLevel, AlarmState, Priority } from '../../src/protocol/events.ts';

export type { AlarmLevel, AlarmState, Priority };

export interface AlarmSensor {
  id: string;
  thresholds: Partial<Record<AlarmLevel, number>>;
  period_s: number;
  /** Area for flood grouping (enterprise or zone id). */
  area: string;
}

export interface AlarmOptions {
  /** Deadband as a fraction of the threshold's magnitude (at least `deadbandMin`). */
  deadbandFraction: number;
  deadbandMin: number;
  /** The condition must hold this long before the alarm activates, and be gone this long before it clears, ms. */
  onDelay_ms: number;
  offDelay_ms: number;
  /** Silence longer than this many reporting periods is communication lost. */
  commLostPeriods: number;
  /** EEMUA 191 flood: more than `floodCount` new alarms within `floodWindow_ms` in one area. */
  floodCount: number;
  floodWindow_ms: number;
}

export const DEFAULT_ALARM_OPTIONS: AlarmOptions = {
  deadbandFraction: 0.02,
  deadbandMin: 1e-6,
  onDelay_ms: 0,
  offDelay_ms: 0,
  commLostPeriods: 3,
  floodCount: 10,
  floodWindow_ms: 10 * 60_000,
};

export interface Alarm {
  id: string;
  sensor: string;
  level: AlarmLevel;
  priority: Priority;
  state: AlarmState;
  /** The process condition (value beyond the threshold, with deadband), apart from the state. */
  active: boolean;
  since_ms: number;
  value: number | null;
  ackBy?: string;
  ack_ms?: number;
  shelvedBy?: string;
  shelvedUntil_ms?: number;
  /** For delays: when the condition was first seen changing. */
  pending?: { active: boolean; since_ms: number };
}

export interface AlarmTransition {
  alarm: string;
  sensor: string;
  level: AlarmLevel;
  priority: Priority;
  from: AlarmState;
  to: AlarmState;
  t_ms: number;
  value: number | null;
  by?: string;
  /** A shelve's expiry (stored, so a restart keeps it). */
  until_ms?: number;
}

export type SensorEvent =
  | { type: 'comm.lost' | 'comm.restored'; sensor: string; t_ms: number; last_ms: number | null }
  | { type: 'flood.start' | 'flood.end'; area: string; t_ms: number; count: number };

export class AlarmError extends Error {}

const HIGH_LEVELS: readonly AlarmLevel[] = ['HH', 'H'];

const NO_EVENTS: SensorEvent[] = [];
const NO_TRANSITIONS: AlarmTransition[] = [];
/** What most readings cause: nothing (shared, so the hot path allocates nothing; never mutated). */
const NOTHING: { transitions: AlarmTransition[]; events: SensorEvent[] } = Object.freeze({ transitions: NO_TRANSITIONS, events: NO_EVENTS });

type SensorState = AlarmSensor & {
  /** Its index in the engine's per-sensor arrays. */
  index: number;
  levels: { threshold: number; alarm: Alarm; high: boolean }[];
};

/** A sensor's index in the engine (from handle()), for readingOf. */
export type SensorHandle = number & { readonly __sensorHandle: unique symbol };

// per-sensor flags
const HEARD = 1;
const LOST = 2;
/** Every alarm of the sensor normal, inactive, nothing pending: a reading inside the quiet band changes nothing. */
const CALM = 4;

export class AlarmEngine {
  readonly options: AlarmOptions;
  readonly alarms = new Map<string, Alarm>();
  private readonly sensors = new Map<string, SensorState>();
  private readonly floods = new Map<string, { times: number[]; active: boolean }>();
  // What every reading touches, per sensor, in flat arrays: a field of its own object would be a
  // boxed number a cache miss away (at 50 000 readings a second that is most of the cost).
  private readonly sensorList: SensorState[] = [];
  private readonly flags: Uint8Array;
  private readonly lastMs: Float64Array;
  /** Highest low threshold and lowest high threshold: between them no alarm of the sensor can start. */
  private readonly quietLo: Float64Array;
  private readonly quietHi: Float64Array;
  private readonly silentMs: Float64Array;

  constructor(sensors: readonly AlarmSensor[], options: Partial<AlarmOptions> = {}, start_ms = 0) {
    this.options = { ...DEFAULT_ALARM_OPTIONS, ...options };
    const n = sensors.length;
    this.flags = new Uint8Array(n).fill(CALM);
    this.lastMs = new Float64Array(n).fill(start_ms);
    this.quietLo = new Float64Array(n);
    this.quietHi = new Float64Array(n);
    this.silentMs = new Float64Array(n);
    for (const s of sensors) {
      // a sensor never heard from counts from the start: silent past 3 periods it is communication lost
      const levels: { threshold: number; alarm: Alarm; high: boolean }[] = [];
      for (const level of ['LL', 'L', 'H', 'HH'] as const) {
        const threshold = s.thresholds[level];
        if (threshold === undefined) continue;
        const id = `${s.id}:${level}`;
        const alarm: Alarm = {
          id,
          sensor: s.id,
          level,
          priority: level === 'HH' || level === 'LL' ? 'high' : 'medium',
          state: 'normal',
          active: false,
          since_ms: start_ms,
          value: null,
        };
        this.alarms.set(id, alarm);
        levels.push({ threshold, alarm, high: HIGH_LEVELS.includes(level) });
      }
      const index = this.sensorList.length;
      this.quietLo[index] = Math.max(-Infinity, ...levels.filter((l) => !l.high).map((l) => l.threshold));
      this.quietHi[index] = Math.min(Infinity, ...levels.filter((l) => l.high).map((l) => l.threshold));
      this.silentMs[index] = this.options.commLostPeriods * s.period_s * 1000;
      const state: SensorState = { ...s, index, levels };
      this.sensors.set(s.id, state);
      this.sensorList.push(state);
    }
  }

  private deadband(threshold: number): number {
    return Math.max(this.options.deadbandMin, Math.abs(threshold) * this.options.deadbandFraction);
  }

  /** The condition with deadband: activates beyond the threshold, clears only past the deadband. */
  private condition(a: Alarm, value: number, threshold: number, high = HIGH_LEVELS.includes(a.level)): boolean {
    if (a.active) {
      const db = this.deadband(threshold);
      return high ? value > threshold - db : value < threshold + db;
    }
    return high ? value >= threshold : value <= threshold;
  }

  private transition(a: Alarm, to: AlarmState, t_ms: number, out: AlarmTransition[], by?: string) {
    if (a.state === to) return;
    this.flags[this.sensors.get(a.sensor)!.index] &= ~CALM; // until a reading finds it calm again
    out.push({ alarm: a.id, sensor: a.sensor, level: a.level, priority: a.priority, from: a.state, to, t_ms, value: a.value, ...(by ? { by } : {}) });
    a.state = to;
    a.since_ms = t_ms;
    // a new occurrence (or the end of one) is nobody's acknowledgement yet
    if (to === 'unacknowledged' || to === 'normal') a.ackBy = a.ack_ms = undefined;
  }

  /** Applies a change of the process condition to the alarm's state (ISA-18.2 state diagram). */
  private conditionChanged(a: Alarm, active: boolean, t_ms: number, out: AlarmTransition[]) {
    a.active = active;
    if (a.state === 'shelved' || a.state === 'out_of_service') return; // evaluated again when they end
    if (active) {
      if (a.state === 'normal' || a.state === 'rtn_unacknowledged') {
        this.transition(a, 'unacknowledged', t_ms, out);
        this.countForFlood(a, t_ms);
      }
    } else if (a.state === 'unacknowledged') this.transition(a, 'rtn_unacknowledged', t_ms, out);
    else if (a.state === 'acknowledged') this.transition(a, 'normal', t_ms, out);
  }

  /** A sensor's state, for readingOf (callers that look a sensor up once and keep the handle). */
  handle(sensorId: string): SensorHandle | undefined {
    return this.sensors.get(sensorId)?.index as SensorHandle | undefined;
  }

  /** A reading arrives. Returns the alarm transitions it causes (with the sensor events, if any). */
  reading(sensorId: string, value: number, t_ms: number): { transitions: AlarmTransition[]; events: SensorEvent[] } {
    const s = this.sensors.get(sensorId);
    if (!s) throw new AlarmError(`unknown sensor "${sensorId}"`);
    return this.readingOf(s.index as SensorHandle, value, t_ms);
  }

  /** As reading, for a sensor already looked up (the hot path: one map lookup per reading in all). */
  readingOf(h: SensorHandle, value: number, t_ms: number): { transitions: AlarmTransition[]; events: SensorEvent[] } {
    const f = this.flags[h];
    // the usual reading: a calm sensor, a value no alarm of it reacts to — only the time is kept
    // (the alarms' values are shown only outside the normal state, and set on the way out of it)
    if (
      (f & (CALM | LOST)) === CALM &&
      value > this.quietLo[h] &&
      value < this.quietHi[h] &&
      (this.floods.size === 0 || !this.floods.has(this.sensorList[h].area))
    ) {
      this.lastMs[h] = f & HEARD ? Math.max(this.lastMs[h], t_ms) : t_ms;
      this.flags[h] = f | HEARD;
      return NOTHING;
    }
    const s = this.sensorList[h];
    let transitions: AlarmTransition[] = NO_TRANSITIONS;
    let events: SensorEvent[] = NO_EVENTS;
    if (f & LOST) {
      events = [{ type: 'comm.restored', sensor: s.id, t_ms, last_ms: this.lastMs[h] }];
    }
    this.lastMs[h] = f & HEARD ? Math.max(this.lastMs[h], t_ms) : t_ms;
    const levels = s.levels;
    for (let i = 0; i < levels.length; i++) {
      const { threshold, alarm: a, high } = levels[i];
      a.value = value;
      const cond = this.condition(a, value, threshold, high);
      if (cond === a.active) {
        a.pending = undefined;
        continue;
      }
      const delay = cond ? this.options.onDelay_ms : this.options.offDelay_ms;
      if (delay > 0) {
        if (!a.pending || a.pending.active !== cond) a.pending = { active: cond, since_ms: t_ms };
        if (t_ms - a.pending.since_ms < delay) continue;
      }
      a.pending = undefined;
      if (transitions === NO_TRANSITIONS) transitions = [];
      this.conditionChanged(a, cond, t_ms, transitions);
    }
    if (this.floods.has(s.area)) {
      const flood = this.floodEvents(s.area, t_ms);
      if (flood.length) events = [...events, ...flood];
    }
    let calm = true;
    for (let i = 0; i < levels.length; i++) {
      const a = levels[i].alarm;
      if (a.state !== 'normal' || a.active || a.pending) calm = false;
    }
    this.flags[h] = HEARD | (calm ? CALM : 0);
    return transitions === NO_TRANSITIONS && events === NO_EVENTS ? NOTHING : { transitions, events };
  }

  acknowledge(alarmId: string, user: string, t_ms: number): AlarmTransition[] {
    const a = this.get(alarmId);
    const out: AlarmTransition[] = [];
    if (a.state === 'unacknowledged') this.transition(a, 'acknowledged', t_ms, out, user);
    else if (a.state === 'rtn_unacknowledged') this.transition(a, 'normal', t_ms, out, user);
    else throw new AlarmError(`alarm ${alarmId} is ${a.state}: only unacknowledged alarms can be acknowledged`);
    a.ackBy = user;
    a.ack_ms = t_ms;
    return out;
  }

  shelve(alarmId: string, user: string, until_ms: number, t_ms: number): AlarmTransition[] {
    const a = this.get(alarmId);
    if (a.state === 'out_of_service') throw new AlarmError(`alarm ${alarmId} is out of service`);
    if (!(until_ms > t_ms)) throw new AlarmError('a shelve needs an expiry in the future');
    const out: AlarmTransition[] = [];
    this.transition(a, 'shelved', t_ms, out, user);
    a.shelvedBy = user;
    a.shelvedUntil_ms = until_ms;
    for (const tr of out) tr.until_ms = until_ms;
    return out;
  }

  /** Back from shelved or out of service: the alarm takes the state its condition calls for. */
  unshelve(alarmId: string, user: string, t_ms: number): AlarmTransition[] {
    const a = this.get(alarmId);
    if (a.state !== 'shelved' && a.state !== 'out_of_service') throw new AlarmError(`alarm ${alarmId} is ${a.state}`);
    const out: AlarmTransition[] = [];
    this.transition(a, a.active ? 'unacknowledged' : 'normal', t_ms, out, user);
    a.shelvedBy = undefined;
    a.shelvedUntil_ms = undefined;
    return out;
  }

  outOfService(alarmId: string, user: string, t_ms: number): AlarmTransition[] {
    const a = this.get(alarmId);
    const out: AlarmTransition[] = [];
    this.transition(a, 'out_of_service', t_ms, out, user);
    return out;
  }

  /** Time passes: shelving expires, delayed conditions mature, silent sensors lose communication. */
  tick(t_ms: number): { transitions: AlarmTransition[]; events: SensorEvent[] } {
    const transitions: AlarmTransition[] = [];
    const events: SensorEvent[] = [];
    for (const a of this.alarms.values()) {
      if (a.state === 'shelved' && a.shelvedUntil_ms !== undefined && t_ms >= a.shelvedUntil_ms) {
        this.transition(a, a.active ? 'unacknowledged' : 'normal', t_ms, transitions, 'shelve expired');
        a.shelvedUntil_ms = undefined;
      }
    }
    const { flags, lastMs, silentMs } = this;
    for (let h = 0; h < flags.length; h++) {
      if (!(flags[h] & LOST) && t_ms - lastMs[h] > silentMs[h]) {
        flags[h] |= LOST;
        events.push({ type: 'comm.lost', sensor: this.sensorList[h].id, t_ms, last_ms: lastMs[h] });
      }
    }
    for (const area of this.floods.keys()) events.push(...this.floodEvents(area, t_ms));
    return { transitions, events };
  }

  /**
   * Puts an alarm back in a state it had before a restart (from its newest stored transition): the
   * state, since when, the value, who acknowledged or shelved it and until when. The process
   * condition is taken as active in the active states; the next reading re-evaluates it.
   */
  restore(alarmId: string, r: { state: AlarmState; since_ms: number; value: number | null; by?: string; until_ms?: number }): boolean {
    const a = this.alarms.get(alarmId);
    if (!a) return false;
    a.state = r.state;
    a.since_ms = r.since_ms;
    a.value = r.value;
    a.active = r.state === 'unacknowledged' || r.state === 'acknowledged';
    if (r.state === 'shelved') {
      const s = this.sensors.get(a.sensor)!;
      const level = s.levels.find((l) => l.alarm === a)!;
      a.active = r.value !== null && this.condition({ ...a, active: false }, r.value, level.threshold, level.high);
      a.shelvedBy = r.by;
      a.shelvedUntil_ms = r.until_ms ?? r.since_ms; // no stored expiry: it expires at the next tick
    }
    if (r.state === 'acknowledged' && r.by) {
      a.ackBy = r.by;
      a.ack_ms = r.since_ms;
    }
    if (a.state !== 'normal') this.flags[this.sensors.get(a.sensor)!.index] &= ~CALM;
    return true;
  }

  /** Marks a sensor's communication lost as it was before a restart (no new comm.lost event; its next reading restores it). */
  restoreCommLost(sensorId: string, last_ms: number | null): boolean {
    const s = this.sensors.get(sensorId);
    if (!s) return false;
    this.flags[s.index] = (this.flags[s.index] | LOST | (last_ms !== null ? HEARD : 0)) & ~CALM;
    if (last_ms !== null) this.lastMs[s.index] = last_ms;
    return true;
  }

  /** Ids of the sensors the engine watches. */
  sensorIds(): IterableIterator<string> {
    return this.sensors.keys();
  }

  commLost(sensorId: string): boolean {
    const s = this.sensors.get(sensorId);
    return s !== undefined && (this.flags[s.index] & LOST) !== 0;
  }

  /** Sensors whose communication is lost now, in the layout's order. */
  commLostSensors(): string[] {
    const out: string[] = [];
    for (let h = 0; h < this.flags.length; h++) if (this.flags[h] & LOST) out.push(this.sensorList[h].id);
    return out;
  }

  private get(alarmId: string): Alarm {
    const a = this.alarms.get(alarmId);
    if (!a) throw new AlarmError(`unknown alarm "${alarmId}"`);
    return a;
  }

  /** The areas in a flood now, with the alarms counted in its window (what a page opened during a flood needs). */
  activeFloods(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [area, f] of this.floods) if (f.active) out[area] = f.times.length;
    return out;
  }

  private countForFlood(a: Alarm, t_ms: number) {
    const area = this.sensors.get(a.sensor)!.area;
    let f = this.floods.get(area);
    if (!f) this.floods.set(area, (f = { times: [], active: false }));
    f.times.push(t_ms);
  }

  private floodEvents(area: string, t_ms: number): SensorEvent[] {
    const f = this.floods.get(area);
    if (!f) return [];
    const from = t_ms - this.options.floodWindow_ms;
    while (f.times.length && f.times[0] <= from) f.times.shift();
    const count = f.times.length;
    if (!f.active && count > this.options.floodCount) {
      f.active = true;
      return [{ type: 'flood.start', area, t_ms, count }];
    }
    if (f.active && count <= this.options.floodCount / 2) {
      f.active = false;
      return [{ type: 'flood.end', area, t_ms, count }];
    }
    return [];
  }
}
