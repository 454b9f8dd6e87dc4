/**
 * `parktwin replay`: positions (one JSON object per line, as POST /api/ingest/positions takes them)
 * through the geofences, in constant memory whatever the file's length, on both cores: a worker
 * (bin/replayWorker.ts) reads and validates the lines and puts them in the local frame, this thread
 * runs the geofence engine on the batches it posts. The events are written in batches to a file of
 * their own and handed on at the end — none of them when a line was bad (a bad file replays
 * nothing). bench/replay.ts times this function.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type Fix, GeofenceEngine, type GeofenceEvent } from '../src/geo/live/geofence.ts';
import type { ParkModel } from '../src/model/model.ts';
import { VEHICLE_CLASSES } from '../src/protocol/ingest.ts';
import { MAX_SHOWN, type ReplayMessage, type ReplayStart } from './replayProtocol.ts';

export type ReplayResult = { ok: true; positions: number; events: number } | { ok: false; bad: number };

/**
 * The reading worker, started: its module beside this one, TypeScript when running from source
 * (loaded through tsx), JavaScript when built. Start it before loading the layout and the two load
 * side by side; `ready` resolves once it can read.
 */
export function startReplayReader(): { worker: Worker; ready: Promise<void> } {
  let worker: Worker;
  if (!import.meta.url.endsWith('.ts')) worker = new Worker(new URL('./replayWorker.mjs', import.meta.url));
  else {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
    const entry = new URL('./replayWorker.ts', import.meta.url).href;
    worker = new Worker(`import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
  }
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  ready.catch(() => {}); // seen by whoever awaits it
  return { worker, ready };
}

export async function replayPositions(
  model: ParkModel,
  file: string,
  write: (text: string) => void,
  warn: (text: string) => void,
  reader = startReplayReader(),
): Promise<ReplayResult> {
  const { worker } = reader;
  try {
    closeSync(openSync(file, 'r')); // a file that cannot be read fails here, with its error code
    await reader.ready;
  } catch (e) {
    await worker.terminate();
    throw e;
  }
  const spoolDir = mkdtempSync(path.join(tmpdir(), 'parktwin-replay-'));
  const spool = path.join(spoolDir, 'events.ndjson');
  const fd = openSync(spool, 'w');
  const control = new SharedArrayBuffer(4);
  const inFlight = new Int32Array(control);
  try {
    const engine = new GeofenceEngine(model);
    const batch: string[] = [];
    const flush = () => {
      if (batch.length) writeSync(fd, batch.join(''));
      batch.length = 0;
    };
    let events = 0;
    const out = (e: GeofenceEvent) => {
      const [lon, lat] = model.frame.toLngLat([e.x, e.y]);
      batch.push(
        `${JSON.stringify({ t: e.t_ms, type: e.type, subject: e.subject, place: e.place, lon: Math.round(lon * 1e7) / 1e7, lat: Math.round(lat * 1e7) / 1e7, detail: e.detail })}\n`,
      );
      events++;
      if (batch.length >= 1000) flush();
    };
    let positions = 0;
    let lastTick = -Infinity;
    const strings: string[] = [];
    const replay = (m: Extract<ReplayMessage, { type: 'batch' }>) => {
      for (const s of m.strings) strings.push(s);
      const { xyt, ids, roles, flags } = m;
      for (let i = 0; i < m.n; i++) {
        const t_ms = xyt[i * 3 + 2];
        const f = flags[i];
        const fix: Fix = {
          id: strings[ids[i]],
          kind: f & 1 ? 'vehicle' : 'person',
          t_ms,
          x: xyt[i * 3],
          y: xyt[i * 3 + 1],
          role: roles[i] < 0 ? undefined : strings[roles[i]],
          vehicle_class: f >> 1 ? VEHICLE_CLASSES[(f >> 1) - 1] : undefined,
        };
        positions++;
        for (const e of engine.update(fix)) out(e);
        if (t_ms - lastTick >= 10_000) {
          for (const e of engine.tick(t_ms)) out(e);
          lastTick = t_ms;
        }
      }
      Atomics.sub(inFlight, 0, 1);
      Atomics.notify(inFlight, 0);
    };
    const bad = await new Promise<number>((resolve, reject) => {
      const start: ReplayStart = { file, origin: model.frame.origin, originHeight_m: model.frame.originHeight_m, control };
      worker.postMessage(start);
      worker.on('message', (m: ReplayMessage) => {
        if (m.type === 'batch') replay(m);
        else if (m.type === 'problem') warn(`${m.text}\n`);
        else if (m.type === 'end') resolve(m.bad);
      });
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`the replay's reader stopped (exit code ${code})`)));
    });
    if (bad) {
      if (bad > MAX_SHOWN) warn(`… and ${bad - MAX_SHOWN} more\n`);
      return { ok: false, bad };
    }
    flush();
    closeSync(fd);
    forEachChunk(spool, write);
    return { ok: true, positions, events };
  } finally {
    await worker.terminate();
    try {
      closeSync(fd);
    } catch {
      // closed above
    }
    rmSync(spoolDir, { recursive: true, force: true });
  }
}

/** A file's text handed over in chunks (1 MiB), whole characters each. */
function forEachChunk(file: string, fn: (text: string) => void): void {
  const fd = openSync(file, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  const decoder = new StringDecoder('utf8');
  try {
    for (let got = readSync(fd, buf); got; got = readSync(fd, buf)) fn(decoder.write(buf.subarray(0, got)));
    const tail = decoder.end();
    if (tail) fn(tail);
  } finally {
    closeSync(fd);
  }
}
