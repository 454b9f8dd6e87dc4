/**
 * The command centre's screens: sign-in, connection indicator, KPI strip, and a panel with the
 * active alarms (acknowledge, shelve, audible cue, flood grouping), the events feed and history,
 * the roster of people and vehicles, headcounts, and emergency resources. Everything shown comes
 * from the server over the socket or its HTTP API.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParkModel } from '../../model/model.ts';
import { connectLive, signOut } from '../../net/live.ts';
import { SignInForm } from '../common/SignInForm.tsx';
import { drillUrl, useDrill } from '../../state/drill.ts';
import { useLive } from '../../state/live.ts';
import { useSelection } from '../../state/selection.ts';
import type { LiveLayers } from '../../overlays/liveStyle.ts';
import { HazardsTab } from './LivePanels.tsx';
import { PermitsTab } from './PermitsTab.tsx';
import { followPermits } from '../../net/permits.ts';
import { followRegisters, followRoutes } from '../../net/registers.ts';
import { EmergencyTab } from './EmergencyTab.tsx';
import { useFormat, useNow } from '../common/hooks.ts';
import { canOperate, STALE_MS } from './shared.ts';
import { AlarmsTab } from './AlarmsTab.tsx';
import { EventsTab } from './EventsTab.tsx';
import { PeopleTab } from './PeopleTab.tsx';
import { HeadcountTab } from './HeadcountTab.tsx';
import { ResourcesTab } from './ResourcesTab.tsx';
import { api } from '../../net/api.ts';

export { canOperate };

export function SignIn({ model }: { model: ParkModel }) {
  const connection = useLive((s) => s.connection);
  useEffect(() => {
    // the page signed in before it loaded the layout: the socket goes with the same session cookie
    // (unless already connected: the panel remounts when the mode changes)
    if (useLive.getState().connection === 'signed-out') void connectLive(model);
  }, [model]);
  const drillEnded = useDrill((s) => s.ended);
  if (drillEnded || (connection !== 'signed-out' && connection !== 'refused')) return null;
  return <SignInForm onSignedIn={() => void connectLive(model)} refused={connection === 'refused'} />;
}

// ---- connection and KPIs -------------------------------------------------------------------------

export function ConnectionBadge() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const now = useNow();
  const { connection, lastMessageAt, user } = useLive();
  const drillEnded = useDrill((s) => s.ended);
  const stale = connection === 'live' && lastMessageAt !== null && now - lastMessageAt > STALE_MS;
  const state = drillEnded ? 'ended' : stale ? 'stale' : connection;
  return (
    <span className={`conn conn-${state}`} data-testid="connection" data-state={state}>
      <i />
      {state === 'stale' ? t('live.staleSince', { time: fmt.time(lastMessageAt!) }) : state === 'ended' ? t('drill.ended') : t(`live.conn.${connection}`)}
      {user && (
        <>
          {' · '}
          {user.name} ({t(`role.${user.role}`)})
          <button type="button" className="link" onClick={() => void signOut()} data-testid="sign-out">
            {t('live.signOut')}
          </button>
        </>
      )}
    </span>
  );
}

/** Sensors watching installations that belong to a GB 18218 major hazard unit. */
function useMajorHazardSensors(model: ParkModel, units: { unit: string; members: string[]; grade: number | null }[]): Map<string, string> {
  return useMemo(() => {
    const unitOf = new Map<string, string>();
    // only units that are major hazard sources (S ≥ 1: graded)
    for (const u of units) if (u.grade !== null) for (const m of [u.unit, ...u.members]) unitOf.set(m, u.unit);
    const out = new Map<string, string>();
    for (const s of model.ofKind('sensor')) {
      const w = s.props.watches;
      const unit = w ? (unitOf.get(w) ?? unitOf.get((model.byId.get(w)?.props as { unit_id?: string } | undefined)?.unit_id ?? '')) : undefined;
      if (unit) out.set(s.id, unit);
    }
    return out;
  }, [model, units]);
}

