/**
 * The cameras' views on the plant view: what each camera sees of the ground (src/geo/live/cameras.ts
 * — its cone cut by what stands in the way) as a faint fan, and the cameras on the video wall
 * brighter. The fans do not take clicks (the ground and the features under them do). Level of
 * detail: from afar (beyond HIDE_FANS_M_PER_PX) only the cameras on the wall are drawn — a fan is a
 * few pixels there, and a park of 1 300 cameras would pay for their 130 000 triangles in every frame.
 */
import { useMemo } from 'react';
import * as THREE from 'three';
import { along, type CameraViewOnGround } from '../../../geo/live/cameras.ts';
import type { ParkModel } from '../../../model/model.ts';
import { useViewStats } from '../../../state/camera.ts';
import { sightOf, useVideo } from '../../../state/video.ts';

const LIFT_m = 0.4;
/** Metres per pixel beyond which the faint fans of every camera are not drawn (the wall's still are). */
export const HIDE_FANS_M_PER_PX = 6;
export const CAMERA_VIEW_COLORS = { all: '#4fc3f7', open: '#00e5ff' } as const;
const noPick = () => null;

/** The triangles of camera views (x east, y up, z south: the plant view's axes). */
export function viewTriangles(model: ParkModel, views: readonly CameraViewOnGround[]): Float32Array {
  const sight = sightOf(model);
  const out: number[] = [];
  for (const v of views) {
    const c = sight.camera(v.camera);
    if (!c) continue;
    const pt = (b: number, d: number) => {
      const [x, y] = along(c.at, b, d);
      return [x, LIFT_m, -y];
    };
    for (const s of v.strips) {
      for (let i = 0; i + 1 < s.bearings_deg.length; i++) {
        const a = pt(s.bearings_deg[i], s.near_m[i]);
        const b = pt(s.bearings_deg[i], s.far_m[i]);
        const c2 = pt(s.bearings_deg[i + 1], s.near_m[i + 1]);
        const d = pt(s.bearings_deg[i + 1], s.far_m[i + 1]);
        out.push(...a, ...b, ...d, ...a, ...d, ...c2);
      }
    }
  }
  return new Float32Array(out);
}

const geometryOf = (pos: Float32Array) => {
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.BufferAttribute(pos, 3));
  return g;
};

export function CameraViews({ model }: { model: ParkModel }) {
  const panels = useVideo((s) => s.panels);
  const far = useViewStats((v) => v.metresPerPixel > HIDE_FANS_M_PER_PX);
  const views = useMemo(() => {
    const sight = sightOf(model);
    return sight.cameras.flatMap((c) => sight.view(c.id) ?? []);
  }, [model]);
  const all = useMemo(() => geometryOf(viewTriangles(model, views)), [model, views]);
  const open = useMemo(() => {
    const ids = new Set(panels.map((p) => p.camera));
    return geometryOf(
      viewTriangles(
        model,
        views.filter((v) => ids.has(v.camera)),
      ),
    );
  }, [model, views, panels]);
  return (
    <group name="camera-views">
      <mesh geometry={all} raycast={noPick} renderOrder={1} visible={!far} userData={{ layer: 'live:camera-views', ids: views.map((v) => v.camera) }}>
        <meshBasicMaterial color={CAMERA_VIEW_COLORS.all} transparent opacity={0.12} depthWrite={false} side={THREE.DoubleSide} />
      </mesh>
      <mesh geometry={open} raycast={noPick} renderOrder={2} userData={{ layer: 'live:camera-views-open', ids: panels.map((p) => p.camera) }}>
        <meshBasicMaterial color={CAMERA_VIEW_COLORS.open} transparent opacity={0.35} depthWrite={false} side={THREE.DoubleSide} />
      </mesh>
    </group>
  );
}
