/**
 * bench/replay: `parktwin replay` — positions from an NDJSON file through the geofences — on 10× the
 * demo park (a generated park of scale 10), 300 000 position updates of 3 000 tags walking it.
 *
 * Timed: the replay as the CLI runs it (bin/replay.ts: the file read in chunks, every line validated,
 * then parsed again and fed to the engine, events written in batches; the layout's loading is
 * start-up and left out), against the straightforward loop — turf's booleanPointInPolygon of every
 * update against every zone and the fence — timed on a sample in the same run. Also the replay's
 * heap growth (constant memory: it must not grow with the file).
 *
 * Env: BENCH_UPDATES (300000), BENCH_REPEAT (5: replays timed, the median reported).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { point, polygon } from '@turf/helpers';
import { replayPositions, startReplayReader } from '../bin/replay.ts';
import { generatePark } from '../src/generate/park.ts';
import { createRng } from '../src/generate/rng.ts';
import { loadModel } from '../src/model/model.ts';

const UPDATES = Number(process.env.BENCH_UPDATES ?? 300_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
const TAGS = 3000;
const loaded = loadModel(generatePark({ seed: 'bench-replay', scale: 10 }));
if (!loaded.ok) throw new Error('generated park invalid');
const model = loaded.model;
const zones = model.ofKind('zone');

// the file: tags walking from the zones and from anywhere in the park, one fix each a second
const rng = createRng('bench-replay-tags');
const { minX, minY, maxX, maxY } = model.bbox;
const tags = Array.from({ length: TAGS }, (_, i) => {
  const near = i % 2 === 0 ? rng.pick(zones).anchor : ([rng.range(minX, maxX), rng.range(minY, maxY)] as const);
  return { id: `T-${i}`, x: near[0] + rng.range(-40, 40), y: near[1] + rng.range(-40, 40), heading: rng.range(0, 2 * Math.PI) };
});
const t0 = Date.parse('2026-12-01T00:00:00Z');
const lines: string[] = [];
const sample: [number, number][] = [];
for (let k = 0; lines.length < UPDATES; k++)
  for (const tag of tags) {
    if (lines.length >= UPDATES) break;
    tag.heading += rng.range(-0.5, 0.5);
    tag.x += Math.cos(tag.heading) * 1.4;
    tag.y += Math.sin(tag.heading) * 1.4;
    const [lon, lat] = model.frame.toLngLat([tag.x, tag.y]);
    lines.push(`{"id":"${tag.id}","kind":"person","lon":${lon.toFixed(7)},"lat":${lat.toFixed(7)},"t":${t0 + k * 1000},"role":"operator"}`);
    if (lines.length % 100 === 0) sample.push([lon, lat]);
  }
const dir = mkdtempSync(path.join(tmpdir(), 'parktwin-bench-replay-'));
const file = path.join(dir, 'positions.ndjson');
writeFileSync(file, `${lines.join('\n')}\n`);
const fileMB = Math.round((lines.reduce((n, l) => n + l.length + 1, 0) / 1048576) * 10) / 10;
lines.length = 0;

// parktwin: the CLI's replay, its output dropped (the heap looked at as each batch is handed on); its
// reading worker started and loaded first, as the CLI does while it loads the layout (start-up).
// REPEAT runs, each a fresh replay; the median is reported (the machine is shared and noisy).
const runs: { ms: number; workerStart_ms: number; positions: number; events: number }[] = [];
let heapGrowth = 0;
for (let k = 0; k < REPEAT; k++) {
  globalThis.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  let peakHeap = heap0;
  const w0 = performance.now();
  const reader = startReplayReader();
  await reader.ready;
  const workerStart_ms = performance.now() - w0;
  const r0 = performance.now();
  const r = await replayPositions(
    model,
    file,
    () => {
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    },
    (text) => process.stderr.write(text),
    reader,
  );
  if (!r.ok) throw new Error('replay refused the generated file');
  heapGrowth = Math.max(heapGrowth, peakHeap - heap0);
  runs.push({ ms: performance.now() - r0, workerStart_ms, positions: r.positions, events: r.events });
}
const median = <T>(xs: T[], by: (x: T) => number) => [...xs].sort((a, b) => by(a) - by(b))[Math.floor(xs.length / 2)];
const r = median(runs, (x) => x.ms);
const { ms, workerStart_ms } = r;

// baseline: every update against every zone and the fence, with turf, on a sample
const polys = zones.map((z) => polygon((z.feature.geometry as { coordinates: number[][][] }).coordinates));
const fenceGeom = model.ofKind('fence')[0].feature.geometry as { type: string; coordinates: number[][] | number[][][] };
const fencePoly = polygon(fenceGeom.type === 'Polygon' ? (fenceGeom.coordinates as number[][][]) : [fenceGeom.coordinates as number[][]]);
let inside = 0;
const naiveRuns: number[] = [];
for (let k = 0; k < REPEAT; k++) {
  inside = 0;
  const b0 = performance.now();
  for (const [lon, lat] of sample) {
    const p = point([lon, lat]);
    if (booleanPointInPolygon(p, fencePoly)) inside++;
    for (const poly of polys) if (booleanPointInPolygon(p, poly)) inside++;
  }
  naiveRuns.push(performance.now() - b0);
}
const bms = median(naiveRuns, (x) => x);
rmSync(dir, { recursive: true, force: true });

const rate = Math.round(r.positions / (ms / 1000));
const naive = Math.round(sample.length / (bms / 1000));
const speedup = Math.round((rate / naive) * 10) / 10;
const heapGrowth_MB = Math.round((heapGrowth / 1048576) * 10) / 10;
const row = (a: string, b: string) => `${a.padEnd(46)}${b}\n`;
process.stdout.write(`replay on a generated park of scale 10: ${zones.length} zones, ${r.positions} updates (${fileMB} MB of NDJSON)\n`);
const rates = runs.map((x) => Math.round(x.positions / (x.ms / 1000) / 1000)).join(', ');
process.stdout.write(
  row(
    'parktwin replay (validate + replay), updates/s',
    `${rate.toLocaleString('en')} (median of ${REPEAT}: ${rates} thousand; ${Math.round(ms)} ms, ${r.events} events)`,
  ),
);
process.stdout.write(row('  its reading worker loaded (start-up), ms', `${Math.round(workerStart_ms)}`));
process.stdout.write(row('turf, every zone and the fence, updates/s', `${naive.toLocaleString('en')} (sample of ${sample.length}) → ${speedup}×`));
process.stdout.write(row('heap growth while replaying (most of a run)', `${heapGrowth_MB} MB (the file is ${fileMB} MB)`));
process.stdout.write(
  `${JSON.stringify({ bench: 'replay', zones: zones.length, updates: r.positions, file_MB: fileMB, events: r.events, ms: Math.round(ms), repeat: REPEAT, worker_start_ms: Math.round(workerStart_ms), parktwin_updates_per_s: rate, naive_sample: sample.length, naive_updates_per_s: naive, speedup, heap_growth_MB: heapGrowth_MB, _inside: inside })}\n`,
);
