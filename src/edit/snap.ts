/**
 * Snapping for drawing on the plant view: a clicked point goes to the nearest vertex of the layout
 * within a tolerance, else to the nearest point of an edge within it, else to the grid. Vertices and
 * edges are indexed once per layout (Flatbush); points, lines and polygon rings all count.
 */
import Flatbush from 'flatbush';
import { nearestOnSegment } from '../geo/primitives/planar.ts';
import type { ParkModel } from '../model/model.ts';

export interface SnapOptions {
  /** Grid spacing, m (0: no grid). */
  grid_m: number;
  /** How near a vertex or an edge a point must be to snap to it, m. */
  tolerance_m: number;
}

export const DEFAULT_SNAP: SnapOptions = { grid_m: 1, tolerance_m: 3 };

export interface Snapped {
  point: [number, number];
  to: 'vertex' | 'edge' | 'grid' | 'none';
  /** The feature snapped to. */
  id?: string;
}

type P = readonly [number, number];

export class Snapper {
  private readonly vertices: { p: P; id: string }[] = [];
  private readonly edges: { a: P; b: P; id: string }[] = [];
  private readonly vIndex: Flatbush | null;
  private readonly eIndex: Flatbush | null;

  constructor(
    model: ParkModel,
    readonly options: SnapOptions = DEFAULT_SNAP,
    /** A feature not to snap to (the one being reshaped). */
    exclude?: string,
  ) {
    for (const f of model.features) {
      if (f.id === exclude) continue;
      const g = f.local;
      const lines = g.type === 'Point' ? [] : g.type === 'LineString' ? [g.line] : g.rings;
      if (g.type === 'Point') this.vertices.push({ p: [g.point[0], g.point[1]], id: f.id });
      for (const line of lines)
        for (let i = 0; i < line.length; i++) {
          const p: P = [line[i][0], line[i][1]];
          // a closed ring repeats its first vertex last
          if (!(i === line.length - 1 && g.type === 'Polygon')) this.vertices.push({ p, id: f.id });
          if (i > 0) this.edges.push({ a: [line[i - 1][0], line[i - 1][1]], b: p, id: f.id });
        }
    }
    this.vIndex = this.vertices.length ? new Flatbush(this.vertices.length) : null;
    if (this.vIndex) {
      for (const v of this.vertices) this.vIndex.add(v.p[0], v.p[1], v.p[0], v.p[1]);
      this.vIndex.finish();
    }
    this.eIndex = this.edges.length ? new Flatbush(this.edges.length) : null;
    if (this.eIndex) {
      for (const e of this.edges) this.eIndex.add(Math.min(e.a[0], e.b[0]), Math.min(e.a[1], e.b[1]), Math.max(e.a[0], e.b[0]), Math.max(e.a[1], e.b[1]));
      this.eIndex.finish();
    }
  }

  snap(p: P, extra: readonly P[] = []): Snapped {
    const tol = this.options.tolerance_m;
    // the vertices drawn so far count too (closing a ring on its first point)
    let best: Snapped | null = null;
    let bestD = tol;
    for (const q of extra) {
      const d = Math.hypot(q[0] - p[0], q[1] - p[1]);
      if (d <= bestD) (bestD = d), (best = { point: [q[0], q[1]], to: 'vertex' });
    }
    if (this.vIndex)
      for (const i of this.vIndex.neighbors(p[0], p[1], 1, tol)) {
        const v = this.vertices[i];
        const d = Math.hypot(v.p[0] - p[0], v.p[1] - p[1]);
        if (d <= bestD) (bestD = d), (best = { point: [v.p[0], v.p[1]], to: 'vertex', id: v.id });
      }
    if (best) return best;
    if (this.eIndex) {
      let e: Snapped | null = null;
      let eD = tol;
      for (const i of this.eIndex.search(p[0] - tol, p[1] - tol, p[0] + tol, p[1] + tol)) {
        const { a, b, id } = this.edges[i];
        const q = nearestOnSegment(p, a, b);
        const d = Math.hypot(q[0] - p[0], q[1] - p[1]);
        if (d <= eD) (eD = d), (e = { point: q, to: 'edge', id });
      }
      if (e) return e;
    }
    const g = this.options.grid_m;
    return g > 0 ? { point: [Math.round(p[0] / g) * g, Math.round(p[1] / g) * g], to: 'grid' } : { point: [p[0], p[1]], to: 'none' };
  }
}
