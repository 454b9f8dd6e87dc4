/**
 * Societal risk round a park (pure): the yearly frequency F(N) of accidents that kill N or more
 * people, from the risk sum's outcomes (a scenario in a weather class with the wind from one
 * direction, each with its frequency and its expected deaths Σ n · P(death) among the people
 * around), judged against GB 36894-2018's F–N criterion (ALARP: intolerable, reduce as low as
 * reasonably practicable, acceptable). CCPS, Guidelines for Chemical Process Quantitative Risk
 * Analysis, 2nd ed., §4.4.2; TNO Purple Book CPR 18E §6.
 *
 * GB 36894-2018 counts the people off the site — the public and the staff of neighbouring
 * enterprises (§3, "societal risk"); here they are the protected targets' populations spread over
 * their outlines, and any further groups a study names.
 */
import type { ModelFeature, ParkModel } from '../../model/model.ts';
import { bboxOf, pointInPolygon, polygonArea_m2, type XY } from '../primitives/planar.ts';
import type { RiskModel, RiskOutcome } from './risk.ts';

/** People at a place: a share of a group's headcount. */
export interface PeopleAt {
  group: string;
  xy: XY;
  n: number;
}

/** A group of people a study adds (a neighbouring plant's staff, a market): spread over a disc. */
export interface PeopleGroup {
  id: string;
  at: XY;
  people: number;
  radius_m: number;
}

/**
 * The F–N criterion lines, F = C / N (slope −1 on log–log axes): above the upper line intolerable,
 * below the lower acceptable, between them as low as reasonably practicable. The values are the
 * commonly quoted reading of GB 36894-2018 Figure 2 (and of the 2014 trial standard's figure);
 * neither figure was seen here, nor whether the lines stop at some large N — hence `verified: false`.
 */
export const FN_CRITERION = {
  intolerable_C: 1e-3,
  acceptable_C: 1e-5,
  source: 'GB 36894-2018 Figure 2 (societal risk criterion), as commonly quoted',
  verified: false,
} as const;

export type FnRegion = 'intolerable' | 'alarp' | 'acceptable';

/** One step of the F–N curve: F(N) for N in (previous n, n]. */
export interface FnPoint {
  n: number;
  f_per_yr: number;
}

/** Roughly `want` places over each polygon target (a grid inside its outline; the anchor if none fall inside). */
function spread(group: string, population: number, rings: readonly (readonly XY[])[] | null, at: XY, radius_m = 0, want = 40): PeopleAt[] {
  let pts: XY[] = [];
  if (rings || radius_m > 0) {
    const area = rings ? polygonArea_m2(rings) : Math.PI * radius_m * radius_m;
    const step = Math.sqrt(area / want);
    const box = rings ? bboxOf(rings[0]) : { minX: at[0] - radius_m, minY: at[1] - radius_m, maxX: at[0] + radius_m, maxY: at[1] + radius_m };
    const inside = rings ? (p: XY) => pointInPolygon(p, rings) : (p: XY) => Math.hypot(p[0] - at[0], p[1] - at[1]) <= radius_m;
    for (let y = box.minY + step / 2; y < box.maxY; y += step) for (let x = box.minX + step / 2; x < box.maxX; x += step) if (inside([x, y])) pts.push([x, y]);
  }
  if (!pts.length) pts = [at];
  return pts.map((xy) => ({ group, xy, n: population / pts.length }));
}

/** The people round the park: every protected target's population spread over its outline, and the study's own groups. */
export function peopleAround(model: ParkModel, groups: readonly PeopleGroup[] = []): PeopleAt[] {
  const targets = model.ofKind('protected_target').flatMap((t: ModelFeature) => {
    const population = (t.props as { population: number }).population;
    if (!(population > 0)) return [];
    return spread(t.id, population, t.local.type === 'Polygon' ? t.local.rings : null, t.anchor);
  });
  return [...targets, ...groups.flatMap((g) => spread(g.id, g.people, null, g.at, g.radius_m))];
}

/**
 * The F–N curve: for every distinct expected death toll N ≥ 1 among the outcomes, the summed
 * frequency of the outcomes that kill at least N, ascending in N (a falling staircase).
 */
