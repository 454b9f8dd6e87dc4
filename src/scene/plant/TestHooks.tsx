/**
 * The plant view's part of the test API (src/testApi.ts): what is drawn, where a feature is on the
 * screen, camera flights and the render benches' orbits. Mounted inside the canvas by PlantView.
 */
import { advance, useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import * as THREE from 'three';
import type { ParkModel } from '../../model/model.ts';
import { sensorDisplay } from '../../overlays/liveStyle.ts';
import { useCamera } from '../../state/camera.ts';
import { planner } from '../../state/planner.ts';
import { liveBuffers, putPositions, putReadings, resetLive } from '../../state/live.ts';
import { exposeTestApi, type SceneStats } from '../../protocol/testApi.ts';
import { FIRST_FRAME_EVENT } from './FirstFrame.tsx';

/** Walks the rendered scene and counts what is really drawn (for tests and benchmarks). */
export function inspectScene(scene: THREE.Scene, gl: THREE.WebGLRenderer): SceneStats {
  const layers: Record<string, number> = {};
  scene.traverse((o) => {
    const layer = o.userData?.layer as string | undefined;
    if (!layer || !o.visible) return;
    const ids = o.userData.ids as string[] | undefined;
    const n = o instanceof THREE.InstancedMesh ? o.count : (ids?.length ?? 1);
    layers[layer] = (layers[layer] ?? 0) + n;
  });
  const trianglesByLayer: Record<string, number> = {};
  const count = (o: THREE.Object3D, layer: string) => {
    if (!o.visible) return;
    const own = (o.userData?.layer as string | undefined) ?? layer;
    if (o instanceof THREE.Mesh) {
      const g = o.geometry as THREE.BufferGeometry;
      const tris = (g.index ? g.index.count : (g.attributes.position?.count ?? 0)) / 3;
      const instances =
        o instanceof THREE.InstancedMesh
          ? o.count
          : Number.isFinite((g as THREE.InstancedBufferGeometry).instanceCount)
            ? (g as THREE.InstancedBufferGeometry).instanceCount
            : 1;
      trianglesByLayer[own] = (trianglesByLayer[own] ?? 0) + Math.round(tris * instances);
    }
    for (const c of o.children) count(c, own);
  };
  count(scene, '(unnamed)');
  return { drawCalls: gl.info.render.calls, triangles: gl.info.render.triangles, programs: gl.info.programs?.length ?? 0, layers, trianglesByLayer };
}

/** Screen position (CSS pixels in the page) of an object's top, or null when it is not drawn. */
function screenPositionOf(id: string, scene: THREE.Scene, camera: THREE.Camera, canvas: HTMLCanvasElement): [number, number] | null {
  const world = new THREE.Vector3();
  let found = false;
  scene.traverse((o) => {
    if (found || !(o instanceof THREE.InstancedMesh)) return;
    const ids = o.userData?.ids as string[] | undefined;
    const i = ids?.indexOf(id) ?? -1;
    if (i < 0) return;
    const m = new THREE.Matrix4();
    o.getMatrixAt(i, m);
    const pos = new THREE.Vector3();
    const q = new THREE.Quaternion();
    const sc = new THREE.Vector3();
    m.decompose(pos, q, sc);
    world.set(pos.x, pos.y + sc.y * 0.9, pos.z).applyMatrix4(o.matrixWorld);
    found = true;
  });
  if (!found) return null;
  const ndc = world.project(camera);
  const r = canvas.getBoundingClientRect();
  return [r.left + ((ndc.x + 1) / 2) * r.width, r.top + ((1 - ndc.y) / 2) * r.height];
}

/**
 * Orbits the camera round the target in `frames` steps; each step's `frame` is timed up to a
 * 1-pixel readPixels (which waits for the GPU — on SwiftShader, the CPU).
 */
function orbitFrames(gl: THREE.WebGLRenderer, camera: THREE.Camera, target: THREE.Vector3, frames: number, frame: (i: number) => void): number[] {
  const ctx = gl.getContext();
  const offset = camera.position.clone().sub(target);
  const px = new Uint8Array(4);
  const times: number[] = [];
  for (let i = 0; i < frames; i++) {
    offset.applyAxisAngle(new THREE.Vector3(0, 1, 0), (2 * Math.PI) / frames);
    camera.position.copy(target).add(offset);
    camera.lookAt(target);
    const t0 = performance.now();
    frame(i);
    ctx.readPixels(0, 0, 1, 1, ctx.RGBA, ctx.UNSIGNED_BYTE, px);
    times.push(performance.now() - t0);
  }
  return times;
}

/**
 * bench/render's live measurement: `people` subjects and every sensor's reading put in the live
 * buffers, then `frames` frames orbiting the park, each after a tenth of the subjects moved and a
 * tenth of the readings changed (1 Hz at 10 frames a second), with the overlays' per-frame work
 * (useFrame) included; with `people` 0, the same frames with no live data.
 */
function benchLiveOrbit(model: ParkModel, frames: number, people: number, gl: THREE.WebGLRenderer, camera: THREE.Camera, target: THREE.Vector3): number[] {
  resetLive();
  const sensors = model.ofKind('sensor').map((s) => s.id);
  const { minX, minY, maxX, maxY } = model.bbox;
  let seed = 7;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const subjects = Array.from({ length: people }, (_, i) => ({ id: `B-${i}`, x: minX + rnd() * (maxX - minX), y: minY + rnd() * (maxY - minY) }));
  const toPos = (s: { id: string; x: number; y: number }, t: number, i: number) => {
    const [lon, lat] = model.frame.toLngLat([s.x, s.y]);
    return {
      id: s.id,
      kind: (i % 20 === 0 ? 'vehicle' : 'person') as 'person' | 'vehicle',
      lon,
      lat,
      t,
      ...(i % 40 === 0 ? { vehicle_class: 'hazchem' } : {}),
    };
  };
  if (people) {
    putPositions(subjects.map((s, i) => toPos(s, 0, i)));
    putReadings(sensors.map((id, i) => ({ sensor: id, value: i % 17, t: 0 })));
  }
  const times = orbitFrames(gl, camera, target, frames, (f) => {
    if (people) {
      const moved = [];
      for (let i = f % 10; i < subjects.length; i += 10) {
        subjects[i].x += rnd() * 2 - 1;
        subjects[i].y += rnd() * 2 - 1;
        moved.push(toPos(subjects[i], f + 1, i));
      }
      putPositions(moved);
      const rs = [];
      for (let i = f % 10; i < sensors.length; i += 10) rs.push({ sensor: sensors[i], value: (i + f) % 17, t: f + 1 });
      putReadings(rs);
    }
    advance(performance.now()); // useFrame subscribers (the overlays) and the render
  });
  resetLive();
  return times;
}

export function TestHooks({ model }: { model: ParkModel }) {
  const { scene, gl, camera, invalidate, controls: ctrl } = useThree();
  useEffect(() => {
    exposeTestApi({
      ready: true,
      inspect: () => inspectScene(scene, gl),
      screenPosition: (id: string) => screenPositionOf(id, scene, camera, gl.domElement),
      /** Flies the camera to a feature, as choosing it in a list does (tests then click it where it is in view, not under a panel). */
      lookAt: (id: string) => {
        const f = model.byId.get(id);
        if (f) useCamera.getState().flyTo(f.anchor, 400);
        return !!f;
      },
      /** Where a feature of the layout shown stands, local metres (its anchor), or null. */
      placeOf: (id: string) => {
        const f = model.byId.get(id);
        return f ? [f.anchor[0], f.anchor[1]] : null;
      },
      verticesOf: (id: string) => {
        const g = model.byId.get(id)?.local;
        if (!g) return null;
        const pts = g.type === 'Point' ? [g.point] : g.type === 'LineString' ? g.line : g.rings[0];
        return pts.map((q) => [q[0], q[1]] as [number, number]);
      },
      cameraIdle: () => {
        const { flight, landedSeq } = useCamera.getState();
        return !flight || flight.seq === landedSeq;
      },
      /** Where a place on the ground (local metres) is on the screen, CSS pixels. */
      screenPositionOfPlace: (x: number, y: number, height_m = 0) => {
        const ndc = new THREE.Vector3(x, height_m, -y).project(camera);
        const r = gl.domElement.getBoundingClientRect();
        return [r.left + ((ndc.x + 1) / 2) * r.width, r.top + ((1 - ndc.y) / 2) * r.height];
      },
      /** Renders `frames` frames while orbiting the target and returns each frame's time, ms. */
      benchOrbit: (frames: number) =>
        orbitFrames(gl, camera, (ctrl as unknown as { target?: THREE.Vector3 } | null)?.target ?? new THREE.Vector3(), frames, () => gl.render(scene, camera)),
      invalidate,
      benchLiveOrbit: (frames: number, people: number) =>
        benchLiveOrbit(model, frames, people, gl, camera, (ctrl as unknown as { target?: THREE.Vector3 } | null)?.target ?? new THREE.Vector3()),
      /** The display state of a sensor on the twin (normal, high_unack, comm_lost …). */
      sensorState: (id: string) => sensorDisplay.states.get(id) ?? (liveBuffers.readings.has(id) ? 'normal' : 'unknown'),
      /** Live subjects drawn on the twin, by class. */
      liveSubjects: () => {
        const out: Record<string, number> = {};
        scene.traverse((o) => {
          const l = o.userData?.layer as string | undefined;
          if (l?.startsWith('live:') && (o as THREE.InstancedMesh).isInstancedMesh) out[l.slice(5)] = (o as THREE.InstancedMesh).count;
        });
        return out;
      },
      layoutChecks: () => planner.layoutChecks,
    });
    invalidate();
  }, [scene, gl, camera, invalidate, ctrl, model]);
  useEffect(() => {
    const first = (e: Event) => {
      if (window.__parktwin && window.__parktwin.firstFrameAt_ms === undefined) window.__parktwin.firstFrameAt_ms = (e as CustomEvent<number>).detail;
    };
    window.addEventListener(FIRST_FRAME_EVENT, first);
    return () => window.removeEventListener(FIRST_FRAME_EVENT, first);
  }, []);
  return null;
}
