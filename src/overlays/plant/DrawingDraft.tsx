/**
 * What the planner is drawing on the plant view: the vertices clicked so far (snapped), joined, and
 * the polygon they close when there are three or more.
 */
import { useMemo } from 'react';
import * as THREE from 'three';
import { PrismLayer } from '../../scene/plant/layers.tsx';
import type { Prism } from '../../scene/plant/buildSceneModel.ts';
import { useEditTool } from '../../state/editDraft.ts';

const COLOR = '#ffd54f';

export function DrawingDraft() {
  const tool = useEditTool((s) => s.current);
  const points = tool?.tool === 'draw' ? tool.points : null;
  const prism = useMemo<Prism[]>(
    () =>
      points && points.length >= 3
        ? [{ id: 'drawing', ring: [...points, points[0]].map((q) => [q[0], -q[1]] as [number, number]), base_m: 0.2, height_m: 1 }]
        : [],
    [points],
  );
  const line = useMemo(() => {
    const g = new THREE.BufferGeometry();
    g.setAttribute(
      'position',
      new THREE.Float32BufferAttribute(
        (points ?? []).flatMap((q) => [q[0], 1.5, -q[1]]),
        3,
      ),
    );
    return g;
  }, [points]);
  if (!points) return null;
  return (
    <>
      <PrismLayer prisms={prism} layer="planner:drawing" color={COLOR} opacity={0.35} walls pickable={false} />
      <line>
        <primitive object={line} attach="geometry" />
        <lineBasicMaterial color={COLOR} />
      </line>
      {points.map((q, i) => (
        <mesh key={`${q[0]},${q[1]},${i}`} position={[q[0], 1.5, -q[1]]}>
          <sphereGeometry args={[1.2, 8, 6]} />
          <meshBasicMaterial color={COLOR} />
        </mesh>
      ))}
    </>
  );
}
