/**
 * The store behind the live server: events (every geofence event and alarm transition, written
 * before it is broadcast) and the downsampled position history. Two implementations with one
 * contract (tested by the same suite): SQLite (default, embedded) and PostgreSQL (`DATABASE_URL`).
 */
import type { TierDecision } from '../../src/geo/compliance/supervision.ts';
import { type LayoutVersionInfo, MAX_ROWS, type TrackPointOut } from '../../src/protocol/api.ts';
import type { EventType, LiveEvent } from '../../src/protocol/events.ts';
import type { PermitRecord } from '../../src/protocol/permits.ts';

export type { TierDecision };

/** A stored event: the shape the API and the socket push send (src/protocol/events.ts). */
export type StoredEvent = LiveEvent;

export type { PermitRecord };
export type NewPermitRecord = Omit<PermitRecord, 'id'>;

/** A permit step that another step took first (the same permit and seq): the caller reloads and retries or refuses. */
export class PermitConflict extends Error {
  constructor(
    readonly permit: string,
    readonly seq: number,
  ) {
    super(`permit ${permit} changed meanwhile (step ${seq} is taken)`);
  }
}

/**
 * One entry of a register kept as its history (contractors and their entries, duty check-ins,
 * turnarounds): `book` names the register, `key` the thing, `seq` its step (1, 2 …: two clients
 * cannot take the same step of the same thing).
 */
export interface LedgerRecord {
  id: number;
  t: number;
  book: string;
  key: string;
  seq: number;
  action: string;
  by: string;
  body: Record<string, unknown>;
}
export type NewLedgerRecord = Omit<LedgerRecord, 'id'>;

/** A ledger step another took first (the same book, key and seq). */
export class LedgerConflict extends Error {
  constructor(
    readonly book: string,
    readonly key: string,
    readonly seq: number,
  ) {
    super(`${book} ${key} changed meanwhile (step ${seq} is taken)`);
  }
}

export type { LayoutVersionInfo };
/** A stored layout version with its text (the layout file as stored, validated). */
export interface LayoutVersion extends LayoutVersionInfo {
  text: string;
}
export type NewLayoutVersion = Omit<LayoutVersion, 't'> & { t_ms: number };

/** A layout version another stored first (two saves from the same base: the second is refused). */
export class VersionConflict extends Error {
  constructor(readonly version: number) {
    super(`layout version ${version} is taken: another version was stored meanwhile`);
  }
}

export type NewTierDecision = Omit<TierDecision, 'id' | 't'> & { t_ms: number };

/** Where a store reports failures it cannot hand back (a dropped connection): the server's logger. */
export interface StoreLog {
  error(fields: Record<string, unknown>, message: string): void;
}

export interface NewEvent {
  t_ms: number;
  type: EventType;
  subject: string;
  place: string | null;
  detail: Record<string, unknown>;
  /** The layout version in force when it happened (the live state stamps it). */
  layout_version?: number;
}

export interface EventQuery {
  /** Only events with a larger id (re-delivery after a reconnect). */
  afterId?: number;
  /** Paging in time order: only events after this (time, id) — the cursor of the previous page. */
  after?: Cursor;
  /** Newest first (with limit 1: the last event). */
  newest?: boolean;
  since_ms?: number;
  until_ms?: number;
  /** A type (`fence.breach`) or a type family (`alarm` matches `alarm.*`). */
  type?: string;
  subject?: string;
  limit?: number;
}

/** One kept point of a subject's track (as `GET /api/tracks` sends it, and its row). */
export interface TrackPoint extends TrackPointOut {
  /** The stored row's id (set when read back; the paging cursor's tie-break). */
  row?: number;
}

/** Where a page ended: the last row's time and id. */
export interface Cursor {
  t_ms: number;
  id: number;
}

/** A signed-in session (the cookie holds its id; the store keeps the id's SHA-256 only). */
export interface SessionRow {
  id_hash: string;
  user: string;
  /** How the user signed in: password (users file), oidc, demo. */
  via: 'password' | 'oidc' | 'demo';
  /** Role and enterprises where the session carries them (OIDC claims); else read from the users file. */
  role: string | null;
  enterprises: string[] | null;
  /** Fingerprint of the password hash at sign-in: a changed password ends the session. */
  pwv: string | null;
  csrf: string;
  ip: string;
  created_ms: number;
  seen_ms: number;
}

/** One entry of the audit trail: who did what, when, from where. */
export interface AuditEntry {
  t_ms: number;
  actor: string;
  action: string;
  target: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
}
export interface StoredAudit {
  id: number;
  /** Epoch ms. */
  t: number;
  actor: string;
  action: string;
  target: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
}
export interface AuditQuery {
  after?: Cursor;
  since_ms?: number;
  until_ms?: number;
  /** An action (`signin.failed`) or a family (`signin` matches `signin.*`). */
  action?: string;
  actor?: string;
  /** Newest first (the last entry of a kind). */
  newest?: boolean;
  limit?: number;
}

