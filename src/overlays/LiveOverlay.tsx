/**
 * Live overlays of the plant view: sensors coloured by state, people and vehicles with trails,
 * the places of recent events. Per-frame data (positions) goes straight from the mutable buffers of
 * src/state/live.ts into instanced meshes; React renders these components once.
 */
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import * as THREE from 'three';
import { tankShape, type ModelFeature, type ParkModel } from '../model/model.ts';
import { useViewStats } from '../state/camera.ts';
import { liveBuffers, sensorStates, useLive, type SensorState } from '../state/live.ts';
import { useSelection } from '../state/selection.ts';
import { SENSOR_COLORS, SUBJECT_COLORS, subjectClass, type SubjectClass } from './liveStyle.ts';

export interface LiveLayers {
  sensors: boolean;
  people: boolean;
  trails: boolean;
  events: boolean;
}

const MAX_SUBJECTS = 20_000;
const CLASSES = Object.keys(SUBJECT_COLORS) as SubjectClass[];

/** Marker scale: at least `px` pixels on screen, never below real size (1). */
const screenScale = (px: number) => Math.max(1, useViewStats.getState().metresPerPixel * px);

/** Current display state of each sensor, for tests and the info panel. */
export const sensorDisplay = { states: new Map<string, SensorState>() };

function SensorStates({ model }: { model: ParkModel }) {
  const sensors = useMemo(() => model.ofKind('sensor'), [model]);
  const marks = useRef<THREE.InstancedMesh>(null);
  const lost = useRef<THREE.InstancedMesh>(null);
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
      // alarms stay visible from afar (about 9 px); normal sensors keep their size
      const big = screenScale(6);
      const q = new THREE.Quaternion();
      sensors.forEach((s, i) => {
        const st = states.get(s.id) ?? (liveBuffers.readings.has(s.id) ? 'normal' : 'unknown');
        const alarmed = st !== 'normal' && st !== 'unknown' && st !== 'comm_lost';
        const size = alarmed ? Math.max(2.2, big) : 1;
        m.compose(new THREE.Vector3(s.anchor[0], s.props.height_m + 1.5 + (alarmed ? size : 0), -s.anchor[1]), q, new THREE.Vector3(size, size, size));
        mesh.setMatrixAt(i, m);
        mesh.setColorAt(i, color.set(SENSOR_COLORS[st]));
        if (st === 'comm_lost') {
          const b = Math.max(1.6, big * 0.6);
          m.compose(new THREE.Vector3(s.anchor[0], s.props.height_m + 3 + b, -s.anchor[1]), q, new THREE.Vector3(b, b, b));
          box.setMatrixAt(k++, m);
        }
      });
      box.count = k;
      mesh.instanceMatrix.needsUpdate = true;
      if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
      box.instanceMatrix.needsUpdate = true;
      invalidate();
    };
    apply();
    let mpp = useViewStats.getState().metresPerPixel;
    const offView = useViewStats.subscribe((v) => {
      if (Math.abs(v.metresPerPixel - mpp) / mpp > 0.2) {
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
      <instancedMesh ref={marks} args={[undefined, undefined, sensors.length]} frustumCulled={false} userData={{ layer: 'live:sensor', ids: sensors.map((s) => s.id) }}>
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

function Subjects({ model, trails }: { model: ParkModel; trails: boolean }) {
  const meshes = useRef<Partial<Record<SubjectClass, THREE.InstancedMesh | null>>>({});
  const trailRef = useRef<THREE.LineSegments>(null);
  const seen = useRef(-1);
  const { invalidate } = useThree();
  const trailGeom = useMemo(() => {
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.BufferAttribute(new Float32Array(MAX_SUBJECTS * 2 * 3 * 8), 3));
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
  const scaleSeen = useRef(0);
  useFrame(() => {
    const scale = screenScale(4); // people and vehicles at least about 4 px
    if (liveBuffers.version === seen.current && Math.abs(scale - scaleSeen.current) / scale < 0.2) return;
    seen.current = liveBuffers.version;
    scaleSeen.current = scale;
    const m = new THREE.Matrix4();
    const q = new THREE.Quaternion();
    const sv = new THREE.Vector3(scale, scale, scale);
    const v = new THREE.Vector3();
    const counts: Record<SubjectClass, number> = { person: 0, car: 0, goods: 0, hazchem: 0, emergency: 0 };
    const ids: Record<SubjectClass, string[]> = { person: [], car: [], goods: [], hazchem: [], emergency: [] };
    for (const p of liveBuffers.positions.values()) {
      const c = subjectClass(p);
      const mesh = meshes.current[c];
      if (!mesh || counts[c] >= MAX_SUBJECTS) continue;
      const [x, y] = model.frame.toLocal([p.lon, p.lat]);
      const h = (c === 'person' ? 1.7 : 1.5) * scale;
      m.compose(v.set(x, h + (p.floor ?? 0) * 4, -y), q, sv);
      mesh.setMatrixAt(counts[c], m);
      ids[c].push(p.id);
      counts[c]++;
    }
    for (const c of CLASSES) {
      const mesh = meshes.current[c];
      if (!mesh) continue;
      mesh.count = counts[c];
      mesh.userData.ids = ids[c];
      mesh.instanceMatrix.needsUpdate = true;
    }
    if (trails && trailRef.current) {
      const pos = trailGeom.getAttribute('position') as THREE.BufferAttribute;
      const arr = pos.array as Float32Array;
      let n = 0;
      const cap = arr.length / 3 - 2;
      for (const t of liveBuffers.trails.values()) {
        for (let i = 1; i < t.length && n < cap; i++) {
          const [ax, ay] = model.frame.toLocal([t[i - 1][0], t[i - 1][1]]);
          const [bx, by] = model.frame.toLocal([t[i][0], t[i][1]]);
          arr.set([ax, 0.6, -ay, bx, 0.6, -by], n * 3);
          n += 2;
        }
      }
      pos.needsUpdate = true;
      trailGeom.setDrawRange(0, n);
    }
  });
  return (
    <group name="live-subjects">
      {CLASSES.map((c) => (
        <instancedMesh key={c} ref={(r) => void (meshes.current[c] = r)} args={[undefined, undefined, MAX_SUBJECTS]} frustumCulled={false} userData={{ layer: `live:${c}`, ids: [] }}>
          {c === 'person' ? <capsuleGeometry args={[0.9, 1.6, 2, 6]} /> : <boxGeometry args={[c === 'car' ? 4.5 : 9, 3, 2.6]} />}
          <meshBasicMaterial color={SUBJECT_COLORS[c]} />
        </instancedMesh>
      ))}
      {trails && (
        <lineSegments ref={trailRef} geometry={trailGeom} frustumCulled={false}>
          <lineBasicMaterial color="#4fc3f7" transparent opacity={0.5} />
        </lineSegments>
      )}
    </group>
  );
}

/** Rings at the places of the latest breaches and geofence events (last 10 minutes). */
function EventPlaces({ model }: { model: ParkModel }) {
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
        if (typeof d.lon !== 'number' || typeof d.lat !== 'number' || now - Date.parse(e.t) > 10 * 60_000) continue;
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

/** Live liquid levels: a bright band on each tank at the height its level sensor reads. */
function TankLevels({ model }: { model: ParkModel }) {
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

/** The selected subject (a person or vehicle found in the roster) highlighted. */
function SelectedSubject({ model }: { model: ParkModel }) {
  const ref = useRef<THREE.Mesh>(null);
  useFrame(() => {
    const id = useSelection.getState().selectedId;
    const p = id ? liveBuffers.positions.get(id) : undefined;
    if (!ref.current) return;
    ref.current.visible = !!p;
    if (p) {
      const [x, y] = model.frame.toLocal([p.lon, p.lat]);
      ref.current.position.set(x, 0.7, -y);
    }
  });
  return (
    <mesh ref={ref} rotation-x={-Math.PI / 2} visible={false}>
      <ringGeometry args={[6, 8, 32]} />
      <meshBasicMaterial color="#ffffff" />
    </mesh>
  );
}

export function LiveOverlay({ model, layers }: { model: ParkModel; layers: LiveLayers }) {
  return (
    <group name="live">
      {layers.sensors && <SensorStates model={model} />}
      {layers.sensors && <TankLevels model={model} />}
      {layers.people && <Subjects model={model} trails={layers.trails} />}
      {layers.people && <SelectedSubject model={model} />}
      {layers.events && <EventPlaces model={model} />}
    </group>
  );
}
