/**
 * The safety-distance engine: runs distance and clearance rules over a park model.
 *
 * Every footprint is indexed once (flatbush, a static packed R-tree); for each rule, each feature
 * on the `from` side queries the `to` side's index within the report range of its largest possible
 * requirement, so the work grows with the pairs that matter, not with every pair. A dragged feature
 * is re-checked alone (`checksFor`) after `move`, without rebuilding the indexes.
 *
 * Report range: a pair is listed when its distance is within max(2 × required, required + 100 m);
 * pairs further apart keep their distance by a wide margin and are not listed. Rule expressions must
 * be non-decreasing in b's properties (all distance tables are): the engine bounds its search with
 * b's largest values.
 */
import Flatbush from 'flatbush';
import { tankShape, type ModelFeature, type ParkModel } from '../../model/model.ts';
import { clearanceInside_m, footprintDistance_m, footprintOf, translateFootprint, type Footprint } from '../footprint.ts';
import { compileExpression, matches, type ClearanceRule, type DistanceRule, type Expr, type LoadedRuleSet, type Selector, type Side } from './rules.ts';

/** Distances within this of the requirement pass: coordinates are stored to 1e-8° (≈ 1 mm). */
export const DISTANCE_TOLERANCE_m = 0.01;

export const reportRange_m = (required_m: number) => Math.max(2 * required_m, required_m + 100);

export interface DistanceCheck {
  from: string;
  to: string;
  rule: string;
  citation: string;
  verified: boolean;
  required_m: number;
  actual_m: number;
  /** actual − required, m: negative is a violation. */
  margin_m: number;
  ok: boolean;
}

export interface SkippedCheck {
  rule: string;
  from: string;
  to?: string;
  reason: string;
}

export interface DistanceReport {
  checks: DistanceCheck[];
  summary: { pairs: number; violations: number; rules: number; unverified_rules_used: number };
  skipped: SkippedCheck[];
}

interface CompiledDistance {
  rule: DistanceRule;
  expr: Expr;
  bRefs: string[];
  from: number[];
  to: number[];
  fromSet: Set<number>;
  toSet: Set<number>;
  toIndex?: Flatbush;
  fromIndex?: Flatbush;
  /** Largest value of each b.<prop> referenced, over the to side. */
  bMax: Side;
  /** Largest report range of any from feature (for reverse queries). */
  maxRangeFrom: number;
}

interface CompiledClearance {
  rule: ClearanceRule;
  expr: Expr;
  from: number[];
  fromSet: Set<number>;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** Properties a rule sees: the feature's, plus a tank's diameter derived from a polygon shell. */
function sideOf(f: ModelFeature): Side {
  if (f.kind === 'tank' && (f.props as { diameter_m?: number }).diameter_m === undefined) {
    return { ...f.props, diameter_m: 2 * tankShape(f as ModelFeature<'tank'>).radius_m };
  }
  return f.props as Side;
}

export class DistanceEngine {
  readonly features: readonly ModelFeature[];
  readonly sides: Side[];
  readonly footprints: Footprint[];
  private readonly index = new Map<string, number>();
  private readonly distanceRules: CompiledDistance[] = [];
  private readonly clearanceRules: CompiledClearance[] = [];
  private readonly dirty = new Set<number>();
  private readonly selectorCache = new Map<string, number[]>();

  constructor(
    readonly model: ParkModel,
    readonly ruleSets: readonly LoadedRuleSet[],
  ) {
    this.features = model.features;
    this.sides = this.features.map(sideOf);
    this.footprints = this.features.map(footprintOf);
    this.features.forEach((f, i) => this.index.set(f.id, i));
    for (const set of ruleSets) {
      for (const rule of set.rules) {
        if (rule.type === 'distance') this.distanceRules.push(this.compileDistance(rule));
        else if (rule.type === 'clearance') {
          const from = this.select(rule.from);
          this.clearanceRules.push({ rule, expr: compileExpression(rule.required_m).fn, from, fromSet: new Set(from) });
        }
      }
    }
  }

  private select(sel: Selector): number[] {
    const key = JSON.stringify(sel);
    let hit = this.selectorCache.get(key);
    if (!hit) {
      hit = [];
      for (let i = 0; i < this.features.length; i++) if (matches(this.features[i].kind, this.sides[i], sel)) hit.push(i);
      this.selectorCache.set(key, hit);
    }
    return hit;
  }

