/**
 * The position history: at most one point per subject per period, written to the store in batches
 * (each second by the live park's tick) and pruned of points older than the retention (hourly).
 */
import type { LivePosition } from '../../src/protocol/events.ts';
import type { Store, TrackPoint } from '../store/types.ts';

export interface TrackOptions {
  /** Keep at most one point per subject per this period, ms. */
  every_ms: number;
  /** Keep points this long, ms. */
  retention_ms: number;
}

export class TrackRecorder {
  private readonly kept = new Map<string, number>();
  private pending: TrackPoint[] = [];
  private lastPrune_ms = 0;

  constructor(
    private readonly store: Store,
    private readonly options: TrackOptions,
  ) {}

  /** Keeps the position when the subject's last kept point is a period old. */
  keep(p: LivePosition): void {
    const kept = this.kept.get(p.id);
    if (kept !== undefined && p.t - kept < this.options.every_ms) return;
    this.kept.set(p.id, p.t);
    this.pending.push({
      id: p.id,
      kind: p.kind,
      t_ms: p.t,
      lon: p.lon,
      lat: p.lat,
      ...(p.floor !== undefined ? { floor: p.floor } : {}),
      ...(p.role ? { role: p.role } : {}),
      ...(p.vehicle_class ? { vehicle_class: p.vehicle_class } : {}),
    });
  }

  /** Writes the points kept since the last flush, and prunes old ones once an hour. */
  async flush(now_ms: number): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length) await this.store.appendTrack(batch);
    if (now_ms - this.lastPrune_ms > 3600_000) {
      this.lastPrune_ms = now_ms;
      await this.store.pruneTrack(now_ms - this.options.retention_ms);
    }
  }
}
