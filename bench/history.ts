/**
 * bench/history: does reading history slow the alarm path? (issue #16, item 6)
 *
 * The real server (a child process, SQLite holding 200 000 stored events) takes an alarm every
 * 50 ms — a gas detector's HH raised, then cleared — and a socket.io client measures each from the
 * ingest request to the pushed event. Twice in the same run: alone (the baseline), and while twelve
 * clients (six users, two readers each — the per-user limit) page through the whole event history
 * with `GET /api/events?limit=10000` as fast as the server answers. Reported: alarm latency p50 / p99
 * in both, their ratio, history rows served per second, reads refused (429), the server's peak RSS.
 *
 * Env: BENCH_SECONDS per phase (default 15), BENCH_READERS (12), BENCH_EVENTS (200000), BENCH_PROF=<dir>
 * writes a CPU profile of the server there.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { io as connect } from 'socket.io-client';
import { loadModel } from '../src/model/model.ts';
import { freePort } from '../server/__test__/services.ts';
import { DEMO_LAYOUT, ROOT_DIR } from '../server/config.ts';
import { SqliteStore } from '../server/store/sqlite.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const READERS = Number(process.env.BENCH_READERS ?? 12);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const USERS = Math.ceil(READERS / 2);

const loaded = loadModel(JSON.parse(readFileSync(DEMO_LAYOUT, 'utf8')));
if (!loaded.ok) throw new Error('demo layout invalid');
const gas = loaded.model
  .ofKind('sensor')
  .filter((f) => /-GD\d$/.test(f.id))
  .map((f) => f.id);

// the history: events as a year of a park leaves them
const dir = mkdtempSync(path.join(tmpdir(), 'parktwin-bench-history-'));
const dbFile = path.join(dir, 'events.db');
{
  const store = new SqliteStore(dbFile);
  const T = Date.now() - 365 * 86_400_000;
  for (let i = 0; i < EVENTS; i += 10_000) {
    await store.append(
      Array.from({ length: Math.min(10_000, EVENTS - i) }, (_, k) => ({
        t_ms: T + (i + k) * 60_000,
        type: (i + k) % 3 ? 'fence.breach' : 'zone.enter',
        subject: `P-${(i + k) % 2000}`,
        place: `Z-${(i + k) % 90}`,
        detail: { segment: (i + k) % 40, lon: 117.5, lat: 38.7 },
      })),
    );
  }
  await store.close();
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const users = ['watch:viewer:bench-watch-token', ...Array.from({ length: USERS }, (_, i) => `reader${i}:viewer:bench-reader-token-${i}`)].join(';');
const server = spawn(
  process.execPath,
  [...(process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : []), '--import', 'tsx', path.join(ROOT_DIR, 'server/main.ts')],
  {
    cwd: ROOT_DIR,
    env: {
      ...process.env,
      PORT: String(port),
      PARKTWIN_DB: dbFile,
      PARKTWIN_SIMULATOR: 'off',
      PARKTWIN_INGEST_TOKEN: 'bench-ingest-token',
      PARKTWIN_USERS: users,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
await new Promise<void>((resolve, reject) => {
  let out = '';
  server.stdout!.on('data', (d) => ((out += d), out.includes('open http://') && resolve()));
  server.once('exit', (c) => reject(new Error(`server exited ${c}: ${out}`)));
});
let rssPeak_MB = 0;
const rssTimer = setInterval(() => {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0);
    rssPeak_MB = Math.max(rssPeak_MB, Math.round(kb / 1024));
  } catch {
    /* not Linux, or gone */
  }
}, 200);

const H = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
const watcher = connect(base, { auth: { token: 'bench-watch-token' }, transports: ['websocket'], reconnection: false });
await new Promise((r) => watcher.once('snapshot', r));
const waiting = new Map<string, number>();
let latencies: number[] = [];
watcher.on('events', (es) => {
  const now = performance.now();
  for (const e of es) {
    const key = `${e.place}:${e.type}`;
    const t0 = waiting.get(key);
    if (t0 !== undefined) latencies.push(now - t0), waiting.delete(key);
  }
});

