/**
 * Small planar geometry on local-frame coordinates (metres). Points are [x, y] pairs; rings are
 * arrays of points whose first and last point are equal (as in GeoJSON).
 */

import Flatbush from 'flatbush';

export type XY = readonly [number, number] | readonly number[];

/** The point of segment ab nearest p. */
export function nearestOnSegment(p: XY, a: XY, b: XY): [number, number] {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  t = t < 0 ? 0 : Math.min(t, 1);
  return [a[0] + t * dx, a[1] + t * dy];
}

/** Squared distance from (px, py) to the segment (ax, ay)–(bx, by), m² — scalar, for hot loops that must not allocate. */
export function segmentDistance2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len2;
  t = t < 0 ? 0 : Math.min(t, 1);
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

/** True when some edge of the rings (or polylines) passes within r of (x, y), m. */
export function nearRings(x: number, y: number, rings: readonly (readonly XY[])[], r: number): boolean {
  const r2 = r * r;
  for (const ring of rings)
    for (let i = 0; i + 1 < ring.length; i++) {
      const a = ring[i];
      const b = ring[i + 1];
      if (segmentDistance2(x, y, a[0], a[1], b[0], b[1]) <= r2) return true;
    }
  return false;
}

/** Distance from point p to segment ab, m. */
export function pointSegmentDistance_m(p: XY, a: XY, b: XY): number {
  const q = nearestOnSegment(p, a, b);
  return Math.hypot(p[0] - q[0], p[1] - q[1]);
}

/** Distance from p to a polyline and the index of the nearest segment. */
export function pointPolylineDistance(p: XY, line: readonly XY[]): { distance_m: number; segment: number } {
  let best = Infinity;
  let seg = -1;
  for (let i = 0; i + 1 < line.length; i++) {
    const d = pointSegmentDistance_m(p, line[i], line[i + 1]);
    if (d < best) {
      best = d;
      seg = i;
    }
  }
  return { distance_m: best, segment: seg };
}

