/**
 * Hazchem vehicles' routes in the park (the park platform guideline's "path planning, positioning
 * and tracking" of hazchem transport): a waybill's truck is given a route from the gate it came in by
 * to its destination enterprise over the roads marked for hazchem vehicles (`hazchem_route`; all
 * roads when none is marked, said so), around the zones closed to them (`restricted`); its positions
 * are then held to the route — off it by more than `offRoute_m` is one event, back within
 * `backOn_m` another — and to the waybill's time. Pure: the server feeds it positions and stores what
 * it reports.
 */
import type { ParkModel } from '../../model/model.ts';
import { pointInPolygon, pointPolylineDistance, polylineLength_m, type XY } from '../primitives/planar.ts';
import { RoadGraph } from '../roads.ts';

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
    this.closed = model
      .ofKind('zone')
      .filter((z) => z.props.purpose === 'restricted' && z.local.type === 'Polygon')
      .map((z) => ({ id: z.id, ring: (z.local as { rings: XY[][] }).rings[0] }));
  }

  /** The route from a gate to an enterprise, or null when the roads do not join them. */
  plan(gate: string, enterprise: string): HazchemRoute | null {
    const g = this.model.byId.get(gate);
    return g ? this.planFrom([g.anchor[0], g.anchor[1]], enterprise, gate) : null;
  }

  /** The route from a place (local metres) to an enterprise. */
  planFrom(at: [number, number], enterprise: string, from = `${Math.round(at[0])},${Math.round(at[1])}`): HazchemRoute | null {
    const e = this.model.byId.get(enterprise);
    if (!e || !this.graph.nodes.length) return null;
    const a = this.graph.nearest(at);
    // the node nearest the enterprise: inside its outline when a road enters it, else nearest its centre
    const outline = e.local.type === 'Polygon' ? e.local.rings : null;
    let b = -1;
    let best = Infinity;
    this.graph.nodes.forEach((p, i) => {
      const d = outline && pointInPolygon(p, outline) ? 0 : Math.hypot(p[0] - e.anchor[0], p[1] - e.anchor[1]);
      if (d < best) [best, b] = [d, i];
    });
    const path = this.graph.path(
      a,
      b,
      this.closed.map((c) => c.ring),
      [0, 0],
      at,
    );
    if (!path) return null;
    const line = path.map((i) => [this.graph.nodes[i][0], this.graph.nodes[i][1]] as [number, number]);
    const notes = [...this.notes];
    for (const c of this.closed)
      if (line.some((p, i) => i > 0 && pointInPolygon([(p[0] + line[i - 1][0]) / 2, (p[1] + line[i - 1][1]) / 2], [c.ring])))
        notes.push(`no way round the closed zone ${c.id}: the route crosses it`);
    return { line, length_m: polylineLength_m(line), from, to: enterprise, notes };
  }

  /** Holds a truck to a route until it leaves (gate out) or is forgotten. */
  track(subject: string, waybill: string, route: HazchemRoute, valid_to: number): void {
    this.tracked.set(subject, { waybill, route, valid_to, off: false, overtime: false });
  }

  forget(subject: string): void {
    this.tracked.delete(subject);
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
