/**
 * Loading and validating a layout: the one place where anything read from disk or the network
 * becomes a typed `Layout`. Every problem is reported with the feature (its id, or `#index` when it
 * has none), the field path and a message that says how to fix it; nothing is half-accepted.
 */
import type { z } from 'zod';
import { createFrame, type LocalFrame } from '../geo/primitives/frame.ts';
import { bboxOf, firstSelfIntersection, maxExtent_m, pointPolylineDistance } from '../geo/primitives/planar.ts';
import { KINDS, SENSOR_UNITS, type Kind } from './enums.ts';
import { compileReader, DECLINE, keyCount, type Reader } from './fastRead.ts';
import {
  FORMAT_VERSION,
  GEOMETRY_TYPES,
  LineStringGeom,
  ParktwinMeta,
  PointGeom,
  PolygonGeom,
  PROPERTIES,
  type Geometry,
  type Layout,
  type LayoutFeature,
} from './schema.ts';

export interface LayoutIssue {
  severity: 'error' | 'warning';
  /** Feature id, `#index` for a feature without a usable id, or `(collection)`. */
  feature: string;
  /** Field path inside the feature, e.g. `properties.diameter_m` or `geometry.coordinates[0]`. */
  path: string;
  message: string;
}

export type ParseResult =
  | {
      ok: true;
      layout: Layout;
      frame: LocalFrame;
      /** Each feature's place in `layout.features`, by id (made while the ids were checked unique; buildModel reads through it). */
      ids: ReadonlyMap<string, number>;
      issues: LayoutIssue[];
    }
  | { ok: false; issues: LayoutIssue[] };

/** The input is not a layout at all (not JSON, not a FeatureCollection): CLI exit code 2. */
export class LayoutFormatError extends Error {
  override name = 'LayoutFormatError';
}

/** A gate further than this from its fence is not on it (GeoJSON digitising tolerance). */
export const GATE_ON_FENCE_TOLERANCE_m = 5;
/** A fence LineString whose ends are further apart than this is open. */
export const FENCE_CLOSURE_TOLERANCE_m = 1;
/** Largest plausible tank, m: the biggest storage tanks built are about 100 m across. */
export const MAX_TANK_EXTENT_m = 120;
/** Liquid density bound for inventory vs capacity, t/m³ (densest common bulk liquids ≈ 1.9). */
export const MAX_LIQUID_DENSITY_t_m3 = 2.5;
/** A park larger than this across exceeds the local frame's 1 cm/km accuracy (see geo/frame.ts). */
export const MAX_PARK_EXTENT_m = 40_000;

/** Which kinds a reference field must point at. */
const REFERENCES: Record<string, readonly Kind[]> = {
  enterprise_id: ['enterprise'],
  dike_id: ['dike'],
  fence_id: ['fence'],
  unit_id: ['process_unit'],
  rack_id: ['pipe_rack'],
  watches: ['tank', 'vessel', 'process_unit', 'flare', 'dike', 'pipe_rack', 'pipeline', 'building', 'zone', 'gate', 'fence', 'enterprise'],
};

// Plain readers of the schemas (fastRead.ts): what zod would give for a valid value, or DECLINE and zod
// reads it (and words the errors). Compiled once, on the first layout read.
type ReaderSet = {
  geometry: Record<Geometry['type'], Reader | null>;
  properties: Record<Kind, Reader | null>;
};
type Readers = {
  known: Record<Kind, Set<string>>;
  /** The reference fields a kind has, with the kinds each may point at. */
  references: Record<Kind, [string, readonly Kind[]][]>;
};
const byKind = <T>(f: (k: Kind) => T) => Object.fromEntries(KINDS.map((k) => [k, f(k)])) as Record<Kind, T>;
let readers: Readers | undefined;
function getReaders(): Readers {
  if (readers) return readers;
  const known = byKind((k) => new Set(Object.keys((PROPERTIES[k] as unknown as z.ZodObject<z.ZodRawShape>).shape)));
  readers = { known, references: byKind((k) => Object.entries(REFERENCES).filter(([field]) => known[k].has(field))) };
  return readers;
}

/**
 * The readers that copy (the layout never shares an object with its input), or those that keep what
 * needs no copy, for an input the loader owns (ReaderOptions.inPlace); each set compiled when first used.
 */
