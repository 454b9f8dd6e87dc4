/**
 * The park's roads as a graph (pure, local metres): vertices and crossings are nodes, roads that
 * cross are joined; shortest routes that avoid given areas. Used by evacuation routing, the
 * simulator's trucks and drills.
 */
import type { ModelFeature, ParkModel } from '../model/model.ts';
import { pointInPolygon, segmentsIntersectXY, type XY } from './primitives/planar.ts';

interface Edge {
  to: number;
  len: number;
  mid: [number, number];
  dir: [number, number];
}

/** The park's roads as a graph: vertices and crossings are nodes; roads that cross are joined. */
export class RoadGraph {
  readonly nodes: [number, number][] = [];
  readonly edges: Edge[][] = [];

  /** From the park's roads, or from the roads given. */
  constructor(model: ParkModel, roads: readonly ModelFeature[] = model.ofKind('road')) {
    const lines = roads.flatMap((r) => (r.local.type === 'LineString' ? [r.local.line.map((p) => [p[0], p[1]] as [number, number])] : []));
    // split every segment where another road crosses it
    const segs: [number, number][][] = [];
    for (const line of lines) for (let i = 0; i + 1 < line.length; i++) segs.push([line[i], line[i + 1]]);
    const cuts: [number, number][][] = segs.map((s) => [s[0], s[1]]);
    for (let i = 0; i < segs.length; i++)
      for (let j = i + 1; j < segs.length; j++) {
        const x = segmentsIntersectXY(segs[i][0], segs[i][1], segs[j][0], segs[j][1]);
        if (x) cuts[i].push(x), cuts[j].push(x);
      }
    const key = (p: readonly [number, number]) => `${Math.round(p[0])},${Math.round(p[1])}`;
    const ids = new Map<string, number>();
    const node = (p: [number, number]) => {
      const k = key(p);
      let id = ids.get(k);
      if (id === undefined) {
        id = this.nodes.length;
        ids.set(k, id);
        this.nodes.push(p);
        this.edges.push([]);
      }
      return id;
    };
    cuts.forEach((pts, i) => {
      const [a] = segs[i];
      pts.sort((p, q) => Math.hypot(p[0] - a[0], p[1] - a[1]) - Math.hypot(q[0] - a[0], q[1] - a[1]));
      for (let k = 0; k + 1 < pts.length; k++) {
        const u = node(pts[k]);
        const v = node(pts[k + 1]);
        if (u === v) continue;
        const [p, q] = [this.nodes[u], this.nodes[v]];
        const len = Math.hypot(q[0] - p[0], q[1] - p[1]);
        const mid: [number, number] = [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2];
        this.edges[u].push({ to: v, len, mid, dir: [(q[0] - p[0]) / len, (q[1] - p[1]) / len] });
        this.edges[v].push({ to: u, len, mid, dir: [(p[0] - q[0]) / len, (p[1] - q[1]) / len] });
      }
    });
  }

  nearest(p: XY): number {
    let best = -1;
    let bd = Infinity;
    this.nodes.forEach((n, i) => {
      const d = Math.hypot(n[0] - p[0], n[1] - p[1]);
      if (d < bd) [bd, best] = [d, i];
    });
    return best;
  }

  /** Road distance from node a to every node, m (Infinity where no road leads). */
  distancesFrom(a: number): Float64Array {
    const n = this.nodes.length;
    const dist = new Float64Array(n).fill(Infinity);
    const done = new Uint8Array(n);
    if (a < 0) return dist;
    dist[a] = 0;
    for (;;) {
      let u = -1;
      let du = Infinity;
      for (let i = 0; i < n; i++) if (!done[i] && dist[i] < du) [du, u] = [dist[i], i];
      if (u === -1) break;
      done[u] = 1;
      for (const e of this.edges[u]) if (du + e.len < dist[e.to]) dist[e.to] = du + e.len;
    }
    return dist;
  }

  /**
   * Shortest path by cost from node a to node b: an edge inside `avoid` costs 50× its length; near
   * the source, an edge heading downwind costs up to 3× (crosswind or upwind first).
   */
  path(a: number, b: number, avoid: readonly (readonly XY[])[], downwind: [number, number], source: XY): number[] | null {
    const t = this.costs(a, b, avoid, downwind, source);
    return Number.isFinite(t.dist[b]) ? pathTo(t.prev, b) : null;
  }

  /**
   * The costs from node a (by path's rule) to every node, and the way back from each (`prev`, for
   * pathTo): one search for many destinations.
   */
  costsFrom(a: number, avoid: readonly (readonly XY[])[]): { dist: Float64Array; prev: Int32Array } {
    return this.costs(a, -1, avoid, [0, 0], this.nodes[a] ?? [0, 0]);
  }

  /** Dijkstra from a, stopping at b when one is given (-1: every node). */
  private costs(a: number, b: number, avoid: readonly (readonly XY[])[], downwind: [number, number], source: XY): { dist: Float64Array; prev: Int32Array } {
    const n = this.nodes.length;
    const dist = new Float64Array(n).fill(Infinity);
    const prev = new Int32Array(n).fill(-1);
    const done = new Uint8Array(n);
    dist[a] = 0;
    for (;;) {
      let u = -1;
      let du = Infinity;
      for (let i = 0; i < n; i++) if (!done[i] && dist[i] < du) [du, u] = [dist[i], i];
      if (u === -1 || u === b) break;
      done[u] = 1;
      for (const e of this.edges[u]) {
        const inside = avoid.some((ring) => pointInPolygon(e.mid, [ring]));
        const near = Math.hypot(e.mid[0] - source[0], e.mid[1] - source[1]) < 1500;
        const dw = near ? Math.max(0, e.dir[0] * downwind[0] + e.dir[1] * downwind[1]) : 0;
        const c = du + e.len * (inside ? 50 : 1) * (1 + 2 * dw);
        if (c < dist[e.to]) {
          dist[e.to] = c;
          prev[e.to] = u;
        }
      }
    }
    return { dist, prev };
  }
}

/** The nodes from the search's start to b, by the way back a search left (`prev`). */
export function pathTo(prev: Int32Array, b: number): number[] {
  const out: number[] = [];
  for (let v = b; v !== -1; v = prev[v]) out.push(v);
  return out.reverse();
}
