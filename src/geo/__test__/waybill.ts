/** Test helper: a hazchem waybill for the demo park's LPG station (E-LPG), valid from an hour before `now_ms` to eight hours after. */
import type { Waybill } from '../compliance/waybills.ts';

export const aWaybill = (now_ms: number, over: Partial<Waybill> = {}): Waybill => ({
  id: 'WB-1',
  vehicle: '津A·12345危',
  substance: '液化石油气',
  un_number: '1075',
  quantity_t: 20,
  shipper: '天津港石化物流',
  destination: 'E-LPG',
  driver: { name: '王强', qualification: 'DG-1201' },
  escort: { name: '李军', qualification: 'YY-3301' },
  valid_from: now_ms - 3600_000,
  valid_to: now_ms + 8 * 3600_000,
  ...over,
});
