/**
 * The embedded store: SQLite (better-sqlite3 12.x, WAL). Synchronous underneath, promised on top so
 * it shares the contract of the PostgreSQL store.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { EventType } from '../../src/protocol/events.ts';
import {
  ALARM_STATE_TYPES,
  clampLimit,
  COMM_TYPES,
  typeFamily,
  type AuditEntry,
  type AuditQuery,
  type EventQuery,
  type NewEvent,
  type NewTierDecision,
  type NewPermitRecord,
  type NewLedgerRecord,
  LedgerConflict,
  type LedgerRecord,
  PermitConflict,
  type PermitRecord,
  type TierDecision,
  type SessionRow,
  type Store,
  type StoredAudit,
  type StoredEvent,
  type TrackPoint,
  type TrackQuery,
  type LayoutVersion,
  type LayoutVersionInfo,
  type NewLayoutVersion,
  type NewSnapshot,
  type Snapshot,
  VersionConflict,
} from './types.ts';

interface EventRow {
  id: number;
  t_ms: number;
  type: string;
  subject: string;
  place: string | null;
  detail: string;
}
interface TrackRow {
  row?: number | string;
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
  ...(r.row !== undefined ? { row: Number(r.row) } : {}),
});

interface SessionDbRow {
  id_hash: string;
  user: string;
  via: SessionRow['via'];
  role: string | null;
  enterprises: string | null;
  pwv: string | null;
  csrf: string;
  ip: string;
  created_ms: number | string;
  seen_ms: number | string;
}
export const sessionFromRow = (r: SessionDbRow): SessionRow => ({
  ...r,
  enterprises: r.enterprises === null ? null : (JSON.parse(r.enterprises) as string[]),
  created_ms: Number(r.created_ms),
  seen_ms: Number(r.seen_ms),
});

/** The clauses of a page in time order (after a cursor, within a window), shared by events and the audit trail. */
function pageWhere(q: { after?: { t_ms: number; id: number }; since_ms?: number; until_ms?: number }, arg: (v: unknown) => string): string[] {
  const where: string[] = [];
  // a row value: SQLite and PostgreSQL seek the (t_ms) index to it; the equivalent OR scans the index
  if (q.after) where.push(`t_ms >= ${arg(q.after.t_ms)} AND (t_ms, id) > (${arg(q.after.t_ms)}, ${arg(q.after.id)})`);
  if (q.since_ms !== undefined) where.push(`t_ms >= ${arg(q.since_ms)}`);
  if (q.until_ms !== undefined) where.push(`t_ms <= ${arg(q.until_ms)}`);
  return where;
}
/** A column equal to a name or in its family (`alarm` matches `alarm.*`; wildcards escaped). */
const family = (column: string, v: string, arg: (v: unknown) => string) => `(${column} = ${arg(v)} OR ${column} LIKE ${arg(typeFamily(v))} ESCAPE '\\')`;

/** WHERE clauses shared by both stores' queries; `arg` adds a parameter and returns its placeholder. */
export function eventWhere(q: EventQuery, arg: (v: unknown) => string): string[] {
  const where = q.afterId !== undefined ? [`id > ${arg(q.afterId)}`] : [];
  where.push(...pageWhere(q, arg));
  if (q.type) where.push(family('type', q.type, arg));
  if (q.subject) where.push(`subject = ${arg(q.subject)}`);
  return where;
}
export function auditWhere(q: AuditQuery, arg: (v: unknown) => string): string[] {
  const where = pageWhere(q, arg);
  if (q.action) where.push(family('action', q.action, arg));
  if (q.actor) where.push(`actor = ${arg(q.actor)}`);
  return where;
}
const inList = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');
/** The newest state transition per alarm and comm event per sensor (both stores). */
export const EVENT_COLUMNS = 'id, t_ms, type, subject, place, detail, layout_version';
export const LAST_ALARM_STATE_SQL = `SELECT ${EVENT_COLUMNS} FROM events WHERE id IN (
  SELECT MAX(id) FROM events WHERE type IN (${inList(ALARM_STATE_TYPES)}) GROUP BY place
  UNION SELECT MAX(id) FROM events WHERE type IN (${inList(COMM_TYPES)}) GROUP BY subject) ORDER BY id`;

