/**
 * DXF import at scale: a synthetic site plan of N tanks (a circle and its name each), a dike per 20
 * tanks and a fence, N = 5 000 and 50 000 entities, imported with its placement (EPSG:4527) and
 * naming. The baseline in the same run is dxf-parser alone (reading the file, no placement, no
 * names): the import's own cost is the difference. Also how the time grows: per entity at 5 000 vs
 * 50 000 (linear when the two are close). Median of RUNS runs.
 *   npm run bench -- import
 */
import DxfParser from 'dxf-parser';
import { type DxfEntity, writeDxf } from '../scripts/make-dxf.ts';
import { parseCrs } from '../src/import/crs.ts';
import { importDxf } from '../src/import/dxf.ts';

const RUNS = Number(process.env.RUNS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const E0 = 39_458_000;
const N0 = 4_283_000;

/** About `entities` entities: tanks on a 40 m grid with names, a dike per 20 tanks, a fence. */
function plan(entities: number): string {
  const tanks = Math.floor(entities / 2.05);
  const side = Math.ceil(Math.sqrt(tanks));
  const out: DxfEntity[] = [];
  for (let i = 0; i < tanks; i++) {
    const x = E0 + (i % side) * 40;
    const y = N0 + Math.floor(i / side) * 40;
    out.push({ type: 'CIRCLE', layer: '储罐', x, y, r: 12 }, { type: 'TEXT', layer: '文字', x: x - 3, y, text: `T-${i + 1}` });
    if (i % 20 === 0)
      out.push({
        type: 'LWPOLYLINE',
        layer: '防火堤',
        closed: true,
        points: [
          [x - 18, y - 18],
          [x + 800 - 22, y - 18],
          [x + 800 - 22, y + 22],
          [x - 18, y + 22],
        ],
      });
  }
  const w = side * 40;
  out.push({
    type: 'LWPOLYLINE',
    layer: '围墙',
    closed: true,
    points: [
      [E0 - 50, N0 - 50],
      [E0 + w, N0 - 50],
      [E0 + w, N0 + w],
      [E0 - 50, N0 + w],
    ],
  });
  return writeDxf(out, 6);
}

const crs = parseCrs('EPSG:4527');
const rows: { entities: number; parse_ms: number; import_ms: number; per_entity_us: number }[] = [];
for (const n of [5_000, 50_000]) {
  const text = plan(n);
  const count = (text.match(/^0\n(CIRCLE|TEXT|LWPOLYLINE)$/gm) ?? []).length;
  const parse: number[] = [];
  const imp: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    let t0 = performance.now();
    new DxfParser().parseSync(text);
    parse.push(performance.now() - t0);
    t0 = performance.now();
    const res = importDxf(text, { crs });
    imp.push(performance.now() - t0);
    if (!res.layout.features.length) throw new Error('nothing imported');
  }
  rows.push({ entities: count, parse_ms: median(parse), import_ms: median(imp), per_entity_us: (median(imp) / count) * 1000 });
}
process.stdout.write('entities   dxf-parser alone (ms)   import (ms)   import / parse   µs per entity\n');
for (const r of rows)
  process.stdout.write(
    `${String(r.entities).padStart(8)}${r.parse_ms.toFixed(0).padStart(24)}${r.import_ms.toFixed(0).padStart(14)}${(r.import_ms / r.parse_ms).toFixed(2).padStart(16)}${r.per_entity_us.toFixed(1).padStart(16)}\n`,
  );
const growth = rows[1].per_entity_us / rows[0].per_entity_us;
process.stdout.write(`time per entity at 50 000 / at 5 000: ${growth.toFixed(2)} (1 = linear)\n`);
process.stdout.write(
  `${JSON.stringify({ bench: 'import', runs: RUNS, rows: rows.map((r) => ({ entities: r.entities, parse_ms: Math.round(r.parse_ms), import_ms: Math.round(r.import_ms), ratio_to_parse: Math.round((r.import_ms / r.parse_ms) * 100) / 100, per_entity_us: Math.round(r.per_entity_us * 10) / 10 })), growth: Math.round(growth * 100) / 100 })}\n`,
);
