/**
 * A training drill: an emergency scenario played out on the same park, isolated from live data.
 * It has its own live state (alarm engine, geofences, an in-memory event store) fed by its own
 * simulator — normal readings, people and trucks, the scenario's weather held fixed — over which
 * the scenario is laid: gas detectors read what the dispersion model puts at them as the leak
 * spreads (their alarms rise in turn), and the people the footprints reach walk their evacuation
 * routes to a safe assembly point. Nothing of it reaches the live park's state, store or clients.
 */
import { assess, RoadGraph, scenarioFootprints, type Scenario, type ScenarioResult } from '../../src/geo/emergency.ts';
import type { ParkModel } from '../../src/model/model.ts';
import { Simulator } from '../ingest/simulator.ts';
import type { Store } from '../store/types.ts';
import { LiveState } from './live.ts';

export interface DrillInfo {
  id: string;
  /** The scenario as the file format gives it (lon/lat), for the clients. */
  scenario: Record<string, unknown>;
  by: string;
  started_at: string;
  /** Seconds into the scenario at the start (a drill may begin part-way). */
  start_at_s: number;
}

/** Walking pace of an evacuation, m/s (a brisk walk; an assumption, not a standard's value). */
export const EVACUATION_SPEED_M_S = 1.5;
/** How often the scenario's footprints are rebuilt as the leak spreads, s of drill time. */
const RECOMPUTE_S = 5;

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
  private readonly evacuating = new Set<string>();
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
    this.sim = new Simulator(model, this.live, now_ms, { seed: `drill:${info.id}`, releaseEvery_ms: Infinity, faultPerHour: 0, weather: { wind_speed_m_s: w.wind_speed_m_s, wind_from_deg: w.wind_from_deg, stability: w.stability } });
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
      const leak = this.scenario.kind === 'toxic-leak' || this.scenario.kind === 'flammable-leak';
      this.result = scenarioFootprints(this.model, { ...this.scenario, ...(leak ? { elapsed_s: t } : {}) } as Scenario);
      this.resultAt_s = t;
    }
    return this.result;
  }

  /** Advances the drill to `now_ms`: the model's gas at the detectors, evacuations, the simulator. */
  step(now_ms: number): void {
    const r = this.resultAt(now_ms);
    const subjects = [...this.live.positions.values()].map((p) => ({ id: p.id, kind: p.kind, xy: this.model.frame.toLocal([p.lon, p.lat]) as unknown as [number, number] }));
    const a = assess(this.model, r, subjects, new Map(), this.graph);
    this.modelled = new Map(a.detectors.map((d) => [d.sensor, Math.min(d.modelled, fullScale(this.model, d.sensor, d.unit))]));
    for (const p of a.people) {
      if (this.evacuating.has(p.id) || p.route.length < 2) continue;
      // from where the simulator has it now (the live position may be a step behind)
      const here = this.sim.whereIs(p.id) ?? p.xy;
      if (this.sim.evacuate(p.id, [here, ...p.route.slice(1)], p.kind === 'vehicle' ? 5 : EVACUATION_SPEED_M_S)) this.evacuating.add(p.id);
    }
    this.sim.step(now_ms);
  }

  /** Who has been sent to an assembly point. */
  evacuees(): string[] {
    return [...this.evacuating];
  }
}
