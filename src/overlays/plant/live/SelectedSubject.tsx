/**
 * The selected person or vehicle, ringed on the plant view.
 */
import { useFrame } from '@react-three/fiber';
import { useMemo, useRef } from 'react';
import * as THREE from 'three';
import type { ParkModel } from '../../../model/model.ts';
import { liveBuffers } from '../../../state/live.ts';
import { useSelection } from '../../../state/selection.ts';

/** The selected subject (a person or vehicle found in the roster): a ring, and its track (the last hour and since). */
export function SelectedSubject({ model }: { model: ParkModel }) {
  const ref = useRef<THREE.Mesh>(null);
  const line = useRef<THREE.Line>(null);
  const seen = useRef({ id: '', version: -1 });
  const geom = useMemo(() => new THREE.BufferGeometry(), []);
  const track = useMemo(() => new THREE.Line(geom, new THREE.LineBasicMaterial({ color: '#ffffff' })), [geom]);
  useFrame(() => {
    const id = useSelection.getState().selectedId;
    const p = id ? liveBuffers.positions.get(id) : undefined;
    if (!ref.current || !line.current) return;
    ref.current.visible = !!p;
    line.current.visible = !!p;
    if (!p || !id) return;
    const [x, y] = model.frame.toLocal([p.lon, p.lat]);
    ref.current.position.set(x, 0.7, -y);
    if (seen.current.id === id && seen.current.version === liveBuffers.version) return;
    seen.current = { id, version: liveBuffers.version };
    const pts = (liveBuffers.trails.get(id) ?? []).flatMap(([lon, lat]) => {
      const [a, b] = model.frame.toLocal([lon, lat]);
      return [a, 0.8, -b];
    });
    geom.setAttribute('position', new THREE.BufferAttribute(new Float32Array(pts), 3));
    geom.computeBoundingSphere();
  });
  return (
    <>
      <mesh ref={ref} rotation-x={-Math.PI / 2} visible={false}>
        <ringGeometry args={[6, 8, 32]} />
        <meshBasicMaterial color="#ffffff" />
      </mesh>
      <primitive object={track} ref={line} visible={false} />
    </>
  );
}
