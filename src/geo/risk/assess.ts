/**
 * What a scenario's footprints reach on the park (pure, local metres): the people inside and the
 * route each should take to the nearest safe assembly point (crosswind or upwind first, around the
 * footprint), protected targets reached, emergency resources within reach, and the gas detectors in
 * the plume's path with the modelled concentration beside the measured one.
 */
import type { ParkModel } from '../../model/model.ts';
import { RoadGraph } from '../roads.ts';
import { pointInPolygon } from '../primitives/planar.ts';
import { isLeak, RESPONSE_SPEED_KM_H, type ScenarioKind, threatAt, type ScenarioResult } from './emergency.ts';
import { hazardSubstance } from '../hazards/substances.ts';
import { ppmToGm3 } from '../hazards/dispersion.ts';

export interface PersonAtRisk {
  id: string;
  kind: string;
  xy: [number, number];
  /** Most severe footprint the person is in. */
  level: 1 | 2 | 3;
  assembly: string | null;
  /** The route, local metres, from the person to the assembly point. */
  route: [number, number][];
  route_m: number;
}

export interface Assessment {
  people: PersonAtRisk[];
  targets: string[];
  /**
   * The emergency resources the incident calls for (RESOURCES_FOR its kind), in that order of need:
   * mobile ones (fire stations, response teams, medical posts, equipment stores) by the drive at
   * RESPONSE_SPEED_KM_H along the roads; fixed ones (monitors, hydrants) only when within
   * FIXED_REACH_M of the source, by distance. Resources of no use to the incident are left out.
   */
  resources: { id: string; type: string; fixed: boolean; distance_m: number; road_m: number | null; eta_min: number | null }[];
  detectors: { sensor: string; modelled: number; unit: string; measured: number | null }[];
}

/**
 * What each kind of incident calls for, most needed first: a toxic cloud gas-protection and rescue
 * teams, water curtains, medical care; a fire foam, fire engines and cooling water; a blast rescue
 * and medical care (our reading of the usual response; unverified).
 */
export const RESOURCES_FOR: Record<ScenarioKind, readonly string[]> = {
  'toxic-leak': ['response_team', 'water_monitor', 'medical_post', 'fire_station', 'equipment_store'],
  'flammable-leak': ['fire_station', 'water_monitor', 'response_team', 'foam_monitor', 'medical_post', 'equipment_store'],
  'pool-fire': ['fire_station', 'foam_monitor', 'water_monitor', 'fire_hydrant', 'medical_post', 'response_team'],
  vce: ['response_team', 'medical_post', 'fire_station', 'water_monitor', 'equipment_store'],
  bleve: ['fire_station', 'water_monitor', 'response_team', 'medical_post', 'fire_hydrant'],
};
/** Resources fixed in place (they do not drive to an incident). */
export const FIXED_RESOURCES: ReadonlySet<string> = new Set(['foam_monitor', 'water_monitor', 'fire_hydrant']);
/** How far from the source installation's shell a fixed resource is of use, m (a monitor's throw is some 50–80 m; our planning value, unverified). */
export const FIXED_REACH_M = 120;

