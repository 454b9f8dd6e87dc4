/**
 * bench/live: the live server under the load of a large park.
 *
 * (a) Geofencing on one core: GeofenceEngine.update for position updates of 10 000 tags walking a
 *     generated park with about 1 000 zones, against the straightforward loop — turf's
 *     booleanPointInPolygon of every update against every zone and the fence — in the same run (the
 *     baseline is timed on a sample and its rate reported).
 * (b) End to end: the real server (a child process, SQLite) takes 10 000 tags at 1 Hz and 50 000
 *     readings per second over HTTP while 50 socket.io clients watch every layer. Reported: the
 *     sustained ingest rate, p50/p99 latency from ingest (the batch stamped as it is sent) to client
 *     receipt (positions, which include
 *     the 50 ms coalescing window, and stored events), the server's CPU and memory, and bytes per
 *     client per second — against the uncoalesced baseline: every update sent as its own JSON
 *     message, computed from the same updates in the same run.
 *
 * Env: BENCH_SECONDS (default 20), BENCH_CLIENTS (50), BENCH_TAGS (10000), BENCH_READINGS (50000),
 * BENCH_PROF=<dir> writes a CPU profile of the server there, BENCH_NODE_FLAGS passes flags to its Node.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { point, polygon } from '@turf/helpers';
import { Worker } from 'node:worker_threads';
import { generatePark } from '../src/generate/park.ts';
import { createRng } from '../src/generate/rng.ts';
import { GeofenceEngine, type Fix } from '../src/geo/live/geofence.ts';
import { loadModel, type ParkModel } from '../src/model/model.ts';
import { freePort } from '../server/__test__/services.ts';
import { ROOT_DIR } from '../server/config.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const TAGS = Number(process.env.BENCH_TAGS ?? 10_000);
const READINGS = Number(process.env.BENCH_READINGS ?? 50_000);
const SCALE = 31; // ≈ 1 020 zones, 23 000 sensors

const tmp = mkdtempSync(path.join(tmpdir(), 'parktwin-bench-live-'));
const layout = generatePark({ seed: 'bench-live', scale: SCALE });
const layoutFile = path.join(tmp, 'park.geojson');
writeFileSync(layoutFile, JSON.stringify(layout));
const loaded = loadModel(layout);
if (!loaded.ok) throw new Error('generated park invalid');
const model: ParkModel = loaded.model;
const zones = model.ofKind('zone');
const sensorFeatures = model.ofKind('sensor');
const sensors = sensorFeatures.map((s) => s.id);
/** A value inside the sensor's normal band, so the load is readings, not an alarm flood. */
const normal = sensorFeatures.map((s) => {
  const t = s.props.thresholds;
  const lo = t.L ?? t.LL;
  const hi = t.H ?? t.HH;
  if (lo !== undefined && hi !== undefined) return { base: (lo + hi) / 2, spread: (hi - lo) * 0.05 };
  if (hi !== undefined) return { base: hi > 0 ? hi * 0.3 : hi - 10, spread: Math.abs(hi) * 0.02 };
  if (lo !== undefined) return { base: lo * 1.5 + 1, spread: Math.abs(lo) * 0.02 };
  return { base: 0, spread: 0 };
});
// a crossing of the fence far from any gate, for timing the reliable path (a breach event)
const fenceLine = ((f) => (f.local.type === 'Polygon' ? f.local.rings[0] : f.local.type === 'LineString' ? f.local.line : []))(model.ofKind('fence')[0]);
const gatePoints = model.ofKind('gate').flatMap((g) => (g.local.type === 'Point' ? [g.local.point] : []));
const crossing = (() => {
  let best = { d: -1, m: [0, 0] as [number, number], n: [0, 0] as [number, number] };
  for (let i = 0; i + 1 < fenceLine.length; i++) {
    const [a, b] = [fenceLine[i], fenceLine[i + 1]];
    const m: [number, number] = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const d = Math.min(...gatePoints.map((g) => Math.hypot(g[0] - m[0], g[1] - m[1])));
    if (len > 200 && d > best.d) best = { d, m, n: [-(b[1] - a[1]) / len, (b[0] - a[0]) / len] };
  }
  return {
    a: model.frame.toLngLat([best.m[0] + best.n[0] * 60, best.m[1] + best.n[1] * 60]),
    b: model.frame.toLngLat([best.m[0] - best.n[0] * 60, best.m[1] - best.n[1] * 60]),
  };
})();

