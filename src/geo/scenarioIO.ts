/**
 * An emergency scenario in and out of files (pure): the JSON a scenario is given in — validated,
 * an error naming the field — and its result as GeoJSON in longitude/latitude, for GIS, reports and
 * a trainer's records. `parktwin scenario` and the emergency panel's export use the same two.
 */
import { z } from 'zod';
import type { ParkModel } from '../model/model.ts';
import { assess, scenarioFootprints, SCENARIO_KINDS, type Assessment, type Scenario, type ScenarioResult } from './emergency.ts';
import { SIGMA_SETS, STABILITIES } from './hazards/dispersion.ts';

const pos = z.number().positive();
const nonneg = z.number().nonnegative();

/** A scenario as a file gives it: the place by installation id or by longitude and latitude. */
export const ScenarioFile = z
  .strictObject({
    kind: z.enum(SCENARIO_KINDS as [string, ...string[]], { error: `must be one of ${SCENARIO_KINDS.join(', ')}` }),
    source: z.string().min(1).optional(),
    at_lnglat: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).optional(),
    substance: z.string().min(1).optional(),
    weather: z.strictObject({
      wind_speed_m_s: nonneg,
      wind_from_deg: z.number().min(0).max(360),
      stability: z.enum(STABILITIES as [string, ...string[]], { error: `must be one of ${STABILITIES.join(', ')}` }),
    }),
    rate_kg_s: pos.optional(),
    diameter_m: pos.optional(),
    mass_kg: pos.optional(),
    sigma: z.enum(SIGMA_SETS as [string, ...string[]], { error: `must be one of ${SIGMA_SETS.join(', ')}` }).optional(),
    elapsed_s: nonneg.optional(),
  })
  .refine((s) => (s.source === undefined) !== (s.at_lnglat === undefined), { message: 'give source (an installation id) or at_lnglat, one of them', path: ['source'] });

/** Invalid scenario input: `field` names what is wrong (a dotted path). */
export class ScenarioInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** The scenario of a file, in the park's local metres. */
export function parseScenario(model: ParkModel, input: unknown): Scenario {
  const r = ScenarioFile.safeParse(input);
  if (!r.success) {
    const i = r.error.issues[0] as { path: PropertyKey[]; message: string; code?: string; keys?: string[] };
    if (i.code === 'unrecognized_keys' && i.keys?.length) throw new ScenarioInputError([...i.path, i.keys[0]].join('.'), 'unknown field');
    throw new ScenarioInputError(i.path.join('.') || 'input', i.message);
  }
  const { at_lnglat, source, ...rest } = r.data;
  return {
    ...(rest as Omit<Scenario, 'source' | 'at'>),
    source: source ?? '',
    ...(at_lnglat ? { at: model.frame.toLocal(at_lnglat) as unknown as [number, number] } : {}),
  };
}

type Position = [number, number];

/**
 * The result as a GeoJSON FeatureCollection: the footprints (most severe first), the source, the
 * people inside with their routes when there are any; the basis, warnings, targets reached and the
 * resources nearest by road in its `parktwin` member.
 */
export function scenarioGeoJson(model: ParkModel, r: ScenarioResult, a: Assessment = assess(model, r, [], new Map())): GeoJSON.FeatureCollection & { parktwin: Record<string, unknown> } {
  const ll = (p: readonly [number, number]): Position => {
    const [lon, lat] = model.frame.toLngLat([p[0], p[1]]);
    return [Number(lon.toFixed(7)), Number(lat.toFixed(7))];
  };
  const features: GeoJSON.Feature[] = [
    ...r.footprints.map((f) => ({ type: 'Feature' as const, geometry: { type: 'Polygon' as const, coordinates: [f.ring.map(ll)] }, properties: { type: 'footprint', level: f.level, label: f.label, threshold: f.threshold, unit: f.unit, reach_m: Math.round(f.reach_m * 10) / 10 } })),
    { type: 'Feature', geometry: { type: 'Point', coordinates: ll(r.source_xy) }, properties: { type: 'source', kind: r.scenario.kind, installation: r.scenario.source || null, substance: r.substance, ...(r.shape ? { shape: r.shape.kind === 'flame' ? { kind: 'flame', base_m: r.shape.base_m, diameter_m: r.shape.diameter_m, length_m: Math.round(r.shape.length_m * 10) / 10, tilt_deg: Math.round((r.shape.tilt_rad * 180) / Math.PI), downwind_deg: r.shape.downwind_deg } : { kind: 'fireball', diameter_m: Math.round(r.shape.diameter_m * 10) / 10, height_m: Math.round(r.shape.height_m * 10) / 10 } } : {}) } },
    ...a.people.map((p) => ({ type: 'Feature' as const, geometry: { type: 'LineString' as const, coordinates: p.route.map(ll) }, properties: { type: 'route', subject: p.id, kind: p.kind, level: p.level, assembly: p.assembly, route_m: p.route_m } })),
  ];
  return {
    type: 'FeatureCollection',
    features,
    parktwin: {
      scenario: { ...r.scenario, ...(r.scenario.at ? { at_lnglat: ll(r.scenario.at) } : {}) },
      substance: r.substance,
      basis: r.basis.text,
      warnings: r.warnings.map((w) => w.text),
      front_m: r.front_m,
      targets_reached: a.targets,
      resources: a.resources.slice(0, 5),
    },
  };
}

/** `parktwin scenario`: a scenario file on a park → its GeoJSON. */
export function runScenario(model: ParkModel, input: unknown): ReturnType<typeof scenarioGeoJson> {
  return scenarioGeoJson(model, scenarioFootprints(model, parseScenario(model, input)));
}