const readerSets: { copy?: ReaderSet; inPlace?: ReaderSet } = {};
function getReaderSet(inPlace: boolean): ReaderSet {
  const key = inPlace ? 'inPlace' : 'copy';
  readerSets[key] ??= {
    geometry: {
      Point: compileReader(PointGeom, { inPlace }),
      LineString: compileReader(LineStringGeom, { inPlace }),
      Polygon: compileReader(PolygonGeom, { inPlace }),
    },
    properties: byKind((k) => compileReader(PROPERTIES[k] as unknown as z.ZodType, { inPlace })),
  };
  return readerSets[key];
}

const fmtPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)), '');

function closestName(word: string, options: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const o of options) {
    const d = editDistance(word, o);
    if (d < bestD) {
      bestD = d;
      best = o;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const t = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = t;
    }
  }
  return dp[b.length];
}

/** What one layout file may hold: beyond these a file is refused (before any other check) with the feature named. */
export const LAYOUT_LIMITS = { features: 200_000, vertices: 200_000, depth: 32 } as const;

/** The path where a value nests deeper than `max` levels, or null (iterative: no stack to overflow). */
function tooDeep(v: unknown, max: number): string | null {
  const stack: [unknown, number, string][] = [[v, 0, '']];
  while (stack.length) {
    const [x, d, p] = stack.pop()!;
    if (typeof x !== 'object' || x === null) continue;
    if (d >= max) return p.slice(1) || '(feature)';
    if (Array.isArray(x)) {
      // coordinates are arrays of numbers: only look into arrays that hold objects or arrays
      for (let i = 0; i < x.length; i++) if (typeof x[i] === 'object' && x[i] !== null) stack.push([x[i], d + 1, `${p}[${i}]`]);
    } else for (const k of Object.keys(x)) stack.push([(x as Record<string, unknown>)[k], d + 1, `${p}.${k}`]);
  }
  return null;
}

// One stack for the two walks below, reused from feature to feature (a layout has ten thousand).
const walkValues: unknown[] = [];
const walkDepths: number[] = [];

/** Whether a value nests deeper than `max` levels: tooDeep's answer without building a path per node. */
function deeperThan(v: unknown, max: number): boolean {
  let n = 0;
  walkValues[n] = v;
  walkDepths[n++] = 0;
  let found = false;
  while (n > 0) {
    const x = walkValues[--n];
    walkValues[n] = undefined; // hold nothing of the layout once read
    const d = walkDepths[n];
    if (typeof x !== 'object' || x === null) continue;
    if (d >= max) {
      found = true;
      walkValues.fill(undefined, 0, n);
      break;
    }
    if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) {
        const y = x[i];
        if (typeof y === 'object' && y !== null) {
          walkValues[n] = y;
          walkDepths[n++] = d + 1;
        }
      }
    } else {
      for (const k in x) {
        if (!Object.hasOwn(x, k)) continue;
        const y = (x as Record<string, unknown>)[k];
        if (typeof y === 'object' && y !== null) {
          walkValues[n] = y;
          walkDepths[n++] = d + 1;
        }
      }
    }
  }
  return found;
}

/** Positions in a coordinates array (numbers counted in pairs), iteratively. */
function vertexCount(c: unknown[]): number {
  let count = 0;
  let n = 0;
  walkValues[n++] = c;
  while (n > 0) {
    const x = walkValues[--n];
    walkValues[n] = undefined;
    if (!Array.isArray(x)) continue;
    if (typeof x[0] === 'number') count++;
    else for (let i = 0; i < x.length; i++) walkValues[n++] = x[i];
  }
  return count;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** How issues name a feature: its id, or `#index` when it has no usable id. */
function labelOf(raw: unknown, index: number): string {
  const id = isObject(raw) && isObject(raw.properties) ? raw.properties.id : undefined;
  return typeof id === 'string' && id.length > 0 ? id : `#${index}`;
}

/** Parses JSON text into a layout. Throws LayoutFormatError when it is not JSON or not a FeatureCollection. */
export function parseLayoutText(text: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new LayoutFormatError(`not JSON: ${(e as Error).message}`);
  }
  return parseLayout(json, { owned: true });
}

