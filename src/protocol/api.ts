/**
 * The REST API's contract, imported by the server (server/app.ts: the schemas that parse requests,
 * the types its answers are checked against) and the browser (src/net/api.ts: the one typed client).
 * Times on the wire are epoch milliseconds or ISO 8601 strings as each type says; queries accept both.
 *
 * Every failure answers `{ error, … }` (ApiErrorBody) with its HTTP status: 400 names the field at
 * fault, 401/403 say what credential or role is missing, 404 what was not found, 409 why the action
 * conflicts with the state, 429 when to retry.
 */
import { z } from 'zod';
import type { Permit, PermitAction, PermitActionBody, PermitBody, PermitStatsRow, SpotCheckBody } from './permits.ts';
import type { ActiveRoute, CancelBody, Contractor, ContractorBody, ContractorEntry, DutyCheckinBody, EntryBody, TurnaroundBody } from './registers.ts';
import type { DutyStatus } from '../geo/compliance/dutyRoster.ts';
import type { Turnaround } from '../geo/compliance/turnarounds.ts';
import type { Waybill } from '../geo/compliance/waybills.ts';
import type { EnterpriseTier } from '../geo/compliance/supervision.ts';
import type { DrillInfo, DrillReport } from './drills.ts';
import type { LiveAlarm, LiveEvent, LiveReading, LiveStatus } from './events.ts';
import { MAX_TIME_MS } from './ingest.ts';
import type { LayoutChange } from '../model/diff.ts';

import { ROLES, type Role } from './roles.ts';

export { DRILL_AWARE, LAYOUT_EDITORS, ROLES, type Role } from './roles.ts';

/** Rows one query returns at most: larger reads are paged (a cursor) so no request holds the server. */
export const MAX_ROWS = 10_000;

/** A time in a query: epoch milliseconds or an ISO 8601 date-time, in range. */
const timeParam = z
  .string()
  .max(40)
  .transform((v, ctx) => {
    const t = /^\d{1,16}$/.test(v) ? Number(v) : /^\d{4}-\d\d-\d\dT/.test(v) ? Date.parse(v) : NaN;
    if (!(t >= 0 && t <= MAX_TIME_MS)) {
      ctx.addIssue({ code: 'custom', message: 'must be epoch milliseconds or an ISO 8601 date-time' });
      return z.NEVER;
    }
    return t;
  });
const text = z
  .string()
  .min(1)
  .max(128)
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { error: 'must not contain control characters' });

/** The query of the history routes (events, tracks, a sensor's readings, the audit trail): strings only, times in range, no control characters. */
export const HistoryQuery = z.strictObject({
  since: timeParam.optional(),
  until: timeParam.optional(),
  limit: z
    .string()
    .regex(/^\d{1,6}$/, { error: 'must be a positive integer' })
    .transform(Number)
    .refine((n) => n >= 1 && n <= MAX_ROWS, { error: `must be between 1 and ${MAX_ROWS} (read further pages with the cursor in X-Next-Cursor)` })
    .optional(),
  /** The cursor of the previous page (`<t_ms>.<id>`, from X-Next-Cursor). */
  after: z
    .string()
    .regex(/^\d{1,16}\.\d{1,16}$/, { error: 'must be the X-Next-Cursor of the previous page' })
    .transform((c) => {
      const [t, id] = c.split('.');
      return { t_ms: Number(t), id: Number(id) };
    })
    .optional(),
  type: text.optional(),
  subject: text.optional(),
  action: text.optional(),
  actor: text.optional(),
  format: z.enum(['json', 'ndjson']).optional(),
  drill: text.optional(),
});
export type HistoryQuery = z.infer<typeof HistoryQuery>;
/** The same query as the browser sends it (times as epoch ms). */
export interface HistoryParams {
  since?: number;
  until?: number;
  limit?: number;
  after?: string;
  type?: string;
  subject?: string;
  action?: string;
  actor?: string;
  format?: 'json' | 'ndjson';
}

