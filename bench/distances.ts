/**
 * bench/distances: the safety-distance report on a generated park of about 2 000 installations and
 * 5 000 protected targets — (a) the full report, (b) re-checking one dragged tank — against the
 * straightforward loop over every pair with turf's distance functions, in the same run.
 *
 * The baseline is linear in the number of `from` features, so it is timed on a random sample of
 * them and scaled up (the sample is printed); run whole it would take minutes. Both sides compute
 * the same checks: the violating pairs of the sample are compared (turf measures on a sphere, so
 * pairs within 0.5 % of their limit are left out of that comparison).
 */
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { lineString, point, polygon } from '@turf/helpers';
import { pointToLineDistance } from '@turf/point-to-line-distance';
import { generatePark } from '../src/generate/park.ts';
import { createRng } from '../src/generate/rng.ts';
import { createFrame } from '../src/geo/primitives/frame.ts';
import { DistanceEngine } from '../src/geo/compliance/distances.ts';
import { DEFAULT_RULE_SETS } from '../src/geo/compliance/ruleSets.ts';
import { compileExpression, matches, type DistanceRule } from '../src/geo/compliance/rules.ts';
import { loadModel, tankShape, type ModelFeature, type ParkModel } from '../src/model/model.ts';

const SCALE = 9; // 9 districts ≈ 2 100 installations
const TARGETS = 5000;

function buildPark(): ParkModel {
  const park = generatePark({ seed: 'bench-distances', scale: SCALE });
  // add protected targets around the park until there are TARGETS of them
  const rng = createRng('bench-targets');
  const frame = createFrame(park.parktwin.origin as [number, number]);
  const have = park.features.filter((f) => (f as { properties: { kind: string } }).properties.kind === 'protected_target').length;
  const cats = ['village', 'residential', 'school', 'hospital', 'public_gathering', 'neighbouring_plant', 'commercial'];
  const half = { x: (Math.ceil(Math.sqrt(SCALE)) * 6000) / 2, y: (Math.ceil(SCALE / Math.ceil(Math.sqrt(SCALE))) * 4000) / 2 };
  for (let i = have; i < TARGETS; i++) {
    const side = rng.int(0, 3);
    const out = rng.range(30, 3000);
    const along = rng.range(-1, 1);
    const [x, y] =
      side === 0
        ? [-half.x - out, along * half.y]
        : side === 1
          ? [half.x + out, along * half.y]
          : side === 2
            ? [along * half.x, -half.y - out]
            : [along * half.x, half.y + out];
    const s = rng.range(10, 150);
    const ll = (p: [number, number]) => {
      const [lon, lat] = frame.toLngLat(p);
      return [lon, lat];
    };
    const category = rng.pick(cats);
    const population = rng.int(1, 3000);
    const gb = ['school', 'hospital'].includes(category) ? 'high_sensitivity' : population >= 100 ? 'general_1' : population >= 30 ? 'general_2' : 'general_3';
    park.features.push({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [[ll([x - s, y - s]), ll([x + s, y - s]), ll([x + s, y + s]), ll([x - s, y + s]), ll([x - s, y - s])]] },
      properties: { kind: 'protected_target', id: `BT-${i}`, name: `target ${i}`, category, population, gb36894_category: gb },
    });
  }
  const r = loadModel(park);
  if (!r.ok) throw new Error(JSON.stringify(r.issues.slice(0, 3)));
  return r.model;
}

// --- the baseline: every pair, turf distances on WGS84 geometry -----------------------------------

