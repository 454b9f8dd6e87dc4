/**
 * What the park's cameras see (pure): each video sensor with a camera, its view on the ground —
 * the horizontal field of view, the ground band its tilt and vertical field of view take in, its
 * range — cut by the buildings, process units, tanks and vessels in the way (line of sight), and
 * the cameras that see a given place, nearest first (视频联动: an alarm opens them).
 *
 * Line of sight is 2.5-D: every obstacle is a prism (its footprint raised to its height). A target
 * at height t, at distance D along a ray from a camera at height h, is hidden by an obstacle the ray
 * crosses over [a, b] (a < D) when the sight line from (0, h) to (D, t) passes below the obstacle's
 * top H somewhere over [a, b]. The sight line is straight, so its lowest point over the obstacle is
 * at a or b; for h ≥ t it is at b, and the target is hidden for
 *   D in [a, b·(h − t)/(h − H)]   when H < h   (the obstacle's "shadow" on the ground behind it),
 *   D ≥ a                          when H ≥ h   (a taller obstacle hides everything behind it).
 * An obstacle whose footprint holds the camera is the structure it is mounted on and is ignored;
 * dikes (low walls around an open yard) are not obstacles.
 */
import Flatbush from 'flatbush';
import { tankShape, type ModelFeature, type ParkModel } from '../../model/model.ts';
import type { PropsOf } from '../../model/schema.ts';
import { pointInPolygon, type XY } from '../primitives/planar.ts';

export interface CameraGeometry {
  /** The video sensor's id. */
  id: string;
  at: readonly [number, number];
  /** Mounting height, m. */
  height_m: number;
  heading_deg: number;
  tilt_deg: number;
  fov_deg: number;
  vfov_deg: number;
  range_m: number;
}

export type ObstacleShape = { type: 'circle'; c: readonly [number, number]; r: number } | { type: 'polygon'; rings: readonly (readonly XY[])[] };

export interface Obstacle {
  id: string;
  shape: ObstacleShape;
  height_m: number;
}

/** One run of neighbouring rays that see something: the visible ground between near_m and far_m of each ray. */
export interface ViewStrip {
  bearings_deg: number[];
  near_m: number[];
  far_m: number[];
}

export interface CameraViewOnGround {
  camera: string;
  /** Each ray's bearing and the distances along it where the ground is seen. */
  rays: { bearing_deg: number; visible: [number, number][] }[];
  /** The rays' visible intervals joined into runs (the first interval of every ray, then the second …). */
  strips: ViewStrip[];
}

const RAD = Math.PI / 180;

/** The vertical field of view of a 16:9 picture with this horizontal one, degrees. */
export const vfovOf16by9 = (fov_deg: number) => Math.min((2 * Math.atan(Math.tan((Math.min(fov_deg, 179) * RAD) / 2) * (9 / 16))) / RAD, 180);

/** The camera of a video sensor, or null for a sensor without one. */
export function cameraOf(s: ModelFeature<'sensor'>): CameraGeometry | null {
  const c = s.props.camera;
  if (s.props.type !== 'video' || !c || s.local.type !== 'Point') return null;
  return {
    id: s.id,
    at: [s.local.point[0], s.local.point[1]],
    height_m: s.props.height_m,
    heading_deg: c.heading_deg,
    tilt_deg: c.tilt_deg,
    fov_deg: c.fov_deg,
    vfov_deg: c.vfov_deg ?? vfovOf16by9(c.fov_deg),
    range_m: c.range_m,
  };
}

/** The obstacles to sight in a park: buildings, process units, tanks and vessels, each by its footprint and height. */
export function obstaclesOf(model: ParkModel): Obstacle[] {
  const out: Obstacle[] = [];
  for (const f of model.features) {
    if ((f.kind === 'building' || f.kind === 'process_unit') && f.local.type === 'Polygon')
      out.push({ id: f.id, shape: { type: 'polygon', rings: f.local.rings }, height_m: (f.props as { height_m: number }).height_m });
    else if (f.kind === 'tank') {
      const t = f as ModelFeature<'tank'>;
      const s = tankShape(t);
      out.push({
        id: f.id,
        shape: f.local.type === 'Polygon' ? { type: 'polygon', rings: f.local.rings } : { type: 'circle', c: [s.center[0], s.center[1]], r: s.radius_m },
        height_m: s.height_m,
      });
    } else if (f.kind === 'vessel') {
      const p = f.props as PropsOf<'vessel'>;
      out.push({ id: f.id, shape: { type: 'circle', c: [f.anchor[0], f.anchor[1]], r: p.diameter_m / 2 }, height_m: p.horizontal ? p.diameter_m : p.height_m });
    }
  }
  return out;
}

