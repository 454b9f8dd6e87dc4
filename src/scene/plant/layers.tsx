/**
 * Scene layers: one component per object type. Each takes plain data from buildSceneModel and
 * turns it into GPU buffers — instanced meshes for repeated shapes, merged geometry for prisms and
 * ribbons — so draw calls do not grow with the number of objects.
 */
import { createContext, useContext, useLayoutEffect, useMemo, useRef } from 'react';
import type { ThreeEvent } from '@react-three/fiber';
import * as THREE from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import { useSelection } from '../../state/selection.ts';
import type { Instances, Prism, Ribbon } from './buildSceneModel.ts';
import { prismsGeometry, rackBents, ribbonsGeometry } from './geometry.ts';
import { useViewStats } from '../../state/camera.ts';
import { COLORS } from './palette.ts';

export type Placement = 'shell' | 'fill' | 'roof-cone' | 'roof-flat' | 'deck' | 'sphere' | 'dome' | 'horizontal' | 'pipe' | 'stack' | 'marker';

/** Offsets of moved features (planner drags), local metres east and north. */
export type Offsets = ReadonlyMap<string, readonly [number, number]>;

/** Starts a drag of a feature (planner mode); undefined when dragging is off. */
export type DragStart = (id: string, ev: ThreeEvent<PointerEvent>) => void;

/** Instance matrix for one object under a placement rule (unit geometries, base at y = 0). */
function compose(
  inst: Instances,
  i: number,
  placement: Placement,
  m: THREE.Matrix4,
  q: THREE.Quaternion,
  p: THREE.Vector3,
  s: THREE.Vector3,
  e: THREE.Euler,
  offsets?: Offsets,
): void {
  const r = inst.radius[i];
  const h = inst.height[i];
  const y = inst.y[i];
  e.set(0, inst.yaw[i], 0);
  q.setFromEuler(e);
  switch (placement) {
    case 'shell':
    case 'stack':
      p.set(inst.x[i], y, inst.z[i]);
      s.set(r, h, r);
      break;
    case 'fill': {
      // the liquid level as a darker band on the shell (static inventory; live level from the overlays)
      const fill = Number.isNaN(inst.fill[i]) ? 0 : inst.fill[i];
      p.set(inst.x[i], y, inst.z[i]);
      s.set(r * 1.004, Math.max(0.05, fill * h), r * 1.004);
      break;
    }
    case 'pipe':
      // a horizontal pipe along a rack segment: axis along yaw, at its elevation
      p.set(inst.x[i], y, inst.z[i]);
      e.set(0, inst.yaw[i], Math.PI / 2);
      q.setFromEuler(e);
      s.set(r, inst.length[i], r);
      break;
    case 'roof-cone':
      p.set(inst.x[i], y + h, inst.z[i]);
      s.set(r, r * 0.2, r); // cone roof slope about 1:5
      break;
    case 'roof-flat':
      p.set(inst.x[i], y + h, inst.z[i]);
      s.set(r, r * 0.08, r);
      break;
    case 'deck': {
      // Floating roof rides on the liquid: visibly below the rim.
      const fill = Number.isNaN(inst.fill[i]) ? 0.5 : inst.fill[i];
      p.set(inst.x[i], y + Math.max(1, Math.min(h - 0.8, fill * h)), inst.z[i]);
      s.set(r * 0.98, 0.6, r * 0.98);
      break;
    }
    case 'sphere':
      p.set(inst.x[i], y + r + Math.max(2, r * 0.4), inst.z[i]); // on legs
      s.set(r, r, r);
      break;
    case 'dome':
      p.set(inst.x[i], y + h, inst.z[i]);
      s.set(r, r * 0.18, r);
      break;
    case 'horizontal': {
      // axis along the scene x before yaw; raised on saddles by 0.6 m
      p.set(inst.x[i], y + r + 0.6, inst.z[i]);
      e.set(0, inst.yaw[i], Math.PI / 2);
      q.setFromEuler(e);
      s.set(r, inst.length[i], r);
      break;
    }
    case 'marker':
      p.set(inst.x[i], y + h, inst.z[i]);
      s.set(r, r, r);
      break;
  }
  const d = offsets?.get(inst.ids[i]);
  if (d) {
    p.x += d[0];
    p.z -= d[1];
  }
  m.compose(p, q, s);
}

