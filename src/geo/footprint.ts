/**
 * Footprints: every installation and target as its true shape on the ground, in local metres, and
 * the minimum ground distance between two of them.
 *
 * Reference points follow GB 50160-2008 Appendix A: tank shell (a tank is the circle of its
 * diameter), equipment and building outlines as drawn, a road by its edge, a railway or overhead
 * power line by its centreline, a flare by its stack centre. A footprint is a core (point,
 * polyline or area) inflated by a radius: a tank is its centre point inflated by D/2; a road is its
 * centreline inflated by half its width. Overlap or containment is distance 0.
 */
import type { ModelFeature } from '../model/model.ts';
import { tankShape } from '../model/model.ts';
import { pointInPolygon, pointSegmentDistance_m, type BBox, type XY } from './primitives/planar.ts';

export type Core = { type: 'point'; p: XY } | { type: 'line'; line: readonly XY[] } | { type: 'area'; rings: readonly (readonly XY[])[] };

export interface Footprint {
  id: string;
  core: Core;
  /** Inflation of the core, m (tank radius, half road width). */
  inflate_m: number;
  /** Bounding box of the inflated footprint, local metres. */
  bbox: BBox;
}

function coreBBox(core: Core, inflate: number): BBox {
  const pts = core.type === 'point' ? [core.p] : core.type === 'line' ? core.line : core.rings[0];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of pts) {
    if (p[0] < minX) minX = p[0];
    if (p[1] < minY) minY = p[1];
    if (p[0] > maxX) maxX = p[0];
    if (p[1] > maxY) maxY = p[1];
  }
  return { minX: minX - inflate, minY: minY - inflate, maxX: maxX + inflate, maxY: maxY + inflate };
}

export function makeFootprint(id: string, core: Core, inflate_m = 0): Footprint {
  return { id, core, inflate_m, bbox: coreBBox(core, inflate_m) };
}

/** The footprint of a feature on the ground (GB 50160 Appendix A reference points). */
export function footprintOf(f: ModelFeature): Footprint {
  const g = f.local;
  if (f.kind === 'tank') {
    const s = tankShape(f as ModelFeature<'tank'>);
    if (g.type === 'Polygon') return makeFootprint(f.id, { type: 'area', rings: g.rings });
    return makeFootprint(f.id, { type: 'point', p: s.center }, s.radius_m);
  }
  if (f.kind === 'vessel') return makeFootprint(f.id, { type: 'point', p: f.anchor }, (f as ModelFeature<'vessel'>).props.diameter_m / 2);
  if (g.type === 'Point') return makeFootprint(f.id, { type: 'point', p: g.point });
  if (g.type === 'Polygon') return makeFootprint(f.id, { type: 'area', rings: g.rings });
  const props = f.props as { width_m?: number; diameter_mm?: number };
  // roads and racks by their edge; pipelines by their outer wall; railways, power lines by centreline
  const half = f.kind === 'road' || f.kind === 'pipe_rack' ? (props.width_m ?? 0) / 2 : f.kind === 'pipeline' ? (props.diameter_mm ?? 0) / 2000 : 0;
  if (f.kind === 'fence' && g.type === 'LineString') return makeFootprint(f.id, { type: 'line', line: g.line });
  return makeFootprint(f.id, { type: 'line', line: g.line }, half);
}

/** Moves a footprint by (dx, dy) metres. */
export function translateFootprint(fp: Footprint, dx: number, dy: number): Footprint {
  const mv = (p: XY): XY => [p[0] + dx, p[1] + dy];
  const core: Core =
    fp.core.type === 'point'
      ? { type: 'point', p: mv(fp.core.p) }
      : fp.core.type === 'line'
        ? { type: 'line', line: fp.core.line.map(mv) }
        : { type: 'area', rings: fp.core.rings.map((r) => r.map(mv)) };
  return makeFootprint(fp.id, core, fp.inflate_m);
}

// ---------------------------------------------------------------------------------------------

function orient(a: XY, b: XY, c: XY): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}
function onSegment(a: XY, b: XY, p: XY): boolean {
  return Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
}

