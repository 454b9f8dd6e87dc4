/**
 * The command centre's screens: sign-in, connection indicator, KPI strip, and a panel with the
 * active alarms (acknowledge, shelve, audible cue, flood grouping), the events feed and history,
 * the roster of people and vehicles, headcounts, and emergency resources. Everything shown comes
 * from the server over the socket or its HTTP API.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParkModel } from '../model/model.ts';
import type { LiveAlarm, LiveEvent } from '../protocol/events.ts';
import { alarmAction, connectLive, signOut } from '../net/live.ts';
import { SignInForm } from './SignInForm.tsx';
import { drillUrl, useDrill, withDrill } from '../state/drill.ts';
import { useCamera } from '../state/camera.ts';
import { liveBuffers, useLive } from '../state/live.ts';
import { useSelection } from '../state/selection.ts';
import { subjectClass } from '../overlays/liveStyle.ts';
import type { LiveLayers } from '../overlays/liveStyle.ts';
import { HazardsTab, PermitsTab } from './LivePanels.tsx';
import { EmergencyTab } from './EmergencyTab.tsx';
import { useFormat, useNow } from './hooks.ts';
import { displayName } from '../model/names.ts';

const STALE_MS = 15_000;

export const canOperate = (role: string | undefined) => role === 'operator' || role === 'admin';

function flyToFeature(model: ParkModel, id: string | null | undefined, distance_m = 250) {
  const f = id ? model.byId.get(id) : undefined;
  if (!f) return false;
  useSelection.getState().select(f.id);
  useCamera.getState().flyTo(f.anchor, distance_m);
  return true;
}

function flyToLonLat(model: ParkModel, lon: number, lat: number, distance_m = 250) {
  const [x, y] = model.frame.toLocal([lon, lat]);
  useCamera.getState().flyTo([x, y], distance_m);
}

// ---- sign-in -------------------------------------------------------------------------------------

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
function useMajorHazardSensors(model: ParkModel, units: { unit: string; members: string[] }[]): Map<string, string> {
  return useMemo(() => {
    const unitOf = new Map<string, string>();
    for (const u of units) for (const m of [u.unit, ...u.members]) unitOf.set(m, u.unit);
    const out = new Map<string, string>();
    for (const s of model.ofKind('sensor')) {
      const w = s.props.watches;
      const unit = w ? (unitOf.get(w) ?? unitOf.get((model.byId.get(w)?.props as { unit_id?: string } | undefined)?.unit_id ?? '')) : undefined;
      if (unit) out.set(s.id, unit);
    }
    return out;
  }, [model, units]);
}

export function KpiStrip({ model, units }: { model: ParkModel; units: { unit: string; members: string[] }[] }) {
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
  useEffect(() => {
    if (connection !== 'live') return;
    const start = new Date();
    start.setHours(0, 0, 0, 0);
    fetch(withDrill(`/api/events?type=fence.breach&since=${start.getTime()}&limit=10000`))
      .then((r) => r.json())
      .then((es: LiveEvent[]) => setBreachesBefore({ since: start.getTime(), count: es.length, maxId: es.reduce((m, e) => Math.max(m, e.id), 0) }))
      .catch(() => {});
  }, [connection]);
  const inHazard = Object.entries(status?.headcount ?? {}).reduce((s, [z, n]) => s + (hazardous.has(z) ? n : 0), 0);
  const active = alarms.filter((a) => a.state === 'unacknowledged' || a.state === 'acknowledged');
  const high = active.filter((a) => a.priority === 'high').length;
  const medium = active.length - high;
  const breachesToday = breachesBefore
    ? breachesBefore.count + events.filter((e) => e.type === 'fence.breach' && e.id > breachesBefore.maxId && Date.parse(e.t) >= breachesBefore.since).length
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
  return (
    <div className="kpis" data-testid="kpis">
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

/** A short beep through Web Audio (no file to load). */
function beep() {
  try {
    const Ctx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctx) return;
    const ctx = new Ctx();
    const o = ctx.createOscillator();
    const g = ctx.createGain();
    o.frequency.value = 880;
    g.gain.value = 0.15;
    o.connect(g).connect(ctx.destination);
    o.start();
    o.stop(ctx.currentTime + 0.35);
    o.onended = () => void ctx.close();
  } catch {
    /* no audio device */
  }
}

