/**
 * Video on the wire: the analytics events cameras' video analytics send (by HTTP or MQTT), with
 * their snapshot, and what the API answers about them.
 */
import { z } from 'zod';
import { MAX_TIME_MS, WireId, wireText } from './ingest.ts';

/** What a camera's analytics can report (intrusion, a person without a helmet, smoke or flame, a gas cloud seen by gas-cloud imaging). */
export const ANALYTICS_KINDS = ['intrusion', 'no_helmet', 'smoke_flame', 'gas_cloud'] as const;
export type AnalyticsKind = (typeof ANALYTICS_KINDS)[number];

/** The picture's types we keep, each known by its first bytes. */
export const SNAPSHOT_TYPES = ['image/jpeg', 'image/png'] as const;

export const AnalyticsEvent = z.strictObject({
  /** The video sensor (with a camera) that saw it. */
  camera: WireId,
  kind: z.enum(ANALYTICS_KINDS),
  t: z.union([z.number().int().nonnegative().max(MAX_TIME_MS), z.iso.datetime({ offset: true })], {
    error: 't must be epoch milliseconds or an ISO 8601 date-time with offset',
  }),
  /** The analytics' confidence, 0–1 (absent: 1). */
  confidence: z.number().min(0).max(1).optional(),
  /** The source's own id of the event (kept, for tracing it back). */
  source_id: WireId.optional(),
  /** Where the thing seen is, if the analytics place it on the ground. */
  lon: z.number().min(-180).max(180).optional(),
  lat: z.number().min(-90).max(90).optional(),
  /** A short description from the analytics ("2 persons", "no helmet: 1"). */
  label: wireText(200).optional(),
  /** The picture, base64 (JPEG or PNG). */
  snapshot: z
    .strictObject({
      media_type: z.enum(SNAPSHOT_TYPES),
      data_base64: z
        .string()
        .min(4)
        .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: 'must be base64' }),
    })
    .optional(),
});
export type AnalyticsEvent = z.infer<typeof AnalyticsEvent>;

/** A batch of events (all valid or none applied); a single event is taken on its own too. */
export const AnalyticsBatch = z.array(AnalyticsEvent).min(1).max(100);

/**
 * When an analytics event raises an alarm: its kind at or above a confidence puts the camera's
 * sensor at `value` (1: its H alarm, medium priority; 2: its HH alarm, high) for `hold_s`, then back
 * to 0 unless the analytics see it again.
 */
export interface AnalyticsRule {
  kind: AnalyticsKind;
  min_confidence: number;
  value: 1 | 2;
  hold_s: number;
}
export const AnalyticsRule = z.strictObject({
  kind: z.enum(ANALYTICS_KINDS),
  min_confidence: z.number().min(0).max(1).default(0.5),
  value: z.union([z.literal(1), z.literal(2)]),
  hold_s: z.number().min(1).max(86_400).default(120),
});
export const AnalyticsRules = z.array(AnalyticsRule).max(50);

/** The rules without a PARKTWIN_VIDEO_RULES file: smoke, flame and gas clouds high; intrusion medium; a missing helmet an event only. */
export const DEFAULT_ANALYTICS_RULES: AnalyticsRule[] = [
  { kind: 'smoke_flame', min_confidence: 0.5, value: 2, hold_s: 300 },
  { kind: 'gas_cloud', min_confidence: 0.5, value: 2, hold_s: 300 },
  { kind: 'intrusion', min_confidence: 0.6, value: 1, hold_s: 120 },
];
