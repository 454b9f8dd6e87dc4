/**
 * The bar across a drill page: this is a drill, not live data — its scenario, who started it, how
 * long it has run; trainers end it; everyone can go back to the live park. Once signed in it loads
 * the drill from the server and lays its scenario on the emergency view, its clock running.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isLeak } from '../geo/risk/emergency.ts';
import { parseScenario } from '../geo/risk/scenarioIO.ts';
import type { ParkModel } from '../model/model.ts';
import { api } from '../net/api.ts';
import { drillUrl, useDrill, type DrillInfo, type DrillReport } from '../state/drill.ts';
import { download } from './common/download.ts';
import { startDrillScenario } from '../state/emergency.ts';
import { useLive } from '../state/live.ts';
import { useNow } from './common/hooks.ts';

/** The drill as the server has it, on the bar and in the emergency view (its clock, and the release shut off or not). */
function showDrill(model: ParkModel, d: DrillInfo): void {
  useDrill.setState({ info: d });
  const { weather: _w, ...scenario } = parseScenario(model, d.scenario);
  startDrillScenario(model, scenario, d.started_at, d.start_at_s, d.release_s);
}

const clock = (s: number) => {
  const r = Math.round(s);
  return `${Math.floor(r / 60)}:${String(r % 60).padStart(2, '0')}`;
};

export function DrillBanner({ model }: { model: ParkModel }) {
  const { t } = useTranslation();
  const { id, info, ended, report } = useDrill();
  const connection = useLive((s) => s.connection);
  const user = useLive((s) => s.user);
  const now = useNow();
  useEffect(() => {
    if (!id || info || connection !== 'live') return;
    void api('GET /api/drills/:id', { params: { id } }).then((r) => (r.ok ? showDrill(model, r.data) : useDrill.setState({ ended: true })));
  }, [id, info, connection, model]);
  // whoever shuts the release off, every page of the drill learns it from the stored event
  const events = useLive((s) => s.events);
  useEffect(() => {
    const e = events.find((x) => x.type === 'drill.release_stopped');
    const cur = useDrill.getState().info;
    if (e && cur && cur.release_s === null) showDrill(model, { ...cur, release_s: Number((e.detail as { release_s: number }).release_s) });
  }, [events, model]);
  if (!id) return null;
  const end = async () => {
    const r = await api('DELETE /api/drills/:id', { params: { id } });
    useDrill.setState({ ended: true, report: r.ok ? r.data : null });
  };
  const stop = async () => {
    const r = await api('POST /api/drills/:id/stop', { params: { id } });
    if (r.ok && info) showDrill(model, { ...info, release_s: r.data.release_s });
  };
  const debrief = async () => {
    const r = await api('GET /api/drills/:id/report', { params: { id } });
    if (r.ok) useDrill.setState({ report: r.data });
  };
  const elapsed = info ? info.start_at_s + Math.max(0, now - info.started_at) / 1000 : 0;
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
      {info && info.release_s !== null && <span data-testid="drill-stopped">{t('drill.stopped', { t: clock(info.release_s) })}</span>}
      {!ended && info && info.release_s === null && isLeak(String(info.scenario.kind)) && user && user.role !== 'viewer' && (
        <button type="button" onClick={() => void stop()} data-testid="drill-stop">
          {t('drill.stop')}
        </button>
      )}
      {!ended && info && (
        <button type="button" onClick={() => void debrief()} data-testid="drill-debrief">
          {t('drill.debrief')}
        </button>
      )}
      {!ended && (user?.role === 'trainer' || user?.role === 'admin') && (
        <button type="button" onClick={() => void end()} data-testid="drill-end">
          {t('drill.end')}
        </button>
      )}
      <a href={drillUrl(null)} data-testid="drill-back">
        {t('drill.back')}
      </a>
      {report && <Debrief report={report} onClose={() => useDrill.setState({ report: null })} />}
    </div>
  );
}

const sec = (v: number | null) => (v === null ? '—' : clock(v));

/** The debrief: how fast the alarms were acknowledged, who reached an assembly point and when; saved as JSON. */
function Debrief({ report, onClose }: { report: DrillReport; onClose(): void }) {
  const { t } = useTranslation();
  const s = report.summary;
  return (
    <div className="drill-report" data-testid="drill-report" role="dialog" aria-label={t('drill.report.title')}>
      <h3>
        {t('drill.report.title')} · {clock(report.duration_s)}
      </h3>
      <p data-testid="drill-report-alarms">
        {t('drill.report.alarms', {
          raised: s.alarms_raised,
          acked: s.alarms_acknowledged,
          median: sec(s.median_response_s),
          slowest: sec(s.slowest_response_s),
        })}
      </p>
      {s.release_shut_off_s !== null && (
        <p data-testid="drill-report-shutoff">{t('drill.report.shutOff', { t: clock(s.release_shut_off_s), by: s.release_shut_off_by })}</p>
      )}
      <p data-testid="drill-report-evacuation">
        {t('drill.report.evacuation', { sent: s.sent, arrived: s.arrived, median: sec(s.median_evacuation_s), last: sec(s.last_arrival_s) })}
      </p>
      <div className="table-wrap">
        <table className="checks">
          <thead>
            <tr>
              <th>{t('drill.report.col.alarm')}</th>
              <th>{t('drill.report.col.raised')}</th>
              <th>{t('drill.report.col.acknowledged')}</th>
              <th>{t('drill.report.col.response')}</th>
            </tr>
          </thead>
          <tbody>
            {report.alarms.map((a) => (
              <tr key={a.alarm} className={a.acknowledged_s === null ? 'bad' : ''} data-testid="drill-report-alarm" data-alarm={a.alarm}>
                <td>{a.alarm}</td>
                <td className="n">{clock(a.raised_s)}</td>
                <td>{a.acknowledged_s === null ? '—' : `${clock(a.acknowledged_s)} ${a.by}`}</td>
                <td className="n">{sec(a.response_s)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="planner-bar">
        <button
          type="button"
          onClick={() => download(`drill-${report.id}-debrief.json`, 'application/json', JSON.stringify(report, null, 1))}
          data-testid="drill-report-download"
        >
          {t('drill.report.download')}
        </button>
        <button type="button" onClick={onClose}>
          {t('drill.report.close')}
        </button>
      </p>
    </div>
  );
}