export function fnCurve(outcomes: readonly Pick<RiskOutcome, 'frequency_per_yr' | 'deaths'>[]): FnPoint[] {
  const sorted = outcomes.filter((o) => o.deaths >= 1).sort((a, b) => b.deaths - a.deaths);
  const out: FnPoint[] = [];
  let f = 0;
  for (let i = 0; i < sorted.length; i++) {
    f += sorted[i].frequency_per_yr;
    // one point per distinct N (outcomes of the same toll add up before the point is taken)
    if (i + 1 < sorted.length && sorted[i + 1].deaths === sorted[i].deaths) continue;
    out.push({ n: sorted[i].deaths, f_per_yr: f });
  }
  return out.reverse();
}

/**
 * Where the curve lies against the criterion. F(N) is constant on each step (n_{k−1}, n_k] and C/N
 * falls along it, so its ratio to a line is highest at the step's right end: F(n_k) · n_k / C.
 */
export function judgeFn(
  curve: readonly FnPoint[],
  criterion: { intolerable_C: number; acceptable_C: number } = FN_CRITERION,
): { region: FnRegion; worst: (FnPoint & { ratio_to_intolerable: number }) | null } {
  let worst: (FnPoint & { ratio_to_intolerable: number }) | null = null;
  for (const p of curve) {
    const ratio = (p.f_per_yr * p.n) / criterion.intolerable_C;
    if (!worst || ratio > worst.ratio_to_intolerable) worst = { ...p, ratio_to_intolerable: ratio };
  }
  if (!worst) return { region: 'acceptable', worst: null };
  const region: FnRegion = worst.ratio_to_intolerable > 1 ? 'intolerable' : worst.f_per_yr * worst.n > criterion.acceptable_C ? 'alarp' : 'acceptable';
  return { region, worst };
}

export interface SocietalRisk {
  curve: FnPoint[];
  region: FnRegion;
  worst: (FnPoint & { ratio_to_intolerable: number }) | null;
  /** Potential loss of life, deaths per year: Σ f · N over every outcome (the area under the curve). */
  pll_per_yr: number;
  /** The largest expected toll of any outcome. */
  max_deaths: number;
  /** What adds most to the curve at its worst point: scenario ids with their share of F(N) there. */
  drivers: { scenario: string; share: number }[];
  /** Who would die at the curve's worst point: each group's share of the expected deaths of the outcomes counted there (frequency-weighted). */
  among: { group: string; share: number }[];
  people: number;
}

/** Societal risk of a risk model among the people round the park. */
export function societalRisk(risk: RiskModel, people: readonly PeopleAt[]): SocietalRisk {
  const outcomes = risk.outcomes(people);
  const curve = fnCurve(outcomes);
  const { region, worst } = judgeFn(curve);
  const pll = outcomes.reduce((a, o) => a + o.frequency_per_yr * o.deaths, 0);
  const byScenario = new Map<string, number>();
  if (worst) for (const o of outcomes) if (o.deaths >= worst.n) byScenario.set(o.scenario, (byScenario.get(o.scenario) ?? 0) + o.frequency_per_yr);
  const drivers = [...byScenario].map(([scenario, f]) => ({ scenario, share: f / worst!.f_per_yr })).sort((a, b) => b.share - a.share);
  const byGroup = new Map<string, number>();
  let weighted = 0;
  if (worst)
    for (const o of outcomes) {
      if (o.deaths < worst.n) continue;
      weighted += o.frequency_per_yr * o.deaths;
      for (const [g, k] of Object.entries(o.by_group)) byGroup.set(g, (byGroup.get(g) ?? 0) + o.frequency_per_yr * k);
    }
  const among = [...byGroup].map(([group, w]) => ({ group, share: w / weighted })).sort((a, b) => b.share - a.share);
  return {
    curve,
    region,
    worst,
    pll_per_yr: pll,
    max_deaths: outcomes.reduce((a, o) => Math.max(a, o.deaths), 0),
    drivers,
    among,
    people: people.reduce((a, p) => a + p.n, 0),
  };
}
