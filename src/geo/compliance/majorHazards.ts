/**
 * Major hazard identification and grading, GB 18218-2018.
 *
 * Units (§3): each dike is one storage unit (its tanks); a tank outside any dike is its own unit;
 * each process unit is one production unit (with the vessels inside it). For each unit:
 *   S = Σ qᵢ / Qᵢ                    (§4.1; S ≥ 1 → a major hazard source)
 *   R = α · Σ βᵢ qᵢ / Qᵢ             (§4.2)
 * α by the resident population within 500 m outward of the boundary of the plant (厂区边界) where
 * the major hazard source stands (§4.3.3, Table 5): ≥ 100 → 2.0, 50–99 → 1.5, 30–49 → 1.2,
 * 1–29 → 1.0, 0 → 0.5. The plant is the enterprise the unit belongs to (its `enterprise_id`, else
 * the enterprise polygon it stands in); a unit of no enterprise is measured from its own outline,
 * with a note. Grade (Table 6): R ≥ 100 → 1, 50 ≤ R < 100 → 2, 10 ≤ R < 50 → 3, R < 10 → 4.
 * Population is the sum of the protected targets whose footprint comes within 500 m of the plant's
 * (the whole target counts: conservative). Q and β come from the substance table's classing
 * (src/data/substances.ts: Table 1, else Table 2 by category; Table 3, else Table 4); each
 * substance carries its basis. Unknown substances are reported in `unresolved`, never guessed.
 */
import Flatbush from 'flatbush';
import { findSubstance } from '../../data/substances.ts';
import type { ModelFeature, ParkModel } from '../../model/model.ts';
import { pointInPolygon } from '../primitives/planar.ts';
import { footprintDistance_m, footprintOf, type Footprint } from '../footprint.ts';

/** GB 18218-2018 §4.3.3: α counts the residents within 500 m outward of the plant boundary. */
export const ALPHA_RADIUS_m = 500;

export interface UnitSubstance {
  substance: string;
  q_t: number;
  Q_t: number;
  beta: number;
  /** q / Q */
  ratio: number;
  verified: boolean;
  /** How Q and β were found (Table 1 or the category of Table 2; Table 3 or 4). */
  basis: string;
}

export interface HazardUnit {
  unit: string;
  type: 'storage' | 'production';
  members: string[];
  S: number;
  R: number;
  alpha: number;
  population_500m: number;
  /** The enterprise whose plant boundary α was measured from; null: the unit's own outline. */
  enterprise: string | null;
  /** What α was measured from. */
  alpha_from: 'plant_boundary' | 'unit_outline';
  /** What the reader should know of this unit's figures (α measured from the unit, assumed categories). */
  notes: string[];
  grade: 1 | 2 | 3 | 4 | null;
  substances: UnitSubstance[];
  /** Substances whose Q is not known: the unit's S may be understated. */
  unresolved: string[];
}

/** GB 18218-2018 Table 5. */
export function alphaFor(population: number): number {
  if (population >= 100) return 2.0;
  if (population >= 50) return 1.5;
  if (population >= 30) return 1.2;
  if (population >= 1) return 1.0;
  return 0.5;
}

/** GB 18218-2018 Table 6; null when S < 1 (not a major hazard source). */
export function gradeFor(S: number, R: number): 1 | 2 | 3 | 4 | null {
  if (S < 1) return null;
  if (R >= 100) return 1;
  if (R >= 50) return 2;
  if (R >= 10) return 3;
  return 4;
}

/** S, R and the breakdown for given quantities (substance → tonnes) and α. */
export function scoreUnit(quantities: ReadonlyMap<string, number>, alpha: number): Pick<HazardUnit, 'S' | 'R' | 'substances' | 'unresolved'> {
  let S = 0;
  let sumBeta = 0;
  const substances: UnitSubstance[] = [];
  const unresolved: string[] = [];
  for (const [name, q] of quantities) {
    const s = findSubstance(name);
    if (!s || (s.Q_t === null && !s.excluded) || (s.Q_t !== null && s.beta === null)) {
      unresolved.push(name);
      continue;
    }
    if (s.excluded || s.Q_t === null || s.beta === null) continue;
    const ratio = q / s.Q_t;
    S += ratio;
    sumBeta += s.beta * ratio;
    substances.push({ substance: s.id, q_t: q, Q_t: s.Q_t, beta: s.beta, ratio: round(ratio, 4), verified: s.verified, basis: s.basis });
  }
  return { S: round(S, 4), R: round(alpha * sumBeta, 3), substances, unresolved };
}

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

