/**
 * The permit book alone (no store, no server): the life cycle, who may take which step, the permit
 * numbers, expiry, statistics, and the fold of stored records giving back the same permits.
 */
import { describe, expect, it } from 'vitest';
import type { PermitBody, PermitRecord } from '../../src/protocol/permits.ts';
import { type Actor, isRefusal, type NewPermitRecord, PermitBook, type Refusal } from './permits.ts';

const H = 3600_000;
const T0 = Date.parse('2026-12-04T08:00:00+08:00');
const op = (name: string, enterprises: string[] | null = ['E-REF']): Actor => ({ name, role: 'operator', enterprises });
const body = (over: Partial<PermitBody> = {}): PermitBody => ({
  kind: 'hot_work',
  grade: '1',
  enterprise: 'E-REF',
  feature: 'U-REF-HCU',
  title: '加氢裂化E-201法兰焊接',
  valid_from: T0,
  valid_to: T0 + 8 * H,
  applicant: '王伟',
  workers: ['李强'],
  watcher: '刘洋',
  approvers: ['陈静'],
  worker_tags: ['P-1'],
  watcher_tag: 'P-2',
  gas_analyses: [{ t: T0 - 5 * 60_000, point: 'F-3', kind: 'combustible', substance: 'hydrogen', value: 0.1, lel_pct: 4, analyst: '赵敏' }],
  outdoor: true,
  ...over,
});

/** A book that stores what it is handed, as the desk does (ids in order). */
function harness() {
  const book = new PermitBook('Asia/Shanghai');
  const records: PermitRecord[] = [];
  const take = (r: NewPermitRecord | Refusal) => {
    if (isRefusal(r)) return r;
    const stored = { ...r, id: records.length + 1 };
    records.push(stored);
    return book.apply(stored);
  };
  return { book, records, take };
}
const exists = (id: string) => ['E-REF', 'E-LPG'].includes(id);

