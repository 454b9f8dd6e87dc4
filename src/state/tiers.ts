/**
 * The enterprises' supervision tiers as the server has them (src/geo/compliance/supervision.ts):
 * read once signed in, replaced entry by entry when an admin decides (src/net/tiers.ts).
 */
import { create } from 'zustand';
import type { EnterpriseTier } from '../geo/compliance/supervision.ts';

export interface TiersState {
  tiers: EnterpriseTier[] | null;
  byEnterprise: ReadonlyMap<string, EnterpriseTier>;
  error: string | null;
}

const index = (tiers: EnterpriseTier[]) => new Map(tiers.map((t) => [t.enterprise, t]));

export const useTiers = create<TiersState>(() => ({ tiers: null, byEnterprise: new Map(), error: null }));

/** The tiers by enterprise (src/net/tiers.ts reads them once signed in). */
export const useEnterpriseTiers = (): ReadonlyMap<string, EnterpriseTier> => useTiers((s) => s.byEnterprise);

/** Puts the server's tiers in the store, all or one enterprise's. */
export function putTiers(update: EnterpriseTier[], all: boolean): void {
  const tiers = all ? update : (useTiers.getState().tiers ?? []).filter((t) => !update.some((u) => u.enterprise === t.enterprise)).concat(update);
  useTiers.setState({ tiers, byEnterprise: index(tiers), error: null });
}
