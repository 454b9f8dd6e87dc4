/**
 * bench/opcua: 20 000 monitored items changing every second, through one OPC UA client (the
 * server's field source, server/sources/opcua.ts) into the live park — against the straightforward
 * baseline of the same values ingested directly as one JSON batch a second (the HTTP/MQTT path's
 * work without the network), in the same run.
 *
 * A node-opcua server with 20 000 Double variables runs in a worker thread (its own core, as a DCS
 * would be its own machine); every second it writes every variable with the wall clock as its
 * source timestamp. Reported over BENCH_SECONDS: the values taken per second, p50/p99 latency from
 * the source timestamp to the reading being taken in by the live park, and this process's CPU (the
 * client and the live park) per second — for the OPC UA path and the direct baseline.
 *
 * Env: BENCH_SECONDS (default 20), BENCH_ITEMS (20000), BENCH_SAMPLING_MS (1000), BENCH_PUBLISHING_MS (1000):
 * the latency is mostly the sampling and publishing intervals the source asks for.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { generatePark } from '../src/generate/park.ts';
import { loadModel } from '../src/model/model.ts';
import type { ReadingPayload } from '../src/protocol/ingest.ts';
import { freePort } from '../server/__test__/services.ts';
import { LiveState } from '../server/domain/live.ts';
import { checkSources } from '../server/sources/config.ts';
import { startOpcUaSource } from '../server/sources/opcua.ts';
import { SqliteStore } from '../server/store/sqlite.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 20_000);
const SAMPLING_MS = Number(process.env.BENCH_SAMPLING_MS ?? 1000);
const PUBLISHING_MS = Number(process.env.BENCH_PUBLISHING_MS ?? 1000);
const loaded = loadModel(generatePark({ seed: 'bench-opcua', scale: 31 }));
if (!loaded.ok) throw new Error('generated park invalid');
const model = loaded.model;
const sensors = model
  .ofKind('sensor')
  .slice(0, ITEMS)
  .map((s) => s.id);
if (sensors.length < ITEMS) throw new Error(`the park has ${sensors.length} sensors, fewer than ${ITEMS}`);
const dir = mkdtempSync(path.join(tmpdir(), 'parktwin-bench-opcua-'));
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;

/** Times the live park's intake: the latency of each item from its timestamp, and the CPU of the window. */
function instrument(live: LiveState) {
  const lat: number[] = [];
  let taken = 0;
  const ingest = live.ingestReadings.bind(live);
  live.ingestReadings = (body: unknown) => {
    const now = Date.now();
    const items = body as ReadingPayload[];
    taken += items.length;
    for (let i = 0; i < items.length; i += 10) lat.push(now - Number(items[i].t)); // a sample of one in ten
    return ingest(body);
  };
  return {
    window: async (seconds: number) => {
      lat.length = 0;
      taken = 0;
      const cpu0 = process.cpuUsage();
      await new Promise((r) => setTimeout(r, seconds * 1000));
      const cpu = process.cpuUsage(cpu0);
      return {
        per_s: Math.round(taken / seconds),
        p50_ms: q(lat, 0.5),
        p99_ms: q(lat, 0.99),
        cpu_pct: Math.round(((cpu.user + cpu.system) / 1e6 / seconds) * 100),
      };
    },
  };
}

// the OPC UA path
const port = await freePort();
const server = new Worker(
  `
  const { workerData, parentPort } = require('node:worker_threads');
  const { OPCUAServer, OPCUACertificateManager, DataType, StatusCodes, Variant } = require('node-opcua');
  (async () => {
    const server = new OPCUAServer({ port: workerData.port, hostname: '127.0.0.1', resourcePath: '/bench', allowAnonymous: true,
      serverCertificateManager: new OPCUACertificateManager({ rootFolder: workerData.pki, automaticallyAcceptUnknownCertificate: true }),
      serverCapabilities: { maxSessions: 10, operationLimits: { maxMonitoredItemsPerCall: 100000 } } });
    await server.initialize();
    const space = server.engine.addressSpace;
    const ns = space.getOwnNamespace();
    const folder = ns.addObject({ organizedBy: space.rootFolder.objects, browseName: 'Bench' });
    const vars = workerData.ids.map((id) => ns.addVariable({ componentOf: folder, browseName: id, nodeId: 's=' + id, dataType: 'Double' }));
    await server.start();
    parentPort.postMessage('ready');
    let k = 0;
    setInterval(() => {
      const now = new Date();
      k++;
      for (let i = 0; i < vars.length; i++) vars[i].setValueFromSource(new Variant({ dataType: DataType.Double, value: (i % 50) + (k % 7) * 0.1 }), StatusCodes.Good, now);
    }, 1000);
  })();
`,
  { eval: true, workerData: { port, pki: path.join(dir, 'server-pki'), ids: sensors } },
);
await new Promise((r) => server.once('message', r));
const live = new LiveState(model, new SqliteStore(':memory:'), Date.now());
const meter = instrument(live);
const cfg = checkSources(
  {
    opcua: [
      {
        name: 'bench',
        endpoint: `opc.tcp://127.0.0.1:${port}/bench`,
        sampling_ms: SAMPLING_MS,
        publishing_ms: PUBLISHING_MS,
        items: sensors.map((s) => ({ node: `ns=1;s=${s}`, sensor: s })),
      },
    ],
  },
  model,
).opcua[0];
const t0 = performance.now();
const source = await startOpcUaSource(cfg, live, { pkiDir: path.join(dir, 'client-pki'), flush_ms: 100 });
while (source.status.state !== 'connected') await new Promise((r) => setTimeout(r, 100));
const connect_s = (performance.now() - t0) / 1000;
await new Promise((r) => setTimeout(r, 3000)); // the first full round in
const opcua = await meter.window(SECONDS);
const missing = source.status.missing.length;
await source.stop();
await server.terminate();

// the baseline: the same values as one JSON batch a second, straight into the live park
const live2 = new LiveState(model, new SqliteStore(':memory:'), Date.now());
const meter2 = instrument(live2);
let k = 0;
const timer = setInterval(() => {
  const t = Date.now();
  k++;
  const batch = sensors.map((s, i) => ({ sensor: s, value: (i % 50) + (k % 7) * 0.1, t }));
  void live2.ingestReadings(JSON.parse(JSON.stringify(batch)));
}, 1000);
await new Promise((r) => setTimeout(r, 1500));
const direct = await meter2.window(SECONDS);
clearInterval(timer);

process.stdout.write(
  `${ITEMS} items changing every second, sampling ${SAMPLING_MS} ms, publishing ${PUBLISHING_MS} ms, ${SECONDS} s measured (connect and subscribe: ${connect_s.toFixed(1)} s, ${missing} missing)\n`,
);
process.stdout.write('path                       values/s   p50 (ms)   p99 (ms)   CPU of this process\n');
for (const [name, r] of [
  ['OPC UA (one client)', opcua],
  ['direct JSON batch', direct],
] as const)
  process.stdout.write(
    `${name.padEnd(26)}${String(r.per_s).padStart(9)}${String(r.p50_ms).padStart(11)}${String(r.p99_ms).padStart(11)}${`${r.cpu_pct} %`.padStart(12)}\n`,
  );
process.stdout.write(
  `${JSON.stringify({ bench: 'opcua', items: ITEMS, sampling_ms: SAMPLING_MS, publishing_ms: PUBLISHING_MS, seconds: SECONDS, connect_s: Math.round(connect_s * 10) / 10, missing, opcua, direct })}\n`,
);
process.exit(0);
