/**
 * The planner's panel: the table of distance checks (sortable, filterable; a row flies to the pair),
 * the major hazard units with S, R and grade, the layout findings, the rule sets in use, undo, saving
 * the edited layout and exporting the report (CSV, GeoJSON, printable HTML), and the individual-risk
 * study (RiskTab).
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DistanceCheck } from '../geo/compliance/distances.ts';
import { SHIPPED_RULE_SETS } from '../geo/compliance/ruleSets.ts';
import type { ParkModel } from '../model/model.ts';
import { stringifyLayout } from '../model/serialize.ts';
import { checksCsv, checksGeoJSON, reportHtml } from '../report/planner.ts';
import { marginColor } from '../scene/plant/palette.ts';
import { useCamera } from '../state/camera.ts';
import { planner, usePlanner } from '../state/planner.ts';
import { useSelection } from '../state/selection.ts';
import { download } from './common/download.ts';
import { findingText } from './findingText.ts';
import { RiskTab } from './RiskTab.tsx';
import { SaveVersion, VersionsTab } from './VersionsTab.tsx';
import { EditTab } from './EditTab.tsx';

function flyToPair(model: ParkModel, c: DistanceCheck) {
  const a = model.byId.get(c.from);
  const b = model.byId.get(c.to);
  if (!a || !b) return;
  const offsets = usePlanner.getState().offsets;
  const pa = [a.anchor[0] + (offsets.get(a.id)?.[0] ?? 0), a.anchor[1] + (offsets.get(a.id)?.[1] ?? 0)];
  const pb = [b.anchor[0] + (offsets.get(b.id)?.[0] ?? 0), b.anchor[1] + (offsets.get(b.id)?.[1] ?? 0)];
  const span = Math.hypot(pa[0] - pb[0], pa[1] - pb[1]);
  useSelection.getState().select(c.from);
  useCamera.getState().flyTo([(pa[0] + pb[0]) / 2, (pa[1] + pb[1]) / 2], Math.max(120, span * 2.5));
}

type Tab = 'checks' | 'hazards' | 'findings' | 'risk' | 'edit' | 'versions';

/** A rule id that may break after its dots (gb50160.t6.2.8.floating-roof), so the table fits the panel. */
function breakable(id: string) {
  return id.split('.').map((part, i) => (i === 0 ? part : ['.', <wbr key={String(i)} />, part]));
}

