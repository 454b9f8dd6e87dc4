/** Special-operation permits on the server (POST /api/permits …), into the permits store. */
import type { z } from 'zod';
import type { ApiResult } from './api.ts';
import type { Permit, PermitAction, PermitActionBody, PermitBody, SpotCheckBody } from '../protocol/permits.ts';
import { putPermit, usePermits } from '../state/permits.ts';
import { api } from './api.ts';
import { followEvents } from './follow.ts';

/** Reads the permits and their statistics (the user's enterprises', for a scoped user). */
export async function loadPermits(): Promise<void> {
  const [list, stats] = await Promise.all([api('GET /api/permits'), api('GET /api/permits/stats')]);
  if (list.ok && stats.ok) usePermits.setState({ permits: list.data, stats: stats.data, loaded: true, error: null });
  else usePermits.setState({ error: !list.ok ? list.error : !stats.ok ? stats.error : null });
}

/** Reads the permits now and again after every `permit.*` event the socket brings (coalesced); returns the stop. */
export const followPermits = (): (() => void) => followEvents((type) => type.startsWith('permit.') && type !== 'permit.violation', loadPermits);

const took = (r: ApiResult<Permit>): ApiResult<Permit> => {
  if (r.ok) putPermit(r.data);
  return r;
};

export const filePermit = async (body: z.input<typeof PermitBody>) => took(await api('POST /api/permits', { body }));
export const actOnPermit = async (id: string, action: PermitAction, body: z.input<typeof PermitActionBody> = {}) =>
  took(await api('POST /api/permits/:id/:action', { params: { id, action }, body }));
export const spotCheckPermit = async (id: string, body: z.input<typeof SpotCheckBody>) =>
  took(await api('POST /api/permits/:id/spot-checks', { params: { id }, body }));
