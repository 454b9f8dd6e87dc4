/** What bin/replay.ts and its reading worker (bin/replayWorker.ts) say to each other. */

/** Fixes a batch holds. */
export const BATCH = 8192;
/** Batches read ahead of the engine at most (the worker waits beyond). */
export const IN_FLIGHT = 4;
/** Bad lines shown at most (the rest counted). */
export const MAX_SHOWN = 100;
/** vehicle_class is sent as its index in VEHICLE_CLASSES (src/protocol/ingest.ts) + 1; 0 is none. */

/** To the worker, once it is ready: the file to read and the frame to put its positions in. */
export interface ReplayStart {
  file: string;
  origin: readonly number[];
  originHeight_m: number;
  /** One Int32: batches posted and not yet replayed. */
  control: SharedArrayBuffer;
}

export type ReplayMessage =
  | { type: 'ready' }
  /** n fixes: x, y (local frame, m) and t (epoch ms) in xyt; ids and roles index the strings table (−1: no role); flags bit 0 vehicle, bits 1–3 the class code; `strings` extend the table. */
  | { type: 'batch'; n: number; xyt: Float64Array; ids: Int32Array; roles: Int32Array; flags: Uint8Array; strings: string[] }
  | { type: 'problem'; text: string }
  | { type: 'end'; bad: number };