export interface ParseOptions {
  /**
   * The caller hands the value over (it parsed it for this and keeps no reference): the layout may
   * then be made of the value's own objects wherever they are already what reading them gives, not of
   * copies — less to allocate on a large layout. Otherwise the layout shares nothing with the value.
   */
  owned?: boolean;
}

/** Validates a parsed JSON value as a layout. Throws LayoutFormatError when it is not a FeatureCollection. */
export function parseLayout(json: unknown, options: ParseOptions = {}): ParseResult {
  if (!isObject(json) || json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
    throw new LayoutFormatError('not a GeoJSON FeatureCollection (expected {"type": "FeatureCollection", "features": [...]})');
  }
  const owned = options.owned === true;
  const issues: LayoutIssue[] = [];
  let errorCount = 0;
  const errors = () => errorCount;
  const err = (feature: string, path: string, message: string) => {
    errorCount++;
    issues.push({ severity: 'error', feature, path, message });
  };
  const warn = (feature: string, path: string, message: string) => issues.push({ severity: 'warning', feature, path, message });

  // --- limits first (the depth of features below, as they are read), so a hostile file is refused
  // quickly and names where it is too much
  if (json.features.length > LAYOUT_LIMITS.features) {
    err('(collection)', 'features', `${json.features.length} features; a layout has at most ${LAYOUT_LIMITS.features}`);
    return { ok: false, issues };
  }
  const raws: unknown[] = json.features;
  const tooDeepIssue = (raw: unknown, index: number): LayoutIssue => ({
    severity: 'error',
    feature: labelOf(raw, index).slice(0, 100),
    path: tooDeep(raw, LAYOUT_LIMITS.depth)!,
    message: `nested deeper than ${LAYOUT_LIMITS.depth} levels`,
  });
  const tooManyVertices = (raw: unknown, index: number): LayoutIssue | null => {
    const g = isObject(raw) && isObject(raw.geometry) ? raw.geometry.coordinates : undefined;
    const n = Array.isArray(g) ? vertexCount(g) : 0;
    if (n <= LAYOUT_LIMITS.vertices) return null;
    return {
      severity: 'error',
      feature: labelOf(raw, index).slice(0, 100),
      path: 'geometry.coordinates',
      message: `${n} vertices; a geometry has at most ${LAYOUT_LIMITS.vertices}`,
    };
  };
  // plain indexed loops on the load path: it runs once per layout, mostly before the JIT has compiled
  // it, where iterators and callbacks cost far more than the work itself
  for (let index = 0; index < raws.length; index++) {
    if (!tooManyVertices(raws[index], index)) continue;
    // refused: every feature's limits, in order, and nothing else
    const limits: LayoutIssue[] = [];
    for (let i = 0; i < raws.length; i++) {
      if (deeperThan(raws[i], LAYOUT_LIMITS.depth)) limits.push(tooDeepIssue(raws[i], i));
      const v = tooManyVertices(raws[i], i);
      if (v) limits.push(v);
    }
    return { ok: false, issues: limits };
  }

  // --- the collection's parktwin member (format version, name, origin)
  let meta: ParktwinMeta | undefined;
  if (json.parktwin === undefined) {
    err('(collection)', 'parktwin', `missing; add "parktwin": {"version": ${FORMAT_VERSION}} to the FeatureCollection`);
  } else {
    const version = isObject(json.parktwin) ? json.parktwin.version : undefined;
    if (typeof version === 'number' && version > FORMAT_VERSION) {
      err('(collection)', 'parktwin.version', `format version ${version} is newer than this parktwin reads (${FORMAT_VERSION}); upgrade parktwin`);
    } else {
      const r = ParktwinMeta.safeParse(json.parktwin);
      if (r.success) meta = r.data;
      else for (const i of r.error.issues) err('(collection)', fmtPath(['parktwin', ...i.path]), i.message);
    }
  }

  // --- each feature on its own
  const features: LayoutFeature[] = [];
  // the depth limit: a feature kept as it was read (owned, every part what its schema reads) nests no
  // deeper than the schema, and the readers never follow what the schema does not have; any other
  // feature is walked. A feature nested too deep refuses the layout with the limits alone, as if they
  // had been checked first.
  const deep: LayoutIssue[] = [];
  for (let index = 0; index < raws.length; index++) {
    const raw = raws[index];
    const f = parseFeature(raw, labelOf(raw, index), err, warn, errors, owned);
    if (f !== raw && deeperThan(raw, LAYOUT_LIMITS.depth)) deep.push(tooDeepIssue(raw, index));
    if (f) features.push(f);
  }
  if (deep.length) return { ok: false, issues: deep };
  if (issues.some((i) => i.severity === 'error') || !meta) return { ok: false, issues };

  // --- across features
  const frame = createFrame(meta.origin ?? defaultOrigin(features));
  const ids = checkCollection(features, frame, err, warn);
  if (issues.some((i) => i.severity === 'error')) return { ok: false, issues };
  return { ok: true, layout: { type: 'FeatureCollection', parktwin: meta, features }, frame, ids, issues };
}