/** An alarm every 50 ms for SECONDS: HH raised on one detector, cleared on the next lap (the count runs on across phases). */
let i = 0;
async function alarms(): Promise<number[]> {
  latencies = [];
  waiting.clear();
  const end = performance.now() + SECONDS * 1000;
  while (performance.now() < end) {
    const sensor = gas[i % gas.length];
    const raise = Math.floor(i / gas.length) % 2 === 0;
    const t0 = performance.now();
    waiting.set(`${sensor}:HH:alarm.${raise ? 'unacknowledged' : 'rtn_unacknowledged'}`, t0);
    void fetch(`${base}/api/ingest/readings`, {
      method: 'POST',
      headers: H('bench-ingest-token'),
      body: JSON.stringify([{ sensor, value: raise ? 95 : 0, t: Date.now() }]),
    }).then((r) => r.arrayBuffer());
    i++;
    await new Promise((r) => setTimeout(r, Math.max(0, 50 - (performance.now() - t0))));
  }
  await new Promise((r) => setTimeout(r, 2000));
  return latencies.sort((a, b) => a - b);
}

/**
 * The readers, in a worker thread: parsing 1.4 MB pages must not delay the measuring client here.
 * Each pages through the whole history again and again; a 429 waits its Retry-After.
 */
const READER_CODE = `
const { parentPort, workerData: { base, readers, users } } = require('node:worker_threads');
const stats = { rows: 0, pages: 0, refused: 0 };
let done = false;
parentPort.on('message', () => { done = true; });
const H = (t) => ({ authorization: 'Bearer ' + t });
async function one(token) {
  while (!done) {
    let url = base + '/api/events?limit=10000';
    while (!done) {
      const r = await fetch(url, { headers: H(token) });
      if (r.status === 429) { stats.refused++; await r.arrayBuffer(); await new Promise((res) => setTimeout(res, 1000)); break; }
      stats.rows += (await r.json()).length;
      stats.pages++;
      const cursor = r.headers.get('x-next-cursor');
      if (!cursor) break;
      url = base + '/api/events?limit=10000&after=' + cursor;
    }
  }
}
Promise.all(Array.from({ length: readers }, (_, i) => one('bench-reader-token-' + (i % users)))).then(() => parentPort.postMessage(stats));
`;

function readers() {
  const w = new Worker(READER_CODE, { eval: true, workerData: { base, readers: READERS, users: USERS } });
  const result = new Promise<{ rows: number; pages: number; refused: number }>((resolve, reject) => (w.once('message', resolve), w.once('error', reject)));
  return {
    stop: async () => {
      w.postMessage('stop');
      const stats = await result;
      await w.terminate();
      return stats;
    },
  };
}

const pct = (xs: number[], p: number) => (xs.length ? Number(xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))].toFixed(1)) : NaN);
process.stderr.write(`history: ${EVENTS.toLocaleString('en')} stored events; ${SECONDS} s alone, then ${SECONDS} s with ${READERS} readers\n`);
const alone = await alarms();
const r = readers();
const t0 = performance.now();
const loaded_ = await alarms();
const stats = await r.stop();
const readSeconds = (performance.now() - t0) / 1000;
clearInterval(rssTimer);
watcher.close();
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));

const figures = {
  bench: 'history',
  seconds: SECONDS,
  stored_events: EVENTS,
  readers: READERS,
  alarm_latency_ms: {
    alone: { p50: pct(alone, 50), p99: pct(alone, 99), n: alone.length },
    with_readers: { p50: pct(loaded_, 50), p99: pct(loaded_, 99), n: loaded_.length },
  },
  p99_ratio: Number((pct(loaded_, 99) / pct(alone, 99)).toFixed(2)),
  history_rows_per_s: Math.round(stats.rows / readSeconds),
  history_pages: stats.pages,
  reads_refused_429: stats.refused,
  server_rss_peak_MB: rssPeak_MB,
};
const rows: [string, string, string][] = [
  ['', 'alone (baseline)', `with ${READERS} history readers`],
  ['alarm ingest → push p50, ms', String(figures.alarm_latency_ms.alone.p50), String(figures.alarm_latency_ms.with_readers.p50)],
  ['alarm ingest → push p99, ms', String(figures.alarm_latency_ms.alone.p99), String(figures.alarm_latency_ms.with_readers.p99)],
  ['alarms measured', String(alone.length), String(loaded_.length)],
  ['history rows served per s', '', figures.history_rows_per_s.toLocaleString('en')],
  ['reads refused (429, per-user limit)', '', String(figures.reads_refused_429)],
];
const w = [0, 1, 2].map((i) => Math.max(...rows.map((x) => x[i].length)));
for (const x of rows) console.log(x.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  '));
console.log(`p99 with readers / alone: ${figures.p99_ratio}×; server peak RSS ${rssPeak_MB} MB`);
console.log(JSON.stringify(figures));
process.exit(0);
