/**
 * Major hazard units tinted by their tier (red, yellow, green): their enterprise's tier where an
 * admin set it, else the suggestion from the unit's own grade.
 */
import { useMemo } from 'react';
import type { ParkModel } from '../../../model/model.ts';
import { liveBuffers, sensorStates, useLive } from '../../../state/live.ts';
import { usePlanner } from '../../../state/planner.ts';
import { unitMonitoring } from '../../../state/liveDerived.ts';
import { useEnterpriseTiers } from '../../../state/tiers.ts';
import { useRegisters } from '../../../state/registers.ts';
import { unitsUnderTurnaround } from '../../../geo/compliance/turnarounds.ts';
import { PrismLayer } from '../../../scene/plant/layers.tsx';
import type { Prism } from '../../../scene/plant/buildSceneModel.ts';

const TIER_COLORS = { red: '#d32f2f', yellow: '#f9a825', green: '#43a047' } as const;

/** Major hazard units tinted by their supervision tier; a unit with a sensor in alarm flashes red over it. */
export function HazardTiers({ model }: { model: ParkModel }) {
  const units = usePlanner((s) => s.units);
  const alarms = useLive((s) => s.alarms);
  const status = useLive((s) => s.status);
  const tiers = useEnterpriseTiers();
  const turnarounds = useRegisters((s) => s.turnarounds);
  const layers = useMemo(() => {
    const states = sensorStates(alarms, status);
    // a unit under start-up, shutdown or turnaround is drawn a tier up
    const rows = unitMonitoring(model, units, states, (id) => liveBuffers.readings.has(id), tiers, unitsUnderTurnaround(turnarounds, status?.t ?? Date.now()));
    const out: Record<'red' | 'yellow' | 'green' | 'alarm', Prism[]> = { red: [], yellow: [], green: [], alarm: [] };
    for (const u of rows) {
      const f = model.byId.get(u.unit);
      if (f?.local.type !== 'Polygon' || !u.tier) continue;
      const ring = f.local.rings[0].map((p) => [p[0], -p[1]] as [number, number]);
      out[u.tier].push({ id: u.unit, ring, base_m: 0.25, height_m: 0 });
      if (u.inAlarm) out.alarm.push({ id: u.unit, ring, base_m: 0.35, height_m: 0 });
    }
    return out;
  }, [model, units, alarms, status, tiers, turnarounds]);
  return (
    <>
      {(['red', 'yellow', 'green'] as const).map((t) => (
        <PrismLayer key={t} prisms={layers[t]} layer={`live:tier-${t}`} color={TIER_COLORS[t]} opacity={0.3} walls={false} pickable={false} />
      ))}
      <PrismLayer prisms={layers.alarm} layer="live:unit-alarm" color="#ff1744" opacity={0.65} walls={false} pickable={false} />
    </>
  );
}
