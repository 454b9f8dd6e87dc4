/**
 * The reading half of `parktwin replay` (bin/replay.ts), on the second core: the file read in chunks,
 * each line validated (a plain line read from its bytes by PositionLineReader; any other parsed and
 * checked, zod wording the problem) and put in the local frame; the fixes posted in batches of typed
 * arrays (transferred, not copied), ids and roles as numbers into a table of strings sent as it grows.
 * At most IN_FLIGHT batches wait for the engine (a shared counter): memory stays constant however
 * fast the reading runs ahead. It says `ready` once loaded, so that it can load while the layout does.
 */
import { parentPort } from 'node:worker_threads';
import { createFrame } from '../src/geo/primitives/frame.ts';
import { isPlainPosition, PositionPayload, toEpochMs, VEHICLE_CLASSES, type VehicleClass } from '../src/protocol/ingest.ts';
import { newPositionRecord, PositionLineReader } from '../src/protocol/positionLine.ts';
import { forEachLineBytes } from './ndjson.ts';
import { BATCH, IN_FLIGHT, MAX_SHOWN, type ReplayMessage, type ReplayStart } from './replayProtocol.ts';

const port = parentPort!;
const post = (m: ReplayMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
// loaded: say so, and read the file when told which (and in which frame)
port.once('message', (m: ReplayStart) => read(m));
post({ type: 'ready' });

function read({ file, origin, originHeight_m, control }: ReplayStart): void {
  const frame = createFrame(origin, originHeight_m);
  const inFlight = new Int32Array(control);

  const strings = new Map<string, number>();
  let fresh: string[] = [];
  let total = 0;
  const indexOf = (s: string): number => {
    let i = strings.get(s);
    if (i === undefined) {
      i = total++;
      strings.set(s, i);
      fresh.push(s);
    }
    return i;
  };

  let n = 0;
  let xyt = new Float64Array(BATCH * 3);
  let ids = new Int32Array(BATCH);
  let roles = new Int32Array(BATCH);
  let flags = new Uint8Array(BATCH);
  const flush = () => {
    if (!n) return;
    for (let v = Atomics.load(inFlight, 0); v >= IN_FLIGHT; v = Atomics.load(inFlight, 0)) Atomics.wait(inFlight, 0, v);
    Atomics.add(inFlight, 0, 1);
    post({ type: 'batch', n, xyt, ids, roles, flags, strings: fresh }, [xyt.buffer, ids.buffer, roles.buffer, flags.buffer]);
    fresh = [];
    n = 0;
    xyt = new Float64Array(BATCH * 3);
    ids = new Int32Array(BATCH);
    roles = new Int32Array(BATCH);
    flags = new Uint8Array(BATCH);
  };

  let bad = 0;
  const problem = (text: string) => {
    if (++bad <= MAX_SHOWN) post({ type: 'problem', text });
  };
  const add = (
    id: string,
    kind: 'person' | 'vehicle',
    lon: number,
    lat: number,
    t_ms: number,
    role: string | undefined,
    vehicle_class: VehicleClass | undefined,
  ) => {
    if (bad) return; // the file is refused: the rest is only validated
    const [x, y] = frame.toLocal([lon, lat]);
    xyt[n * 3] = x;
    xyt[n * 3 + 1] = y;
    xyt[n * 3 + 2] = t_ms;
    ids[n] = indexOf(id);
    roles[n] = role === undefined ? -1 : indexOf(role);
    flags[n] = (kind === 'vehicle' ? 1 : 0) | ((vehicle_class ? VEHICLE_CLASSES.indexOf(vehicle_class) + 1 : 0) << 1);
    if (++n === BATCH) flush();
  };

  const reader = new PositionLineReader();
  const rec = newPositionRecord();
  forEachLineBytes(file, (buf, start, end, lineNo) => {
    if (reader.read(buf, start, end, rec)) return add(rec.id, rec.kind, rec.lon, rec.lat, rec.t_ms, rec.role, rec.vehicle_class);
    const line = buf.toString('utf8', start, end);
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (e) {
      return problem(`${file}:${lineNo}: not JSON: ${(e as Error).message}`);
    }
    let p: PositionPayload;
    if (isPlainPosition(json)) p = json;
    else {
      // zod words the problem (and gives the defaults and reads an ISO time when there is none)
      const r = PositionPayload.safeParse(json);
      if (!r.success) {
        for (const iss of r.error.issues) problem(`${file}:${lineNo}: ${iss.path.join('.') || '(line)'}: ${iss.message}`);
        return;
      }
      p = r.data;
    }
    add(p.id, p.kind, p.lon, p.lat, toEpochMs(p.t), p.role, p.vehicle_class);
  });
  if (!bad) flush();
  post({ type: 'end', bad });
  port.on('message', () => {}); // stay until terminated, so that nothing posted is lost to an early exit
}