function add(q: Map<string, number>, name: string, t: number) {
  q.set(name, (q.get(name) ?? 0) + t);
}

export function identifyMajorHazards(model: ParkModel): HazardUnit[] {
  const units: { id: string; type: HazardUnit['type']; footprint: Footprint; members: ModelFeature[] }[] = [];
  const tanks = model.ofKind('tank');
  const vessels = model.ofKind('vessel');
  for (const dike of model.ofKind('dike')) {
    const members = tanks.filter((t) => t.props.dike_id === dike.id);
    if (members.length) units.push({ id: dike.id, type: 'storage', footprint: footprintOf(dike), members });
  }
  for (const t of tanks) if (!t.props.dike_id) units.push({ id: t.id, type: 'storage', footprint: footprintOf(t), members: [t] });
  for (const u of model.ofKind('process_unit')) {
    units.push({ id: u.id, type: 'production', footprint: footprintOf(u), members: [u, ...vessels.filter((v) => v.props.unit_id === u.id)] });
  }
  for (const v of vessels) if (!v.props.unit_id) units.push({ id: v.id, type: 'production', footprint: footprintOf(v), members: [v] });

  const enterprises = model.ofKind('enterprise');
  const plants = new Map(enterprises.map((e) => [e.id, footprintOf(e)]));
  /** The enterprise a unit belongs to: named by its dike or process unit, else by a member, else the enterprise polygon its outline's centre stands in. */
  const enterpriseOf = (u: (typeof units)[number]): string | null => {
    for (const m of [model.byId.get(u.id), ...u.members]) {
      const id = (m?.props as { enterprise_id?: string } | undefined)?.enterprise_id;
      if (id && plants.has(id)) return id;
    }
    const b = u.footprint.bbox;
    const c: [number, number] = [(b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2];
    return enterprises.find((e) => e.local.type === 'Polygon' && pointInPolygon(c, e.local.rings))?.id ?? null;
  };
  const targets = model.ofKind('protected_target');
  const tfp = targets.map(footprintOf);
  const index = targets.length ? new Flatbush(targets.length) : undefined;
  if (index) {
    for (const f of tfp) index.add(f.bbox.minX, f.bbox.minY, f.bbox.maxX, f.bbox.maxY);
    index.finish();
  }

  return units
    .map((u) => {
      const q = new Map<string, number>();
      for (const m of u.members) {
        const p = m.props as { substance?: string; inventory_t?: number; other_substances?: { substance: string; inventory_t: number }[] };
        if (p.substance && p.inventory_t !== undefined) add(q, p.substance, p.inventory_t);
        for (const o of p.other_substances ?? []) add(q, o.substance, o.inventory_t);
      }
      const enterprise = enterpriseOf(u);
      const from = enterprise ? plants.get(enterprise)! : u.footprint;
      const notes: string[] = [];
      if (!enterprise) notes.push('belongs to no enterprise: α measured from the unit’s own outline, not a plant boundary (GB 18218-2018 §4.3.3)');
      let population = 0;
      if (index) {
        const b = from.bbox;
        const r = ALPHA_RADIUS_m;
        for (const k of index.search(b.minX - r, b.minY - r, b.maxX + r, b.maxY + r)) {
          if (footprintDistance_m(from, tfp[k]) <= ALPHA_RADIUS_m) population += targets[k].props.population;
        }
      }
      const alpha = alphaFor(population);
      const score = scoreUnit(q, alpha);
      return {
        unit: u.id,
        type: u.type,
        members: u.members.map((m) => m.id),
        S: score.S,
        R: score.R,
        alpha,
        population_500m: population,
        enterprise,
        alpha_from: enterprise ? ('plant_boundary' as const) : ('unit_outline' as const),
        notes: [...notes, ...score.substances.filter((s) => !s.verified).map((s) => `${s.substance}: ${s.basis}`)],
        grade: gradeFor(score.S, score.R),
        substances: score.substances,
        unresolved: score.unresolved,
      };
    })
    .sort((a, b) => b.R - a.R || a.unit.localeCompare(b.unit));
}
