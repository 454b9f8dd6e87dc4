/**
 * The permit book: every special-operation permit of the park as the fold of its stored steps
 * (`PermitRecord`s: filed, approved, started, suspended, resumed, analysed, closed, cancelled, spot-checked,
 * expired). Pure and synchronous: `file` and `act` check a step against the life cycle and GB 30871-2022
 * (src/geo/compliance/gb30871.ts) and return the record to store, or why not — nothing changes until
 * the stored record is `apply`d, so a refused or failed step changes nothing.
 *
 * Life cycle: drafted → approved → active ⇄ suspended → closed; drafted, approved or suspended →
 * cancelled; an active or suspended permit past its window is closed by `expire`, an approved one never
 * started is cancelled.
 */
import { checkPermit, checkStart, type PermitProblem, type SpecialOp } from '../../src/geo/compliance/gb30871.ts';
import type { Role } from '../../src/protocol/api.ts';
import type { Permit, PermitAction, PermitBody, PermitRecord, PermitStatsRow, SpotCheck } from '../../src/protocol/permits.ts';

export type NewPermitRecord = Omit<PermitRecord, 'id'>;

/** Who takes a step: their name, role and the enterprises they are limited to (null: the whole park). */
export interface Actor {
  name: string;
  role: Role | 'system';
  enterprises: readonly string[] | null;
}

/** Why a step was refused: an HTTP status, the message and the field at fault. */
export interface Refusal {
  status: 400 | 403 | 404 | 409;
  error: string;
  field?: string;
  reasons?: string[];
  problems?: PermitProblem[];
}

/** Permit number prefixes, after the Chinese names (动火 DH, 受限空间 SX …). */
export const NUMBER_PREFIX: Record<SpecialOp, string> = {
  hot_work: 'DH',
  confined_space: 'SX',
  blinding: 'MB',
  work_at_height: 'GC',
  lifting: 'DZ',
  temp_electricity: 'LD',
  excavation: 'DT',
  road_closure: 'DL',
};

const ALLOWED: Record<PermitAction, readonly Permit['status'][]> = {
  approve: ['drafted'],
  start: ['approved'],
  suspend: ['active'],
  resume: ['suspended'],
  close: ['active', 'suspended'],
  cancel: ['drafted', 'approved', 'suspended'],
  analysis: ['drafted', 'approved', 'active', 'suspended'],
};

/** The date of an instant in a time zone, as YYYYMMDD and YYYY-MM. */
export function localDate(t_ms: number, tz: string): { ymd: string; month: string } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(t_ms));
  const get = (k: string) => parts.find((p) => p.type === k)?.value ?? '00';
  return { ymd: `${get('year')}${get('month')}${get('day')}`, month: `${get('year')}-${get('month')}` };
}

const problemsRefusal = (problems: PermitProblem[], status: 400 | 409 = 400): Refusal => ({
  status,
  error: problems[0].message_en,
  field: problems[0].field,
  reasons: problems.map((p) => `${p.field}: ${p.message_en} (${p.clause})`),
  problems,
});

export class PermitBook {
  readonly permits = new Map<string, Permit>();
  /** Why each suspended permit was suspended by a gas alarm (its resumption needs a new analysis). */
  private readonly gasSuspended = new Set<string>();

  constructor(readonly timezone = 'Asia/Shanghai') {}

  /** Whether an actor may act for an enterprise (park-wide users may act for every one). */
  static covers(a: Actor, enterprise: string): boolean {
    return a.enterprises === null || a.enterprises.includes(enterprise);
  }

  list(a?: Actor): Permit[] {
    const all = [...this.permits.values()].sort((x, y) => y.filed_at - x.filed_at || (x.id < y.id ? 1 : -1));
    return a ? all.filter((p) => PermitBook.covers(a, p.enterprise)) : all;
  }