function turfDistance_m(a: ModelFeature, b: ModelFeature): number {
  const radius = (f: ModelFeature) =>
    f.kind === 'tank' ? tankShape(f as ModelFeature<'tank'>).radius_m : f.kind === 'vessel' ? (f.props as { diameter_m: number }).diameter_m / 2 : 0;
  const g = (f: ModelFeature) => f.feature.geometry;
  const ga = g(a);
  const gb = g(b);
  const pointToGeom = (p: number[], geom: typeof gb): number => {
    if (geom.type === 'Point') return pointToLineDistance(point(p), lineString([geom.coordinates, geom.coordinates]), { units: 'meters' });
    if (geom.type === 'LineString') return pointToLineDistance(point(p), lineString(geom.coordinates), { units: 'meters' });
    if (booleanPointInPolygon(point(p), polygon(geom.coordinates))) return 0;
    return pointToLineDistance(point(p), lineString(geom.coordinates[0]), { units: 'meters' });
  };
  const verts = (geom: typeof ga) => (geom.type === 'Point' ? [geom.coordinates] : geom.type === 'LineString' ? geom.coordinates : geom.coordinates[0]);
  let d = Infinity;
  for (const p of verts(ga)) d = Math.min(d, pointToGeom(p, gb));
  for (const p of verts(gb)) d = Math.min(d, pointToGeom(p, ga));
  return Math.max(0, d - radius(a) - radius(b));
}

function baseline(model: ParkModel, fromIds: Set<string> | undefined): { violations: Set<string>; pairs: number } {
  const violations = new Set<string>();
  let pairs = 0;
  for (const set of DEFAULT_RULE_SETS) {
    for (const rule of set.rules) {
      if (rule.type !== 'distance') continue;
      const r = rule as DistanceRule;
      const expr = compileExpression(r.required_m).fn;
      const from = model.features.filter((f) => matches(f.kind, f.props as Record<string, unknown>, r.from) && (!fromIds || fromIds.has(f.id)));
      const to = model.features.filter((f) => matches(f.kind, f.props as Record<string, unknown>, r.to));
      for (const a of from) {
        for (const b of to) {
          if (a === b) continue;
          const pa = a.props as Record<string, unknown>;
          const pb = b.props as Record<string, unknown>;
          if (r.same.some((p) => pa[p] === undefined || pa[p] !== pb[p])) continue;
          pairs++;
          const req = expr(pa, pb);
          if (turfDistance_m(a, b) < req - sphereTolerance_m(req, a, b)) violations.add(pairKey(r.id, a.id, b.id));
        }
      }
    }
  }
  return { violations, pairs };
}

/**
 * turf measures on a sphere, up to ≈ 0.5 % off the WGS84 ellipsoid over the whole span between the
 * two reference points (centre to centre for tanks): pairs within that of their limit are not compared.
 */
const radiusOf = (f: ModelFeature) =>
  f.kind === 'tank' ? tankShape(f as ModelFeature<'tank'>).radius_m : f.kind === 'vessel' ? (f.props as { diameter_m: number }).diameter_m / 2 : 0;
const sphereTolerance_m = (required_m: number, a: ModelFeature, b: ModelFeature) => 0.01 + 0.005 * (required_m + radiusOf(a) + radiusOf(b));
const pairKey = (rule: string, a: string, b: string) => `${rule}|${a < b ? a : b}|${a < b ? b : a}`;

// --- run ----------------------------------------------------------------------------------------

const time = (fn: () => void, repeat = 1) => {
  const t0 = performance.now();
  for (let i = 0; i < repeat; i++) fn();
  return (performance.now() - t0) / repeat;
};

const model = buildPark();
const installations = model.features.filter((f) => ['tank', 'vessel', 'process_unit', 'flare', 'building', 'dike'].includes(f.kind)).length;
const targets = model.ofKind('protected_target').length;

// (a) full report: engine (index build included) vs baseline on a sample
let report = new DistanceEngine(model, DEFAULT_RULE_SETS).run();
const fullRuns = 5;
const engineFull_ms = time(() => {
  report = new DistanceEngine(model, DEFAULT_RULE_SETS).run();
}, fullRuns);
const distanceFrom = new Set<string>();
for (const set of DEFAULT_RULE_SETS)
  for (const rule of set.rules)
    if (rule.type === 'distance') for (const f of model.features) if (matches(f.kind, f.props as Record<string, unknown>, rule.from)) distanceFrom.add(f.id);