interface AuditRow {
  id: number | string;
  t_ms: number | string;
  actor: string;
  action: string;
  target: string | null;
  ip: string | null;
  detail: string | Record<string, unknown>;
}
interface TierRow {
  id: number | string;
  t_ms: number | string;
  enterprise: string;
  tier: string | null;
  reason: string;
  by_user: string;
}
export const tierFromRow = (r: TierRow): TierDecision => ({
  id: Number(r.id),
  t: Number(r.t_ms),
  enterprise: r.enterprise,
  tier: r.tier as TierDecision['tier'],
  reason: r.reason,
  by: r.by_user,
});

interface PermitRow {
  id: number | string;
  t_ms: number | string;
  permit: string;
  seq: number | string;
  action: string;
  by_user: string;
  body: string | Record<string, unknown>;
}
export const permitFromRow = (r: PermitRow): PermitRecord => ({
  id: Number(r.id),
  t: Number(r.t_ms),
  permit: r.permit,
  seq: Number(r.seq),
  action: r.action as PermitRecord['action'],
  by: r.by_user,
  body: typeof r.body === 'string' ? JSON.parse(r.body) : r.body,
});

interface LedgerRow {
  id: number | string;
  t_ms: number | string;
  book: string;
  key: string;
  seq: number | string;
  action: string;
  by_user: string;
  body: string | Record<string, unknown>;
}
export const ledgerFromRow = (r: LedgerRow): LedgerRecord => ({
  id: Number(r.id),
  t: Number(r.t_ms),
  book: r.book,
  key: r.key,
  seq: Number(r.seq),
  action: r.action,
  by: r.by_user,
  body: typeof r.body === 'string' ? JSON.parse(r.body) : r.body,
});

export const auditFromRow = (r: AuditRow): StoredAudit => ({
  id: Number(r.id),
  t: Number(r.t_ms),
  actor: r.actor,
  action: r.action,
  target: r.target,
  ip: r.ip,
  detail: typeof r.detail === 'string' ? (JSON.parse(r.detail) as Record<string, unknown>) : r.detail,
});
export const eventFromRow = (r: {
  id: number | string;
  t_ms: number | string;
  type: string;
  subject: string;
  place: string | null;
  detail: string | Record<string, unknown>;
  layout_version?: number | string | null;
}): StoredEvent => ({
  id: Number(r.id),
  t: Number(r.t_ms),
  type: r.type as EventType,
  subject: r.subject,
  place: r.place,
  detail: typeof r.detail === 'string' ? (JSON.parse(r.detail) as Record<string, unknown>) : r.detail,
  ...(r.layout_version != null ? { layout_version: Number(r.layout_version) } : {}),
});

/** A stored event as the store hands it back: the new event, its id, its layout version when it had one. */
export const storedEvent = (id: number, e: NewEvent): StoredEvent => ({
  id,
  t: e.t_ms,
  type: e.type,
  subject: e.subject,
  place: e.place,
  detail: e.detail,
  ...(e.layout_version != null ? { layout_version: e.layout_version } : {}),
});

