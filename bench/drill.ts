/**
 * bench/drill: what a training drill costs the server per second of drill — its simulator step with
 * the scenario laid over it (the leak's footprints as its front travels, the detectors' modelled
 * gas, the evacuation routes of the people reached; server/drills/drill.ts) — against the plain
 * simulator step the live park already runs (the baseline), in the same run: ten drill minutes of a
 * 5 kg/s chlorine leak at the demo park's chlorine tank, wind 3 m/s from the north, stepped at 1 Hz
 * as the server's clock does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadModel } from '../src/model/model.ts';
import { Drill } from '../server/drills/drill.ts';
import { LiveState } from '../server/domain/live.ts';
import { Simulator } from '../server/ingest/simulator.ts';
import { SqliteStore } from '../server/store/sqlite.ts';

const root = path.join(import.meta.dirname, '..');
const r = loadModel(JSON.parse(readFileSync(path.join(root, 'public/parks/demo.geojson'), 'utf8')));
if (!r.ok) throw new Error('demo invalid');
const model = r.model;
const SECONDS = 600;
const t0 = Date.UTC(2026, 10, 29, 2, 0, 0);
const weather = { wind_speed_m_s: 3, wind_from_deg: 0, stability: 'D' as const };

function run(step: (t: number) => void): { per_s_ms: number; p95_ms: number } {
  const times: number[] = [];
  for (let k = 0; k <= SECONDS; k++) {
    const a = performance.now();
    step(t0 + k * 1000);
    times.push(performance.now() - a);
  }
  times.sort((x, y) => x - y);
  return { per_s_ms: times.reduce((s, x) => s + x, 0) / times.length, p95_ms: times[Math.floor(0.95 * times.length)] };
}

const baseStore = new SqliteStore(':memory:');
const baseLive = new LiveState(model, baseStore, t0);
const sim = new Simulator(model, baseLive, t0, { seed: 'drill:bench', releaseEvery_ms: Infinity, faultPerHour: 0, weather });
const base = run((t) => sim.step(t));

const drillStore = new SqliteStore(':memory:');
const drill = new Drill(
  model,
  { id: 'bench', scenario: {}, by: 'bench', started_at: t0, start_at_s: 0, release_s: null },
  { kind: 'toxic-leak', source: 'T-CHL-01', rate_kg_s: 5, weather },
  drillStore,
  t0,
);
const ours = run((t) => drill.step(t));
await baseLive.flushed();
await drill.live.flushed();
const alarms = drill.live.activeAlarms().length;
const evacuees = drill.evacuees().length;

const rows = [
  ['', 'drill step (ours)', 'simulator step (baseline)'],
  ['mean per drill second, ms', ours.per_s_ms.toFixed(2), base.per_s_ms.toFixed(2)],
  ['95th percentile, ms', ours.p95_ms.toFixed(2), base.p95_ms.toFixed(2)],
];
const w = rows[0].map((_, i) => Math.max(...rows.map((x) => x[i].length)));
console.log(
  `drill: ${SECONDS} s of a 5 kg/s chlorine leak at T-CHL-01 (wind 3 m/s from 0°, D) at 1 Hz; ${alarms} alarms active and ${evacuees} people sent to assembly points at the end`,
);
for (const x of rows) console.log(x.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  '));
console.log(
  `the scenario layer costs ${(ours.per_s_ms / base.per_s_ms).toFixed(1)}× the plain simulator; one drill takes ${((ours.per_s_ms / 1000) * 100).toFixed(2)} % of a core`,
);
console.log(
  JSON.stringify({
    bench: 'drill',
    seconds: SECONDS,
    drill_ms_per_s: Number(ours.per_s_ms.toFixed(3)),
    drill_p95_ms: Number(ours.p95_ms.toFixed(3)),
    simulator_ms_per_s: Number(base.per_s_ms.toFixed(3)),
    simulator_p95_ms: Number(base.p95_ms.toFixed(3)),
    ratio: Number((ours.per_s_ms / base.per_s_ms).toFixed(2)),
    alarms,
    evacuees,
  }),
);
await baseStore.close();
await drillStore.close();