function shapeBBox(s: ObstacleShape): [number, number, number, number] {
  if (s.type === 'circle') return [s.c[0] - s.r, s.c[1] - s.r, s.c[0] + s.r, s.c[1] + s.r];
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const p of s.rings[0]) {
    x0 = Math.min(x0, p[0]);
    y0 = Math.min(y0, p[1]);
    x1 = Math.max(x1, p[0]);
    y1 = Math.max(y1, p[1]);
  }
  return [x0, y0, x1, y1];
}

function contains(s: ObstacleShape, p: readonly [number, number]): boolean {
  return s.type === 'circle' ? Math.hypot(p[0] - s.c[0], p[1] - s.c[1]) < s.r : pointInPolygon(p, s.rings);
}

/**
 * Where a ray from `o` along unit vector (ux, uy) is inside a shape: intervals of distance along the
 * ray (from 0), in order. A polygon's rings count by the even-odd rule (holes are outside).
 */
export function rayCrossings(o: readonly [number, number], ux: number, uy: number, s: ObstacleShape): [number, number][] {
  if (s.type === 'circle') {
    const dx = o[0] - s.c[0];
    const dy = o[1] - s.c[1];
    const b = ux * dx + uy * dy;
    const disc = b * b - (dx * dx + dy * dy - s.r * s.r);
    if (disc <= 0) return [];
    const q = Math.sqrt(disc);
    const s2 = -b + q;
    if (s2 <= 0) return [];
    return [[Math.max(0, -b - q), s2]];
  }
  const hits: number[] = [];
  for (const ring of s.rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const ax = ring[j][0] - o[0];
      const ay = ring[j][1] - o[1];
      const ex = ring[i][0] - ring[j][0];
      const ey = ring[i][1] - ring[j][1];
      const den = ux * ey - uy * ex;
      if (Math.abs(den) < 1e-12) continue;
      // o + s·u = a + w·e  →  s = (ax·ey − ay·ex)/den, w = (ax·uy − ay·ux)/den
      const d = (ax * ey - ay * ex) / den;
      const w = (ax * uy - ay * ux) / den;
      if (d > 0 && w >= 0 && w < 1) hits.push(d);
    }
  }
  hits.sort((a, b) => a - b);
  const out: [number, number][] = [];
  const inside = hits.length % 2 === 1; // the origin is inside
  let k = 0;
  if (inside) out.push([0, hits[k++]]);
  for (; k + 1 < hits.length; k += 2) out.push([hits[k], hits[k + 1]]);
  return out;
}

/** Where along a ray a target at height t is hidden by an obstacle of height H the ray crosses over [a, b] (camera at height h). */
export function shadowOf(a: number, b: number, h: number, H: number, t: number): [number, number] {
  const dz = Math.max(h - t, 0);
  if (H >= h) return [a, Infinity];
  return [a, Math.max(b, (b * dz) / (h - H))];
}

/** The ground band the tilt and vertical field of view take in, for targets at height t: [near, far] m (far ≤ range); null when none. */
export function groundBand(c: CameraGeometry, t = 0): [number, number] | null {
  const dz = Math.max(c.height_m - t, 0);
  const lowEdge = c.vfov_deg / 2 - c.tilt_deg; // degrees below the horizon of the picture's lower edge
  const highEdge = -c.tilt_deg - c.vfov_deg / 2; // … of its upper edge
  if (lowEdge < 0 || (dz === 0 && highEdge > 0)) return null;
  const near = dz === 0 || lowEdge >= 90 ? 0 : dz / Math.tan(lowEdge * RAD);
  const far = highEdge <= 0 ? c.range_m : Math.min(c.range_m, dz / Math.tan(highEdge * RAD));
  return near < far ? [near, far] : null;
}

