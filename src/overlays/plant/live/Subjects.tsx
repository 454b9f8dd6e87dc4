/**
 * People and vehicles on the plant view: points from afar, shapes near, trails behind them.
 */
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import * as THREE from 'three';
import type { ParkModel } from '../../../model/model.ts';
import { useViewStats } from '../../../state/camera.ts';
import { liveBuffers } from '../../../state/live.ts';
import { SUBJECT_COLORS, subjectClass, type SubjectClass } from '../../liveStyle.ts';
import { CLASSES, MAX_SUBJECTS, screenScale } from './shared.ts';

/** Trail segments kept per subject on the GPU (the latest ones). */
const TRAIL_SEGS = 8;
/** Trails are drawn only closer than this ground resolution (m per pixel): from afar they are clutter. */
const TRAIL_MPP = 3;
/** Beyond this ground resolution (m per pixel) people and vehicles are drawn as coloured points, one vertex each. */
const POINTS_MPP = 1.5;

/**
 * People and vehicles: one instanced mesh per class, each subject in a fixed slot; a frame touches
 * only the subjects whose position changed since the last (the cost follows the update rate, not
 * the number of subjects). Trails are line segments written as positions arrive, drawn near by.
 */
export function Subjects({ model, trails }: { model: ParkModel; trails: boolean }) {
  const meshes = useRef<Partial<Record<SubjectClass, THREE.InstancedMesh | null>>>({});
  const trailRef = useRef<THREE.LineSegments>(null);
  const pointsRef = useRef<THREE.Points>(null);
  const seen = useRef(-1);
  const { invalidate } = useThree();
  const points = useMemo(() => {
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.BufferAttribute(new Float32Array(MAX_SUBJECTS * 3), 3));
    g.setAttribute('color', new THREE.BufferAttribute(new Float32Array(MAX_SUBJECTS * 3), 3));
    g.setDrawRange(0, 0);
    return g;
  }, []);
  const state = useMemo(
    () => ({
      slots: new Map<string, { cls: SubjectClass; index: number; t: number; x: number; y: number; seg: number }>(),
      counts: { person: 0, car: 0, goods: 0, hazchem: 0, emergency: 0 } as Record<SubjectClass, number>,
      ids: { person: [], car: [], goods: [], hazchem: [], emergency: [] } as Record<SubjectClass, string[]>,
      trailSlots: 0,
      scale: 0,
      trailDirty: false,
      trailUploaded: 0,
      far: true,
    }),
    [],
  );
  const trailGeom = useMemo(() => {
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.BufferAttribute(new Float32Array(MAX_SUBJECTS * TRAIL_SEGS * 2 * 3), 3));
    g.setDrawRange(0, 0);
    return g;
  }, []);
  // new positions arrive outside React: ask for a frame
  useEffect(() => {
    const t = setInterval(() => {
      if (liveBuffers.version !== seen.current) invalidate();
    }, 100);
    return () => clearInterval(t);
  }, [invalidate]);
  useFrame(() => {
    const scale = screenScale(4); // people and vehicles at least about 4 px
    const rescale = Math.abs(scale - state.scale) / scale > 0.2;
    const mpp = useViewStats.getState().metresPerPixel;
    if (trailRef.current) trailRef.current.visible = trails && mpp < TRAIL_MPP;
    const far = mpp > POINTS_MPP;
    const lodChanged = far !== state.far;
    state.far = far;
    if (pointsRef.current) pointsRef.current.visible = far;
    for (const c of CLASSES) if (meshes.current[c]) meshes.current[c]!.visible = !far;
    if (liveBuffers.version === seen.current && !rescale && !lodChanged) return;
    seen.current = liveBuffers.version;
    if (liveBuffers.positions.size < state.slots.size) {
      // the buffers were reset (a new sign-in): start again
      state.slots.clear();
      for (const c of CLASSES) (state.counts[c] = 0), (state.ids[c] = []);
      state.trailSlots = 0;
    }
    if (rescale) state.scale = scale;
    const m = new THREE.Matrix4();
    const q = new THREE.Quaternion();
    const sv = new THREE.Vector3(state.scale, state.scale, state.scale);
    const v = new THREE.Vector3();
    const touched = new Set<SubjectClass>();
    const trailArr = (trailGeom.getAttribute('position') as THREE.BufferAttribute).array as Float32Array;
    const pointPos = (points.getAttribute('position') as THREE.BufferAttribute).array as Float32Array;
    const pointCol = (points.getAttribute('color') as THREE.BufferAttribute).array as Float32Array;
    const col = new THREE.Color();
    const place = (slot: { cls: SubjectClass; index: number; x: number; y: number; seg: number }, floor: number) => {
      if (slot.seg < MAX_SUBJECTS) {
        pointPos.set([slot.x, 2 + floor * 4, -slot.y], slot.seg * 3);
        col.set(SUBJECT_COLORS[slot.cls]);
        pointCol.set([col.r, col.g, col.b], slot.seg * 3);
      }
      const mesh = meshes.current[slot.cls];
      if (!mesh) return;
      const h = (slot.cls === 'person' ? 1.7 : 1.5) * state.scale;
      mesh.setMatrixAt(slot.index, m.compose(v.set(slot.x, h + floor * 4, -slot.y), q, sv));
      touched.add(slot.cls);
    };
    for (const p of liveBuffers.positions.values()) {
      let slot = state.slots.get(p.id);
      if (slot && slot.t === p.t && !rescale) continue;
      const [x, y] = model.frame.toLocal([p.lon, p.lat]);
      if (!slot) {
        const cls = subjectClass(p);
        if (state.counts[cls] >= MAX_SUBJECTS) continue;
        slot = { cls, index: state.counts[cls]++, t: p.t, x, y, seg: state.trailSlots++ };
        state.ids[cls].push(p.id);
        state.slots.set(p.id, slot);
      } else if (slot.t !== p.t && slot.seg < MAX_SUBJECTS) {
        // a trail segment from the last position to this one, in the subject's ring of segments
        const k = (slot.seg * TRAIL_SEGS + (Math.floor(p.t / 1000) % TRAIL_SEGS)) * 6;
        trailArr[k] = slot.x;
        trailArr[k + 1] = 0.6;
        trailArr[k + 2] = -slot.y;
        trailArr[k + 3] = x;
        trailArr[k + 4] = 0.6;
        trailArr[k + 5] = -y;
        state.trailDirty = true;
      }
      slot.t = p.t;
      slot.x = x;
      slot.y = y;
      place(slot, p.floor ?? 0);
    }
    // upload only what is drawn: points from afar, meshes near by (everything once when switching)
    for (const c of CLASSES) {
      const mesh = meshes.current[c];
      if (!mesh) continue;
      mesh.count = state.counts[c];
      mesh.userData.ids = state.ids[c];
      if (!far && (touched.has(c) || lodChanged)) mesh.instanceMatrix.needsUpdate = true;
    }
    if (far && (touched.size || lodChanged)) {
      points.getAttribute('position').needsUpdate = true;
      points.getAttribute('color').needsUpdate = true;
      points.setDrawRange(0, Math.min(MAX_SUBJECTS, state.trailSlots));
    }
    if (pointsRef.current) pointsRef.current.userData.count = Math.min(MAX_SUBJECTS, state.trailSlots);
    // trails go to the GPU at most twice a second, and only when drawn
    const now = performance.now();
    if (state.trailDirty && trailRef.current?.visible && now - state.trailUploaded > 500) {
      (trailGeom.getAttribute('position') as THREE.BufferAttribute).needsUpdate = true;
      trailGeom.setDrawRange(0, Math.min(MAX_SUBJECTS, state.trailSlots) * TRAIL_SEGS * 2);
      state.trailDirty = false;
      state.trailUploaded = now;
    }
  });
  return (
    <group name="live-subjects">
      {CLASSES.map((c) => (
        <instancedMesh
          key={c}
          ref={(r) => void (meshes.current[c] = r)}
          args={[undefined, undefined, MAX_SUBJECTS]}
          frustumCulled={false}
          userData={{ layer: `live:${c}`, ids: [] }}
        >
          {c === 'person' ? <coneGeometry args={[0.9, 3.4, 4, 1]} /> : <boxGeometry args={[c === 'car' ? 4.5 : 9, 3, 2.6]} />}
          <meshBasicMaterial color={SUBJECT_COLORS[c]} />
        </instancedMesh>
      ))}
      <points ref={pointsRef} geometry={points} frustumCulled={false} userData={{ layer: 'live:points' }}>
        <pointsMaterial size={5} sizeAttenuation={false} vertexColors />
      </points>
      {trails && (
        <lineSegments ref={trailRef} geometry={trailGeom} frustumCulled={false} visible={false}>
          <lineBasicMaterial color="#4fc3f7" transparent opacity={0.5} />
        </lineSegments>
      )}
    </group>
  );
}