  /** A new permit's filing: its record (seq 1), or why it is refused. */
  file(body: PermitBody, by: Actor, now_ms: number, enterpriseExists: (id: string) => boolean): NewPermitRecord | Refusal {
    if (by.role !== 'operator' && by.role !== 'admin') return { status: 403, error: 'only operators and admins file permits' };
    if (!enterpriseExists(body.enterprise)) return { status: 400, error: `enterprise ${body.enterprise} is not in the layout`, field: 'enterprise' };
    if (!PermitBook.covers(by, body.enterprise)) return { status: 403, error: `you do not act for ${body.enterprise}`, field: 'enterprise' };
    const problems = checkPermit(body);
    if (problems.length) return problemsRefusal(problems);
    const { ymd } = localDate(body.valid_from, this.timezone);
    const prefix = `${NUMBER_PREFIX[body.kind]}-${ymd}-`;
    let n = 1;
    for (const id of this.permits.keys()) if (id.startsWith(prefix)) n = Math.max(n, Number(id.slice(prefix.length)) + 1);
    const id = `${prefix}${String(n).padStart(2, '0')}`;
    return { t: now_ms, permit: id, seq: 1, action: 'file', by: by.name, body: body as unknown as Record<string, unknown> };
  }

  /**
   * A step on a permit: its record, or why not. `wind_m_s` is the live wind (outdoor hot work is held to
   * the force-5 limit when it starts or resumes).
   */
  act(
    id: string,
    action: PermitAction,
    body: { reason?: string; analysis?: Permit['gas_analyses'][number] },
    by: Actor,
    now_ms: number,
    wind_m_s: number | null = null,
  ): NewPermitRecord | Refusal {
    const p = this.permits.get(id);
    if (!p || !PermitBook.covers(by, p.enterprise)) return { status: 404, error: `no permit ${id}` };
    if (by.role !== 'operator' && by.role !== 'admin' && by.role !== 'system') return { status: 403, error: 'only operators and admins act on permits' };
    if (!ALLOWED[action].includes(p.status))
      return {
        status: 409,
        error: `a ${p.status} permit cannot ${action === 'analysis' ? 'take an analysis' : action === 'start' ? 'start' : `be ${pastOf(action)}`}`,
        field: 'status',
      };
    const rec = (extra: Record<string, unknown> = {}): NewPermitRecord => ({
      t: now_ms,
      permit: id,
      seq: p.seq + 1,
      action,
      by: by.name,
      body: { ...body, ...extra },
    });
    switch (action) {
      case 'approve':
        if (by.name === p.applicant || by.name === p.filed_by)
          return { status: 403, error: 'the applicant cannot approve their own permit (GB 30871-2022 ch. 4)' };
        if (!p.approvers.includes(by.name)) return { status: 403, error: `${by.name} is not an approver of ${id} (${p.approvers.join(', ')})` };
        return rec();
      case 'start':
      case 'resume': {
        const problems = checkStart(p, now_ms, {
          wind_m_s: p.outdoor ? wind_m_s : null,
          paused_since_ms: action === 'resume' ? p.suspended_at : null,
          gas_alarm: action === 'resume' && this.gasSuspended.has(id),
        });
        if (problems.length) return problemsRefusal(problems, 409);
        return rec();
      }
      case 'suspend':
      case 'cancel':
        if (!body.reason) return { status: 400, error: `say why the permit is ${pastOf(action)}`, field: 'reason' };
        return rec();
      case 'close':
        return rec();
      case 'analysis':
        if (!body.analysis) return { status: 400, error: 'give the analysis', field: 'analysis' };
        if (body.analysis.t > now_ms + 5 * 60_000) return { status: 400, error: 'the analysis is dated in the future', field: 'analysis.t' };
        return rec();
    }
  }

  /** A spot check of the park's safety office on a permit (park-wide users only). */
  spotCheck(id: string, check: Omit<SpotCheck, 't' | 'by'>, by: Actor, now_ms: number): NewPermitRecord | Refusal {
    const p = this.permits.get(id);
    if (!p || !PermitBook.covers(by, p.enterprise)) return { status: 404, error: `no permit ${id}` };
    if (by.enterprises !== null || (by.role !== 'operator' && by.role !== 'admin'))
      return { status: 403, error: 'spot checks are the park’s (a park-wide operator or admin)' };
    return { t: now_ms, permit: id, seq: p.seq + 1, action: 'spot_check', by: by.name, body: check as Record<string, unknown> };
  }

  /** Steps time causes: permits past their window (active or suspended: closed; approved: cancelled). */
  expire(now_ms: number): NewPermitRecord[] {
    const out: NewPermitRecord[] = [];
    for (const p of this.permits.values())
      if ((p.status === 'active' || p.status === 'suspended' || p.status === 'approved') && now_ms > p.valid_to)
        out.push({ t: now_ms, permit: p.id, seq: p.seq + 1, action: 'expire', by: 'system', body: {} });
    return out;
  }

