/**
 * The people tab: who and what is on the park, by role and vehicle class.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParkModel } from '../../model/model.ts';
import { liveBuffers } from '../../state/live.ts';
import { useSelection } from '../../state/selection.ts';
import { subjectClass } from '../../overlays/liveStyle.ts';
import { useFormat, useNow } from '../common/hooks.ts';
import { flyToLonLat } from './shared.ts';
import { api } from '../../net/api.ts';

export function PeopleTab({ model }: { model: ParkModel }) {
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
  const list = all.filter((p) => !q || [p.id, p.role, p.name, p.company].some((k) => k?.toLowerCase().includes(q.toLowerCase()))).slice(0, 200);
  const pick = async (id: string) => {
    const p = liveBuffers.positions.get(id);
    if (!p) return;
    useSelection.getState().select(id);
    flyToLonLat(model, p.lon, p.lat, 150);
    const r = await api('GET /api/tracks', { query: { subject: id, since: Date.now() - 3600_000 } });
    const pts = r.ok ? r.data : [];
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
              <span className="id">{p.name ? `${p.name} · ${p.id}` : p.id}</span>
              <span className="cls">{t(`people.class.${subjectClass(p)}`)}</span>
              {p.role && <span className="role">{t(`people.role.${p.role}`, { defaultValue: p.role })}</span>}
              {p.company && (
                <span className="company" title={p.company}>
                  {p.company}
                </span>
              )}
              <span className="time">{fmt.time(p.t)}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
