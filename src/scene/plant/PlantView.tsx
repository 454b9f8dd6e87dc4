/**
 * The plant view: the park in the local metric frame, drawn with react-three-fiber. Renders on
 * demand (frameloop "demand"): nothing is drawn while nothing changes.
 */
import { MapControls } from '@react-three/drei';
import { ScreenLabelsLayer, ScreenLabelsProjector, useScreenLabels } from './screenLabels.tsx';
import { Canvas, useFrame, useThree } from '@react-three/fiber';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import * as THREE from 'three';
import { dragged, swallowNextClick } from './swallowClick.ts';
import type { ParkModel } from '../../model/model.ts';
import { expandOffsets } from '../../report/planner.ts';
import { useCamera, useViewStats } from '../../state/camera.ts';
import { planner, usePlanner } from '../../state/planner.ts';
import { useSelection } from '../../state/selection.ts';
import { useEditTool } from '../../state/editDraft.ts';
import { buildSceneModel, type SceneModel } from './buildSceneModel.ts';
import {
  farGeometries as F,
  InstancedLayer,
  NaiveContext,
  PrismLayer,
  RackBents,
  RibbonLayer,
  groundUnder,
  unitGeometries as G,
  type DragStart,
  type Offsets,
} from './layers.tsx';
import { COLORS } from './palette.ts';
import { StaticModels } from './StaticModels.tsx';
import { TestHooks } from './TestHooks.tsx';
import { FirstFrame } from './FirstFrame.tsx';
import { softwareRendererKnown, startGpuProbe } from '../gpu.ts';
import { displayName } from '../../model/names.ts';

/** How close the camera must be for a label of each kind to show, m: names appear as you come closer. */
const LABEL_RANGE_m: Partial<Record<string, number>> = {
  enterprise: 20_000,
  protected_target: 12_000,
  process_unit: 2_500,
  dike: 2_000,
  zone: 1_500,
  building: 1_200,
};
const MAX_LABELS = 80;

function Labels({ scene, lang }: { scene: SceneModel; lang: string }) {
  const { camera, controls } = useThree();
  const [visible, setVisible] = useState<string[]>([]);
  useEffect(() => {
    const update = () => {
      const p = camera.position;
      const shown = scene.labels
        .map((l) => ({ id: l.id, d: Math.hypot(l.x - p.x, l.y - p.y, l.z - p.z), max: LABEL_RANGE_m[l.kind] ?? 1000 }))
        .filter((l) => l.d <= l.max)
        .sort((a, b) => a.d / a.max - b.d / b.max)
        .slice(0, MAX_LABELS)
        .map((l) => l.id)
        .sort();
      setVisible((prev) => (prev.length === shown.length && prev.every((v, i) => v === shown[i]) ? prev : shown));
    };
    update();
    const c = controls as unknown as THREE.EventDispatcher<{ change: object }> | null;
    c?.addEventListener('change', update);
    return () => c?.removeEventListener('change', update);
  }, [scene, camera, controls]);
  const byId = useMemo(() => new Map(scene.labels.map((l) => [l.id, l])), [scene]);
  const labels = useMemo(
    () =>
      // the labels in view as last worked out; a feature an edit has just removed is passed over until then
      visible.flatMap((id) => {
        const l = byId.get(id);
        return l
          ? [
              {
                key: l.id,
                position: [l.x, l.kind === 'enterprise' ? 30 : 12, l.z] as const,
                className: `label label-${l.kind}`,
                priority: l.kind === 'enterprise' ? 20 : 10,
                content: displayName(l, lang, l.id),
              },
            ]
          : [];
      }),
    [visible, byId, lang],
  );
  useScreenLabels('names', labels);
  return null;
}

function ViewStats() {
  const { camera, controls, size } = useThree();
  useEffect(() => {
    const update = () => {
      const f = new THREE.Vector3();
      camera.getWorldDirection(f);
      const target = (controls as unknown as { target?: THREE.Vector3 } | null)?.target ?? new THREE.Vector3();
      const dist = camera.position.distanceTo(target);
      const fov = ((camera as THREE.PerspectiveCamera).fov ?? 45) * (Math.PI / 180);
      useViewStats.setState({ heading_rad: Math.atan2(f.x, -f.z), metresPerPixel: (2 * dist * Math.tan(fov / 2)) / size.height });
      // depth precision follows the view: near plane a thousandth of the distance to the target
      const cam = camera as THREE.PerspectiveCamera;
      const near = Math.max(0.5, dist / 1000);
      if (Math.abs(cam.near - near) / near > 0.2) {
        cam.near = near;
        cam.far = Math.max(dist * 50, 200_000);
        cam.updateProjectionMatrix();
      }
    };
    update();
    const c = controls as unknown as THREE.EventDispatcher<{ change: object }> | null;
    c?.addEventListener('change', update);
    return () => c?.removeEventListener('change', update);
  }, [camera, controls, size]);
  return null;
}

