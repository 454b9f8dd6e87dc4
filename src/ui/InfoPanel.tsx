/**
 * The info panel of the selected feature: every property, and the three responsible persons of an
 * installation that can be part of a major hazard source.
 */
import { useTranslation } from 'react-i18next';
import type { ParkModel } from '../model/model.ts';
import { SupervisionPanel } from './SupervisionPanel.tsx';
import { useCamera } from '../state/camera.ts';
import { usePlanner } from '../state/planner.ts';
import { useSelection } from '../state/selection.ts';
import { SensorLive, WatchedBy } from './command/LivePanels.tsx';
import { displayName } from '../model/names.ts';
import { findSubstance } from '../data/substances.ts';

/** A property's value in the page's language: enumerated values, yes/no, substances and feature ids by their names. */
function useFormatValue(model: ParkModel) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  const fmt = (key: string, v: unknown): string => {
    if (Array.isArray(v)) return v.map((x) => fmt(key, x)).join(', ');
    if (typeof v === 'boolean') return t(`propValue.${v}`);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.substance === 'string' && typeof o.inventory_t === 'number') return `${fmt('substance', o.substance)} ${o.inventory_t} t`;
      return Object.entries(o)
        .map(([k, x]) => `${k} ${String(x)}`)
        .join(', ');
    }
    if (typeof v !== 'string') return String(v);
    if (key === 'substance') {
      const s = findSubstance(v);
      return s ? (zh ? s.name_zh : s.id.replaceAll('_', ' ')) : v;
    }
    const f = model.byId.get(v);
    if (f && key !== 'type') return displayName(f.props, i18n.language, v);
    return t(`propValue.${key}.${v}`, { defaultValue: v });
  };
  return fmt;
}

export function InfoPanel({ model }: { model: ParkModel }) {
  const { t, i18n } = useTranslation();
  const formatValue = useFormatValue(model);
  const id = useSelection((s) => s.selectedId);
  const select = useSelection((s) => s.select);
  const units = usePlanner((s) => s.units);
  const f = id ? model.byId.get(id) : undefined;
  const unit = f ? units.find((u) => u.unit === f.id || u.members.includes(f.id)) : undefined;
  if (!f) return <aside className="info info-empty">{t('panel.noSelection')}</aside>;
  const { responsible, kind, id: _id, name, name_en, ...rest } = f.props as Record<string, unknown>;
  const title = displayName({ name, name_en }, i18n.language, '') || undefined;
  const r = responsible as { principal: string; technical: string; operational: string } | undefined;
  return (
    <aside className="info" data-testid="info-panel" data-feature={f.id}>
      <header>
        <div className="kind">{t(`kind.${kind as string}`)}</div>
        <h2>{title ?? f.id}</h2>
        <div className="fid">{f.id}</div>
        <button type="button" className="close" onClick={() => select(null)} aria-label={t('panel.close')}>
          ×
        </button>
        <button type="button" className="fly" onClick={() => useCamera.getState().flyTo(f.anchor, 250)} data-testid="fly-to">
          {t('panel.flyTo')}
        </button>
      </header>
      {f.kind === 'sensor' && <SensorLive model={model} sensorId={f.id} />}
      {f.kind === 'enterprise' && <SupervisionPanel enterprise={f.id} />}
      <WatchedBy model={model} id={f.id} />
      {unit && (
        <section data-testid="major-hazard">
          <h3>{t('panel.majorHazard')}</h3>
          <dl>
            <dt>{t('panel.unit')}</dt>
            <dd>{unit.unit}</dd>
            <dt>{t('panel.grade')}</dt>
            <dd className={unit.grade ? `grade g${unit.grade}` : ''}>{unit.grade ? t('planner.grade', { g: unit.grade }) : t('panel.notMajor')}</dd>
            <dt>S</dt>
            <dd>{unit.S.toFixed(2)}</dd>
            <dt>R</dt>
            <dd>{unit.R.toFixed(1)}</dd>
            <dt>α</dt>
            <dd data-testid="alpha">
              {unit.alpha} ({t('panel.population500', { n: unit.population_500m })},{' '}
              {unit.enterprise
                ? t('panel.alphaFromPlant', { e: displayName(model.byId.get(unit.enterprise)?.props, i18n.language, unit.enterprise) })
                : t('panel.alphaFromUnit')}
              )
            </dd>
          </dl>
          <h4>{t('panel.substances')}</h4>
          <ul className="basis" data-testid="unit-substances">
            {unit.substances.map((s) => (
              <li key={s.substance} className={s.verified ? '' : 'unverified'}>
                {s.substance}: {s.q_t} t / {s.Q_t} t, β {s.beta} — <small>{s.basis}</small>
              </li>
            ))}
          </ul>
          {unit.notes.length > 0 && (
            <>
              <h4>{t('panel.notes')}</h4>
              <ul className="notes">
                {unit.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      {r && (
        <section>
          <h3>{t('panel.responsible')}</h3>
          <dl>
            <dt>{t('panel.principal')}</dt>
            <dd>{r.principal}</dd>
            <dt>{t('panel.technical')}</dt>
            <dd>{r.technical}</dd>
            <dt>{t('panel.operational')}</dt>
            <dd>{r.operational}</dd>
          </dl>
        </section>
      )}
      <section>
        <h3>{t('panel.properties')}</h3>
        <dl>
          {Object.entries(rest).map(([k, v]) => (
            <div key={k} className="row" data-prop={k}>
              <dt>{t(`prop.${k}`, { defaultValue: k })}</dt>
              <dd>{formatValue(k, v)}</dd>
            </div>
          ))}
        </dl>
      </section>
    </aside>
  );
}