type Report = (feature: string, path: string, message: string) => void;

function parseFeature(raw: unknown, label: string, err: Report, warn: Report, errors: () => number, owned: boolean): LayoutFeature | undefined {
  if (!isObject(raw) || raw.type !== 'Feature') {
    err(label, 'type', 'not a GeoJSON Feature (expected "type": "Feature")');
    return undefined;
  }
  if (!isObject(raw.properties)) {
    err(label, 'properties', 'missing; every feature needs properties with kind and id');
    return undefined;
  }
  const kind = raw.properties.kind;
  if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) {
    const hint = typeof kind === 'string' ? closestName(kind, KINDS) : undefined;
    err(
      label,
      'properties.kind',
      kind === undefined
        ? 'missing; every feature needs a kind'
        : `unknown kind ${JSON.stringify(kind)}${hint ? ` (did you mean "${hint}"?)` : ''}; expected one of ${KINDS.join(', ')}`,
    );
    return undefined;
  }
  const k = kind as Kind;
  const readers = getReaders();
  const set = getReaderSet(owned);
  let ok = true;

  // geometry
  const g = raw.geometry;
  const allowed = GEOMETRY_TYPES[k];
  let geometry: Geometry | undefined;
  if (!isObject(g) || typeof g.type !== 'string') {
    err(label, 'geometry', `missing; a ${k} needs a ${allowed.join(' or ')} geometry`);
    ok = false;
  } else if (!(allowed as readonly string[]).includes(g.type)) {
    err(label, 'geometry.type', `a ${k} must be a ${allowed.join(' or ')}, not a ${g.type}`);
    ok = false;
  } else {
    const fast = set.geometry[g.type as Geometry['type']]?.(g) ?? DECLINE;
    if (fast !== DECLINE) geometry = fast as Geometry;
    else {
      const schema = g.type === 'Point' ? PointGeom : g.type === 'LineString' ? LineStringGeom : PolygonGeom;
      const r = (schema as z.ZodType<Geometry>).safeParse(g);
      if (r.success) geometry = r.data;
      else for (const i of r.error.issues) err(label, fmtPath(['geometry', ...i.path]), i.message);
    }
    if (!geometry || !checkGeometryShape(geometry, label, err)) ok = false;
  }

  // properties (the reader ignores `kind`, as it ignores any key its kind does not have)
  const given = raw.properties;
  let properties: unknown = set.properties[k]?.(given, 'kind') ?? DECLINE;
  if (properties === DECLINE) {
    const { kind: _k, ...props } = given;
    const r = (PROPERTIES[k] as unknown as z.ZodType).safeParse(props);
    if (r.success) properties = r.data;
    else {
      for (const i of r.error.issues) {
        const path = fmtPath(['properties', ...i.path]);
        const msg = i.code === 'invalid_type' && i.input === undefined ? `missing; required for a ${k}` : i.message;
        err(label, path, msg);
      }
      ok = false;
    }
  }
  const known = readers.known[k];
  // properties kept in place have no key their kind does not know (the reader counted them)
  if (properties !== given)
    for (const key in given) {
      if (!Object.hasOwn(given, key) || key === 'kind' || known.has(key)) continue;
      const hint = closestName(key, [...known]);
      warn(label, `properties.${key}`, `unknown property for a ${k}, ignored${hint ? ` (did you mean "${hint}"?)` : ''}`);
    }
  if (!ok || properties === DECLINE || !geometry) return undefined;
  if (properties !== given) (properties as Record<string, unknown>).kind = k; // the reader's copy, or zod's
  // an owned feature that is exactly its type, geometry and properties is kept as it is
  const feature = (
    owned && geometry === g && properties === given && keyCount(raw, undefined) === 3 ? raw : { type: 'Feature', geometry, properties }
  ) as LayoutFeature;
  return checkProperties(feature, label, err, warn, errors) ? feature : undefined;
}

