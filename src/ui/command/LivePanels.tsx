import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParkModel } from '../../model/model.ts';
import type { LiveReading } from '../../protocol/events.ts';
import { sensorDisplay } from '../../overlays/liveStyle.ts';
import { SENSOR_COLORS } from '../../overlays/liveStyle.ts';
import { liveBuffers, sensorStates, useLive } from '../../state/live.ts';
import { fourSystemsInService, sensorsWatching, unitMonitoring } from '../../state/liveDerived.ts';
import { usePlanner } from '../../state/planner.ts';
import { useEnterpriseTiers } from '../../state/tiers.ts';
import { tierRank } from '../../geo/compliance/supervision.ts';
import { useSelection } from '../../state/selection.ts';
import { useFormat, useNow } from '../common/hooks.ts';
import { useRegisters } from '../../state/registers.ts';
import { unitsUnderTurnaround } from '../../geo/compliance/turnarounds.ts';
import { DutiesSection, TurnaroundsSection } from './RegistersPanels.tsx';
import { displayName } from '../../model/names.ts';
import { flyToFeature } from './shared.ts';
import { api } from '../../net/api.ts';

export function HazardsTab({ model }: { model: ParkModel }) {
  const { t, i18n } = useTranslation();
  const units = usePlanner((s) => s.units);
  const layout = usePlanner((s) => s.layout);
  const alarms = useLive((s) => s.alarms);
  const status = useLive((s) => s.status);
  const states = useMemo(() => sensorStates(alarms, status), [alarms, status]);
  const has = (id: string) => liveBuffers.readings.has(id);
  const tiers = useEnterpriseTiers();
  const turnarounds = useRegisters((s) => s.turnarounds);
  const now = useNow(30_000);
  const under = useMemo(() => unitsUnderTurnaround(turnarounds, now), [turnarounds, now]);
  const rows = unitMonitoring(model, units, states, has, tiers, under);
  return (
    <div className="tab-hazards">
      <table data-testid="hazard-units">
        <thead>
          <tr>
            <th>{t('hazards.unit')}</th>
            <th>{t('hazards.tier')}</th>
            <th>{t('hazards.grade')}</th>
            <th>{t('hazards.sensors')}</th>
            <th>{t('hazards.inAlarm')}</th>
            <th>{t('hazards.commLost')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((u) => (
            <tr key={u.unit} data-testid="hazard-unit" data-unit={u.unit} data-alarm={u.inAlarm} className={u.inAlarm ? 'bad' : ''}>
              <td>
                <button type="button" className="link" onClick={() => flyToFeature(model, u.unit, 300)}>
                  {u.unit}
                </button>
              </td>
              <td>
                <span className={`tier tier-${u.tier}`} data-decided={u.decided} data-raised={u.raised_by ?? undefined}>
                  {t(`hazards.tierName.${u.tier}`)}
                  {u.decided ? ' *' : ''}
                  {u.raised_by ? ` ↑ ${t(`turnarounds.kind.${u.raised_by}`)}` : ''}
                </span>
              </td>
              <td>{t('hazards.gradeN', { g: u.grade })}</td>
              <td>{u.sensors}</td>
              <td>{u.inAlarm}</td>
              <td className={u.commLost ? 'lost' : ''}>{u.commLost + u.unknown}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t('hazards.tierNote')}</p>
      <table data-testid="enterprise-tiers">
        <thead>
          <tr>
            <th>{t('supervision.enterprise')}</th>
            <th>{t('supervision.inForce')}</th>
            <th>{t('supervision.suggested')}</th>
          </tr>
        </thead>
        <tbody>
          {[...tiers.values()]
            .filter((e) => e.in_force || e.suggested)
            .sort((a, b) => tierRank(a.in_force) - tierRank(b.in_force) || a.enterprise.localeCompare(b.enterprise))
            .map((e) => (
              <tr key={e.enterprise} data-testid="enterprise-tier" data-enterprise={e.enterprise} data-tier={e.in_force ?? ''} data-source={e.source}>
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      useSelection.getState().select(e.enterprise);
                      flyToFeature(model, e.enterprise, 900);
                    }}
                  >
                    {displayName(model.byId.get(e.enterprise)?.props, i18n.language, e.enterprise)}
                  </button>
                </td>
                <td>
                  <span className={`tier tier-${e.in_force}`}>
                    {t(`hazards.tierName.${e.in_force ?? 'null'}`)}
                    {e.source === 'decided' ? ' *' : ''}
                  </span>
                </td>
                <td>{t(`hazards.tierName.${e.suggested ?? 'null'}`)}</td>
              </tr>
            ))}
        </tbody>
      </table>
      {(layout?.storage_bases ?? []).map((b) => {
        const rates = fourSystemsInService(model, b, states, has);
        return (
          <div key={`${b.enterprise}-${b.type}`} className="base" data-testid="storage-base">
            <h4>
              {displayName(model.byId.get(b.enterprise)?.props, i18n.language, b.enterprise)} · {t(`hazards.baseType.${b.type}`)}
            </h4>
            <table>
              <thead>
                <tr>
                  <th>{t('hazards.system')}</th>
                  <th>{t('hazards.equipped')}</th>
                  <th>{t('hazards.inService')}</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(rates).map(([k, v]) => (
                  <tr key={k} className={v.in_service_rate < 1 ? 'bad' : ''}>
                    <td>{t(`hazards.systems.${k}`)}</td>
                    <td>{Math.round(v.equipped_rate * 100)} %</td>
                    <td>{Math.round(v.in_service_rate * 100)} %</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
      <DutiesSection model={model} />
      <TurnaroundsSection model={model} />
    </div>
  );
}

/** A small SVG line chart of readings with the alarm thresholds drawn. */
function HistoryChart({ readings, thresholds, unit }: { readings: LiveReading[]; thresholds: Record<string, number | undefined>; unit: string }) {
  const W = 300;
  const H = 120;
  const lines = Object.entries(thresholds).filter((e): e is [string, number] => typeof e[1] === 'number');
  const values = [...readings.map((r) => r.value), ...lines.map(([, v]) => v)];
  if (!readings.length) return null;
  const t0 = readings[0].t;
  const t1 = Math.max(t0 + 1, readings[readings.length - 1].t);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = (hi - lo) * 0.08 || 1;
  const x = (t: number) => ((t - t0) / (t1 - t0)) * (W - 30) + 28;
  const y = (v: number) => H - 12 - ((v - (lo - pad)) / (hi - lo + 2 * pad)) * (H - 20);
  return (
    <svg width={W} height={H} className="chart" data-testid="sensor-chart" role="img" aria-label={`history ${unit}`}>
      {lines.map(([k, v]) => (
        <g key={k}>
          <line
            x1={28}
            x2={W - 2}
            y1={y(v)}
            y2={y(v)}
            stroke={k === 'HH' || k === 'LL' ? SENSOR_COLORS.high_unack : SENSOR_COLORS.medium_unack}
            strokeDasharray="4 3"
          />
          <text x={2} y={y(v) + 4} fontSize="10" fill="#aab">
            {k}
          </text>
        </g>
      ))}
      <polyline fill="none" stroke="#6ec6ff" strokeWidth="1.5" points={readings.map((r) => `${x(r.t)},${y(r.value)}`).join(' ')} />
      <text x={W - 2} y={10} fontSize="10" fill="#aab" textAnchor="end">
        {unit}
      </text>
    </svg>
  );
}

/** Live value, state and the last hours of a sensor, for the info panel. */
export function SensorLive({ model, sensorId }: { model: ParkModel; sensorId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const s = model.byId.get(sensorId);
  const [history, setHistory] = useState<LiveReading[] | null>(null);
  const alarms = useLive((st) => st.alarms);
  const status = useLive((st) => st.status);
  const [, tick] = useState(0);
  useEffect(() => {
    let stop = false;
    const load = () =>
      api('GET /api/sensors/:id/history', { params: { id: sensorId }, query: { since: Date.now() - 6 * 3600_000 } }).then(
        (r) => !stop && setHistory(r.ok ? r.data.readings : []),
      );
    void load();
    const timer = setInterval(() => (void load(), tick((n) => n + 1)), 5000);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [sensorId]);
  if (s?.kind !== 'sensor') return null;
  const p = s.props as { unit: string; thresholds: Record<string, number | undefined> };
  const latest = liveBuffers.readings.get(sensorId);
  const state = sensorStates(alarms, status).get(sensorId) ?? (latest ? 'normal' : 'unknown');
  return (
    <section className="sensor-live" data-testid="sensor-live" data-state={state}>
      <h3>{t('sensor.live')}</h3>
      <p>
        <b style={{ color: SENSOR_COLORS[state] }}>{latest ? `${fmt.num(latest.value, 2)} ${p.unit}` : '—'}</b> · {t(`sensor.state.${state}`)}
        {latest && <span className="hint"> · {fmt.time(latest.t)}</span>}
      </p>
      {history && history.length > 1 ? (
        <HistoryChart readings={history} thresholds={p.thresholds ?? {}} unit={p.unit} />
      ) : (
        <p className="hint">{t('sensor.noHistory')}</p>
      )}
    </section>
  );
}

/** The live sensors of a selected installation (with their values), for the info panel. */
export function WatchedBy({ model, id }: { model: ParkModel; id: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const ids = useMemo(() => sensorsWatching(model).get(id) ?? [], [model, id]);
  useLive((s) => s.alarms);
  useLive((s) => s.status);
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 2000);
    return () => clearInterval(timer);
  }, []);
  if (!ids.length) return null;
  return (
    <section data-testid="watched-by">
      <h3>{t('sensor.watchedBy')}</h3>
      <ul className="watched">
        {ids.map((sid) => {
          const r = liveBuffers.readings.get(sid);
          const st = sensorDisplay.states.get(sid) ?? (r ? 'normal' : 'unknown');
          const unit = (model.byId.get(sid)?.props as { unit?: string } | undefined)?.unit ?? '';
          return (
            <li key={sid}>
              <button type="button" className="link" onClick={() => useSelection.getState().select(sid)}>
                <i className="swatch" style={{ background: SENSOR_COLORS[st] }} /> {sid}
              </button>{' '}
              {r ? `${fmt.num(r.value, 2)} ${unit}` : '—'} <span className="hint">{t(`sensor.state.${st}`)}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Value and unit of the sensor under the pointer. */
export function HoverCard({ model }: { model: ParkModel }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const hovered = useSelection((s) => s.hoveredId);
  const [pos, setPos] = useState<[number, number]>([0, 0]);
  useEffect(() => {
    const on = (e: MouseEvent) => setPos([e.clientX, e.clientY]);
    window.addEventListener('mousemove', on);
    return () => window.removeEventListener('mousemove', on);
  }, []);
  const f = hovered ? model.byId.get(hovered) : undefined;
  if (f?.kind !== 'sensor') return null;
  const r = liveBuffers.readings.get(f.id);
  const st = sensorDisplay.states.get(f.id) ?? (r ? 'normal' : 'unknown');
  return (
    <div className="hover-card" style={{ left: pos[0] + 14, top: pos[1] + 14 }} data-testid="hover-card">
      <b>{f.id}</b> {r ? `${fmt.num(r.value, 2)} ${(f.props as { unit: string }).unit}` : '—'} · {t(`sensor.state.${st}`)}
    </div>
  );
}