/**
 * bench/render's baseline (`?naive=1`): the same layers with one mesh per object instead of
 * instancing and batching, so the comparison draws exactly the same geometry.
 */
export const NaiveContext = createContext(false);

const unit = {
  cylinder: () => new THREE.CylinderGeometry(1, 1, 1, 24, 1, false).translate(0, 0.5, 0),
  openCylinder: () => new THREE.CylinderGeometry(1, 1, 1, 24, 1, true).translate(0, 0.5, 0),
  horizontal: () => new THREE.CylinderGeometry(1, 1, 1, 16, 1, false),
  cone: () => new THREE.ConeGeometry(1, 1, 24, 1, true).translate(0, 0.5, 0),
  disc: () => new THREE.CylinderGeometry(1, 1, 1, 24, 1, false).translate(0, 0.5, 0),
  dome: () => new THREE.SphereGeometry(1, 24, 6, 0, Math.PI * 2, 0, Math.PI / 2),
  sphere: () => new THREE.SphereGeometry(1, 20, 12),
  box: () => new THREE.BoxGeometry(1, 1, 1).translate(0, 0.5, 0),
  octa: () => new THREE.OctahedronGeometry(1, 0),
};

interface InstancedProps {
  inst: Instances;
  geometry: THREE.BufferGeometry;
  color: string;
  placement: Placement;
  layer: string;
  opacity?: number;
  pickable?: boolean;
  /** Per-instance colours (CSS), overriding `color`. */
  colors?: string[];
  offsets?: Offsets;
  onDragStart?: DragStart;
  /** Draw both faces (open shells whose inside shows). */
  doubleSide?: boolean;
  /** Level of detail far away (metres per pixel above DETAIL_MPP): a simpler geometry, or hidden. */
  far?: THREE.BufferGeometry | 'hide';
}

/** Above this ground resolution (m per pixel) small details are hidden and shapes simplified. */
export const DETAIL_MPP = 1.0;
/** Above this, shapes are simplified further (a tank is a few pixels across). */
export const FAR_MPP = 6.0;
const useCoarse = () => useViewStats((s) => s.metresPerPixel > DETAIL_MPP);
const useVeryFar = () => useViewStats((s) => s.metresPerPixel > FAR_MPP);

/** One InstancedMesh for many objects of one shape; picks by instance id. */
export function InstancedLayer({
  inst,
  geometry,
  color,
  placement,
  layer,
  opacity = 1,
  pickable = true,
  colors,
  offsets,
  onDragStart,
  doubleSide = false,
  far,
}: InstancedProps) {
  const coarse = useCoarse() && far !== undefined;
  const veryFar = useVeryFar();
  const ref = useRef<THREE.InstancedMesh>(null);
  const hovered = useSelection((s) => s.hoveredId);
  const selected = useSelection((s) => s.selectedId);
  const n = inst.ids.length;
  const material = useMemo(
    () => new THREE.MeshLambertMaterial({ color: '#ffffff', transparent: opacity < 1, opacity, side: doubleSide ? THREE.DoubleSide : THREE.FrontSide }),
    [opacity, doubleSide],
  );
  useLayoutEffect(() => {
    const mesh = ref.current;
    if (!mesh) return;
    const m = new THREE.Matrix4();
    const q = new THREE.Quaternion();
    const p = new THREE.Vector3();
    const s = new THREE.Vector3();
    const e = new THREE.Euler();
    for (let i = 0; i < n; i++) {
      compose(inst, i, placement, m, q, p, s, e, offsets);
      mesh.setMatrixAt(i, m);
    }
    mesh.instanceMatrix.needsUpdate = true;
    mesh.computeBoundingSphere();
    mesh.computeBoundingBox();
  }, [inst, n, placement, offsets]);
  useLayoutEffect(() => {
    const mesh = ref.current;
    if (!mesh) return;
    const c = new THREE.Color();
    for (let i = 0; i < n; i++) {
      const id = inst.ids[i];
      c.set(id === selected ? COLORS.selected : id === hovered ? COLORS.hover : (colors?.[i] ?? color));
      mesh.setColorAt(i, c);
    }
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
  }, [inst, n, color, colors, hovered, selected]);
  const naive = useContext(NaiveContext);
  const naiveMatrices = useMemo(() => {
    if (!naive) return [];
    const out: THREE.Matrix4[] = [];
    const q = new THREE.Quaternion();
    const p = new THREE.Vector3();
    const sc = new THREE.Vector3();
    const e = new THREE.Euler();
    for (let i = 0; i < n; i++) {
      const m = new THREE.Matrix4();
      compose(inst, i, placement, m, q, p, sc, e, offsets);
      out.push(m);
    }
    return out;
  }, [naive, inst, n, placement, offsets]);
  useLayoutEffect(() => {
    const mesh = ref.current;
    if (!mesh) return;
    mesh.visible = !(coarse && far === 'hide');
    mesh.geometry = coarse && far instanceof THREE.BufferGeometry ? (veryFar ? far : (midGeometries.get(far) ?? far)) : geometry;
  }, [coarse, veryFar, far, geometry]);
  if (n === 0) return null;
  if (naive) {
    material.color.set(color); // one shared material per layer, coloured like the instances
    const naiveMaterial = material;
    return (
      <group userData={{ layer, ids: inst.ids }}>
        {naiveMatrices.map((m, i) => (
          <mesh key={i} geometry={geometry} material={naiveMaterial} matrixAutoUpdate={false} matrix={m} />
        ))}
      </group>
    );
  }
  return (
    <instancedMesh
      ref={ref}
      args={[geometry, material, n]}
      userData={{ layer, ids: inst.ids }}
      onPointerMove={pickable ? (ev: ThreeEvent<PointerEvent>) => pick(ev, inst.ids[ev.instanceId ?? -1], 'hover') : undefined}
      onPointerOut={pickable ? () => useSelection.getState().hover(null) : undefined}
      onClick={pickable ? (ev: ThreeEvent<MouseEvent>) => pick(ev, inst.ids[ev.instanceId ?? -1], 'select') : undefined}
      onPointerDown={
        onDragStart
          ? (ev: ThreeEvent<PointerEvent>) => {
              const id = inst.ids[ev.instanceId ?? -1];
              if (id) onDragStart(id, ev);
            }
          : undefined
      }
    />
  );
}

