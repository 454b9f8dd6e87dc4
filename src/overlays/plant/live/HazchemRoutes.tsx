/**
 * The hazchem trucks' planned routes on the plant view: each truck in the park held to its route,
 * drawn from the gate to its destination — amber, red while the truck is off it — and labelled with
 * the plate, the cargo and the destination.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import * as THREE from 'three';
import type { ParkModel } from '../../../model/model.ts';
import { displayName } from '../../../model/names.ts';
import { useScreenLabels } from '../../../scene/plant/screenLabels.tsx';
import { useRoutes } from '../../../state/registers.ts';

const LIFT_m = 3;
export const ROUTE_COLORS = { on: '#ffb300', off: '#e53935' } as const;

export function HazchemRoutes({ model }: { model: ParkModel }) {
  const { i18n } = useTranslation();
  const routes = useRoutes((s) => s.routes);
  const lines = useMemo(
    () =>
      routes.map((r) => {
        const pts = r.line.map((q) => model.frame.toLocal(q));
        const pos: number[] = [];
        for (let i = 0; i + 1 < pts.length; i++) pos.push(pts[i][0], LIFT_m, -pts[i][1], pts[i + 1][0], LIFT_m, -pts[i + 1][1]);
        const g = new THREE.BufferGeometry();
        g.setAttribute('position', new THREE.Float32BufferAttribute(pos, 3));
        const end = pts.at(-1) ?? [0, 0];
        return { r, g, end };
      }),
    [routes, model],
  );
  useScreenLabels(
    'hazchem-routes',
    useMemo(
      () =>
        lines.map(({ r, end }) => ({
          key: r.subject,
          position: [end[0], LIFT_m * 4, -end[1]] as const,
          className: `label label-route${r.off_route ? ' off' : ''}`,
          priority: r.off_route ? 250 : 150,
          content: `${r.vehicle} · ${r.substance} → ${displayName(model.byId.get(r.destination)?.props, i18n.language, r.destination)}`,
        })),
      [lines, model, i18n.language],
    ),
  );
  return (
    <>
      {lines.map(({ r, g }) => (
        <lineSegments key={r.subject} geometry={g} userData={{ layer: 'live:hazchem-routes', ids: [r.subject] }}>
          <lineBasicMaterial color={r.off_route ? ROUTE_COLORS.off : ROUTE_COLORS.on} />
        </lineSegments>
      ))}
    </>
  );
}
