/**
 * bench/layout: loading a layout — JSON text to the park model — on the demo and on 10× the demo (a
 * generated park of scale 10, about 10 800 features). A load is `JSON.parse` of the text and then
 * *validating and normalising* the value it gave (parseLayout, owned as parseLayoutText hands it
 * over: limits, every feature's geometry and properties, the checks across features; then buildModel:
 * the local frame); both phases are timed, the whole load and validate + normalise alone.
 *
 * Timed in a fresh process each time (the way a server start or a CLI command loads its layout: the
 * first load is the one that counts), median of BENCH_REPEAT (7); and warm (the same process, the
 * fifth load onwards, median). The probes take turns, round by round. Baselines in the same run:
 * JSON.parse of the same text alone — the floor no loader can go under; JSON.parse and one visit of
 * every value it gave (a type test each, no object made) — the floor of any loader that checks every
 * value after parsing; and the load of the same file by the parktwin checkout named by BENCH_BASE (a
 * directory, e.g. a `git worktree` of an older commit), when given.
 *
 * Env: BENCH_REPEAT (7), BENCH_BASE (none).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generatePark } from '../src/generate/park.ts';
import { stringifyLayout } from '../src/model/serialize.ts';

const REPEAT = Number(process.env.BENCH_REPEAT ?? 7);
const BASE = process.env.BENCH_BASE;
const root = path.resolve(import.meta.dirname, '..');
const dir = mkdtempSync(path.join(tmpdir(), 'parktwin-bench-layout-'));

// the probe: loads the file n times in one process, prints each load's [whole, after JSON.parse] ms
// (the first load is cold)
const probe = (checkout: string) => `
import { readFileSync } from 'node:fs';
const { parseLayout } = await import(${JSON.stringify(path.join(checkout, 'src/model/validate.ts'))});
const { buildModel } = await import(${JSON.stringify(path.join(checkout, 'src/model/model.ts'))});
const text = readFileSync(process.argv[2], 'utf8');
// every value once, iteratively (an explicit stack): the least a checking loader does after JSON.parse
const visit = (root) => {
  const stack = [root];
  let n = 0;
  while (stack.length) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) { if (typeof v === 'number') n++; continue; }
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) stack.push(v[i]);
    else for (const k in v) stack.push(v[k]);
  }
  return n;
};
const out = [];
const mode = process.argv[4];
for (let i = 0; i < Number(process.argv[3]); i++) {
  const t0 = performance.now();
  const json = JSON.parse(text);
  const t1 = performance.now();
  if (mode === 'visit') visit(json);
  if (mode === 'load') {
    // parseLayoutText is JSON.parse and then this (a checkout older than ParseOptions ignores it)
    const r = parseLayout(json, { owned: true });
    if (!r.ok) throw new Error('invalid layout: ' + JSON.stringify(r.issues.slice(0, 3)));
    buildModel(r.layout, r.frame, r.ids); // the index made while checking ids (older checkouts: none, ignored)
  }
  const t2 = performance.now();
  out.push([t2 - t0, t2 - t1]);
}
console.log(JSON.stringify(out));
`;
const probeFile = (checkout: string, name: string) => {
  const f = path.join(dir, `${name}.mts`);
  writeFileSync(f, probe(checkout));
  return f;
};
const tsx = path.join(root, 'node_modules/.bin/tsx');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number) => Math.round(x * 10) / 10;

type Mode = 'load' | 'json' | 'visit';
type Timing = { cold_ms: number; warm_ms: number };
/** The whole load, and the part after JSON.parse (validate + normalise). */
type Phases = Timing & { validate_normalise: Timing };

/**
 * Each probe in turn, BENCH_REPEAT rounds (one fresh process per probe per round): interleaved, so a
 * change in the machine's load in the middle of the run falls on every probe alike and the ratios
 * hold. The median of the rounds per probe.
 */
function measure(file: string, probes: [probe: string, mode: Mode][]): Phases[] {
  const cold: [number, number][][] = probes.map(() => []);
  const warm: [number, number][][] = probes.map(() => []);
  for (let k = 0; k < REPEAT; k++) {
    for (let i = 0; i < probes.length; i++) {
      const [probeF, mode] = probes[i];
      const runs: [number, number][] = JSON.parse(execFileSync(tsx, [probeF, file, '12', mode], { encoding: 'utf8' }).trim());
      cold[i].push(runs[0]);
      const later = runs.slice(4);
      warm[i].push([median(later.map((r) => r[0])), median(later.map((r) => r[1]))]);
    }
  }
  const phase = (i: number, p: 0 | 1): Timing => ({ cold_ms: round(median(cold[i].map((r) => r[p]))), warm_ms: round(median(warm[i].map((r) => r[p]))) });
  return probes.map((_, i) => ({ ...phase(i, 0), validate_normalise: phase(i, 1) }));
}

const ours = probeFile(root, 'ours');
const base = BASE ? probeFile(path.resolve(BASE), 'base') : null;
const results: Record<string, unknown> = {};
const rows: string[][] = [];
for (const scale of [1, 10]) {
  const layout = generatePark({ seed: scale === 1 ? 'demo' : 'bench-layout', scale });
  const file = path.join(dir, `park-${scale}.geojson`);
  writeFileSync(file, stringifyLayout(layout));
  const n = layout.features.length;
  const [json, visit, us, old = null] = measure(file, [[ours, 'json'], [ours, 'visit'], [ours, 'load'], ...(base ? [[base, 'load'] as [string, Mode]] : [])]);
  const ratio = (a: Timing, b: Timing) => ({ cold: round(a.cold_ms / b.cold_ms), warm: round(a.warm_ms / b.warm_ms) });
  const whole = old && ratio(old, us);
  const vn = old && ratio(old.validate_normalise, us.validate_normalise);
  results[`${scale}x`] = {
    features: n,
    parktwin: us,
    json_parse: { cold_ms: json.cold_ms, warm_ms: json.warm_ms },
    parse_and_visit: { cold_ms: visit.cold_ms, warm_ms: visit.warm_ms },
    ...(old && whole && vn
      ? {
          base: old,
          cold_speedup: whole.cold,
          warm_speedup: whole.warm,
          validate_normalise_cold_speedup: vn.cold,
          validate_normalise_warm_speedup: vn.warm,
        }
      : {}),
  };
  const pair = (t: Timing) => `${t.cold_ms} / ${t.warm_ms} ms`;
  rows.push([
    `${scale}×`,
    String(n),
    pair(us),
    pair(us.validate_normalise),
    pair(json),
    pair(visit),
    old ? pair(old) : '—',
    old ? pair(old.validate_normalise) : '—',
    whole ? `${whole.cold}× / ${whole.warm}×` : '—',
    vn ? `${vn.cold}× / ${vn.warm}×` : '—',
  ]);
}
rmSync(dir, { recursive: true, force: true });

const baseName = BASE ? ` (${path.basename(BASE)})` : '';
const head = [
  'scale',
  'features',
  'load',
  'validate + normalise',
  'JSON.parse alone',
  'parse + visit',
  `base${baseName}: load`,
  `base${baseName}: v + n`,
  'speed-up: load',
  'speed-up: v + n',
];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)) + 2);
process.stdout.write(`layout loading (text → model), median of ${REPEAT} processes; each cell first load / warm\n`);
for (const r of [head, ...rows]) process.stdout.write(`${r.map((c, i) => c.padEnd(widths[i])).join('')}\n`);
process.stdout.write(`${JSON.stringify({ bench: 'layout', repeat: REPEAT, base: BASE ? path.basename(BASE) : null, results })}\n`);
