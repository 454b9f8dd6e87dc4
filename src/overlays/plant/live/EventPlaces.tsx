/**
 * Where recent events happened, marked on the plant view.
 */
import { useThree } from '@react-three/fiber';
import { useEffect, useRef } from 'react';
import * as THREE from 'three';
import type { ParkModel } from '../../../model/model.ts';
import { useLive } from '../../../state/live.ts';

/** Rings at the places of the latest breaches and geofence events (last 10 minutes). */
export function EventPlaces({ model }: { model: ParkModel }) {
  const ref = useRef<THREE.InstancedMesh>(null);
  const { invalidate } = useThree();
  useEffect(() => {
    const m = new THREE.Matrix4();
    const apply = () => {
      const mesh = ref.current;
      if (!mesh) return;
      const now = Date.now();
      let k = 0;
      for (const e of useLive.getState().events) {
        if (k >= 64) break;
        const d = e.detail as { lon?: number; lat?: number };
        if (typeof d.lon !== 'number' || typeof d.lat !== 'number' || now - e.t > 10 * 60_000) continue;
        if (!/^(fence\.breach|gate\.unauthorised|zone\.unauthorised|permit\.violation|hazchem\.stopped|tag\.silent|gathering\.start)$/.test(e.type)) continue;
        const [x, y] = model.frame.toLocal([d.lon, d.lat]);
        m.makeTranslation(x, 0.8, -y);
        mesh.setMatrixAt(k++, m);
      }
      mesh.count = k;
      mesh.instanceMatrix.needsUpdate = true;
      invalidate();
    };
    apply();
    return useLive.subscribe((s, prev) => s.events !== prev.events && apply());
  }, [model, invalidate]);
  return (
    <instancedMesh ref={ref} args={[undefined, undefined, 64]} frustumCulled={false} userData={{ layer: 'live:event-place' }}>
      <torusGeometry args={[14, 1.6, 6, 32]} />
      <meshBasicMaterial color="#ff3b30" />
    </instancedMesh>
  );
}
