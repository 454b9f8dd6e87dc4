/**
 * buildSceneModel: the pure step from the park model to what the plant view draws. No three.js
 * here — only numbers in typed arrays and plain rings — so it is tested in node and the components
 * stay thin (props in, GPU buffers out, in the spirit of deck.gl's layers).
 *
 * Scene axes: x = east (m), y = up (m), z = −north (m), origin at the park origin.
 */
import type { Kind, TankRoof, ZonePurpose } from '../../model/enums.ts';
import { tankShape, type ModelFeature, type ParkModel } from '../../model/model.ts';

/** Cylinders, spheres, cones…: one instance per object, attributes by name. */
export interface Instances {
  ids: string[];
  /** Centre x, z (scene) and base y, m. */
  x: Float32Array;
  z: Float32Array;
  y: Float32Array;
  /** Radius (or half width) and height, m. */
  radius: Float32Array;
  height: Float32Array;
  /** Length along the axis for horizontal objects, m; 0 otherwise. */
  length: Float32Array;
  /** Rotation about the vertical axis, radians (scene yaw). */
  yaw: Float32Array;
  /** Fill fraction 0–1 (tanks: inventory), NaN when unknown. */
  fill: Float32Array;
}

/** A vertical prism: a polygon footprint extruded from base to base + height. */
export interface Prism {
  id: string;
  /** Outer ring as scene [x, z] pairs (closed ring, last = first). */
  ring: [number, number][];
  base_m: number;
  height_m: number;
}

/** A flat or raised ribbon along a polyline (roads, racks, fence, pipelines). */
export interface Ribbon {
  id: string;
  /** Scene [x, z] points. */
  path: [number, number][];
  width_m: number;
  /** Height of the ribbon above ground (racks: top tier). */
  elevation_m: number;
  /** Number of tiers (racks) or 1. */
  tiers: number;
}

export interface SceneModel {
  bounds: { minX: number; maxX: number; minZ: number; maxZ: number };
  tanks: Record<TankRoof, Instances>;
  vessels: Instances;
  flares: Instances;
  sensors: Instances & { type: string[] };
  gates: Instances;
  emergencyResources: Instances;
  /** Legs of spheres: six per sphere, ids repeated. */
  sphereLegs: Instances;
  /** Pipes along pipe racks: a few per tier and segment, horizontal along the segment (yaw). */
  rackPipes: Instances;
  buildings: Prism[];
  processUnits: Prism[];
  dikes: Prism[];
  enterprises: Prism[];
  zones: Record<ZonePurpose, Prism[]>;
  targets: Prism[];
  targetPoints: Instances;
  park: Prism[];
  controlLine: Prism[];
  roads: Ribbon[];
  racks: Ribbon[];
  pipelines: Ribbon[];
  fence: Ribbon[];
  railways: Ribbon[];
  powerLines: Ribbon[];
  /** For labels: name and anchor of enterprises, in scene coordinates. */
  labels: { id: string; kind: Kind; name: string; name_en?: string; x: number; z: number; y: number }[];
  /** Feature count per kind, as drawn. */
  counts: Partial<Record<Kind, number>>;
}

const sx = (east_m: number) => east_m;
const sz = (north_m: number) => -north_m;

function instances(n: number): Instances {
  return {
    ids: [],
    x: new Float32Array(n),
    z: new Float32Array(n),
    y: new Float32Array(n),
    radius: new Float32Array(n),
    height: new Float32Array(n),
    length: new Float32Array(n),
    yaw: new Float32Array(n),
    fill: new Float32Array(n).fill(Number.NaN),
  };
}

/** Shrinks typed arrays to the number of ids actually pushed. */
function trim<T extends Instances>(inst: T): T {
  const n = inst.ids.length;
  for (const key of ['x', 'z', 'y', 'radius', 'height', 'length', 'yaw', 'fill'] as const) inst[key] = inst[key].slice(0, n);
  return inst;
}

function pointInstances(features: readonly ModelFeature[], radius: number, height: (f: ModelFeature) => number): Instances {
  const inst = instances(features.length);
  features.forEach((f, i) => {
    const p = f.anchor;
    inst.ids.push(f.id);
    inst.x[i] = sx(p[0]);
    inst.z[i] = sz(p[1]);
    inst.radius[i] = radius;
    inst.height[i] = height(f);
  });
  return inst;
}

function prism(f: ModelFeature, height_m: number, base_m = 0): Prism | undefined {
  if (f.local.type !== 'Polygon') return undefined;
  return { id: f.id, ring: f.local.rings[0].map((p) => [sx(p[0]), sz(p[1])] as [number, number]), base_m, height_m };
}

