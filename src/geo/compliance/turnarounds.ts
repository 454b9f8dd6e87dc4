/**
 * Start-up, shutdown and turnaround (开停车和大检修) of a major hazard source's unit: registered with
 * their window, they raise the unit's attention tier one step while they last (green → yellow →
 * red: parktwin's rule, after the park platform guideline's call for closer watch of start-up,
 * shutdown and turnaround; how far to raise is not set by it — unverified), and list the permits at
 * work in the unit.
 */
import type { ParkModel } from '../../model/model.ts';
import { pointInPolygon } from '../primitives/planar.ts';
import type { Tier } from './supervision.ts';

export const TURNAROUND_KINDS = ['start_up', 'shut_down', 'turnaround'] as const;
export type TurnaroundKind = (typeof TURNAROUND_KINDS)[number];

export interface Turnaround {
  id: string;
  unit: string;
  enterprise: string | null;
  kind: TurnaroundKind;
  /** Epoch ms. */
  from: number;
  to: number;
  note: string;
  by: string;
  registered_at: number;
  cancelled: { at: number; by: string; reason: string } | null;
}

/** Whether a turnaround is on at a time (registered, not cancelled, inside its window). */
export const isOn = (t: Turnaround, now_ms: number) => !t.cancelled && now_ms >= t.from && now_ms <= t.to;

/** A tier one step up (none → yellow: a unit under turnaround is watched even without a suggestion). */
export const raiseTier = (tier: Tier | null): Tier => (tier === 'green' || tier === null ? 'yellow' : 'red');

/** The units under a start-up, shutdown or turnaround now. */
export function unitsUnderTurnaround(list: readonly Turnaround[], now_ms: number): Map<string, Turnaround> {
  const out = new Map<string, Turnaround>();
  for (const t of list) if (isOn(t, now_ms)) out.set(t.unit, t);
  return out;
}

/** Whether a place (a feature id or a point, local metres) lies in a unit: one of its members, or inside its outline. */
export function inUnit(
  model: ParkModel,
  unit: { unit: string; members: readonly string[] },
  feature: string | undefined,
  point?: readonly [number, number],
): boolean {
  if (feature && (feature === unit.unit || unit.members.includes(feature))) return true;
  const u = model.byId.get(unit.unit);
  const p = point ?? (feature ? model.byId.get(feature)?.anchor : undefined);
  return !!p && u?.local.type === 'Polygon' && pointInPolygon(p, u.local.rings);
}
