/**
 * A site plan (总平面布置图) drawn in CAD and saved as DXF, into a parktwin layout: bytes in, features
 * and a report out (pure; the CLI and the browser run it alike).
 *
 * - Units: `$INSUNITS` 4 (mm) and 6 (m) honoured (others: metres assumed, reported); the drawing's x
 *   is east and y north (`swapXY` for drawings kept surveying-style, X north).
 * - Where: a coordinate reference system (src/import/crs.ts: CGCS2000 Gauss–Krüger …) or a local grid
 *   placed by control points (src/import/controlPoints.ts).
 * - What: the layer names (a default mapping knows common Chinese and English names: 储罐/TANK,
 *   建筑/BUILDING, 围墙/FENCE, 道路/ROAD, 管廊/PIPERACK, 防火堤/DIKE, 装置/UNIT …), or a mapping given
 *   by the user (`layers`: layer → kind, and property defaults per layer).
 *   CIRCLE → a tank (its diameter); closed LWPOLYLINE/POLYLINE → polygon kinds (bulges and ARCs
 *   approximated within `chord_m`); LINE and open polylines → fences, roads, pipe racks, pipelines;
 *   INSERT of a block → its kind at the insert point (a tank's diameter from the block's scale, said
 *   as a guess); TEXT/MTEXT inside a shape or next to a point → its name.
 * - What the drawing cannot say (a tank's substance, inventory, roof …) is left out: validation names
 *   the feature and the field — or a mapping default fills it, reported as such. Nothing is invented.
 */
import DxfParser from 'dxf-parser';
import Flatbush from 'flatbush';
import { pointInRing, type XY } from '../geo/primitives/planar.ts';
import type { ControlPoint } from './controlPoints.ts';
import { fitSimilarity } from './controlPoints.ts';
import { type Crs, toLonLat } from './crs.ts';
import { type ImportKind, idMaker, LINE_KINDS, POINT_KINDS, POLYGON_KINDS } from './kinds.ts';

export { IMPORT_KINDS, type ImportKind } from './kinds.ts';

/** The default layer → kind mapping: common Chinese and English layer names of site plans. */
export const DEFAULT_LAYER_KINDS: readonly [RegExp, ImportKind][] = [
  [/园区边界|园区红线|PARK[-_ ]?BOUNDARY/i, 'park'],
  [/厂区边界|用地红线|企业|PLANT[-_ ]?BOUNDARY|ENTERPRISE|SITE[-_ ]?BOUNDARY/i, 'enterprise'],
  [/防火堤|围堰|DIKE|BUND/i, 'dike'],
  [/储罐|罐区|TANK/i, 'tank'],
  [/围墙|围栏|FENCE|WALL/i, 'fence'],
  [/大门|出入口|GATE/i, 'gate'],
  [/管廊|管架|PIPE[-_ ]?RACK/i, 'pipe_rack'],
  [/管线|管道|PIPELINE/i, 'pipeline'],
  [/道路|路缘|ROAD/i, 'road'],
  [/火炬|FLARE/i, 'flare'],
  [/装置|UNIT|PROCESS/i, 'process_unit'],
  [/建筑|建构筑|房屋|BUILDING|BLDG/i, 'building'],
  [/区域|ZONE/i, 'zone'],
];

/** The user's mapping (`--map mapping.json`): per layer (exact name) a kind, or null to leave it out, and property defaults. */
export interface ImportMapping {
  layers?: Record<string, { kind: ImportKind | null; properties?: Record<string, unknown> }>;
  /** Block name → kind for INSERTs (else the insert's layer decides). */
  blocks?: Record<string, ImportKind>;
  /** For sources without layers (OpenStreetMap): property defaults per kind. */
  kinds?: Partial<Record<ImportKind, { properties?: Record<string, unknown> }>>;
}

export interface ImportOptions {
  crs?: Crs;
  control?: { points: readonly ControlPoint[]; tolerance_m?: number };
  mapping?: ImportMapping;
  /** The drawing keeps survey X (north) as its x: swap. */
  swapXY?: boolean;
  /** Largest distance between an arc and its chords, m. */
  chord_m?: number;
  /** The layout's name. */
  name?: string;
}