/** Rings closed, no self-intersections. Returns false when an error was reported. */
function checkGeometryShape(g: Geometry, label: string, err: Report): boolean {
  if (g.type !== 'Polygon') return true;
  let ok = true;
  for (let r = 0; r < g.coordinates.length; r++) {
    const ring = g.coordinates[r];
    const a = ring[0];
    const b = ring[ring.length - 1];
    if (a[0] !== b[0] || a[1] !== b[1]) {
      err(label, `geometry.coordinates[${r}]`, 'ring is not closed: its last position must repeat its first (RFC 7946 §3.1.6)');
      ok = false;
    }
  }
  if (!ok) return false;
  const k = firstSelfIntersection(g.coordinates);
  if (k) {
    const [x, y] = k;
    err(label, 'geometry.coordinates', `polygon intersects itself near [${x.toFixed(6)}, ${y.toFixed(6)}]`);
    return false;
  }
  return true;
}

/** Rules inside one feature that the schema cannot express. Returns false when an error was reported. */
function checkProperties(f: LayoutFeature, label: string, e: Report, warn: Report, errors: () => number): boolean {
  const before = errors();
  const p = f.properties;
  switch (p.kind) {
    case 'tank': {
      if (f.geometry.type === 'Point' && p.diameter_m === undefined) e(label, 'properties.diameter_m', 'missing; a tank drawn as a Point needs its diameter');
      if (p.roof === 'horizontal' && p.length_m === undefined) e(label, 'properties.length_m', 'missing; a horizontal tank needs its length');
      if (p.diameter_m !== undefined) {
        const d = p.diameter_m;
        const v =
          p.roof === 'sphere'
            ? (Math.PI / 6) * d ** 3
            : p.roof === 'horizontal'
              ? (Math.PI / 4) * d * d * (p.length_m ?? 0)
              : (Math.PI / 4) * d * d * p.height_m;
        if (v > 0 && p.capacity_m3 > v * 1.05) {
          e(
            label,
            'properties.capacity_m3',
            `${p.capacity_m3} m³ does not fit a ${p.roof === 'sphere' ? 'sphere' : p.roof === 'horizontal' ? 'horizontal tank' : 'tank'} of diameter ${d} m${p.roof === 'horizontal' ? ` and length ${p.length_m} m` : p.roof === 'sphere' ? '' : ` and height ${p.height_m} m`} (at most ${Math.round(v)} m³)`,
          );
        }
      }
      if (p.inventory_t > p.capacity_m3 * MAX_LIQUID_DENSITY_t_m3) {
        e(label, 'properties.inventory_t', `${p.inventory_t} t cannot be held in ${p.capacity_m3} m³ (more than ${MAX_LIQUID_DENSITY_t_m3} t/m³)`);
      }
      break;
    }
    case 'vessel': {
      const v = (Math.PI / 4) * p.diameter_m ** 2 * p.height_m;
      if (p.inventory_t > v * MAX_LIQUID_DENSITY_t_m3)
        e(label, 'properties.inventory_t', `${p.inventory_t} t cannot be held in a vessel of about ${Math.round(v)} m³`);
      break;
    }
    case 'sensor': {
      const units = SENSOR_UNITS[p.type];
      if (!units.includes(p.unit)) e(label, 'properties.unit', `a ${p.type} sensor reports in ${units.join(' or ')}, not "${p.unit}"`);
      if (p.type === 'toxic_gas' && !p.substance) e(label, 'properties.substance', 'missing; a toxic gas detector names the gas it detects');
      if (p.camera && p.type !== 'video') e(label, 'properties.camera', `only a video sensor has a camera; this one is a ${p.type} sensor`);
      const t = p.thresholds;
      // each given threshold above the one given before it, in the order LL < L < H < HH
      let below: 'LL' | 'L' | 'H' | undefined;
      for (let i = 0; i < THRESHOLD_ORDER.length; i++) {
        const name = THRESHOLD_ORDER[i];
        const v = t[name];
        if (v === undefined) continue;
        if (below !== undefined && !(v > t[below]!)) e(label, `properties.thresholds.${name}`, `${name} (${v}) must be above ${below} (${t[below]})`);
        below = name as typeof below;
      }
      // GB/T 50493-2019 §5.5.2: combustible gas 1st alarm ≤ 25 %LEL, 2nd ≤ 50 %LEL.
      if (p.type === 'combustible_gas' && p.unit === '%LEL') {
        if (t.H !== undefined && t.H > 25)
          warn(label, 'properties.thresholds.H', `first-level alarm ${t.H} %LEL is above the 25 %LEL of GB/T 50493-2019 §5.5.2`);
        if (t.HH !== undefined && t.HH > 50)
          warn(label, 'properties.thresholds.HH', `second-level alarm ${t.HH} %LEL is above the 50 %LEL of GB/T 50493-2019 §5.5.2`);
      }
      // GB/T 50493-2019 §5.5.2: oxygen alarms at 19.5 %vol (low) and 23.5 %vol (high).
      if (p.type === 'oxygen' && ((t.L !== undefined && t.L < 19.5) || (t.H !== undefined && t.H > 23.5))) {
        warn(label, 'properties.thresholds', 'oxygen alarms are set at 19.5 %vol (low) and 23.5 %vol (high) by GB/T 50493-2019 §5.5.2');
      }
      break;
    }
    case 'zone': {
      if (p.valid_from && p.valid_to && Date.parse(p.valid_from) >= Date.parse(p.valid_to)) {
        e(label, 'properties.valid_to', `must be after valid_from (${p.valid_from})`);
      }
      if ((p.purpose === 'hot_work' || p.purpose === 'confined_space') && !p.permit) {
        warn(label, 'properties.permit', `a ${p.purpose} zone should carry its permit (GB 30871-2022)`);
      }
      break;
    }
    case 'protected_target': {
      // GB 36894-2018 Table 1: general targets by headcount — class 1 ≥ 100, class 2 30–99, class 3 < 30.
      const expected = p.population >= 100 ? 'general_1' : p.population >= 30 ? 'general_2' : 'general_3';
      if (p.gb36894_category.startsWith('general_') && p.gb36894_category !== expected) {
        warn(label, 'properties.gb36894_category', `${p.population} people makes a general target ${expected} under GB 36894-2018, not ${p.gb36894_category}`);
      }
      if (HIGH_SENSITIVITY_CATEGORIES.has(p.category) && p.gb36894_category !== 'high_sensitivity') {
        e(label, 'properties.gb36894_category', `a ${p.category} is a high-sensitivity target under GB 36894-2018 §4; set "high_sensitivity"`);
      }
      break;
    }
    default:
      break;
  }
  return errors() === before;
}