/** Do segments ab and cd touch or cross? */
export function segmentsIntersect(a: XY, b: XY, c: XY, d: XY): boolean {
  const d1 = orient(c, d, a);
  const d2 = orient(c, d, b);
  const d3 = orient(a, b, c);
  const d4 = orient(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return (d1 === 0 && onSegment(c, d, a)) || (d2 === 0 && onSegment(c, d, b)) || (d3 === 0 && onSegment(a, b, c)) || (d4 === 0 && onSegment(a, b, d));
}

export function segmentSegmentDistance_m(a: XY, b: XY, c: XY, d: XY): number {
  if (segmentsIntersect(a, b, c, d)) return 0;
  return Math.min(pointSegmentDistance_m(a, c, d), pointSegmentDistance_m(b, c, d), pointSegmentDistance_m(c, a, b), pointSegmentDistance_m(d, a, b));
}

/** Segments of a core: a polyline's, or every ring's of an area. */
function segmentsOf(core: Core): (readonly XY[])[] {
  return core.type === 'line' ? [core.line] : core.type === 'area' ? core.rings.map((r) => r) : [];
}

function pointCoreDistance(p: XY, core: Core): number {
  if (core.type === 'point') return Math.hypot(p[0] - core.p[0], p[1] - core.p[1]);
  if (core.type === 'area' && pointInPolygon(p, core.rings)) return 0;
  let best = Infinity;
  for (const line of segmentsOf(core)) for (let i = 0; i + 1 < line.length; i++) best = Math.min(best, pointSegmentDistance_m(p, line[i], line[i + 1]));
  return best;
}

/** Minimum distance between two cores (0 when they touch, cross or one contains the other). */
export function coreDistance_m(a: Core, b: Core): number {
  if (a.type === 'point') return pointCoreDistance(a.p, b);
  if (b.type === 'point') return pointCoreDistance(b.p, a);
  // containment: any vertex of one inside the other area
  if (b.type === 'area' && pointInPolygon((a.type === 'line' ? a.line : a.rings[0])[0], b.rings)) return 0;
  if (a.type === 'area' && pointInPolygon((b.type === 'line' ? b.line : b.rings[0])[0], a.rings)) return 0;
  let best = Infinity;
  for (const la of segmentsOf(a)) {
    for (const lb of segmentsOf(b)) {
      for (let i = 0; i + 1 < la.length; i++) {
        for (let j = 0; j + 1 < lb.length; j++) {
          const d = segmentSegmentDistance_m(la[i], la[i + 1], lb[j], lb[j + 1]);
          if (d < best) {
            best = d;
            if (best === 0) return 0;
          }
        }
      }
    }
  }
  return best;
}

/** Minimum ground distance between two footprints, m; 0 for overlap or containment. */
export function footprintDistance_m(a: Footprint, b: Footprint): number {
  return Math.max(0, coreDistance_m(a.core, b.core) - a.inflate_m - b.inflate_m);
}

/**
 * Clearance of footprint `inner` inside area footprint `outer`: the distance from inner's edge to
 * outer's boundary, m; negative when inner pokes out of (or lies outside) outer. Used for a tank
 * shell to the inner toe of its dike.
 */
export function clearanceInside_m(inner: Footprint, outer: Footprint): number {
  if (outer.core.type !== 'area') throw new Error(`${outer.id} is not an area`);
  const rings = outer.core.rings;
  const probe = inner.core.type === 'point' ? [inner.core.p] : inner.core.type === 'line' ? inner.core.line : inner.core.rings[0];
  let toBoundary = Infinity;
  let allInside = true;
  for (const p of probe) {
    if (!pointInPolygon(p, rings)) allInside = false;
  }
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      for (const p of probe) toBoundary = Math.min(toBoundary, pointSegmentDistance_m(p, ring[i], ring[i + 1]));
      if (inner.core.type !== 'point') {
        const line = inner.core.type === 'line' ? inner.core.line : inner.core.rings[0];
        for (let j = 0; j + 1 < line.length; j++) toBoundary = Math.min(toBoundary, segmentSegmentDistance_m(line[j], line[j + 1], ring[i], ring[i + 1]));
      }
    }
  }
  return allInside ? toBoundary - inner.inflate_m : -(toBoundary + inner.inflate_m);
}

function nearestOnSegment(p: XY, a: XY, b: XY): XY {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  t = t < 0 ? 0 : Math.min(t, 1);
  return [a[0] + t * dx, a[1] + t * dy];
}