export function PlannerPanel({ model }: { model: ParkModel }) {
  const { t, i18n } = useTranslation();
  const [tab, setTab] = useState<Tab>('checks');
  const s = usePlanner();
  const rows = useMemo(() => {
    const f = s.filter.trim().toLowerCase();
    const list = s.checks.filter(
      (c) => (!s.onlyViolations || !c.ok) && (!f || c.from.toLowerCase().includes(f) || c.to.toLowerCase().includes(f) || c.rule.toLowerCase().includes(f)),
    );
    const k = s.sort.key;
    return [...list].sort((a, b) => {
      const x = a[k];
      const y = b[k];
      return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * s.sort.dir;
    });
  }, [s.checks, s.filter, s.onlyViolations, s.sort]);
  const violations = s.checks.filter((c) => !c.ok).length;
  const exportName = (model.meta.name ?? 'park').replace(/[\\/:*?"<>| ]+/g, '_');

  const header = (key: keyof DistanceCheck, label: string) => (
    <th onClick={() => s.setSort(key)} className={s.sort.key === key ? 'sorted' : ''}>
      {label}
      {s.sort.key === key ? (s.sort.dir === 1 ? ' ▲' : ' ▼') : ''}
    </th>
  );

  return (
    <aside className="planner" data-testid="planner-panel">
      <div className="planner-bar">
        <span className="summary" data-testid="planner-summary">
          {t('planner.summary', { checks: s.checks.length, violations })}
        </span>
        <button type="button" onClick={() => planner.undo()} disabled={!s.history.length} data-testid="undo">
          {t('planner.undo')}
        </button>
        <button type="button" onClick={() => planner.redo()} disabled={!s.future.length} data-testid="redo">
          {t('planner.redo')}
        </button>
        <button
          type="button"
          onClick={() => download(`${exportName}.geojson`, 'application/geo+json', stringifyLayout(planner.editedLayout()!))}
          data-testid="save-layout"
        >
          {t('planner.save')}
        </button>
      </div>
      <div className="planner-bar">
        <span>{t('planner.export')}</span>
        <button
          type="button"
          onClick={() => download(`${exportName}-distances.csv`, 'text/csv', checksCsv(s.checks, i18n.language.startsWith('zh') ? 'zh-CN' : 'en'))}
          data-testid="export-csv"
        >
          CSV
        </button>
        <button
          type="button"
          onClick={() =>
            planner.engine && download(`${exportName}-distances.geojson`, 'application/geo+json', JSON.stringify(checksGeoJSON(planner.engine, s.checks)))
          }
          data-testid="export-geojson"
        >
          GeoJSON
        </button>
        <button
          type="button"
          data-testid="export-html"
          onClick={() =>
            s.layout &&
            download(
              `${exportName}-report.html`,
              'text/html',
              reportHtml({
                title: `${model.meta.name ?? ''} — ${t('planner.reportTitle')}`,
                generatedAt: new Date().toISOString(),
                ruleSets: s.ruleSetIds,
                checks: s.checks,
                units: s.units,
                layout: s.layout,
                moved: [...s.offsets.keys()],
                lang: i18n.language.startsWith('zh') ? 'zh-CN' : 'en',
                findingText: (f) => findingText(f, model, t, i18n.language),
              }),
            )
          }
        >
          HTML
        </button>
      </div>
      <SaveVersion />
      <div className="planner-bar rulesets">
        {Object.values(SHIPPED_RULE_SETS).map((rs) => (
          <label key={rs.ruleset} title={rs.title}>
            <input
              type="checkbox"
              checked={s.ruleSetIds.includes(rs.ruleset)}
              onChange={(e) => planner.setRuleSets(e.target.checked ? [...s.ruleSetIds, rs.ruleset] : s.ruleSetIds.filter((x) => x !== rs.ruleset))}
            />
            {/* the standard's number, as people cite it (GB 50160-2008), not the rule set's id */}
            {rs.title.match(/^(GB(?:\/T)? \d+(?:\.\d+)?-\d{4}|NFPA \d+)/)?.[1] ?? rs.ruleset}
          </label>
        ))}
      </div>
      <nav className="tabs">
        {(['checks', 'hazards', 'findings', 'risk', 'edit', 'versions'] as Tab[]).map((k) => (
          <button type="button" key={k} className={tab === k ? 'active' : ''} onClick={() => setTab(k)} data-testid={`tab-${k}`}>
            {t(`planner.tab.${k}`)}
          </button>
        ))}
      </nav>
      {tab === 'checks' && (
        <>
          <div className="planner-bar">
            <input placeholder={t('planner.filter')} value={s.filter} onChange={(e) => s.setFilter(e.target.value)} data-testid="check-filter" />
            <label>
              <input type="checkbox" checked={s.onlyViolations} onChange={(e) => s.setOnlyViolations(e.target.checked)} data-testid="only-violations" />
              {t('planner.onlyViolations')}
            </label>
          </div>
          <div className="table-wrap">
            <table className="checks">
              <thead>
                <tr>
                  {header('from', t('planner.col.from'))}
                  {header('to', t('planner.col.to'))}
                  {header('rule', t('planner.col.rule'))}
                  {header('required_m', t('planner.col.required'))}
                  {header('actual_m', t('planner.col.actual'))}
                  {header('margin_m', t('planner.col.margin'))}
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, 500).map((c) => (
                  <tr
                    key={`${c.rule}|${c.from}|${c.to}`}
                    onClick={() => flyToPair(model, c)}
                    className={c.ok ? '' : 'bad'}
                    data-testid="check-row"
                    data-from={c.from}
                    data-to={c.to}
                    data-rule={c.rule}
                    data-ok={String(c.ok)}
                    data-actual={c.actual_m}
                    title={c.citation}
                  >
                    <td>{c.from}</td>
                    <td>{c.to}</td>
                    <td className="rule">
                      {breakable(c.rule)}
                      {c.verified ? '' : ' *'}
                    </td>
                    <td className="n">{c.required_m.toFixed(1)}</td>
                    <td className="n">{c.actual_m.toFixed(1)}</td>
                    <td className="n" style={{ color: marginColor(c) }}>
                      {c.margin_m.toFixed(1)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {rows.length > 500 && <p className="more">{t('planner.more', { n: rows.length - 500 })}</p>}
            <p className="note">{t('planner.unverifiedNote')}</p>
          </div>
        </>
      )}
      {tab === 'hazards' && (
        <div className="table-wrap">
          <table className="checks" data-testid="hazard-table">
            <thead>
              <tr>
                <th>{t('planner.col.unit')}</th>
                <th>{t('planner.col.grade')}</th>
                <th>S</th>
                <th>R</th>
                <th>α</th>
              </tr>
            </thead>
            <tbody>
              {s.units
                .filter((u) => u.grade !== null)
                .map((u) => (
                  <tr
                    key={u.unit}
                    onClick={() => useSelection.getState().select(u.unit)}
                    data-testid="hazard-row"
                    data-unit={u.unit}
                    data-grade={u.grade ?? ''}
                  >
                    <td>{u.unit}</td>
                    <td className={`grade g${u.grade}`}>{t('planner.grade', { g: u.grade })}</td>
                    <td className="n">{u.S.toFixed(2)}</td>
                    <td className="n">{u.R.toFixed(1)}</td>
                    <td className="n">{u.alpha}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
      {tab === 'risk' && <RiskTab model={model} />}
      {tab === 'edit' && <EditTab />}
      {tab === 'versions' && <VersionsTab />}
      {tab === 'findings' && (
        <ul className="findings" data-testid="findings">
          {(s.layout?.findings ?? []).map((f, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the findings list is rebuilt whole on every check run; a finding has no id of its own
            // biome-ignore lint/a11y/useKeyWithClickEvents: a pointer shortcut; the same features are reachable by keyboard from the distances table
            <li key={i} className={f.severity} onClick={() => useSelection.getState().select(f.ids[0])} data-check={f.check}>
              <b>{f.check}</b> <span className="ids">{f.ids.join(', ')}</span>
              <div title={f.message}>{findingText(f, model, t, i18n.language)}</div>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