const rng = createRng('bench-sample');
const all = [...distanceFrom];
const sample = new Set<string>();
const SAMPLE = 40;
while (sample.size < Math.min(SAMPLE, all.length)) sample.add(rng.pick(all));
let base = { violations: new Set<string>(), pairs: 0 };
const baselineSample_ms = time(() => {
  base = baseline(model, sample);
});
const baselineFull_ms = baselineSample_ms * (all.length / sample.size);
// the engine lists a symmetric pair once, from either side: compare unordered pairs with a sampled member on the from side
const fromSel = new Map<string, DistanceRule>();
for (const set of DEFAULT_RULE_SETS) for (const rule of set.rules) if (rule.type === 'distance') fromSel.set(rule.id, rule);
const engineViolations = new Set(
  report.checks
    .filter((c) => c.actual_m < c.required_m - sphereTolerance_m(c.required_m, model.byId.get(c.from)!, model.byId.get(c.to)!) && fromSel.has(c.rule))
    .filter(
      (c) =>
        sample.has(c.from) ||
        (sample.has(c.to) && matches(model.byId.get(c.to)!.kind, model.byId.get(c.to)!.props as Record<string, unknown>, fromSel.get(c.rule)!.from)),
    )
    .map((c) => pairKey(c.rule, c.from, c.to)),
);
const sameViolations = engineViolations.size === base.violations.size && [...engineViolations].every((k) => base.violations.has(k));
const engineSampleViolations = engineViolations.size;

// (b) re-check one dragged tank
const engine = new DistanceEngine(model, DEFAULT_RULE_SETS);
engine.run();
const tanks = model.ofKind('tank');
const moves = 200;
const recheck_ms = time(() => {
  const t = rng.pick(tanks);
  engine.move(t.id, rng.range(-5, 5), rng.range(-5, 5));
  engine.checksFor(t.id);
}, moves);
const dragged = tanks[0];
const baselineRecheck_ms = time(() => baseline(model, new Set([dragged.id])), 3);

const rows = [
  ['park', `${installations} installations, ${targets} protected targets (scale ${SCALE} + synthetic targets)`],
  ['(a) full report, engine', `${engineFull_ms.toFixed(1)} ms (${report.checks.length} checks, ${report.summary.violations} violations; mean of ${fullRuns})`],
  [
    '(a) full report, turf baseline',
    `${(baselineFull_ms / 1000).toFixed(1)} s (timed on ${sample.size} of ${all.length} from-features: ${baselineSample_ms.toFixed(0)} ms, scaled)`,
  ],
  ['(a) speed-up', `${(baselineFull_ms / engineFull_ms).toFixed(0)}×`],
  ['(a) same violations on the sample', `${sameViolations ? 'yes' : 'NO'}: engine ${engineSampleViolations}, baseline ${base.violations.size}`],
  ['(b) re-check a dragged tank, engine', `${recheck_ms.toFixed(3)} ms (mean of ${moves})`],
  ['(b) re-check, turf baseline', `${baselineRecheck_ms.toFixed(1)} ms`],
  ['(b) speed-up', `${(baselineRecheck_ms / recheck_ms).toFixed(0)}×`],
];
const w = Math.max(...rows.map((r) => r[0].length));
for (const [k, v] of rows) process.stdout.write(`${k.padEnd(w)}  ${v}\n`);
process.stdout.write(
  JSON.stringify({
    bench: 'distances',
    installations,
    targets,
    checks: report.checks.length,
    full_ms: round(engineFull_ms),
    baseline_full_ms: round(baselineFull_ms),
    full_speedup: round(baselineFull_ms / engineFull_ms),
    recheck_ms: round(recheck_ms, 4),
    baseline_recheck_ms: round(baselineRecheck_ms),
    recheck_speedup: round(baselineRecheck_ms / recheck_ms),
    sample_violations_engine: engineSampleViolations,
    sample_violations_baseline: base.violations.size,
    same_violations: sameViolations,
  }) + '\n',
);

function round(v: number, d = 2) {
  return Math.round(v * 10 ** d) / 10 ** d;
}
