/**
 * Special-operation permits on the wire (GB 30871-2022's 安全作业票): what a client files, the actions
 * that move a permit through its life, the regulator's spot checks, and what the server answers.
 * Times are epoch ms (ISO 8601 with offset accepted on input).
 */
import { z } from 'zod';
import { SPECIAL_OPS } from '../geo/compliance/gb30871.ts';
import { MAX_TIME_MS, WireId, wireText } from './ingest.ts';

const time = z
  .union([z.number().int().nonnegative().max(MAX_TIME_MS), z.iso.datetime({ offset: true })], {
    error: 'must be epoch milliseconds or an ISO 8601 date-time with offset',
  })
  .transform((t) => (typeof t === 'number' ? t : Date.parse(t)));
const person = wireText(64);
const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

export const GasAnalysisBody = z.strictObject({
  t: time,
  point: wireText(128),
  kind: z.enum(['combustible', 'oxygen', 'toxic']),
  substance: wireText(64),
  value: z.number().nonnegative().max(1e6),
  lel_pct: z.number().positive().max(100).optional(),
  limit: z.number().positive().max(1e6).optional(),
  unit: wireText(16).optional(),
  analyst: person,
});

/** A permit as filed (`POST /api/permits`). */
export const PermitBody = z
  .strictObject({
    kind: z.enum(SPECIAL_OPS),
    grade: z.string().max(16).nullish(),
    /** The enterprise doing the work (its users file and approve; the park sees every enterprise's). */
    enterprise: WireId,
    /** Where: an installation or area of the layout, a polygon drawn on the twin (lon, lat), or both. */
    feature: WireId.optional(),
    area: z.array(lonLat).min(3).max(200).optional(),
    title: wireText(200),
    valid_from: time,
    valid_to: time,
    applicant: person,
    workers: z.array(person).max(50),
    watcher: z.string().max(64),
    approvers: z.array(person).max(10),
    /** Tags of the workers and the watcher (positioning), when they carry one: who is inside, whether the watcher is near. */
    worker_tags: z.array(WireId).max(50).default([]),
    watcher_tag: WireId.optional(),
    gas_analyses: z.array(GasAnalysisBody).max(50).default([]),
    contractor: wireText(128).optional(),
    height_m: z.number().min(0).max(1000).optional(),
    mass_t: z.number().min(0).max(100_000).optional(),
    depth_m: z.number().min(0).max(1000).optional(),
    /** Outdoor hot work is held to the wind limit. */
    outdoor: z.boolean().default(true),
  })
  .refine((p) => p.feature !== undefined || p.area !== undefined, { error: 'give the place: feature, area or both', path: ['feature'] });
export type PermitBody = z.output<typeof PermitBody>;

export const PERMIT_ACTIONS = ['approve', 'start', 'suspend', 'resume', 'close', 'cancel', 'analysis'] as const;
export type PermitAction = (typeof PERMIT_ACTIONS)[number];

/** `POST /api/permits/:id/:action`: a reason (suspend, cancel, close) and, for `analysis`, a new gas analysis. */
export const PermitActionBody = z.strictObject({
  reason: wireText(500).optional(),
  analysis: GasAnalysisBody.optional(),
});

/** `POST /api/permits/:id/spot-checks`: the regulator's online check of a permit. */
export const SpotCheckBody = z.strictObject({
  finding: z.enum(['compliant', 'deficient', 'stopped']),
  note: wireText(2000),
  /** A photo as a data URL (JPEG or PNG, at most ~300 kB). */
  photo: z
    .string()
    .max(400_000)
    .regex(/^data:image\/(jpeg|png);base64,[A-Za-z0-9+/=]+$/, { error: 'photo must be a JPEG or PNG data URL' })
    .optional(),
  follow_up: wireText(500).optional(),
  /** When the follow-up is due, epoch ms. */
  due: time.optional(),
});

export type PermitStatus = 'drafted' | 'approved' | 'active' | 'suspended' | 'closed' | 'cancelled';

export interface SpotCheck {
  t: number;
  by: string;
  finding: 'compliant' | 'deficient' | 'stopped';
  note: string;
  photo?: string;
  follow_up?: string;
  due?: number;
}

/** One stored step of a permit's life (the store keeps them all; the permit is their fold). */
export interface PermitRecord {
  id: number;
  t: number;
  permit: string;
  /** 1 for the filing, then one more per step: two clients cannot both take the same step. */
  seq: number;
  action: 'file' | PermitAction | 'spot_check' | 'expire';
  by: string;
  body: Record<string, unknown>;
}

export interface Permit extends Omit<PermitBody, 'gas_analyses'> {
  id: string;
  /** The permit number: kind prefix, date, sequence (DH-20261204-03). */
  number: string;
  status: PermitStatus;
  gas_analyses: z.output<typeof GasAnalysisBody>[];
  filed_at: number;
  filed_by: string;
  approved_by: string | null;
  approved_at: number | null;
  started_at: number | null;
  /** While suspended: since when and why. */
  suspended_at: number | null;
  suspend_reason: string | null;
  /** What suspended it when the system did: a gas detector's alarm near the work (the UI words it in the page's language). */
  suspend_cause: { sensor: string; level: string; distance_m: number } | null;
  /** How many times it was suspended. */
  suspensions: number;
  ended_at: number | null;
  end_reason: string | null;
  spot_checks: SpotCheck[];
  /** The last step's seq. */
  seq: number;
}

/** Live facts of an active permit (who is inside its area, whether the watcher is near). */
export interface PermitLive {
  permit: string;
  inside: string[];
  watcher_present: boolean | null;
}

export interface PermitStatsRow {
  enterprise: string;
  kind: string;
  /** `YYYY-MM` in the park's time zone. */
  month: string;
  filed: number;
  closed: number;
  cancelled: number;
  /** Permits suspended at least once. */
  suspended: number;
  spot_checks: number;
  deficient: number;
}
