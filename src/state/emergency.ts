/**
 * The emergency scenario being looked at: its inputs, and what the pure engine (src/geo/risk/emergency.ts)
 * makes of them with the live weather and positions — recomputed as they change.
 */
import { create } from 'zustand';
import { isLeak, scenarioFootprints, ScenarioError, type Scenario, type ScenarioResult, type Weather } from '../geo/risk/emergency.ts';
import { assess, type Assessment } from '../geo/risk/assess.ts';
import { type GroupAnswer, groupAnswers } from '../geo/risk/groups.ts';
import { RoadGraph } from '../geo/roads.ts';
import type { ParkModel } from '../model/model.ts';
import type { Note } from '../geo/notes.ts';
import { liveBuffers, useLive } from './live.ts';

/** A scenario as the emergency view takes it: the weather is the live one (or the drill's). */
export type EmergencyInput = Omit<Scenario, 'weather'>;

export interface EmergencyState {
  input: EmergencyInput | null;
  result: ScenarioResult | null;
  assessment: Assessment | null;
  /** What each group inside the footprints should do (on site and residents), most severe first. */
  groups: GroupAnswer[];
  error: Note | null;
  /** Weather the result used, and where it came from. */
  weather: (Weather & { source: string }) | null;
  /** A drill's clock: a leak stands as far as it has got since the drill began. */
  drill: { started_ms: number; start_at_s: number } | null;
}

export const useEmergency = create<EmergencyState>(() => ({
  input: null,
  result: null,
  assessment: null,
  groups: [],
  error: null,
  weather: null,
  drill: null,
}));

/** When the server has no weather yet: a neutral, light south-easterly (the coast's prevailing wind). */
export const DEFAULT_WEATHER: Weather = { wind_speed_m_s: 3, wind_from_deg: 135, stability: 'D' };

const graphs = new WeakMap<ParkModel, RoadGraph>();
const lastKey = new WeakMap<ParkModel, string>();

export function computeEmergency(model: ParkModel): void {
  const { input, drill } = useEmergency.getState();
  if (!input) return;
  const w = useLive.getState().status?.weather;
  const weather = w
    ? { wind_speed_m_s: w.wind_speed_m_s, wind_from_deg: w.wind_from_deg, stability: w.stability, source: w.source }
    : { ...DEFAULT_WEATHER, source: 'default' };
  try {
    const leak = isLeak(input.kind);
    // in a drill a leak stands where its front has got (to 5 s, so its footprints are rebuilt every 5 s at most)
    const elapsed = drill && leak ? { elapsed_s: Math.floor((drill.start_at_s + Math.max(0, Date.now() - drill.started_ms) / 1000) / 5) * 5 } : {};
    const scenario: Scenario = { ...input, ...elapsed, weather };
    // the footprints change only with the scenario and the weather (a leaning pool fire's take tens
    // of milliseconds): every 2 s only the people are assessed again
    const key = JSON.stringify(scenario);
    const prev = useEmergency.getState().result;
    const result = prev && lastKey.get(model) === key ? prev : scenarioFootprints(model, scenario);
    lastKey.set(model, key);
    let graph = graphs.get(model);
    if (!graph) graphs.set(model, (graph = new RoadGraph(model)));
    const subjects = [...liveBuffers.positions.values()].map((p) => ({
      id: p.id,
      kind: p.kind,
      xy: model.frame.toLocal([p.lon, p.lat]) as unknown as [number, number],
      ...(p.name ? { name: p.name } : {}),
      ...(p.company ? { company: p.company } : {}),
    }));
    const readings = new Map([...liveBuffers.readings.values()].map((r) => [r.sensor, r.value]));
    useEmergency.setState({
      result,
      assessment: assess(model, result, subjects, readings, graph),
      groups: groupAnswers(model, result, subjects),
      error: null,
      weather,
    });
  } catch (e) {
    if (e instanceof ScenarioError) useEmergency.setState({ result: null, assessment: null, groups: [], error: e.note, weather });
    else throw e;
  }
}

export function startScenario(model: ParkModel, input: EmergencyInput): void {
  useEmergency.setState({ input, drill: null });
  computeEmergency(model);
}

/**
 * The drill's scenario, its clock running from `started_ms` (it began `start_at_s` into the
 * scenario); a leak shut off `release_s` into it.
 */
export function startDrillScenario(model: ParkModel, input: EmergencyInput, started_ms: number, start_at_s: number, release_s: number | null = null): void {
  useEmergency.setState({ input: release_s === null ? input : { ...input, release_s }, drill: { started_ms, start_at_s } });
  computeEmergency(model);
}

/** Steps a leak's walkthrough to `elapsed_s` seconds after it began (undefined: the steady state). */
export function setElapsed(model: ParkModel, elapsed_s: number | undefined): void {
  const { input } = useEmergency.getState();
  if (!input) return;
  const { elapsed_s: _, ...rest } = input;
  useEmergency.setState({ input: elapsed_s === undefined ? rest : { ...rest, elapsed_s } });
  computeEmergency(model);
}

export function clearScenario(): void {
  useEmergency.setState({ input: null, result: null, assessment: null, groups: [], error: null, drill: null });
}
