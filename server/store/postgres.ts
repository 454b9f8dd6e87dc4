/**
 * The shared store: PostgreSQL (`DATABASE_URL`), for several server processes behind Redis.
 * Same contract as the SQLite store; event ids come from one BIGSERIAL, so every process and every
 * client agrees on them (re-delivery with `since` works across processes).
 */
import pg from 'pg';
import {
  auditFromRow,
  auditWhere,
  EVENT_COLUMNS,
  eventFromRow,
  eventWhere,
  LAST_ALARM_STATE_SQL,
  storedEvent,
  VERSION_INFO_COLUMNS,
  versionFromRow,
  versionInfo,
  ledgerFromRow,
  permitFromRow,
  sessionFromRow,
  tierFromRow,
  trackFromRow,
} from './sqlite.ts';
import {
  clampLimit,
  type AuditEntry,
  type AuditQuery,
  type EventQuery,
  type NewEvent,
  type SessionRow,
  type Store,
  type StoredAudit,
  type StoredEvent,
  type TrackPoint,
  type TrackQuery,
  type StoreLog,
  type NewTierDecision,
  type NewPermitRecord,
  type NewLedgerRecord,
  LedgerConflict,
  type LedgerRecord,
  PermitConflict,
  type PermitRecord,
  type TierDecision,
  type LayoutVersion,
  type LayoutVersionInfo,
  type NewLayoutVersion,
  type NewSnapshot,
  type Snapshot,
  VersionConflict,
} from './types.ts';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    id BIGSERIAL PRIMARY KEY,
    t_ms BIGINT NOT NULL,
    type TEXT NOT NULL,
    subject TEXT NOT NULL,
    place TEXT,
    detail JSONB NOT NULL
  );
  ALTER TABLE events ADD COLUMN IF NOT EXISTS layout_version INTEGER;
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
  ALTER TABLE track ADD COLUMN IF NOT EXISTS id BIGSERIAL;
  CREATE INDEX IF NOT EXISTS events_type_place ON events (type, place);
  CREATE TABLE IF NOT EXISTS sessions (
    id_hash TEXT PRIMARY KEY,
    "user" TEXT NOT NULL,
    via TEXT NOT NULL,
    role TEXT,
    enterprises TEXT,
    pwv TEXT,
    csrf TEXT NOT NULL,
    ip TEXT NOT NULL,
    created_ms BIGINT NOT NULL,
    seen_ms BIGINT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS sessions_user ON sessions ("user");
  CREATE TABLE IF NOT EXISTS audit (
    id BIGSERIAL PRIMARY KEY,
    t_ms BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    ip TEXT,
    detail JSONB NOT NULL
  );
  CREATE INDEX IF NOT EXISTS audit_t ON audit (t_ms);
  CREATE OR REPLACE FUNCTION parktwin_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'the audit trail can only grow'; END $$;
  DROP TRIGGER IF EXISTS audit_append_only ON audit;
  CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION parktwin_audit_append_only();
  CREATE TABLE IF NOT EXISTS tier_decisions (
    id BIGSERIAL PRIMARY KEY,
    t_ms BIGINT NOT NULL,
    enterprise TEXT NOT NULL,
    tier TEXT,
    reason TEXT NOT NULL,
    by_user TEXT NOT NULL
  );
  DROP TRIGGER IF EXISTS tier_decisions_append_only ON tier_decisions;
  CREATE TRIGGER tier_decisions_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON tier_decisions FOR EACH STATEMENT EXECUTE FUNCTION parktwin_audit_append_only();
  CREATE TABLE IF NOT EXISTS permit_records (
    id BIGSERIAL PRIMARY KEY,
    t_ms BIGINT NOT NULL,
    permit TEXT NOT NULL,
    seq INTEGER NOT NULL,
    action TEXT NOT NULL,
    by_user TEXT NOT NULL,
    body JSONB NOT NULL,
    UNIQUE (permit, seq)
  );
  DROP TRIGGER IF EXISTS permit_records_append_only ON permit_records;
  CREATE TRIGGER permit_records_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON permit_records FOR EACH STATEMENT EXECUTE FUNCTION parktwin_audit_append_only();
  CREATE TABLE IF NOT EXISTS ledger (
    id BIGSERIAL PRIMARY KEY,
    t_ms BIGINT NOT NULL,
    book TEXT NOT NULL,
    key TEXT NOT NULL,
    seq INTEGER NOT NULL,
    action TEXT NOT NULL,
    by_user TEXT NOT NULL,
    body JSONB NOT NULL,
    UNIQUE (book, key, seq)
  );
  CREATE INDEX IF NOT EXISTS ledger_book ON ledger (book, id);
  DROP TRIGGER IF EXISTS ledger_append_only ON ledger;
  CREATE TRIGGER ledger_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger FOR EACH STATEMENT EXECUTE FUNCTION parktwin_audit_append_only();
  CREATE TABLE IF NOT EXISTS layout_versions (
    id BIGSERIAL PRIMARY KEY,
    version INTEGER NOT NULL UNIQUE,
    t_ms BIGINT NOT NULL,
    author TEXT NOT NULL,
    comment TEXT NOT NULL,
    source TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    features INTEGER NOT NULL,
    summary JSONB NOT NULL,
    text TEXT NOT NULL
  );
  DROP TRIGGER IF EXISTS layout_versions_append_only ON layout_versions;
  CREATE TRIGGER layout_versions_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON layout_versions FOR EACH STATEMENT EXECUTE FUNCTION parktwin_audit_append_only();
  CREATE TABLE IF NOT EXISTS snapshots (
    id BIGSERIAL PRIMARY KEY,
    t_ms BIGINT NOT NULL,
    camera TEXT NOT NULL,
    media_type TEXT NOT NULL,
    bytes BYTEA NOT NULL
  );
  CREATE INDEX IF NOT EXISTS snapshots_t ON snapshots (t_ms);
`;

/** Rows per INSERT statement (PostgreSQL allows 65 535 parameters). */
const CHUNK = 2000;

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  private constructor(private readonly pool: pg.Pool) {}

  /** Connects and creates the tables when missing (several processes may race: the DDL is serialised by an advisory lock). */
  static async open(url: string, log?: StoreLog): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    pool.on('error', (e) => log?.error({ err: e.message }, 'PostgreSQL connection error'));
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
          args.push(e.t_ms, e.type, e.subject, e.place, JSON.stringify(e.detail), e.layout_version ?? null);
          const b = k * 6;
          return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}::jsonb, $${b + 6})`;
        });
        // multi-row VALUES: RETURNING gives the ids in the order of the rows
        const r = await c.query<{ id: string }>(
          `INSERT INTO events (t_ms, type, subject, place, detail, layout_version) VALUES ${rows.join(', ')} RETURNING id`,
          args,
        );
        chunk.forEach((e, k) => out.push(storedEvent(Number(r.rows[k].id), e)));
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
    const args: unknown[] = [];
    const arg = (v: unknown) => (args.push(v), `$${args.length}`);
    const where = eventWhere(q, arg);
    const sql = `SELECT ${EVENT_COLUMNS} FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${q.newest ? 'id DESC' : q.afterId !== undefined ? 'id' : 't_ms, id'} LIMIT ${arg(clampLimit(q.limit))}`;
    const r = await this.pool.query(sql, args);
    return r.rows.map(eventFromRow);
  }

  async lastAlarmState(): Promise<StoredEvent[]> {
    return (await this.pool.query(LAST_ALARM_STATE_SQL)).rows.map(eventFromRow);
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
    if (q.after) where.push(`t_ms >= ${arg(q.after.t_ms)} AND (t_ms, id) > (${arg(q.after.t_ms)}, ${arg(q.after.id)})`);
    if (q.subject) where.push(`subject = ${arg(q.subject)}`);
    if (q.since_ms !== undefined) where.push(`t_ms >= ${arg(q.since_ms)}`);
    if (q.until_ms !== undefined) where.push(`t_ms <= ${arg(q.until_ms)}`);
    const r = await this.pool.query(
      `SELECT id AS row, subject, kind, t_ms, lon, lat, floor, role, vehicle_class FROM track ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t_ms, id LIMIT ${arg(clampLimit(q.limit))}`,
      args,
    );
    return r.rows.map((row) => trackFromRow(q.withRow ? row : { ...row, row: undefined }));
  }

  async pruneTrack(before_ms: number): Promise<number> {
    return (await this.pool.query('DELETE FROM track WHERE t_ms < $1', [before_ms])).rowCount ?? 0;
  }

  async addSnapshot(s: NewSnapshot): Promise<number> {
    const r = await this.pool.query('INSERT INTO snapshots (t_ms, camera, media_type, bytes) VALUES ($1, $2, $3, $4) RETURNING id', [
      s.t_ms,
      s.camera,
      s.media_type,
      s.bytes,
    ]);
    return Number(r.rows[0].id);
  }

  async snapshot(id: number): Promise<Snapshot | null> {
    const r = await this.pool.query('SELECT id, t_ms, camera, media_type, bytes FROM snapshots WHERE id = $1', [id]);
    const row = r.rows[0];
    return row ? { id: Number(row.id), t_ms: Number(row.t_ms), camera: row.camera, media_type: row.media_type, bytes: row.bytes } : null;
  }

  async pruneSnapshots(before_ms: number): Promise<number> {
    return (await this.pool.query('DELETE FROM snapshots WHERE t_ms < $1', [before_ms])).rowCount ?? 0;
  }

  async putSession(r: SessionRow): Promise<void> {
    await this.pool.query(
      'INSERT INTO sessions (id_hash, "user", via, role, enterprises, pwv, csrf, ip, created_ms, seen_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id_hash) DO UPDATE SET seen_ms = EXCLUDED.seen_ms',
      [r.id_hash, r.user, r.via, r.role, r.enterprises === null ? null : JSON.stringify(r.enterprises), r.pwv, r.csrf, r.ip, r.created_ms, r.seen_ms],
    );
  }

  async getSession(id_hash: string): Promise<SessionRow | null> {
    const r = await this.pool.query('SELECT * FROM sessions WHERE id_hash = $1', [id_hash]);
    return r.rows.length ? sessionFromRow(r.rows[0]) : null;
  }

  async touchSession(id_hash: string, seen_ms: number): Promise<void> {
    await this.pool.query('UPDATE sessions SET seen_ms = $1 WHERE id_hash = $2', [seen_ms, id_hash]);
  }

  async deleteSessions(q: { id_hash?: string; user?: string; seen_before_ms?: number; created_before_ms?: number }): Promise<number> {
    const where: string[] = [];
    const args: unknown[] = [];
    const arg = (v: unknown) => (args.push(v), `$${args.length}`);
    if (q.id_hash !== undefined) where.push(`id_hash = ${arg(q.id_hash)}`);
    if (q.user !== undefined) where.push(`"user" = ${arg(q.user)}`);
    const old: string[] = [];
    if (q.seen_before_ms !== undefined) old.push(`seen_ms < ${arg(q.seen_before_ms)}`);
    if (q.created_before_ms !== undefined) old.push(`created_ms < ${arg(q.created_before_ms)}`);
    if (old.length) where.push(`(${old.join(' OR ')})`);
    if (!where.length) return 0;
    return (await this.pool.query(`DELETE FROM sessions WHERE ${where.join(' AND ')}`, args)).rowCount ?? 0;
  }

  async appendAudit(entries: readonly AuditEntry[]): Promise<void> {
    if (!entries.length) return;
    const args: unknown[] = [];
    const rows = entries.map((e, k) => {
      args.push(e.t_ms, e.actor, e.action, e.target, e.ip, JSON.stringify(e.detail));
      const b = k * 6;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}::jsonb)`;
    });
    await this.pool.query(`INSERT INTO audit (t_ms, actor, action, target, ip, detail) VALUES ${rows.join(', ')}`, args);
  }

  async queryAudit(q: AuditQuery = {}): Promise<StoredAudit[]> {
    const args: unknown[] = [];
    const arg = (v: unknown) => (args.push(v), `$${args.length}`);
    const where = auditWhere(q, arg);
    const r = await this.pool.query(
      `SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${q.newest ? 't_ms DESC, id DESC' : 't_ms, id'} LIMIT ${arg(clampLimit(q.limit))}`,
      args,
    );
    return r.rows.map(auditFromRow);
  }

  async appendTier(d: NewTierDecision): Promise<TierDecision> {
    const r = await this.pool.query('INSERT INTO tier_decisions (t_ms, enterprise, tier, reason, by_user) VALUES ($1, $2, $3, $4, $5) RETURNING id', [
      d.t_ms,
      d.enterprise,
      d.tier,
      d.reason,
      d.by,
    ]);
    return { id: Number(r.rows[0].id), t: d.t_ms, enterprise: d.enterprise, tier: d.tier, reason: d.reason, by: d.by };
  }

  async tierDecisions(): Promise<TierDecision[]> {
    return (await this.pool.query('SELECT * FROM tier_decisions ORDER BY t_ms, id')).rows.map(tierFromRow);
  }

  /** Inserts a step of an append-only history; a taken step (unique violation) rejects with `taken()`. */
  private async insertStep(sql: string, params: unknown[], taken: () => Error): Promise<number> {
    try {
      return Number((await this.pool.query(sql, params)).rows[0].id);
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw taken();
      throw e;
    }
  }

  async appendPermitRecord(r: NewPermitRecord): Promise<PermitRecord> {
    const id = await this.insertStep(
      'INSERT INTO permit_records (t_ms, permit, seq, action, by_user, body) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [r.t, r.permit, r.seq, r.action, r.by, JSON.stringify(r.body)],
      () => new PermitConflict(r.permit, r.seq),
    );
    return { ...r, id };
  }

  async appendLedger(r: NewLedgerRecord): Promise<LedgerRecord> {
    const id = await this.insertStep(
      'INSERT INTO ledger (t_ms, book, key, seq, action, by_user, body) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
      [r.t, r.book, r.key, r.seq, r.action, r.by, JSON.stringify(r.body)],
      () => new LedgerConflict(r.book, r.key, r.seq),
    );
    return { ...r, id };
  }

  async addLayoutVersion(v: NewLayoutVersion): Promise<LayoutVersionInfo> {
    await this.insertStep(
      'INSERT INTO layout_versions (version, t_ms, author, comment, source, sha256, features, summary, text) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id',
      [v.version, v.t_ms, v.author, v.comment, v.source, v.sha256, v.features, JSON.stringify(v.summary), v.text],
      () => new VersionConflict(v.version),
    );
    return versionInfo(v);
  }

  async layoutVersions(): Promise<LayoutVersionInfo[]> {
    return (await this.pool.query(`SELECT ${VERSION_INFO_COLUMNS} FROM layout_versions ORDER BY version`)).rows.map(versionFromRow);
  }

  async layoutVersion(version?: number): Promise<LayoutVersion | null> {
    const r =
      version === undefined
        ? await this.pool.query('SELECT * FROM layout_versions ORDER BY version DESC LIMIT 1')
        : await this.pool.query('SELECT * FROM layout_versions WHERE version = $1', [version]);
    const row = r.rows[0];
    return row ? { ...versionFromRow(row), text: row.text } : null;
  }

  async ledger(book: string, afterId = 0): Promise<LedgerRecord[]> {
    return (await this.pool.query('SELECT * FROM ledger WHERE book = $1 AND id > $2 ORDER BY id', [book, afterId])).rows.map(ledgerFromRow);
  }

  async permitRecords(afterId = 0): Promise<PermitRecord[]> {
    return (await this.pool.query('SELECT * FROM permit_records WHERE id > $1 ORDER BY id', [afterId])).rows.map(permitFromRow);
  }

  /** The pool itself (tests try to change the audit trail behind the API's back). */
  get raw(): pg.Pool {
    return this.pool;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
