/**
 * The planner's individual-risk tab: load a study (scenarios with yearly frequencies, weather, wind
 * rose), sum it in a worker on the layout as edited (the store runs it again after every edit), list the protected
 * targets against their GB 36894 limits, worst first, and the societal risk as an F–N curve against
 * GB 36894's criterion; the plant view draws the iso-risk lines.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParkModel } from '../model/model.ts';
import { displayName } from '../model/names.ts';
import { stringifyLayout } from '../model/serialize.ts';
import { planner } from '../state/planner.ts';
import { clearRisk, runRiskStudy, useRisk } from '../state/risk.ts';
import { useCamera } from '../state/camera.ts';
import { useSelection } from '../state/selection.ts';
import { download } from './common/download.ts';
import { RISK_SWATCHES } from '../scene/plant/palette.ts';
import { FnChart, type FnProps } from './FnChart.tsx';

type SocietalOut = FnProps & {
  people: number;
  region: 'intolerable' | 'alarp' | 'acceptable';
  worst: { n: number; f_per_yr: number; ratio_to_intolerable: number } | null;
  drivers: { scenario: string; share: number }[];
  among?: { group: string; share: number }[];
  pll_per_yr: number;
  max_deaths: number;
};

/** The study's societal risk: its region against GB 36894's F–N criterion, the curve, the PLL. */
function Societal({ s, model }: { s: SocietalOut; model: ParkModel }) {
  const { t, i18n } = useTranslation();
  const among = (s.among ?? [])
    .slice(0, 3)
    .map((g) => `${displayName(model.byId.get(g.group)?.props, i18n.language, g.group)} ${Math.round(g.share * 100)}%`)
    .join(', ');
  const drivers = s.drivers
    .slice(0, 3)
    .map((d) => `${d.scenario} ${Math.round(d.share * 100)}%`)
    .join(', ');
  return (
    <div className="societal" data-testid="societal" data-region={s.region}>
      <h4>{t('planner.risk.fn.title')}</h4>
      {s.worst ? (
        <>
          <p className={`fn-verdict ${s.region}`} data-testid="fn-verdict">
            {t('planner.risk.fn.verdict', { people: s.people, region: t(`planner.risk.fn.region.${s.region}`) })}
          </p>
          <p className="note">
            {t('planner.risk.fn.worst', { n: s.worst.n.toPrecision(3), f: sci(s.worst.f_per_yr), ratio: s.worst.ratio_to_intolerable.toPrecision(2), drivers })}
          </p>
          {among && (
            <p className="note" data-testid="fn-among">
              {t('planner.risk.fn.among', { groups: among })}
            </p>
          )}
          <p className="note">{t('planner.risk.fn.pll', { pll: sci(s.pll_per_yr), max: Math.round(s.max_deaths) })}</p>
        </>
      ) : (
        <p data-testid="fn-verdict">{t('planner.risk.fn.none', { people: s.people })}</p>
      )}
      <FnChart curve={s.curve} worst={s.worst} criterion={s.criterion} />
      <p className="note">{t('planner.risk.fn.unverified')}</p>
    </div>
  );
}

type TargetProps = { id: string; category: string; risk_per_yr: number; limit_per_yr: number; ok: boolean };

const sci = (v: number) => (v === 0 ? '0' : v.toExponential(1));

function flyToTarget(model: ParkModel, id: string) {
  const f = model.byId.get(id);
  useSelection.getState().select(id);
  if (f) useCamera.getState().flyTo(f.anchor, 900);
}

export function RiskTab({ model }: { model: ParkModel }) {
  const { t, i18n } = useTranslation();
  const r = useRisk();
  const targets = useMemo(
    () =>
      (r.result?.features ?? [])
        .filter((f) => f.properties?.type === 'target')
        .map((f) => f.properties as TargetProps)
        .sort((a, b) => b.risk_per_yr / b.limit_per_yr - a.risk_per_yr / a.limit_per_yr),
    [r.result],
  );
  const over = targets.filter((x) => !x.ok).length;
  const load = async (file: File | undefined) => {
    if (!file) return;
    let study: unknown;
    try {
      study = JSON.parse(await file.text());
    } catch (e) {
      useRisk.setState({ status: 'error', error: `${file.name}: not JSON: ${(e as Error).message}`, result: null });
      return;
    }
    runRiskStudy(stringifyLayout(planner.editedLayout()!), study, file.name);
  };
  const status = (r.result?.parktwin.status as 'new' | 'existing' | undefined) ?? 'new';
  return (
    <div className="risk" data-testid="risk-tab">
      <div className="planner-bar">
        <label>
          {t('planner.risk.load')}{' '}
          <input type="file" accept=".json,application/json" onChange={(e) => void load(e.target.files?.[0])} data-testid="risk-study" />
        </label>
        {r.result && (
          <button
            type="button"
            onClick={() =>
              download(`${(model.meta.name ?? 'park').replace(/[\\/:*?"<>| ]+/g, '_')}-risk.geojson`, 'application/geo+json', JSON.stringify(r.result))
            }
            data-testid="risk-export"
          >
            {t('planner.risk.export')}
          </button>
        )}
        {r.status !== 'idle' && (
          <button type="button" onClick={clearRisk} data-testid="risk-clear">
            {t('planner.risk.clear')}
          </button>
        )}
      </div>
      <p className="note">{t('planner.risk.hint')}</p>
      <p data-testid="risk-status" data-state={r.status} className={r.status === 'error' ? 'error' : ''} role={r.status === 'error' ? 'alert' : undefined}>
        {r.status === 'running' && t('planner.risk.running', { name: r.name })}
        {r.status === 'done' && t('planner.risk.done', { name: r.name, over, count: targets.length, status: t(`planner.risk.status.${status}`) })}
        {r.status === 'error' && r.error}
      </p>
      {r.status === 'done' && (
        <>
          <p className="note">
            {t('planner.risk.levels')}{' '}
            {RISK_SWATCHES.map(([level, color]) => (
              <span key={level} style={{ color, marginRight: 8 }}>
                ▬ {sci(level)}
              </span>
            ))}
          </p>
          <div className="table-wrap">
            <table className="checks">
              <thead>
                <tr>
                  <th>{t('planner.risk.col.target')}</th>
                  <th>{t('planner.risk.col.category')}</th>
                  <th>{t('planner.risk.col.risk')}</th>
                  <th>{t('planner.risk.col.limit')}</th>
                </tr>
              </thead>
              <tbody>
                {targets.map((x) => (
                  <tr
                    key={x.id}
                    className={x.ok ? '' : 'bad'}
                    onClick={() => flyToTarget(model, x.id)}
                    data-testid="risk-row"
                    data-id={x.id}
                    data-ok={String(x.ok)}
                  >
                    <td title={x.id}>{displayName(model.byId.get(x.id)?.props, i18n.language, x.id)}</td>
                    <td>{t(`planner.risk.category.${x.category}`)}</td>
                    <td className="n">{sci(x.risk_per_yr)}</td>
                    <td className="n">{sci(x.limit_per_yr)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {r.result?.parktwin.societal ? <Societal s={r.result.parktwin.societal as SocietalOut} model={model} /> : null}
        </>
      )}
    </div>
  );
}