export interface LayoutVersionRow {
  version: number | string;
  t_ms: number | string;
  author: string;
  comment: string;
  source: string;
  sha256: string;
  features: number | string;
  summary: string | LayoutVersionInfo['summary'];
}
export const VERSION_INFO_COLUMNS = 'version, t_ms, author, comment, source, sha256, features, summary';
export const versionFromRow = (r: LayoutVersionRow): LayoutVersionInfo => ({
  version: Number(r.version),
  t: Number(r.t_ms),
  author: r.author,
  comment: r.comment,
  source: r.source === 'file' ? 'file' : 'api',
  sha256: r.sha256,
  features: Number(r.features),
  summary: typeof r.summary === 'string' ? JSON.parse(r.summary) : r.summary,
});
/** What a stored version says of itself (its text left out). */
export const versionInfo = ({ text: _text, t_ms, ...v }: NewLayoutVersion): LayoutVersionInfo => ({ ...v, t: t_ms });

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
        detail TEXT NOT NULL,
        layout_version INTEGER
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
      CREATE INDEX IF NOT EXISTS events_type_place ON events (type, place);
      CREATE TABLE IF NOT EXISTS sessions (
        id_hash TEXT PRIMARY KEY,
        user TEXT NOT NULL,
        via TEXT NOT NULL,
        role TEXT,
        enterprises TEXT,
        pwv TEXT,
        csrf TEXT NOT NULL,
        ip TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        seen_ms INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS sessions_user ON sessions (user);
      CREATE TABLE IF NOT EXISTS audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        t_ms INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT,
        ip TEXT,
        detail TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS audit_t ON audit (t_ms);
      CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail can only grow'); END;
      CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail can only grow'); END;
      CREATE TABLE IF NOT EXISTS tier_decisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        t_ms INTEGER NOT NULL,
        enterprise TEXT NOT NULL,
        tier TEXT,
        reason TEXT NOT NULL,
        by_user TEXT NOT NULL
      );
      CREATE TRIGGER IF NOT EXISTS tier_decisions_no_update BEFORE UPDATE ON tier_decisions BEGIN SELECT RAISE(ABORT, 'tier history can only grow'); END;
      CREATE TRIGGER IF NOT EXISTS tier_decisions_no_delete BEFORE DELETE ON tier_decisions BEGIN SELECT RAISE(ABORT, 'tier history can only grow'); END;
      CREATE TABLE IF NOT EXISTS permit_records (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        t_ms INTEGER NOT NULL,
        permit TEXT NOT NULL,
        seq INTEGER NOT NULL,
        action TEXT NOT NULL,
        by_user TEXT NOT NULL,
        body TEXT NOT NULL,
        UNIQUE (permit, seq)
      );
      CREATE TRIGGER IF NOT EXISTS permit_records_no_update BEFORE UPDATE ON permit_records BEGIN SELECT RAISE(ABORT, 'permit history can only grow'); END;
      CREATE TRIGGER IF NOT EXISTS permit_records_no_delete BEFORE DELETE ON permit_records BEGIN SELECT RAISE(ABORT, 'permit history can only grow'); END;
      CREATE TABLE IF NOT EXISTS ledger (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        t_ms INTEGER NOT NULL,
        book TEXT NOT NULL,
        key TEXT NOT NULL,
        seq INTEGER NOT NULL,
        action TEXT NOT NULL,
        by_user TEXT NOT NULL,
        body TEXT NOT NULL,
        UNIQUE (book, key, seq)
      );
      CREATE INDEX IF NOT EXISTS ledger_book ON ledger (book, id);
      CREATE TRIGGER IF NOT EXISTS ledger_no_update BEFORE UPDATE ON ledger BEGIN SELECT RAISE(ABORT, 'registers can only grow'); END;
      CREATE TRIGGER IF NOT EXISTS ledger_no_delete BEFORE DELETE ON ledger BEGIN SELECT RAISE(ABORT, 'registers can only grow'); END;
      CREATE TABLE IF NOT EXISTS layout_versions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        version INTEGER NOT NULL UNIQUE,
        t_ms INTEGER NOT NULL,
        author TEXT NOT NULL,
        comment TEXT NOT NULL,
        source TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        features INTEGER NOT NULL,
        summary TEXT NOT NULL,
        text TEXT NOT NULL
      );
      CREATE TRIGGER IF NOT EXISTS layout_versions_no_update BEFORE UPDATE ON layout_versions BEGIN SELECT RAISE(ABORT, 'layout versions can only grow'); END;
      CREATE TRIGGER IF NOT EXISTS layout_versions_no_delete BEFORE DELETE ON layout_versions BEGIN SELECT RAISE(ABORT, 'layout versions can only grow'); END;
      CREATE TABLE IF NOT EXISTS snapshots (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        t_ms INTEGER NOT NULL,
        camera TEXT NOT NULL,
        media_type TEXT NOT NULL,
        bytes BLOB NOT NULL
      );
      CREATE INDEX IF NOT EXISTS snapshots_t ON snapshots (t_ms);
    `);
    // stores made before layout versions: events gain the version column (null for the old rows)
    if (!(this.db.prepare('PRAGMA table_info(events)').all() as { name: string }[]).some((c) => c.name === 'layout_version'))
      this.db.exec('ALTER TABLE events ADD COLUMN layout_version INTEGER');
    this.insert = this.db.prepare('INSERT INTO events (t_ms, type, subject, place, detail, layout_version) VALUES (?, ?, ?, ?, ?, ?)');
    this.insertTrack = this.db.prepare('INSERT INTO track (subject, kind, t_ms, lon, lat, floor, role, vehicle_class) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  }

  async append(events: readonly NewEvent[]): Promise<StoredEvent[]> {
    const tx = this.db.transaction((batch: readonly NewEvent[]) =>
      batch.map((e) => {
        const r = this.insert.run(e.t_ms, e.type, e.subject, e.place, JSON.stringify(e.detail), e.layout_version ?? null);
        return storedEvent(Number(r.lastInsertRowid), e);
      }),
    );
    return tx(events);
  }

  async query(q: EventQuery = {}): Promise<StoredEvent[]> {
    const args: unknown[] = [];
    const where = eventWhere(q, (v) => (args.push(v), '?'));
    const sql = `SELECT ${EVENT_COLUMNS} FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${q.newest ? 'id DESC' : q.afterId !== undefined ? 'id' : 't_ms, id'} LIMIT ?`;
    const rows = this.db.prepare(sql).all(...args, clampLimit(q.limit)) as EventRow[];
    return rows.map(eventFromRow);
  }

  async lastAlarmState(): Promise<StoredEvent[]> {
    return (this.db.prepare(LAST_ALARM_STATE_SQL).all() as EventRow[]).map(eventFromRow);
  }

  async appendTrack(points: readonly TrackPoint[]): Promise<void> {
    this.db.transaction((ps: readonly TrackPoint[]) => {
      for (const p of ps) this.insertTrack.run(p.id, p.kind, p.t_ms, p.lon, p.lat, p.floor ?? null, p.role ?? null, p.vehicle_class ?? null);
    })(points);
  }

  async queryTrack(q: TrackQuery = {}): Promise<TrackPoint[]> {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (q.after) where.push('t_ms >= ? AND (t_ms, rowid) > (?, ?)'), args.push(q.after.t_ms, q.after.t_ms, q.after.id);
    if (q.subject) where.push('subject = ?'), args.push(q.subject);
    if (q.since_ms !== undefined) where.push('t_ms >= ?'), args.push(q.since_ms);
    if (q.until_ms !== undefined) where.push('t_ms <= ?'), args.push(q.until_ms);
    const sql = `SELECT rowid AS row, subject, kind, t_ms, lon, lat, floor, role, vehicle_class FROM track ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t_ms, rowid LIMIT ?`;
    return (this.db.prepare(sql).all(...args, clampLimit(q.limit)) as TrackRow[]).map((r: TrackRow) => trackFromRow(q.withRow ? r : { ...r, row: undefined }));
  }

  async pruneTrack(before_ms: number): Promise<number> {
    return this.db.prepare('DELETE FROM track WHERE t_ms < ?').run(before_ms).changes;
  }

  async addSnapshot(s: NewSnapshot): Promise<number> {
    return Number(
      this.db.prepare('INSERT INTO snapshots (t_ms, camera, media_type, bytes) VALUES (?, ?, ?, ?)').run(s.t_ms, s.camera, s.media_type, s.bytes)
        .lastInsertRowid,
    );
  }

  async snapshot(id: number): Promise<Snapshot | null> {
    const r = this.db.prepare('SELECT id, t_ms, camera, media_type, bytes FROM snapshots WHERE id = ?').get(id) as Snapshot | undefined;
    return r ? { ...r, id: Number(r.id), t_ms: Number(r.t_ms) } : null;
  }

  async pruneSnapshots(before_ms: number): Promise<number> {
    return this.db.prepare('DELETE FROM snapshots WHERE t_ms < ?').run(before_ms).changes;
  }

  async putSession(r: SessionRow): Promise<void> {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO sessions (id_hash, user, via, role, enterprises, pwv, csrf, ip, created_ms, seen_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(r.id_hash, r.user, r.via, r.role, r.enterprises === null ? null : JSON.stringify(r.enterprises), r.pwv, r.csrf, r.ip, r.created_ms, r.seen_ms);
  }

  async getSession(id_hash: string): Promise<SessionRow | null> {
    const r = this.db.prepare('SELECT * FROM sessions WHERE id_hash = ?').get(id_hash) as SessionDbRow | undefined;
    return r ? sessionFromRow(r) : null;
  }

  async touchSession(id_hash: string, seen_ms: number): Promise<void> {
    this.db.prepare('UPDATE sessions SET seen_ms = ? WHERE id_hash = ?').run(seen_ms, id_hash);
  }

  async deleteSessions(q: { id_hash?: string; user?: string; seen_before_ms?: number; created_before_ms?: number }): Promise<number> {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (q.id_hash !== undefined) where.push('id_hash = ?'), args.push(q.id_hash);
    if (q.user !== undefined) where.push('user = ?'), args.push(q.user);
    const old: string[] = [];
    if (q.seen_before_ms !== undefined) old.push('seen_ms < ?'), args.push(q.seen_before_ms);
    if (q.created_before_ms !== undefined) old.push('created_ms < ?'), args.push(q.created_before_ms);
    if (old.length) where.push(`(${old.join(' OR ')})`);
    if (!where.length) return 0;
    return this.db.prepare(`DELETE FROM sessions WHERE ${where.join(' AND ')}`).run(...args).changes;
  }

  async appendAudit(entries: readonly AuditEntry[]): Promise<void> {
    const ins = this.db.prepare('INSERT INTO audit (t_ms, actor, action, target, ip, detail) VALUES (?, ?, ?, ?, ?, ?)');
    this.db.transaction((es: readonly AuditEntry[]) => {
      for (const e of es) ins.run(e.t_ms, e.actor, e.action, e.target, e.ip, JSON.stringify(e.detail));
    })(entries);
  }

  async queryAudit(q: AuditQuery = {}): Promise<StoredAudit[]> {
    const args: unknown[] = [];
    const where = auditWhere(q, (v) => (args.push(v), '?'));
    const rows = this.db
      .prepare(`SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${q.newest ? 't_ms DESC, id DESC' : 't_ms, id'} LIMIT ?`)
      .all(...args, clampLimit(q.limit)) as AuditRow[];
    return rows.map(auditFromRow);
  }

  async appendTier(d: NewTierDecision): Promise<TierDecision> {
    const r = this.db
      .prepare('INSERT INTO tier_decisions (t_ms, enterprise, tier, reason, by_user) VALUES (?, ?, ?, ?, ?)')
      .run(d.t_ms, d.enterprise, d.tier, d.reason, d.by);
    return { id: Number(r.lastInsertRowid), t: d.t_ms, enterprise: d.enterprise, tier: d.tier, reason: d.reason, by: d.by };
  }

  async tierDecisions(): Promise<TierDecision[]> {
    return (this.db.prepare('SELECT * FROM tier_decisions ORDER BY t_ms, id').all() as TierRow[]).map(tierFromRow);
  }

  async appendPermitRecord(r: NewPermitRecord): Promise<PermitRecord> {
    const id = this.insertStep(
      'INSERT INTO permit_records (t_ms, permit, seq, action, by_user, body) VALUES (?, ?, ?, ?, ?, ?)',
      [r.t, r.permit, r.seq, r.action, r.by, JSON.stringify(r.body)],
      () => new PermitConflict(r.permit, r.seq),
    );
    return { ...r, id };
  }

  /** Inserts a step of an append-only history; a taken step (unique violation) throws `taken()`. */
  private insertStep(sql: string, params: unknown[], taken: () => Error): number {
    try {
      return Number(this.db.prepare(sql).run(...params).lastInsertRowid);
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw taken();
      throw e;
    }
  }

  async addLayoutVersion(v: NewLayoutVersion): Promise<LayoutVersionInfo> {
    this.insertStep(
      'INSERT INTO layout_versions (version, t_ms, author, comment, source, sha256, features, summary, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [v.version, v.t_ms, v.author, v.comment, v.source, v.sha256, v.features, JSON.stringify(v.summary), v.text],
      () => new VersionConflict(v.version),
    );
    return versionInfo(v);
  }

  async layoutVersions(): Promise<LayoutVersionInfo[]> {
    return (this.db.prepare(`SELECT ${VERSION_INFO_COLUMNS} FROM layout_versions ORDER BY version`).all() as LayoutVersionRow[]).map(versionFromRow);
  }

  async layoutVersion(version?: number): Promise<LayoutVersion | null> {
    const row = (
      version === undefined
        ? this.db.prepare('SELECT * FROM layout_versions ORDER BY version DESC LIMIT 1').get()
        : this.db.prepare('SELECT * FROM layout_versions WHERE version = ?').get(version)
    ) as (LayoutVersionRow & { text: string }) | undefined;
    return row ? { ...versionFromRow(row), text: row.text } : null;
  }

  async appendLedger(r: NewLedgerRecord): Promise<LedgerRecord> {
    const id = this.insertStep(
      'INSERT INTO ledger (t_ms, book, key, seq, action, by_user, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [r.t, r.book, r.key, r.seq, r.action, r.by, JSON.stringify(r.body)],
      () => new LedgerConflict(r.book, r.key, r.seq),
    );
    return { ...r, id };
  }

  async ledger(book: string, afterId = 0): Promise<LedgerRecord[]> {
    return (this.db.prepare('SELECT * FROM ledger WHERE book = ? AND id > ? ORDER BY id').all(book, afterId) as LedgerRow[]).map(ledgerFromRow);
  }

  async permitRecords(afterId = 0): Promise<PermitRecord[]> {
    return (this.db.prepare('SELECT * FROM permit_records WHERE id > ? ORDER BY id').all(afterId) as PermitRow[]).map(permitFromRow);
  }

  /** The database itself (tests try to change the audit trail behind the API's back). */
  get raw(): Database.Database {
    return this.db;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
