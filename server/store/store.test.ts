/**
 * One contract, two stores: the same cases against SQLite (a temp file) and PostgreSQL (a cluster
 * the test makes with initdb on a free port and removes afterwards).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_BIN, withPostgres } from '../__test__/services.ts';
import { PostgresStore } from './postgres.ts';
import { SqliteStore } from './sqlite.ts';
import type { EventType } from '../../src/protocol/events.ts';
import { LedgerConflict, type NewEvent, PermitConflict, type Store, VersionConflict } from './types.ts';

if (!PG_BIN) {
  if (process.env.CI) throw new Error('PostgreSQL is missing: store tests cannot run (apt-get install postgresql)');
  console.warn('\n!!! PostgreSQL not installed: SKIPPING PostgreSQL store tests !!!\n');
}

const T0 = Date.parse('2026-11-28T02:00:00Z');
const ev = (k: number, type: EventType, subject: string, detail: Record<string, unknown> = {}): NewEvent => ({
  t_ms: T0 + k * 1000,
  type,
  subject,
  place: type.startsWith('alarm') ? `${subject}:HH` : 'FENCE',
  detail,
});

function contract(name: string, open: () => Promise<Store>, reopen?: (s: Store) => Promise<Store>) {
  describe(name, () => {
    let store: Store;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    it('appends a batch atomically with increasing ids, in order, and returns what it stored', async () => {
      const stored = await store.append([
        ev(1, 'fence.breach', 'P-1', { segment: 3, nested: { a: [1, 2] } }),
        ev(2, 'alarm.unacknowledged', 'S-1'),
        ev(3, 'alarm.acknowledged', 'S-1', { by: '王伟' }),
      ]);
      expect(stored.map((e) => e.type)).toEqual(['fence.breach', 'alarm.unacknowledged', 'alarm.acknowledged']);
      expect(stored[1].id).toBe(stored[0].id + 1);
      expect(stored[0]).toEqual({
        id: stored[0].id,
        t: Date.parse('2026-11-28T02:00:01.000Z'),
        type: 'fence.breach',
        subject: 'P-1',
        place: 'FENCE',
        detail: { segment: 3, nested: { a: [1, 2] } },
      });
      expect(await store.append([])).toEqual([]);
    });

    it('queries by time, type family, subject, after an id, newest first, with a limit', async () => {
      const all = await store.query();
      expect(all).toHaveLength(3);
      expect((await store.query({ type: 'alarm' })).map((e) => e.type)).toEqual(['alarm.unacknowledged', 'alarm.acknowledged']);
      expect(await store.query({ type: 'alar' })).toEqual([]); // a family is a whole dotted prefix
      expect(await store.query({ type: 'alarm.%' })).toEqual([]); // wildcards are literal
      expect((await store.query({ subject: 'S-1', since_ms: T0 + 3000 })).map((e) => e.detail)).toEqual([{ by: '王伟' }]);
      expect((await store.query({ until_ms: T0 + 1000 })).map((e) => e.subject)).toEqual(['P-1']);
      expect((await store.query({ afterId: all[0].id })).map((e) => e.id)).toEqual([all[1].id, all[2].id]);
      expect((await store.query({ newest: true, limit: 1 }))[0].id).toBe(all[2].id);
      expect(await store.query({ limit: 2 })).toHaveLength(2);
    });

    it('keeps track points and returns them by time, for a subject and a window; prunes old ones', async () => {
      await store.appendTrack([
        { id: 'P-1', kind: 'person', t_ms: T0, lon: 117.5, lat: 38.7, role: 'operator' },
        { id: 'V-1', kind: 'vehicle', t_ms: T0 + 1000, lon: 117.51, lat: 38.71, vehicle_class: 'hazchem' },
        { id: 'P-1', kind: 'person', t_ms: T0 + 5000, lon: 117.5001, lat: 38.7001, floor: 2, role: 'operator' },
      ]);
      expect(await store.queryTrack({ subject: 'P-1' })).toEqual([
        { id: 'P-1', kind: 'person', t_ms: T0, lon: 117.5, lat: 38.7, role: 'operator' },
        { id: 'P-1', kind: 'person', t_ms: T0 + 5000, lon: 117.5001, lat: 38.7001, floor: 2, role: 'operator' },
      ]);
      expect((await store.queryTrack({ since_ms: T0 + 500, until_ms: T0 + 2000 })).map((p) => p.id)).toEqual(['V-1']);
      expect(await store.pruneTrack(T0 + 2000)).toBe(2);
      expect((await store.queryTrack()).map((p) => p.t_ms)).toEqual([T0 + 5000]);
    });

    it('keeps tier decisions in order and refuses to change them (the history only grows)', async () => {
      const a = await store.appendTier({ t_ms: T0 + 5000, enterprise: 'E-LPG', tier: 'yellow', reason: '整改完成', by: 'admin' });
      const b = await store.appendTier({ t_ms: T0 + 6000, enterprise: 'E-LPG', tier: null, reason: 'back to the suggestion', by: 'admin' });
      expect(b.id).toBeGreaterThan(a.id);
      expect(await store.tierDecisions()).toEqual([
        { id: a.id, t: T0 + 5000, enterprise: 'E-LPG', tier: 'yellow', reason: '整改完成', by: 'admin' },
        { id: b.id, t: T0 + 6000, enterprise: 'E-LPG', tier: null, reason: 'back to the suggestion', by: 'admin' },
      ]);
      const raw = (store as unknown as { raw: { prepare?: (s: string) => { run(): unknown }; query?: (s: string) => Promise<unknown> } }).raw;
      const tamper = "UPDATE tier_decisions SET tier = 'green'";
      if (raw.prepare) expect(() => raw.prepare!(tamper).run()).toThrow(/only grow/);
      else await expect(raw.query!(tamper)).rejects.toThrow(/only grow/);
    });

    it('keeps permit steps and register entries in order, refuses a taken step and any change', async () => {
      const f = await store.appendPermitRecord({
        t: T0,
        permit: 'DH-20261204-01',
        seq: 1,
        action: 'file',
        by: '王伟',
        body: { kind: 'hot_work', nested: { a: [1] } },
      });
      const a = await store.appendPermitRecord({ t: T0 + 1, permit: 'DH-20261204-01', seq: 2, action: 'approve', by: '陈静', body: {} });
      await expect(store.appendPermitRecord({ t: T0 + 2, permit: 'DH-20261204-01', seq: 2, action: 'approve', by: '陈静', body: {} })).rejects.toBeInstanceOf(
        PermitConflict,
      );
      expect(await store.permitRecords()).toEqual([f, a]);
      expect(await store.permitRecords(f.id)).toEqual([a]);
      const l1 = await store.appendLedger({ t: T0, book: 'duties', key: 'DK-LPG-1', seq: 1, action: 'checkin', by: '李杰', body: { role: 'principal' } });
      await store.appendLedger({ t: T0, book: 'turnarounds', key: 'U-1', seq: 1, action: 'register', by: 'admin', body: {} });
      await expect(store.appendLedger({ t: T0 + 5, book: 'duties', key: 'DK-LPG-1', seq: 1, action: 'checkin', by: 'x', body: {} })).rejects.toBeInstanceOf(
        LedgerConflict,
      );
      expect(await store.ledger('duties')).toEqual([l1]);
      expect(await store.ledger('duties', l1.id)).toEqual([]);
      const raw = (store as unknown as { raw: { prepare?: (s: string) => { run(): void }; query?: (s: string) => Promise<unknown> } }).raw;
      for (const tamper of ["UPDATE permit_records SET by_user = 'x'", 'DELETE FROM ledger']) {
        if (raw.prepare) expect(() => raw.prepare!(tamper).run()).toThrow(/only grow/);
        else await expect(raw.query!(tamper)).rejects.toThrow(/only grow/);
      }
    });

    it('keeps layout versions with their text, lists them without it, refuses a taken number and any change; events carry their version', async () => {
      const summary = { added: ['T-1'], removed: [], changed: [], byKind: { tank: { added: 1, removed: 0, changed: 0 } }, meta: false };
      const v1 = {
        version: 1,
        t_ms: T0,
        author: '(layout file)',
        comment: 'PARKTWIN_LAYOUT',
        source: 'file' as const,
        sha256: 'a'.repeat(64),
        features: 1,
        summary,
      };
      expect(await store.layoutVersion()).toBeNull();
      expect(await store.addLayoutVersion({ ...v1, text: '{"v":1}' })).toEqual({ ...v1, t_ms: undefined, t: T0 });
      const v2 = { ...v1, version: 2, t_ms: T0 + 60_000, author: '张伟', comment: '新增储罐 T-9', source: 'api' as const, sha256: 'b'.repeat(64) };
      await store.addLayoutVersion({ ...v2, text: '{"v":2}' });
      await expect(store.addLayoutVersion({ ...v2, author: 'x', text: '{}' })).rejects.toBeInstanceOf(VersionConflict);
      const list = await store.layoutVersions();
      expect(list.map((v) => [v.version, v.author, v.source])).toEqual([
        [1, '(layout file)', 'file'],
        [2, '张伟', 'api'],
      ]);
      expect(list[1].summary).toEqual(summary);
      expect(list[0]).not.toHaveProperty('text');
      expect((await store.layoutVersion())?.text).toBe('{"v":2}');
      expect((await store.layoutVersion(1))?.text).toBe('{"v":1}');
      expect(await store.layoutVersion(7)).toBeNull();
      const raw = (store as unknown as { raw: { prepare?: (s: string) => { run(): void }; query?: (s: string) => Promise<unknown> } }).raw;
      if (raw.prepare) expect(() => raw.prepare!("UPDATE layout_versions SET author = 'x'").run()).toThrow(/only grow/);
      else await expect(raw.query!("UPDATE layout_versions SET author = 'x'")).rejects.toThrow(/only grow/);
      // an event stamped with the version in force keeps it; one without has none
      const [a, b] = await store.append([{ ...ev(30, 'zone.enter', 'P-V'), layout_version: 2 }, ev(31, 'zone.enter', 'P-V')]);
      expect(a.layout_version).toBe(2);
      expect(b).not.toHaveProperty('layout_version');
      expect((await store.query({ subject: 'P-V' })).map((e) => e.layout_version)).toEqual([2, undefined]);
    });

    it('keeps snapshots byte for byte, and drops those past retention', async () => {
      // a 1×1 PNG and a few bytes of JPEG: every byte value must survive (BLOB, BYTEA)
      const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
      const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
      const a = await store.addSnapshot({ t_ms: T0, camera: 'CCTV-1', media_type: 'image/png', bytes: png });
      const b = await store.addSnapshot({ t_ms: T0 + 60_000, camera: 'CCTV-2', media_type: 'image/jpeg', bytes: jpeg });
      expect(b).toBeGreaterThan(a);
      const got = await store.snapshot(a);
      expect(got).toMatchObject({ id: a, t_ms: T0, camera: 'CCTV-1', media_type: 'image/png' });
      expect(Buffer.compare(got!.bytes, png)).toBe(0);
      expect(Buffer.compare((await store.snapshot(b))!.bytes, jpeg)).toBe(0);
      expect(await store.snapshot(b + 1000)).toBeNull();
      expect(await store.pruneSnapshots(T0 + 1)).toBe(1);
      expect(await store.snapshot(a)).toBeNull();
      expect(await store.snapshot(b)).not.toBeNull();
    });

    it.runIf(reopen)('keeps everything across a reopen', async () => {
      const before = await store.query();
      store = await reopen!(store);
      expect(await store.query()).toEqual(before);
      const next = await store.append([ev(9, 'zone.enter', 'P-2')]);
      expect(next[0].id).toBeGreaterThan(before[before.length - 1].id);
    });
  });
}

const dir = mkdtempSync(path.join(tmpdir(), 'parktwin-store-'));
const sqliteFile = path.join(dir, 'events.db');
contract(
  'SQLite store',
  async () => new SqliteStore(sqliteFile),
  async (s) => (await s.close(), new SqliteStore(sqliteFile)),
);

it('a SQLite store made before layout versions gains the column, its old events without a version', async () => {
  const file = path.join(dir, 'old.db');
  const old = new Database(file);
  old.exec(
    'CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, t_ms INTEGER NOT NULL, type TEXT NOT NULL, subject TEXT NOT NULL, place TEXT, detail TEXT NOT NULL)',
  );
  old.prepare('INSERT INTO events (t_ms, type, subject, place, detail) VALUES (?, ?, ?, ?, ?)').run(T0, 'zone.enter', 'P-OLD', 'Z', '{}');
  old.close();
  const store = new SqliteStore(file);
  await store.append([{ ...ev(2, 'zone.enter', 'P-OLD'), layout_version: 3 }]);
  expect((await store.query({ subject: 'P-OLD' })).map((e) => e.layout_version)).toEqual([undefined, 3]);
  await store.close();
});

withPostgres('PostgreSQL', (url) => {
  contract(
    'PostgreSQL store',
    () => PostgresStore.open(url()),
    async (s) => (await s.close(), PostgresStore.open(url())),
  );

  it('two processes opening the same database at once both get the tables, and share one id sequence', async () => {
    const [a, b] = await Promise.all([PostgresStore.open(url()), PostgresStore.open(url())]);
    const [x, y] = await Promise.all([a.append([ev(20, 'zone.enter', 'A')]), b.append([ev(21, 'zone.enter', 'B')])]);
    expect(x[0].id).not.toBe(y[0].id);
    expect((await a.query({ type: 'zone.enter' })).map((e) => e.subject)).toEqual(expect.arrayContaining(['A', 'B']));
    await Promise.all([a.close(), b.close()]);
  });
});
