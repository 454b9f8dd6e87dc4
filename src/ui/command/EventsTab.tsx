/**
 * The events tab: the event log by family, each event flying to where it happened.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParkModel } from '../../model/model.ts';
import type { LiveEvent } from '../../protocol/events.ts';
import { liveBuffers, useLive } from '../../state/live.ts';
import { useSelection } from '../../state/selection.ts';
import { useFormat } from '../common/hooks.ts';
import { flyToFeature, flyToLonLat } from './shared.ts';
import { api } from '../../net/api.ts';
import { useVideo } from '../../state/video.ts';
import { displayName } from '../../model/names.ts';

/** What an event is about, as a user reads it: an installation by its name, a person by theirs; the id otherwise. */
function named(model: ParkModel, id: string, lang: string): string {
  const f = model.byId.get(id);
  if (f) return displayName(f.props, lang, id);
  return liveBuffers.positions.get(id)?.name ?? id;
}

function EventItem({ e, model }: { e: LiveEvent; model: ParkModel }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const d = e.detail as { lon?: number; lat?: number; snapshot?: number | null; confidence?: number; label?: string | null };
  const video = e.type.startsWith('video.');
  const bad = /breach|unauthorised|violation|over_capacity|stopped|silent|gathering\.start|flood_start|comm_lost|clock_fault/.test(e.type);
  return (
    <li className={`event${bad ? ' bad' : ''}`} data-testid="event" data-type={e.type}>
      <button
        type="button"
        onClick={() => {
          if (typeof d.lon === 'number' && typeof d.lat === 'number') flyToLonLat(model, d.lon, d.lat);
          else flyToFeature(model, e.place ?? e.subject);
          if (liveBuffers.positions.has(e.subject)) useSelection.getState().select(e.subject);
          // an analytics event: its camera on the video wall
          if (video && model.byId.has(e.subject)) useVideo.getState().open([e.subject], e.type, e.subject);
        }}
      >
        <span className="time">{fmt.time(e.t)}</span>
        <span className="type">{t(`events.type.${e.type.replace('.', '_')}`, { defaultValue: e.type })}</span>
        <span className="subject" title={e.subject}>
          {named(model, e.subject, i18n.language)}
        </span>
        {e.place && (
          <span className="place" title={e.place}>
            @ {named(model, e.place, i18n.language)}
          </span>
        )}
        {video && (
          <span className="video-detail">
            {d.label ? ` ${d.label}` : ''}
            {typeof d.confidence === 'number' ? ` · ${t('video.confidence', { p: Math.round(d.confidence * 100) })}` : ''}
          </span>
        )}
        {video && typeof d.snapshot === 'number' && (
          <img className="snapshot" src={`/api/video/snapshots/${d.snapshot}`} alt={t('video.snapshot')} data-testid="event-snapshot" />
        )}
      </button>
    </li>
  );
}

const EVENT_FAMILIES = ['', 'fence', 'gate', 'zone', 'permit', 'gathering', 'hazchem', 'tag', 'alarm', 'sensor', 'video'];

export function EventsTab({ model }: { model: ParkModel }) {
  const { t } = useTranslation();
  const live = useLive((s) => s.events);
  const [history, setHistory] = useState<LiveEvent[] | null>(null);
  const [type, setType] = useState('');
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const search = async () => {
    const r = await api('GET /api/events', {
      query: { limit: 500, type, since: since ? new Date(since).getTime() : undefined, until: until ? new Date(until).getTime() : undefined },
    });
    setHistory(r.ok ? r.data.reverse() : []);
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