/** Who and what the footprints reach, and where the people inside should go. */
export function assess(
  model: ParkModel,
  r: ScenarioResult,
  subjects: readonly { id: string; kind: string; xy: [number, number] }[],
  readings: ReadonlyMap<string, number>,
  graph = new RoadGraph(model),
): Assessment {
  const rings = r.footprints.map((f) => f.ring);
  const outer = r.footprints[r.footprints.length - 1]?.ring;
  const to = ((r.scenario.weather.wind_from_deg + 180) * Math.PI) / 180;
  const downwind: [number, number] = [Math.sin(to), Math.cos(to)];
  const assembly = model.ofKind('zone').filter((z) => z.props.purpose === 'assembly_point' && !rings.some((ring) => pointInPolygon(z.anchor, [ring])));
  const people: PersonAtRisk[] = [];
  for (const s of subjects) {
    const fp = r.footprints.find((f) => pointInPolygon(s.xy, [f.ring]));
    if (!fp) continue;
    let best: { id: string; route: [number, number][]; cost: number } | null = null;
    const from = graph.nearest(s.xy);
    for (const a of assembly) {
      const path = from >= 0 ? graph.path(from, graph.nearest(a.anchor), rings, downwind, r.source_xy) : null;
      const route: [number, number][] = [s.xy, ...(path ?? []).map((i) => graph.nodes[i]), [a.anchor[0], a.anchor[1]]];
      const len = route.slice(1).reduce((sum, q, i) => sum + Math.hypot(q[0] - route[i][0], q[1] - route[i][1]), 0);
      if (!best || len < best.cost) best = { id: a.id, route, cost: len };
    }
    people.push({
      id: s.id,
      kind: s.kind,
      xy: s.xy,
      level: fp.level,
      assembly: best?.id ?? null,
      route: best?.route ?? [],
      route_m: best ? Math.round(best.cost) : 0,
    });
  }
  const targets = outer
    ? model
        .ofKind('protected_target')
        .filter((t) => pointInPolygon(t.anchor, [outer]) || (t.local.type === 'Polygon' && t.local.rings[0].some((p) => pointInPolygon(p, [outer]))))
        .map((t) => t.id)
    : [];
  // resources drive along the roads: from the road node nearest each to the one nearest the source
  const srcNode = graph.nearest(r.source_xy);
  const byRoad = graph.distancesFrom(srcNode);
  const wanted = RESOURCES_FOR[r.scenario.kind];
  // fixed resources reach from their place to the installation's shell, not its centre
  const shell_m = ((r.scenario.source ? (model.byId.get(r.scenario.source)?.props as { diameter_m?: number } | undefined)?.diameter_m : undefined) ?? 0) / 2;
  const resources = model
    .ofKind('emergency_resource')
    .filter((e) => wanted.includes(e.props.type))
    .map((e) => {
      const node = graph.nearest(e.anchor);
      const road =
        node >= 0 && Number.isFinite(byRoad[node])
          ? byRoad[node] +
            Math.hypot(e.anchor[0] - graph.nodes[node][0], e.anchor[1] - graph.nodes[node][1]) +
            Math.hypot(r.source_xy[0] - graph.nodes[srcNode][0], r.source_xy[1] - graph.nodes[srcNode][1])
          : null;
      const fixed = FIXED_RESOURCES.has(e.props.type);
      return {
        id: e.id,
        type: e.props.type,
        fixed,
        distance_m: Math.round(Math.hypot(e.anchor[0] - r.source_xy[0], e.anchor[1] - r.source_xy[1])),
        road_m: road === null || fixed ? null : Math.round(road),
        eta_min: road === null || fixed ? null : Math.round((road / 1000 / RESPONSE_SPEED_KM_H) * 60 * 10) / 10,
      };
    })
    .filter((x) => !x.fixed || x.distance_m - shell_m <= FIXED_REACH_M)
    // the most needed kind first; within a kind the nearest (mobile by road, fixed by distance)
    .sort((a, b) => wanted.indexOf(a.type) - wanted.indexOf(b.type) || (a.road_m ?? a.distance_m) - (b.road_m ?? b.distance_m));
  const detectors: Assessment['detectors'] = [];
  if (isLeak(r.scenario.kind) && outer) {
    const data = hazardSubstance(r.substance)!;
    // the detectors that measure this release: toxic detectors for a toxic leak, combustible ones for a flammable leak
    const type = r.scenario.kind === 'toxic-leak' ? 'toxic_gas' : 'combustible_gas';
    for (const s of model.ofKind('sensor')) {
      if (s.props.type !== type) continue;
      if (!pointInPolygon(s.anchor, [outer])) continue;
      const ppm = threatAt(model, r, s.anchor).value;
      const modelled =
        s.props.unit === '%LEL' && data.lel_vol_pct
          ? (ppm / (data.lel_vol_pct * 1e4)) * 100
          : s.props.unit === 'mg/m3'
            ? ppmToGm3(ppm, data.molarMass_g_mol) * 1000
            : ppm;
      detectors.push({ sensor: s.id, modelled, unit: s.props.unit, measured: readings.get(s.id) ?? null });
    }
  }
  return { people: people.sort((a, b) => a.level - b.level || a.id.localeCompare(b.id)), targets, resources, detectors };
}