describe('the permit book', () => {
  it('files, approves, starts, suspends, resumes and closes a hot-work permit, numbered by kind and local date', () => {
    const { book, take } = harness();
    const p = take(book.file(body(), op('王伟'), T0 - 20 * 60_000, exists));
    expect(p).toMatchObject({ id: 'DH-20261204-01', status: 'drafted', filed_by: '王伟', seq: 1 });
    expect(take(book.file(body(), op('王伟'), T0, exists))).toMatchObject({ id: 'DH-20261204-02' });
    expect(take(book.file(body({ kind: 'confined_space', grade: null, gas_analyses: [] }), op('王伟'), T0, exists))).toMatchObject({ id: 'SX-20261204-01' });

    expect(take(book.act('DH-20261204-01', 'approve', {}, op('陈静'), T0 - 10 * 60_000))).toMatchObject({ status: 'approved', approved_by: '陈静' });
    expect(take(book.act('DH-20261204-01', 'start', {}, op('王伟'), T0))).toMatchObject({ status: 'active', started_at: T0 });
    expect(take(book.act('DH-20261204-01', 'suspend', { reason: 'lunch' }, op('王伟'), T0 + H))).toMatchObject({
      status: 'suspended',
      suspend_reason: 'lunch',
      suspensions: 1,
    });
    // back after 20 min: no new analysis needed (grade 1: 30 min)
    expect(take(book.act('DH-20261204-01', 'resume', {}, op('王伟'), T0 + H + 20 * 60_000))).toMatchObject({ status: 'active', suspended_at: null });
    expect(take(book.act('DH-20261204-01', 'close', {}, op('王伟'), T0 + 4 * H))).toMatchObject({ status: 'closed', ended_at: T0 + 4 * H });
  });

  it('refuses steps out of order, approval by the applicant or by someone not named, and other enterprises’ permits', () => {
    const { book, take } = harness();
    take(book.file(body(), op('王伟'), T0, exists));
    const id = 'DH-20261204-01';
    expect(book.act(id, 'start', {}, op('王伟'), T0)).toMatchObject({ status: 409, error: 'a drafted permit cannot start' });
    expect(book.act(id, 'approve', {}, op('王伟'), T0)).toMatchObject({ status: 403 });
    expect(book.act(id, 'approve', {}, op('孙丽'), T0)).toMatchObject({ status: 403, error: expect.stringContaining('not an approver') });
    expect(book.act(id, 'approve', {}, op('陈静', ['E-LPG']), T0)).toMatchObject({ status: 404 });
    expect(book.act(id, 'suspend', {}, op('王伟'), T0)).toMatchObject({ status: 409 });
    expect(book.act(id, 'cancel', {}, op('王伟'), T0)).toMatchObject({ status: 400, field: 'reason' });
    expect(book.file(body(), op('王伟', ['E-LPG']), T0, exists)).toMatchObject({ status: 403, field: 'enterprise' });
    expect(book.file(body({ enterprise: 'E-NONE' }), op('王伟', null), T0, exists)).toMatchObject({ status: 400, field: 'enterprise' });
    expect(book.file(body(), { name: 'v', role: 'viewer', enterprises: null }, T0, exists)).toMatchObject({ status: 403 });
    // a permit breaking a rule of the standard: 400 naming the field, every problem listed
    const bad = book.file(body({ valid_to: T0 + 10 * H, watcher: '' }), op('王伟'), T0, exists) as Refusal;
    expect(bad).toMatchObject({ status: 400, field: 'valid_to' });
    expect(bad.reasons).toEqual([
      'valid_to: a grade-1 hot work permit is valid at most 8 h; this one runs 10 h (GB 30871-2022 ch. 5)',
      'watcher: every special operation needs a watcher (监护人) (GB 30871-2022 ch. 4)',
    ]);
  });

  it('does not start without a fresh analysis or in force-5 wind; resumes after a gas alarm only with a new analysis', () => {
    const { book, take } = harness();
    const id = (take(book.file(body(), op('王伟'), T0 - H, exists)) as { id: string }).id;
    take(book.act(id, 'approve', {}, op('陈静'), T0 - H));
    expect(book.act(id, 'start', {}, op('王伟'), T0 + H)).toMatchObject({ status: 409, field: 'gas_analyses' });
    expect(book.act(id, 'start', {}, op('王伟'), T0, 9.5)).toMatchObject({ status: 409, field: 'grade' });
    take(book.act(id, 'start', {}, op('王伟'), T0, 3));
    // the desk suspends on a gas alarm with gas_alarm set
    const s = book.act(id, 'suspend', { reason: 'gas alarm' }, { name: 'system', role: 'system', enterprises: null }, T0 + H) as NewPermitRecord;
    s.body.gas_alarm = true;
    take(s);
    expect(book.act(id, 'resume', {}, op('王伟'), T0 + H + 5 * 60_000)).toMatchObject({ status: 409, field: 'gas_analyses' });
    take(
      book.act(
        id,
        'analysis',
        { analysis: { t: T0 + H + 10 * 60_000, point: 'F-3', kind: 'combustible', substance: 'hydrogen', value: 0.05, lel_pct: 4, analyst: '赵敏' } },
        op('王伟'),
        T0 + H + 10 * 60_000,
      ),
    );
    expect(take(book.act(id, 'resume', {}, op('王伟'), T0 + H + 15 * 60_000))).toMatchObject({ status: 'active' });
  });

  it('expires what time ended: an active permit closes, an approved one never started is cancelled', () => {
    const { book, take } = harness();
    const a = (take(book.file(body(), op('王伟'), T0 - H, exists)) as { id: string }).id;
    const b = (take(book.file(body(), op('王伟'), T0 - H, exists)) as { id: string }).id;
    for (const id of [a, b]) take(book.act(id, 'approve', {}, op('陈静'), T0 - H));
    take(book.act(a, 'start', {}, op('王伟'), T0));
    expect(book.expire(T0 + 8 * H)).toEqual([]);
    for (const r of book.expire(T0 + 8 * H + 1)) take(r);
    expect([book.permits.get(a)!.status, book.permits.get(b)!.status]).toEqual(['closed', 'cancelled']);
    expect(book.permits.get(b)!.end_reason).toBe('window ended before work started');
  });

  it('spot checks are the park’s; statistics per enterprise, kind and month', () => {
    const { book, take } = harness();
    const id = (take(book.file(body(), op('王伟'), T0, exists)) as { id: string }).id;
    take(book.file(body({ enterprise: 'E-LPG' }), op('admin', null), T0, exists));
    expect(book.spotCheck(id, { finding: 'compliant', note: 'ok' }, op('王伟'), T0)).toMatchObject({ status: 403 });
    take(book.spotCheck(id, { finding: 'deficient', note: '监护人未在场', follow_up: '整改' }, op('安监局', null), T0 + H));
    expect(book.permits.get(id)!.spot_checks).toEqual([{ finding: 'deficient', note: '监护人未在场', follow_up: '整改', t: T0 + H, by: '安监局' }]);
    take(book.act(id, 'cancel', { reason: 'weather' }, op('王伟'), T0 + H));
    expect(book.stats()).toEqual([
      { enterprise: 'E-LPG', kind: 'hot_work', month: '2026-12', filed: 1, closed: 0, cancelled: 0, suspended: 0, spot_checks: 0, deficient: 0 },
      { enterprise: 'E-REF', kind: 'hot_work', month: '2026-12', filed: 1, closed: 0, cancelled: 1, suspended: 0, spot_checks: 1, deficient: 1 },
    ]);
    // an enterprise-scoped reader sees its own only
    expect(book.stats(op('王伟')).map((r) => r.enterprise)).toEqual(['E-REF']);
  });

  it('folding the stored records again gives the same permits', () => {
    const { book, records, take } = harness();
    const id = (take(book.file(body(), op('王伟'), T0 - H, exists)) as { id: string }).id;
    take(book.act(id, 'approve', {}, op('陈静'), T0 - H));
    take(book.act(id, 'start', {}, op('王伟'), T0));
    const again = new PermitBook('Asia/Shanghai');
    for (const r of records) again.apply(r);
    expect(again.list()).toEqual(book.list());
    expect(() => again.apply({ ...records[2], id: 99 })).toThrow(/record 3 after 3/);
  });
});
