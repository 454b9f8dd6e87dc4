/**
 * Planner state for the UI: the mode, the rule sets in use, the table's filter and sort, and what
 * the planning session (src/edit/plannerSession.ts: the moves, their undo, the engines' results)
 * has — copied into the store after each action so panels and views re-render.
 */
import { create } from 'zustand';
import type { DistanceCheck, DistanceEngine } from '../geo/compliance/distances.ts';
import { SHIPPED_RULE_SETS } from '../geo/compliance/ruleSets.ts';
import type { ParkModel } from '../model/model.ts';
import { PlannerSession, type PlannerResults } from '../edit/plannerSession.ts';

export type Mode = 'twin' | 'planner';

/** The UI's own state, and what the session has (PlannerResults). */
export interface PlannerState extends PlannerResults {
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

export const usePlanner = create<PlannerState>((set) => ({
  mode: 'twin',
  ruleSetIds: ['gb50160', 'gb50074'],
  offsets: new Map(),
  history: [],
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

let session: PlannerSession | null = null;

const ruleSets = () => usePlanner.getState().ruleSetIds.map((id) => SHIPPED_RULE_SETS[id]);
/** The store shows what the session has. */
const show = () => session && usePlanner.setState(session.results());

export const planner = {
  /** Starts a planning session on a model (the park as loaded). */
  open(m: ParkModel): void {
    session = new PlannerSession(m, ruleSets());
    show();
  },
  get model(): ParkModel | null {
    return session?.model ?? null;
  },
  get engine(): DistanceEngine | null {
    return session?.engine ?? null;
  },
  setRuleSets(ids: string[]): void {
    usePlanner.setState({ ruleSetIds: ids });
    session?.setRuleSets(ruleSets());
    show();
  },
  beginDrag(id: string): void {
    session?.beginDrag(id);
    show();
  },
  /** Moves a feature to an absolute offset and re-checks it alone. */
  dragTo(id: string, dx: number, dy: number): void {
    session?.dragTo(id, dx, dy);
    show();
  },
  endDrag(): void {
    session?.endDrag();
    show();
  },
  undo(): void {
    if (session?.undo()) show();
  },
  /** The layout as edited, ready to save. */
  editedLayout() {
    return session?.editedLayout() ?? null;
  },
};