export const ShelveBody = z.strictObject({
  minutes: z
    .number()
    .int({ error: 'must be whole minutes' })
    .min(1)
    .max(24 * 60),
});
/** An admin sets an enterprise's supervision tier (null: back to the suggestion), with the reason. */
export const TierBody = z.strictObject({
  tier: z.enum(['red', 'yellow', 'green']).nullable(),
  reason: z
    .string()
    .trim()
    .min(5, { error: 'give the reason (at least 5 characters)' })
    .max(500)
    .refine((s) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(s), { error: 'must not contain control characters' }),
});
export const SignInBody = z.strictObject({ name: z.string().min(1).max(64), password: z.string().min(1).max(1024) });
export const DemoSignInBody = z.strictObject({ role: z.enum(ROLES) });

/** What the page learns of its session: who, what role and scope, and the CSRF token of its writes. */
export interface SessionInfo {
  name: string;
  /** A person's role, or `ingest` for a machine's token. */
  role: Role | 'ingest';
  via: string;
  /** The enterprises the person is limited to; null: the whole park. */
  enterprises: readonly string[] | null;
  csrf: string | null;
  demo: boolean;
}

/** How one can sign in here (the body of a 401 from `GET /api/session`). */
export interface SignInOptions {
  demo: boolean;
  oidc: boolean;
  password: boolean;
}

/** The body of every failure. */
export interface ApiErrorBody {
  error: string;
  /** Every bad item and field of a rejected batch. */
  reasons?: string[];
  /** The field at fault. */
  field?: string;
  /** A rule of a standard the input breaks, in both languages (a refused permit: GB 30871-2022). */
  problems?: { field: string; message_en: string; message_zh: string; clause: string }[];
  /**
   * Why, for a client to act on: `csrf` — a write with the session cookie came without the session's
   * CSRF token, or with another session's (read GET /api/session for the current one and send again).
   */
  code?: 'csrf';
}

/** One point of a subject's position history (JSON form of `GET /api/tracks`). */
export interface TrackPointOut {
  id: string;
  kind: 'person' | 'vehicle';
  t_ms: number;
  lon: number;
  lat: number;
  floor?: number;
  role?: string;
  vehicle_class?: string;
}

export interface SensorHistory {
  sensor: string;
  /** The history keeps at most one reading per this period, ms. */
  every_ms: number;
  readings: LiveReading[];
}

/** What a field source says of itself on `/api/status` (`sources`) and in the server's log. */
export interface SourceStatus {
  name: string;
  kind: 'opcua' | 'modbus';
  /** Where it reads from (endpoint URL, host:port). */
  target: string;
  state: 'connecting' | 'connected' | 'reconnecting' | 'stopped';
  /** The last failure (cleared once connected again). */
  error: string | null;
  /** Items or registers it maps. */
  items: number;
  /** Items it could not read, each with the reason (a node the server does not have, a register out of range). */
  missing: { item: string; reason: string }[];
  /** Good values taken, and bad or uncertain ones refused. */
  values: number;
  refused: number;
  /** When the last good value came (epoch ms). */
  last_value_ms: number | null;
}

/** `GET /api/status`: the live status and the server's counters. */
export interface ServerStatus extends LiveStatus {
  /** The field sources (OPC UA, Modbus) of PARKTWIN_SOURCES and how each is doing. */
  sources: SourceStatus[];
  counters: Record<string, number>;
  store: 'sqlite' | 'postgres';
  restored: { alarms: number; commLost: number };
  cluster: { id: string; leader: boolean } | null;
}

/**
 * The routes the browser calls: `<METHOD> <path>` with `:name` for a path parameter → its query,
 * body and answer. The server checks its answers against the same types.
 */
/**
 * PUT /api/layout's query (the body is the layout file itself): why it changed, shown in the list of
 * versions, and the version the edit started from — another version stored since then is a 409.
 */
export const LayoutPutQuery = z.strictObject({
  comment: z
    .string()
    .max(500)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { error: 'must not contain control characters' })
    .optional(),
  base: z
    .string()
    .regex(/^\d{1,9}$/, { error: 'must be a version number' })
    .transform(Number)
    .optional(),
});
export const LayoutGetQuery = z.strictObject({
  version: z
    .string()
    .regex(/^\d{1,9}$/, { error: 'must be a version number' })
    .transform(Number)
    .optional(),
});