/** Signed area of a ring, m² (positive when counter-clockwise). */
export function ringSignedArea_m2(ring: readonly XY[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return s / 2;
}

/** Area of a polygon (outer ring minus holes), m². */
export function polygonArea_m2(rings: readonly (readonly XY[])[]): number {
  let a = Math.abs(ringSignedArea_m2(rings[0]));
  for (let i = 1; i < rings.length; i++) a -= Math.abs(ringSignedArea_m2(rings[i]));
  return a;
}

/** Even-odd point in ring test. */
export function pointInRing(p: XY, ring: readonly XY[]): boolean {
  let inside = false;
  const x = p[0];
  const y = p[1];
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i][0];
    const yi = ring[i][1];
    const xj = ring[j][0];
    const yj = ring[j][1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Point in polygon with holes. */
export function pointInPolygon(p: XY, rings: readonly (readonly XY[])[]): boolean {
  if (!pointInRing(p, rings[0])) return false;
  for (let i = 1; i < rings.length; i++) if (pointInRing(p, rings[i])) return false;
  return true;
}

export interface BBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function bboxOf(points: readonly XY[], out?: BBox): BBox {
  const b = out ?? { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (let i = 0; i < points.length; i++) bboxAdd(points[i], b);
  return b;
}

/** Grows a box to take in one point. */
export function bboxAdd(p: XY, b: BBox): void {
  if (p[0] < b.minX) b.minX = p[0];
  if (p[1] < b.minY) b.minY = p[1];
  if (p[0] > b.maxX) b.maxX = p[0];
  if (p[1] > b.maxY) b.maxY = p[1];
}

/** Length of a polyline, m. */
export function polylineLength_m(line: readonly XY[]): number {
  let s = 0;
  for (let i = 0; i + 1 < line.length; i++) s += Math.hypot(line[i + 1][0] - line[i][0], line[i + 1][1] - line[i][1]);
  return s;
}

/** Area-weighted centroid of a ring. Falls back to the vertex mean for degenerate rings. */
export function ringCentroid(ring: readonly XY[]): [number, number] {
  let a = 0;
  let cx = 0;
  let cy = 0;
  const x0 = ring[0][0];
  const y0 = ring[0][1];
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i][0] - x0;
    const yi = ring[i][1] - y0;
    const xj = ring[j][0] - x0;
    const yj = ring[j][1] - y0;
    const f = xj * yi - xi * yj;
    a += f;
    cx += (xi + xj) * f;
    cy += (yi + yj) * f;
  }
  if (Math.abs(a) < 1e-12) {
    let sx = 0;
    let sy = 0;
    for (const p of ring) {
      sx += p[0];
      sy += p[1];
    }
    return [sx / ring.length, sy / ring.length];
  }
  return [x0 + cx / (3 * a), y0 + cy / (3 * a)];
}

/** Largest distance between any two vertices (the footprint's extent), m. O(n²); rings are small. */
export function maxExtent_m(points: readonly XY[]): number {
  let d = 0;
  for (let i = 0; i < points.length; i++)
    for (let j = i + 1; j < points.length; j++) d = Math.max(d, Math.hypot(points[i][0] - points[j][0], points[i][1] - points[j][1]));
  return d;
}

/**
 * Where segments ab and cd meet: their crossing point, or an endpoint of one lying within `tol_m`
 * of the other (a T-junction); null when they do not meet.
 */
export function segmentsIntersectXY(a: XY, b: XY, c: XY, d: XY, tol_m = 1): [number, number] | null {
  const rx = b[0] - a[0];
  const ry = b[1] - a[1];
  const sx = d[0] - c[0];
  const sy = d[1] - c[1];
  const den = rx * sy - ry * sx;
  if (den !== 0) {
    const t = ((c[0] - a[0]) * sy - (c[1] - a[1]) * sx) / den;
    const u = ((c[0] - a[0]) * ry - (c[1] - a[1]) * rx) / den;
    if (t >= 0 && t <= 1 && u >= 0 && u <= 1) return [a[0] + t * rx, a[1] + t * ry];
  }
  for (const [p, s0, s1] of [
    [a, c, d],
    [b, c, d],
    [c, a, b],
    [d, a, b],
  ] as const)
    if (pointSegmentDistance_m(p, s0, s1) <= tol_m) return [p[0], p[1]];
  return null;
}

/**
 * The part of a closed ring where `side(p) ≤ 0` (Sutherland–Hodgman against one half-plane; `side`
 * linear in p, e.g. the signed distance past a line). Closed on return; empty when nothing is left.
 */
export function clipRingHalfPlane(ring: readonly XY[], side: (p: XY) => number): [number, number][] {
  const open = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1] ? ring.slice(0, -1) : ring;
  const out: [number, number][] = [];
  for (let i = 0; i < open.length; i++) {
    const a = open[i];
    const b = open[(i + 1) % open.length];
    const sa = side(a);
    const sb = side(b);
    if (sa <= 0) out.push([a[0], a[1]]);
    if (sa <= 0 !== sb <= 0) {
      const t = sa / (sa - sb);
      out.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
    }
  }
  if (out.length < 3) return [];
  out.push([out[0][0], out[0][1]]);
  return out;
}

/**
 * The first place where a polygon's rings cross or touch themselves or each other (segments that
 * are not neighbours along a ring), or null — in the order turf's `kinks` reports them (ring, then
 * segment), in O(n log n + k): the segments are indexed (Flatbush) and only those whose boxes meet
 * are compared, so a ring of 100 000 vertices is checked in a fraction of a second.
 */
