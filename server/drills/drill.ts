/**
 * A training drill: an emergency scenario played out on the same park, isolated from live data.
 * It has its own live state (alarm engine, geofences, an in-memory event store) fed by its own
 * simulator — normal readings, people and trucks, the scenario's weather held fixed — over which
 * the scenario is laid: gas detectors read what the dispersion model puts at them as the leak
 * spreads (their alarms rise in turn), and the people the footprints reach walk their evacuation
 * routes to a safe assembly point. Nothing of it reaches the live park's state, store or clients.
 */
import { isLeak, scenarioFootprints, type Scenario, type ScenarioResult } from '../../src/geo/risk/emergency.ts';
import { assess } from '../../src/geo/risk/assess.ts';
import { RoadGraph } from '../../src/geo/roads.ts';
import type { ParkModel } from '../../src/model/model.ts';
import type { DrillInfo, DrillReport } from '../../src/protocol/drills.ts';
import type { LiveEvent } from '../../src/protocol/events.ts';
import { Simulator } from '../ingest/simulator.ts';
import type { Store } from '../store/types.ts';
import { LiveState } from '../domain/live.ts';

export type { DrillInfo, DrillReport } from '../../src/protocol/drills.ts';

/** Walking pace of an evacuation, m/s (a brisk walk; an assumption, not a standard's value). */
export const EVACUATION_SPEED_M_S = 1.5;
/** How often the scenario's footprints are rebuilt as the leak spreads, s of drill time. */
const RECOMPUTE_S = 5;

/** A drill action that cannot be done now (409). */
export class DrillActionError extends Error {}

interface Evacuation {
  subject: string;
  kind: string;
  /** Footprint level the subject was in when sent (1 most severe). */
  level: number;
  assembly: string | null;
  route_m: number;
  sent_ms: number;
  arrived_ms: number | null;
  end: [number, number];
}

const median = (xs: number[]): number | null => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const seconds = (ms: number) => Math.round(ms / 100) / 10;

/**
 * The debrief of a drill (pure): each alarm raised — when, when acknowledged and by whom, the
 * response time — from the drill's stored alarm events; when the release was shut off and by whom;
 * each evacuation — when sent, to which assembly point, how far, when it arrived; times in seconds
 * since the drill began.
 */
export function drillReport(
  info: DrillInfo,
  started_ms: number,
  events: readonly LiveEvent[],
  evacuations: readonly Omit<Evacuation, 'end'>[],
  now_ms: number,
): DrillReport {
  const alarms = new Map<string, DrillReport['alarms'][number]>();
  let shutOff: { s: number; by: string } | null = null;
  // in the order they were stored (an acknowledgement follows its alarm)
  for (const e of [...events].sort((a, b) => a.id - b.id)) {
    const id = e.place ?? '';
    const t = seconds(e.t - started_ms);
    const d = e.detail as { level?: string; priority?: string; by?: string; to?: string };
    if (e.type === 'drill.release_stopped' && !shutOff) shutOff = { s: t, by: d.by ?? '' };
    if (e.type === 'alarm.unacknowledged' && !alarms.has(id))
      alarms.set(id, {
        alarm: id,
        sensor: e.subject,
        level: d.level ?? '',
        priority: d.priority ?? '',
        raised_s: t,
        acknowledged_s: null,
        by: null,
        response_s: null,
      });
    const a = alarms.get(id);
    // acknowledged while active, or acknowledged after it had returned to normal (stored as normal, by someone)
    if (a && a.acknowledged_s === null && d.by && (e.type === 'alarm.acknowledged' || e.type === 'alarm.normal')) {
      a.acknowledged_s = t;
      a.by = d.by;
      a.response_s = Math.round((t - a.raised_s) * 10) / 10;
    }
  }
  const alarmRows = [...alarms.values()].sort((a, b) => a.raised_s - b.raised_s || a.alarm.localeCompare(b.alarm));
  const evacuation = evacuations
    .map((e) => ({
      subject: e.subject,
      kind: e.kind,
      level: e.level,
      assembly: e.assembly,
      route_m: e.route_m,
      sent_s: seconds(e.sent_ms - started_ms),
      arrived_s: e.arrived_ms === null ? null : seconds(e.arrived_ms - started_ms),
      took_s: e.arrived_ms === null ? null : seconds(e.arrived_ms - e.sent_ms),
    }))
    .sort((a, b) => a.sent_s - b.sent_s || a.subject.localeCompare(b.subject));
  const responses = alarmRows.flatMap((a) => (a.response_s === null ? [] : [a.response_s]));
  const took = evacuation.flatMap((e) => (e.took_s === null ? [] : [e.took_s]));
  return {
    id: info.id,
    by: info.by,
    started_at: info.started_at,
    duration_s: seconds(now_ms - started_ms),
    alarms: alarmRows,
    evacuation,
    summary: {
      alarms_raised: alarmRows.length,
      alarms_acknowledged: responses.length,
      median_response_s: median(responses),
      slowest_response_s: responses.length ? Math.max(...responses) : null,
      sent: evacuation.length,
      arrived: took.length,
      median_evacuation_s: median(took),
      last_arrival_s: evacuation.reduce<number | null>((m, e) => (e.arrived_s === null ? m : Math.max(m ?? 0, e.arrived_s)), null),
      release_shut_off_s: shutOff?.s ?? null,
      release_shut_off_by: shutOff?.by ?? null,
    },
  };
}

/**
 * What a gas detector can read at most: 100 %LEL, else ten times its top alarm level — a detector
 * in the cloud's core reads over-range, not the cloud's concentration (an assumption of the drill,
 * not a standard's value).
 */