function ribbon(f: ModelFeature, width_m: number, elevation_m = 0, tiers = 1): Ribbon | undefined {
  const line = f.local.type === 'LineString' ? f.local.line : f.local.type === 'Polygon' ? f.local.rings[0] : undefined;
  if (!line) return undefined;
  return { id: f.id, path: line.map((p) => [sx(p[0]), sz(p[1])] as [number, number]), width_m, elevation_m, tiers };
}

const defined = <T>(x: T | undefined): x is T => x !== undefined;

export function buildSceneModel(model: ParkModel): SceneModel {
  const roofs: TankRoof[] = ['fixed', 'floating', 'internal_floating', 'horizontal', 'sphere', 'full_containment'];
  const tanks = Object.fromEntries(roofs.map((r) => [r, instances(0)])) as Record<TankRoof, Instances>;
  const all = model.ofKind('tank');
  const byRoof = new Map<TankRoof, ModelFeature<'tank'>[]>();
  for (const t of all) {
    const list = byRoof.get(t.props.roof) ?? [];
    list.push(t);
    byRoof.set(t.props.roof, list);
  }
  for (const roof of roofs) {
    const list = byRoof.get(roof) ?? [];
    const inst = instances(list.length);
    list.forEach((t, i) => {
      const s = tankShape(t);
      const p = t.props;
      inst.ids.push(t.id);
      inst.x[i] = sx(s.center[0]);
      inst.z[i] = sz(s.center[1]);
      inst.radius[i] = s.radius_m;
      inst.height[i] = roof === 'sphere' ? s.radius_m * 2 : p.height_m;
      inst.length[i] = p.length_m ?? 0;
      // orientation_deg: bearing clockwise from north; scene yaw is counter-clockwise about +y from +x.
      inst.yaw[i] = roof === 'horizontal' ? (((p.orientation_deg ?? 90) - 90) * Math.PI) / 180 : 0;
      // Fill from inventory, assuming the capacity holds it at 0.9 t/m³ when the density is unknown.
      inst.fill[i] = p.capacity_m3 > 0 ? Math.min(1, p.inventory_t / (p.capacity_m3 * 0.9)) : Number.NaN;
    });
    tanks[roof] = inst;
  }

  const sensorsF = model.ofKind('sensor');
  const sensors = Object.assign(
    pointInstances(sensorsF, 0.6, (f) => (f as ModelFeature<'sensor'>).props.height_m),
    {
      type: sensorsF.map((s) => s.props.type as string),
    },
  );

  const zones = {
    restricted: [],
    hazardous_area: [],
    hot_work: [],
    confined_space: [],
    maintenance: [],
    hazchem_parking: [],
    loading: [],
    assembly_point: [],
  } as Record<ZonePurpose, Prism[]>;
  for (const z of model.ofKind('zone')) {
    const p = prism(z, z.props.height_m);
    if (p) zones[z.props.purpose].push(p);
  }

  // six legs per sphere, from the ground to its equator (spheres stand on legs: see layers.tsx 'sphere')
  const spheres = tanks.sphere;
  const sphereLegs = instances(spheres.ids.length * 6);
  for (let i = 0; i < spheres.ids.length; i++) {
    const r = spheres.radius[i];
    const centreY = r + Math.max(2, r * 0.4);
    for (let k = 0; k < 6; k++) {
      const j = i * 6 + k;
      const a = (k * Math.PI) / 3;
      sphereLegs.ids.push(spheres.ids[i]);
      sphereLegs.x[j] = spheres.x[i] + 0.85 * r * Math.cos(a);
      sphereLegs.z[j] = spheres.z[i] + 0.85 * r * Math.sin(a);
      sphereLegs.radius[j] = Math.max(0.15, r * 0.025);
      sphereLegs.height[j] = centreY;
    }
  }

  // pipe bundles on racks: three pipes per tier across the rack, one instance per straight segment
  const racks = model.ofKind('pipe_rack');
  const pipeCount = racks.reduce((n, r) => n + (r.local.type === 'LineString' ? (r.local.line.length - 1) * r.props.tiers * 3 : 0), 0);
  const rackPipes = instances(pipeCount);
  for (const r of racks) {
    if (r.local.type !== 'LineString') continue;
    const line = r.local.line;
    for (let s = 0; s + 1 < line.length; s++) {
      const [ax, ay] = line[s];
      const [bx, by] = line[s + 1];
      const len = Math.hypot(bx - ax, by - ay);
      if (len === 0) continue;
      const nx = -(by - ay) / len;
      const ny = (bx - ax) / len;
      for (let t = 0; t < r.props.tiers; t++) {
        for (let k = 0; k < 3; k++) {
          const across = (k - 1) * r.props.width_m * 0.28;
          const j = rackPipes.ids.length;
          rackPipes.ids.push(r.id);
          rackPipes.x[j] = sx((ax + bx) / 2 + nx * across);
          rackPipes.z[j] = sz((ay + by) / 2 + ny * across);
          rackPipes.y[j] = r.props.height_m - t * 2.2 + 0.35;
          rackPipes.radius[j] = 0.3 - 0.07 * k;
          rackPipes.length[j] = len;
          rackPipes.yaw[j] = Math.atan2(by - ay, bx - ax);
        }
      }
    }
  }

  const targets = model.ofKind('protected_target');
  const counts: Partial<Record<Kind, number>> = {};
  for (const f of model.features) counts[f.kind] = (counts[f.kind] ?? 0) + 1;

  const b = model.bbox;
  return {
    bounds: { minX: sx(b.minX), maxX: sx(b.maxX), minZ: sz(b.maxY), maxZ: sz(b.minY) },
    tanks,
    vessels: trim(
      (() => {
        const vs = model.ofKind('vessel');
        const inst = pointInstances(vs, 0, (f) => (f as ModelFeature<'vessel'>).props.height_m);
        vs.forEach((v, i) => (inst.radius[i] = v.props.diameter_m / 2));
        return inst;
      })(),
    ),
    flares: pointInstances(model.ofKind('flare'), 0.8, (f) => (f as ModelFeature<'flare'>).props.height_m),
    sensors,
    gates: pointInstances(model.ofKind('gate'), 4, () => 4),
    emergencyResources: pointInstances(model.ofKind('emergency_resource'), 3, () => 3),
    sphereLegs,
    rackPipes: trim(rackPipes),
    buildings: model
      .ofKind('building')
      .map((f) => prism(f, f.props.height_m))
      .filter(defined),
    processUnits: model
      .ofKind('process_unit')
      .map((f) => prism(f, f.props.height_m))
      .filter(defined),
    dikes: model
      .ofKind('dike')
      .map((f) => prism(f, f.props.height_m))
      .filter(defined),
    enterprises: model
      .ofKind('enterprise')
      .map((f) => prism(f, 0))
      .filter(defined),
    zones,
    targets: targets.map((f) => prism(f, 6)).filter(defined),
    targetPoints: pointInstances(
      targets.filter((t) => t.local.type === 'Point'),
      12,
      () => 8,
    ),
    park: model
      .ofKind('park')
      .map((f) => prism(f, 0))
      .filter(defined),
    controlLine: model
      .ofKind('land_use_control_line')
      .map((f) => prism(f, 0))
      .filter(defined),
    roads: model
      .ofKind('road')
      .map((f) => ribbon(f, f.props.width_m))
      .filter(defined),
    racks: model
      .ofKind('pipe_rack')
      .map((f) => ribbon(f, f.props.width_m, f.props.height_m, f.props.tiers))
      .filter(defined),
    pipelines: model
      .ofKind('pipeline')
      .map((f) => ribbon(f, Math.max(0.3, f.props.diameter_mm / 1000), f.props.placement === 'underground' ? -1 : 1))
      .filter(defined),
    fence: model
      .ofKind('fence')
      .map((f) => ribbon(f, 0.3, f.props.height_m ?? 2.5))
      .filter(defined),
    railways: model
      .ofKind('railway')
      .map((f) => ribbon(f, 3))
      .filter(defined),
    powerLines: model
      .ofKind('power_line')
      .map((f) => ribbon(f, 0.5, f.props.tower_height_m))
      .filter(defined),
    labels: [
      ...model.ofKind('enterprise'),
      ...targets,
      ...model.ofKind('process_unit'),
      ...model.ofKind('dike'),
      ...model.ofKind('building'),
      ...model.ofKind('zone').filter((z) => z.props.purpose !== 'hazardous_area'),
    ].map((f) => ({
      id: f.id,
      kind: f.kind,
      name: (f.props as { name?: string }).name ?? f.id,
      name_en: (f.props as { name_en?: string }).name_en,
      x: sx(f.anchor[0]),
      z: sz(f.anchor[1]),
      y: 30,
    })),
    counts,
  };
}
