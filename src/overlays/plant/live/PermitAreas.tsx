/**
 * The filed permits at work on the plant view: each area (its drawn polygon, else its installation's
 * outline or circle — src/geo/live/permitWatch.ts, as the server watches it) as a low translucent
 * prism, orange while work goes on, red while suspended, labelled with its kind, grade and number.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { OPS } from '../../../geo/compliance/gb30871.ts';
import { permitRings } from '../../../geo/live/permitWatch.ts';
import type { ParkModel } from '../../../model/model.ts';
import type { Prism } from '../../../scene/plant/buildSceneModel.ts';
import { PrismLayer } from '../../../scene/plant/layers.tsx';
import { useScreenLabels } from '../../../scene/plant/screenLabels.tsx';
import { atWork, useDraftArea, usePermits } from '../../../state/permits.ts';

export const PERMIT_COLORS = { active: '#ff9800', suspended: '#e53935' } as const;

export function PermitAreas({ model }: { model: ParkModel }) {
  const { t, i18n } = useTranslation();
  const permits = usePermits((s) => s.permits);
  const draft = useDraftArea((s) => s.points);
  const draftPrism = useMemo<Prism[]>(
    () =>
      draft && draft.length >= 3 ? [{ id: 'draft', ring: [...draft, draft[0]].map((q) => [q[0], -q[1]] as [number, number]), base_m: 0.3, height_m: 2 }] : [],
    [draft],
  );
  const { layers, labels } = useMemo(() => {
    const out: Record<'active' | 'suspended', Prism[]> = { active: [], suspended: [] };
    const labels: { id: string; x: number; z: number; p: (typeof permits)[number] }[] = [];
    for (const p of atWork(permits)) {
      const rings = permitRings(model, p);
      if (!rings.length) continue;
      const ring = rings[0].map((q) => [q[0], -q[1]] as [number, number]);
      out[p.status as 'active' | 'suspended'].push({ id: p.id, ring, base_m: 0.3, height_m: 4 });
      const n = ring.length - 1 || 1;
      labels.push({ id: p.id, x: ring.slice(0, n).reduce((a, q) => a + q[0], 0) / n, z: ring.slice(0, n).reduce((a, q) => a + q[1], 0) / n, p });
    }
    return { layers: out, labels };
  }, [model, permits]);
  const screen = useMemo(
    () =>
      labels.map(({ id, x, z, p }) => ({
        key: id,
        position: [x, 8, z] as const,
        className: `label label-permit status-${p.status}`,
        priority: p.status === 'suspended' ? 240 : 140,
        content: `${i18n.language.startsWith('en') ? OPS[p.kind].name_en : OPS[p.kind].name_zh}${p.grade ? ` · ${t(`permits.gradeName.${p.grade}`)}` : ''} · ${p.number}`,
      })),
    [labels, i18n.language, t],
  );
  useScreenLabels('permits', screen);
  return (
    <>
      <PrismLayer prisms={draftPrism} layer="live:permit-draft" color="#29b6f6" opacity={0.4} walls pickable={false} />
      {draft?.map((q, i) => (
        <mesh key={`${q[0]},${q[1]},${i}`} position={[q[0], 1.5, -q[1]]}>
          <sphereGeometry args={[1.5, 8, 6]} />
          <meshBasicMaterial color="#29b6f6" />
        </mesh>
      ))}
      {(['active', 'suspended'] as const).map((s) => (
        <PrismLayer key={s} prisms={layers[s]} layer={`live:permit-${s}`} color={PERMIT_COLORS[s]} opacity={0.35} walls pickable={false} />
      ))}
    </>
  );
}
