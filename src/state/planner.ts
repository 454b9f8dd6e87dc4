/**
 * Planner state for the UI: the mode, the rule sets in use, the table's filter and sort, and what
 * the planning session (src/edit/plannerSession.ts: the moves, their undo, the engines' results)
 * has — copied into the store after each action so panels and views re-render.
 */
import { create } from 'zustand';
import type { DistanceCheck, DistanceEngine } from '../geo/compliance/distances.ts';
import { SHIPPED_RULE_SETS } from '../geo/compliance/ruleSets.ts';
import type { ParkModel } from '../model/model.ts';
import { EditError, type EditFeature, PlannerSession, type PlannerResults } from '../edit/plannerSession.ts';
import type { LayoutIssue } from '../model/validate.ts';

export type Mode = 'twin' | 'planner';

/** The UI's own state, and what the session has (PlannerResults). */
export interface PlannerState extends PlannerResults {
  /** A layout shown on the plant view but not applied yet (an import before it is accepted); null: none. */
  preview: ParkModel | null;
  mode: Mode;
  ruleSetIds: string[];
  filter: string;
  onlyViolations: boolean;
  sort: { key: keyof DistanceCheck; dir: 1 | -1 };
  setMode(mode: Mode): void;
  setFilter(filter: string): void;
  setOnlyViolations(v: boolean): void;
  setSort(key: keyof DistanceCheck): void;
}

/** A planner store: one per app (the page's is `usePlanner`; tests make their own). */
export const createPlannerStore = () =>
  create<PlannerState>((set) => ({
    model: null,
    preview: null,
    mode: 'twin',
    ruleSetIds: ['gb50160', 'gb50074'],
    offsets: new Map(),
    history: [],
    future: [],
    checks: [],
    units: [],
    layout: null,
    dragging: null,
    filter: '',
    onlyViolations: false,
    sort: { key: 'margin_m', dir: 1 },
    setMode: (mode) => set({ mode }),
    setFilter: (filter) => set({ filter }),
    setOnlyViolations: (onlyViolations) => set({ onlyViolations }),
    setSort: (key) => set((s) => ({ sort: { key, dir: s.sort.key === key ? (-s.sort.dir as 1 | -1) : 1 } })),
  }));
export const usePlanner = createPlannerStore();

/**
 * The planner's actions: each acts on the planning session and shows its results in the store. One
 * per page (`planner`); a test or a second view makes its own over its own store.
 */
export class Planner {
  private session_: PlannerSession | null = null;
  /** A model to open the session on when first needed (open(m, { later: true })). */
  private pending: ParkModel | null = null;

  constructor(private readonly store: ReturnType<typeof createPlannerStore> = usePlanner) {
    // the planner's mode shows the session's results: open a session put off
    store.subscribe((s, prev) => {
      if (s.mode === 'planner' && prev.mode !== 'planner') this.openPending();
    });
  }

  /** The session, opened now if it was put off. */
  private get session(): PlannerSession | null {
    this.openPending();
    return this.session_;
  }

  private ruleSets() {
    return this.store.getState().ruleSetIds.map((id) => SHIPPED_RULE_SETS[id]);
  }
  /** The store shows what the session has. */
  private show(): void {
    if (this.session) this.store.setState(this.session.results());
  }
  /**
   * Starts a planning session on a model (the park as loaded). `later`: not now — when `openPending()`
   * is called (the twin's first frame drawn), the planner's mode is chosen or anything asks for the
   * session, whichever comes first; until then the store shows no results.
   */
  open(m: ParkModel, opts: { later?: boolean } = {}): void {
    this.pending = m;
    if (!opts.later) this.openPending();
  }
  /** Opens the session put off by open(m, { later: true }), if any. */
  openPending(): void {
    const m = this.pending;
    if (!m) return;
    this.pending = null;
    this.session_ = new PlannerSession(m, this.ruleSets());
    this.store.setState({ preview: null });
    this.show();
  }
  get model(): ParkModel | null {
    return this.session?.model ?? null;
  }
  get engine(): DistanceEngine | null {
    return this.session?.engine ?? null;
  }
  setRuleSets(ids: string[]): void {
    this.store.setState({ ruleSetIds: ids });
    this.session?.setRuleSets(this.ruleSets());
    this.show();
  }
  beginDrag(id: string): void {
    this.session?.beginDrag(id);
    this.show();
  }
  /** Moves a feature to an absolute offset and re-checks it alone. */
  dragTo(id: string, dx: number, dy: number): void {
    this.session?.dragTo(id, dx, dy);
    this.show();
  }
  endDrag(): void {
    this.session?.endDrag();
    this.show();
  }
  undo(): void {
    if (this.session?.undo()) this.show();
  }
  redo(): void {
    if (this.session?.redo()) this.show();
  }
  /**
   * Adds or replaces features and removes others as one step of undo; the validator's lines when
   * the layout it makes does not validate (nothing changes then).
   */
  edit(features: readonly EditFeature[], remove: readonly string[] = []): LayoutIssue[] | null {
    if (!this.session) return null;
    try {
      this.session.edit(features, remove);
    } catch (e) {
      if (e instanceof EditError) return e.issues;
      throw e;
    }
    this.store.setState({ preview: null });
    this.show();
    return null;
  }
  /** How many times tryEdit validated a whole layout (a form's checks are counted by the tests). */
  layoutChecks = 0;
  /** What the layout would be with these features (validated; nothing applied): for a preview or a form's messages. */
  tryEdit(features: readonly EditFeature[], remove: readonly string[] = []): { model: ParkModel } | { issues: LayoutIssue[] } {
    if (!this.session) return { issues: [] };
    this.layoutChecks++;
    try {
      return { model: this.session.tryEdit(features, remove) };
    } catch (e) {
      if (e instanceof EditError) return { issues: e.issues };
      throw e;
    }
  }
  /** Shows a layout on the plant view without applying it (null: back to the edited one). */
  preview(m: ParkModel | null): void {
    this.store.setState({ preview: m });
  }
  /** The layout as edited, ready to save. */
  editedLayout() {
    return this.session?.editedLayout() ?? null;
  }
}

export const planner = new Planner();
