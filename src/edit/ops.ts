/**
 * Edits the planner makes of features, pure (layout features in, layout features out; no React):
 * new ids, the geometry a drawing makes, a row of copies, a turn about the anchor, the layout as a
 * tree. src/ui/EditTab.tsx calls them; the planning session (plannerSession.ts) applies the result
 * as one step of undo.
 */
import { KINDS, type Kind } from '../model/enums.ts';
import type { ModelFeature, ParkModel } from '../model/model.ts';
import { GEOMETRY_TYPES } from '../model/schema.ts';
import type { EditFeature } from './plannerSession.ts';

const geometriesOf = (k: Kind) => (GEOMETRY_TYPES as Record<string, readonly string[]>)[k] ?? [];
/** Kinds placed by a click (a point), and kinds drawn vertex by vertex (a line or a polygon). */
export const POINT_KINDS = KINDS.filter((k) => geometriesOf(k).includes('Point'));
export const LINE_OR_POLYGON_KINDS = KINDS.filter((k) => geometriesOf(k).includes('Polygon') || geometriesOf(k).includes('LineString'));

const round8 = (v: number) => Math.round(v * 1e8) / 1e8;
/** A local point as the layout file writes it: longitude, latitude, 8 decimals (about 1 mm). */
export const lngLat = (model: ParkModel, p: readonly [number, number]) => model.frame.toLngLat(p).map(round8) as [number, number];

/** An id of the kind not taken yet (`TANK-NEW-1` …). */
export function freeId(model: ParkModel, kind: Kind): string {
  const stem = `${kind.toUpperCase().replace(/_/g, '-')}-NEW-`;
  let n = 1;
  while (model.byId.has(`${stem}${n}`)) n++;
  return `${stem}${n}`;
}

/** The geometry a drawing makes: a polygon when the kind can be one and 3 points or more are drawn, else a line. */
export function drawnGeometry(model: ParkModel, kind: Kind, points: readonly [number, number][]): EditFeature['geometry'] | null {
  const types = (GEOMETRY_TYPES as Record<string, readonly string[]>)[kind] ?? [];
  const ll = points.map((p) => lngLat(model, p));
  if (types.includes('Polygon') && points.length >= 3) return { type: 'Polygon', coordinates: [[...ll, ll[0]]] } as EditFeature['geometry'];
  if (types.includes('LineString') && points.length >= 2) return { type: 'LineString', coordinates: ll } as EditFeature['geometry'];
  return null;
}

/** Copies of a point feature in a row: `count` more at `spacing_m` towards `heading_deg` (0 north, 90 east). */
export function row(model: ParkModel, f: EditFeature, count: number, spacing_m: number, heading_deg: number): EditFeature[] {
  const at = model.byId.get(f.properties.id);
  if (!at || f.geometry.type !== 'Point') return [];
  const h = (heading_deg * Math.PI) / 180;
  const out: EditFeature[] = [];
  const taken = new Set(model.byId.keys());
  for (let k = 1; k <= count; k++) {
    let n = k + 1;
    while (taken.has(`${f.properties.id}-${n}`)) n++;
    const id = `${f.properties.id}-${n}`;
    taken.add(id);
    const p: [number, number] = [at.anchor[0] + Math.sin(h) * spacing_m * k, at.anchor[1] + Math.cos(h) * spacing_m * k];
    const props: Record<string, unknown> = { ...(f.properties as Record<string, unknown>), id };
    if (typeof props.name === 'string') props.name = `${props.name}-${n}`;
    delete props.name_en;
    out.push({ ...f, geometry: { type: 'Point', coordinates: lngLat(model, p) }, properties: props } as unknown as EditFeature);
  }
  return out;
}

/** A feature turned about its anchor by `deg` (counter-clockwise seen from above). */
export function rotated(model: ParkModel, f: EditFeature, deg: number): EditFeature {
  const at = model.byId.get(f.properties.id)?.anchor;
  if (!at || f.geometry.type === 'Point') return f;
  const r = (deg * Math.PI) / 180;
  const turn = (c: number[]) => {
    const p = model.frame.toLocal(c);
    const x = p[0] - at[0];
    const y = p[1] - at[1];
    return lngLat(model, [at[0] + x * Math.cos(r) - y * Math.sin(r), at[1] + x * Math.sin(r) + y * Math.cos(r)]);
  };
  const g = f.geometry;
  const geometry =
    g.type === 'LineString'
      ? { type: 'LineString', coordinates: g.coordinates.map(turn) }
      : { type: 'Polygon', coordinates: g.coordinates.map((ring) => ring.map(turn)) };
  return { ...f, geometry } as EditFeature;
}

type F = ModelFeature;
/** A feature and what belongs to it: a dike's tanks, a unit's vessels, an installation's sensors. */
export interface TreeNode {
  feature: F;
  children: TreeNode[];
}