/**
 * Selects or hovers the picked feature. Events reach objects nearest first; a solid object stops
 * them, a see-through one (zones, unit volumes) lets them pass so that what stands inside it wins.
 */
function pick(ev: ThreeEvent<PointerEvent | MouseEvent>, id: string | undefined, what: 'hover' | 'select', seeThrough = false) {
  if (!seeThrough) ev.stopPropagation();
  if (!id) return;
  if (what === 'hover') return useSelection.getState().hover(id);
  // shift-click: one more (or one fewer) in the multiple selection — what is solid, not a zone it is seen through
  if (!seeThrough && (ev.nativeEvent as MouseEvent).shiftKey) useSelection.getState().toggleMulti(id);
  useSelection.getState().select(id, groundUnder(ev));
}

const GROUND = new THREE.Plane(new THREE.Vector3(0, 1, 0), 0);
/**
 * The place on the ground under the pointer, local metres (east, north): where the ray meets the
 * ground, not where it meets the object (a roof, a zone's volume), which stands above another place.
 */
export function groundUnder(ev: ThreeEvent<PointerEvent | MouseEvent>): [number, number] {
  const p = ev.ray.intersectPlane(GROUND, new THREE.Vector3()) ?? ev.point;
  return [p.x, -p.z];
}

function pickBatched(ev: ThreeEvent<PointerEvent | MouseEvent>, ids: string[], what: 'hover' | 'select', seeThrough: boolean) {
  const fidAttr = (ev.object as THREE.Mesh).geometry.getAttribute('fid');
  if (!ev.face || !fidAttr) return;
  pick(ev, ids[fidAttr.getX(ev.face.a)], what, seeThrough);
}

interface BatchedProps {
  layer: string;
  color: string;
  opacity?: number;
  pickable?: boolean;
  depthWrite?: boolean;
  /**
   * A flat layer on the ground (park, enterprises, roads): drawn first, in this order, without
   * writing depth, so flat layers never fight over depth and everything standing on them covers them.
   */
  groundOrder?: number;
}

