/**
 * The store behind the live server: events (every geofence event and alarm transition, written
 * before it is broadcast) and the downsampled position history. Two implementations with one
 * contract (tested by the same suite): SQLite (default, embedded) and PostgreSQL (`DATABASE_URL`).
 */
import type { LiveEvent } from '../../src/protocol/events.ts';

/** A stored event: the shape the API and the socket push send (src/protocol/events.ts). */
export type StoredEvent = LiveEvent;

export interface NewEvent {
  t_ms: number;
  type: string;
  subject: string;
  place: string | null;
  detail: Record<string, unknown>;
}

export interface EventQuery {
  /** Only events with a larger id (re-delivery after a reconnect). */
  afterId?: number;
  /** Newest first (with limit 1: the last event). */
  newest?: boolean;
  since_ms?: number;
  until_ms?: number;
  /** A type (`fence.breach`) or a type family (`alarm` matches `alarm.*`). */
  type?: string;
  subject?: string;
  limit?: number;
}

/** One kept point of a subject's track. */
export interface TrackPoint {
  id: string;
  kind: 'person' | 'vehicle';
  t_ms: number;
  lon: number;
  lat: number;
  floor?: number;
  role?: string;
  vehicle_class?: string;
}

export interface TrackQuery {
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
  close(): Promise<void>;
}

export const MAX_ROWS = 100_000;
export const clampLimit = (n: number | undefined, dflt = 10_000) => Math.max(1, Math.min(n ?? dflt, MAX_ROWS));

/** `type` matches itself and its family (`alarm` → `alarm.*`); the LIKE pattern escapes wildcards. */
export const typeFamily = (type: string) => `${type.replace(/[\\%_]/g, (c) => `\\${c}`)}.%`;
