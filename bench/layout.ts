/**
 * bench/layout: loading a layout — JSON text to the park model (parseLayoutText: limits, every
 * feature's geometry and properties, the checks across features; then buildModel: the local frame)
 * — on the demo and on 10× the demo (a generated park of scale 10, about 10 800 features).
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

// the probe: loads the file n times in one process, prints each load's ms (the first is cold)
const probe = (checkout: string) => `
import { readFileSync } from 'node:fs';
const { parseLayoutText } = await import(${JSON.stringify(path.join(checkout, 'src/model/validate.ts'))});
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
for (let i = 0; i < Number(process.argv[3]); i++) {
  const t0 = performance.now();
  const mode = process.argv[4];
  const r = mode === 'json' ? (JSON.parse(text), { ok: true }) : mode === 'visit' ? (visit(JSON.parse(text)), { ok: true }) : parseLayoutText(text);
  if (!r.ok) throw new Error('invalid layout: ' + JSON.stringify(r.issues.slice(0, 3)));
  if (r.layout) buildModel(r.layout, r.frame);
  out.push(performance.now() - t0);
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

/**
 * Each probe in turn, BENCH_REPEAT rounds (one fresh process per probe per round): interleaved, so a
 * change in the machine's load in the middle of the run falls on every probe alike and the ratios
 * hold. The median of the rounds per probe.
 */
function measure(file: string, probes: [probe: string, mode: Mode][]): Timing[] {
  const cold: number[][] = probes.map(() => []);
  const warm: number[][] = probes.map(() => []);
  for (let k = 0; k < REPEAT; k++) {
    probes.forEach(([probeF, mode], i) => {
      const runs: number[] = JSON.parse(execFileSync(tsx, [probeF, file, '12', mode], { encoding: 'utf8' }).trim());
      cold[i].push(runs[0]);
      warm[i].push(median(runs.slice(4)));
    });
  }
  return probes.map((_, i) => ({ cold_ms: round(median(cold[i])), warm_ms: round(median(warm[i])) }));
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
  results[`${scale}x`] = {
    features: n,
    parktwin: us,
    json_parse: json,
    parse_and_visit: visit,
    ...(old ? { base: old, cold_speedup: round(old.cold_ms / us.cold_ms), warm_speedup: round(old.warm_ms / us.warm_ms) } : {}),
  };
  rows.push([
    `${scale}×`,
    String(n),
    `${us.cold_ms} ms`,
    `${us.warm_ms} ms`,
    `${json.cold_ms} / ${json.warm_ms} ms`,
    `${visit.cold_ms} / ${visit.warm_ms} ms`,
    old ? `${old.cold_ms} / ${old.warm_ms} ms` : '—',
    old ? `${round(old.cold_ms / us.cold_ms)}× / ${round(old.warm_ms / us.warm_ms)}×` : '—',
  ]);
}
rmSync(dir, { recursive: true, force: true });

const head = [
  'scale',
  'features',
  'load, first',
  'load, warm',
  'JSON.parse alone',
  'parse + visit',
  `base${BASE ? ` (${path.basename(BASE)})` : ''}, first / warm`,
  'speed-up',
];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)) + 2);
process.stdout.write(`layout loading (text → model), median of ${REPEAT} processes\n`);
for (const r of [head, ...rows]) process.stdout.write(`${r.map((c, i) => c.padEnd(widths[i])).join('')}\n`);
process.stdout.write(`${JSON.stringify({ bench: 'layout', repeat: REPEAT, base: BASE ? path.basename(BASE) : null, results })}\n`);
