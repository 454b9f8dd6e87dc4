/**
 * Live overlays of the plant view: sensors coloured by state, people and vehicles with trails,
 * the places of recent events. Per-frame data (positions) goes straight from the mutable buffers of
 * src/state/live.ts into instanced meshes; React renders these components once.
 */
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import * as THREE from 'three';
import { tankShape, type ModelFeature, type ParkModel } from '../../model/model.ts';
import { useViewStats } from '../../state/camera.ts';
import { liveBuffers, sensorStates, useLive } from '../../state/live.ts';
import { useSelection } from '../../state/selection.ts';
import { usePlanner } from '../../state/planner.ts';
import { unitMonitoring } from '../../state/liveDerived.ts';
import { useEmergency } from '../../state/emergency.ts';
import { PrismLayer } from '../../scene/plant/layers.tsx';
import type { Prism } from '../../scene/plant/buildSceneModel.ts';
import { SENSOR_COLORS, sensorDisplay, SUBJECT_COLORS, subjectClass, type LiveLayers, type SubjectClass } from '../liveStyle.ts';

const MAX_SUBJECTS = 20_000;
const CLASSES = Object.keys(SUBJECT_COLORS) as SubjectClass[];

/** Marker scale: at least `px` pixels on screen, never below real size (1). */
const screenScale = (px: number) => Math.max(1, useViewStats.getState().metresPerPixel * px);

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
        const lost = st === 'comm_lost' || st === 'faulty';
        const alarmed = st !== 'normal' && st !== 'unknown' && !lost;
        const size = alarmed ? Math.max(2.2, big) : 1;
        m.compose(new THREE.Vector3(s.anchor[0], s.props.height_m + 1.5 + (alarmed ? size : 0), -s.anchor[1]), q, new THREE.Vector3(size, size, size));
        mesh.setMatrixAt(i, m);
        mesh.setColorAt(i, color.set(SENSOR_COLORS[st]));
        if (lost) {
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
      <instancedMesh
        ref={marks}
        args={[undefined, undefined, sensors.length]}
        frustumCulled={false}
        userData={{ layer: 'live:sensor', ids: sensors.map((s) => s.id) }}
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
function Subjects({ model, trails }: { model: ParkModel; trails: boolean }) {
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

/** The selected subject (a person or vehicle found in the roster): a ring, and its track (the last hour and since). */
function SelectedSubject({ model }: { model: ParkModel }) {
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

const FOOTPRINT_COLORS = { 1: '#ff1744', 2: '#ff9100', 3: '#ffd600' } as const;

/** Polylines in local metres as one LINE segments geometry at a height (scene x east, z south). */
function lineSegments(lines: readonly (readonly (readonly [number, number])[])[], y: number): THREE.BufferGeometry {
  const pts: number[] = [];
  for (const l of lines) for (let i = 0; i + 1 < l.length; i++) pts.push(l[i][0], y, -l[i][1], l[i + 1][0], y, -l[i + 1][1]);
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.BufferAttribute(new Float32Array(pts), 3));
  return g;
}

/** The emergency scenario: footprints by level (filled, outlined), and each person's route to an assembly point. */
function EmergencyLayer() {
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
function FireShapeLayer() {
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

const TIER_COLORS = { red: '#d32f2f', yellow: '#f9a825', green: '#43a047' } as const;

/** Major hazard units tinted by their supervision tier; a unit with a sensor in alarm flashes red over it. */
function HazardTiers({ model }: { model: ParkModel }) {
  const units = usePlanner((s) => s.units);
  const alarms = useLive((s) => s.alarms);
  const status = useLive((s) => s.status);
  const layers = useMemo(() => {
    const states = sensorStates(alarms, status);
    const rows = unitMonitoring(model, units, states, (id) => liveBuffers.readings.has(id));
    const out: Record<'red' | 'yellow' | 'green' | 'alarm', Prism[]> = { red: [], yellow: [], green: [], alarm: [] };
    for (const u of rows) {
      const f = model.byId.get(u.unit);
      if (f?.local.type !== 'Polygon' || !u.tier) continue;
      const ring = f.local.rings[0].map((p) => [p[0], -p[1]] as [number, number]);
      out[u.tier].push({ id: u.unit, ring, base_m: 0.25, height_m: 0 });
      if (u.inAlarm) out.alarm.push({ id: u.unit, ring, base_m: 0.35, height_m: 0 });
    }
    return out;
  }, [model, units, alarms, status]);
  return (
    <>
      {(['red', 'yellow', 'green'] as const).map((t) => (
        <PrismLayer key={t} prisms={layers[t]} layer={`live:tier-${t}`} color={TIER_COLORS[t]} opacity={0.3} walls={false} pickable={false} />
      ))}
      <PrismLayer prisms={layers.alarm} layer="live:unit-alarm" color="#ff1744" opacity={0.65} walls={false} pickable={false} />
    </>
  );
}

export function LiveOverlay({ model, layers }: { model: ParkModel; layers: LiveLayers }) {
  return (
    <group name="live">
      {layers.hazards && <HazardTiers model={model} />}
      <EmergencyLayer />
      <FireShapeLayer />
      {layers.sensors && <SensorStates model={model} />}
      {layers.sensors && <TankLevels model={model} />}
      {layers.people && <Subjects model={model} trails={layers.trails} />}
      {layers.people && <SelectedSubject model={model} />}
      {layers.events && <EventPlaces model={model} />}
    </group>
  );
}