export function fullScale(model: ParkModel, sensor: string, unit: string): number {
  if (unit === '%LEL') return 100;
  const t = (model.byId.get(sensor)?.props as { thresholds?: { H?: number; HH?: number } } | undefined)?.thresholds;
  const top = t?.HH ?? t?.H;
  return top !== undefined ? top * 10 : Infinity;
}

export class Drill {
  readonly live: LiveState;
  readonly sim: Simulator;
  readonly started_ms: number;
  private result: ScenarioResult | null = null;
  private resultAt_s = -Infinity;
  private readonly graph: RoadGraph;
  private readonly evacuating = new Map<string, Evacuation>();
  /** Modelled additions to the gas detectors, by sensor id, in their units. */
  private modelled = new Map<string, number>();

  constructor(
    readonly model: ParkModel,
    readonly info: DrillInfo,
    readonly scenario: Omit<Scenario, 'elapsed_s'>,
    store: Store,
    now_ms: number,
  ) {
    this.started_ms = now_ms;
    this.live = new LiveState(model, store, now_ms);
    const w = scenario.weather;
    // the drill's own people and trucks (the same shifts as the simulator's), the scenario's
    // weather, no random releases of its own
    this.sim = new Simulator(model, this.live, now_ms, {
      seed: `drill:${info.id}`,
      releaseEvery_ms: Infinity,
      faultPerHour: 0,
      weather: { wind_speed_m_s: w.wind_speed_m_s, wind_from_deg: w.wind_from_deg, stability: w.stability },
    });
    this.sim.setOverlay((sensor) => this.modelled.get(sensor) ?? 0);
    this.graph = new RoadGraph(model);
  }

  /** Seconds since the release at `now_ms`. */
  elapsed_s(now_ms: number): number {
    return this.info.start_at_s + Math.max(0, now_ms - this.started_ms) / 1000;
  }

  /** The scenario as it stands at `now_ms` (a leak as far as its front has travelled). */
  resultAt(now_ms: number): ScenarioResult {
    const t = this.elapsed_s(now_ms);
    if (!this.result || t - this.resultAt_s >= RECOMPUTE_S) {
      const leak = isLeak(this.scenario.kind);
      const stopped = this.info.release_s !== null ? { release_s: this.info.release_s } : {};
      this.result = scenarioFootprints(this.model, { ...this.scenario, ...(leak ? { elapsed_s: t, ...stopped } : {}) } as Scenario);
      this.resultAt_s = t;
    }
    return this.result;
  }

  /** Advances the drill to `now_ms`: the model's gas at the detectors, evacuations, the simulator. */
  step(now_ms: number): void {
    const r = this.resultAt(now_ms);
    // those already on their way are not routed again (every route is a road search per assembly point)
    const subjects = [...this.live.positions.values()]
      .filter((p) => !this.evacuating.has(p.id))
      .map((p) => ({ id: p.id, kind: p.kind, xy: this.model.frame.toLocal([p.lon, p.lat]) as unknown as [number, number] }));
    const a = assess(this.model, r, subjects, new Map(), this.graph);
    this.modelled = new Map(a.detectors.map((d) => [d.sensor, Math.min(d.modelled, fullScale(this.model, d.sensor, d.unit))]));
    for (const p of a.people) {
      if (p.route.length < 2) continue;
      // from where the simulator has it now (the live position may be a step behind)
      const here = this.sim.whereIs(p.id) ?? p.xy;
      const route = [here, ...p.route.slice(1)] as [number, number][];
      if (this.sim.evacuate(p.id, route, p.kind === 'vehicle' ? 5 : EVACUATION_SPEED_M_S))
        this.evacuating.set(p.id, {
          subject: p.id,
          kind: p.kind,
          level: p.level,
          assembly: p.assembly,
          route_m: p.route_m,
          sent_ms: now_ms,
          arrived_ms: null,
          end: route[route.length - 1],
        });
    }
    this.sim.step(now_ms);
    for (const e of this.evacuating.values()) {
      if (e.arrived_ms !== null) continue;
      const at = this.sim.whereIs(e.subject);
      if (at && Math.hypot(at[0] - e.end[0], at[1] - e.end[1]) < 0.5) e.arrived_ms = now_ms;
    }
  }

  /**
   * Shuts the release off now (an operator closes the emergency shut-off valve): from here the
   * cloud's tail follows its front and the detectors it has passed come back to normal. Stored as a
   * `drill.release_stopped` event. Throws DrillActionError when it is not a leak or already shut off.
   */
  async stopRelease(now_ms: number, by: string): Promise<number> {
    if (!isLeak(this.scenario.kind)) throw new DrillActionError(`a ${this.scenario.kind} cannot be shut off`);
    if (this.info.release_s !== null) throw new DrillActionError(`the release was shut off already, ${this.info.release_s} s in`);
    const t = Math.round(this.elapsed_s(now_ms));
    this.info.release_s = t;
    this.resultAt_s = -Infinity; // rebuild the footprints at the next step
    await this.live.record({
      t_ms: now_ms,
      type: 'drill.release_stopped',
      subject: this.scenario.source || 'place',
      place: null,
      detail: { by, release_s: t },
    });
    return t;
  }

  /** Who has been sent to an assembly point. */
  evacuees(): string[] {
    return [...this.evacuating.keys()];
  }

  /** The debrief so far: the alarms and how fast they were acknowledged, the evacuation. */
  async report(now_ms: number): Promise<DrillReport> {
    await this.live.flushed();
    const events = [...(await this.live.store.query({ type: 'alarm', limit: 100_000 })), ...(await this.live.store.query({ type: 'drill', limit: 10 }))];
    return drillReport(this.info, this.started_ms, events, [...this.evacuating.values()], now_ms);
  }
}
