/**
 * The alarms tab: one row per alarmed point (its most important level, the others behind it),
 * named by sensor, installation and enterprise; acknowledging and shelving; flood banners that fold
 * the less important alarms of an area; the alarm sound.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParkModel } from '../../model/model.ts';
import { alarmAction } from '../../net/live.ts';
import { useLive } from '../../state/live.ts';
import { useFormat } from '../common/hooks.ts';
import { displayName } from '../../model/names.ts';
import { type AlarmRow, alarmRows, foldFloods } from '../../state/alarmRows.ts';
import { usePlanner } from '../../state/planner.ts';
import { canOperate, flyToFeature } from './shared.ts';

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

function AlarmRowView({ row, model, operate, onError }: { row: AlarmRow; model: ParkModel; operate: boolean; onError(e: string | null): void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [expanded, setExpanded] = useState(false);
  const a = row.alarm;
  const sensor = model.byId.get(a.sensor);
  const watches = (sensor?.props as { watches?: string } | undefined)?.watches;
  const unit = (sensor?.props as { unit?: string } | undefined)?.unit ?? '';
  // a camera's alarm is its analytics' (1 and 2 are the rules' levels, not a reading): say what they saw
  const camera = (sensor?.props as { camera?: unknown } | undefined)?.camera !== undefined;
  const seen = useLive((s) => (camera ? s.events.find((e) => e.subject === a.sensor && e.type.startsWith('video.')) : undefined));
  const value = camera
    ? seen
      ? t(`video.kind.${seen.type.slice('video.'.length)}`, { defaultValue: seen.type })
      : t('video.analytics')
    : a.value === null
      ? '—'
      : `${fmt.num(a.value, 2)} ${unit}`;
  const unacked = [a, ...row.others].filter((x) => x.state === 'unacknowledged' || x.state === 'rtn_unacknowledged');
  // acknowledging a point acknowledges its every unacknowledged level (HH with its H)
  const ack = async () => {
    for (const x of unacked) {
      const r = await alarmAction(x.id, 'ack');
      if (!r.ok) return onError(t('alarms.actionFailed', { status: r.status, error: r.error ?? '' }));
    }
    onError(null);
  };
  const shelve = async () => {
    const r = await alarmAction(a.id, 'shelve');
    onError(r.ok ? null : t('alarms.actionFailed', { status: r.status, error: r.error ?? '' }));
  };
  return (
    <li
      className={`alarm p-${a.priority} s-${a.state}${a.comm_lost ? ' lost' : ''}${row.majorHazard ? ' mh' : ''}`}
      data-testid="alarm"
      data-alarm={a.id}
      data-state={a.state}
      data-sensor={row.sensor}
    >
      <button type="button" className="alarm-main" onClick={() => flyToFeature(model, watches ?? a.sensor) || flyToFeature(model, a.sensor)}>
        <span className="prio">{t(`alarms.priority.${a.priority}`)}</span>
        <span className="what" title={`${row.name} (${row.sensor})`}>
          {a.level} · {value} · {row.name}
        </span>
        <span className="where" title={[row.installation, row.enterprise].filter(Boolean).join(' · ')}>
          {row.majorHazard && <b className="mh-tag">{t('alarms.majorHazard')}</b>}
          {[row.installation, row.enterprise].filter(Boolean).join(' · ') || row.sensor}
        </span>
        <span className="since">
          <span className="state">{t(`alarms.state.${a.state}`)}</span> · {fmt.time(a.since)}
          {a.ack_by ? ` · ${t('alarms.by', { name: a.ack_by })}` : ''}
        </span>
      </button>
      <span className="actions">
        <button
          type="button"
          disabled={!operate || unacked.length === 0}
          onClick={() => void ack()}
          data-testid="ack"
          title={operate ? '' : t('alarms.operatorsOnly')}
        >
          {t('alarms.ack')}
        </button>
        <button
          type="button"
          disabled={!operate || a.state === 'shelved'}
          onClick={() => void shelve()}
          data-testid="shelve"
          title={operate ? '' : t('alarms.operatorsOnly')}
        >
          {t('alarms.shelve30')}
        </button>
        {row.others.length > 0 && (
          <button type="button" className="link" onClick={() => setExpanded((x) => !x)} data-testid="alarm-more" aria-expanded={expanded}>
            +{row.others.length}
          </button>
        )}
      </span>
      {expanded && (
        <ul className="alarm-others" data-testid="alarm-others">
          {row.others.map((o) => (
            <li key={o.id} data-alarm={o.id} data-state={o.state}>
              {o.level} · {t(`alarms.state.${o.state}`)} · {fmt.time(o.since)}
              {o.ack_by ? ` · ${t('alarms.by', { name: o.ack_by })}` : ''}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function AlarmsTab({ model }: { model: ParkModel }) {
  const { t, i18n } = useTranslation();
  const alarms = useLive((s) => s.alarms);
  const events = useLive((s) => s.events);
  const role = useLive((s) => s.user?.role);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [muted, setMuted] = useState(sound.muted);
  // floods: the newest flood event per area decides whether it is on; before any, the server's status
  // (a page opened during a flood knows of it)
  const statusFloods = useLive((s) => s.status?.floods);
  const floods = useMemo(() => {
    const on = new Map<string, number>();
    const done = new Set<string>();
    const newest = events.find((e) => e.type === 'alarm.flood_start' || e.type === 'alarm.flood_end');
    if (statusFloods && (!newest || (useLive.getState().status?.t ?? 0) >= newest.t)) return new Map(Object.entries(statusFloods));
    for (const e of events) {
      if (e.type !== 'alarm.flood_start' && e.type !== 'alarm.flood_end') continue;
      if (done.has(e.subject)) continue;
      done.add(e.subject);
      if (e.type === 'alarm.flood_start') on.set(e.subject, Number((e.detail as { count?: number }).count ?? 0));
    }
    return on;
  }, [events, statusFloods]);
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
  const units = usePlanner((st) => st.units);
  const rows = useMemo(() => alarmRows(model, alarms, units, i18n.language), [model, alarms, units, i18n.language]);
  const { shown, folded } = foldFloods(rows, new Set(floods.keys()));
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
      {[...folded].map(([area, list]) => (
        <div key={area} className="flood" data-testid="flood" data-area={area}>
          <button type="button" className="flood-banner" onClick={() => setOpen((o) => new Set(o.has(area) ? [...o].filter((x) => x !== area) : [...o, area]))}>
            {t('alarms.flood', { area: displayName(model.byId.get(area)?.props, i18n.language, area), count: list.length })}
          </button>
          {open.has(area) && (
            <ul className="alarms">
              {list.map((r) => (
                <AlarmRowView key={r.sensor} row={r} model={model} operate={operate} onError={setError} />
              ))}
            </ul>
          )}
        </div>
      ))}
      {alarms.length === 0 && <p className="empty">{t('alarms.none')}</p>}
      <ul className="alarms" data-testid="alarm-list">
        {shown.map((r) => (
          <AlarmRowView key={r.sensor} row={r} model={model} operate={operate} onError={setError} />
        ))}
      </ul>
    </div>
  );
}