export interface TrackQuery {
  /** Paging: only points after this (time, row id). */
  after?: Cursor;
  /** Give each point its row id (`row`), the paging cursor's tie-break. */
  withRow?: boolean;
  subject?: string;
  since_ms?: number;
  until_ms?: number;
  limit?: number;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Writes a batch atomically; returns the stored events with their ids, in order. */
  append(events: readonly NewEvent[]): Promise<StoredEvent[]>;
  query(q?: EventQuery): Promise<StoredEvent[]>;
  /** Writes track points (already downsampled). */
  appendTrack(points: readonly TrackPoint[]): Promise<void>;
  /** Track points by time, then subject. */
  queryTrack(q?: TrackQuery): Promise<TrackPoint[]>;
  /** Drops track points older than a time (retention). Events are kept. */
  pruneTrack(before_ms: number): Promise<number>;
  /**
   * The newest alarm transition of every alarm and the newest communication event of every sensor
   * (what rebuilds the live alarm state after a restart), oldest first.
   */
  lastAlarmState(): Promise<StoredEvent[]>;
  putSession(s: SessionRow): Promise<void>;
  getSession(id_hash: string): Promise<SessionRow | null>;
  touchSession(id_hash: string, seen_ms: number): Promise<void>;
  /** Ends sessions: one, a user's (`user`), or those idle since / created before a time. Returns how many. */
  deleteSessions(q: { id_hash?: string; user?: string; seen_before_ms?: number; created_before_ms?: number }): Promise<number>;
  /** Appends to the audit trail (which can only grow: the store refuses updates and deletes). */
  appendAudit(entries: readonly AuditEntry[]): Promise<void>;
  queryAudit(q?: AuditQuery): Promise<StoredAudit[]>;
  /** Appends an admin's decision on an enterprise's supervision tier (the history can only grow). */
  appendTier(d: NewTierDecision): Promise<TierDecision>;
  /** Every tier decision, oldest first. */
  tierDecisions(): Promise<TierDecision[]>;
  /**
   * Appends a step of a permit's life (the history can only grow). A step whose (permit, seq) is taken
   * rejects with PermitConflict and writes nothing.
   */
  appendPermitRecord(r: NewPermitRecord): Promise<PermitRecord>;
  /** Appends to a register (the history can only grow); a taken (book, key, seq) rejects with LedgerConflict. */
  appendLedger(r: NewLedgerRecord): Promise<LedgerRecord>;
  /** A register's entries (after a record id: the newer ones), in the order stored. */
  ledger(book: string, afterId?: number): Promise<LedgerRecord[]>;
  /** Every permit step (after a record id: the newer ones), in the order stored. */
  permitRecords(afterId?: number): Promise<PermitRecord[]>;
  /** Stores a layout version (the history can only grow); a taken version number rejects with VersionConflict. */
  addLayoutVersion(v: NewLayoutVersion): Promise<LayoutVersionInfo>;
  /** Every layout version without its text, oldest first. */
  layoutVersions(): Promise<LayoutVersionInfo[]>;
  /** A layout version with its text (the newest without a number), or null. */
  layoutVersion(version?: number): Promise<LayoutVersion | null>;
  /** Stores a picture (a video analytics event's snapshot); returns its id. */
  addSnapshot(s: NewSnapshot): Promise<number>;
  /** A stored picture, or null. */
  snapshot(id: number): Promise<Snapshot | null>;
  /** Drops pictures older than a time (retention); their events stay, without the picture. Returns how many. */
  pruneSnapshots(before_ms: number): Promise<number>;
  close(): Promise<void>;
}

/** A picture kept with an event: a camera's snapshot of what its analytics saw. */
export interface Snapshot {
  id: number;
  t_ms: number;
  camera: string;
  media_type: 'image/jpeg' | 'image/png';
  bytes: Buffer;
}
export type NewSnapshot = Omit<Snapshot, 'id'>;

export { MAX_ROWS };
export const clampLimit = (n: number | undefined, dflt = 1000) => Math.max(1, Math.min(n ?? dflt, MAX_ROWS));

/** The alarm states a transition event (`alarm.<state>`) can name: what a restart rebuilds. */
export const ALARM_STATE_TYPES = [
  'alarm.unacknowledged',
  'alarm.acknowledged',
  'alarm.rtn_unacknowledged',
  'alarm.normal',
  'alarm.shelved',
  'alarm.out_of_service',
] as const;
export const COMM_TYPES = ['sensor.comm_lost', 'sensor.comm_restored'] as const;

/** `type` matches itself and its family (`alarm` → `alarm.*`); the LIKE pattern escapes wildcards. */
export const typeFamily = (type: string) => `${type.replace(/[\\%_]/g, (c) => `\\${c}`)}.%`;
