/**
 * An enterprise's supervision tier in its details: the tier in force and where it comes from (an
 * admin's decision or the suggestion from its GB 18218 grades), the suggestion and its basis, the
 * history of decisions; an admin sets the tier (or goes back to the suggestion) with a reason.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TIERS, type Tier } from '../geo/compliance/supervision.ts';
import { useLive } from '../state/live.ts';
import { decideTier, loadTiers } from '../net/tiers.ts';
import { useTiers } from '../state/tiers.ts';
import { useFormat } from './common/hooks.ts';

export function SupervisionPanel({ enterprise }: { enterprise: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const loaded = useTiers((s) => s.tiers !== null);
  const tier = useTiers((s) => s.byEnterprise.get(enterprise));
  const user = useLive((s) => s.user);
  const [choice, setChoice] = useState<Tier | ''>('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!loaded) void loadTiers();
  }, [loaded]);
  if (!tier) return null;
  const name = (x: Tier | null) => t(`hazards.tierName.${x ?? 'null'}`);
  const decide = async () => {
    setBusy(true);
    const e = await decideTier(enterprise, choice === '' ? null : choice, reason);
    setBusy(false);
    setError(e);
    if (!e) setReason('');
  };
  return (
    <section data-testid="supervision" data-tier={tier.in_force ?? ''} data-source={tier.source}>
      <h3>{t('supervision.title')}</h3>
      <dl>
        <dt>{t('supervision.inForce')}</dt>
        <dd>
          <span className={`tier tier-${tier.in_force}`}>{name(tier.in_force)}</span> ·{' '}
          {tier.source === 'decided' && tier.decided
            ? t('supervision.decidedBy', { by: tier.decided.by, t: fmt.dateTime(tier.decided.t) })
            : t('supervision.fromSuggestion')}
        </dd>
        <dt>{t('supervision.suggested')}</dt>
        <dd>
          {name(tier.suggested)} — <small>{tier.suggested_basis}</small>
        </dd>
      </dl>
      {tier.history.length > 0 && (
        <ol className="tier-history" data-testid="tier-history">
          {[...tier.history].reverse().map((d) => (
            <li key={d.id}>
              {fmt.dateTime(d.t)} · {d.by}: {d.tier ? name(d.tier) : t('supervision.backToSuggestion')} — {d.reason}
            </li>
          ))}
        </ol>
      )}
      {user?.role === 'admin' && (
        <form
          className="tier-form"
          onSubmit={(e) => {
            e.preventDefault();
            void decide();
          }}
        >
          <select value={choice} onChange={(e) => setChoice(e.target.value as Tier | '')} aria-label={t('supervision.set')} data-testid="tier-choice">
            <option value="">{t('supervision.backToSuggestion')}</option>
            {TIERS.map((x) => (
              <option key={x} value={x}>
                {name(x)}
              </option>
            ))}
          </select>
          <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('supervision.reason')} data-testid="tier-reason" />
          <button type="submit" disabled={busy || reason.trim().length < 5} data-testid="tier-set">
            {t('supervision.set')}
          </button>
          {error && <p className="error">{error}</p>}
        </form>
      )}
    </section>
  );
}