const THRESHOLD_ORDER = ['LL', 'L', 'H', 'HH'] as const;
/** GB 36894-2018 §4: these targets are high-sensitivity whatever their headcount. */
const HIGH_SENSITIVITY_CATEGORIES: ReadonlySet<string> = new Set(['school', 'hospital', 'kindergarten', 'care_home']);

function defaultOrigin(features: LayoutFeature[]): [number, number] {
  const park = features.find((f) => f.properties.kind === 'park');
  const pts: number[][] = [];
  const collect = (g: Geometry) => {
    if (g.type === 'Point') pts.push(g.coordinates);
    else if (g.type === 'LineString') pts.push(...g.coordinates);
    else pts.push(...g.coordinates[0]);
  };
  if (park) collect(park.geometry);
  else features.forEach((f) => collect(f.geometry));
  if (pts.length === 0) return [0, 0];
  const b = bboxOf(pts);
  return [(b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2];
}

/** Each feature's place in the list by id: the first, where ids repeat (`repeated` is told of each later one). */
export function indexById(features: readonly LayoutFeature[], repeated?: (index: number, first: number) => void): Map<string, number> {
  const ids = new Map<string, number>();
  for (let i = 0; i < features.length; i++) {
    const id = features[i].properties.id;
    const first = ids.get(id);
    if (first === undefined) ids.set(id, i);
    else repeated?.(i, first);
  }
  return ids;
}

/**
 * Rules across features: ids, references, one park, fences closed, gates on their fence, extents.
 * Returns each feature's index by id (the first, where ids repeat).
 */
function checkCollection(features: LayoutFeature[], frame: LocalFrame, err: Report, warn: Report): Map<string, number> {
  const ids = indexById(features, (i, first) => {
    const id = features[i].properties.id;
    err(id, 'properties.id', `duplicate id: another ${features[first].properties.kind} already uses "${id}"`);
  });
  const parks = features.filter((f) => f.properties.kind === 'park');
  if (parks.length === 0) err('(collection)', 'features', 'no park feature: a layout needs exactly one feature of kind "park" (the park boundary)');
  if (parks.length > 1) err(parks[1].properties.id, 'properties.kind', `a layout has exactly one park; "${parks[0].properties.id}" is already the park`);

  const { references } = getReaders();
  for (let fi = 0; fi < features.length; fi++) {
    const f = features[fi];
    const p = f.properties as Record<string, unknown>;
    const refs = references[f.properties.kind];
    for (let ri = 0; ri < refs.length; ri++) {
      const field = refs[ri][0];
      const kinds = refs[ri][1];
      const target = p[field];
      if (typeof target !== 'string') continue;
      const ti = ids.get(target);
      const t = ti === undefined ? undefined : features[ti];
      if (!t) err(p.id as string, `properties.${field}`, `refers to "${target}", which is not in the layout`);
      else if (!kinds.includes(t.properties.kind))
        err(p.id as string, `properties.${field}`, `refers to "${target}", a ${t.properties.kind}; expected a ${kinds.join(' or ')}`);
    }
  }

  const toLocal = (c: readonly number[]) => frame.toLocal(c);
  const fenceLines = new Map<string, ReturnType<typeof toLocal>[]>();
  for (let i = 0; i < features.length; i++) {
    const f = features[i];
    const p = f.properties;
    if (p.kind === 'fence') {
      const coords = f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : f.geometry.type === 'LineString' ? f.geometry.coordinates : [];
      const line = coords.map(toLocal);
      if (f.geometry.type === 'LineString') {
        const a = line[0];
        const b = line[line.length - 1];
        const gap = Math.hypot(a[0] - b[0], a[1] - b[1]);
        if (line.length < 4 || gap > FENCE_CLOSURE_TOLERANCE_m) {
          err(p.id, 'geometry.coordinates', `the fence does not close: its ends are ${gap.toFixed(1)} m apart (a closed perimeter must end where it starts)`);
          continue;
        }
        if (firstSelfIntersection([[...f.geometry.coordinates.slice(0, -1), f.geometry.coordinates[0]]]))
          err(p.id, 'geometry.coordinates', 'the fence crosses itself');
      }
      fenceLines.set(p.id, line);
    }
    if (p.kind === 'tank' && f.geometry.type === 'Polygon') {
      const ext = maxExtent_m(f.geometry.coordinates[0].map(toLocal));
      if (ext > MAX_TANK_EXTENT_m) err(p.id, 'geometry.coordinates', `a tank ${Math.round(ext)} m across is not plausible (at most ${MAX_TANK_EXTENT_m} m)`);
    }
    if (p.kind === 'park' && f.geometry.type === 'Polygon') {
      const ext = maxExtent_m(f.geometry.coordinates[0].map(toLocal));
      if (ext > MAX_PARK_EXTENT_m)
        warn(
          p.id,
          'geometry.coordinates',
          `the park is ${(ext / 1000).toFixed(1)} km across; local distances lose accuracy beyond ${MAX_PARK_EXTENT_m / 1000} km`,
        );
    }
  }
  for (let i = 0; i < features.length; i++) {
    const f = features[i];
    const p = f.properties;
    if (p.kind !== 'gate' || f.geometry.type !== 'Point') continue;
    const line = fenceLines.get(p.fence_id);
    if (!line) continue;
    const { distance_m } = pointPolylineDistance(toLocal(f.geometry.coordinates), line);
    if (distance_m > GATE_ON_FENCE_TOLERANCE_m) {
      err(
        p.id,
        'geometry.coordinates',
        `the gate is ${distance_m.toFixed(1)} m from fence "${p.fence_id}"; it must lie on it (within ${GATE_ON_FENCE_TOLERANCE_m} m)`,
      );
    }
  }
  return ids;
}