/** Whether a bearing is within the camera's horizontal field of view. */
export function inFieldOfView(c: CameraGeometry, bearing_deg: number): boolean {
  if (c.fov_deg >= 360) return true;
  const d = ((((bearing_deg - c.heading_deg) % 360) + 540) % 360) - 180;
  return Math.abs(d) <= c.fov_deg / 2 + 1e-9;
}

/** Subtracts sorted-or-not hidden intervals from [lo, hi]. */
function subtract(lo: number, hi: number, hidden: [number, number][]): [number, number][] {
  hidden.sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  let at = lo;
  for (const [a, b] of hidden) {
    if (b <= at) continue;
    if (a >= hi) break;
    if (a > at) out.push([at, a]);
    at = Math.max(at, b);
    if (at >= hi) break;
  }
  if (at < hi) out.push([at, hi]);
  return out.filter(([a, b]) => b - a > 1e-6);
}

export interface SeenBy {
  camera: string;
  distance_m: number;
}

/** The park's cameras and what stands in their way, indexed once per layout. */
export class CameraSight {
  readonly cameras: CameraGeometry[];
  private readonly byId = new Map<string, CameraGeometry>();
  private readonly obstacles: Obstacle[];
  private readonly index: Flatbush | null;
  /** Per camera: the obstacles it stands on (ignored for its own sight). */
  private readonly mounts = new Map<string, Set<number>>();

  constructor(model: ParkModel, obstacles = obstaclesOf(model)) {
    this.cameras = model.ofKind('sensor').flatMap((s) => cameraOf(s) ?? []);
    for (const c of this.cameras) this.byId.set(c.id, c);
    this.obstacles = obstacles;
    if (obstacles.length) {
      const idx = new Flatbush(obstacles.length);
      for (const o of obstacles) idx.add(...shapeBBox(o.shape));
      idx.finish();
      this.index = idx;
    } else this.index = null;
    for (const c of this.cameras)
      this.mounts.set(c.id, new Set(this.near(c.at[0], c.at[1], c.at[0], c.at[1]).filter((i) => contains(this.obstacles[i].shape, c.at))));
  }

  camera(id: string): CameraGeometry | undefined {
    return this.byId.get(id);
  }

