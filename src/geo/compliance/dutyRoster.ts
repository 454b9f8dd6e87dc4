/**
 * Responsibility for major hazard sources (重大危险源安全包保): each GB 18218 unit with S ≥ 1 has a
 * principal (主要负责人), a technical (技术负责人) and an operational (操作负责人) responsible person,
 * who each check the source on a schedule — the principal at least once a quarter, the technical at
 * least once a month, the operational at least once a week (《危险化学品企业重大危险源安全包保责任制办法
 * （试行）》, 应急厅〔2021〕12号; P: the frequencies recalled and corroborated by enterprises' practice,
 * the article numbers not checked).
 *
 * Periods are calendar periods in the park's time zone (a quarter, a month, an ISO week from Monday).
 * A duty is done for the period with a check-in in it; the next check-in is due by the end of the
 * period after the last one's; past that it is overdue. Never checked in: due by the end of the period
 * in which the roster began to be kept (`since_ms`).
 */
import type { ParkModel } from '../../model/model.ts';
import type { HazardUnit } from './majorHazards.ts';

export const DUTY_ROLES = ['principal', 'technical', 'operational'] as const;
export type DutyRole = (typeof DUTY_ROLES)[number];

export const DUTY_PERIOD: Readonly<Record<DutyRole, 'quarter' | 'month' | 'week'>> = {
  principal: 'quarter',
  technical: 'month',
  operational: 'week',
};
export const DUTY_BASIS =
  '《危险化学品企业重大危险源安全包保责任制办法（试行）》(应急厅〔2021〕12号): principal quarterly, technical monthly, operational weekly [P]';

/** The wall-clock fields of an instant in a time zone. */
function wall(t_ms: number, tz: string): { y: number; m: number; d: number; wd: number; offset_ms: number } {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    weekday: 'short',
    hourCycle: 'h23',
  });
  const parts = Object.fromEntries(f.formatToParts(new Date(t_ms)).map((p) => [p.type, p.value]));
  const y = Number(parts.year);
  const m = Number(parts.month);
  const d = Number(parts.day);
  const asUtc = Date.UTC(y, m - 1, d, Number(parts.hour), Number(parts.minute), Number(parts.second));
  return { y, m, d, wd: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday), offset_ms: asUtc - Math.floor(t_ms / 1000) * 1000 };
}

/** Local midnight of a date (y, m 1-based, d) in a zone, as an instant (the zone's offset taken at that date). */
function midnight(y: number, m: number, d: number, tz: string): number {
  const guess = Date.UTC(y, m - 1, d);
  return guess - wall(guess, tz).offset_ms;
}

/** The period containing an instant: its start and end (exclusive), epoch ms. */
export function periodOf(t_ms: number, kind: 'quarter' | 'month' | 'week', tz: string): { start_ms: number; end_ms: number } {
  const w = wall(t_ms, tz);
  if (kind === 'week') {
    const start = midnight(w.y, w.m, w.d - w.wd, tz);
    const s = wall(start + 12 * 3600_000, tz);
    return { start_ms: start, end_ms: midnight(s.y, s.m, s.d + 7, tz) };
  }
  const months = kind === 'quarter' ? 3 : 1;
  const m0 = kind === 'quarter' ? Math.floor((w.m - 1) / 3) * 3 + 1 : w.m;
  return { start_ms: midnight(w.y, m0, 1, tz), end_ms: midnight(w.y, m0 + months, 1, tz) };
}

export interface DutyCheckin {
  /** Epoch ms. */
  t: number;
  unit: string;
  role: DutyRole;
  by: string;
  note: string;
}

export interface DutyStatus {
  unit: string;
  enterprise: string | null;
  grade: 1 | 2 | 3 | 4 | null;
  role: DutyRole;
  /** The responsible person (from the unit's installations' `responsible`), null when none is named. */
  person: string | null;
  period: 'quarter' | 'month' | 'week';
  last: DutyCheckin | null;
  /** By when the next check-in is due, epoch ms. */
  due_ms: number;
  state: 'done' | 'due' | 'overdue';
}

/** The person named most often for a role among a unit's installations (ties: the first named). */
export function responsibleOf(model: ParkModel, unit: HazardUnit, role: DutyRole): string | null {
  const count = new Map<string, number>();
  for (const id of [unit.unit, ...unit.members]) {
    const r = (model.byId.get(id)?.props as { responsible?: Partial<Record<DutyRole, string>> } | undefined)?.responsible;
    const name = r?.[role];
    if (name) count.set(name, (count.get(name) ?? 0) + 1);
  }
  let best: string | null = null;
  let n = 0;
  for (const [name, c] of count) if (c > n) [best, n] = [name, c];
  return best;
}

/** The duty of every role of every major hazard source (S ≥ 1) at a time, from the check-ins made since the roster began (`since_ms`). */
export function dutyRoster(
  model: ParkModel,
  units: readonly HazardUnit[],
  checkins: readonly DutyCheckin[],
  now_ms: number,
  tz: string,
  since_ms = now_ms,
): DutyStatus[] {
  const lastOf = new Map<string, DutyCheckin>();
  for (const c of checkins) {
    const k = `${c.unit}|${c.role}`;
    const prev = lastOf.get(k);
    if (!prev || c.t >= prev.t) lastOf.set(k, c);
  }
  const out: DutyStatus[] = [];
  for (const u of units) {
    if (u.S < 1) continue;
    for (const role of DUTY_ROLES) {
      const period = DUTY_PERIOD[role];
      const last = lastOf.get(`${u.unit}|${role}`) ?? null;
      const current = periodOf(now_ms, period, tz);
      // due by the end of the period after the last check-in's; never checked in: by the end of the roster's first period
      const due_ms = last ? periodOf(periodOf(last.t, period, tz).end_ms, period, tz).end_ms : periodOf(Math.min(since_ms, now_ms), period, tz).end_ms;
      const state = last && last.t >= current.start_ms ? 'done' : now_ms >= due_ms ? 'overdue' : 'due';
      out.push({ unit: u.unit, enterprise: u.enterprise, grade: u.grade, role, person: responsibleOf(model, u, role), period, last, due_ms, state });
    }
  }
  return out;
}
