/**
 * bench/risk: the individual-risk map of the example study (examples/risk-demo.json on the demo
 * park: six scenarios, two weather classes, a 12-sector rose split in 60 directions) — read off the
 * tables built round each source (`RiskModel.field`) against the straightforward sum at every cell
 * (`RiskModel.at`: every scenario, weather class and direction), in the same run. The direct sum is
 * timed on a random sample of the cells and scaled up (the sample is printed); the two are compared
 * on that sample where the risk is at least 10⁻⁸ per year.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadModel } from '../src/model/model.ts';
import { individualRisk, riskGrid } from '../src/geo/risk/risk.ts';
import { parseRiskStudy } from '../src/geo/risk/scenarioIO.ts';
import { createRng } from '../src/generate/rng.ts';

const root = path.join(import.meta.dirname, '..');
const r = loadModel(JSON.parse(readFileSync(path.join(root, 'public/parks/demo.geojson'), 'utf8')));
if (!r.ok) throw new Error('demo invalid');
const model = r.model;
const study = JSON.parse(readFileSync(path.join(root, 'examples/risk-demo.json'), 'utf8'));
const input = parseRiskStudy(model, study);

const t0 = performance.now();
const risk = individualRisk(model, input);
const build = performance.now() - t0;
const t1 = performance.now();
const grid = riskGrid(risk, input.cell_m);
const ours = performance.now() - t1;
const cells = grid.nx * grid.ny;

const SAMPLE = 400;
const rng = createRng('bench-risk');
const picks = Array.from({ length: SAMPLE }, () => [rng.int(0, grid.nx - 1), rng.int(0, grid.ny - 1)] as const);
const t2 = performance.now();
const exact = picks.map(([i, j]) => risk.at([grid.x0 + i * grid.cell_m, grid.y0 + j * grid.cell_m]));
const direct = ((performance.now() - t2) / SAMPLE) * cells;
const diffs: number[] = [];
picks.forEach(([i, j], k) => {
  if (exact[k] >= 1e-8) diffs.push(Math.abs(grid.values[j * grid.nx + i] - exact[k]) / exact[k]);
});
diffs.sort((a, b) => a - b);
const compared = diffs.length;
const q = (f: number) => diffs[Math.min(compared - 1, Math.floor(f * compared))] ?? 0;
const worst = q(1);

const rows = [
  ['', 'tables round the sources (ours)', `direct sum (sample ${SAMPLE} cells, scaled)`],
  [`map of ${grid.nx} × ${grid.ny} cells of ${grid.cell_m.toFixed(0)} m, s`, (ours / 1000).toFixed(2), (direct / 1000).toFixed(1)],
  ['scenario models built, ms', build.toFixed(0), build.toFixed(0)],
  [
    `difference where IR ≥ 1e-8 (${compared} cells): median / 95 % / worst`,
    `${(q(0.5) * 100).toFixed(2)} / ${(q(0.95) * 100).toFixed(1)} / ${(worst * 100).toFixed(1)} %`,
    '—',
  ],
];
const w = rows[0].map((_, i) => Math.max(...rows.map((x) => x[i].length)));
console.log(
  `individual risk, examples/risk-demo.json on the demo park: ${input.scenarios.length} scenarios × ${input.weather.length} weather classes × 60 directions`,
);
for (const x of rows) console.log(x.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  '));
console.log(`speed-up ${(direct / ours).toFixed(0)}×`);
console.log(
  JSON.stringify({
    bench: 'risk',
    cells,
    cell_m: Number(grid.cell_m.toFixed(1)),
    ours_s: Number((ours / 1000).toFixed(2)),
    direct_s_scaled: Number((direct / 1000).toFixed(1)),
    sample: SAMPLE,
    compared,
    median_rel_diff: Number(q(0.5).toPrecision(3)),
    p95_rel_diff: Number(q(0.95).toPrecision(3)),
    worst_rel_diff: Number(worst.toPrecision(3)),
    speedup: Number((direct / ours).toFixed(0)),
  }),
);
