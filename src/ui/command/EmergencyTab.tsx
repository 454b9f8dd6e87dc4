/**
 * The emergency view's panel: pick an installation and a scenario; see its footprints in the
 * current weather, who is inside and where they should go, the protected targets reached, the
 * threat at the selected place, resources within reach, and gas detectors against the model.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { findSubstance } from '../../data/substances.ts';
import { HAZARD_SUBSTANCES } from '../../geo/hazards/substances.ts';
import { POOL_FIRE_SETS, type PoolFireSet } from '../../geo/hazards/fire.ts';
import { isLeak, SCENARIO_KINDS, threatOverTime, type ScenarioKind } from '../../geo/risk/emergency.ts';
import { scenarioGeoJson } from '../../geo/risk/scenarioIO.ts';
import type { Note } from '../../geo/notes.ts';
import type { ParkModel } from '../../model/model.ts';
import { useCamera } from '../../state/camera.ts';
import { clearScenario, computeEmergency, DEFAULT_WEATHER, setElapsed, startScenario, useEmergency, type EmergencyInput } from '../../state/emergency.ts';
import { drillUrl, useDrill, type DrillInfo } from '../../state/drill.ts';
import { api } from '../../net/api.ts';
import { liveBuffers, useLive } from '../../state/live.ts';
import { useSelection } from '../../state/selection.ts';
import { useRoutes } from '../../state/registers.ts';
import type { ActiveRoute } from '../../protocol/registers.ts';
import { useFormat } from '../common/hooks.ts';
import { displayName } from '../../model/names.ts';
import { download } from '../common/download.ts';

const fly = (x: number, y: number, d = 400) => useCamera.getState().flyTo([x, y], d);

export function EmergencyTab({ model }: { model: ParkModel }) {
  const { t, i18n } = useTranslation();
  // a note in the user's language; in Chinese the substance by its Chinese name from the substance table,
  // and a σ set by the name its authors gave it rather than its id
  const say = (n: Note) => {
    const sub = n.params.substance;
    const zh = i18n.language.startsWith('zh') && typeof sub === 'string' ? findSubstance(sub)?.name_zh : undefined;
    const sigma = typeof n.params.sigma === 'string' ? t(`emergency.sigma.${n.params.sigma}`, { defaultValue: n.params.sigma }) : undefined;
    return t(`emergency.notes.${n.key}`, { ...n.params, ...(zh ? { substance: zh } : {}), ...(sigma ? { sigma } : {}) });
  };
  const fmt = useFormat();
  const selected = useSelection((s) => s.selectedId);
  const place = useSelection((s) => s.place);
  const { input, result, assessment, groups, error, weather } = useEmergency();
  const [source, setSource] = useState(input?.source ?? '');
  const [kind, setKind] = useState<ScenarioKind>(input?.kind ?? 'toxic-leak');
  const [amount, setAmount] = useState('');
  const [leakBy, setLeakBy] = useState<'rate' | 'hole'>('rate');
  const [pressure, setPressure] = useState('');
  const [fireSet, setFireSet] = useState<PoolFireSet>('ccps');
  const leakKind = isLeak(kind);
  const byHole = leakKind && leakBy === 'hole';
  const [substance, setSubstance] = useState('');
  const [atPlace, setAtPlace] = useState(false);
  // a hazchem truck in the park as the source: its cargo by the waybill, where it is now
  const routes = useRoutes((s) => s.routes);
  const truck = selected ? routes.find((r) => r.subject === selected) : undefined;
  const [cargo, setCargo] = useState<string | null>(null);
  const cargoAt = (): [number, number] | undefined => {
    const p = cargo ? liveBuffers.positions.get(cargo) : undefined;
    if (!p) return undefined;
    const q = model.frame.toLocal([p.lon, p.lat]);
    return [q[0], q[1]];
  };
  const takeCargo = (r: ActiveRoute) => {
    const id = findSubstance(r.substance)?.id;
    setSubstance(id && HAZARD_SUBSTANCES.some((h) => h.id === id) ? id : '');
    setCargo(r.subject);
    setSource('');
    setAtPlace(false);
    if (kind === 'bleve' || kind === 'vce') setAmount(String(r.quantity_t * 1000));
  };
  const canRun = !!source || (!!substance && (!!cargoAt() || (atPlace && !!place)));
  useEffect(() => {
    if (!input && selected && model.byId.get(selected)?.props && (model.byId.get(selected)!.props as { substance?: string }).substance) setSource(selected);
  }, [selected, input, model]);
  // the live world changes: recompute every 2 s and when the weather changes
  const status = useLive((s) => s.status);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new weather report is the trigger to recompute at once
  useEffect(() => {
    if (!input) return;
    computeEmergency(model);
    const timer = setInterval(() => computeEmergency(model), 2000);
    return () => clearInterval(timer);
  }, [input, model, status?.weather?.t]);
  const user = useLive((s) => s.user);
  const drillId = useDrill((s) => s.id);
  const [drills, setDrills] = useState<DrillInfo[]>([]);
  const [drillError, setDrillError] = useState<string | null>(null);
  useEffect(() => {
    if (!user || drillId) return;
    void api('GET /api/drills').then((r) => setDrills(r.ok ? r.data : []));
  }, [user, drillId]);
  /** The scenario the form describes, in local metres and without the weather (the live one applies). */
  const formScenario = (): EmergencyInput => {
    const v = Number(amount);
    const p = Number(pressure);
    const extra =
      amount === '' || !(v > 0)
        ? {}
        : kind === 'pool-fire'
          ? { diameter_m: v }
          : kind === 'vce' || kind === 'bleve'
            ? { mass_kg: v }
            : byHole
              ? { hole_mm: v, ...(pressure !== '' && p >= 0 ? { gauge_pressure_kPa: p } : {}) }
              : { rate_kg_s: v };
    const set = kind === 'pool-fire' && fireSet !== 'ccps' ? { fire_correlations: fireSet } : {};
    const at = cargoAt() ?? (atPlace && place ? place : undefined);
    return { kind, source: at && substance ? '' : source, ...(at ? { at } : {}), ...(substance ? { substance } : {}), ...extra, ...set };
  };
  /** The same as a scenario file gives it (lon/lat, the weather now): what a drill is started with. */
  const scenarioFile = () => {
    const { at, source: src, ...rest } = formScenario();
    const w = useLive.getState().status?.weather ?? DEFAULT_WEATHER;
    return {
      ...rest,
      ...(at ? { at_lnglat: model.frame.toLngLat([at[0], at[1]]) } : { source: src }),
      weather: { wind_speed_m_s: w.wind_speed_m_s, wind_from_deg: w.wind_from_deg, stability: w.stability },
    };
  };
  const runDrill = async () => {
    setDrillError(null);
    const r = await api('POST /api/drills', { body: { scenario: scenarioFile() } });
    if (r.ok) window.location.assign(drillUrl(r.data.id));
    else setDrillError(r.error);
  };
  const run = () => {
    const scenario = formScenario();
    const at = scenario.at;
    startScenario(model, scenario);
    const where = at ?? model.byId.get(source)?.anchor;
    const reach = Math.max(300, ...(useEmergency.getState().result?.footprints ?? []).map((fp) => fp.reach_m));
    if (where) fly(where[0], where[1], Math.min(20_000, reach * 1.6));
  };
  // the place clicked (on open ground, or on a feature), else the selected feature or person
  const sel = !result
    ? undefined
    : (place ??
      (selected && selected !== result.scenario.source
        ? (model.byId.get(selected)?.anchor ??
          (liveBuffers.positions.get(selected)
            ? model.frame.toLocal([liveBuffers.positions.get(selected)!.lon, liveBuffers.positions.get(selected)!.lat])
            : undefined))
        : undefined));
  const selName = selected ?? t('emergency.place');
  // one model for the threat now and over time
  const overTime = sel && result ? threatOverTime(model, result, sel) : null;
  const threat = overTime?.now ?? null;
  /** A footprint's level as read (ERPG-3, IDLH, a fire's 12.5 kW/m²) and with its value when its name is not it. */
  const levelName = (f: { label: string }) => t(`emergency.level.${f.label}`, { defaultValue: f.label });
  const levelText = (f: { label: string; threshold: number; unit: string }) =>
    f.label === `${f.threshold} ${f.unit}` ? levelName(f) : `${levelName(f)} (${f.threshold} ${f.unit})`;
  const clock = (s_: number) => (s_ >= 60 ? t('emergency.minutes', { n: fmt.num(s_ / 60, 0) }) : t('emergency.seconds', { n: fmt.num(s_, 0) }));
  return (
    <div className="tab-emergency">
      <div className="toolbar">
        <input
          value={source}
          onChange={(e) => setSource(e.target.value)}
          placeholder={t('emergency.source')}
          aria-label={t('emergency.source')}
          data-testid="em-source"
        />
        <select value={kind} onChange={(e) => setKind(e.target.value as ScenarioKind)} data-testid="em-kind" aria-label={t('emergency.kind')}>
          {SCENARIO_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`emergency.kinds.${k}`)}
            </option>
          ))}
        </select>
        {leakKind && (
          <select
            value={leakBy}
            onChange={(e) => setLeakBy(e.target.value as 'rate' | 'hole')}
            data-testid="em-leak-by"
            aria-label={t('emergency.leakBy.hole')}
          >
            <option value="rate">{t('emergency.leakBy.rate')}</option>
            <option value="hole">{t('emergency.leakBy.hole')}</option>
          </select>
        )}
        <input
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          placeholder={byHole ? t('emergency.hole') : t(`emergency.amount.${kind}`)}
          aria-label={t(`emergency.amount.${kind}`)}
          data-testid="em-amount"
          size={8}
        />
        {kind === 'pool-fire' && (
          <select
            value={fireSet}
            onChange={(e) => setFireSet(e.target.value as PoolFireSet)}
            data-testid="em-fire-set"
            aria-label={t('emergency.fireSet.label')}
          >
            {POOL_FIRE_SETS.map((k) => (
              <option key={k} value={k}>
                {t(`emergency.fireSet.${k}`)}
              </option>
            ))}
          </select>
        )}
        {byHole && (
          <input
            value={pressure}
            onChange={(e) => setPressure(e.target.value)}
            placeholder={t('emergency.pressure')}
            aria-label={t('emergency.pressure')}
            data-testid="em-pressure"
            size={12}
          />
        )}
        <select value={substance} onChange={(e) => setSubstance(e.target.value)} data-testid="em-substance" aria-label={t('emergency.substance')}>
          <option value="">{t('emergency.substanceOfSource')}</option>
          {HAZARD_SUBSTANCES.map((h) => (
            <option key={h.id} value={h.id}>
              {i18n.language.startsWith('zh') ? h.name_zh : h.id.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
        {place && (
          <label className="hint">
            <input type="checkbox" checked={atPlace} onChange={(e) => setAtPlace(e.target.checked)} data-testid="em-at-place" /> {t('emergency.atPlace')}
          </label>
        )}
        {truck && (
          <button type="button" onClick={() => takeCargo(truck)} data-testid="em-cargo" className={cargo === truck.subject ? 'active' : ''}>
            {t('emergency.cargo', { plate: truck.vehicle, substance: truck.substance, q: fmt.num(truck.quantity_t, 1) })}
          </button>
        )}
        {cargo && (
          <span className="hint" data-testid="em-cargo-chosen">
            {t('emergency.cargoChosen', { subject: cargo })}{' '}
            <button type="button" className="link" onClick={() => setCargo(null)}>
              ×
            </button>
          </span>
        )}
        <button type="button" onClick={run} disabled={!canRun} data-testid="em-run">
          {t('emergency.run')}
        </button>
        {!drillId && (user?.role === 'trainer' || user?.role === 'admin') && (
          <button type="button" onClick={() => void runDrill()} disabled={!canRun} data-testid="em-drill">
            {t('drill.run')}
          </button>
        )}
        {input && (
          <button type="button" onClick={clearScenario} data-testid="em-clear">
            {t('emergency.clear')}
          </button>
        )}
        {result && (
          <button
            type="button"
            onClick={() =>
              download(
                `scenario-${result.scenario.kind}-${result.scenario.source || 'place'}.geojson`,
                'application/geo+json',
                JSON.stringify(scenarioGeoJson(model, result, assessment ?? undefined)),
              )
            }
            data-testid="em-export"
          >
            {t('emergency.export')}
          </button>
        )}
      </div>
      {drillError && (
        <p className="error" role="alert" data-testid="drill-error">
          {t('drill.failed', { error: drillError })}
        </p>
      )}
      {!drillId && drills.length > 0 && (
        <p className="hint drills-running" data-testid="drills-running">
          {t('drill.running')}
          {drills.map((d) => (
            <a key={d.id} href={drillUrl(d.id)} data-testid="drill-join">
              {t(`emergency.kinds.${String(d.scenario.kind)}`)} · {String(d.scenario.source ?? '')} ({t('drill.by', { name: d.by })}) — {t('drill.join')}
            </a>
          ))}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {say(error)}
        </p>
      )}
      {weather && input && (
        <p className="hint">
          {t('emergency.weather', {
            speed: weather.wind_speed_m_s,
            dir: weather.wind_from_deg,
            stability: weather.stability,
            source: t(`emergency.weatherSource.${weather.source}`, { defaultValue: weather.source }),
          })}
        </p>
      )}
      {result && assessment && (
        <>
          {result.release && (
            <p className="hint" data-testid="em-release">
              {say(result.release)}
            </p>
          )}
          <p className="hint" data-testid="em-basis">
            {say(result.basis)}
          </p>
          {result.warnings.map((w) => (
            <p key={w.key} className="warn" data-testid="em-warning">
              ⚠ {say(w)}
            </p>
          ))}
          {isLeak(result.scenario.kind) && (
            <p className="hint">
              <label>
                {t('emergency.elapsed')}{' '}
                <select
                  value={input?.elapsed_s ?? ''}
                  onChange={(e) => setElapsed(model, e.target.value === '' ? undefined : Number(e.target.value))}
                  data-testid="em-elapsed"
                >
                  <option value="">{t('emergency.steady')}</option>
                  {[1, 2, 5, 10, 15, 30, 60].map((m) => (
                    <option key={m} value={m * 60}>
                      {t('emergency.minutes', { n: m })}
                    </option>
                  ))}
                </select>
              </label>
              {result.front_m !== null && <span data-testid="em-front"> {t('emergency.front', { x: fmt.num(result.front_m, 0) })}</span>}
              {result.tail_m !== null && <span data-testid="em-tail">{t('emergency.tail', { x: fmt.num(result.tail_m, 0) })}</span>}
            </p>
          )}
          <h4>{t('emergency.footprints')}</h4>
          <ul>
            {result.footprints.map((f) => (
              <li key={f.level} data-testid="footprint" className={`fp fp-${f.level}`}>
                <i className="swatch" /> {levelText(f)}: {fmt.num(f.reach_m, 0)} m
              </li>
            ))}
          </ul>
          {threat && <p data-testid="em-threat">{t('emergency.threatAt', { id: selName, value: fmt.num(threat.value, 2), unit: threat.unit })}</p>}
          {overTime && threat && threat.value > 0 && (
            <table className="em-over-time" data-testid="em-over-time">
              <caption>
                {overTime.arrival_s > 0 ? t('emergency.arrives', { time: clock(overTime.arrival_s) }) : t('emergency.atOnce')}
                {overTime.probit && ` · ${t(`emergency.probit.${overTime.probit}`)}`}
              </caption>
              <thead>
                <tr>
                  <th>{t('emergency.time')}</th>
                  <th>{overTime.unit}</th>
                  {overTime.probit && <th>{t('emergency.death')}</th>}
                </tr>
              </thead>
              <tbody>
                {overTime.points.map((q) => (
                  <tr key={q.t_s}>
                    <td>{clock(q.t_s)}</td>
                    <td>{fmt.num(q.value, 2)}</td>
                    {overTime.probit && <td>{q.death === null ? '—' : `${fmt.num(q.death * 100, q.death < 0.01 && q.death > 0 ? 2 : 0)} %`}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h4>{t('emergency.who')}</h4>
          {groups.length === 0 ? (
            <p data-testid="em-groups-none">{t('emergency.nobody')}</p>
          ) : (
            <>
              <p className="hint" data-testid="em-groups-summary">
                {t('emergency.whoSummary', {
                  leave: groups.filter((g) => g.action === 'leave').reduce((n, g) => n + g.people, 0),
                  shelter: groups.filter((g) => g.action === 'shelter').reduce((n, g) => n + g.people, 0),
                })}
              </p>
              <table className="em-groups" data-testid="em-groups">
                <thead>
                  <tr>
                    <th>{t('emergency.group')}</th>
                    <th>{t('emergency.groupPeople')}</th>
                    <th>{t('emergency.groupLevel')}</th>
                    <th>{t('emergency.groupAction')}</th>
                    <th>{t('emergency.groupArrives')}</th>
                    <th>{t('emergency.groupOut')}</th>
                  </tr>
                </thead>
                <tbody>
                  {groups.slice(0, 60).map((g) => {
                    // the level by its name (its value is in the footprints above and in the tooltip): the table fits the panel
                    const f = result.footprints.find((x) => x.level === g.level);
                    return (
                      <tr
                        key={`${g.group}:${g.id}`}
                        data-testid="em-group"
                        data-id={g.id}
                        data-group={g.group}
                        data-people={g.people}
                        data-action={g.action}
                        title={g.reason}
                      >
                        <td>
                          <button type="button" className="link" onClick={() => (useSelection.getState().select(g.id), fly(g.exit[0], g.exit[1], 400))}>
                            {g.group === 'residents' ? displayName(model.byId.get(g.id)?.props, i18n.language, g.id) : g.name}
                          </button>
                          {g.group === 'residents' ? ` ${t('emergency.residents')}` : ''}
                        </td>
                        <td>
                          {g.people}
                          {g.share !== null && g.share < 1 ? ` (${Math.round(g.share * 100)} %)` : ''}
                        </td>
                        <td className={`fp-${g.level}`} title={f ? levelText(f) : g.level_label}>
                          {f ? levelName(f) : g.level_label}
                        </td>
                        <td className={`act-${g.action}`}>{t(`emergency.action.${g.action}`)}</td>
                        <td>{g.arrival_s > 0 ? clock(g.arrival_s) : t('emergency.atOnceShort')}</td>
                        <td className="out">
                          {fmt.num(g.out_m, 0)} m · {clock(g.out_s)}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <p className="hint">{t('emergency.groupsNote')}</p>
            </>
          )}
          <h4>{t('emergency.people', { count: assessment.people.length })}</h4>
          <ul className="em-people" data-testid="em-people">
            {assessment.people.slice(0, 100).map((p) => (
              <li key={p.id} data-testid="em-person" data-id={p.id}>
                <button type="button" className="link" onClick={() => (useSelection.getState().select(p.id), fly(p.xy[0], p.xy[1], 300))}>
                  {liveBuffers.positions.get(p.id)?.name ?? p.id}
                </button>{' '}
                <span className={`fp-${p.level}`}>L{p.level}</span> →{' '}
                {p.assembly ? `${displayName(model.byId.get(p.assembly)?.props, i18n.language, p.assembly)} (${p.assembly})` : '—'} ({fmt.num(p.route_m, 0)} m)
              </li>
            ))}
          </ul>
          <h4>{t('emergency.targets', { count: assessment.targets.length })}</h4>
          <p data-testid="em-targets">
            {assessment.targets.map((id) => displayName(model.byId.get(id)?.props, i18n.language, id)).join(i18n.language.startsWith('zh') ? '、' : ', ') ||
              '—'}
          </p>
          <h4>{t('emergency.resources')}</h4>
          <ul>
            {assessment.resources.slice(0, 6).map((r) => (
              <li key={r.id} data-testid="em-resource" data-type={r.type} data-fixed={r.fixed}>
                {displayName(model.byId.get(r.id)?.props, i18n.language, r.id)}:{' '}
                {r.fixed
                  ? t('emergency.fixedAt', { m: fmt.num(r.distance_m, 0) })
                  : r.road_m === null
                    ? `${fmt.num(r.distance_m / 1000, 2)} km`
                    : t('emergency.byRoad', { km: fmt.num(r.road_m / 1000, 2), min: fmt.num(r.eta_min!, 0) })}
              </li>
            ))}
          </ul>
          {assessment.detectors.length > 0 && (
            <>
              <h4>{t('emergency.detectors')}</h4>
              <table data-testid="em-detectors">
                <tbody>
                  {assessment.detectors.map((d) => (
                    <tr key={d.sensor}>
                      <td>{d.sensor}</td>
                      <td>
                        {t('emergency.modelled')} {fmt.num(d.modelled, 1)} {d.unit}
                      </td>
                      <td>
                        {t('emergency.measured')} {d.measured === null ? '—' : `${fmt.num(d.measured, 1)} ${d.unit}`}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </>
      )}
    </div>
  );
}
