/**
 * glTF models placed by the layout: fire engines parked at every fire station. (People, cars and
 * trucks use the same models in the live overlays.)
 */
import { Clone, useGLTF } from '@react-three/drei';
import { Suspense } from 'react';
import type { ParkModel } from '../model/model.ts';

export const MODEL_URL = (name: string) => `/models/${name}.glb`;

function FireEngines({ model }: { model: ParkModel }) {
  const { scene } = useGLTF(MODEL_URL('fire-engine'));
  const stations = model.ofKind('emergency_resource').filter((r) => r.props.type === 'fire_station');
  return (
    <group userData={{ layer: 'model:fire-engine', ids: stations.flatMap((s) => [s.id, s.id, s.id]) }}>
      {stations.flatMap((s) =>
        [0, 1, 2].map((k) => <Clone key={`${s.id}-${k}`} object={scene} position={[s.anchor[0] - 10 + k * 10, 0, -s.anchor[1] + 8]} rotation={[0, Math.PI / 2, 0]} />),
      )}
    </group>
  );
}

export function StaticModels({ model }: { model: ParkModel }) {
  return (
    <Suspense fallback={null}>
      <FireEngines model={model} />
    </Suspense>
  );
}
