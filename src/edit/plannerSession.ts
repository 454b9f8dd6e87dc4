/**
 * A planning session on a park (pure: no React, no store): the layout as edited — moves made to
 * features (offsets in local metres) over a model that edits replace (features added, their
 * properties changed, deleted, an import merged in) — one undo history across all of them, and the
 * engines' results kept current: the distance checks re-checked for the dragged feature alone while
 * it moves (DistanceEngine.move + checksFor), and everything (distances, major hazards, layout
 * checks) recomputed after any other edit or an undo. src/state/planner.ts binds one session to the
 * planner's store; tests drive it headless.
 */
import { DistanceEngine, sortChecks, type DistanceCheck } from '../geo/compliance/distances.ts';
import { checkLayout, type LayoutReport } from '../geo/compliance/layoutChecks.ts';
import { identifyMajorHazards, type HazardUnit } from '../geo/compliance/majorHazards.ts';
import type { LoadedRuleSet } from '../geo/compliance/rules.ts';
import { loadModel, type ParkModel } from '../model/model.ts';
import type { Layout } from '../model/schema.ts';
import type { LayoutIssue } from '../model/validate.ts';
import { editedLayout } from '../report/planner.ts';

export type Offset = readonly [number, number];

/** One state of the edited layout: a model and the moves over it (an undo step returns to one). */
export interface PlannerStep {
  model: ParkModel;
  offsets: ReadonlyMap<string, Offset>;
}

/** An edit refused: the layout it would make does not validate (the validator's lines, feature and field). */
export class EditError extends Error {
  constructor(readonly issues: LayoutIssue[]) {
    super(issues.map((i) => `${i.feature}: ${i.path}: ${i.message}`).join('\n'));
  }
}

/** A feature of the layout file (GeoJSON, WGS84). */
export type EditFeature = Layout['features'][number];

/** What a session shows: the layout as edited, the moves, the undo history and the engines' results. */
export interface PlannerResults {
  /** The model as edited (moves not applied: see `offsets`). */
  model: ParkModel | null;
  offsets: ReadonlyMap<string, Offset>;
  history: readonly PlannerStep[];
  /** What undo took back, for redo (a new edit or drag clears it). */
  future: readonly PlannerStep[];
  checks: DistanceCheck[];
  units: HazardUnit[];
  layout: LayoutReport | null;
  dragging: string | null;
}

export class PlannerSession {
  // set by recompute(), which the constructor runs
  private engine_!: DistanceEngine;
  private offsets: ReadonlyMap<string, Offset> = new Map();
  private history: PlannerStep[] = [];
  private future: PlannerStep[] = [];
  /** The state before a drag, until the dragged feature first moves. */
  private dragFrom: PlannerStep | null = null;
  private checks: DistanceCheck[] = [];
  private units: HazardUnit[] = [];
  private layout: LayoutReport | null = null;
  private dragging: string | null = null;

  constructor(
    private model_: ParkModel,
    private ruleSets: readonly LoadedRuleSet[],
  ) {
    this.recompute();
  }

  /** The model as edited (the moves not applied). */
  get model(): ParkModel {
    return this.model_;
  }

  get engine(): DistanceEngine {
    return this.engine_;
  }

  results(): PlannerResults {
    return {
      model: this.model_,
      offsets: this.offsets,
      history: this.history,
      future: this.future,
      checks: this.checks,
      units: this.units,
      layout: this.layout,
      dragging: this.dragging,
    };
  }

  setRuleSets(ruleSets: readonly LoadedRuleSet[]): void {
    this.ruleSets = ruleSets;
    this.recompute();
  }

  /** A drag starts: the moves as they are become one step of undo once the feature moves (a click without a move is no step). */
  beginDrag(id: string): void {
    this.dragFrom = { model: this.model_, offsets: this.offsets };
    this.dragging = id;
  }

  /** Moves a feature to an absolute offset and re-checks it alone. */
  dragTo(id: string, dx: number, dy: number): void {
    if (this.dragFrom) {
      this.history = [...this.history, this.dragFrom];
      this.future = [];
      this.dragFrom = null;
    }
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
    const moved = !this.dragFrom;
    this.dragFrom = null;
    if (moved) this.recompute();
  }

  /** Takes back the last drag or edit; false when there is nothing to undo. */
  undo(): boolean {
    const last = this.history.at(-1);
    if (!last) return false;
    this.future = [{ model: this.model_, offsets: this.offsets }, ...this.future];
    this.model_ = last.model;
    this.offsets = last.offsets;
    this.history = this.history.slice(0, -1);
    this.recompute();
    return true;
  }

  /** Does again what undo took back; false when there is nothing to redo. */
  redo(): boolean {
    const next = this.future[0];
    if (!next) return false;
    this.history = [...this.history, { model: this.model_, offsets: this.offsets }];
    this.future = this.future.slice(1);
    this.model_ = next.model;
    this.offsets = next.offsets;
    this.recompute();
    return true;
  }

  /** The layout as edited, ready to save. */
  editedLayout(): Layout {
    return editedLayout(this.model_, this.offsets);
  }

  /**
   * The layout a set of features would make, as a model: the moves so far applied, features with
   * these ids replaced, new ones added, `remove` taken out. Throws EditError (nothing changes) when
   * it does not validate.
   */
  tryEdit(features: readonly EditFeature[], remove: readonly string[] = []): ParkModel {
    const base = this.editedLayout();
    const byId = new Map(features.map((f) => [f.properties.id, f]));
    const gone = new Set(remove);
    const kept = base.features.filter((f) => !gone.has(f.properties.id)).map((f) => byId.get(f.properties.id) ?? f);
    const seen = new Set(kept.map((f) => f.properties.id));
    const next = { ...base, features: [...kept, ...features.filter((f) => !seen.has(f.properties.id))] };
    const r = loadModel(next);
    if (!r.ok) throw new EditError(r.issues.filter((i) => i.severity === 'error'));
    return r.model;
  }

  /** Adds or replaces features and removes others, as one step of undo; throws EditError (nothing changes) on an invalid result. */
  edit(features: readonly EditFeature[], remove: readonly string[] = []): void {
    const m = this.tryEdit(features, remove);
    this.history = [...this.history, { model: this.model_, offsets: this.offsets }];
    this.future = [];
    this.model_ = m;
    this.offsets = new Map(); // the moves are in the new model's coordinates now
    this.recompute();
  }

  /** The model with the current moves applied (for the checks that are not incremental). */
  private movedModel(): ParkModel {
    if (this.offsets.size === 0) return this.model_;
    const r = loadModel(editedLayout(this.model_, this.offsets));
    if (!r.ok) throw new Error('a move made the layout invalid');
    return r.model;
  }

  private recompute(): void {
    const m = this.movedModel();
    this.engine_ = new DistanceEngine(this.model_, this.ruleSets);
    for (const [id, [dx, dy]] of this.offsets) this.engine_.move(id, dx, dy);
    this.units = identifyMajorHazards(m);
    this.checks = this.engine_.run().checks;
    this.layout = checkLayout(m, this.ruleSets, this.units);
  }
}
