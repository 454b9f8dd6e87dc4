/**
 * Hazchem vehicles' routes in the park (the park platform guideline's "path planning, positioning
 * and tracking" of hazchem transport): a waybill's truck is given a route from the gate it came in by
 * to its destination enterprise over the roads marked for hazchem vehicles (`hazchem_route`; all
 * roads when none is marked, said so), inside the fence, around the zones closed to them
 * (`restricted`); its positions
 * are then held to the route — off it by more than `offRoute_m` is one event, back within
 * `backOn_m` another — and to the waybill's time. Pure: the server feeds it positions and stores what
 * it reports.
 */
import type { ParkModel } from '../../model/model.ts';
import { nearestOnSegment, pointInPolygon, pointPolylineDistance, polylineLength_m, segmentsIntersectXY, type XY } from '../primitives/planar.ts';
import { pathTo, RoadGraph } from '../roads.ts';

export interface HazchemRoute {
  /** The route, local metres (east, north), gate first. */
  line: [number, number][];
  length_m: number;
  from: string;
  to: string;
  /** How the route was found, and what it could not avoid. */
  notes: string[];
}

export interface RouteOptions {
  /** Off the route by more than this is off it, m. */
  offRoute_m: number;
  /** Back within this of the route is back on it, m (below offRoute_m: no flicker at the edge). */
  backOn_m: number;
}

export const DEFAULT_ROUTE_OPTIONS: RouteOptions = { offRoute_m: 50, backOn_m: 30 };

export type RouteEvent =
  | { type: 'waybill.off_route'; subject: string; waybill: string; distance_m: number; at: [number, number] }
  | { type: 'waybill.back_on_route'; subject: string; waybill: string; at: [number, number] }
  | { type: 'waybill.overtime'; subject: string; waybill: string; valid_to: number };

interface Tracked {
  waybill: string;
  route: HazchemRoute;
  valid_to: number;
  off: boolean;
  overtime: boolean;
}

export class HazchemRoutes {
  private readonly graph: RoadGraph;
  private readonly closed: { id: string; ring: XY[] }[];
  private readonly notes: string[] = [];
  private readonly tracked = new Map<string, Tracked>();

  constructor(
    readonly model: ParkModel,
    readonly options: RouteOptions = DEFAULT_ROUTE_OPTIONS,
  ) {
    const roads = model.ofKind('road');
    const marked = roads.filter((r) => r.props.hazchem_route);
    if (!marked.length && roads.length) this.notes.push('no road is marked for hazchem vehicles (hazchem_route): every road taken');
    this.graph = new RoadGraph(model, marked.length ? marked : roads);
    // inside the fence only (else the park's outline): a truck in the park is not sent out along a
    // road outside the fence and in again
    const fence = model.ofKind('fence')[0]?.local;
    const park = model.ofKind('park')[0]?.local;
    const enclosure = fence?.type === 'LineString' ? [fence.line] : fence?.type === 'Polygon' ? fence.rings : park?.type === 'Polygon' ? park.rings : null;
    if (enclosure) this.clip(enclosure);
    this.closed = model
      .ofKind('zone')
      .filter((z) => z.props.purpose === 'restricted' && z.local.type === 'Polygon')
      .map((z) => ({ id: z.id, ring: (z.local as { rings: XY[][] }).rings[0] }));
  }

