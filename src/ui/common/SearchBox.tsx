/**
 * One box that finds an installation, sensor, zone, protected target, building, enterprise, person or
 * vehicle by id or name in either language (src/state/search.ts), and flies to it: ↑/↓ to choose,
 * Enter to go, Esc to close. Ctrl+K (or ⌘K) focuses it from anywhere.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParkModel } from '../../model/model.ts';
import { useCamera } from '../../state/camera.ts';
import { liveBuffers } from '../../state/live.ts';
import { type SearchHit, search } from '../../state/search.ts';
import { useSelection } from '../../state/selection.ts';

export function SearchBox({ model }: { model: ParkModel }) {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  // closing on blur waits a moment so a click on a hit lands; focusing again must cancel it, or the
  // list typed into right after a jump closes under the user's fingers
  const closing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `open` re-reads the live positions each time the list opens
  const hits = useMemo(() => search(model, q, liveBuffers.positions.values(), i18n.language), [model, q, i18n.language, open]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const go = (h: SearchHit) => {
    useSelection.getState().select(h.id);
    useCamera.getState().flyTo(h.at, h.subject ? 150 : h.kind === 'enterprise' || h.kind === 'protected_target' ? 900 : 250);
    setOpen(false);
    setQ('');
    input.current?.blur();
  };
  return (
    <span className="search">
      <input
        ref={input}
        value={q}
        placeholder={t('search.placeholder')}
        aria-label={t('search.placeholder')}
        data-testid="search"
        onChange={(e) => {
          clearTimeout(closing.current);
          setQ(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => {
          clearTimeout(closing.current);
          setOpen(true);
        }}
        onBlur={() => {
          clearTimeout(closing.current);
          closing.current = setTimeout(() => setOpen(false), 150);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, hits.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter' && hits[active]) go(hits[active]);
          else if (e.key === 'Escape') setOpen(false), input.current?.blur();
          else return;
          e.preventDefault();
        }}
      />
      {open && q.trim() && (
        <ul className="search-hits" data-testid="search-hits">
          {hits.length === 0 && <li className="empty">{t('search.none')}</li>}
          {hits.map((h, i) => (
            <li key={`${h.subject ? 's' : 'f'}:${h.id}`} className={i === active ? 'active' : ''}>
              <button type="button" onMouseDown={(e) => (e.preventDefault(), go(h))} data-testid="search-hit" data-id={h.id}>
                <span className="label">{h.label}</span>
                <span className="kind">
                  {t(`kind.${h.kind}`, { defaultValue: h.kind })}
                  {h.label !== h.id ? ` · ${h.id}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}
