/**
 * The embedded store: SQLite (better-sqlite3 12.x, WAL). Synchronous underneath, promised on top so
 * it shares the contract of the PostgreSQL store.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { clampLimit, typeFamily, type EventQuery, type NewEvent, type Store, type StoredEvent, type TrackPoint, type TrackQuery } from './types.ts';

interface EventRow {
  id: number;
  t_ms: number;
  type: string;
  subject: string;
  place: string | null;
  detail: string;
}
interface TrackRow {
  subject: string;
  kind: 'person' | 'vehicle';
  t_ms: number;
  lon: number;
  lat: number;
  floor: number | null;
  role: string | null;
  vehicle_class: string | null;
}

export const trackFromRow = (r: TrackRow): TrackPoint => ({
  id: r.subject,
  kind: r.kind,
  t_ms: Number(r.t_ms),
  lon: r.lon,
  lat: r.lat,
  ...(r.floor !== null ? { floor: r.floor } : {}),
  ...(r.role !== null ? { role: r.role } : {}),
  ...(r.vehicle_class !== null ? { vehicle_class: r.vehicle_class } : {}),
});

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly insertTrack: Database.Statement;

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
      CREATE TABLE IF NOT EXISTS track (
        subject TEXT NOT NULL,
        kind TEXT NOT NULL,
        t_ms INTEGER NOT NULL,
        lon REAL NOT NULL,
        lat REAL NOT NULL,
        floor INTEGER,
        role TEXT,
        vehicle_class TEXT
      );
      CREATE INDEX IF NOT EXISTS track_t ON track (t_ms);
      CREATE INDEX IF NOT EXISTS track_subject ON track (subject, t_ms);
    `);
    this.insert = this.db.prepare('INSERT INTO events (t_ms, type, subject, place, detail) VALUES (?, ?, ?, ?, ?)');
    this.insertTrack = this.db.prepare('INSERT INTO track (subject, kind, t_ms, lon, lat, floor, role, vehicle_class) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  }

  async append(events: readonly NewEvent[]): Promise<StoredEvent[]> {
    const tx = this.db.transaction((batch: readonly NewEvent[]) =>
      batch.map((e) => {
        const r = this.insert.run(e.t_ms, e.type, e.subject, e.place, JSON.stringify(e.detail));
        return { id: Number(r.lastInsertRowid), t: new Date(e.t_ms).toISOString(), type: e.type, subject: e.subject, place: e.place, detail: e.detail };
      }),
    );
    return tx(events);
  }

  async query(q: EventQuery = {}): Promise<StoredEvent[]> {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (q.afterId !== undefined) (where.push('id > ?'), args.push(q.afterId));
    if (q.since_ms !== undefined) (where.push('t_ms >= ?'), args.push(q.since_ms));
    if (q.until_ms !== undefined) (where.push('t_ms <= ?'), args.push(q.until_ms));
    if (q.type) (where.push("(type = ? OR type LIKE ? ESCAPE '\\')"), args.push(q.type, typeFamily(q.type)));
    if (q.subject) (where.push('subject = ?'), args.push(q.subject));
    const sql = `SELECT id, t_ms, type, subject, place, detail FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${q.newest ? 'id DESC' : q.afterId !== undefined ? 'id' : 't_ms, id'} LIMIT ?`;
    const rows = this.db.prepare(sql).all(...args, clampLimit(q.limit)) as EventRow[];
    return rows.map((r) => ({ id: r.id, t: new Date(r.t_ms).toISOString(), type: r.type, subject: r.subject, place: r.place, detail: JSON.parse(r.detail) }));
  }

  async appendTrack(points: readonly TrackPoint[]): Promise<void> {
    this.db.transaction((ps: readonly TrackPoint[]) => {
      for (const p of ps) this.insertTrack.run(p.id, p.kind, p.t_ms, p.lon, p.lat, p.floor ?? null, p.role ?? null, p.vehicle_class ?? null);
    })(points);
  }

  async queryTrack(q: TrackQuery = {}): Promise<TrackPoint[]> {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (q.subject) (where.push('subject = ?'), args.push(q.subject));
    if (q.since_ms !== undefined) (where.push('t_ms >= ?'), args.push(q.since_ms));
    if (q.until_ms !== undefined) (where.push('t_ms <= ?'), args.push(q.until_ms));
    const sql = `SELECT subject, kind, t_ms, lon, lat, floor, role, vehicle_class FROM track ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t_ms, subject LIMIT ?`;
    return (this.db.prepare(sql).all(...args, clampLimit(q.limit)) as TrackRow[]).map(trackFromRow);
  }

  async pruneTrack(before_ms: number): Promise<number> {
    return this.db.prepare('DELETE FROM track WHERE t_ms < ?').run(before_ms).changes;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
