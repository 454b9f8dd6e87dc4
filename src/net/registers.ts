/** The park's registers on the server (duties, turnarounds, contractors), into the registers store. */
import type { z } from 'zod';
import type { CancelBody, ContractorBody, DutyCheckinBody, EntryBody, TurnaroundBody } from '../protocol/registers.ts';
import { useLive } from '../state/live.ts';
import { useRegisters, useRoutes } from '../state/registers.ts';
import { api } from './api.ts';
import { followEvents } from './follow.ts';

/** Reads the registers the user may see (contractors: operators and admins only). */
export async function loadRegisters(): Promise<void> {
  const role = useLive.getState().user?.role;
  const [duties, turnarounds, contractors] = await Promise.all([
    api('GET /api/duties'),
    api('GET /api/turnarounds'),
    role === 'operator' || role === 'admin' ? api('GET /api/contractors') : Promise.resolve(null),
  ]);
  useRegisters.setState({
    ...(duties.ok ? { duties: duties.data } : {}),
    ...(turnarounds.ok ? { turnarounds: turnarounds.data } : {}),
    ...(contractors?.ok ? { contractors: contractors.data.contractors, entries: contractors.data.entries } : {}),
    error: !duties.ok ? duties.error : !turnarounds.ok ? turnarounds.error : null,
  });
}

/** Reads the registers now and again after each of their events (coalesced); returns the stop. */
export const followRegisters = (): (() => void) => followEvents((type) => /^(duty|turnaround|contractor)\.(?!refused)/.test(type), loadRegisters);

const then = async <T extends { ok: boolean }>(r: T): Promise<T> => {
  if (r.ok) await loadRegisters();
  return r;
};
export const checkIn = async (unit: string, body: z.input<typeof DutyCheckinBody>) =>
  then(await api('POST /api/duties/:unit/checkins', { params: { unit }, body }));
export const registerTurnaround = async (body: z.input<typeof TurnaroundBody>) => then(await api('POST /api/turnarounds', { body }));
export const cancelTurnaround = async (id: string, body: z.input<typeof CancelBody>) =>
  then(await api('POST /api/turnarounds/:id/cancel', { params: { id }, body }));
export const registerContractor = async (body: z.input<typeof ContractorBody>) => then(await api('POST /api/contractors', { body }));
export const fileEntry = async (id: string, body: z.input<typeof EntryBody>) => then(await api('POST /api/contractors/:id/entries', { params: { id }, body }));
export const revokeEntry = async (id: string, body: z.input<typeof CancelBody>) =>
  then(await api('POST /api/contractor-entries/:id/revoke', { params: { id }, body }));

/** Reads the hazchem trucks' routes now and after every gate passage or waybill event (a truck in or out, off or back on its route). */
export const followRoutes = (): (() => void) =>
  followEvents(
    (type) => type.startsWith('waybill.') || type === 'gate.pass',
    async () => {
      const r = await api('GET /api/waybills/routes');
      if (r.ok) useRoutes.setState({ routes: r.data });
    },
  );
