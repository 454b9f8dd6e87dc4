/**
 * glTF models placed by the layout: fire engines parked at every fire station. Each mesh of the
 * model becomes one InstancedMesh over all placements, so models cost a few draw calls however many
 * stations there are. (People, cars and trucks use the same models in the live overlays.)
 */
import { useGLTF } from '@react-three/drei';
import { Suspense, useMemo } from 'react';
import * as THREE from 'three';
import type { ParkModel } from '../../model/model.ts';
import { useViewStats } from '../../state/camera.ts';
import { DETAIL_MPP } from './layers.tsx';

export const MODEL_URL = (name: string) => `/models/${name}.glb`;

/** One InstancedMesh per mesh of `object`, placed at each of `placements`. */
export function instancedModel(object: THREE.Object3D, placements: THREE.Matrix4[], layer: string, ids: string[]): THREE.Group {
  const group = new THREE.Group();
  group.userData = { layer, ids };
  object.updateWorldMatrix(true, true);
  object.traverse((o) => {
    const mesh = o as THREE.Mesh;
    if (!mesh.isMesh) return;
    const im = new THREE.InstancedMesh(mesh.geometry, mesh.material, placements.length);
    const m = new THREE.Matrix4();
    placements.forEach((p, i) => im.setMatrixAt(i, m.multiplyMatrices(p, mesh.matrixWorld)));
    im.instanceMatrix.needsUpdate = true;
    im.computeBoundingSphere();
    group.add(im);
  });
  return group;
}

function FireEngines({ model }: { model: ParkModel }) {
  const { scene } = useGLTF(MODEL_URL('fire-engine'));
  const group = useMemo(() => {
    const stations = model.ofKind('emergency_resource').filter((r) => r.props.type === 'fire_station');
    const placements: THREE.Matrix4[] = [];
    const ids: string[] = [];
    const q = new THREE.Quaternion().setFromAxisAngle(new THREE.Vector3(0, 1, 0), Math.PI / 2);
    for (const s of stations) {
      for (let k = 0; k < 3; k++) {
        placements.push(new THREE.Matrix4().compose(new THREE.Vector3(s.anchor[0] - 10 + k * 10, 0, -s.anchor[1] + 8), q, new THREE.Vector3(1, 1, 1)));
        ids.push(s.id);
      }
    }
    return instancedModel(scene, placements, 'model:fire-engine', ids);
  }, [scene, model]);
  // sub-pixel far away: hidden above the detail threshold
  const coarse = useViewStats((s) => s.metresPerPixel > DETAIL_MPP);
  return <primitive object={group} visible={!coarse} />;
}

export function StaticModels({ model }: { model: ParkModel }) {
  return (
    <Suspense fallback={null}>
      <FireEngines model={model} />
    </Suspense>
  );
}