export interface ImportReport {
  /** Per layer: what became what. */
  layers: { layer: string; kind: ImportKind | null; by: 'default' | 'mapping' | 'none'; entities: number; features: number; texts: number }[];
  counts: Partial<Record<ImportKind, number>>;
  /** What was guessed, with the guess (a tank's diameter from a block's scale, metres assumed …). */
  guesses: string[];
  /** Property defaults filled from the mapping, by layer. */
  defaults: string[];
  /** What was left out and why. */
  skipped: { layer: string; type: string; count: number; why: string }[];
  units: string;
  placement: string;
  warnings: string[];
  residuals?: { name: string; residual_m: number }[];
}

/** The layout an import writes: its features in a collection of the current format (the park's time zone: China's). */
export const layoutOf = (features: unknown[], name?: string): ImportResult['layout'] => ({
  type: 'FeatureCollection',
  parktwin: { version: 1, ...(name ? { name } : {}), timezone: 'Asia/Shanghai' },
  features,
});

/** A report with nothing in it yet. */
export const newReport = (units = '', placement = ''): ImportReport => ({
  layers: [],
  counts: {},
  guesses: [],
  defaults: [],
  skipped: [],
  units,
  placement,
  warnings: [],
});

export interface ImportResult {
  layout: { type: 'FeatureCollection'; parktwin: { version: 1; name?: string; timezone: string }; features: unknown[] };
  report: ImportReport;
}

/** A file that is no DXF, or one with nothing recognisable: exit 1 or 2 in the CLI. */
export class ImportError extends Error {}

interface Pt {
  x: number;
  y: number;
  bulge?: number;
}
interface DxfEntity {
  type: string;
  layer?: string;
  vertices?: Pt[];
  shape?: boolean;
  center?: Pt;
  radius?: number;
  startAngle?: number;
  endAngle?: number;
  position?: Pt;
  startPoint?: Pt;
  text?: string;
  name?: string;
  xScale?: number;
  rotation?: number;
}

const UNITS: Record<number, [number, string]> = { 4: [0.001, 'millimetres'], 5: [0.01, 'centimetres'], 6: [1, 'metres'] };

/** Points along an arc from angle a0 to a1 (radians, counter-clockwise), within `chord_m` of it. */
function arcPoints(c: Pt, r: number, a0: number, a1: number, chord_m: number): [number, number][] {
  let sweep = a1 - a0;
  while (sweep <= 0) sweep += 2 * Math.PI;
  // the sagitta of a chord spanning θ is r(1 − cos θ/2): θ = 2 acos(1 − s/r)
  const step = r > chord_m ? 2 * Math.acos(1 - chord_m / r) : Math.PI / 2;
  const n = Math.max(2, Math.ceil(sweep / step));
  const out: [number, number][] = [];
  for (let i = 0; i <= n; i++) {
    const a = a0 + (sweep * i) / n;
    out.push([c.x + r * Math.cos(a), c.y + r * Math.sin(a)]);
  }
  return out;
}

/** A polyline's vertices with its bulges (arcs between vertices) turned into points within `chord_m`. */
function unbulge(vs: readonly Pt[], closed: boolean, chord_m: number): [number, number][] {
  const out: [number, number][] = [];
  const n = vs.length;
  for (let i = 0; i < n; i++) {
    const a = vs[i];
    out.push([a.x, a.y]);
    const last = i === n - 1;
    if (last && !closed) break;
    const b = vs[(i + 1) % n];
    const bulge = a.bulge ?? 0;
    if (!bulge) continue;
    // bulge = tan(θ/4), θ the arc's included angle, positive counter-clockwise
    const theta = 4 * Math.atan(bulge);
    const d = Math.hypot(b.x - a.x, b.y - a.y);
    if (d < 1e-9) continue;
    const r = d / (2 * Math.sin(Math.abs(theta) / 2));
    const mx = (a.x + b.x) / 2;
    const my = (a.y + b.y) / 2;
    const h = r * Math.cos(theta / 2) * Math.sign(theta);
    const cx = mx - ((b.y - a.y) / d) * h;
    const cy = my + ((b.x - a.x) / d) * h;
    const a0 = Math.atan2(a.y - cy, a.x - cx);
    const a1 = Math.atan2(b.y - cy, b.x - cx);
    const pts = theta > 0 ? arcPoints({ x: cx, y: cy }, Math.abs(r), a0, a1, chord_m) : arcPoints({ x: cx, y: cy }, Math.abs(r), a1, a0, chord_m).reverse();
    out.push(...pts.slice(1, -1));
  }
  return out;
}