export const sound = { muted: false, beeps: 0 };

function sensorArea(model: ParkModel, sensorId: string): string {
  const s = model.byId.get(sensorId);
  const p = s?.props as { enterprise_id?: string; watches?: string } | undefined;
  return p?.enterprise_id ?? (p?.watches ? (model.byId.get(p.watches)?.props as { enterprise_id?: string } | undefined)?.enterprise_id : undefined) ?? 'park';
}

function AlarmRow({ a, model, operate, onError }: { a: LiveAlarm; model: ParkModel; operate: boolean; onError(e: string | null): void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const sensor = model.byId.get(a.sensor);
  const watches = (sensor?.props as { watches?: string } | undefined)?.watches;
  const unit = (sensor?.props as { unit?: string } | undefined)?.unit ?? '';
  const act = async (action: 'ack' | 'shelve') => {
    const r = await alarmAction(a.id, action, action === 'shelve' ? { minutes: 30 } : {});
    onError(r.ok ? null : t('alarms.actionFailed', { status: r.status, error: r.error ?? '' }));
  };
  return (
    <li className={`alarm p-${a.priority} s-${a.state}${a.comm_lost ? ' lost' : ''}`} data-testid="alarm" data-alarm={a.id} data-state={a.state}>
      <button type="button" className="alarm-main" onClick={() => flyToFeature(model, watches ?? a.sensor) || flyToFeature(model, a.sensor)}>
        <span className="prio">{t(`alarms.priority.${a.priority}`)}</span>
        <span className="what">
          {a.sensor} · {a.level} · {a.value === null ? '—' : `${fmt.num(a.value, 2)} ${unit}`}
        </span>
        <span className="state">{t(`alarms.state.${a.state}`)}</span>
        <span className="since">{fmt.time(a.since)}</span>
        {a.ack_by && <span className="by">{t('alarms.by', { name: a.ack_by })}</span>}
      </button>
      <span className="actions">
        <button
          type="button"
          disabled={!operate || (a.state !== 'unacknowledged' && a.state !== 'rtn_unacknowledged')}
          onClick={() => void act('ack')}
          data-testid="ack"
          title={operate ? '' : t('alarms.operatorsOnly')}
        >
          {t('alarms.ack')}
        </button>
        <button
          type="button"
          disabled={!operate || a.state === 'shelved'}
          onClick={() => void act('shelve')}
          data-testid="shelve"
          title={operate ? '' : t('alarms.operatorsOnly')}
        >
          {t('alarms.shelve30')}
        </button>
      </span>
    </li>
  );
}

function AlarmsTab({ model }: { model: ParkModel }) {
  const { t, i18n } = useTranslation();
  const alarms = useLive((s) => s.alarms);
  const events = useLive((s) => s.events);
  const role = useLive((s) => s.user?.role);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [muted, setMuted] = useState(sound.muted);
  // floods: the newest flood event per area decides whether it is on
  const floods = useMemo(() => {
    const on = new Map<string, number>();
    const done = new Set<string>();
    for (const e of events) {
      if (e.type !== 'alarm.flood_start' && e.type !== 'alarm.flood_end') continue;
      if (done.has(e.subject)) continue;
      done.add(e.subject);
      if (e.type === 'alarm.flood_start') on.set(e.subject, Number((e.detail as { count?: number }).count ?? 0));
    }
    return on;
  }, [events]);
  // an audible cue for each new high-priority unacknowledged alarm
  const heard = useRef<Set<string> | null>(null);
  useEffect(() => {
    const now = new Set(alarms.filter((a) => a.priority === 'high' && a.state === 'unacknowledged').map((a) => `${a.id}@${a.since}`));
    if (heard.current && [...now].some((k) => !heard.current!.has(k)) && !sound.muted) {
      sound.beeps++;
      beep();
    }
    heard.current = now;
  }, [alarms]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement)?.tagName === 'INPUT') return;
      if (e.key === 'm') {
        sound.muted = !sound.muted;
        setMuted(sound.muted);
      }
      if (e.key === 'a' && canOperate(role)) {
        const first = useLive.getState().alarms.find((a) => a.state === 'unacknowledged');
        if (first) void alarmAction(first.id, 'ack');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [role]);
  const operate = canOperate(role);
  const groups = new Map<string, LiveAlarm[]>();
  const loose: LiveAlarm[] = [];
  for (const a of alarms) {
    const area = sensorArea(model, a.sensor);
    if (floods.has(area)) {
      const g = groups.get(area);
      if (g) g.push(a);
      else groups.set(area, [a]);
    } else loose.push(a);
  }
  return (
    <div className="tab-alarms">
      <div className="toolbar">
        <button type="button" onClick={() => ((sound.muted = !sound.muted), setMuted(sound.muted))} data-testid="mute" aria-pressed={muted}>
          {muted ? t('alarms.unmute') : t('alarms.mute')}
        </button>
        {!operate && <span className="hint">{t('alarms.viewerHint', { role: t(`role.${role ?? 'viewer'}`) })}</span>}
      </div>
      {error && (
        <p className="error" role="alert" data-testid="alarm-error">
          {error}
        </p>
      )}
      {[...groups].map(([area, list]) => (
        <div key={area} className="flood" data-testid="flood">
          <button type="button" className="flood-banner" onClick={() => setOpen((o) => new Set(o.has(area) ? [...o].filter((x) => x !== area) : [...o, area]))}>
            {t('alarms.flood', { area: displayName(model.byId.get(area)?.props, i18n.language, area), count: list.length })}
          </button>
          {open.has(area) && (
            <ul className="alarms">
              {list.map((a) => (
                <AlarmRow key={a.id} a={a} model={model} operate={operate} onError={setError} />
              ))}
            </ul>
          )}
        </div>
      ))}
      {alarms.length === 0 && <p className="empty">{t('alarms.none')}</p>}
      <ul className="alarms" data-testid="alarm-list">
        {loose.map((a) => (
          <AlarmRow key={a.id} a={a} model={model} operate={operate} onError={setError} />
        ))}
      </ul>
    </div>
  );
}

