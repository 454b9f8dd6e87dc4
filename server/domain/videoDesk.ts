/**
 * The video desk: video analytics events in (HTTP or MQTT), each stored as an event with its
 * snapshot (size-limited), and — by the rules — an alarm on the camera's sensor: an event of a rule's
 * kind at or above its confidence puts the sensor at the rule's value (1: the sensor's H alarm, 2:
 * its HH alarm) through the ordinary reading path (ISA-18.2 life cycle, acknowledgement, floods), and
 * back to 0 once the analytics have not seen it again for the rule's hold time. A camera whose
 * sensor has no H/HH thresholds only logs its events.
 *
 * A batch is checked whole first (schema, cameras, every snapshot's type and size): a bad one is
 * refused with every reason and nothing is stored.
 */
import type { ModelFeature } from '../../src/model/model.ts';
import { toEpochMs } from '../../src/protocol/ingest.ts';
import { AnalyticsBatch, AnalyticsEvent, type AnalyticsRule, DEFAULT_ANALYTICS_RULES } from '../../src/protocol/video.ts';
import type { NewEvent, Snapshot, Store, StoredEvent } from '../store/types.ts';
import { IngestError, type LiveState } from './live.ts';
import type { Log } from './log.ts';

export interface VideoOptions {
  /** The largest snapshot kept, bytes (decoded). */
  snapshotMax_bytes: number;
  /** Snapshots older than this are dropped (their events stay), ms. */
  snapshotRetention_ms: number;
  rules: AnalyticsRule[];
  now: () => number;
}

export const DEFAULT_VIDEO_OPTIONS: VideoOptions = {
  snapshotMax_bytes: 512 * 1024,
  snapshotRetention_ms: 90 * 24 * 3600_000,
  rules: DEFAULT_ANALYTICS_RULES,
  now: () => Date.now(),
};

