/**
 * Contractors (承包商): their people must be registered with their qualifications, and an entry must
 * be filed before the work (the plan: contractor entry reported online before work starts); at the
 * gate a contractor's person is admitted only on an entry covering the time with no qualification
 * expired — the same gate that checks every other person, one more rule. Pure: the server applies it
 * to every inward gate passage; the browser shows the same reasons.
 */

export interface Qualification {
  /** What it qualifies for (a special-operation certificate: 焊接与热切割作业 …). */
  kind: string;
  number: string;
  /** Epoch ms. */
  expires: number;
}
export interface ContractorPerson {
  name: string;
  /** The positioning tag the person wears on site, when there is one. */
  tag?: string;
  qualifications: Qualification[];
}
/** A contractor company and its registered people. */
export interface Contractor {
  id: string;
  name: string;
  licence?: string;
  people: ContractorPerson[];
  registered_at: number;
  registered_by: string;
}
/** What an entry says: who comes, for which enterprise, when (epoch ms), for what. */
export interface EntryFacts {
  enterprise: string;
  purpose: string;
  people: string[];
  from: number;
  to: number;
  permit?: string;
}
/** An entry filed before the work. */
export interface ContractorEntry extends EntryFacts {
  id: string;
  contractor: string;
  filed_at: number;
  filed_by: string;
  revoked: { at: number; by: string; reason: string } | null;
}

/** How late an entry may be filed after its window opened, ms (a few minutes of clock difference, not "after the fact"). */
export const ENTRY_FILED_LATE_MS = 5 * 60_000;

export interface EntryProblem {
  field: string;
  message_en: string;
  message_zh: string;
}

/** Checks an entry against the contractor's register at filing: people registered, qualifications valid through the window, filed before work. */
export function checkEntry(c: Pick<Contractor, 'name' | 'people'>, e: EntryFacts, now_ms: number): EntryProblem[] {
  const out: EntryProblem[] = [];
  if (e.from < now_ms - ENTRY_FILED_LATE_MS)
    out.push({ field: 'from', message_en: 'an entry is filed before the work starts, not after', message_zh: '承包商入厂应在作业前报备，不能事后补报' });
  e.people.forEach((name, i) => {
    const p = c.people.find((x) => x.name === name);
    if (!p) {
      out.push({ field: `people.${i}`, message_en: `${name} is not registered with ${c.name}`, message_zh: `${name}不在${c.name}的登记人员中` });
      return;
    }
    if (!p.qualifications.length) out.push({ field: `people.${i}`, message_en: `${name} has no qualification on record`, message_zh: `${name}无资格证书记录` });
    for (const q of p.qualifications)
      if (q.expires < e.to)
        out.push({
          field: `people.${i}`,
          message_en: `${name}'s ${q.kind} certificate ${q.number} expires ${new Date(q.expires).toISOString().slice(0, 10)}, before the entry ends`,
          message_zh: `${name}的${q.kind}证书（${q.number}）${new Date(q.expires).toISOString().slice(0, 10)}到期，早于入厂结束时间`,
        });
  });
  return out;
}

export interface GateSubject {
  tag: string;
  name?: string;
  company?: string;
  role?: string;
}

export type GateVerdict =
  | { contractor: false }
  | { contractor: true; admitted: true; company: string; entry: string }
  | { contractor: true; admitted: false; company: string | null; reason: 'unregistered' | 'no_entry' | 'qualification_expired'; detail: string };

/**
 * Whether a person passing a gate inward is a contractor's, and if so whether they may come in: known
 * by their tag in a contractor's register, else by the company their positioning record names, else a
 * `contractor` role naming no registered company.
 */
export function admitAtGate(s: GateSubject, contractors: readonly Contractor[], entries: readonly ContractorEntry[], now_ms: number): GateVerdict {
  let company: Contractor | undefined;
  let person: Contractor['people'][number] | undefined;
  for (const c of contractors) {
    person = c.people.find((p) => p.tag === s.tag);
    if (person) {
      company = c;
      break;
    }
  }
  if (!company && s.company) company = contractors.find((c) => c.name === s.company || c.id === s.company);
  if (!company) {
    if (s.role === 'contractor')
      return {
        contractor: true,
        admitted: false,
        company: s.company ?? null,
        reason: 'unregistered',
        detail: `${s.company ?? 'no company'} is not a registered contractor`,
      };
    return { contractor: false };
  }
  person ??= company.people.find((p) => p.name === s.name);
  const name = person?.name ?? s.name;
  if (!person || !name)
    return {
      contractor: true,
      admitted: false,
      company: company.id,
      reason: 'unregistered',
      detail: `${s.name ?? s.tag} is not registered with ${company.name}`,
    };
  const entry = entries.find((e) => e.contractor === company.id && !e.revoked && e.people.includes(name) && now_ms >= e.from && now_ms <= e.to);
  if (!entry)
    return { contractor: true, admitted: false, company: company.id, reason: 'no_entry', detail: `no entry filed for ${name} of ${company.name} now` };
  const expired = person.qualifications.find((q) => q.expires < now_ms);
  if (expired)
    return {
      contractor: true,
      admitted: false,
      company: company.id,
      reason: 'qualification_expired',
      detail: `${name}'s ${expired.kind} certificate ${expired.number} has expired`,
    };
  return { contractor: true, admitted: true, company: company.id, entry: entry.id };
}