function EventItem({ e, model }: { e: LiveEvent; model: ParkModel }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const d = e.detail as { lon?: number; lat?: number };
  const bad = /breach|unauthorised|violation|over_capacity|stopped|silent|gathering\.start|flood_start|comm_lost|clock_fault/.test(e.type);
  return (
    <li className={`event${bad ? ' bad' : ''}`} data-testid="event" data-type={e.type}>
      <button
        type="button"
        onClick={() => {
          if (typeof d.lon === 'number' && typeof d.lat === 'number') flyToLonLat(model, d.lon, d.lat);
          else flyToFeature(model, e.place ?? e.subject);
          if (liveBuffers.positions.has(e.subject)) useSelection.getState().select(e.subject);
        }}
      >
        <span className="time">{fmt.time(e.t)}</span>
        <span className="type">{t(`events.type.${e.type.replace('.', '_')}`, { defaultValue: e.type })}</span>
        <span className="subject">{e.subject}</span>
        {e.place && <span className="place">@ {e.place}</span>}
      </button>
    </li>
  );
}

const EVENT_FAMILIES = ['', 'fence', 'gate', 'zone', 'permit', 'gathering', 'hazchem', 'tag', 'alarm', 'sensor'];

function EventsTab({ model }: { model: ParkModel }) {
  const { t } = useTranslation();
  const live = useLive((s) => s.events);
  const [history, setHistory] = useState<LiveEvent[] | null>(null);
  const [type, setType] = useState('');
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const search = async () => {
    const q = new URLSearchParams({ limit: '500' });
    if (type) q.set('type', type);
    if (since) q.set('since', String(new Date(since).getTime()));
    if (until) q.set('until', String(new Date(until).getTime()));
    const r = await fetch(withDrill(`/api/events?${q}`));
    setHistory(r.ok ? ((await r.json()) as LiveEvent[]).reverse() : []);
  };
  const list = history ?? live.filter((e) => !type || e.type === type || e.type.startsWith(`${type}.`));
  return (
    <div className="tab-events">
      <div className="toolbar">
        <select value={type} onChange={(e) => setType(e.target.value)} aria-label={t('events.filterType')} data-testid="event-type">
          {EVENT_FAMILIES.map((f) => (
            <option key={f} value={f}>
              {f ? t(`events.family.${f}`) : t('events.allTypes')}
            </option>
          ))}
        </select>
        <label>
          {t('events.from')} <input type="datetime-local" value={since} onChange={(e) => setSince(e.target.value)} />
        </label>
        <label>
          {t('events.to')} <input type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} />
        </label>
        <button type="button" onClick={() => void search()} data-testid="event-search">
          {t('events.search')}
        </button>
        {history && (
          <button type="button" onClick={() => setHistory(null)}>
            {t('events.backToLive')}
          </button>
        )}
      </div>
      <p className="hint">{history ? t('events.historyCount', { n: history.length }) : t('events.liveFeed')}</p>
      <ul className="events" data-testid="event-list">
        {list.slice(0, 200).map((e) => (
          <EventItem key={e.id} e={e} model={model} />
        ))}
      </ul>
    </div>
  );
}

