/** Reading and setting the enterprises' supervision tiers on the server, into the tiers store. */
import type { Tier } from '../geo/compliance/supervision.ts';
import { putTiers, useTiers } from '../state/tiers.ts';
import { api } from './api.ts';

/** Reads every enterprise's tier (those of the user's enterprises, for a scoped user). */
export async function loadTiers(): Promise<void> {
  const r = await api('GET /api/tiers');
  if (r.ok) putTiers(r.data, true);
  else useTiers.setState({ error: r.error });
}

/** An admin sets an enterprise's tier (null: back to the suggestion) with the reason; resolves with the server's error, if any. */
export async function decideTier(enterprise: string, tier: Tier | null, reason: string): Promise<string | null> {
  const r = await api('POST /api/tiers/:enterprise', { params: { enterprise }, body: { tier, reason } });
  if (!r.ok) return r.error;
  putTiers([r.data], false);
  return null;
}