/**
 * The layout as a tree for a list: enterprises, and in each what belongs to it (its
 * `enterprise_id`, or that of the feature it hangs from), nested — a dike with its tanks, a process
 * unit with its vessels, an installation with the sensors that watch it; the rest by kind. With a
 * filter (id or name), the features that match with the way down to them.
 */
export function treeOf(model: ParkModel, filter = ''): { enterprises: { id: string; name: string; nodes: TreeNode[] }[]; rest: [string, TreeNode[]][] } {
  const f = filter.trim().toLowerCase();
  const nameOf = (m: F) => String((m.props as { name?: string }).name ?? '');
  const match = (m: F) => !f || m.id.toLowerCase().includes(f) || nameOf(m).toLowerCase().includes(f);
  const parentOf = (m: F): string | undefined => {
    const p = m.props as { dike_id?: string; unit_id?: string; watches?: string };
    return p.watches ?? p.dike_id ?? p.unit_id;
  };
  const nodes = new Map<string, TreeNode>();
  for (const m of model.features) nodes.set(m.id, { feature: m, children: [] });
  const roots: TreeNode[] = [];
  for (const m of model.features) {
    const parent = parentOf(m);
    const pn = parent && parent !== m.id ? nodes.get(parent) : undefined;
    // what hangs from an enterprise itself goes in its list (enterpriseOf), not under its node
    if (pn && m.kind !== 'enterprise' && pn.feature.kind !== 'enterprise') pn.children.push(nodes.get(m.id)!);
    else roots.push(nodes.get(m.id)!);
  }
  // keep what matches, and the nodes on the way down to it
  const prune = (n: TreeNode): TreeNode | null => {
    const children = n.children.map(prune).filter((c): c is TreeNode => c !== null);
    return match(n.feature) || children.length ? { feature: n.feature, children } : null;
  };
  const enterpriseOf = (m: F): string | undefined => {
    for (let x: F | undefined = m, k = 0; x && k < 4; k++) {
      if (x.kind === 'enterprise') return x.id;
      const e = (x.props as { enterprise_id?: string }).enterprise_id;
      if (e) return e;
      const p = parentOf(x);
      x = p ? model.byId.get(p) : undefined;
    }
    return undefined;
  };
  const enterprises = new Map<string, TreeNode[]>();
  for (const e of model.ofKind('enterprise')) enterprises.set(e.id, []);
  const rest = new Map<string, TreeNode[]>();
  for (const r of roots) {
    if (r.feature.kind === 'enterprise') continue;
    const kept = prune(r);
    if (!kept) continue;
    const e = enterpriseOf(r.feature);
    if (e && enterprises.has(e)) enterprises.get(e)!.push(kept);
    else rest.set(r.feature.kind, [...(rest.get(r.feature.kind) ?? []), kept]);
  }
  return {
    enterprises: [...enterprises]
      .filter(([id, n]) => n.length || match(model.byId.get(id)!))
      .map(([id, n]) => ({ id, name: nameOf(model.byId.get(id)!), nodes: n })),
    rest: [...rest],
  };
}

/**
 * A line's or polygon's vertex moved to a local point (vertex `index` of the line, or of the
 * polygon's outer ring; a ring's first and last vertex move together). Points are left as they are.
 */
export function movedVertex(model: ParkModel, f: EditFeature, index: number, to: readonly [number, number]): EditFeature {
  const g = f.geometry;
  const p = lngLat(model, to);
  if (g.type === 'LineString') return { ...f, geometry: { ...g, coordinates: g.coordinates.map((c, i) => (i === index ? p : c)) } } as EditFeature;
  if (g.type === 'Polygon') {
    const ring = g.coordinates[0];
    const last = ring.length - 1;
    const outer = ring.map((c, i) => (i === index || (index === 0 && i === last) || (index === last && i === 0) ? p : c));
    return { ...f, geometry: { ...g, coordinates: [outer, ...g.coordinates.slice(1)] } } as EditFeature;
  }
  return f;
}

/** The vertices one can drag: a line's, a polygon's outer ring without its closing repeat; local metres. */
export function handlesOf(m: ModelFeature): [number, number][] {
  const g = m.local;
  if (g.type === 'LineString') return g.line.map((q) => [q[0], q[1]]);
  if (g.type === 'Polygon') return g.rings[0].slice(0, -1).map((q) => [q[0], q[1]]);
  return [];
}

/** Features moved by an offset in local metres (east, north): every vertex. */
export function movedBy(model: ParkModel, features: readonly EditFeature[], dx_m: number, dy_m: number): EditFeature[] {
  const shift = (c: number[]) => {
    const p = model.frame.toLocal(c);
    return lngLat(model, [p[0] + dx_m, p[1] + dy_m]);
  };
  return features.map((f) => {
    const g = f.geometry;
    const geometry =
      g.type === 'Point'
        ? { type: 'Point', coordinates: shift(g.coordinates) }
        : g.type === 'LineString'
          ? { type: 'LineString', coordinates: g.coordinates.map(shift) }
          : { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(shift)) };
    return { ...f, geometry } as EditFeature;
  });
}