function PeopleTab({ model }: { model: ParkModel }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  useNow(2000);
  const [q, setQ] = useState('');
  const selected = useSelection((s) => s.selectedId);
  const [track, setTrack] = useState<{ id: string; points: number } | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && (e.target as HTMLElement)?.tagName !== 'INPUT') {
        e.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const all = [...liveBuffers.positions.values()];
  const list = all.filter((p) => !q || p.id.toLowerCase().includes(q.toLowerCase()) || (p.role ?? '').includes(q)).slice(0, 200);
  const pick = async (id: string) => {
    const p = liveBuffers.positions.get(id);
    if (!p) return;
    useSelection.getState().select(id);
    flyToLonLat(model, p.lon, p.lat, 150);
    const r = await fetch(withDrill(`/api/tracks?subject=${encodeURIComponent(id)}&since=${Date.now() - 3600_000}`));
    const pts = r.ok ? ((await r.json()) as { lon: number; lat: number; t_ms: number }[]) : [];
    liveBuffers.trails.set(
      id,
      pts
        .map((x) => [x.lon, x.lat, x.t_ms] as [number, number, number])
        .concat(liveBuffers.trails.get(id) ?? [])
        .sort((a, b) => a[2] - b[2]),
    );
    liveBuffers.version++;
    setTrack({ id, points: pts.length });
  };
  return (
    <div className="tab-people">
      <div className="toolbar">
        <input
          ref={input}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t('people.search')}
          aria-label={t('people.search')}
          data-testid="roster-search"
        />
        <span className="hint">{t('people.count', { n: all.length })}</span>
      </div>
      {track && <p className="hint">{t('people.track', { id: track.id, n: track.points })}</p>}
      <ul className="roster" data-testid="roster">
        {list.map((p) => (
          <li key={p.id} className={selected === p.id ? 'sel' : ''}>
            <button type="button" onClick={() => void pick(p.id)} data-testid="roster-item" data-id={p.id}>
              <span className={`dot c-${subjectClass(p)}`} />
              <span className="id">{p.id}</span>
              <span className="cls">{t(`people.class.${subjectClass(p)}`)}</span>
              {p.role && <span className="role">{t(`people.role.${p.role}`, { defaultValue: p.role })}</span>}
              <span className="time">{fmt.time(p.t)}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function HeadcountTab({ model }: { model: ParkModel }) {
  const { t, i18n } = useTranslation();
  const status = useLive((s) => s.status);
  const zones = model.ofKind('zone');
  const count = (id: string) => status?.headcount[id] ?? 0;
  const name = (f: { props: unknown }, id: string) => displayName(f.props, i18n.language, id);
  const hazardousTotal = zones.filter((z) => z.props.purpose === 'hazardous_area').reduce((s, z) => s + count(z.id), 0);
  const byEnterprise = new Map<string, number>();
  for (const z of zones) {
    const e = (z.props as { enterprise_id?: string }).enterprise_id ?? 'park';
    byEnterprise.set(e, (byEnterprise.get(e) ?? 0) + count(z.id));
  }
  const gatherings = status?.gatherings ?? [];
  return (
    <div className="tab-headcount">
      <p data-testid="hazardous-total">{t('headcount.hazardousTotal', { n: hazardousTotal })}</p>
      {gatherings.length > 0 && (
        <div className="gatherings" data-testid="gatherings">
          {gatherings.map((g) => (
            <p key={g.zone} className="bad">
              {t('headcount.gathering', { zone: g.zone, n: g.members.length })}
            </p>
          ))}
        </div>
      )}
      <table>
        <thead>
          <tr>
            <th>{t('headcount.zone')}</th>
            <th>{t('headcount.purpose')}</th>
            <th>{t('headcount.now')}</th>
            <th>{t('headcount.limit')}</th>
          </tr>
        </thead>
        <tbody>
          {zones.map((z) => {
            const n = count(z.id);
            const over = z.props.max_occupancy !== undefined && n > z.props.max_occupancy;
            return (
              <tr key={z.id} className={over ? 'bad' : ''} data-testid="headcount-row" data-zone={z.id} data-count={n}>
                <td>
                  <button type="button" className="link" onClick={() => flyToFeature(model, z.id, 300)}>
                    {name(z as never, z.id)}
                  </button>
                </td>
                <td>{t(`zonePurpose.${z.props.purpose}`)}</td>
                <td>{n}</td>
                <td>{z.props.max_occupancy ?? '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h4>{t('headcount.byEnterprise')}</h4>
      <ul>
        {[...byEnterprise].map(([e, n]) => (
          <li key={e}>
            {displayName(model.byId.get(e)?.props, i18n.language, t('headcount.park'))}: {n}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ResourcesTab({ model }: { model: ParkModel }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const selected = useSelection((s) => s.selectedId);
  const at = selected
    ? (model.byId.get(selected)?.anchor ??
      (liveBuffers.positions.get(selected)
        ? model.frame.toLocal([liveBuffers.positions.get(selected)!.lon, liveBuffers.positions.get(selected)!.lat])
        : undefined))
    : undefined;
  const list = model
    .ofKind('emergency_resource')
    .map((r) => ({ r, d: at ? Math.hypot(r.anchor[0] - at[0], r.anchor[1] - at[1]) : null }))
    .sort((a, b) => (a.d ?? 0) - (b.d ?? 0));
  return (
    <div className="tab-resources">
      <p className="hint">{at ? t('resources.from', { id: selected }) : t('resources.selectPlace')}</p>
      <ul data-testid="resources">
        {list.map(({ r, d }) => (
          <li key={r.id}>
            <button type="button" className="link" onClick={() => flyToFeature(model, r.id, 300)}>
              {displayName(r.props, i18n.language, r.id)}
            </button>{' '}
            {t(`resourceType.${(r.props as { type?: string }).type}`, { defaultValue: (r.props as { type?: string }).type ?? '' })}
            {d !== null && <b> {fmt.num(d / 1000, 2)} km</b>}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function CommandPanel({ model, layers, setLayers }: { model: ParkModel; layers: LiveLayers; setLayers(l: LiveLayers): void }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('alarms');
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
  return (
    <aside className={`command${signedIn ? '' : ' signed-out'}`} data-testid="command-panel">
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
