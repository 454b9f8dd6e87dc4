/**
 * The bar across a drill page: this is a drill, not live data — its scenario, who started it, how
 * long it has run; trainers end it; everyone can go back to the live park. Once signed in it loads
 * the drill from the server and lays its scenario on the emergency view, its clock running.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { parseScenario } from '../geo/scenarioIO.ts';
import type { ParkModel } from '../model/model.ts';
import { authHeader } from '../net/live.ts';
import { drillUrl, useDrill, type DrillInfo } from '../state/drill.ts';
import { startDrillScenario } from '../state/emergency.ts';
import { useLive } from '../state/live.ts';
import { useNow } from './CommandCentre.tsx';

const clock = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;

export function DrillBanner({ model }: { model: ParkModel }) {
  const { t } = useTranslation();
  const { id, info, ended } = useDrill();
  const connection = useLive((s) => s.connection);
  const user = useLive((s) => s.user);
  const now = useNow();
  useEffect(() => {
    if (!id || info || connection !== 'live') return;
    fetch(`/api/drills/${encodeURIComponent(id)}`, { headers: authHeader() })
      .then((r) => (r.ok ? (r.json() as Promise<DrillInfo>) : Promise.reject(new Error(String(r.status)))))
      .then((d) => {
        useDrill.setState({ info: d });
        const { weather: _w, ...scenario } = parseScenario(model, d.scenario);
        startDrillScenario(model, scenario, Date.parse(d.started_at), d.start_at_s);
      })
      .catch(() => useDrill.setState({ ended: true }));
  }, [id, info, connection, model]);
  if (!id) return null;
  const end = async () => {
    await fetch(`/api/drills/${encodeURIComponent(id)}`, { method: 'DELETE', headers: authHeader() });
    useDrill.setState({ ended: true });
  };
  const elapsed = info ? info.start_at_s + Math.max(0, now - Date.parse(info.started_at)) / 1000 : 0;
  const what = info ? `${t(`emergency.kinds.${String(info.scenario.kind)}`)} · ${String(info.scenario.source ?? t('emergency.place'))}` : '';
  return (
    <div className={`drill-banner${ended ? ' ended' : ''}`} role="status" data-testid="drill-banner" data-state={ended ? 'ended' : 'running'}>
      <b>{t('drill.banner')}</b>
      <span>{ended ? t('drill.ended') : t('drill.notLive')}</span>
      {info && !ended && (
        <span data-testid="drill-what">
          {what} · {t('drill.by', { name: info.by })} · <span data-testid="drill-clock">{clock(elapsed)}</span>
        </span>
      )}
      {!ended && (user?.role === 'trainer' || user?.role === 'admin') && (
        <button onClick={() => void end()} data-testid="drill-end">
          {t('drill.end')}
        </button>
      )}
      <a href={drillUrl(null)} data-testid="drill-back">
        {t('drill.back')}
      </a>
    </div>
  );
}
