/**
 * The park's registers as the server has them (src/net/registers.ts reads them when the command
 * centre opens and again after each `duty.*`, `turnaround.*` or `contractor.*` event): the duty
 * roster of major hazard sources, turnarounds, contractors and their entries.
 */
import { create } from 'zustand';
import type { DutyStatus } from '../geo/compliance/dutyRoster.ts';
import type { Turnaround } from '../geo/compliance/turnarounds.ts';
import type { ActiveRoute, Contractor, ContractorEntry } from '../protocol/registers.ts';

export interface RegistersState {
  duties: DutyStatus[];
  turnarounds: Turnaround[];
  contractors: Contractor[];
  entries: ContractorEntry[];
  error: string | null;
}

export const useRegisters = create<RegistersState>(() => ({ duties: [], turnarounds: [], contractors: [], entries: [], error: null }));

/** The hazchem trucks in the park and the routes they are held to (src/net/registers.ts followRoutes). */
export const useRoutes = create<{ routes: ActiveRoute[] }>(() => ({ routes: [] }));
