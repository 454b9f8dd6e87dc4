/**
 * Supervision tiers (the Binhai New Area implementation plan of the 14th Five-Year hazardous-chemical
 * safety plan, 2022: 特别管控 special control, red; 重点关注 key attention, yellow;
 * 一般监管 general supervision, green). The regulator assigns an enterprise its tier from its findings
 * and risk; parktwin suggests one from the GB 18218 grades of the enterprise's major hazard sources,
 * and an admin may set the tier in force, with a reason, kept with its history.
 *
 * The suggestion maps grade 1 → red, grades 2–3 → yellow, grade 4 → green (parktwin's default
 * mapping — the plan does not say how tiers follow from the grade; provinces set their own:
 * unverified), and an enterprise takes the tier of its worst unit.
 */
import type { ParkModel } from '../../model/model.ts';
import type { HazardUnit } from './majorHazards.ts';

export type Tier = 'red' | 'yellow' | 'green';
export const TIERS: readonly Tier[] = ['red', 'yellow', 'green'];

/** The suggested tier of a major hazard source by its GB 18218 grade (our mapping, unverified). */
export const tierOfGrade = (grade: 1 | 2 | 3 | 4 | null): Tier | null => (grade === null ? null : grade === 1 ? 'red' : grade === 4 ? 'green' : 'yellow');

/** An admin's decision on an enterprise's tier: a tier, or null to go back to the suggestion. */
export interface TierDecision {
  id: number;
  /** Epoch ms. */
  t: number;
  enterprise: string;
  tier: Tier | null;
  reason: string;
  by: string;
}

export interface EnterpriseTier {
  enterprise: string;
  /** By the grades of its major hazard sources; null: it has none. */
  suggested: Tier | null;
  /** How the suggestion was found. */
  suggested_basis: string;
  /** The latest decision (null: never decided, or its last decision went back to the suggestion). */
  decided: TierDecision | null;
  /** The tier in force: the decision's, else the suggestion. */
  in_force: Tier | null;
  source: 'decided' | 'suggested';
  /** Every decision, oldest first. */
  history: TierDecision[];
}

const RANK: Record<Tier, number> = { red: 0, yellow: 1, green: 2 };

/** Each enterprise's tier: suggested from its units' grades, decided by the admins' latest decision. */
export function enterpriseTiers(model: ParkModel, units: readonly HazardUnit[], decisions: readonly TierDecision[]): EnterpriseTier[] {
  const history = new Map<string, TierDecision[]>();
  for (const d of [...decisions].sort((a, b) => a.t - b.t || a.id - b.id)) {
    const h = history.get(d.enterprise);
    if (h) h.push(d);
    else history.set(d.enterprise, [d]);
  }
  return model.ofKind('enterprise').map((e) => {
    const own = units.filter((u) => u.enterprise === e.id && u.grade !== null);
    const worst = own.reduce<HazardUnit | null>((w, u) => (!w || (u.grade ?? 9) < (w.grade ?? 9) ? u : w), null);
    const suggested = worst ? tierOfGrade(worst.grade) : null;
    const h = history.get(e.id) ?? [];
    const last = h[h.length - 1];
    const decided = last && last.tier !== null ? last : null;
    return {
      enterprise: e.id,
      suggested,
      suggested_basis: worst
        ? `grade ${worst.grade} of ${worst.unit}, its worst of ${own.length} major hazard source${own.length > 1 ? 's' : ''} (GB 18218-2018); grade 1 → red, 2–3 → yellow, 4 → green: parktwin's mapping, unverified`
        : 'no major hazard source',
      decided,
      in_force: decided ? decided.tier : suggested,
      source: decided ? 'decided' : 'suggested',
      history: h,
    };
  });
}

/** The tier a unit is shown with: its enterprise's decided tier, else its own grade's. */
export function unitTier(unit: HazardUnit, tiers: ReadonlyMap<string, EnterpriseTier> | undefined): Tier | null {
  const t = unit.enterprise ? tiers?.get(unit.enterprise) : undefined;
  return t?.source === 'decided' ? t.in_force : tierOfGrade(unit.grade);
}

export const tierRank = (t: Tier | null) => (t ? RANK[t] : 3);
