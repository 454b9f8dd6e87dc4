/**
 * The shared store: PostgreSQL (`DATABASE_URL`), for several server processes behind Redis.
 * Same contract as the SQLite store; event ids come from one BIGSERIAL, so every process and every
 * client agrees on them (re-delivery with `since` works across processes).
 */
import pg from 'pg';
import { trackFromRow } from './sqlite.ts';
import { clampLimit, typeFamily, type EventQuery, type NewEvent, type Store, type StoredEvent, type TrackPoint, type TrackQuery } from './types.ts';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    id BIGSERIAL PRIMARY KEY,
    t_ms BIGINT NOT NULL,
    type TEXT NOT NULL,
    subject TEXT NOT NULL,
    place TEXT,
    detail JSONB NOT NULL
  );
  CREATE INDEX IF NOT EXISTS events_t ON events (t_ms);
  CREATE INDEX IF NOT EXISTS events_subject ON events (subject, t_ms);
  CREATE TABLE IF NOT EXISTS track (
    subject TEXT NOT NULL,
    kind TEXT NOT NULL,
    t_ms BIGINT NOT NULL,
    lon DOUBLE PRECISION NOT NULL,
    lat DOUBLE PRECISION NOT NULL,
    floor INTEGER,
    role TEXT,
    vehicle_class TEXT
  );
  CREATE INDEX IF NOT EXISTS track_t ON track (t_ms);
  CREATE INDEX IF NOT EXISTS track_subject ON track (subject, t_ms);
`;

/** Rows per INSERT statement (PostgreSQL allows 65 535 parameters). */
const CHUNK = 2000;

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  private constructor(private readonly pool: pg.Pool) {}

  /** Connects and creates the tables when missing (several processes may race: the DDL is serialised by an advisory lock). */
  static async open(url: string): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    pool.on('error', (e) => process.stderr.write(`parktwin: PostgreSQL: ${e.message}\n`));
    const c = await pool.connect();
    try {
      await c.query('SELECT pg_advisory_lock(7306001)');
      await c.query(SCHEMA);
      await c.query('SELECT pg_advisory_unlock(7306001)');
    } finally {
      c.release();
    }
    return new PostgresStore(pool);
  }

  async append(events: readonly NewEvent[]): Promise<StoredEvent[]> {
    if (!events.length) return [];
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const out: StoredEvent[] = [];
      for (let i = 0; i < events.length; i += CHUNK) {
        const chunk = events.slice(i, i + CHUNK);
        const args: unknown[] = [];
        const rows = chunk.map((e, k) => {
          args.push(e.t_ms, e.type, e.subject, e.place, JSON.stringify(e.detail));
          const b = k * 5;
          return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}::jsonb)`;
        });
        // multi-row VALUES: RETURNING gives the ids in the order of the rows
        const r = await c.query<{ id: string }>(`INSERT INTO events (t_ms, type, subject, place, detail) VALUES ${rows.join(', ')} RETURNING id`, args);
        chunk.forEach((e, k) => out.push({ id: Number(r.rows[k].id), t: new Date(e.t_ms).toISOString(), type: e.type, subject: e.subject, place: e.place, detail: e.detail }));
      }
      await c.query('COMMIT');
      return out;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      c.release();
    }
  }

  async query(q: EventQuery = {}): Promise<StoredEvent[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    const arg = (v: unknown) => (args.push(v), `$${args.length}`);
    if (q.afterId !== undefined) where.push(`id > ${arg(q.afterId)}`);
    if (q.since_ms !== undefined) where.push(`t_ms >= ${arg(q.since_ms)}`);
    if (q.until_ms !== undefined) where.push(`t_ms <= ${arg(q.until_ms)}`);
    if (q.type) where.push(`(type = ${arg(q.type)} OR type LIKE ${arg(typeFamily(q.type))})`);
    if (q.subject) where.push(`subject = ${arg(q.subject)}`);
    const sql = `SELECT id, t_ms, type, subject, place, detail FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${q.newest ? 'id DESC' : q.afterId !== undefined ? 'id' : 't_ms, id'} LIMIT ${arg(clampLimit(q.limit))}`;
    const r = await this.pool.query<{ id: string; t_ms: string; type: string; subject: string; place: string | null; detail: Record<string, unknown> }>(sql, args);
    return r.rows.map((row) => ({ id: Number(row.id), t: new Date(Number(row.t_ms)).toISOString(), type: row.type, subject: row.subject, place: row.place, detail: row.detail }));
  }

  async appendTrack(points: readonly TrackPoint[]): Promise<void> {
    for (let i = 0; i < points.length; i += CHUNK) {
      const chunk = points.slice(i, i + CHUNK);
      const args: unknown[] = [];
      const rows = chunk.map((p, k) => {
        args.push(p.id, p.kind, p.t_ms, p.lon, p.lat, p.floor ?? null, p.role ?? null, p.vehicle_class ?? null);
        const b = k * 8;
        return `(${Array.from({ length: 8 }, (_, j) => `$${b + j + 1}`).join(', ')})`;
      });
      await this.pool.query(`INSERT INTO track (subject, kind, t_ms, lon, lat, floor, role, vehicle_class) VALUES ${rows.join(', ')}`, args);
    }
  }

  async queryTrack(q: TrackQuery = {}): Promise<TrackPoint[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    const arg = (v: unknown) => (args.push(v), `$${args.length}`);
    if (q.subject) where.push(`subject = ${arg(q.subject)}`);
    if (q.since_ms !== undefined) where.push(`t_ms >= ${arg(q.since_ms)}`);
    if (q.until_ms !== undefined) where.push(`t_ms <= ${arg(q.until_ms)}`);
    const r = await this.pool.query(`SELECT subject, kind, t_ms, lon, lat, floor, role, vehicle_class FROM track ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t_ms, subject LIMIT ${arg(clampLimit(q.limit))}`, args);
    return r.rows.map(trackFromRow);
  }

  async pruneTrack(before_ms: number): Promise<number> {
    return (await this.pool.query('DELETE FROM track WHERE t_ms < $1', [before_ms])).rowCount ?? 0;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
