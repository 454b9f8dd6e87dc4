/**
 * The resources tab: emergency resources and their distance.
 */
import { useTranslation } from 'react-i18next';
import type { ParkModel } from '../../model/model.ts';
import { liveBuffers } from '../../state/live.ts';
import { useSelection } from '../../state/selection.ts';
import { useFormat } from '../common/hooks.ts';
import { displayName } from '../../model/names.ts';
import { flyToFeature } from './shared.ts';

export function ResourcesTab({ model }: { model: ParkModel }) {
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