/** Prisms (buildings, units, dikes, zones …) merged into one mesh. */
export function PrismLayer({
  prisms,
  layer,
  color,
  opacity = 1,
  pickable = true,
  walls: wallsNear,
  cap,
  depthWrite,
  offsets,
  onDragStart,
  groundOrder,
  farFlat = false,
}: BatchedProps & {
  prisms: readonly Prism[];
  walls?: boolean;
  cap?: boolean;
  offsets?: Offsets;
  onDragStart?: DragStart /** far away, draw only the top (translucent volumes) */;
  farFlat?: boolean;
}) {
  const coarse = useCoarse();
  const walls = farFlat && coarse ? false : wallsNear;
  const moved = useMemo(() => {
    if (!offsets || offsets.size === 0) return prisms;
    return prisms.map((p) => {
      const d = offsets.get(p.id);
      return d ? { ...p, ring: p.ring.map(([x, z]) => [x + d[0], z - d[1]] as [number, number]) } : p;
    });
  }, [prisms, offsets]);
  const naive = useContext(NaiveContext);
  const batched = useMemo(() => (naive ? prismsGeometry([], {}) : prismsGeometry(moved, { walls, cap })), [naive, moved, walls, cap]);
  const singles = useMemo(() => (naive ? moved.map((p) => prismsGeometry([p], { walls, cap }).geometry) : []), [naive, moved, walls, cap]);
  if (naive) return <NaiveMeshes layer={layer} ids={moved.map((p) => p.id)} geometries={singles} color={color} opacity={opacity} />;
  return (
    <BatchedMesh
      batched={batched}
      layer={layer}
      color={color}
      opacity={opacity}
      pickable={pickable}
      depthWrite={depthWrite}
      onDragStart={onDragStart}
      groundOrder={groundOrder}
    />
  );
}

/** Ribbons (roads, rack tiers, pipelines, fence) merged into one mesh. */
export function RibbonLayer({
  ribbons,
  layer,
  color,
  opacity = 1,
  pickable = true,
  lift_m,
  groundOrder,
}: BatchedProps & { ribbons: readonly Ribbon[]; lift_m?: number }) {
  const naive = useContext(NaiveContext);
  const batched = useMemo(() => ribbonsGeometry(naive ? [] : ribbons, 2.2, lift_m), [naive, ribbons, lift_m]);
  const singles = useMemo(() => (naive ? ribbons.map((r) => ribbonsGeometry([r], 2.2, lift_m).geometry) : []), [naive, ribbons, lift_m]);
  if (naive) return <NaiveMeshes layer={layer} ids={ribbons.map((r) => r.id)} geometries={singles} color={color} opacity={opacity} />;
  return <BatchedMesh batched={batched} layer={layer} color={color} opacity={opacity} pickable={pickable} groundOrder={groundOrder} />;
}

function NaiveMeshes({
  layer,
  ids,
  geometries,
  color,
  opacity,
}: {
  layer: string;
  ids: string[];
  geometries: THREE.BufferGeometry[];
  color: string;
  opacity: number;
}) {
  const material = useMemo(
    () => new THREE.MeshLambertMaterial({ color, transparent: opacity < 1, opacity, side: THREE.DoubleSide, depthWrite: opacity >= 1 }),
    [color, opacity],
  );
  return (
    <group userData={{ layer, ids }}>
      {geometries.map((g, i) => (
        <mesh key={i} geometry={g} material={material} />
      ))}
    </group>
  );
}

function BatchedMesh({
  batched,
  layer,
  color,
  opacity = 1,
  pickable = true,
  depthWrite,
  onDragStart,
  groundOrder,
}: BatchedProps & { batched: ReturnType<typeof prismsGeometry>; onDragStart?: DragStart }) {
  const material = useMemo(
    () =>
      // flat ground layers need no lighting: unlit is cheaper per pixel and looks the same from above
      new (groundOrder !== undefined ? THREE.MeshBasicMaterial : THREE.MeshLambertMaterial)({
        color,
        transparent: opacity < 1,
        opacity,
        depthWrite: groundOrder !== undefined ? false : (depthWrite ?? opacity >= 1),
        side: THREE.DoubleSide,
      }),
    [color, opacity, depthWrite, groundOrder],
  );
  if (batched.ids.length === 0) return null;
  return (
    <mesh
      geometry={batched.geometry}
      material={material}
      userData={{ layer, ids: batched.ids }}
      renderOrder={groundOrder ?? (opacity < 1 ? 1 : 0)}
      onPointerMove={pickable ? (ev: ThreeEvent<PointerEvent>) => pickBatched(ev, batched.ids, 'hover', opacity < 1) : undefined}
      onPointerOut={pickable ? () => useSelection.getState().hover(null) : undefined}
      onClick={pickable ? (ev: ThreeEvent<MouseEvent>) => pickBatched(ev, batched.ids, 'select', opacity < 1) : undefined}
      onPointerDown={
        onDragStart
          ? (ev: ThreeEvent<PointerEvent>) => {
              const fid = (ev.object as THREE.Mesh).geometry.getAttribute('fid');
              if (ev.face && fid) onDragStart(batched.ids[fid.getX(ev.face.a)], ev);
            }
          : undefined
      }
    />
  );
}

