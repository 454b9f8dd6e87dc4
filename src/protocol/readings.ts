/**
 * Sensor readings on the wire: columnar and binary (socket.io sends typed arrays as binary
 * attachments). A sensor is its index in the layout's sensor order — the order of `sensor` features
 * in the layout file, which server and client both load — so a reading costs 12 bytes instead of
 * some 55 of JSON. Values travel as float32 (7 significant digits: ample for field instruments).
 */
/** A sensor's latest value, as the snapshot lists it and a batch decodes to. */
export interface LiveReading {
  sensor: string;
  value: number;
  t: number;
}

export interface ReadingBatch {
  /** Base time, epoch ms. */
  t0: number;
  /** Sensor index in the layout's sensor order (Uint32). */
  index: Uint32Array;
  value: Float32Array;
  /** Time after t0, ms (Uint32). */
  dt_ms: Uint32Array;
}

/** The batch from columns: sensor index (layout order), value, time (epoch ms). */
export function readingBatch(index: Uint32Array, value: ArrayLike<number>, t_ms: ArrayLike<number>): ReadingBatch {
  const n = index.length;
  let t0 = n ? Infinity : 0;
  for (let i = 0; i < n; i++) if (t_ms[i] < t0) t0 = t_ms[i];
  const dt_ms = new Uint32Array(n);
  for (let i = 0; i < n; i++) dt_ms[i] = t_ms[i] - t0;
  return { t0, index, value: value instanceof Float32Array ? value : Float32Array.from(value), dt_ms };
}

export function encodeReadings(readings: readonly LiveReading[], indexOf: ReadonlyMap<string, number>): ReadingBatch {
  const index = Uint32Array.from(readings, (r) => {
    const k = indexOf.get(r.sensor);
    if (k === undefined) throw new Error(`sensor "${r.sensor}" is not in the layout`);
    return k;
  });
  return readingBatch(
    index,
    readings.map((r) => r.value),
    readings.map((r) => r.t),
  );
}

/** Typed arrays arrive as ArrayBuffer (browser) or Buffer (Node): view them as the typed array again. */
function view<T extends Uint32Array | Float32Array>(x: unknown, C: { new (b: ArrayBufferLike, o: number, l: number): T; BYTES_PER_ELEMENT: number }): T {
  if (x instanceof C) return x;
  if (ArrayBuffer.isView(x)) {
    // copy when misaligned (a Buffer slice may start at any byte)
    const bytes = new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
    const aligned = x.byteOffset % C.BYTES_PER_ELEMENT === 0 ? bytes : bytes.slice();
    return new C(aligned.buffer, aligned === bytes ? x.byteOffset : 0, x.byteLength / C.BYTES_PER_ELEMENT);
  }
  if (x instanceof ArrayBuffer) return new C(x, 0, x.byteLength / C.BYTES_PER_ELEMENT);
  throw new Error('a reading batch column is not binary');
}

export function decodeReadings(batch: ReadingBatch, sensorIds: readonly string[]): LiveReading[] {
  const index = view(batch.index, Uint32Array);
  const value = view(batch.value, Float32Array);
  const dt = view(batch.dt_ms, Uint32Array);
  const out: LiveReading[] = [];
  for (let i = 0; i < index.length; i++) {
    const sensor = sensorIds[index[i]];
    if (sensor !== undefined) out.push({ sensor, value: value[i], t: batch.t0 + dt[i] });
  }
  return out;
}
