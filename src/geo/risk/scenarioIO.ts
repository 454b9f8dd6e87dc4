/**
 * An emergency scenario in and out of files (pure): the JSON a scenario is given in — validated,
 * an error naming the field — and its result as GeoJSON in longitude/latitude, for GIS, reports and
 * a trainer's records. `parktwin scenario` and the emergency panel's export use the same two.
 */
import { z } from 'zod';
import type { ParkModel } from '../../model/model.ts';
import { scenarioFootprints, SCENARIO_KINDS, type Scenario, type ScenarioResult } from './emergency.ts';
import { assess, type Assessment } from './assess.ts';
import { SIGMA_SETS, STABILITIES } from '../hazards/dispersion.ts';
import { POOL_FIRE_SETS } from '../hazards/fire.ts';
import { FN_CRITERION, peopleAround, societalRisk, type PeopleGroup } from './societal.ts';
import {
  checkTargets,
  DEFAULT_EXPOSURE,
  GB36894_LIMITS,
  GB36894_SOURCE,
  individualRisk,
  riskContours,
  riskGrid,
  RiskInputError,
  type RiskInput,
  type RiskScenario,
  type RiskWeather,
} from './risk.ts';

const pos = z.number().positive();
const nonneg = z.number().nonnegative();

const kind = z.enum(SCENARIO_KINDS as [string, ...string[]], { error: `must be one of ${SCENARIO_KINDS.join(', ')}` });
const stability = z.enum(STABILITIES as [string, ...string[]], { error: `must be one of ${STABILITIES.join(', ')}` });
/** What happens where, and how much: shared by a scenario file and a risk study's scenarios. */
const what = {
  kind,
  source: z.string().min(1).optional(),
  at_lnglat: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).optional(),
  substance: z.string().min(1).optional(),
  rate_kg_s: pos.optional(),
  hole_mm: z.number().positive().max(2000).optional(),
  gauge_pressure_kPa: nonneg.max(100_000).optional(),
  head_m: nonneg.max(200).optional(),
  diameter_m: pos.optional(),
  mass_kg: pos.optional(),
  sigma: z.enum(SIGMA_SETS as [string, ...string[]], { error: `must be one of ${SIGMA_SETS.join(', ')}` }).optional(),
  fire_correlations: z.enum(POOL_FIRE_SETS, { error: `must be one of ${POOL_FIRE_SETS.join(', ')}` }).optional(),
};
const onePlace = { message: 'give source (an installation id) or at_lnglat, one of them', path: ['source'] };
const placed = (s: { source?: string; at_lnglat?: [number, number] }) => (s.source === undefined) !== (s.at_lnglat === undefined);

/** A scenario as a file gives it: the place by installation id or by longitude and latitude. */
export const ScenarioFile = z
  .strictObject({
    ...what,
    weather: z.strictObject({ wind_speed_m_s: nonneg, wind_from_deg: z.number().min(0).max(360), stability }),
    elapsed_s: nonneg.optional(),
    release_s: nonneg.optional(),
  })
  .refine(placed, onePlace);

const RiskScenarioFile = z.strictObject({ id: z.string().min(1), ...what, frequency_per_yr: pos }).refine(placed, onePlace);

/** A risk study as a file gives it: scenarios with their yearly frequencies, the weather classes and the wind rose. */
export const RiskFile = z.strictObject({
  scenarios: z.array(RiskScenarioFile).min(1),
  weather: z.array(z.strictObject({ stability, wind_speed_m_s: pos, probability: z.number().positive().max(1) })).min(1),
  wind_rose: z.array(z.number().nonnegative()).min(1).optional(),
  directions_per_sector: z.number().int().min(1).max(30).optional(),
  exposure: z.strictObject({ toxic_s: pos.optional(), thermal_s: pos.optional() }).optional(),
  status: z.enum(['new', 'existing'], { error: 'must be new or existing' }).default('new'),
  cell_m: z.number().min(2).max(500).default(20),
  /** People off the site besides the protected targets (a neighbouring plant's staff …), for societal risk. */
  population: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        at_lnglat: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]),
        people: pos,
        radius_m: nonneg.default(0),
      }),
    )
    .default([]),
});