/**
 * Planner drags: a pointer-down on a tank or building starts one; the pointer is then followed on
 * the ground plane (y = 0) and the feature's offset updated, until the pointer is released.
 */
function useDrag(): DragStart | undefined {
  const mode = usePlanner((s) => s.mode);
  const { camera, gl, controls, invalidate } = useThree();
  const state = useRef<{ id: string; start: THREE.Vector3; offset: readonly [number, number] } | null>(null);
  const start = useCallback<DragStart>(
    (id, ev) => {
      if (ev.nativeEvent.button !== 0) return;
      if (useEditTool.getState().current) return; // placing or drawing: the click places, it does not drag
      ev.stopPropagation();
      const hit = new THREE.Vector3();
      if (!ev.ray.intersectPlane(new THREE.Plane(new THREE.Vector3(0, 1, 0), 0), hit)) return;
      state.current = { id, start: hit, offset: usePlanner.getState().offsets.get(id) ?? [0, 0] };
      planner.beginDrag(id);
      useSelection.getState().select(id);
      if (controls) (controls as unknown as { enabled: boolean }).enabled = false;
      const el = gl.domElement;
      const ray = new THREE.Raycaster();
      const ndc = new THREE.Vector2();
      const plane = new THREE.Plane(new THREE.Vector3(0, 1, 0), 0);
      const p = new THREE.Vector3();
      const move = (e: PointerEvent) => {
        const d = state.current;
        if (!d) return;
        const r = el.getBoundingClientRect();
        ndc.set(((e.clientX - r.left) / r.width) * 2 - 1, -((e.clientY - r.top) / r.height) * 2 + 1);
        ray.setFromCamera(ndc, camera);
        if (!ray.ray.intersectPlane(plane, p)) return;
        planner.dragTo(d.id, d.offset[0] + (p.x - d.start.x), d.offset[1] - (p.z - d.start.z));
        invalidate();
      };
      const pressed = { clientX: ev.nativeEvent.clientX, clientY: ev.nativeEvent.clientY };
      const up = (e: PointerEvent) => {
        window.removeEventListener('pointermove', move);
        window.removeEventListener('pointerup', up);
        state.current = null;
        if (dragged(pressed, e)) swallowNextClick(); // the release of a drag is not a click on the ground (it would clear the selection)
        if (controls) (controls as unknown as { enabled: boolean }).enabled = true;
        planner.endDrag();
        invalidate();
      };
      window.addEventListener('pointermove', move);
      window.addEventListener('pointerup', up);
    },
    [camera, gl, controls, invalidate],
  );
  return mode === 'planner' ? start : undefined;
}

/**
 * Keeps the centre of the view in the part of the canvas the panels leave free: the projection is
 * offset by half the difference of the panels on the left and the right, so what the camera looks
 * at (and flies to) is seen, not hidden under a panel. Picking and screen positions go through the
 * same projection.
 */
function ViewCentre() {
  const { camera, gl, invalidate, size } = useThree();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the canvas's size is the trigger: the offset is taken again when it changes
  useEffect(() => {
    const cam = camera as THREE.PerspectiveCamera;
    const canvas = gl.domElement;
    let raf = 0;
    let last = 0;
    const apply = () => {
      raf = 0;
      const c = canvas.getBoundingClientRect();
      if (!c.width) return;
      let left = 0;
      let right = 0;
      for (const p of document.querySelectorAll<HTMLElement>('.command, .planner, .info:not(.info-empty)')) {
        const r = p.getBoundingClientRect();
        if (!r.width || r.right <= c.left || r.left >= c.right) continue;
        if (r.left + r.width / 2 < c.left + c.width / 2) left = Math.max(left, Math.min(r.right, c.right) - c.left);
        else right = Math.max(right, c.right - Math.max(r.left, c.left));
      }
      // panels over most of a small screen: no offset (the view would be a sliver)
      const shift = left + right > c.width * 0.6 ? 0 : Math.round((right - left) / 2);
      if (shift === last) return;
      last = shift;
      if (shift) cam.setViewOffset(c.width, c.height, shift, 0, c.width, c.height);
      else cam.clearViewOffset();
      invalidate();
    };
    const schedule = () => {
      if (!raf) raf = requestAnimationFrame(apply);
    };
    const mo = new MutationObserver(schedule);
    mo.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
    window.addEventListener('resize', schedule);
    schedule();
    return () => {
      mo.disconnect();
      window.removeEventListener('resize', schedule);
      cancelAnimationFrame(raf);
      cam.clearViewOffset();
    };
  }, [camera, gl, invalidate, size.width, size.height]);
  return null;
}

