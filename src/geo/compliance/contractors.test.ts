/** Contractor entries and the gate's verdict, hand-worked: registered people, qualifications, entries filed before the work. */
import { describe, expect, it } from 'vitest';
import { admitAtGate, type Contractor, type ContractorEntry, checkEntry } from './contractors.ts';

const T = Date.parse('2026-12-04T08:00:00+08:00');
const D = 24 * 3600_000;
const acme: Contractor = {
  id: 'C-JGJX',
  name: '津港检修工程有限公司',
  people: [
    { name: '周强', tag: 'P-C1', qualifications: [{ kind: '焊接与热切割作业', number: 'T1201', expires: T + 300 * D }] },
    { name: '吴军', tag: 'P-C2', qualifications: [{ kind: '高处作业', number: 'T1202', expires: T + 2 * D }] },
    { name: '郑伟', qualifications: [] },
  ],
  registered_at: T - 30 * D,
  registered_by: 'admin',
};
const entry = (over: Partial<ContractorEntry> = {}): ContractorEntry => ({
  id: 'E-1',
  contractor: 'C-JGJX',
  enterprise: 'E-REF',
  purpose: '换热器检修',
  people: ['周强', '吴军'],
  from: T,
  to: T + D,
  filed_at: T - 3600_000,
  filed_by: '王伟',
  revoked: null,
  ...over,
});

describe('contractor entries', () => {
  it('accepts registered, qualified people filed before the work', () => {
    expect(checkEntry(acme, entry(), T - 3600_000)).toEqual([]);
  });
  it('refuses an entry filed after the work began, strangers, people without or with lapsing qualifications', () => {
    expect(checkEntry(acme, entry(), T + 3600_000).map((p) => p.field)).toEqual(['from']);
    expect(checkEntry(acme, entry({ people: ['周强', '李四'] }), T).map((p) => p.message_en)).toEqual(['李四 is not registered with 津港检修工程有限公司']);
    expect(checkEntry(acme, entry({ people: ['郑伟'] }), T).map((p) => p.field)).toEqual(['people.0']);
    // 吴军's certificate lapses on day 2 of a three-day entry
    expect(checkEntry(acme, entry({ to: T + 3 * D }), T).map((p) => p.message_zh)).toEqual(['吴军的高处作业证书（T1202）2026-12-06到期，早于入厂结束时间']);
  });
});

describe('the gate', () => {
  const entries = [entry()];
  it('admits a contractor’s person on an entry covering now, by tag or by company and name', () => {
    expect(admitAtGate({ tag: 'P-C1' }, [acme], entries, T + 3600_000)).toEqual({ contractor: true, admitted: true, company: 'C-JGJX', entry: 'E-1' });
    expect(admitAtGate({ tag: 'P-X', name: '吴军', company: '津港检修工程有限公司' }, [acme], entries, T + 3600_000)).toMatchObject({ admitted: true });
  });
  it('refuses outside the entry, after a qualification expired, an unregistered person or company', () => {
    expect(admitAtGate({ tag: 'P-C1' }, [acme], entries, T - 60_000)).toMatchObject({ admitted: false, reason: 'no_entry' });
    expect(admitAtGate({ tag: 'P-C2' }, [acme], [entry({ to: T + 5 * D })], T + 3 * D)).toMatchObject({ admitted: false, reason: 'qualification_expired' });
    expect(admitAtGate({ tag: 'P-C1' }, [acme], [entry({ revoked: { at: T, by: 'x', reason: 'y' } })], T + 60_000)).toMatchObject({ reason: 'no_entry' });
    expect(admitAtGate({ tag: 'P-Z', name: '赵六', company: '津港检修工程有限公司' }, [acme], entries, T)).toMatchObject({
      reason: 'unregistered',
      company: 'C-JGJX',
    });
    expect(admitAtGate({ tag: 'P-Z', role: 'contractor', company: '某某公司' }, [acme], entries, T)).toMatchObject({
      reason: 'unregistered',
      company: '某某公司',
    });
  });
  it('leaves everyone else to the gate’s other rules', () => {
    expect(admitAtGate({ tag: 'P-0007', role: 'operator', company: '滨港石化炼油厂' }, [acme], entries, T)).toEqual({ contractor: false });
  });
});