  /**
   * Keeps the road graph inside the enclosure: a stretch leaving it ends where it crosses it (a new
   * node a metre inside); a stretch wholly outside goes.
   */
  private clip(enclosure: readonly (readonly XY[])[]): void {
    const g = this.graph;
    const inside = (p: XY) => pointInPolygon(p, enclosure);
    const n = g.nodes.length;
    const keep: (typeof g.edges)[number][] = g.edges.map(() => []);
    for (let u = 0; u < n; u++)
      for (const e of g.edges[u]) {
        const [iu, iv] = [inside(g.nodes[u]), inside(g.nodes[e.to])];
        if (iu && iv) keep[u].push(e);
        else if (iu && !iv) {
          // where the stretch meets the enclosure's edge, stepped back a metre inside
          const a = g.nodes[u];
          const b = g.nodes[e.to];
          let x: [number, number] | null = null;
          for (const ring of enclosure) for (let k = 0; !x && k + 1 < ring.length; k++) x = segmentsIntersectXY(a, b, ring[k], ring[k + 1], 0);
          if (!x) continue;
          const len = Math.hypot(x[0] - a[0], x[1] - a[1]);
          if (len < 1.5) continue;
          const w: [number, number] = [x[0] - e.dir[0], x[1] - e.dir[1]];
          const id = g.nodes.length;
          g.nodes.push(w);
          keep.push([{ to: u, len: len - 1, mid: [(a[0] + w[0]) / 2, (a[1] + w[1]) / 2], dir: [-e.dir[0], -e.dir[1]] }]);
          keep[u].push({ to: id, len: len - 1, mid: [(a[0] + w[0]) / 2, (a[1] + w[1]) / 2], dir: e.dir });
        }
      }
    keep.forEach((es, i) => (g.edges[i] = es));
  }

  /** The route from a gate to an enterprise, or null when the roads do not join them. */
  plan(gate: string, enterprise: string): HazchemRoute | null {
    const g = this.model.byId.get(gate);
    return g ? this.planFrom([g.anchor[0], g.anchor[1]], enterprise, gate) : null;
  }

  /**
   * The route from a place (local metres) to an enterprise: from the road node nearest the place to
   * the point of the roads nearest the enterprise (inside its outline when a road enters it), the
   * last stretch along that road.
   */
  planFrom(at: [number, number], enterprise: string, from = `${Math.round(at[0])},${Math.round(at[1])}`): HazchemRoute | null {
    const e = this.model.byId.get(enterprise);
    const g = this.graph;
    const a = g.nodes.length ? this.nearestConnected(at) : -1;
    if (!e || a < 0) return null;
    // the stop: a point of the usable roads at the enterprise — on a road inside its outline, or near
    // it; the one that is reached soonest, counting a metre from the enterprise as three of road (a
    // stretch through a closed zone counts fifty-fold, as the road graph counts it)
    const outline = e.local.type === 'Polygon' ? e.local.rings : null;
    const away = (q: [number, number]) =>
      outline
        ? pointInPolygon(q, outline)
          ? 0
          : Math.min(...outline.map((ring) => pointPolylineDistance(q, ring).distance_m))
        : Math.hypot(q[0] - e.anchor[0], q[1] - e.anchor[1]);
    const stops: { u: number; v: number; q: [number, number]; d: number }[] = [];
    g.edges.forEach((es, u) => {
      for (const ed of es) {
        if (ed.to < u) continue; // each road stretch once
        const target = outline ? (nearestOnOutline(g.nodes[u], g.nodes[ed.to], outline) ?? e.anchor) : e.anchor;
        const q = nearestOnSegment(target, g.nodes[u], g.nodes[ed.to]);
        stops.push({ u, v: ed.to, q, d: away(q) });
      }
    });
    if (!stops.length) return null;
    const nearest = Math.min(...stops.map((x) => x.d));
    const avoid = this.closed.map((c) => c.ring);
    // one search from the start serves every candidate stop
    const { dist, prev } = g.costsFrom(a, avoid);
    const stretch = (p: readonly [number, number], q: readonly [number, number]) =>
      Math.hypot(p[0] - q[0], p[1] - q[1]) * (avoid.some((ring) => pointInPolygon([(p[0] + q[0]) / 2, (p[1] + q[1]) / 2], [ring])) ? 50 : 1);
    let best: { b: number; q: [number, number]; score: number } | null = null;
    for (const x of stops) {
      if (x.d > nearest + 300) continue;
      for (const b of [x.u, x.v]) {
        if (!Number.isFinite(dist[b])) continue;
        const score = dist[b] + stretch(g.nodes[b], x.q) + 3 * x.d;
        if (!best || score < best.score) best = { b, q: x.q, score };
      }
    }
    if (!best) return null;
    const line = pathTo(prev, best.b).map((i) => [g.nodes[i][0], g.nodes[i][1]] as [number, number]);
    const end = line.at(-1)!;
    if (Math.hypot(end[0] - best.q[0], end[1] - best.q[1]) > 0.01) line.push(best.q);
    const notes = [...this.notes];
    for (const c of this.closed)
      if (line.some((p, i) => i > 0 && pointInPolygon([(p[0] + line[i - 1][0]) / 2, (p[1] + line[i - 1][1]) / 2], [c.ring])))
        notes.push(`no way round the closed zone ${c.id}: the route crosses it`);
    return { line, length_m: polylineLength_m(line), from, to: enterprise, notes };
  }

