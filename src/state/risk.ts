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

export const useRisk = create<RiskState>(() => ({ name: null, study: null, status: 'idle', result: null, error: null }));

let worker: Worker | null = null;
let seq = 0;

/** Runs a study on a layout (its GeoJSON text); the newest run wins. */
export function runRiskStudy(layout: string, study: unknown, name: string): void {
  worker?.terminate();
  worker = new Worker(new URL('../workers/risk.worker.ts', import.meta.url), { type: 'module' });
  const mine = ++seq;
  useRisk.setState({ name, study, status: 'running', error: null });
  worker.onmessage = (e: MessageEvent<RiskReply>) => {
    if (mine !== seq) return;
    if (e.data.ok) useRisk.setState({ status: 'done', result: e.data.result, error: null });
    else useRisk.setState({ status: 'error', result: null, error: e.data.error });
    worker?.terminate();
    worker = null;
  };
  worker.onerror = (e) => mine === seq && useRisk.setState({ status: 'error', result: null, error: e.message });
  worker.postMessage({ layout, study } satisfies RiskRequest);
}

export function clearRisk(): void {
  worker?.terminate();
  worker = null;
  seq++;
  useRisk.setState({ name: null, study: null, status: 'idle', result: null, error: null });
}

// an edit of the layout (a tank dragged) runs the study again on the edited layout
usePlanner.subscribe((s, prev) => {
  if (s.offsets === prev.offsets) return;
  const { study, name } = useRisk.getState();
  const layout = planner.editedLayout();
  if (study && name && layout) runRiskStudy(stringifyLayout(layout), study, name);
});
