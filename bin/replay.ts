/**
 * `parktwin replay`: positions (one JSON object per line, as POST /api/ingest/positions takes them)
 * through the geofences, in constant memory whatever the file's length: the file is read once, a line
 * at a time; each line is validated (a plain line without zod, which then only words the problem)
 * and fed to the engine; the events are written in batches to a file of their own and handed on at
 * the end — none of them when a line was bad (a bad file replays nothing). bench/replay.ts times
 * this function.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { GeofenceEngine, type GeofenceEvent } from '../src/geo/live/geofence.ts';
import type { ParkModel } from '../src/model/model.ts';
import { isPlainPosition, PositionPayload, toEpochMs } from '../src/protocol/ingest.ts';
import { forEachLine } from './ndjson.ts';

/** Bad lines shown at most (the rest counted). */
const MAX_SHOWN = 100;

export type ReplayResult = { ok: true; positions: number; events: number } | { ok: false; bad: number };

export function replayPositions(model: ParkModel, file: string, write: (text: string) => void, warn: (text: string) => void): ReplayResult {
  // one pass: each line validated and, while the file has been good so far, replayed; the events go
  // to a file of their own and reach `write` only when every line was good (a bad file gives nothing)
  const spoolDir = mkdtempSync(path.join(tmpdir(), 'parktwin-replay-'));
  const spool = path.join(spoolDir, 'events.ndjson');
  const fd = openSync(spool, 'w');
  try {
    let bad = 0;
    const problem = (text: string) => {
      if (++bad <= MAX_SHOWN) warn(`${text}\n`);
    };
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
    forEachLine(file, (line, n) => {
      if (!line.trim()) return;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch (e) {
        return problem(`${file}:${n}: not JSON: ${(e as Error).message}`);
      }
      let p: PositionPayload;
      if (isPlainPosition(json)) p = json;
      else {
        // zod words the problem (and gives the defaults and reads an ISO time when there is none)
        const r = PositionPayload.safeParse(json);
        if (!r.success) {
          for (const iss of r.error.issues) problem(`${file}:${n}: ${iss.path.join('.') || '(line)'}: ${iss.message}`);
          return;
        }
        p = r.data;
      }
      if (bad) return; // the file is refused: the rest is only validated
      const [x, y] = model.frame.toLocal([p.lon, p.lat]);
      const t_ms = toEpochMs(p.t);
      positions++;
      for (const e of engine.update({ id: p.id, kind: p.kind, t_ms, x, y, role: p.role, vehicle_class: p.vehicle_class })) out(e);
      if (t_ms - lastTick >= 10_000) {
        for (const e of engine.tick(t_ms)) out(e);
        lastTick = t_ms;
      }
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
