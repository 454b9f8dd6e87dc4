/**
 * What the live park remembers of its sensors' readings: per sensor (in the layout's order, the
 * wire's index) its latest reading, a downsampled history for the last hours, and — for the push
 * once a second — which sensors this process took a reading of since a sequence number, kept in
 * flat arrays so the push builds its batch without touching 20 000 objects.
 */
import { type ReadingBatch, readingBatch } from '../../src/protocol/readings.ts';
import type { LiveReading } from '../../src/protocol/events.ts';

export interface ReadingHistoryOptions {
  /** Keep at most one reading per sensor per this period in the history, ms. */
  every_ms: number;
  /** Keep the history this long, ms. */
  retention_ms: number;
}

export class ReadingHistory {
  /** The latest reading per sensor index (one object each, updated in place), null until it reports. */
  private readonly latest: (LiveReading | null)[];
  private readonly history: LiveReading[][];
  private seq = 0;
  // per sensor index: the sequence number of its last reading taken in here (0: none), its value and time
  private readonly slotSeq: Float64Array;
  private readonly latestValue: Float64Array;
  private readonly latestT: Float64Array;

  constructor(
    size: number,
    private readonly options: ReadingHistoryOptions,
    /** Where the sequence goes on from (a layout switch keeps counting, so pushes already asked for stay in order). */
    startSeq = 0,
  ) {
    this.seq = startSeq;
    this.latest = new Array<LiveReading | null>(size).fill(null);
    this.history = Array.from({ length: size }, () => []);
    this.slotSeq = new Float64Array(size);
    this.latestValue = new Float64Array(size);
    this.latestT = new Float64Array(size);
  }

  /** The sequence number of the last reading taken in. */
  get lastSeq(): number {
    return this.seq;
  }

  /** Takes over a sensor's latest reading and history from another history (a layout switch: the sensor stayed, its index may not have). */
  carry(index: number, from: ReadingHistory, fromIndex: number): void {
    this.latest[index] = from.latest[fromIndex];
    this.history[index] = from.history[fromIndex];
  }

  /** The time of the sensor's latest reading, ms (-Infinity: none yet). */
  lastTime(index: number): number {
    return this.latest[index]?.t ?? -Infinity;
  }

  /**
   * Takes a reading (not older than the latest: the caller checks). `origin` false: a replica's,
   * remembered but not pushed by this process.
   */
  take(index: number, sensor: string, value: number, t_ms: number, origin: boolean): void {
    // one object per sensor, updated in place: a new one per reading would outlive a few young
    // collections and die old (the costly kind); it is serialised when sent (latest wins)
    let reading = this.latest[index];
    if (!reading) this.latest[index] = reading = { sensor, value, t: t_ms };
    reading.value = value;
    reading.t = t_ms;
    if (origin) {
      this.slotSeq[index] = ++this.seq;
      this.latestValue[index] = value;
      this.latestT[index] = t_ms;
    }
    const h = this.history[index];
    const last = h[h.length - 1];
    // one point per period (the latest reading is always available beside the history)
    if (last && t_ms - last.t < this.options.every_ms) return;
    h.push({ sensor, value, t: t_ms }); // a copy: the latest is updated in place
    const cut = t_ms - this.options.retention_ms;
    let k = 0;
    while (k < h.length && h[k].t < cut) k++;
    if (k) h.splice(0, k);
  }

  /** The value of a sensor's latest reading (undefined: none yet). */
  latestOf(index: number): number | undefined {
    return this.latest[index]?.value;
  }

  /** The latest reading of every sensor that has reported. */
  latestReadings(): LiveReading[] {
    return this.latest.filter((r): r is LiveReading => r !== null);
  }

  /** The downsampled readings of a sensor since a time, oldest first, ending with the latest. */
  readingsOf(index: number, since_ms = -Infinity): LiveReading[] {
    const h = this.history[index].filter((r) => r.t >= since_ms);
    const latest = this.latest[index];
    if (latest && h[h.length - 1]?.t !== latest.t && latest.t >= since_ms) h.push({ ...latest });
    return h;
  }

  /**
   * The readings this process took in (not replicas) since a sequence number, as the wire's batch
   * (latest per sensor), and the number to ask from next time: one pass over flat arrays, cheaper at
   * tens of thousands of readings a second than keeping a set of the changed ones.
   */
  batchSince(seq: number): { batch: ReadingBatch | null; seq: number } {
    if (!(seq < this.seq)) return { batch: null, seq: this.seq };
    const { slotSeq, latestT, latestValue } = this;
    let n = 0;
    for (let i = 0; i < slotSeq.length; i++) if (slotSeq[i] > seq) n++;
    const index = new Uint32Array(n);
    const value = new Float32Array(n);
    const t_ms = new Float64Array(n);
    for (let i = 0, k = 0; i < slotSeq.length; i++) {
      if (slotSeq[i] > seq) {
        index[k] = i;
        value[k] = latestValue[i];
        t_ms[k++] = latestT[i];
      }
    }
    return { batch: readingBatch(index, value, t_ms), seq: this.seq };
  }
}
