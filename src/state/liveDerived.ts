/**
 * What the command centre derives from the layout and the live sensor states (pure): the
 * supervision tier and monitoring status of each major hazard unit, and the in-service rates of a
 * storage base's "four systems".
 */
import { raiseTier, type TurnaroundKind } from '../geo/compliance/turnarounds.ts';
import type { StorageBase } from '../geo/compliance/layoutChecks.ts';
import type { HazardUnit } from '../geo/compliance/majorHazards.ts';
import { type EnterpriseTier, type Tier, tierOfGrade, unitTier } from '../geo/compliance/supervision.ts';
import type { ParkModel } from '../model/model.ts';
import type { SensorState } from './live.ts';

export { type Tier, tierOfGrade };

export interface UnitMonitoring {
  unit: string;
  grade: 1 | 2 | 3 | 4 | null;
  tier: Tier | null;
  /** The tier is an admin's decision for the unit's enterprise (else the grade's suggestion). */
  decided: boolean;
  /** A start-up, shutdown or turnaround on now raised the tier one step (src/geo/compliance/turnarounds.ts). */
  raised_by: TurnaroundKind | null;
  R: number;
  sensors: number;
  inAlarm: number;
  commLost: number;
  unknown: number;
}

const ALARM_STATES: ReadonlySet<SensorState> = new Set(['high_unack', 'high_ack', 'medium_unack', 'medium_ack', 'rtn_unack']);

const watchingCache = new WeakMap<ParkModel, Map<string, string[]>>();

/** Sensors watching each installation (or its dike); computed once per model. */
export function sensorsWatching(model: ParkModel): Map<string, string[]> {
  const cached = watchingCache.get(model);
  if (cached) return cached;
  const out = new Map<string, string[]>();
  watchingCache.set(model, out);
  for (const s of model.ofKind('sensor')) {
    const w = s.props.watches;
    if (!w) continue;
    const list = out.get(w);
    if (list) list.push(s.id);
    else out.set(w, [s.id]);
  }
  return out;
}

export function unitMonitoring(
  model: ParkModel,
  units: readonly HazardUnit[],
  states: ReadonlyMap<string, SensorState>,
  hasReading: (id: string) => boolean,
  /** The enterprises' tiers (an admin's decision overrides a unit's own). */
  tiers?: ReadonlyMap<string, EnterpriseTier>,
  /** Units under a start-up, shutdown or turnaround now: their tier is raised one step. */
  turnarounds?: ReadonlyMap<string, { kind: TurnaroundKind }>,
): UnitMonitoring[] {
  const watching = sensorsWatching(model);
  return units
    .filter((u) => u.grade !== null)
    .map((u) => {
      const ids = [...new Set([u.unit, ...u.members].flatMap((m) => watching.get(m) ?? []))];
      let inAlarm = 0;
      let commLost = 0;
      let unknown = 0;
      for (const id of ids) {
        const st = states.get(id) ?? (hasReading(id) ? 'normal' : 'unknown');
        if (ALARM_STATES.has(st)) inAlarm++;
        else if (st === 'comm_lost') commLost++;
        else if (st === 'unknown') unknown++;
      }
      const ta = turnarounds?.get(u.unit);
      const tier = unitTier(u, tiers);
      return {
        unit: u.unit,
        grade: u.grade,
        tier: ta ? raiseTier(tier) : tier,
        decided: u.enterprise ? tiers?.get(u.enterprise)?.source === 'decided' : false,
        raised_by: ta?.kind ?? null,
        R: u.R,
        sensors: ids.length,
        inAlarm,
        commLost,
        unknown,
      };
    })
    .sort((a, b) => (a.grade ?? 9) - (b.grade ?? 9) || b.R - a.R);
}

const SYSTEM_SENSOR: Record<keyof StorageBase['systems'], string[]> = {
  gas_detection: ['combustible_gas', 'toxic_gas'],
  video: ['video'],
  emergency_shutoff: ['esd_valve'],
  lightning_warning: ['lightning'],
};

/**
 * In-service rate of each of the four systems: the share of the base's tanks covered by at least
 * one sensor of the system (on the tank, its dike or its enterprise, as for "equipped") that is
 * reporting — not communication-lost, out of service or never heard.
 */
export function fourSystemsInService(
  model: ParkModel,
  base: StorageBase,
  states: ReadonlyMap<string, SensorState>,
  hasReading: (id: string) => boolean,
): Record<keyof StorageBase['systems'], { equipped_rate: number; in_service_rate: number }> {
  const watching = sensorsWatching(model);
  const out = {} as Record<keyof StorageBase['systems'], { equipped_rate: number; in_service_rate: number }>;
  for (const sys of Object.keys(SYSTEM_SENSOR) as (keyof StorageBase['systems'])[]) {
    const types = SYSTEM_SENSOR[sys];
    let ok = 0;
    for (const tid of base.tanks) {
      const t = model.byId.get(tid)?.props as { dike_id?: string; enterprise_id?: string } | undefined;
      const places = sys === 'lightning_warning' ? [tid, t?.dike_id, t?.enterprise_id] : sys === 'video' ? [tid, t?.dike_id] : [tid];
      const sensors = places
        .flatMap((p) => (p ? (watching.get(p) ?? []) : []))
        .filter((id) => types.includes((model.byId.get(id)?.props as { type?: string } | undefined)?.type ?? ''));
      const live = sensors.some((id) => {
        const st = states.get(id) ?? (hasReading(id) ? 'normal' : 'unknown');
        return st !== 'comm_lost' && st !== 'out_of_service' && st !== 'unknown';
      });
      if (live) ok++;
    }
    out[sys] = { equipped_rate: base.systems[sys].rate, in_service_rate: base.tanks.length ? Math.round((ok / base.tanks.length) * 1000) / 1000 : 0 };
  }
  return out;
}
