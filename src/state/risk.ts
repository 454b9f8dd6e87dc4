/**
 * The planner's risk study: the study file loaded, and what the risk sum (in a worker) made of it on
 * the layout as edited. A new study or an edit of the layout starts it again.
 */
import { create } from 'zustand';
import type { runRisk } from '../geo/risk/scenarioIO.ts';
import type { RiskReply, RiskRequest } from '../workers/risk.worker.ts';
import { stringifyLayout } from '../model/serialize.ts';
import { planner, usePlanner } from './planner.ts';

export interface RiskState {
  name: string | null;
  study: unknown;
  status: 'idle' | 'running' | 'done' | 'error';
  result: ReturnType<typeof runRisk> | null;
  error: string | null;
}

/** A risk-study store: one per app (the page's is `useRisk`). */
export const createRiskStore = () => create<RiskState>(() => ({ name: null, study: null, status: 'idle', result: null, error: null }));
export const useRisk = createRiskStore();

/** Runs studies in a worker, the newest run winning; one per page (`riskStudies`). */
export class RiskStudies {
  private worker: Worker | null = null;
  private seq = 0;

  constructor(private readonly store: ReturnType<typeof createRiskStore> = useRisk) {}

  /** Runs a study on a layout (its GeoJSON text); the newest run wins. */
  run(layout: string, study: unknown, name: string): void {
    this.worker?.terminate();
    const worker = new Worker(new URL('../workers/risk.worker.ts', import.meta.url), { type: 'module' });
    this.worker = worker;
    const mine = ++this.seq;
    this.store.setState({ name, study, status: 'running', error: null });
    worker.onmessage = (e: MessageEvent<RiskReply>) => {
      if (mine !== this.seq) return;
      if (e.data.ok) this.store.setState({ status: 'done', result: e.data.result, error: null });
      else this.store.setState({ status: 'error', result: null, error: e.data.error });
      worker.terminate();
      if (this.worker === worker) this.worker = null;
    };
    worker.onerror = (e) => mine === this.seq && this.store.setState({ status: 'error', result: null, error: e.message });
    worker.postMessage({ layout, study } satisfies RiskRequest);
  }

  clear(): void {
    this.worker?.terminate();
    this.worker = null;
    this.seq++;
    this.store.setState({ name: null, study: null, status: 'idle', result: null, error: null });
  }
}

export const riskStudies = new RiskStudies();
/** Runs a study on a layout (its GeoJSON text); the newest run wins. */
export const runRiskStudy = (layout: string, study: unknown, name: string) => riskStudies.run(layout, study, name);
export const clearRisk = () => riskStudies.clear();

// an edit of the layout (a tank dragged, a feature added, changed or removed, an import, an undo)
// runs the study again on the edited layout
usePlanner.subscribe((s, prev) => {
  if (s.offsets === prev.offsets && s.model === prev.model) return;
  const { study, name } = useRisk.getState();
  const layout = planner.editedLayout();
  if (study && name && layout) runRiskStudy(stringifyLayout(layout), study, name);
});