function vertices(core: Core): readonly XY[] {
  return core.type === 'point' ? [core.p] : core.type === 'line' ? core.line : core.rings.flat();
}

function nearestOnCore(p: XY, core: Core): XY {
  if (core.type === 'point') return core.p;
  let best: XY = p;
  let bestD = Infinity;
  for (const line of segmentsOf(core)) {
    for (let i = 0; i + 1 < line.length; i++) {
      const q = nearestOnSegment(p, line[i], line[i + 1]);
      const d = Math.hypot(q[0] - p[0], q[1] - p[1]);
      if (d < bestD) {
        bestD = d;
        best = q;
      }
    }
  }
  return best;
}

/**
 * The two points where footprints a and b come closest (on their edges), for drawing a dimension
 * line. For overlapping footprints both points are the same.
 */
export function nearestPoints(a: Footprint, b: Footprint): [XY, XY] {
  let pa: XY = vertices(a.core)[0];
  let pb: XY = nearestOnCore(pa, b.core);
  let best = Infinity;
  for (const v of vertices(a.core)) {
    const q = nearestOnCore(v, b.core);
    const d = Math.hypot(q[0] - v[0], q[1] - v[1]);
    if (d < best) [best, pa, pb] = [d, v, q];
  }
  for (const v of vertices(b.core)) {
    const q = nearestOnCore(v, a.core);
    const d = Math.hypot(q[0] - v[0], q[1] - v[1]);
    if (d < best) [best, pa, pb] = [d, q, v];
  }
  if (best === 0 || footprintDistance_m(a, b) === 0) return [pa, pa];
  // move each end out from its core to its inflated edge, along the line joining them
  const ux = (pb[0] - pa[0]) / best;
  const uy = (pb[1] - pa[1]) / best;
  return [
    [pa[0] + ux * a.inflate_m, pa[1] + uy * a.inflate_m],
    [pb[0] - ux * b.inflate_m, pb[1] - uy * b.inflate_m],
  ];
}

/** Convex hull of points (Andrew's monotone chain), counter-clockwise, no repeated first point. */
function convexHull(points: readonly XY[]): XY[] {
  const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (pts.length < 3) return pts;
  const cross = (o: XY, a: XY, b: XY) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: XY[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: XY[] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/**
 * The line at `distance_m` around a footprint (its shell, not its core), as a closed ring in local
 * metres: what a planner draws for a required distance. Exact for convex footprints (a tank's
 * circle, a rectangular unit, a straight road); around the convex hull for concave ones, so it
 * never draws a required distance shorter than it is. Arcs have `steps` segments per full turn.
 */
export function outlineAt(fp: Footprint, distance_m: number, steps = 32): XY[] {
  const r = fp.inflate_m + distance_m;
  const core = fp.core;
  const hull = convexHull(core.type === 'point' ? [core.p] : core.type === 'line' ? core.line : core.rings[0]);
  const ring: XY[] = [];
  const arc = (c: XY, from: number, to: number) => {
    // the arc of radius r around c from angle `from` to `to` (counter-clockwise), ends included
    let sweep = to - from;
    while (sweep < 0) sweep += 2 * Math.PI;
    const n = Math.max(1, Math.ceil((sweep / (2 * Math.PI)) * steps));
    for (let k = 0; k <= n; k++) {
      const a = from + (sweep * k) / n;
      ring.push([c[0] + r * Math.cos(a), c[1] + r * Math.sin(a)]);
    }
  };
  if (hull.length === 1) {
    const [c] = hull;
    for (let k = 0; k < steps; k++) ring.push([c[0] + r * Math.cos((2 * Math.PI * k) / steps), c[1] + r * Math.sin((2 * Math.PI * k) / steps)]);
    ring.push(ring[0]);
    return ring;
  }
  // each hull edge offset outwards (its right-hand normal for a counter-clockwise hull), joined by
  // arcs around the vertices
  const normal = (a: XY, b: XY) => {
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    return Math.atan2(-(b[0] - a[0]) / len, (b[1] - a[1]) / len);
  };
  for (let i = 0; i < hull.length; i++) {
    const prev = hull[(i - 1 + hull.length) % hull.length];
    const v = hull[i];
    const next = hull[(i + 1) % hull.length];
    arc(v, normal(prev, v), normal(v, next));
  }
  ring.push(ring[0]);
  return ring;
}