  /** Folds a stored record in; returns the permit as it now is. Records must come in seq order. */
  apply(r: PermitRecord): Permit {
    if (r.action === 'file') {
      const b = r.body as unknown as PermitBody;
      const p: Permit = {
        ...b,
        gas_analyses: [...(b.gas_analyses ?? [])],
        id: r.permit,
        number: r.permit,
        status: 'drafted',
        filed_at: r.t,
        filed_by: r.by,
        approved_by: null,
        approved_at: null,
        started_at: null,
        suspended_at: null,
        suspend_reason: null,
        suspend_cause: null,
        suspensions: 0,
        ended_at: null,
        end_reason: null,
        spot_checks: [],
        seq: r.seq,
      };
      this.permits.set(p.id, p);
      return p;
    }
    const p = this.permits.get(r.permit);
    if (!p) throw new Error(`permit record ${r.id} names unknown permit ${r.permit}`);
    if (r.seq !== p.seq + 1) throw new Error(`permit ${p.id}: record ${r.seq} after ${p.seq}`);
    p.seq = r.seq;
    const reason = typeof r.body.reason === 'string' ? r.body.reason : null;
    switch (r.action) {
      case 'approve':
        p.status = 'approved';
        p.approved_by = r.by;
        p.approved_at = r.t;
        break;
      case 'start':
        p.status = 'active';
        p.started_at = r.t;
        break;
      case 'suspend':
        p.status = 'suspended';
        p.suspended_at = r.t;
        p.suspend_reason = reason;
        p.suspensions++;
        p.suspend_cause = r.body.gas_alarm
          ? { sensor: String(r.body.sensor ?? ''), level: String(r.body.level ?? ''), distance_m: Number(r.body.distance_m ?? 0) }
          : null;
        if (r.body.gas_alarm) this.gasSuspended.add(p.id);
        break;
      case 'resume':
        p.status = 'active';
        p.suspended_at = null;
        p.suspend_reason = null;
        p.suspend_cause = null;
        this.gasSuspended.delete(p.id);
        break;
      case 'close':
      case 'cancel':
        p.status = r.action === 'close' ? 'closed' : 'cancelled';
        p.ended_at = r.t;
        p.end_reason = reason;
        break;
      case 'expire':
        p.status = p.status === 'approved' ? 'cancelled' : 'closed';
        p.ended_at = r.t;
        p.end_reason = p.status === 'cancelled' ? 'window ended before work started' : 'window ended';
        break;
      case 'analysis': {
        const a = r.body.analysis as Permit['gas_analyses'][number];
        p.gas_analyses.push(a);
        break;
      }
      case 'spot_check':
        p.spot_checks.push({ ...(r.body as Omit<SpotCheck, 't' | 'by'>), t: r.t, by: r.by });
        break;
    }
    return p;
  }

  /** Permits per enterprise, kind and month (of filing, in the park's time zone), with their outcomes and spot checks. */
  stats(a?: Actor): PermitStatsRow[] {
    const rows = new Map<string, PermitStatsRow>();
    for (const p of this.list(a)) {
      const month = localDate(p.filed_at, this.timezone).month;
      const key = `${p.enterprise}|${p.kind}|${month}`;
      let r = rows.get(key);
      if (!r)
        rows.set(key, (r = { enterprise: p.enterprise, kind: p.kind, month, filed: 0, closed: 0, cancelled: 0, suspended: 0, spot_checks: 0, deficient: 0 }));
      r.filed++;
      if (p.status === 'closed') r.closed++;
      if (p.status === 'cancelled') r.cancelled++;
      if (p.suspensions > 0) r.suspended++;
      r.spot_checks += p.spot_checks.length;
      r.deficient += p.spot_checks.filter((s) => s.finding !== 'compliant').length;
    }
    return [...rows.values()].sort((x, y) => y.month.localeCompare(x.month) || x.enterprise.localeCompare(y.enterprise) || x.kind.localeCompare(y.kind));
  }
}

const pastOf = (a: PermitAction) =>
  ({ approve: 'approved', start: 'started', suspend: 'suspended', resume: 'resumed', close: 'closed', cancel: 'cancelled', analysis: 'analysed' })[a];

export const isRefusal = <T extends object>(x: T | Refusal): x is Refusal =>
  typeof (x as Refusal).status === 'number' && typeof (x as Refusal).error === 'string';
