/**
 * The headcount tab: people per zone against each zone's limit.
 */
import { useTranslation } from 'react-i18next';
import type { ParkModel } from '../../model/model.ts';
import { useLive } from '../../state/live.ts';
import { displayName } from '../../model/names.ts';
import { flyToFeature } from './shared.ts';

export function HeadcountTab({ model }: { model: ParkModel }) {
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