/** A stored version of the park's layout (the text itself is GET /api/layout?version=n). */
export interface LayoutVersionInfo {
  version: number;
  /** When it was stored, epoch ms. */
  t: number;
  author: string;
  comment: string;
  /** The layout file (PARKTWIN_LAYOUT) read at a start, or a PUT from the app or a script. */
  source: 'file' | 'api';
  sha256: string;
  features: number;
  /** What changed from the version before it. */
  summary: LayoutChange;
}

export interface ApiRoutes {
  'GET /api/session': { response: SessionInfo };
  'POST /api/sign-in': { body: z.input<typeof SignInBody>; response: SessionInfo };
  'POST /api/demo/sign-in': { body: z.input<typeof DemoSignInBody>; response: SessionInfo };
  'GET /api/demo/users': { response: { name: string; role: Role }[] };
  'POST /api/sign-out': { response: { signed_out: true } };
  'GET /api/whoami': { response: { name: string; role: Role | 'ingest'; enterprises: readonly string[] | null } };
  'GET /api/layout': { query?: { version?: number }; response: unknown };
  'PUT /api/layout': { query: z.input<typeof LayoutPutQuery>; body: unknown; response: LayoutVersionInfo };
  'GET /api/layout/versions': { response: LayoutVersionInfo[] };
  'GET /api/status': { response: ServerStatus };
  'GET /api/alarms': { response: LiveAlarm[] };
  'POST /api/alarms/:id/ack': { params: { id: string }; response: { events: LiveEvent[] } };
  'POST /api/alarms/:id/shelve': { params: { id: string }; body: z.input<typeof ShelveBody>; response: { events: LiveEvent[] } };
  'GET /api/events': { query: HistoryParams; response: LiveEvent[] };
  'GET /api/tracks': { query: HistoryParams; response: TrackPointOut[] };
  'GET /api/sensors/:id/history': { params: { id: string }; query: Pick<HistoryParams, 'since'>; response: SensorHistory };
  'GET /api/drills': { response: DrillInfo[] };
  'POST /api/drills': { body: { scenario: Record<string, unknown>; start_at_s?: number }; response: DrillInfo };
  'GET /api/drills/:id': { params: { id: string }; response: DrillInfo };
  'GET /api/drills/:id/report': { params: { id: string }; response: DrillReport };
  'POST /api/drills/:id/stop': { params: { id: string }; response: { release_s: number } };
  'DELETE /api/drills/:id': { params: { id: string }; response: DrillReport };
  'GET /api/tiers': { response: EnterpriseTier[] };
  'POST /api/tiers/:enterprise': { params: { enterprise: string }; body: z.input<typeof TierBody>; response: EnterpriseTier };
  'GET /api/permits': { query?: { status?: string }; response: Permit[] };
  'GET /api/permits/stats': { response: PermitStatsRow[] };
  'POST /api/permits': { body: z.input<typeof PermitBody>; response: Permit };
  'POST /api/permits/:id/:action': { params: { id: string; action: PermitAction }; body: z.input<typeof PermitActionBody>; response: Permit };
  'POST /api/permits/:id/spot-checks': { params: { id: string }; body: z.input<typeof SpotCheckBody>; response: Permit };
  'GET /api/duties': { response: DutyStatus[] };
  'POST /api/duties/:unit/checkins': { params: { unit: string }; body: z.input<typeof DutyCheckinBody>; response: DutyStatus[] };
  'GET /api/turnarounds': { response: Turnaround[] };
  'POST /api/turnarounds': { body: z.input<typeof TurnaroundBody>; response: Turnaround };
  'POST /api/turnarounds/:id/cancel': { params: { id: string }; body: z.input<typeof CancelBody>; response: Turnaround };
  'GET /api/contractors': { response: { contractors: Contractor[]; entries: ContractorEntry[] } };
  'POST /api/contractors': { body: z.input<typeof ContractorBody>; response: Contractor };
  'POST /api/contractors/:id/entries': { params: { id: string }; body: z.input<typeof EntryBody>; response: ContractorEntry };
  'GET /api/waybills': { response: Waybill[] };
  'GET /api/waybills/routes': { response: ActiveRoute[] };
  'POST /api/contractor-entries/:id/revoke': { params: { id: string }; body: z.input<typeof CancelBody>; response: ContractorEntry };
}

export type ApiRoute = keyof ApiRoutes;
/** The answer of a route. */
export type ApiResponse<R extends ApiRoute> = ApiRoutes[R]['response'];