export function KpiStrip({ model, units }: { model: ParkModel; units: { unit: string; members: string[]; grade: number | null }[] }) {
  const { t } = useTranslation();
  const { alarms, status, events } = useLive();
  const hazardous = useMemo(
    () =>
      new Set(
        model
          .ofKind('zone')
          .filter((z) => z.props.purpose === 'hazardous_area')
          .map((z) => z.id),
      ),
    [model],
  );
  const mhSensors = useMajorHazardSensors(model, units);
  const [breachesBefore, setBreachesBefore] = useState<{ since: number; count: number; maxId: number } | null>(null);
  const connection = useLive((s) => s.connection);
  const drillOver = useDrill((s) => s.ended);
  useEffect(() => {
    if (connection !== 'live') return;
    const start = new Date();
    start.setHours(0, 0, 0, 0);
    void api('GET /api/events', { query: { type: 'fence.breach', since: start.getTime(), limit: 10_000 } }).then(
      (r) => r.ok && setBreachesBefore({ since: start.getTime(), count: r.data.length, maxId: r.data.reduce((m, e) => Math.max(m, e.id), 0) }),
    );
  }, [connection]);
  const inHazard = Object.entries(status?.headcount ?? {}).reduce((s, [z, n]) => s + (hazardous.has(z) ? n : 0), 0);
  const active = alarms.filter((a) => a.state === 'unacknowledged' || a.state === 'acknowledged');
  const high = active.filter((a) => a.priority === 'high').length;
  const medium = active.length - high;
  const breachesToday = breachesBefore
    ? breachesBefore.count + events.filter((e) => e.type === 'fence.breach' && e.id > breachesBefore.maxId && e.t >= breachesBefore.since).length
    : events.filter((e) => e.type === 'fence.breach').length;
  const mhInAlarm = new Set(active.map((a) => mhSensors.get(a.sensor)).filter(Boolean)).size;
  const kpis: [string, number, string?][] = [
    ['inHazard', inHazard],
    ['alarmsHigh', high, high ? 'bad' : undefined],
    ['alarmsMedium', medium, medium ? 'warn' : undefined],
    ['breachesToday', breachesToday, breachesToday ? 'bad' : undefined],
    ['commLost', status?.commLost.length ?? 0, status?.commLost.length ? 'lost' : undefined],
    ['majorInAlarm', mhInAlarm, mhInAlarm ? 'bad' : undefined],
  ];
  // nothing is known before the live connection has its first snapshot: say so, never show zeros
  if (connection !== 'live')
    return (
      <div className="kpis" data-testid="kpis" data-state={connection}>
        <span className="kpi unknown" data-testid="kpi-unknown">
          {t(drillOver ? 'kpi.drillEnded' : connection === 'signed-out' || connection === 'refused' ? 'kpi.signInFirst' : 'kpi.waiting')}
        </span>
      </div>
    );
  return (
    <div className="kpis" data-testid="kpis" data-state="live">
      {kpis.map(([k, v, cls]) => (
        <span key={k} className={`kpi ${cls ?? ''}`} data-testid={`kpi-${k}`} data-value={v}>
          <b>{v}</b> {t(`kpi.${k}`)}
        </span>
      ))}
      {status?.weather && (
        <span className="kpi weather" data-testid="weather">
          {t('kpi.weather', { speed: status.weather.wind_speed_m_s, dir: status.weather.wind_from_deg, stability: status.weather.stability })}
        </span>
      )}
    </div>
  );
}

// ---- the panel -----------------------------------------------------------------------------------

type Tab = 'alarms' | 'events' | 'people' | 'headcount' | 'hazards' | 'permits' | 'resources' | 'emergency';
const TABS: Tab[] = ['alarms', 'events', 'people', 'headcount', 'hazards', 'permits', 'resources', 'emergency'];

export function CommandPanel({ model, layers, setLayers }: { model: ParkModel; layers: LiveLayers; setLayers(l: LiveLayers): void }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('alarms');
  // folded to the side, the twin has the whole view (what the camera flies to follows, see ViewCentre)
  const [collapsed, setCollapsed] = useState(false);
  const alarms = useLive((s) => s.alarms);
  const unack = alarms.filter((a) => a.state === 'unacknowledged').length;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement)?.tagName === 'INPUT' || e.ctrlKey || e.metaKey || e.altKey) return;
      const i = Number(e.key) - 1;
      if (i >= 0 && i < TABS.length) setTab(TABS[i]);
      if (e.key === 'Escape') useSelection.getState().select(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const connection = useLive((s) => s.connection);
  const drillEnded = useDrill((s) => s.ended);
  const signedIn = connection !== 'signed-out' && connection !== 'refused';
  const live = connection === 'live';
  // the filed permits, for their tab and the twin (a drill page keeps to the drill: no live permits)
  useEffect(() => (live && !useDrill.getState().id ? followPermits() : undefined), [live]);
  useEffect(() => (live && !useDrill.getState().id ? followRegisters() : undefined), [live]);
  useEffect(() => (live && !useDrill.getState().id ? followRoutes() : undefined), [live]);
  return (
    <aside className={`command${signedIn ? '' : ' signed-out'}${collapsed ? ' collapsed' : ''}`} data-testid="command-panel" data-collapsed={collapsed}>
      <button
        type="button"
        className="collapse"
        onClick={() => setCollapsed((c) => !c)}
        aria-label={collapsed ? t('panel.expand') : t('panel.collapse')}
        title={collapsed ? t('panel.expand') : t('panel.collapse')}
        data-testid="command-collapse"
      >
        {collapsed ? '»' : '«'}
      </button>
      <SignIn model={model} />
      {drillEnded && (
        <p className="hint" data-testid="drill-ended-panel">
          {t('drill.ended')} — <a href={drillUrl(null)}>{t('drill.back')}</a>
        </p>
      )}
      {signedIn && (
        <>
          <div role="tablist">
            {TABS.map((k, i) => (
              <button
                type="button"
                key={k}
                role="tab"
                aria-selected={tab === k}
                className={tab === k ? 'active' : ''}
                onClick={() => setTab(k)}
                data-testid={`tab-${k}`}
                title={`${i + 1}`}
              >
                {t(`tabs.${k}`)}
                {k === 'alarms' && unack > 0 && <span className="badge">{unack}</span>}
              </button>
            ))}
          </div>
          <div className="layers" data-testid="layers">
            {(Object.keys(layers) as (keyof LiveLayers)[]).map((k) => (
              <label key={k}>
                <input type="checkbox" checked={layers[k]} onChange={(e) => setLayers({ ...layers, [k]: e.target.checked })} /> {t(`layers.${k}`)}
              </label>
            ))}
          </div>
          <div className="tab-body">
            {tab === 'alarms' && <AlarmsTab model={model} />}
            {tab === 'events' && <EventsTab model={model} />}
            {tab === 'people' && <PeopleTab model={model} />}
            {tab === 'headcount' && <HeadcountTab model={model} />}
            {tab === 'hazards' && <HazardsTab model={model} />}
            {tab === 'permits' && <PermitsTab model={model} />}
            {tab === 'resources' && <ResourcesTab model={model} />}
            {tab === 'emergency' && <EmergencyTab model={model} />}
          </div>
          <p className="shortcuts">{t('shortcuts')}</p>
        </>
      )}
    </aside>
  );
}
