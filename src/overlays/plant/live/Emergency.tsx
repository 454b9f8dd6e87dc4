/**
 * An emergency scenario on the plant view: footprint outlines, evacuation routes, the fire's shape.
 */
import { useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import { useEmergency } from '../../../state/emergency.ts';
import { PrismLayer } from '../../../scene/plant/layers.tsx';
import type { Prism } from '../../../scene/plant/buildSceneModel.ts';

const FOOTPRINT_COLORS = { 1: '#ff1744', 2: '#ff9100', 3: '#ffd600' } as const;

/** Polylines in local metres as one LINE segments geometry at a height (scene x east, z south). */
export function lineSegments(lines: readonly (readonly (readonly [number, number])[])[], y: number): THREE.BufferGeometry {
  const pts: number[] = [];
  for (const l of lines) for (let i = 0; i + 1 < l.length; i++) pts.push(l[i][0], y, -l[i][1], l[i + 1][0], y, -l[i + 1][1]);
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.BufferAttribute(new Float32Array(pts), 3));
  return g;
}

/** The emergency scenario: footprints by level (filled, outlined), and each person's route to an assembly point. */
export function EmergencyLayer() {
  const result = useEmergency((s) => s.result);
  const assessment = useEmergency((s) => s.assessment);
  const { invalidate } = useThree();
  const fills = useMemo(() => {
    const out: Record<1 | 2 | 3, Prism[]> = { 1: [], 2: [], 3: [] };
    for (const f of result?.footprints ?? [])
      out[f.level].push({ id: `${f.label}`, ring: f.ring.map((p) => [p[0], -p[1]] as [number, number]), base_m: 0.4 + (3 - f.level) * 0.1, height_m: 0 });
    return out;
  }, [result]);
  const outlines = useMemo(
    () =>
      lineSegments(
        (result?.footprints ?? []).map((f) => f.ring),
        1,
      ),
    [result],
  );
  const routes = useMemo(
    () =>
      lineSegments(
        (assessment?.people ?? []).map((p) => p.route),
        1.5,
      ),
    [assessment],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: redraw when the footprints or routes change
  useEffect(() => invalidate(), [result, assessment, invalidate]);
  if (!result) return null;
  return (
    <group name="emergency">
      {([3, 2, 1] as const).map((l) => (
        <PrismLayer key={l} prisms={fills[l]} layer={`live:footprint-${l}`} color={FOOTPRINT_COLORS[l]} opacity={0.22} walls={false} pickable={false} />
      ))}
      <lineSegments geometry={outlines} userData={{ layer: 'live:footprint-outline', ids: result.footprints.map((f) => f.label) }}>
        <lineBasicMaterial color="#ff5252" />
      </lineSegments>
      <lineSegments geometry={routes} userData={{ layer: 'live:routes', ids: (assessment?.people ?? []).map((p) => p.id) }}>
        <lineBasicMaterial color="#00e676" />
      </lineSegments>
    </group>
  );
}

/**
 * What burns, as the model sees it: a pool fire's flame — a cylinder on its base circle (on the
 * ground, or on a tank's roof), sheared downwind by its tilt — or a BLEVE's fireball.
 */
export function FireShapeLayer() {
  const shape = useEmergency((s) => s.result?.shape ?? null);
  const geometry = useMemo(() => {
    if (!shape) return null;
    if (shape.kind === 'fireball') {
      const g = new THREE.SphereGeometry(shape.diameter_m / 2, 32, 16);
      g.translate(shape.centre[0], shape.height_m, -shape.centre[1]);
      return g;
    }
    const H = shape.length_m * Math.cos(shape.tilt_rad);
    const g = new THREE.CylinderGeometry(shape.diameter_m / 2, shape.diameter_m / 2, H, 48, 8, false);
    // scene x east, z south: downwind (clockwise from north) is (sin β, −cos β); shear by h tan θ
    const b = (shape.downwind_deg * Math.PI) / 180;
    const [dx, dz] = [Math.sin(b), -Math.cos(b)];
    const t = Math.tan(shape.tilt_rad);
    const pos = g.getAttribute('position') as THREE.BufferAttribute;
    for (let i = 0; i < pos.count; i++) {
      const h = pos.getY(i) + H / 2;
      pos.setXYZ(i, shape.centre[0] + pos.getX(i) + h * t * dx, shape.base_m + h, -shape.centre[1] + pos.getZ(i) + h * t * dz);
    }
    g.computeVertexNormals();
    return g;
  }, [shape]);
  if (!shape || !geometry) return null;
  return (
    <mesh geometry={geometry} userData={{ layer: `live:${shape.kind}`, ids: [shape.kind] }} renderOrder={2}>
      <meshBasicMaterial color={shape.kind === 'flame' ? '#ff6d00' : '#ffab00'} transparent opacity={0.55} depthWrite={false} />
    </mesh>
  );
}
