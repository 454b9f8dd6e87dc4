/**
 * The park model: a validated layout normalised into the local metric frame. Geo engines and the
 * scene read this, never the raw GeoJSON.
 */
import { type LocalFrame, type Local, local } from '../geo/primitives/frame.ts';
import { bboxAdd, bboxOf, maxExtent_m, ringCentroid, type BBox } from '../geo/primitives/planar.ts';
import type { Kind } from './enums.ts';
import type { Layout, LayoutFeature, ParktwinMeta, PropsOf } from './schema.ts';
import { indexById, type LayoutIssue, type ParseOptions, parseLayout } from './validate.ts';

export type LocalGeometry = { type: 'Point'; point: Local } | { type: 'LineString'; line: Local[] } | { type: 'Polygon'; rings: Local[][] };

export interface ModelFeature<K extends Kind = Kind> {
  readonly id: string;
  readonly kind: K;
  readonly props: PropsOf<K> & { kind: K };
  /** The original WGS84 feature. */
  readonly feature: LayoutFeature<K>;
  /** Geometry in the local frame, metres. */
  readonly local: LocalGeometry;
  /** Representative point (point itself, polygon centroid, line midpoint vertex), local metres. */
  readonly anchor: Local;
}

/** A tank's footprint on the ground: the circle of its shell (GB 50160 Appendix A: tank shell). */
export interface TankShape {
  center: Local;
  radius_m: number;
  height_m: number;
}

export interface ParkModel {
  readonly meta: ParktwinMeta;
  readonly frame: LocalFrame;
  readonly layout: Layout;
  readonly features: readonly ModelFeature[];
  readonly byId: ReadonlyMap<string, ModelFeature>;
  /** Bounding box of every feature, local metres. */
  readonly bbox: BBox;
  ofKind<K extends Kind>(kind: K): ModelFeature<K>[];
}

function toLocalLine(coords: readonly (readonly number[])[], frame: LocalFrame): Local[] {
  const out = new Array<Local>(coords.length);
  for (let i = 0; i < coords.length; i++) out[i] = frame.toLocal(coords[i]);
  return out;
}

function toLocalGeometry(f: LayoutFeature, frame: LocalFrame): LocalGeometry {
  const g = f.geometry;
  if (g.type === 'Point') return { type: 'Point', point: frame.toLocal(g.coordinates) };
  if (g.type === 'LineString') return { type: 'LineString', line: toLocalLine(g.coordinates, frame) };
  const rings = new Array<Local[]>(g.coordinates.length);
  for (let r = 0; r < rings.length; r++) rings[r] = toLocalLine(g.coordinates[r], frame);
  return { type: 'Polygon', rings };
}

function anchorOf(g: LocalGeometry): Local {
  if (g.type === 'Point') return g.point;
  if (g.type === 'LineString') return g.line[Math.floor((g.line.length - 1) / 2)];
  const c = ringCentroid(g.rings[0]);
  return local(c[0], c[1]);
}

/**
 * The model's features by id, read through the index validation made while checking the ids (a
 * feature's place in the list): no second map of every id. Iterating, which only an editor listing
 * the ids does, goes through a map made the first time.
 */
class FeaturesById implements ReadonlyMap<string, ModelFeature> {
  #all: Map<string, ModelFeature> | undefined;
  constructor(
    private readonly index: ReadonlyMap<string, number>,
    private readonly features: readonly ModelFeature[],
  ) {}
  get size(): number {
    return this.index.size;
  }
  get(id: string): ModelFeature | undefined {
    const i = this.index.get(id);
    return i === undefined ? undefined : this.features[i];
  }
  has(id: string): boolean {
    return this.index.has(id);
  }
  keys() {
    return this.index.keys();
  }
  private all(): Map<string, ModelFeature> {
    this.#all ??= new Map(Array.from(this.index, ([id, i]) => [id, this.features[i]]));
    return this.#all;
  }
  entries() {
    return this.all().entries();
  }
  values() {
    return this.all().values();
  }
  forEach(fn: (value: ModelFeature, key: string, map: ReadonlyMap<string, ModelFeature>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.all()) fn.call(thisArg, v, k, this);
  }
  [Symbol.iterator]() {
    return this.all()[Symbol.iterator]();
  }
}

/**
 * Builds the model of a validated layout. `ids`: the index parseLayout gave with this layout
 * (ParseResult.ids); made here when not given.
 */
export function buildModel(layout: Layout, frame: LocalFrame, ids: ReadonlyMap<string, number> = indexById(layout.features)): ParkModel {
  const n = layout.features.length;
  const features = new Array<ModelFeature>(n);
  const byKind = new Map<Kind, ModelFeature[]>();
  const bbox: BBox = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (let i = 0; i < n; i++) {
    const f = layout.features[i];
    const local = toLocalGeometry(f, frame);
    const mf = { id: f.properties.id, kind: f.properties.kind, props: f.properties, feature: f, local, anchor: anchorOf(local) } as ModelFeature;
    features[i] = mf;
    let list = byKind.get(mf.kind);
    if (!list) byKind.set(mf.kind, (list = []));
    list.push(mf);
    if (local.type === 'Point') bboxAdd(local.point, bbox);
    else bboxOf(local.type === 'LineString' ? local.line : local.rings[0], bbox);
  }
  return {
    meta: layout.parktwin,
    frame,
    layout,
    features,
    byId: new FeaturesById(ids, features),
    bbox,
    ofKind: <K extends Kind>(kind: K) => (byKind.get(kind) ?? []) as ModelFeature<K>[],
  };
}

/** The shell circle of a tank (Point with diameter, or the polygon's centroid and extent). */
export function tankShape(t: ModelFeature<'tank'>): TankShape {
  if (t.local.type === 'Point') return { center: t.local.point, radius_m: (t.props.diameter_m ?? 0) / 2, height_m: t.props.height_m };
  const ring = t.local.type === 'Polygon' ? t.local.rings[0] : [];
  return { center: t.anchor, radius_m: t.props.diameter_m !== undefined ? t.props.diameter_m / 2 : maxExtent_m(ring) / 2, height_m: t.props.height_m };
}

export type LoadModelResult = { ok: true; model: ParkModel; issues: LayoutIssue[] } | { ok: false; issues: LayoutIssue[] };

/**
 * Validates a parsed JSON value and builds its model. Throws LayoutFormatError for non-layouts.
 * `owned`: the caller parsed the value for this and hands it over (ParseOptions).
 */
export function loadModel(json: unknown, options: ParseOptions = {}): LoadModelResult {
  const r = parseLayout(json, options);
  if (!r.ok) return r;
  return { ok: true, model: buildModel(r.layout, r.frame, r.ids), issues: r.issues };
}

/** Counts features by kind, in the order of the format's kinds. */
export function countByKind(layout: Layout): Partial<Record<Kind, number>> {
  const out: Partial<Record<Kind, number>> = {};
  for (const f of layout.features) out[f.properties.kind] = (out[f.properties.kind] ?? 0) + 1;
  return out;
}