/** Flies the camera to the point a panel asked for, in FLIGHT_s whatever the frame rate. */
const FLIGHT_s = 0.8;

function FlyTo({ model }: { model: ParkModel }) {
  const flight = useCamera((s) => s.flight);
  const { camera, controls, invalidate } = useThree();
  const goal = useRef<{ from: THREE.Vector3; fromTarget: THREE.Vector3; target: THREE.Vector3; position: THREE.Vector3; t0: number; seq: number } | null>(null);
  // opened with a selection (e.g. switching back from the globe): keep the focus on it
  useEffect(() => {
    const id = useSelection.getState().selectedId;
    const f = id ? model.byId.get(id) : undefined;
    if (f) useCamera.getState().flyTo(f.anchor, 300);
  }, [model]);
  useEffect(() => {
    if (!flight) return;
    const c = controls as unknown as { target?: THREE.Vector3 } | null;
    const target = new THREE.Vector3(flight.at[0], 0, -flight.at[1]); // the scene's z is −north
    const dir = camera.position
      .clone()
      .sub(c?.target ?? target)
      .normalize();
    if (!Number.isFinite(dir.x)) dir.set(0, 0.7, 0.7);
    // top-down: straight above, a hair to the south so that north stays up
    if (flight.topDown) dir.set(0, 1, 1e-3).normalize();
    goal.current = {
      from: camera.position.clone(),
      fromTarget: (c?.target ?? target).clone(),
      target,
      position: target.clone().add(dir.multiplyScalar(flight.distance_m)),
      t0: performance.now(),
      seq: flight.seq,
    };
    invalidate();
  }, [flight, camera, controls, invalidate]);
  useFrame(() => {
    const g = goal.current;
    const c = controls as unknown as { target: THREE.Vector3; update(): void } | null;
    if (!g || !c) return;
    const t = Math.min(1, (performance.now() - g.t0) / (FLIGHT_s * 1000));
    const k = t * t * (3 - 2 * t); // smoothstep
    c.target.lerpVectors(g.fromTarget, g.target, k);
    camera.position.lerpVectors(g.from, g.position, k);
    c.update();
    if (t >= 1) {
      useCamera.getState().landed(g.seq);
      goal.current = null;
    }
    invalidate();
  });
  return null;
}

const NO_MOVES: ReadonlyMap<string, readonly [number, number]> = new Map();

