/**
 * bench/risk: the individual-risk map of the example study (examples/risk-demo.json on the demo
 * park: six scenarios, two weather classes, a 12-sector rose split in 60 directions) — read off the
 * tables built round each source (`RiskModel.field`) against the straightforward sum at every cell
 * (`RiskModel.at`: every scenario, weather class and direction), in the same run. The direct sum is
 * timed on a random sample of the cells and scaled up (the sample is printed); the two are compared
 * on that sample where the risk is at least 10⁻⁸ per year. Then a map of 1 000 × 1 000 cells over the
 * same box against the direct sum (sampled, scaled); and at each GB 36894 level, the 25 m map's cells
 * on the other side of the contour from the direct sum (computed at every cell), and how many of them
 * do not touch its contour (the contour off by more than a cell).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadModel } from '../src/model/model.ts';
import { individualRisk, RISK_LEVELS_PER_YR, riskGrid } from '../src/geo/risk/risk.ts';
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

// a map of 1 000 × 1 000 cells over the same box, from a fresh start (its tables built again), against
// the direct sum timed on the same sample of cells and scaled
const fresh = individualRisk(model, input);
const t3 = performance.now();
const big = riskGrid(fresh, 1, 1_000_000);
const bigOurs = performance.now() - t3;
const bigCells = big.nx * big.ny;
const t4 = performance.now();
for (const [i, j] of picks) risk.at([big.x0 + (((i / grid.nx) * big.nx) | 0) * big.cell_m, big.y0 + (((j / grid.ny) * big.ny) | 0) * big.cell_m]);
const bigDirect = ((performance.now() - t4) / SAMPLE) * bigCells;

// the contours at the GB 36894 levels on the 25 m map: cells the map and the direct sum (at every
// cell) put on different sides, and how many of those do not touch the direct sum's boundary
const exactGrid = new Float64Array(cells);
for (let j = 0; j < grid.ny; j++)
  for (let i = 0; i < grid.nx; i++) exactGrid[j * grid.nx + i] = risk.at([grid.x0 + i * grid.cell_m, grid.y0 + j * grid.cell_m]);
const contourCells = RISK_LEVELS_PER_YR.map((level) => {
  let above = 0;
  let differ = 0;
  let apart = 0;
  for (let j = 0; j < grid.ny; j++)
    for (let i = 0; i < grid.nx; i++) {
      const side = grid.values[j * grid.nx + i] >= level;
      const exactSide = exactGrid[j * grid.nx + i] >= level;
      if (exactSide) above++;
      if (side === exactSide) continue;
      differ++;
      let touches = false;
      for (let dj = -1; dj <= 1; dj++)
        for (let di = -1; di <= 1; di++) {
          const ii = i + di;
          const jj = j + dj;
          if (ii >= 0 && jj >= 0 && ii < grid.nx && jj < grid.ny && exactGrid[jj * grid.nx + ii] >= level === side) touches = true;
        }
      if (!touches) apart++;
    }
  return { level, above, differ, apart };
});

const rows = [
  ['', 'tables round the sources (ours)', `direct sum (sample ${SAMPLE} cells, scaled)`],
  [`map of ${grid.nx} × ${grid.ny} cells of ${grid.cell_m.toFixed(0)} m, s`, (ours / 1000).toFixed(2), (direct / 1000).toFixed(1)],
  ['scenario models built, ms', build.toFixed(0), build.toFixed(0)],
  [
    `difference where IR ≥ 1e-8 (${compared} cells): median / 95 % / worst`,
    `${(q(0.5) * 100).toFixed(2)} / ${(q(0.95) * 100).toFixed(1)} / ${(worst * 100).toFixed(1)} %`,
    '—',
  ],
  [`map of ${big.nx} × ${big.ny} cells of ${big.cell_m.toFixed(1)} m (tables included), s`, (bigOurs / 1000).toFixed(2), (bigDirect / 1000).toFixed(1)],
  ...contourCells.map((c) => [
    `contour at ${c.level}/yr on the ${grid.cell_m.toFixed(0)} m map: cells above / on the other side / not next to the direct sum's contour`,
    `${c.above} / ${c.differ} / ${c.apart}`,
    '—',
  ]),
];
const w = rows[0].map((_, i) => Math.max(...rows.map((x) => x[i].length)));
console.log(
  `individual risk, examples/risk-demo.json on the demo park: ${input.scenarios.length} scenarios × ${input.weather.length} weather classes × 60 directions`,
);
for (const x of rows) console.log(x.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  '));
console.log(`speed-up ${(direct / ours).toFixed(1)}× (${grid.nx} × ${grid.ny}), ${(bigDirect / bigOurs).toFixed(0)}× (${big.nx} × ${big.ny})`);
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
    speedup: Number((direct / ours).toFixed(1)),
    big_cells: bigCells,
    big_cell_m: Number(big.cell_m.toFixed(2)),
    big_ours_s: Number((bigOurs / 1000).toFixed(2)),
    big_direct_s_scaled: Number((bigDirect / 1000).toFixed(1)),
    big_speedup: Number((bigDirect / bigOurs).toFixed(0)),
    contour_cells: contourCells,
  }),
);