/** Pipe-rack bents (two posts and a beam) as one instanced mesh. */
export function RackBents({ racks }: { racks: readonly Ribbon[] }) {
  const ref = useRef<THREE.InstancedMesh>(null);
  const coarse = useCoarse();
  const bents = useMemo(() => rackBents(racks), [racks]);
  // a bent is two posts and a beam, each a flat strip facing along the rack (6 triangles)
  const geometry = useMemo(() => {
    const post = (x: number) => new THREE.PlaneGeometry(0.04, 1).translate(x, 0, 0);
    const beam = new THREE.PlaneGeometry(1, 0.04).translate(0, 0.48, 0);
    return mergeGeometries([post(-0.48), post(0.48), beam]);
  }, []);
  const material = useMemo(() => new THREE.MeshLambertMaterial({ color: COLORS.steel, side: THREE.DoubleSide }), []);
  const naive = useContext(NaiveContext);
  const matrices = useMemo(
    () => (naive ? Array.from({ length: bents.count }, (_, i) => new THREE.Matrix4().fromArray(bents.matrices, i * 16)) : []),
    [naive, bents],
  );
  useLayoutEffect(() => {
    const mesh = ref.current;
    if (!mesh) return;
    (mesh.instanceMatrix.array as Float32Array).set(bents.matrices);
    mesh.instanceMatrix.needsUpdate = true;
    mesh.computeBoundingSphere();
  }, [bents]);
  if (bents.count === 0) return null;
  if (naive)
    return (
      <group userData={{ layer: 'rack-bents', ids: bents.ids }}>
        {matrices.map((m, i) => (
          <mesh key={i} geometry={geometry} material={material} matrixAutoUpdate={false} matrix={m} />
        ))}
      </group>
    );
  return <instancedMesh ref={ref} args={[geometry, material, bents.count]} visible={!coarse} userData={{ layer: 'rack-bents', ids: bents.ids }} />;
}

/** Simplified shapes for far views. */
export const farGeometries = {
  cylinder: new THREE.CylinderGeometry(1, 1, 1, 6, 1, false).translate(0, 0.5, 0),
  openCylinder: new THREE.CylinderGeometry(1, 1, 1, 6, 1, true).translate(0, 0.5, 0),
  sphere: new THREE.SphereGeometry(1, 6, 3),
  dome: new THREE.SphereGeometry(1, 6, 2, 0, Math.PI * 2, 0, Math.PI / 2),
  cone: new THREE.ConeGeometry(1, 1, 6, 1, true).translate(0, 0.5, 0),
  disc: new THREE.CircleGeometry(1, 6).rotateX(-Math.PI / 2).translate(0, 0.5, 0),
};

/** Middle distance: 12-sided shapes, keyed by their far counterpart. */
const midGeometries = new Map<THREE.BufferGeometry, THREE.BufferGeometry>([
  [farGeometries.cylinder, new THREE.CylinderGeometry(1, 1, 1, 12, 1, false).translate(0, 0.5, 0)],
  [farGeometries.openCylinder, new THREE.CylinderGeometry(1, 1, 1, 12, 1, true).translate(0, 0.5, 0)],
  [farGeometries.sphere, new THREE.SphereGeometry(1, 12, 6)],
  [farGeometries.dome, new THREE.SphereGeometry(1, 12, 3, 0, Math.PI * 2, 0, Math.PI / 2)],
  [farGeometries.cone, new THREE.ConeGeometry(1, 1, 12, 1, true).translate(0, 0.5, 0)],
  [farGeometries.disc, new THREE.CircleGeometry(1, 12).rotateX(-Math.PI / 2).translate(0, 0.5, 0)],
]);

export const unitGeometries = {
  cylinder: unit.cylinder(),
  openCylinder: unit.openCylinder(),
  horizontal: unit.horizontal(),
  cone: unit.cone(),
  disc: unit.disc(),
  dome: unit.dome(),
  sphere: unit.sphere(),
  box: unit.box(),
  octa: unit.octa(),
};