// tags: half start near a zone (where the work is), half anywhere in the park; they walk ~1.4 m/s
const rng = createRng('bench-live-tags');
const { minX, minY, maxX, maxY } = model.bbox;
const tags = Array.from({ length: TAGS }, (_, i) => {
  const near = i % 2 === 0 ? rng.pick(zones).anchor : ([rng.range(minX, maxX), rng.range(minY, maxY)] as const);
  return { id: `T-${i}`, x: near[0] + rng.range(-40, 40), y: near[1] + rng.range(-40, 40), heading: rng.range(0, 2 * Math.PI) };
});
function step(tag: (typeof tags)[number]): void {
  tag.heading += rng.range(-0.5, 0.5);
  tag.x += Math.cos(tag.heading) * 1.4;
  tag.y += Math.sin(tag.heading) * 1.4;
}

// --- (a) geofencing --------------------------------------------------------------------------------
function geofenceBench() {
  const engine = new GeofenceEngine(model);
  const SECS = 30; // 30 s of 10 000 tags = 300 000 updates
  const fixes: Fix[] = [];
  const walk = tags.map((t) => ({ ...t }));
  for (let s = 0; s < SECS; s++) for (const t of walk) step(t), fixes.push({ id: t.id, kind: 'person', t_ms: s * 1000, x: t.x, y: t.y, role: 'operator' });
  let events = 0;
  const t0 = performance.now();
  for (const f of fixes) events += engine.update(f).length;
  const ms = performance.now() - t0;
  // baseline: every update against every zone polygon and the fence, with turf
  const polys = zones.map((z) => polygon((z.feature.geometry as { coordinates: number[][][] }).coordinates));
  const fence = model.ofKind('fence')[0];
  const fenceCoords =
    (fence.feature.geometry as { type: string; coordinates: number[][] | number[][][] }).type === 'Polygon'
      ? (fence.feature.geometry as { coordinates: number[][][] }).coordinates
      : [(fence.feature.geometry as { coordinates: number[][] }).coordinates];
  const fencePoly = polygon(fenceCoords);
  const SAMPLE = 3000;
  let inside = 0;
  const b0 = performance.now();
  for (let i = 0; i < SAMPLE; i++) {
    const f = fixes[(i * 97) % fixes.length];
    const p = point([...model.frame.toLngLat([f.x, f.y])]);
    if (booleanPointInPolygon(p, fencePoly)) inside++;
    for (const poly of polys) if (booleanPointInPolygon(p, poly)) inside++;
  }
  const bms = performance.now() - b0;
  return {
    zones: zones.length,
    updates: fixes.length,
    events,
    parktwin_updates_per_s: Math.round(fixes.length / (ms / 1000)),
    naive_sample: SAMPLE,
    naive_updates_per_s: Math.round(SAMPLE / (bms / 1000)),
    speedup: Math.round((fixes.length / ms / (SAMPLE / bms)) * 10) / 10,
    _inside: inside,
  };
}

// --- (b) end to end --------------------------------------------------------------------------------
const pct = (xs: number[], p: number) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] * 10) / 10;
};
function procStat(pid: number): { cpu_s: number; rss_MB: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(stat[11]) + Number(stat[12]); // utime + stime (fields 14, 15)
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpu_s: ticks / 100, rss_MB: rss ? Math.round(Number(rss[1]) / 1024) : 0 };
}

