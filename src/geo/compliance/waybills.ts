/**
 * Hazardous-chemical road transport waybills (危险货物道路运输电子运单) checked at the park's gate: a
 * hazchem vehicle coming in must carry a waybill valid now, to an enterprise of the park that stores or
 * uses the substance it carries, with a driver and an escort (押运员) named with their qualification
 * numbers. Pure: the server applies it to every hazchem vehicle passing a gate inward; the gate's own
 * rule (does it admit hazchem vehicles) is the geofence's.
 */
import { findSubstance } from '../../data/substances.ts';
import type { ParkModel } from '../../model/model.ts';

export interface Waybill {
  id: string;
  /** The vehicle: its plate, or its positioning tag. */
  vehicle: string;
  substance: string;
  un_number?: string;
  quantity_t: number;
  shipper: string;
  /** The destination enterprise (its layout id). */
  destination: string;
  driver: { name: string; qualification: string };
  escort: { name: string; qualification: string };
  /** Epoch ms. */
  valid_from: number;
  valid_to: number;
}

export type WaybillVerdict =
  | { ok: true; waybill: string }
  | { ok: false; reason: 'no_waybill' | 'expired' | 'not_permitted' | 'unknown_destination'; waybill: string | null; detail: string };

/** The substances an enterprise stores or uses, by the substance table's id where it knows them (else the name as written). */
export function enterpriseSubstances(model: ParkModel, enterprise: string): Set<string> {
  const out = new Set<string>();
  const key = (s: string) => findSubstance(s)?.id ?? s.trim().toLowerCase();
  for (const f of model.features) {
    const p = f.props as { enterprise_id?: string; substance?: string; other_substances?: { substance: string }[] };
    if (p.enterprise_id !== enterprise) continue;
    if (p.substance) out.add(key(p.substance));
    for (const o of p.other_substances ?? []) out.add(key(o.substance));
  }
  return out;
}

/** Whether a hazchem vehicle (by tag and plate) may come in at a time, by the waybills on file. */
export function checkWaybill(model: ParkModel, vehicle: { tag: string; plate?: string }, waybills: readonly Waybill[], now_ms: number): WaybillVerdict {
  const mine = waybills.filter((w) => w.vehicle === vehicle.tag || (vehicle.plate !== undefined && w.vehicle === vehicle.plate));
  if (!mine.length) return { ok: false, reason: 'no_waybill', waybill: null, detail: `no waybill on file for ${vehicle.plate ?? vehicle.tag}` };
  const current = mine.filter((w) => now_ms >= w.valid_from && now_ms <= w.valid_to);
  if (!current.length) {
    const last = mine.reduce((a, b) => (b.valid_to > a.valid_to ? b : a));
    return {
      ok: false,
      reason: 'expired',
      waybill: last.id,
      detail: `waybill ${last.id} is not valid now (${new Date(last.valid_from).toISOString()} – ${new Date(last.valid_to).toISOString()})`,
    };
  }
  for (const w of current) {
    if (model.byId.get(w.destination)?.kind !== 'enterprise') continue;
    const key = findSubstance(w.substance)?.id ?? w.substance.trim().toLowerCase();
    if (enterpriseSubstances(model, w.destination).has(key)) return { ok: true, waybill: w.id };
  }
  const w = current[0];
  if (model.byId.get(w.destination)?.kind !== 'enterprise')
    return { ok: false, reason: 'unknown_destination', waybill: w.id, detail: `waybill ${w.id} goes to ${w.destination}, no enterprise of the park` };
  return { ok: false, reason: 'not_permitted', waybill: w.id, detail: `${w.destination} neither stores nor uses ${w.substance} (waybill ${w.id})` };
}