function Park({ scene, model }: { scene: SceneModel; model: ParkModel }) {
  const t = scene.tanks;
  const onDragStart = useDrag();
  // an import's preview has the moves in its coordinates already
  const moved = usePlanner((s) => (s.preview ? NO_MOVES : s.offsets));
  const offsets: Offsets | undefined = useMemo(() => (moved.size ? expandOffsets(model, moved) : undefined), [moved, model]);
  const tankProps = { offsets, onDragStart };
  return (
    <group>
      <RibbonLayer
        ribbons={scene.controlLine.map((p) => ({ id: p.id, path: p.ring, width_m: 6, elevation_m: 0, tiers: 1 }))}
        layer="land_use_control_line"
        color={COLORS.controlLine}
        pickable={false}
        lift_m={0}
        groundOrder={-5}
      />
      <PrismLayer prisms={scene.park} layer="park" color={COLORS.park} walls={false} pickable={false} groundOrder={-8} />
      <PrismLayer prisms={scene.enterprises} layer="enterprise" color={COLORS.enterprise} walls={false} groundOrder={-7} />
      <RibbonLayer ribbons={scene.roads} layer="road" color={COLORS.road} lift_m={0} groundOrder={-6} />
      <RibbonLayer ribbons={scene.fence} layer="fence" color={COLORS.fence} />
      <PrismLayer
        prisms={scene.fence.map((f) => ({ id: f.id, ring: f.path, base_m: 0, height_m: f.elevation_m }))}
        layer="fence-wall"
        color={COLORS.fence}
        opacity={0.35}
        cap={false}
        pickable={false}
      />
      <PrismLayer prisms={scene.dikes} layer="dike" color={COLORS.dike} cap={false} />
      <PrismLayer prisms={scene.processUnits} layer="process_unit" color={COLORS.processUnit} opacity={0.55} />
      <PrismLayer prisms={scene.buildings} layer="building" color={COLORS.building} offsets={offsets} onDragStart={onDragStart} />
      <RibbonLayer ribbons={scene.racks} layer="pipe_rack" color={COLORS.steel} />
      <RackBents racks={scene.racks} />
      <RibbonLayer ribbons={scene.pipelines.filter((p) => p.elevation_m >= 0)} layer="pipeline" color={COLORS.pipeline} lift_m={0.3} />
      {/* tanks by roof type */}
      <InstancedLayer inst={t.fixed} geometry={G.openCylinder} far={F.openCylinder} color={COLORS.tankShell} placement="shell" layer="tank" {...tankProps} />
      <InstancedLayer inst={t.fixed} geometry={G.cone} far={F.cone} color={COLORS.tankRoof} placement="roof-cone" layer="tank-roof" {...tankProps} />
      <InstancedLayer
        inst={t.internal_floating}
        geometry={G.openCylinder}
        far={F.openCylinder}
        color={COLORS.tankShell}
        placement="shell"
        layer="tank"
        {...tankProps}
      />
      <InstancedLayer
        inst={t.internal_floating}
        geometry={G.cone}
        far={F.cone}
        color={COLORS.tankRoof}
        placement="roof-flat"
        layer="tank-roof"
        {...tankProps}
      />
      <InstancedLayer
        inst={t.floating}
        geometry={G.openCylinder}
        far={F.openCylinder}
        color={COLORS.tankShell}
        placement="shell"
        layer="tank"
        doubleSide
        {...tankProps}
      />
      <InstancedLayer inst={t.floating} geometry={G.disc} far={F.disc} color={COLORS.tankDeck} placement="deck" layer="tank-roof" {...tankProps} />
      <InstancedLayer
        inst={t.horizontal}
        geometry={G.horizontal}
        far={F.cylinder}
        color={COLORS.tankShell}
        placement="horizontal"
        layer="tank"
        {...tankProps}
      />
      <InstancedLayer inst={t.sphere} geometry={G.sphere} far={F.sphere} color={COLORS.sphere} placement="sphere" layer="tank" {...tankProps} />
      <InstancedLayer
        inst={t.full_containment}
        geometry={G.openCylinder}
        far={F.openCylinder}
        color={COLORS.lngShell}
        placement="shell"
        layer="tank"
        {...tankProps}
      />
      <InstancedLayer inst={t.full_containment} geometry={G.dome} far={F.dome} color={COLORS.lngShell} placement="dome" layer="tank-roof" {...tankProps} />
      {/* liquid level bands, sphere legs, pipes on the racks */}
      <InstancedLayer
        inst={t.fixed}
        geometry={G.openCylinder}
        far="hide"
        color={COLORS.fill}
        placement="fill"
        layer="tank-fill"
        pickable={false}
        offsets={offsets}
      />
      <InstancedLayer
        inst={t.internal_floating}
        geometry={G.openCylinder}
        far="hide"
        color={COLORS.fill}
        placement="fill"
        layer="tank-fill"
        pickable={false}
        offsets={offsets}
      />
      <InstancedLayer
        inst={t.full_containment}
        geometry={G.openCylinder}
        far="hide"
        color={COLORS.fill}
        placement="fill"
        layer="tank-fill"
        pickable={false}
        offsets={offsets}
      />
      <InstancedLayer
        inst={scene.sphereLegs}
        geometry={G.cylinder}
        far="hide"
        color={COLORS.steel}
        placement="shell"
        layer="sphere-legs"
        pickable={false}
        offsets={offsets}
      />
      <InstancedLayer inst={scene.rackPipes} geometry={G.horizontal} far="hide" color={COLORS.pipeline} placement="pipe" layer="rack-pipes" pickable={false} />
      <InstancedLayer inst={scene.vessels} geometry={G.cylinder} far="hide" color={COLORS.vessel} placement="shell" layer="vessel" />
      <InstancedLayer inst={scene.flares} geometry={G.cylinder} color={COLORS.flare} placement="stack" layer="flare" />
      <InstancedLayer inst={scene.gates} geometry={G.box} color={COLORS.gate} placement="shell" layer="gate" />
      <InstancedLayer inst={scene.sensors} geometry={G.octa} far="hide" color={COLORS.sensor} placement="marker" layer="sensor" offsets={offsets} />
      <InstancedLayer inst={scene.emergencyResources} geometry={G.octa} color={COLORS.emergency} placement="marker" layer="emergency_resource" />
      {/* zones as translucent volumes by purpose */}
      {Object.entries(scene.zones).map(([purpose, prisms]) => (
        <PrismLayer key={purpose} prisms={prisms} layer={`zone:${purpose}`} color={COLORS.zone[purpose as keyof typeof COLORS.zone]} opacity={0.18} farFlat />
      ))}
      <PrismLayer prisms={scene.targets} layer="protected_target" color={COLORS.target} opacity={0.8} />
      <InstancedLayer inst={scene.targetPoints} geometry={G.cylinder} color={COLORS.target} placement="shell" layer="protected_target" />
    </group>
  );
}

