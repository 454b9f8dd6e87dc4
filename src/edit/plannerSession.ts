/**
 * A planning session on a park (pure: no React, no store): moves made to features (offsets in
 * local metres), their undo history, and the engines' results kept current — the distance checks
 * re-checked for the dragged feature alone while it moves (DistanceEngine.move + checksFor), and
 * everything (distances, major hazards, layout checks) recomputed when a drag ends or a move is
 * undone. src/state/planner.ts binds one session to the planner's store; tests drive it headless.
 */
import { DistanceEngine, sortChecks, type DistanceCheck } from '../geo/compliance/distances.ts';
import { checkLayout, type LayoutReport } from '../geo/compliance/layoutChecks.ts';
import { identifyMajorHazards, type HazardUnit } from '../geo/compliance/majorHazards.ts';
import type { LoadedRuleSet } from '../geo/compliance/rules.ts';
import { loadModel, type ParkModel } from '../model/model.ts';
import { editedLayout } from '../report/planner.ts';

export type Offset = readonly [number, number];

/** What a session shows: the moves, their history and the engines' results. */
export interface PlannerResults {
  offsets: ReadonlyMap<string, Offset>;
  history: readonly ReadonlyMap<string, Offset>[];
  checks: DistanceCheck[];
  units: HazardUnit[];
  layout: LayoutReport | null;
  dragging: string | null;
}

export class PlannerSession {
  // set by recompute(), which the constructor runs
  private engine_!: DistanceEngine;
  private offsets: ReadonlyMap<string, Offset> = new Map();
  private history: ReadonlyMap<string, Offset>[] = [];
  private checks: DistanceCheck[] = [];
  private units: HazardUnit[] = [];
  private layout: LayoutReport | null = null;
  private dragging: string | null = null;

  constructor(
    readonly model: ParkModel,
    private ruleSets: readonly LoadedRuleSet[],
  ) {
    this.recompute();
  }

  get engine(): DistanceEngine {
    return this.engine_;
  }

  results(): PlannerResults {
    return { offsets: this.offsets, history: this.history, checks: this.checks, units: this.units, layout: this.layout, dragging: this.dragging };
  }

  setRuleSets(ruleSets: readonly LoadedRuleSet[]): void {
    this.ruleSets = ruleSets;
    this.recompute();
  }

  /** A drag starts: the moves as they are become one step of undo. */
  beginDrag(id: string): void {
    this.history = [...this.history, this.offsets];
    this.dragging = id;
  }

  /** Moves a feature to an absolute offset and re-checks it alone. */
  dragTo(id: string, dx: number, dy: number): void {
    const [ox, oy] = this.offsets.get(id) ?? [0, 0];
    this.engine_.move(id, dx - ox, dy - oy);
    const offsets = new Map(this.offsets);
    offsets.set(id, [dx, dy]);
    this.offsets = offsets;
    const mine = this.engine_.checksFor(id);
    this.checks = sortChecks([...this.checks.filter((c) => c.from !== id && c.to !== id), ...mine]);
  }

  endDrag(): void {
    this.dragging = null;
    this.recompute();
  }

  /** Takes back the last drag; false when there is nothing to undo. */
  undo(): boolean {
    const last = this.history.at(-1);
    if (!last) return false;
    this.offsets = last;
    this.history = this.history.slice(0, -1);
    this.recompute();
    return true;
  }

  /** The layout as edited, ready to save. */
  editedLayout() {
    return editedLayout(this.model, this.offsets);
  }

  /** The model with the current moves applied (for the checks that are not incremental). */
  private movedModel(): ParkModel {
    if (this.offsets.size === 0) return this.model;
    const r = loadModel(editedLayout(this.model, this.offsets));
    if (!r.ok) throw new Error('a move made the layout invalid');
    return r.model;
  }

  private recompute(): void {
    const m = this.movedModel();
    this.engine_ = new DistanceEngine(this.model, this.ruleSets);
    for (const [id, [dx, dy]] of this.offsets) this.engine_.move(id, dx, dy);
    this.units = identifyMajorHazards(m);
    this.checks = this.engine_.run().checks;
    this.layout = checkLayout(m, this.ruleSets, this.units);
  }
}