  private buildIndex(members: number[]): Flatbush | undefined {
    if (members.length === 0) return undefined;
    const idx = new Flatbush(members.length);
    for (const i of members) {
      const b = this.footprints[i].bbox;
      idx.add(b.minX, b.minY, b.maxX, b.maxY);
    }
    idx.finish();
    return idx;
  }

  private compileDistance(rule: DistanceRule): CompiledDistance {
    const { fn, refs } = compileExpression(rule.required_m);
    const from = this.select(rule.from);
    const to = this.select(rule.to);
    const bRefs = [...refs].filter((r) => r.startsWith('b.')).map((r) => r.slice(2));
    const bMax: Side = {};
    for (const prop of bRefs) {
      let m = -Infinity;
      for (const j of to) {
        const v = this.sides[j][prop];
        if (typeof v === 'number' && v > m) m = v;
      }
      bMax[prop] = m;
    }
    const c: CompiledDistance = { rule, expr: fn, bRefs, from, to, fromSet: new Set(from), toSet: new Set(to), bMax, maxRangeFrom: 0 };
    c.toIndex = this.buildIndex(to);
    for (const i of from) c.maxRangeFrom = Math.max(c.maxRangeFrom, this.searchRange(c, i));
    return c;
  }

  /** Upper bound of the report range for `from` feature i under rule c. */
  private searchRange(c: CompiledDistance, i: number): number {
    const upper = c.expr(this.sides[i], c.bMax);
    return Number.isFinite(upper) ? reportRange_m(upper) : 0;
  }

  private pairAllowed(c: CompiledDistance, i: number, j: number): boolean {
    if (i === j) return false;
    const a = this.sides[i];
    const b = this.sides[j];
    for (const p of c.rule.same) if (a[p] === undefined || a[p] !== b[p]) return false;
    for (const p of c.rule.different) if (a[p] !== undefined && a[p] === b[p]) return false;
    for (const p of c.rule.same_or_absent) if (a[p] !== undefined && b[p] !== undefined && a[p] !== b[p]) return false;
    // a pair both sides of which could be either side is checked once, from the smaller id
    if (c.fromSet.has(j) && c.toSet.has(i) && this.features[j].id < this.features[i].id) return false;
    return true;
  }

  private evaluatePair(c: CompiledDistance, i: number, j: number, out: DistanceCheck[], skipped: SkippedCheck[]): void {
    const required = c.expr(this.sides[i], this.sides[j]);
    if (!Number.isFinite(required)) {
      skipped.push({
        rule: c.rule.id,
        from: this.features[i].id,
        to: this.features[j].id,
        reason: 'the required distance needs a property one side does not have',
      });
      return;
    }
    const actual = footprintDistance_m(this.footprints[i], this.footprints[j]);
    if (actual > reportRange_m(required)) return;
    out.push(this.check(c.rule, i, j, required, actual));
  }

  private check(rule: DistanceRule | ClearanceRule, i: number, j: number, required: number, actual: number): DistanceCheck {
    return {
      from: this.features[i].id,
      to: this.features[j].id,
      rule: rule.id,
      citation: rule.citation,
      verified: rule.verified,
      required_m: round2(required),
      actual_m: round2(actual),
      margin_m: round2(actual - required),
      ok: actual >= required - DISTANCE_TOLERANCE_m,
    };
  }

  /** Candidates of index `idx` over `members` whose boxes meet box b grown by r, with moved features tested directly. */
  private query(idx: Flatbush | undefined, members: number[], memberSet: Set<number>, i: number, r: number, visit: (j: number) => void): void {
    const b = this.footprints[i].bbox;
    if (idx) {
      for (const k of idx.search(b.minX - r, b.minY - r, b.maxX + r, b.maxY + r)) {
        const j = members[k];
        if (!this.dirty.has(j)) visit(j);
      }
    }
    for (const j of this.dirty) {
      if (!memberSet.has(j)) continue;
      const o = this.footprints[j].bbox;
      if (o.minX <= b.maxX + r && o.maxX >= b.minX - r && o.minY <= b.maxY + r && o.maxY >= b.minY - r) visit(j);
    }
  }

