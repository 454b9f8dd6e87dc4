/**
 * The event store: SQLite (better-sqlite3 12.x, WAL). Every event and alarm transition is written
 * here before it is broadcast, in one transaction per batch, and survives a restart.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
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
  type?: string;
  subject?: string;
  limit?: number;
}

export class EventStore {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        t_ms INTEGER NOT NULL,
        type TEXT NOT NULL,
        subject TEXT NOT NULL,
        place TEXT,
        detail TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS events_t ON events (t_ms);
      CREATE INDEX IF NOT EXISTS events_subject ON events (subject, t_ms);
    `);
    this.insert = this.db.prepare('INSERT INTO events (t_ms, type, subject, place, detail) VALUES (?, ?, ?, ?, ?)');
  }

  /** Writes a batch in one transaction; returns the stored events with their ids. */
  append(events: readonly NewEvent[]): StoredEvent[] {
    const tx = this.db.transaction((batch: readonly NewEvent[]) =>
      batch.map((e) => {
        const r = this.insert.run(e.t_ms, e.type, e.subject, e.place, JSON.stringify(e.detail));
        return { id: Number(r.lastInsertRowid), t: new Date(e.t_ms).toISOString(), type: e.type, subject: e.subject, place: e.place, detail: e.detail };
      }),
    );
    return tx(events);
  }

  query(q: EventQuery = {}): StoredEvent[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (q.afterId !== undefined) (where.push('id > ?'), args.push(q.afterId));
    if (q.since_ms !== undefined) (where.push('t_ms >= ?'), args.push(q.since_ms));
    if (q.until_ms !== undefined) (where.push('t_ms <= ?'), args.push(q.until_ms));
    if (q.type) (where.push('(type = ? OR type LIKE ?)'), args.push(q.type, `${q.type}.%`));
    if (q.subject) (where.push('subject = ?'), args.push(q.subject));
    const sql = `SELECT id, t_ms, type, subject, place, detail FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${q.newest ? 'id DESC' : q.afterId !== undefined ? 'id' : 't_ms, id'} LIMIT ?`;
    const rows = this.db.prepare(sql).all(...args, Math.min(q.limit ?? 10_000, 100_000)) as { id: number; t_ms: number; type: string; subject: string; place: string | null; detail: string }[];
    return rows.map((r) => ({ id: r.id, t: new Date(r.t_ms).toISOString(), type: r.type, subject: r.subject, place: r.place, detail: JSON.parse(r.detail) }));
  }

  close(): void {
    this.db.close();
  }
}
