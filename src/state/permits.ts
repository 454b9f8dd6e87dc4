/**
 * The filed special-operation permits as the server has them (src/net/permits.ts reads them when the
 * command centre opens and again whenever a `permit.*` event arrives), with their statistics.
 */
import { create } from 'zustand';
import type { Permit, PermitStatsRow } from '../protocol/permits.ts';

export interface PermitsState {
  permits: Permit[];
  stats: PermitStatsRow[];
  loaded: boolean;
  error: string | null;
}

export const usePermits = create<PermitsState>(() => ({ permits: [], stats: [], loaded: false, error: null }));

/** An area being drawn on the twin for a permit (local metres, east-north), while the filing form draws one; null otherwise. */
export const useDraftArea = create<{ points: [number, number][] | null }>(() => ({ points: null }));

/** Puts one permit the server answered with into the list (replacing its older copy). */
export function putPermit(p: Permit): void {
  usePermits.setState((s) => ({ permits: [p, ...s.permits.filter((x) => x.id !== p.id)].sort((a, b) => b.filed_at - a.filed_at) }));
}

/** Permits at work (active or suspended): what the twin draws. */
export const atWork = (ps: readonly Permit[]) => ps.filter((p) => p.status === 'active' || p.status === 'suspended');