  private near(x0: number, y0: number, x1: number, y1: number): number[] {
    return this.index ? this.index.search(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)) : [];
  }

  /** Hidden intervals along one ray for targets at height t, from the given candidate obstacles. */
  private hiddenAlong(c: CameraGeometry, ux: number, uy: number, t: number, candidates: readonly number[], ignore?: string): [number, number][] {
    const mounted = this.mounts.get(c.id);
    const out: [number, number][] = [];
    for (const i of candidates) {
      const o = this.obstacles[i];
      if (mounted?.has(i) || o.id === ignore) continue;
      for (const [a, b] of rayCrossings(c.at, ux, uy, o.shape)) out.push(shadowOf(a, b, c.height_m, o.height_m, t));
    }
    return out;
  }

  /** What a camera sees of the ground: rays every `step_deg` across its field of view, joined into strips. */
  view(id: string, step_deg = 1): CameraViewOnGround | null {
    const c = this.byId.get(id);
    if (!c) return null;
    const band = groundBand(c, 0);
    const n = Math.max(2, Math.ceil(Math.min(c.fov_deg, 360) / step_deg) + (c.fov_deg >= 360 ? 0 : 1));
    const start = c.fov_deg >= 360 ? 0 : c.heading_deg - c.fov_deg / 2;
    const step = c.fov_deg >= 360 ? 360 / n : c.fov_deg / (n - 1);
    const candidates = band ? this.near(c.at[0] - band[1], c.at[1] - band[1], c.at[0] + band[1], c.at[1] + band[1]) : [];
    const rays: CameraViewOnGround['rays'] = [];
    for (let k = 0; k < n; k++) {
      const bearing = start + k * step;
      const ux = Math.sin(bearing * RAD);
      const uy = Math.cos(bearing * RAD);
      const visible = band ? subtract(band[0], band[1], this.hiddenAlong(c, ux, uy, 0, candidates)) : [];
      rays.push({ bearing_deg: ((bearing % 360) + 360) % 360, visible });
    }
    if (c.fov_deg >= 360 && rays.length) rays.push({ ...rays[0], bearing_deg: rays[0].bearing_deg + 360 });
    // strips: the k-th visible interval of neighbouring rays, joined while every ray has one
    const strips: ViewStrip[] = [];
    const slots = Math.max(0, ...rays.map((r) => r.visible.length));
    for (let slot = 0; slot < slots; slot++) {
      let cur: ViewStrip | null = null;
      for (const r of rays) {
        const iv = r.visible[slot];
        if (!iv) {
          if (cur && cur.bearings_deg.length > 1) strips.push(cur);
          cur = null;
          continue;
        }
        cur ??= { bearings_deg: [], near_m: [], far_m: [] };
        cur.bearings_deg.push(r.bearing_deg);
        cur.near_m.push(iv[0]);
        cur.far_m.push(iv[1]);
      }
      if (cur && cur.bearings_deg.length > 1) strips.push(cur);
    }
    return { camera: id, rays, strips };
  }

  /**
   * Whether a camera sees a point (local metres) at height z_m: in range, in its field of view and
   * its picture's ground band, and in line of sight. `ignore`: the feature the point belongs to (a
   * tank does not hide itself).
   */
  sees(id: string, p: readonly [number, number], z_m = 1.5, ignore?: string): SeenBy | null {
    const c = this.byId.get(id);
    if (!c) return null;
    const dx = p[0] - c.at[0];
    const dy = p[1] - c.at[1];
    const D = Math.hypot(dx, dy);
    if (D > c.range_m) return null;
    if (D > 1e-9 && !inFieldOfView(c, Math.atan2(dx, dy) / RAD)) return null;
    const band = groundBand(c, Math.min(z_m, c.height_m));
    if (!band || D < band[0] - 1e-9 || D > band[1] + 1e-9) return null;
    if (D > 1e-9) {
      const hidden = this.hiddenAlong(c, dx / D, dy / D, Math.min(z_m, c.height_m), this.near(c.at[0], c.at[1], p[0], p[1]), ignore);
      if (hidden.some(([a, b]) => D > a + 1e-9 && D < b - 1e-9)) return null;
    }
    return { camera: id, distance_m: D };
  }

  /** The cameras that see a point, nearest first. */
  seeing(p: readonly [number, number], z_m = 1.5, ignore?: string): SeenBy[] {
    const out: SeenBy[] = [];
    for (const c of this.cameras) {
      const s = this.sees(c.id, p, z_m, ignore);
      if (s) out.push(s);
    }
    return out.sort((a, b) => a.distance_m - b.distance_m);
  }
}

/** The point `d_m` from `at` on a bearing (degrees clockwise from north), local metres. */
export const along = (at: readonly [number, number], bearing_deg: number, d_m: number): [number, number] => [
  at[0] + d_m * Math.sin(bearing_deg * RAD),
  at[1] + d_m * Math.cos(bearing_deg * RAD),
];

/** A strip's outline on the ground, local metres: the far edge out, the near edge back (a fan from the camera when near is 0). */
export function stripRing(c: Pick<CameraGeometry, 'at'>, s: ViewStrip): [number, number][] {
  const far = s.bearings_deg.map((b, i) => along(c.at, b, s.far_m[i]));
  const near = s.near_m.every((d) => d < 1e-6) ? [[c.at[0], c.at[1]] as [number, number]] : s.bearings_deg.map((b, i) => along(c.at, b, s.near_m[i])).reverse();
  const ring = [...far, ...near];
  ring.push(ring[0]);
  return ring;
}

/** The origins (scheme, host, port) of the cameras' absolute stream and picture addresses, sorted: what a content security policy must allow. */
export function cameraOrigins(model: ParkModel): string[] {
  const out = new Set<string>();
  for (const s of model.ofKind('sensor')) {
    for (const u of [s.props.camera?.hls_url, s.props.camera?.snapshot_url]) {
      if (!u || u.startsWith('/')) continue;
      try {
        out.add(new URL(u).origin);
      } catch {
        // the layout's schema admits only http(s) addresses and paths
      }
    }
  }
  return [...out].sort();
}