/** The plant in 3D; the overlays to draw over it (planner, live) are its children, chosen by the app. */
type PlantViewProps = { model: ParkModel; lang: string; children?: ReactNode };
const VIEW_STYLE = { position: 'relative', width: '100%', height: '100%' } as const;

/** The plant view: its canvas once the renderer probe (src/scene/gpu.ts) has answered — it chooses antialiasing. */
export function PlantView(props: PlantViewProps) {
  const [software, setSoftware] = useState(softwareRendererKnown);
  useEffect(() => {
    if (software === undefined) void startGpuProbe().then(setSoftware);
  }, [software]);
  if (software === undefined) return <div className="plant-view" style={VIEW_STYLE} />;
  return <PlantCanvas {...props} software={software} />;
}

function PlantCanvas({ model, lang, children, software }: PlantViewProps & { software: boolean }) {
  const scene = useMemo(() => buildSceneModel(model), [model]);
  const b = scene.bounds;
  const cx = (b.minX + b.maxX) / 2;
  const cz = (b.minZ + b.maxZ) / 2;
  const extent = Math.max(b.maxX - b.minX, b.maxZ - b.minZ);
  const select = useSelection((s) => s.select);
  // bench/render's baseline: one mesh per object (?naive=1)
  const naive = useMemo(() => new URLSearchParams(window.location.search).get('naive') === '1', []);
  return (
    <div className="plant-view" style={VIEW_STYLE}>
      <Canvas
        flat
        frameloop="demand"
        gl={{ antialias: !software, logarithmicDepthBuffer: false, preserveDrawingBuffer: true }}
        camera={{ position: [cx, extent * 0.45, cz + extent * 0.55], fov: 45, near: 1, far: extent * 20 }}
        onPointerMissed={() => select(null)}
        style={{ background: COLORS.background }}
      >
        <hemisphereLight args={['#dfe6ee', '#30363c', 1.1]} />
        <directionalLight position={[extent * 0.3, extent * 0.6, extent * 0.2]} intensity={1.4} />
        <mesh rotation-x={-Math.PI / 2} position={[cx, 0, cz]} renderOrder={-10} onClick={(ev) => (ev.stopPropagation(), select(null, groundUnder(ev)))}>
          <planeGeometry args={[extent * 6, extent * 6]} />
          <meshBasicMaterial color={COLORS.ground} depthWrite={false} />
        </mesh>
        <NaiveContext.Provider value={naive}>
          <Park scene={scene} model={model} />
        </NaiveContext.Provider>
        {!naive && <StaticModels model={model} />}
        {children}
        <Labels scene={scene} lang={lang} />
        <ScreenLabelsProjector />
        <FlyTo model={model} />
        <ViewCentre />
        <ViewStats />
        <MapControls makeDefault target={[cx, 0, cz]} maxPolarAngle={Math.PI / 2.1} minDistance={20} maxDistance={extent * 4} />
        <TestHooks model={model} />
        <FirstFrame />
      </Canvas>
      <ScreenLabelsLayer />
    </div>
  );
}
