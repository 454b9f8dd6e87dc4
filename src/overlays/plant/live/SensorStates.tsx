/**
 * Sensor states on the plant view: every sensor coloured by its alarm state, lost ones marked. A
 * mark is what one clicks to pick its sensor (a camera's opens its video): it is larger than the
 * sensor's own marker of the plant view, which it covers. Level of detail: from afar (beyond
 * HIDE_NORMAL_M_PER_PX, where a normal mark is under a pixel and a half) only the sensors in alarm,
 * lost or faulty are drawn — at a size seen on screen — so a park of 30 000 sensors costs what its
 * alarms cost; the instances drawn are packed at the front (`shown` maps an instance to its sensor).
 */
import { useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import * as THREE from 'three';
import type { ParkModel } from '../../../model/model.ts';
import { useViewStats } from '../../../state/camera.ts';
import { liveBuffers, sensorStates, useLive } from '../../../state/live.ts';
import { SENSOR_COLORS, sensorDisplay } from '../../liveStyle.ts';
import { useSelection } from '../../../state/selection.ts';
import { screenScale } from './shared.ts';

/** Metres per pixel beyond which sensors in a normal state are not drawn (their 2.8 m mark under 1.5 px). */
export const HIDE_NORMAL_M_PER_PX = 2;

export function SensorStates({ model }: { model: ParkModel }) {
  const sensors = useMemo(() => model.ofKind('sensor'), [model]);
  const marks = useRef<THREE.InstancedMesh>(null);
  const lost = useRef<THREE.InstancedMesh>(null);
  /** The sensor (index) each drawn instance is. */
  const shown = useRef<number[]>([]);
  const { invalidate } = useThree();
  useEffect(() => {
    const color = new THREE.Color();
    const m = new THREE.Matrix4();
    const apply = () => {
      const { alarms, status } = useLive.getState();
      const states = sensorStates(alarms, status);
      sensorDisplay.states = states;
      const mesh = marks.current;
      const box = lost.current;
      if (!mesh || !box) return;
      let k = 0;
      // alarms stay visible from afar (about 9 px); normal sensors keep their size, and from afar are not drawn
      const big = screenScale(6);
      const far = useViewStats.getState().metresPerPixel > HIDE_NORMAL_M_PER_PX;
      const q = new THREE.Quaternion();
      const drawn: number[] = [];
      sensors.forEach((s, i) => {
        const st = states.get(s.id) ?? (liveBuffers.readings.has(s.id) ? 'normal' : 'unknown');
        const lost = st === 'comm_lost' || st === 'faulty';
        const alarmed = st !== 'normal' && st !== 'unknown' && !lost;
        if (far && !alarmed && !lost) return;
        const size = alarmed ? Math.max(2.2, big) : 1;
        m.compose(new THREE.Vector3(s.anchor[0], s.props.height_m + 1.5 + (alarmed ? size : 0), -s.anchor[1]), q, new THREE.Vector3(size, size, size));
        mesh.setMatrixAt(drawn.length, m);
        mesh.setColorAt(drawn.length, color.set(SENSOR_COLORS[st]));
        drawn.push(i);
        if (lost) {
          const b = Math.max(1.6, big * 0.6);
          m.compose(new THREE.Vector3(s.anchor[0], s.props.height_m + 3 + b, -s.anchor[1]), q, new THREE.Vector3(b, b, b));
          box.setMatrixAt(k++, m);
        }
      });
      box.count = k;
      shown.current = drawn;
      mesh.count = drawn.length;
      mesh.userData.ids = drawn.map((i) => sensors[i].id);
      mesh.instanceMatrix.needsUpdate = true;
      mesh.boundingSphere = null; // picking tests the sphere of the instances first: taken again for the moved ones
      if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
      box.instanceMatrix.needsUpdate = true;
      invalidate();
    };
    apply();
    let mpp = useViewStats.getState().metresPerPixel;
    const offView = useViewStats.subscribe((v) => {
      if (Math.abs(v.metresPerPixel - mpp) / mpp > 0.2 || v.metresPerPixel > HIDE_NORMAL_M_PER_PX !== mpp > HIDE_NORMAL_M_PER_PX) {
        mpp = v.metresPerPixel;
        apply();
      }
    });
    const offLive = useLive.subscribe((s, prev) => {
      if (s.alarms !== prev.alarms || s.status !== prev.status) apply();
    });
    return () => (offView(), offLive());
  }, [sensors, invalidate]);
  return (
    <group name="live-sensors">
      <instancedMesh
        ref={marks}
        args={[undefined, undefined, sensors.length]}
        frustumCulled={false}
        userData={{ layer: 'live:sensor', ids: [] }}
        onClick={(ev) => {
          const s = sensors[shown.current[ev.instanceId ?? -1]];
          if (!s) return;
          ev.stopPropagation();
          useSelection.getState().select(s.id, [s.anchor[0], s.anchor[1]]);
        }}
        onPointerMove={(ev) => {
          const s = sensors[shown.current[ev.instanceId ?? -1]];
          if (!s) return;
          ev.stopPropagation();
          useSelection.getState().hover(s.id);
        }}
        onPointerOut={() => useSelection.getState().hover(null)}
      >
        <octahedronGeometry args={[1.4, 0]} />
        <meshBasicMaterial />
      </instancedMesh>
      <instancedMesh ref={lost} args={[undefined, undefined, sensors.length]} frustumCulled={false} userData={{ layer: 'live:comm-lost' }}>
        <boxGeometry args={[1, 1, 1]} />
        <meshBasicMaterial color={SENSOR_COLORS.comm_lost} wireframe />
      </instancedMesh>
    </group>
  );
}
