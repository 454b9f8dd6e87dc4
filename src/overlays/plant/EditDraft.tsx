/**
 * The planner's editing on the plant view: what is being drawn (the vertices clicked so far,
 * snapped, joined, and the polygon they close when there are three or more), and the handles of a
 * line or polygon being reshaped — a handle dragged moves its vertex (snapped to the other features'
 * vertices and edges, else the grid), applied as one step of undo when released.
 */
import { useThree } from '@react-three/fiber';
import { useMemo, useState } from 'react';
import * as THREE from 'three';
import { handlesOf, movedVertex } from '../../edit/ops.ts';
import { Snapper } from '../../edit/snap.ts';
import type { ParkModel } from '../../model/model.ts';
import { planner, usePlanner } from '../../state/planner.ts';
import { PrismLayer } from '../../scene/plant/layers.tsx';
import { dragged, swallowNextClick } from '../../scene/plant/swallowClick.ts';
import type { Prism } from '../../scene/plant/buildSceneModel.ts';
import { useEditTool } from '../../state/editDraft.ts';

const COLOR = '#ffd54f';

function DrawingDraft() {
  const tool = useEditTool((s) => s.current);
  const points = tool?.tool === 'draw' ? tool.points : null;
  const prism = useMemo<Prism[]>(
    () =>
      points && points.length >= 3
        ? [{ id: 'drawing', ring: [...points, points[0]].map((q) => [q[0], -q[1]] as [number, number]), base_m: 0.2, height_m: 1 }]
        : [],
    [points],
  );
  const line = useMemo(() => {
    const g = new THREE.BufferGeometry();
    g.setAttribute(
      'position',
      new THREE.Float32BufferAttribute(
        (points ?? []).flatMap((q) => [q[0], 1.5, -q[1]]),
        3,
      ),
    );
    return g;
  }, [points]);
  if (!points) return null;
  return (
    <>
      <PrismLayer prisms={prism} layer="planner:drawing" color={COLOR} opacity={0.35} walls pickable={false} />
      <line>
        <primitive object={line} attach="geometry" />
        <lineBasicMaterial color={COLOR} />
      </line>
      {points.map((q, i) => (
        <mesh key={`${q[0]},${q[1]},${i}`} position={[q[0], 1.5, -q[1]]}>
          <sphereGeometry args={[1.2, 8, 6]} />
          <meshBasicMaterial color={COLOR} />
        </mesh>
      ))}
    </>
  );
}

const GROUND = new THREE.Plane(new THREE.Vector3(0, 1, 0), 0);

function ReshapeHandles({ model, id }: { model: ParkModel; id: string }) {
  const { camera, gl, controls, invalidate } = useThree();
  const f = model.byId.get(id);
  const base = useMemo(() => (f ? handlesOf(f) : []), [f]);
  const [moving, setMoving] = useState<{ index: number; at: [number, number] } | null>(null);
  const points = useMemo(() => base.map((q, i) => (moving?.index === i ? moving.at : q)), [base, moving]);
  const outline = useMemo(() => {
    const ring = f?.local.type === 'Polygon' ? [...points, points[0]] : points;
    const g = new THREE.BufferGeometry();
    g.setAttribute(
      'position',
      new THREE.Float32BufferAttribute(
        ring.flatMap((q) => [q[0], 2, -q[1]]),
        3,
      ),
    );
    return g;
  }, [points, f]);
  if (!f || !base.length) return null;
  const start = (index: number, pressed: { clientX: number; clientY: number }) => {
    const snapper = new Snapper(model, undefined, id);
    const el = gl.domElement;
    const ray = new THREE.Raycaster();
    const ndc = new THREE.Vector2();
    const p = new THREE.Vector3();
    let at: [number, number] = base[index];
    if (controls) (controls as unknown as { enabled: boolean }).enabled = false;
    const move = (e: PointerEvent) => {
      const r = el.getBoundingClientRect();
      ndc.set(((e.clientX - r.left) / r.width) * 2 - 1, -((e.clientY - r.top) / r.height) * 2 + 1);
      ray.setFromCamera(ndc, camera);
      if (!ray.ray.intersectPlane(GROUND, p)) return;
      at = snapper.snap([p.x, -p.z]).point;
      setMoving({ index, at });
      invalidate();
    };
    const up = (e: PointerEvent) => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      if (dragged(pressed, e)) swallowNextClick(); // the release of a drag is not a click on the ground (it would clear the selection)
      if (controls) (controls as unknown as { enabled: boolean }).enabled = true;
      setMoving(null);
      const feature = planner.editedLayout()?.features.find((x) => x.properties.id === id);
      if (feature && (at[0] !== base[index][0] || at[1] !== base[index][1])) planner.edit([movedVertex(model, feature, index, at)]);
      invalidate();
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };
  return (
    <>
      <line>
        <primitive object={outline} attach="geometry" />
        <lineBasicMaterial color={COLOR} />
      </line>
      {points.map((q, i) => (
        <mesh
          key={i}
          position={[q[0], 2, -q[1]]}
          userData={{ layer: 'planner:handles', ids: [`${id}#${i}`] }}
          onPointerDown={(ev) => {
            if (ev.nativeEvent.button !== 0) return;
            ev.stopPropagation();
            start(i, ev.nativeEvent);
          }}
        >
          <boxGeometry args={[3, 3, 3]} />
          <meshBasicMaterial color={moving?.index === i ? '#ffffff' : COLOR} />
        </mesh>
      ))}
    </>
  );
}

/** What the Edit tab's tool shows on the plant view. */
export function EditDraft() {
  const tool = useEditTool((s) => s.current);
  const model = usePlanner((s) => s.model);
  if (tool?.tool === 'reshape' && tool.id && model) return <ReshapeHandles model={model} id={tool.id} />;
  return <DrawingDraft />;
}
