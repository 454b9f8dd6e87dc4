/**
 * Planner state: the mode, the rule sets in use, the moves made (offsets in local metres) with their
 * undo history, and the results of the engines. The distance engine lives outside React; a drag
 * re-checks only the dragged feature (DistanceEngine.move + checksFor), the rest is recomputed when
 * the drag ends.
 */
import { create } from 'zustand';
import { DistanceEngine, sortChecks, type DistanceCheck } from '../geo/compliance/distances.ts';
import { checkLayout, type LayoutReport } from '../geo/compliance/layoutChecks.ts';
import { identifyMajorHazards, type HazardUnit } from '../geo/compliance/majorHazards.ts';
import { SHIPPED_RULE_SETS } from '../geo/compliance/ruleSets.ts';
import { loadModel, type ParkModel } from '../model/model.ts';
import { editedLayout } from '../report/planner.ts';

export type Mode = 'twin' | 'planner';
type Offset = readonly [number, number];

export interface PlannerState {
  mode: Mode;
  ruleSetIds: string[];
  offsets: ReadonlyMap<string, Offset>;
  history: ReadonlyMap<string, Offset>[];
  checks: DistanceCheck[];
  units: HazardUnit[];
  layout: LayoutReport | null;
  dragging: string | null;
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

let model: ParkModel | null = null;
let engine: DistanceEngine | null = null;

const ruleSets = () => usePlanner.getState().ruleSetIds.map((id) => SHIPPED_RULE_SETS[id]);

/** The model with the current moves applied (for the checks that are not incremental). */
function movedModel(): ParkModel {
  const offsets = usePlanner.getState().offsets;
  if (!model || offsets.size === 0) return model!;
  const r = loadModel(editedLayout(model, offsets));
  if (!r.ok) throw new Error('a move made the layout invalid');
  return r.model;
}

function recomputeAll(): void {
  if (!model) return;
  const m = movedModel();
  engine = new DistanceEngine(model, ruleSets());
  for (const [id, [dx, dy]] of usePlanner.getState().offsets) engine.move(id, dx, dy);
  const units = identifyMajorHazards(m);
  usePlanner.setState({ checks: engine.run().checks, units, layout: checkLayout(m, ruleSets(), units) });
}

export const planner = {
  /** Starts a planning session on a model (the park as loaded). */
  open(m: ParkModel): void {
    model = m;
    usePlanner.setState({ offsets: new Map(), history: [] });
    recomputeAll();
  },
  get model(): ParkModel | null {
    return model;
  },
  get engine(): DistanceEngine | null {
    return engine;
  },
  setRuleSets(ids: string[]): void {
    usePlanner.setState({ ruleSetIds: ids });
    recomputeAll();
  },
  beginDrag(id: string): void {
    const s = usePlanner.getState();
    usePlanner.setState({ dragging: id, history: [...s.history, s.offsets] });
  },
  /** Moves a feature to an absolute offset and re-checks it alone. */
  dragTo(id: string, dx: number, dy: number): void {
    if (!engine) return;
    const s = usePlanner.getState();
    const [ox, oy] = s.offsets.get(id) ?? [0, 0];
    engine.move(id, dx - ox, dy - oy);
    const offsets = new Map(s.offsets);
    offsets.set(id, [dx, dy]);
    const mine = engine.checksFor(id);
    const others = s.checks.filter((c) => c.from !== id && c.to !== id);
    usePlanner.setState({ offsets, checks: sortChecks([...others, ...mine]) });
  },
  endDrag(): void {
    usePlanner.setState({ dragging: null });
    recomputeAll();
  },
  undo(): void {
    const s = usePlanner.getState();
    if (!s.history.length) return;
    usePlanner.setState({ offsets: s.history[s.history.length - 1], history: s.history.slice(0, -1) });
    recomputeAll();
  },
  /** The layout as edited, ready to save. */
  editedLayout() {
    return model ? editedLayout(model, usePlanner.getState().offsets) : null;
  },
};
