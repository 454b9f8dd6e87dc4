/**
 * The filed permits at work on the plant view: each area (its drawn polygon, else its installation's
 * outline or circle — src/geo/live/permitWatch.ts, as the server watches it) as a low translucent
 * prism, orange while work goes on, red while suspended.
 */
import { useMemo } from 'react';
import { permitRings } from '../../../geo/live/permitWatch.ts';
import type { ParkModel } from '../../../model/model.ts';
import type { Prism } from '../../../scene/plant/buildSceneModel.ts';
import { PrismLayer } from '../../../scene/plant/layers.tsx';
import { atWork, usePermits } from '../../../state/permits.ts';

export const PERMIT_COLORS = { active: '#ff9800', suspended: '#e53935' } as const;

export function PermitAreas({ model }: { model: ParkModel }) {
  const permits = usePermits((s) => s.permits);
  const layers = useMemo(() => {
    const out: Record<'active' | 'suspended', Prism[]> = { active: [], suspended: [] };
    for (const p of atWork(permits)) {
      const rings = permitRings(model, p);
      if (!rings.length) continue;
      out[p.status as 'active' | 'suspended'].push({ id: p.id, ring: rings[0].map((q) => [q[0], -q[1]] as [number, number]), base_m: 0.3, height_m: 4 });
    }
    return out;
  }, [model, permits]);
  return (
    <>
      {(['active', 'suspended'] as const).map((s) => (
        <PrismLayer key={s} prisms={layers[s]} layer={`live:permit-${s}`} color={PERMIT_COLORS[s]} opacity={0.35} walls pickable={false} />
      ))}
    </>
  );
}