  private runDistanceFrom(c: CompiledDistance, i: number, out: DistanceCheck[], skipped: SkippedCheck[]): void {
    const r = this.searchRange(c, i);
    if (r === 0 && c.to.length > 0) {
      skipped.push({
        rule: c.rule.id,
        from: this.features[i].id,
        reason: 'the required distance needs a property this feature (or every feature on the other side) does not have',
      });
      return;
    }
    this.query(c.toIndex, c.to, c.toSet, i, r, (j) => {
      if (this.pairAllowed(c, i, j)) this.evaluatePair(c, i, j, out, skipped);
    });
  }

  private runClearance(c: CompiledClearance, i: number, out: DistanceCheck[], skipped: SkippedCheck[]): void {
    const f = this.features[i];
    const outerId = this.sides[i][c.rule.inside];
    if (typeof outerId !== 'string') {
      skipped.push({ rule: c.rule.id, from: f.id, reason: `no ${c.rule.inside}` });
      return;
    }
    const j = this.index.get(outerId);
    if (j === undefined || this.footprints[j].core.type !== 'area') {
      skipped.push({ rule: c.rule.id, from: f.id, to: outerId, reason: `${c.rule.inside} "${outerId}" is not an area in the layout` });
      return;
    }
    const required = c.expr(this.sides[i], {});
    if (!Number.isFinite(required)) {
      skipped.push({ rule: c.rule.id, from: f.id, reason: 'the required distance needs a property the feature does not have' });
      return;
    }
    out.push(this.check(c.rule, i, j, required, clearanceInside_m(this.footprints[i], this.footprints[j])));
  }

  /** The full report: every listed check, worst margin first. */
  run(): DistanceReport {
    const checks: DistanceCheck[] = [];
    const skipped: SkippedCheck[] = [];
    for (const c of this.distanceRules) for (const i of c.from) this.runDistanceFrom(c, i, checks, skipped);
    for (const c of this.clearanceRules) for (const i of c.from) this.runClearance(c, i, checks, skipped);
    return this.report(checks, skipped);
  }

  /** Every check involving one feature (after a move, for instance). */
  checksFor(id: string): DistanceCheck[] {
    const i = this.index.get(id);
    if (i === undefined) throw new Error(`no feature "${id}"`);
    const checks: DistanceCheck[] = [];
    const skipped: SkippedCheck[] = [];
    for (const c of this.distanceRules) {
      if (c.fromSet.has(i)) this.runDistanceFrom(c, i, checks, skipped);
      if (c.toSet.has(i)) {
        c.fromIndex ??= this.buildIndex(c.from);
        this.query(c.fromIndex, c.from, c.fromSet, i, c.maxRangeFrom, (k) => {
          if (k !== i && this.pairAllowed(c, k, i) && !(c.fromSet.has(i) && this.pairAllowed(c, i, k))) this.evaluatePair(c, k, i, checks, skipped);
        });
      }
    }
    for (const c of this.clearanceRules) {
      if (c.fromSet.has(i)) this.runClearance(c, i, checks, skipped);
      // the feature may be the area others stand inside (a dike, an enterprise)
      for (const k of c.from) if (k !== i && this.sides[k][c.rule.inside] === id) this.runClearance(c, k, checks, skipped);
    }
    return sortChecks(checks);
  }

  /** Moves a feature's footprint by (dx, dy) metres (a drag in the planner). */
  move(id: string, dx: number, dy: number): void {
    const i = this.index.get(id);
    if (i === undefined) throw new Error(`no feature "${id}"`);
    this.footprints[i] = translateFootprint(this.footprints[i], dx, dy);
    this.dirty.add(i);
  }

  private report(checks: DistanceCheck[], skipped: SkippedCheck[]): DistanceReport {
    sortChecks(checks);
    const used = new Set(checks.filter((c) => !c.verified).map((c) => c.rule));
    return {
      checks,
      summary: {
        pairs: checks.length,
        violations: checks.filter((c) => !c.ok).length,
        rules: this.distanceRules.length + this.clearanceRules.length,
        unverified_rules_used: used.size,
      },
      skipped,
    };
  }
}

/** Worst margin first; ties by ids for a stable order. */
export function sortChecks(checks: DistanceCheck[]): DistanceCheck[] {
  return checks.sort((a, b) => a.margin_m - b.margin_m || a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.rule.localeCompare(b.rule));
}

/** Runs the distance and clearance rules of the rule sets over a model. */
export function distanceReport(model: ParkModel, ruleSets: readonly LoadedRuleSet[]): DistanceReport {
  return new DistanceEngine(model, ruleSets).run();
}