export function firstSelfIntersection(rings: readonly (readonly XY[])[], pairwiseMax_segments = PAIRWISE_MAX_SEGMENTS): XY | null {
  let total = 0;
  for (const ring of rings) total += Math.max(0, ring.length - 1);
  if (total < 2) return null;
  if (total <= pairwiseMax_segments) return firstCrossingPairwise(rings);
  const segs: { r: number; i: number; n: number; a: XY; b: XY }[] = [];
  rings.forEach((ring, r) => {
    for (let i = 0; i + 1 < ring.length; i++) segs.push({ r, i, n: ring.length - 1, a: ring[i], b: ring[i + 1] });
  });
  if (segs.length < 2) return null;
  const index = new Flatbush(segs.length);
  for (const s of segs) index.add(Math.min(s.a[0], s.b[0]), Math.min(s.a[1], s.b[1]), Math.max(s.a[0], s.b[0]), Math.max(s.a[1], s.b[1]));
  index.finish();
  let best: { k: number; j: number; p: XY } | null = null;
  for (let k = 0; k < segs.length; k++) {
    if (best && best.k < k) break;
    const s = segs[k];
    for (const j of index.search(Math.min(s.a[0], s.b[0]), Math.min(s.a[1], s.b[1]), Math.max(s.a[0], s.b[0]), Math.max(s.a[1], s.b[1]))) {
      if (j === k) continue;
      const t = segs[j];
      // neighbours along one ring share a vertex: that is no crossing
      if (t.r === s.r && (Math.abs(t.i - s.i) === 1 || Math.abs(t.i - s.i) === s.n - 1)) continue;
      const p = crossingPoint(s.a, s.b, t.a, t.b);
      if (p && (!best || k < best.k || (k === best.k && j < best.j))) best = { k, j, p };
    }
  }
  return best?.p ?? null;
}

/** Up to this many segments a polygon is checked pair by pair: cheaper than building an index for it. */
const PAIRWISE_MAX_SEGMENTS = 48;

/** firstSelfIntersection for a small polygon: every pair, in the same order, so the same answer. */
function firstCrossingPairwise(rings: readonly (readonly XY[])[]): XY | null {
  // each pair once, the later segment tested against the earlier: the first segment (in ring order)
  // that crosses any other is the earlier of its pair, so this finds the same crossing the index does
  for (let r1 = 0; r1 < rings.length; r1++) {
    const ring1 = rings[r1];
    const n1 = ring1.length - 1;
    for (let i1 = 0; i1 < n1; i1++) {
      const a = ring1[i1];
      const b = ring1[i1 + 1];
      const minX = Math.min(a[0], b[0]);
      const minY = Math.min(a[1], b[1]);
      const maxX = Math.max(a[0], b[0]);
      const maxY = Math.max(a[1], b[1]);
      for (let r2 = r1; r2 < rings.length; r2++) {
        const ring2 = rings[r2];
        for (let i2 = r2 === r1 ? i1 + 2 : 0; i2 + 1 < ring2.length; i2++) {
          // neighbours along a ring share a vertex (the last segment and the first, too): no crossing
          if (r2 === r1 && i1 === 0 && i2 === n1 - 1) continue;
          const c = ring2[i2];
          const d = ring2[i2 + 1];
          // the bounding boxes must meet, as the index's search requires
          if (Math.max(c[0], d[0]) < minX || Math.min(c[0], d[0]) > maxX || Math.max(c[1], d[1]) < minY || Math.min(c[1], d[1]) > maxY) continue;
          const p = crossingPoint(a, b, c, d);
          if (p) return p;
        }
      }
    }
  }
  return null;
}

/** Where two segments cross (or the first shared point where they overlap), or null. */
function crossingPoint(a: XY, b: XY, c: XY, d: XY): XY | null {
  const rx = b[0] - a[0];
  const ry = b[1] - a[1];
  const sx = d[0] - c[0];
  const sy = d[1] - c[1];
  const den = rx * sy - ry * sx;
  const qx = c[0] - a[0];
  const qy = c[1] - a[1];
  if (den === 0) {
    if (qx * ry - qy * rx !== 0) return null; // parallel, apart
    // collinear: overlapping if the projections meet
    const rr = rx * rx + ry * ry || 1;
    const t0 = (qx * rx + qy * ry) / rr;
    const t1 = t0 + (sx * rx + sy * ry) / rr;
    const lo = Math.max(0, Math.min(t0, t1));
    const hi = Math.min(1, Math.max(t0, t1));
    return lo <= hi ? [a[0] + lo * rx, a[1] + lo * ry] : null;
  }
  const t = (qx * sy - qy * sx) / den;
  const u = (qx * ry - qy * rx) / den;
  if (t < 0 || t > 1 || u < 0 || u > 1) return null;
  return [a[0] + t * rx, a[1] + t * ry];
}
