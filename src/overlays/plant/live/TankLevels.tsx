/**
 * Tank levels drawn on the tanks of the plant view.
 */
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import * as THREE from 'three';
import { tankShape, type ModelFeature, type ParkModel } from '../../../model/model.ts';
import { liveBuffers } from '../../../state/live.ts';

/** Live liquid levels: a bright band on each tank at the height its level sensor reads. */
export function TankLevels({ model }: { model: ParkModel }) {
  const gauges = useMemo(
    () =>
      model
        .ofKind('sensor')
        .filter((s) => s.props.type === 'level' && s.props.watches && model.byId.get(s.props.watches)?.kind === 'tank')
        .map((s) => ({ sensor: s.id, unit: s.props.unit, tank: tankShape(model.byId.get(s.props.watches!) as ModelFeature<'tank'>) })),
    [model],
  );
  const ref = useRef<THREE.InstancedMesh>(null);
  const seen = useRef(-1);
  const { invalidate } = useThree();
  useEffect(() => {
    const t = setInterval(() => liveBuffers.readingsVersion !== seen.current && invalidate(), 500);
    return () => clearInterval(t);
  }, [invalidate]);
  useFrame(() => {
    const mesh = ref.current;
    if (!mesh || liveBuffers.readingsVersion === seen.current) return;
    seen.current = liveBuffers.readingsVersion;
    const m = new THREE.Matrix4();
    const q = new THREE.Quaternion();
    const v = new THREE.Vector3();
    const sc = new THREE.Vector3();
    let k = 0;
    const ids: string[] = [];
    for (const g of gauges) {
      const r = liveBuffers.readings.get(g.sensor);
      if (!r) continue;
      const level_m = g.unit === '%' ? (g.tank.height_m * r.value) / 100 : r.value;
      const y = Math.max(0.2, Math.min(g.tank.height_m, level_m));
      m.compose(v.set(g.tank.center[0], y, -g.tank.center[1]), q, sc.set(g.tank.radius_m * 1.02, 0.6, g.tank.radius_m * 1.02));
      mesh.setMatrixAt(k++, m);
      ids.push(g.sensor);
    }
    mesh.count = k;
    mesh.userData.ids = ids;
    mesh.instanceMatrix.needsUpdate = true;
  });
  return (
    <instancedMesh ref={ref} args={[undefined, undefined, Math.max(1, gauges.length)]} frustumCulled={false} userData={{ layer: 'live:tank-level', ids: [] }}>
      <cylinderGeometry args={[1, 1, 1, 32, 1, true]} />
      <meshBasicMaterial color="#6ec6ff" side={THREE.DoubleSide} />
    </instancedMesh>
  );
}