async function endToEnd() {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const TOKEN = 'bench-live-token';
  const prof = process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [];
  const server = spawn(
    process.execPath,
    [...prof, ...(process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ') : []), '--import', 'tsx', path.join(ROOT_DIR, 'server/main.ts')],
    {
      cwd: ROOT_DIR,
      env: {
        ...process.env,
        PORT: String(port),
        PARKTWIN_LAYOUT: layoutFile,
        PARKTWIN_DB: path.join(tmp, 'events.db'),
        PARKTWIN_SIMULATOR: 'off',
        PARKTWIN_INGEST_TOKEN: TOKEN,
        PARKTWIN_USERS: 'bench:viewer:bench-viewer-token',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (d) => ((out += d), out.includes('open http://') && (process.stderr.write('server up\n'), resolve())));
    server.once('exit', (c) => reject(new Error(`server exited ${c}`)));
  });
  // the watching clients run in worker threads of their own (bench/live-watchers.ts): 5 socket.io
  // clients time the latency in one; the others, in a second, are raw WebSocket clients that speak
  // the socket.io protocol and count what they receive without parsing it. The server does the same
  // work for every one of them; the split keeps the timing clients from queueing behind the
  // counters' 60 MB/s in one event loop (real clients are separate machines).
  const SOCKETIO = Math.min(5, CLIENTS);
  // a worker does not inherit tsx's loader: register it there, then load the TypeScript module
  const entry = new URL('./live-watchers.ts', import.meta.url).href;
  const spawnWatchers = (from: number, to: number, socketio: number) =>
    new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`, {
      eval: true,
      workerData: { base, port, clients: to - from, socketio, token: 'bench-viewer-token' },
    });
  const watcherGroups = [spawnWatchers(0, SOCKETIO, SOCKETIO), ...(CLIENTS > SOCKETIO ? [spawnWatchers(SOCKETIO, CLIENTS, 0)] : [])];
  await Promise.all(
    watcherGroups.map(
      (w) =>
        new Promise<void>((resolve, reject) => {
          w.once('error', reject);
          w.on('message', (m: { ready?: boolean }) => m.ready && resolve());
        }),
    ),
  );
  process.stderr.write(`${CLIENTS} clients connected (${SOCKETIO} socket.io, ${CLIENTS - SOCKETIO} raw); loading for ${SECONDS + 3} s\n`);

  const post = (route: string, body: string) =>
    fetch(`${base}/api/ingest/${route}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body });
  const TICK_MS = 100;
  const perTickPositions = Math.round(TAGS / (1000 / TICK_MS));
  const perTickReadings = Math.round(READINGS / (1000 / TICK_MS));
  let cursor = 0;
  let sensorCursor = 0;
  let accepted = { positions: 0, readings: 0 };
  let uncoalescedBytes = 0;
  let inflight = 0;
  let maxInflight = 0;
  const send = async () => {
    const positions = [];
    for (let k = 0; k < perTickPositions; k++) {
      const t = tags[cursor++ % tags.length];
      step(t);
      const [lon, lat2] = model.frame.toLngLat([t.x, t.y]);
      positions.push({ id: t.id, kind: 'person', lon, lat: lat2, t: 0, role: 'operator' });
    }
    const readings = [];
    for (let k = 0; k < perTickReadings; k++) {
      const i = sensorCursor++ % sensors.length;
      readings.push({ sensor: sensors[i], value: Math.round((normal[i].base + rng.range(-1, 1) * normal[i].spread) * 1000) / 1000, t: 0 });
    }
    // the time of ingest is stamped as the batch leaves (building it is the sender's business)
    const now = Date.now();
    for (const p of positions) p.t = now;
    for (const r of readings) r.t = now;
    const positionsBody = JSON.stringify(positions);
    const readingsBody = JSON.stringify(readings);
    // the uncoalesced baseline, exactly: each update as its own socket.io message
    // ("42[\"position\",{…}]"); the items' JSON is the body less its brackets and commas
    uncoalescedBytes += positionsBody.length - 2 - (positions.length - 1) + positions.length * '42["position",]'.length;
    uncoalescedBytes += readingsBody.length - 2 - (readings.length - 1) + readings.length * '42["reading",]'.length;
    inflight++;
    maxInflight = Math.max(maxInflight, inflight);
    const [a, b] = await Promise.all([post('positions', positionsBody), post('readings', readingsBody)]);
    inflight--;
    const ja = (await a.json()) as { accepted: number };
    const jb = (await b.json()) as { accepted: number };
    accepted.positions += ja.accepted;
    accepted.readings += jb.accepted;
  };
  // warm up 3 s, then measure
  const runFor = async (seconds: number) => {
    const end = Date.now() + seconds * 1000;
    const pending: Promise<void>[] = [];
    while (Date.now() < end) {
      const t = Date.now();
      pending.push(send());
      await new Promise((r) => setTimeout(r, Math.max(0, TICK_MS - (Date.now() - t))));
    }
    await Promise.all(pending);
  };
  await runFor(3);
  for (const w of watcherGroups) w.postMessage({ reset: true });
  accepted = { positions: 0, readings: 0 };
  uncoalescedBytes = 0;
  const s0 = procStat(server.pid!);
  const t0 = Date.now();
  // timed events: a fence breach every second by a subject whose id carries the send time
  const breachTimer = setInterval(() => {
    const t = Date.now();
    const id = `B-${t}`;
    const [lon1, lat1] = crossing.a;
    const [lon2, lat2] = crossing.b;
    void fetch(`${base}/api/ingest/positions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify([
        { id, kind: 'person', lon: lon1, lat: lat1, t: t - 1000 },
        { id, kind: 'person', lon: lon2, lat: lat2, t },
      ]),
    });
  }, 1000);
  await runFor(SECONDS);
  clearInterval(breachTimer);
  const wall_s = (Date.now() - t0) / 1000;
  const s1 = procStat(server.pid!);
  await new Promise((r) => setTimeout(r, 300));
  const reports = await Promise.all(
    watcherGroups.map(
      (w) =>
        new Promise<{ positions: number[]; events: number[]; bytes: number[] }>((resolve) => {
          w.on('message', (m: { report?: { positions: number[]; events: number[]; bytes: number[] } }) => m.report && resolve(m.report));
          w.postMessage({ report: true });
        }),
    ),
  );
  const lat = { positions: reports.flatMap((r) => r.positions), events: reports.flatMap((r) => r.events) };
  const bytes = reports.flatMap((r) => r.bytes);
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  const perClient = bytes.reduce((s, b) => s + b, 0) / CLIENTS / wall_s;
  return {
    seconds: Math.round(wall_s * 10) / 10,
    clients: CLIENTS,
    offered: { positions_per_s: TAGS, readings_per_s: READINGS },
    ingested: { positions_per_s: Math.round(accepted.positions / wall_s), readings_per_s: Math.round(accepted.readings / wall_s) },
    max_requests_in_flight: maxInflight,
    latency_ms: {
      positions_p50: pct(lat.positions, 50),
      positions_p99: pct(lat.positions, 99),
      events_p50: pct(lat.events, 50),
      events_p99: pct(lat.events, 99),
      samples: { positions: lat.positions.length, events: lat.events.length },
    },
    server: { cpu_percent_of_one_core: Math.round(((s1.cpu_s - s0.cpu_s) / wall_s) * 100), rss_MB: s1.rss_MB },
    bytes_per_client_per_s: Math.round(perClient),
    uncoalesced_bytes_per_client_per_s: Math.round(uncoalescedBytes / wall_s),
    bytes_ratio: Math.round((uncoalescedBytes / wall_s / perClient) * 10) / 10,
  };
}

const geofence = geofenceBench();
process.stderr.write('geofence done\n');
const e2e = await endToEnd();
const rows: [string, string, string][] = [
  [
    `geofence updates/s (1 core, ${geofence.zones} zones)`,
    geofence.parktwin_updates_per_s.toLocaleString('en'),
    `${geofence.naive_updates_per_s.toLocaleString('en')} (turf, every zone) → ${geofence.speedup}×`,
  ],
  ['ingested positions/s', e2e.ingested.positions_per_s.toLocaleString('en'), `offered ${TAGS.toLocaleString('en')}`],
  ['ingested readings/s', e2e.ingested.readings_per_s.toLocaleString('en'), `offered ${READINGS.toLocaleString('en')}`],
  ['position latency p50 / p99, ms', `${e2e.latency_ms.positions_p50} / ${e2e.latency_ms.positions_p99}`, 'ingest → client, incl. 50 ms coalescing'],
  ['event latency p50 / p99, ms', `${e2e.latency_ms.events_p50} / ${e2e.latency_ms.events_p99}`, 'ingest → stored → client'],
  ['server CPU (% of one core), RSS', `${e2e.server.cpu_percent_of_one_core} %, ${e2e.server.rss_MB} MB`, ''],
  [
    `bytes per client per s (${CLIENTS} clients)`,
    e2e.bytes_per_client_per_s.toLocaleString('en'),
    `${e2e.uncoalesced_bytes_per_client_per_s.toLocaleString('en')} uncoalesced JSON → ${e2e.bytes_ratio}× less`,
  ],
];
const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
for (const [a, b, c] of rows) process.stdout.write(`${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}\n`);
const { _inside, ...g } = geofence;
void _inside;
process.stdout.write(JSON.stringify({ bench: 'live', geofence: g, e2e }) + '\n');
process.exit(0);
