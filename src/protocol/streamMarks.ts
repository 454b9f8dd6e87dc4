/**
 * A client's count of the volatile streams (src/protocol/events.ts, `StreamMark`): which batch of
 * each stream came last from each sending process, and whether one was skipped. Pure, so the
 * browser's client and any other client share it.
 */
import type { StreamMark, VolatileStream } from './events.ts';

export class StreamGaps {
  private readonly last = new Map<string, number>();

  /** A snapshot: forget what came before; counts at or below its marks are already in it. */
  reset(marks: Partial<Record<VolatileStream, StreamMark>> = {}): void {
    this.last.clear();
    for (const [stream, m] of Object.entries(marks) as [VolatileStream, StreamMark][]) this.last.set(key(stream, m.o), m.s);
  }

  /**
   * A batch arrived: true when one before it went missing. The first batch of a sender not seen yet
   * starts its count (nothing to compare with); an old or repeated count is no gap.
   */
  missed(stream: VolatileStream, mark: StreamMark | undefined): boolean {
    if (!mark || typeof mark.o !== 'string' || !Number.isInteger(mark.s)) return false;
    const k = key(stream, mark.o);
    const prev = this.last.get(k);
    if (prev !== undefined && mark.s <= prev) return false;
    this.last.set(k, mark.s);
    return prev !== undefined && mark.s > prev + 1;
  }
}

const key = (stream: VolatileStream, origin: string) => `${stream}\u0000${origin}`;