/** Invalid scenario input: `field` names what is wrong (a dotted path). */
export class ScenarioInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

type Position = [number, number];

function parseWith<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (!r.success) {
    const i = r.error.issues[0] as { path: PropertyKey[]; message: string; code?: string; keys?: string[] };
    if (i.code === 'unrecognized_keys' && i.keys?.length) throw new ScenarioInputError([...i.path, i.keys[0]].join('.'), 'unknown field');
    throw new ScenarioInputError(i.path.join('.') || 'input', i.message);
  }
  return r.data;
}

/** A file's place (installation id or lon/lat) as the engine takes it: `source`, and `at` in local metres. */
function local<T extends { source?: string; at_lnglat?: [number, number] }>(model: ParkModel, { at_lnglat, source, ...rest }: T) {
  return { ...rest, source: source ?? '', ...(at_lnglat ? { at: model.frame.toLocal(at_lnglat) as unknown as [number, number] } : {}) };
}

/** Longitude and latitude of a local point, to 7 decimals (about a centimetre). */
const lngLat =
  (model: ParkModel) =>
  (p: readonly [number, number]): Position => {
    const [lon, lat] = model.frame.toLngLat([p[0], p[1]]);
    return [Number(lon.toFixed(7)), Number(lat.toFixed(7))];
  };

/** The scenario of a file, in the park's local metres. */
export function parseScenario(model: ParkModel, input: unknown): Scenario {
  return local(model, parseWith(ScenarioFile, input)) as Scenario;
}

/** A risk study of a file, its places in the park's local metres. */
export function parseRiskStudy(model: ParkModel, input: unknown): RiskInput & { status: 'new' | 'existing'; cell_m: number; population: PeopleGroup[] } {
  const f = parseWith(RiskFile, input);
  const scenarios = f.scenarios.map((s) => local(model, s) as RiskScenario);
  const population = f.population.map((g) => ({
    id: g.id,
    at: model.frame.toLocal(g.at_lnglat) as unknown as [number, number],
    people: g.people,
    radius_m: g.radius_m,
  }));
  return {
    scenarios,
    weather: f.weather as RiskWeather[],
    wind_rose: f.wind_rose,
    directions_per_sector: f.directions_per_sector,
    exposure: f.exposure,
    status: f.status,
    cell_m: f.cell_m,
    population,
  };
}

/**
 * `parktwin risk`: a risk study on a park → GeoJSON of the iso-risk lines at GB 36894's levels and
 * every protected target with its risk, its limit and whether it keeps it; the societal risk (F–N
 * curve against GB 36894's criterion) among the people round the park in its `parktwin` member.
 */
export function runRisk(model: ParkModel, input: unknown): GeoJSON.FeatureCollection & { parktwin: Record<string, unknown> } {
  const f = parseRiskStudy(model, input);
  let risk: ReturnType<typeof individualRisk>;
  try {
    risk = individualRisk(model, f);
  } catch (e) {
    if (e instanceof RiskInputError) throw new ScenarioInputError(e.field, e.message.slice(e.field.length + 2));
    throw e;
  }
  const ll = lngLat(model);
  const grid = riskGrid(risk, f.cell_m);
  const contours = riskContours(grid);
  const targets = checkTargets(model, risk, f.status);
  const soc = societalRisk(risk, peopleAround(model, f.population));
  const sig = (v: number) => Number(v.toPrecision(4));
  const features: GeoJSON.Feature[] = [
    ...contours.map((c) => ({
      type: 'Feature' as const,
      geometry: { type: 'MultiLineString' as const, coordinates: c.lines.map((l) => l.map(ll)) },
      properties: { type: 'iso-risk', level_per_yr: c.level_per_yr },
    })),
    ...targets.map((t) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: ll(model.byId.get(t.id)!.anchor as unknown as [number, number]) },
      properties: { type: 'target', id: t.id, category: t.category, risk_per_yr: Number(t.risk_per_yr.toPrecision(3)), limit_per_yr: t.limit_per_yr, ok: t.ok },
    })),
  ];
  return {
    type: 'FeatureCollection',
    features,
    parktwin: {
      status: f.status,
      limits: { ...GB36894_SOURCE, per_yr: GB36894_LIMITS },
      exposure_s: { ...DEFAULT_EXPOSURE, ...f.exposure },
      scenarios: risk.bases.map((b) => ({ id: b.id, basis: b.basis.text, warnings: b.warnings.map((w) => w.text) })),
      targets_over_limit: targets.filter((t) => !t.ok).map((t) => t.id),
      societal: {
        people: Math.round(soc.people),
        region: soc.region,
        worst: soc.worst && { n: sig(soc.worst.n), f_per_yr: sig(soc.worst.f_per_yr), ratio_to_intolerable: sig(soc.worst.ratio_to_intolerable) },
        drivers: soc.drivers.map((d) => ({ scenario: d.scenario, share: sig(d.share) })),
        among: soc.among.slice(0, 5).map((g) => ({ group: g.group, share: sig(g.share) })),
        pll_per_yr: sig(soc.pll_per_yr),
        max_deaths: sig(soc.max_deaths),
        curve: soc.curve.map((p) => ({ n: sig(p.n), f_per_yr: sig(p.f_per_yr) })),
        criterion: FN_CRITERION,
      },
      cell_m: Number(grid.cell_m.toFixed(2)),
    },
  };
}

