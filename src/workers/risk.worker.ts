/**
 * The risk sum off the main thread (a thin shell): a layout and a study in, the GeoJSON of
 * `runRisk` out — or the field and reason of what was wrong with the study.
 */
import { ScenarioError } from '../geo/risk/emergency.ts';
import { runRisk, ScenarioInputError } from '../geo/risk/scenarioIO.ts';
import { loadModel } from '../model/model.ts';

export type RiskRequest = { layout: string; study: unknown };
export type RiskReply = { ok: true; result: ReturnType<typeof runRisk> } | { ok: false; error: string };

self.onmessage = (e: MessageEvent<RiskRequest>) => {
  const r = loadModel(JSON.parse(e.data.layout), { owned: true });
  if (!r.ok) return self.postMessage({ ok: false, error: 'the layout is invalid' } satisfies RiskReply);
  try {
    self.postMessage({ ok: true, result: runRisk(r.model, e.data.study) } satisfies RiskReply);
  } catch (err) {
    if (err instanceof ScenarioInputError || err instanceof ScenarioError) self.postMessage({ ok: false, error: err.message } satisfies RiskReply);
    else self.postMessage({ ok: false, error: String(err) } satisfies RiskReply);
  }
};