  /** The road node nearest a place that a road inside the fence leaves from (-1: none). */
  private nearestConnected(p: readonly [number, number]): number {
    let best = -1;
    let bestD = Infinity;
    this.graph.nodes.forEach((q, i) => {
      if (!this.graph.edges[i].length) return;
      const d = Math.hypot(q[0] - p[0], q[1] - p[1]);
      if (d < bestD) [bestD, best] = [d, i];
    });
    return best;
  }

  /** Holds a truck to a route until it leaves (gate out) or is forgotten. */
  track(subject: string, waybill: string, route: HazchemRoute, valid_to: number): void {
    this.tracked.set(subject, { waybill, route, valid_to, off: false, overtime: false });
  }

  forget(subject: string): void {
    this.tracked.delete(subject);
  }

  /** How many trucks are held to a route now. */
  get tracking(): number {
    return this.tracked.size;
  }

  isTracked(subject: string): boolean {
    return this.tracked.has(subject);
  }

  /** The trucks held to a route now. */
  active(): { subject: string; waybill: string; route: HazchemRoute; off: boolean; overtime: boolean }[] {
    return [...this.tracked].map(([subject, t]) => ({ subject, waybill: t.waybill, route: t.route, off: t.off, overtime: t.overtime }));
  }

  /** A position of a truck (local metres): what it makes of the route and the waybill's time. */
  position(subject: string, at: [number, number], t_ms: number): RouteEvent[] {
    const t = this.tracked.get(subject);
    if (!t) return [];
    const out: RouteEvent[] = [];
    const d = t.route.line.length > 1 ? pointPolylineDistance(at, t.route.line).distance_m : Math.hypot(at[0] - t.route.line[0][0], at[1] - t.route.line[0][1]);
    if (!t.off && d > this.options.offRoute_m) {
      t.off = true;
      out.push({ type: 'waybill.off_route', subject, waybill: t.waybill, distance_m: Math.round(d), at });
    } else if (t.off && d <= this.options.backOn_m) {
      t.off = false;
      out.push({ type: 'waybill.back_on_route', subject, waybill: t.waybill, at });
    }
    if (!t.overtime && t_ms > t.valid_to) {
      t.overtime = true;
      out.push({ type: 'waybill.overtime', subject, waybill: t.waybill, valid_to: t.valid_to });
    }
    return out;
  }
}

/** The point of an outline nearest a road stretch (its vertices against the stretch, the stretch's ends against the outline). */
function nearestOnOutline(a: XY, b: XY, outline: readonly (readonly XY[])[]): [number, number] | null {
  let best: [number, number] | null = null;
  let bestD = Infinity;
  for (const ring of outline)
    for (let i = 0; i + 1 < ring.length; i++) {
      for (const [p, s0, s1] of [
        [ring[i], a, b],
        [a, ring[i], ring[i + 1]],
        [b, ring[i], ring[i + 1]],
      ] as const) {
        const q = nearestOnSegment(p, s0, s1);
        const d = Math.hypot(q[0] - p[0], q[1] - p[1]);
        if (d < bestD) [bestD, best] = [d, p === ring[i] ? [p[0], p[1]] : q];
      }
    }
  return best;
}