/** JPEG starts FF D8 FF; PNG with its 8-byte signature. */
const MAGIC: Record<Snapshot['media_type'], number[]> = {
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

export interface VideoIngestResult {
  accepted: number;
  /** Alarm readings fed to camera sensors. */
  alarms: number;
  events: StoredEvent[];
}

export class VideoDesk {
  readonly options: VideoOptions;
  /** Per camera: when its analytics alarm returns to 0, and the timer that does it. */
  private readonly holds = new Map<string, { until_ms: number; timer: ReturnType<typeof setTimeout> }>();
  private pruneTimer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly live: LiveState,
    private readonly store: Store,
    private readonly log: Log,
    options: Partial<VideoOptions> = {},
  ) {
    this.options = { ...DEFAULT_VIDEO_OPTIONS, ...options };
    this.pruneTimer = setInterval(() => void this.prune(), 3600_000);
    this.pruneTimer.unref?.();
  }

  private cameraSensor(id: string): ModelFeature<'sensor'> | null {
    const f = this.live.model.byId.get(id);
    return f?.kind === 'sensor' && (f as ModelFeature<'sensor'>).props.type === 'video' ? (f as ModelFeature<'sensor'>) : null;
  }

  /** Takes a batch of analytics events: all valid or none stored (IngestError naming every bad item and field). */
  async ingest(body: unknown, via: 'http' | 'mqtt'): Promise<VideoIngestResult> {
    const r = Array.isArray(body) ? AnalyticsBatch.safeParse(body) : AnalyticsEvent.transform((e) => [e]).safeParse(body);
    if (!r.success) {
      throw new IngestError(r.error.issues.slice(0, 20).map((i) => `${i.path.join('.') || '(batch)'}: ${i.message}`));
    }
    const reasons: string[] = [];
    const pictures: (Buffer | null)[] = r.data.map((e, i) => {
      const at = r.data.length > 1 ? `${i}.` : '';
      if (!this.cameraSensor(e.camera)) reasons.push(`${at}camera: ${e.camera} is no video sensor of the layout`);
      if (!e.snapshot) return null;
      const bytes = Buffer.from(e.snapshot.data_base64, 'base64');
      if (bytes.length > this.options.snapshotMax_bytes)
        reasons.push(`${at}snapshot: ${Math.ceil(bytes.length / 1024)} kB, at most ${Math.floor(this.options.snapshotMax_bytes / 1024)} kB`);
      else if (!MAGIC[e.snapshot.media_type].every((b, k) => bytes[k] === b)) reasons.push(`${at}snapshot: the data is not ${e.snapshot.media_type}`);
      return bytes;
    });
    if (reasons.length) throw new IngestError(reasons);
    const events: NewEvent[] = [];
    const readings: { sensor: string; value: number; t: number }[] = [];
    const holds: [camera: string, until_ms: number][] = [];
    for (const [i, e] of r.data.entries()) {
      const t_ms = toEpochMs(e.t);
      const sensor = this.cameraSensor(e.camera)!;
      const picture = pictures[i];
      const snapshot = picture ? await this.store.addSnapshot({ t_ms, camera: e.camera, media_type: e.snapshot!.media_type, bytes: picture }) : null;
      const rule = this.ruleFor(e);
      const alarms = !!rule && sensor.props.thresholds[rule.value === 2 ? 'HH' : 'H'] !== undefined;
      const [lon, lat] = e.lon !== undefined && e.lat !== undefined ? [e.lon, e.lat] : (sensor.feature.geometry.coordinates as number[]);
      events.push({
        t_ms,
        type: `video.${e.kind}`,
        subject: e.camera,
        place: sensor.props.watches ?? null,
        detail: {
          kind: e.kind,
          confidence: e.confidence ?? 1,
          snapshot,
          label: e.label ?? null,
          source_id: e.source_id ?? null,
          lon,
          lat,
          via,
          ...(rule ? { priority: rule.value === 2 ? 'high' : 'medium', alarm: alarms } : {}),
        },
      });
      if (rule && alarms) {
        readings.push({ sensor: e.camera, value: rule.value, t: t_ms });
        holds.push([e.camera, t_ms + rule.hold_s * 1000]);
      }
    }
    const stored = await this.live.recordAll(events);
    if (readings.length) {
      await this.live.ingestReadings(readings);
      for (const [camera, until_ms] of holds) this.hold(camera, until_ms);
    }
    return { accepted: r.data.length, alarms: readings.length, events: stored };
  }

  /** The rule an event matches (the one with the higher value when two do), or null. */
  private ruleFor(e: AnalyticsEvent): AnalyticsRule | null {
    let best: AnalyticsRule | null = null;
    for (const q of this.options.rules) if (q.kind === e.kind && (e.confidence ?? 1) >= q.min_confidence && (!best || q.value > best.value)) best = q;
    return best;
  }

  /** Keeps a camera's analytics alarm up until `until_ms` (extended by a later event), then puts it back to 0. */
  private hold(camera: string, until_ms: number): void {
    const h = this.holds.get(camera);
    if (h && h.until_ms >= until_ms) return;
    if (h) clearTimeout(h.timer);
    const timer = setTimeout(
      () => {
        this.holds.delete(camera);
        if (!this.cameraSensor(camera)) return;
        this.live
          .ingestReadings([{ sensor: camera, value: 0, t: Math.max(this.options.now(), until_ms) }])
          .catch((err: Error) => this.log.error({ camera, err: err.message }, 'could not clear an analytics alarm'));
      },
      Math.max(0, until_ms - this.options.now()),
    );
    timer.unref?.();
    this.holds.set(camera, { until_ms, timer });
  }

  /** A stored snapshot, or null. */
  snapshot(id: number): Promise<Snapshot | null> {
    return this.store.snapshot(id);
  }

  /** Drops the snapshots past retention. */
  async prune(): Promise<number> {
    try {
      return await this.store.pruneSnapshots(this.options.now() - this.options.snapshotRetention_ms);
    } catch (e) {
      this.log.error({ err: (e as Error).message }, 'could not prune snapshots');
      return 0;
    }
  }

  close(): void {
    for (const h of this.holds.values()) clearTimeout(h.timer);
    this.holds.clear();
    if (this.pruneTimer) clearInterval(this.pruneTimer);
  }
}