/** Imports a DXF drawing. Throws ImportError for a file that is no DXF. */
export function importDxf(text: string, opts: ImportOptions = {}): ImportResult {
  let dxf: { header?: Record<string, unknown>; entities?: DxfEntity[] } | null;
  try {
    dxf = new DxfParser().parseSync(text) as typeof dxf;
  } catch (e) {
    throw new ImportError(`not a readable DXF file (${(e as Error).message})`);
  }
  if (!dxf?.entities) throw new ImportError('not a readable DXF file (no ENTITIES section)');
  const chord_m = opts.chord_m ?? 0.1;
  const report = newReport();

  // units: drawing units → metres
  const insunits = Number(dxf.header?.$INSUNITS ?? 0);
  const [unit_m, unitName] = UNITS[insunits] ?? [1, 'metres'];
  report.units = UNITS[insunits] ? `${unitName} ($INSUNITS ${insunits})` : `metres assumed ($INSUNITS ${insunits || 'absent'})`;
  if (!UNITS[insunits]) report.guesses.push(`drawing units: $INSUNITS is ${insunits || 'absent'}, metres assumed`);

  // placement on the earth
  let place: (x: number, y: number) => [number, number];
  if (opts.control) {
    const fit = fitSimilarity(opts.control.points, opts.control.tolerance_m ?? 0.5);
    place = fit.toLonLat;
    report.residuals = fit.residuals;
    report.placement = `local grid by ${opts.control.points.length} control points: scale ${fit.scale.toFixed(6)}, rotation ${fit.rotation_deg.toFixed(4)}°, RMS ${fit.rms_m.toFixed(3)} m`;
  } else if (opts.crs) {
    place = toLonLat(opts.crs);
    report.placement = `${opts.crs.name} (${opts.crs.code})`;
    if (opts.crs.warning) report.warnings.push(opts.crs.warning);
  } else throw new ImportError('say where the drawing is: --crs EPSG:n, or --control points.csv for a local grid');
  const xy = (p: Pt | [number, number]): [number, number] => {
    const [x, y] = Array.isArray(p) ? p : [p.x, p.y];
    const [e, n] = opts.swapXY ? [y, x] : [x, y];
    return place(e * unit_m, n * unit_m);
  };

  // the kind of a layer
  const kindOf = new Map<string, { kind: ImportKind | null; by: 'default' | 'mapping' | 'none'; properties?: Record<string, unknown> }>();
  const resolve = (layer: string) => {
    let k = kindOf.get(layer);
    if (!k) {
      const m = opts.mapping?.layers?.[layer];
      if (m) k = { kind: m.kind, by: 'mapping', properties: m.properties };
      else {
        const d = DEFAULT_LAYER_KINDS.find(([re]) => re.test(layer));
        k = d ? { kind: d[1], by: 'default' } : { kind: null, by: 'none' };
      }
      kindOf.set(layer, k);
    }
    return k;
  };

  interface Draft {
    kind: ImportKind;
    layer: string;
    geometry:
      | { type: 'Point'; coordinates: [number, number] }
      | { type: 'LineString'; coordinates: [number, number][] }
      | { type: 'Polygon'; coordinates: [number, number][][] };
    /** In drawing units, for placing texts. */
    local: { point?: [number, number]; radius?: number; ring?: [number, number][]; line?: [number, number][] };
    props: Record<string, unknown>;
  }
  const drafts: Draft[] = [];
  const texts: { at: [number, number]; text: string }[] = [];
  const perLayer = new Map<string, { entities: number; features: number; texts: number }>();
  const skipped = new Map<string, { layer: string; type: string; count: number; why: string }>();
  const skip = (layer: string, type: string, why: string) => {
    const k = `${layer}|${type}|${why}`;
    const s = skipped.get(k);
    if (s) s.count++;
    else skipped.set(k, { layer, type, count: 1, why });
  };

  for (const e of dxf.entities) {
    const layer = e.layer ?? '0';
    const stat = perLayer.get(layer) ?? { entities: 0, features: 0, texts: 0 };
    perLayer.set(layer, stat);
    stat.entities++;
    if (e.type === 'TEXT' || e.type === 'MTEXT') {
      const at = e.startPoint ?? e.position;
      const t = (e.text ?? '')
        .replace(/\\P/g, ' ')
        .replace(/\\[A-Za-z][^;]*;|[{}]/g, '')
        .trim();
      if (at && t) texts.push({ at: [at.x, at.y], text: t });
      stat.texts++;
      continue;
    }
    const { kind, properties, by } = resolve(layer);
    if (!kind) {
      skip(layer, e.type, by === 'mapping' ? 'the mapping leaves this layer out' : 'the layer maps to no kind (add it to --map)');
      continue;
    }
    const add = (d: Omit<Draft, 'layer' | 'props'>) => {
      drafts.push({ ...d, layer, props: { ...(properties ?? {}) } });
      stat.features++;
    };
    if (e.type === 'CIRCLE' && e.center && e.radius) {
      if (kind === 'tank' || POINT_KINDS.has(kind)) {
        add({ kind, geometry: { type: 'Point', coordinates: xy(e.center) }, local: { point: [e.center.x, e.center.y], radius: e.radius } });
        if (kind === 'tank') drafts[drafts.length - 1].props.diameter_m = round(2 * e.radius * unit_m, 3);
      } else if (POLYGON_KINDS.has(kind)) {
        const ring = arcPoints(e.center, e.radius, 0, 2 * Math.PI, chord_m / unit_m);
        ring[ring.length - 1] = ring[0];
        add({ kind, geometry: { type: 'Polygon', coordinates: [ring.map((p) => xy(p))] }, local: { ring } });
      } else skip(layer, e.type, `a circle cannot be a ${kind}`);
      continue;
    }
    if (e.type === 'INSERT' && e.position) {
      const k = (e.name && opts.mapping?.blocks?.[e.name]) || kind;
      if (!POINT_KINDS.has(k)) {
        skip(layer, e.type, `a block insert cannot be a ${k}`);
        continue;
      }
      drafts.push({
        kind: k,
        layer,
        geometry: { type: 'Point', coordinates: xy(e.position) },
        local: { point: [e.position.x, e.position.y] },
        props: { ...(properties ?? {}) },
      });
      stat.features++;
      if (k === 'tank' && e.xScale) {
        drafts[drafts.length - 1].props.diameter_m = round(Math.abs(e.xScale) * unit_m, 3);
        report.guesses.push(`${layer}: the tank diameter of block ${e.name ?? '?'} taken from its scale (${e.xScale})`);
      }
      continue;
    }
    let line: [number, number][] | null = null;
    let closed = false;
    if ((e.type === 'LWPOLYLINE' || e.type === 'POLYLINE') && e.vertices?.length) {
      closed = !!e.shape;
      line = unbulge(e.vertices, closed, chord_m / unit_m);
      if (!closed && line.length > 2) {
        const [a, b] = [line[0], line[line.length - 1]];
        if (Math.hypot(a[0] - b[0], a[1] - b[1]) < 1e-6) (closed = true), line.pop();
      }
    } else if (e.type === 'LINE' && e.vertices?.length === 2) line = e.vertices.map((v) => [v.x, v.y] as [number, number]);
    else if (e.type === 'ARC' && e.center && e.radius !== undefined)
      line = arcPoints(e.center, e.radius, e.startAngle ?? 0, e.endAngle ?? 2 * Math.PI, chord_m / unit_m);
    if (!line) {
      skip(layer, e.type, 'an entity type the import does not read');
      continue;
    }
    if (closed && POLYGON_KINDS.has(kind)) {
      const ring = [...line, line[0]];
      add({ kind, geometry: { type: 'Polygon', coordinates: [ring.map((p) => xy(p))] }, local: { ring } });
    } else if (closed && kind === 'fence') {
      const ring = [...line, line[0]];
      add({ kind, geometry: { type: 'LineString', coordinates: ring.map((p) => xy(p)) }, local: { line: ring } });
    } else if (!closed && LINE_KINDS.has(kind)) add({ kind, geometry: { type: 'LineString', coordinates: line.map((p) => xy(p)) }, local: { line } });
    else skip(layer, e.type, closed ? `a closed shape cannot be a ${kind}` : `an open line cannot be a ${kind}`);
  }
  // a fence drawn as separate lines is one fence: chain the pieces that meet end to end (within 1 cm)
  {
    const tol = 0.01 / unit_m;
    const key = (p: [number, number]) => `${Math.round(p[0] / tol)},${Math.round(p[1] / tol)}`;
    const fences = drafts.filter((d) => d.kind === 'fence' && d.geometry.type === 'LineString' && d.local.line);
    if (fences.length > 1) {
      const rest = drafts.filter((d) => !fences.includes(d));
      const pool = [...fences];
      const chains: Draft[] = [];
      while (pool.length) {
        const first = pool.shift()!;
        const line = [...first.local.line!];
        let grown = true;
        while (grown) {
          grown = false;
          for (let i = 0; i < pool.length; i++) {
            const l = pool[i].local.line!;
            const [a, b] = [l[0], l[l.length - 1]];
            const end = key(line[line.length - 1]);
            const start = key(line[0]);
            if (key(a) === end) line.push(...l.slice(1));
            else if (key(b) === end) line.push(...[...l].reverse().slice(1));
            else if (key(b) === start) line.unshift(...l.slice(0, -1));
            else if (key(a) === start) line.unshift(...[...l].reverse().slice(0, -1));
            else continue;
            pool.splice(i, 1);
            grown = true;
            break;
          }
        }
        if (key(line[0]) === key(line[line.length - 1])) line[line.length - 1] = line[0];
        chains.push({ ...first, geometry: { type: 'LineString', coordinates: line.map((p) => xy(p)) }, local: { line } });
      }
      if (chains.length < fences.length) report.guesses.push(`fence: ${fences.length} pieces that meet end to end joined into ${chains.length}`);
      drafts.length = 0;
      drafts.push(...rest, ...chains);
    }
  }
  // a layout needs its park: without a park boundary layer, the closed fence is taken as one (said so)
  if (!drafts.some((d) => d.kind === 'park')) {
    const fence = drafts.find(
      (d) => d.kind === 'fence' && d.local.line && d.local.line.length > 3 && d.local.line[0] === d.local.line[d.local.line.length - 1],
    );
    if (fence?.local.line) {
      drafts.unshift({
        kind: 'park',
        layer: fence.layer,
        geometry: { type: 'Polygon', coordinates: [fence.local.line.map((p) => xy(p))] },
        local: {},
        props: { name: opts.name ?? 'imported park' },
      });
      report.guesses.push(`park: no park boundary layer; the closed fence on ${fence.layer} taken as the boundary, named "${opts.name ?? 'imported park'}"`);
    } else report.warnings.push('no park boundary: map the layer that draws it to kind "park" (a layout needs one)');
  }
  if (!drafts.length) {
    const found = [...perLayer].map(([l, s]) => `${l} (${s.entities})`).join(', ');
    throw new ImportError(`nothing recognisable: no layer maps to a kind of the layout. Layers found: ${found || 'none'}; map them with --map`);
  }

  // names from texts: the point whose circle holds the text (nearest first), else the smallest shape
  // that holds it, else the nearest point within its radius and a half (or 5 m)
  const area = (ring: [number, number][]) => Math.abs(ring.reduce((s, p, i) => s + (i ? ring[i - 1][0] * p[1] - p[0] * ring[i - 1][1] : 0), 0)) / 2;
  // the candidates of a text found through a spatial index of the shapes and the points' reach
  const reachOf = (d: Draft) => Math.max((d.local.radius ?? 0) * 1.5, 5 / unit_m);
  const boxes = drafts.map((d) => {
    if (d.local.point) {
      const r = reachOf(d);
      return [d.local.point[0] - r, d.local.point[1] - r, d.local.point[0] + r, d.local.point[1] + r];
    }
    if (d.local.ring) {
      const xs = d.local.ring.map((p) => p[0]);
      const ys = d.local.ring.map((p) => p[1]);
      return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    }
    return null;
  });
  const indexed = boxes.map((b, i) => (b ? i : -1)).filter((i) => i >= 0);
  const index = indexed.length && texts.length ? new Flatbush(indexed.length) : null;
  if (index) {
    for (const i of indexed) index.add(boxes[i]![0], boxes[i]![1], boxes[i]![2], boxes[i]![3]);
    index.finish();
  }
  for (const t of texts) {
    if (!index) break;
    let best: Draft | null = null;
    let bestAt = Infinity;
    let bestScore = Infinity;
    for (const k of index.search(t.at[0], t.at[1], t.at[0], t.at[1])) {
      const at = indexed[k];
      const d = drafts[at];
      if (d.props.name) continue;
      let score = Infinity;
      if (d.local.point) {
        const dist = Math.hypot(t.at[0] - d.local.point[0], t.at[1] - d.local.point[1]);
        const r = d.local.radius ?? 0;
        if (r && dist <= r) score = dist / r;
        else if (dist <= reachOf(d)) score = 3 + dist;
      } else if (d.local.ring && pointInRing(t.at as XY, d.local.ring)) score = 1 + area(d.local.ring) / (area(d.local.ring) + 1);
      // equal scores: the first drawn, as without the index
      if (score < bestScore || (score === bestScore && at < bestAt)) [best, bestScore, bestAt] = [d, score, at];
    }
    if (best) best.props.name = t.text;
  }

  // ids: a label that looks like one (T-101), else the kind's prefix and a number
  const idOf = idMaker();
  const features = drafts.map((d) => {
    const id = idOf(d.kind, d.props.name);
    report.counts[d.kind] = (report.counts[d.kind] ?? 0) + 1;
    return { type: 'Feature', geometry: roundGeometry(d.geometry), properties: { kind: d.kind, id, ...d.props } };
  });
  for (const [layer, s] of perLayer) {
    const k = kindOf.get(layer);
    report.layers.push({ layer, kind: k?.kind ?? null, by: k?.by ?? 'none', entities: s.entities, features: s.features, texts: s.texts });
    if (k?.properties && s.features) report.defaults.push(`${layer}: ${Object.keys(k.properties).join(', ')} from the mapping`);
  }
  report.skipped = [...skipped.values()];
  return {
    layout: layoutOf(features, opts.name),
    report,
  };
}

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;
/** 8 decimals of a degree: about a millimetre. */
const ll = (p: [number, number]): [number, number] => [round(p[0], 8), round(p[1], 8)];
function roundGeometry(g: { type: string; coordinates: unknown }) {
  if (g.type === 'Point') return { type: 'Point', coordinates: ll(g.coordinates as [number, number]) };
  if (g.type === 'LineString') return { type: 'LineString', coordinates: (g.coordinates as [number, number][]).map(ll) };
  return { type: 'Polygon', coordinates: (g.coordinates as [number, number][][]).map((r) => r.map(ll)) };
}
