/**
 * The naive baseline of bench/render (`?naive=1`): one mesh per object, as a first attempt would
 * draw the park. Never used by the app itself.
 */
import { useMemo } from 'react';
import * as THREE from 'three';
import type { SceneModel } from './buildSceneModel.ts';
import { prismsGeometry } from './geometry.ts';
import { COLORS } from './palette.ts';

export function NaivePark({ scene }: { scene: SceneModel }) {
  const mats = useMemo(
    () => ({
      tank: new THREE.MeshStandardMaterial({ color: COLORS.tankShell }),
      building: new THREE.MeshStandardMaterial({ color: COLORS.building, side: THREE.DoubleSide }),
      sensor: new THREE.MeshStandardMaterial({ color: COLORS.sensor }),
      steel: new THREE.MeshStandardMaterial({ color: COLORS.steel }),
    }),
    [],
  );
  const cylinder = useMemo(() => new THREE.CylinderGeometry(1, 1, 1, 32).translate(0, 0.5, 0), []);
  const octa = useMemo(() => new THREE.OctahedronGeometry(1, 0), []);
  const prisms = useMemo(() => [...scene.buildings, ...scene.processUnits, ...scene.dikes].map((p) => ({ id: p.id, geometry: prismsGeometry([p]).geometry })), [scene]);
  const racks = useMemo(
    () =>
      scene.racks.flatMap((r) =>
        r.path.slice(1).map((b, i) => {
          const a = r.path[i];
          const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
          return { id: `${r.id}-${i}`, x: (a[0] + b[0]) / 2, z: (a[1] + b[1]) / 2, len, h: r.elevation_m, w: r.width_m, yaw: Math.atan2(-(b[1] - a[1]), b[0] - a[0]) };
        }),
      ),
    [scene],
  );
  const tanks = Object.values(scene.tanks);
  const meshes: number[] = [];
  return (
    <group userData={{ layer: 'naive', ids: meshes }}>
      {tanks.flatMap((inst) =>
        inst.ids.map((id, i) => <mesh key={id} geometry={cylinder} material={mats.tank} position={[inst.x[i], 0, inst.z[i]]} scale={[inst.radius[i], inst.height[i], inst.radius[i]]} userData={{ layer: 'naive-tank', ids: [id] }} />),
      )}
      {prisms.map((p) => (
        <mesh key={p.id} geometry={p.geometry} material={mats.building} userData={{ layer: 'naive-prism', ids: [p.id] }} />
      ))}
      {scene.sensors.ids.map((id, i) => (
        <mesh key={id} geometry={octa} material={mats.sensor} position={[scene.sensors.x[i], scene.sensors.height[i], scene.sensors.z[i]]} scale={0.6} userData={{ layer: 'naive-sensor', ids: [id] }} />
      ))}
      {racks.map((r) => (
        <mesh key={r.id} material={mats.steel} position={[r.x, r.h, r.z]} rotation={[0, r.yaw, 0]} userData={{ layer: 'naive-rack', ids: [r.id] }}>
          <boxGeometry args={[r.len, 0.4, r.w]} />
        </mesh>
      ))}
    </group>
  );
}