/**
 * The result as a GeoJSON FeatureCollection: the footprints (most severe first), the source, the
 * people inside with their routes when there are any; the basis, warnings, targets reached and the
 * resources the incident calls for (most needed first) in its `parktwin` member.
 */
export function scenarioGeoJson(
  model: ParkModel,
  r: ScenarioResult,
  a: Assessment = assess(model, r, [], new Map()),
): GeoJSON.FeatureCollection & { parktwin: Record<string, unknown> } {
  const ll = lngLat(model);
  const features: GeoJSON.Feature[] = [
    ...r.footprints.map((f) => ({
      type: 'Feature' as const,
      geometry: { type: 'Polygon' as const, coordinates: [f.ring.map(ll)] },
      properties: { type: 'footprint', level: f.level, label: f.label, threshold: f.threshold, unit: f.unit, reach_m: Math.round(f.reach_m * 10) / 10 },
    })),
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: ll(r.source_xy) },
      properties: {
        type: 'source',
        kind: r.scenario.kind,
        installation: r.scenario.source || null,
        substance: r.substance,
        ...(r.shape
          ? {
              shape:
                r.shape.kind === 'flame'
                  ? {
                      kind: 'flame',
                      base_m: r.shape.base_m,
                      diameter_m: r.shape.diameter_m,
                      length_m: Math.round(r.shape.length_m * 10) / 10,
                      tilt_deg: Math.round((r.shape.tilt_rad * 180) / Math.PI),
                      downwind_deg: r.shape.downwind_deg,
                    }
                  : { kind: 'fireball', diameter_m: Math.round(r.shape.diameter_m * 10) / 10, height_m: Math.round(r.shape.height_m * 10) / 10 },
            }
          : {}),
      },
    },
    ...a.people.map((p) => ({
      type: 'Feature' as const,
      geometry: { type: 'LineString' as const, coordinates: p.route.map(ll) },
      properties: { type: 'route', subject: p.id, kind: p.kind, level: p.level, assembly: p.assembly, route_m: p.route_m },
    })),
  ];
  return {
    type: 'FeatureCollection',
    features,
    parktwin: {
      scenario: { ...r.scenario, ...(r.scenario.at ? { at_lnglat: ll(r.scenario.at) } : {}) },
      substance: r.substance,
      basis: r.basis.text,
      ...(r.release ? { release: r.release.text } : {}),
      warnings: r.warnings.map((w) => w.text),
      front_m: r.front_m,
      tail_m: r.tail_m,
      targets_reached: a.targets,
      resources: a.resources.slice(0, 5),
    },
  };
}

/** `parktwin scenario`: a scenario file on a park → its GeoJSON. */
export function runScenario(model: ParkModel, input: unknown): ReturnType<typeof scenarioGeoJson> {
  return scenarioGeoJson(model, scenarioFootprints(model, parseScenario(model, input)));
}
