/**
 * The live overlays on the globe (Cesium): sensors coloured by state and people and vehicles as
 * points, the cameras' views, from the same store and buffers as the plant view. Point primitives, updated in place.
 */
import * as Cesium from 'cesium';
import type { ParkModel } from '../../model/model.ts';
import { liveBuffers, sensorStates, useLive } from '../../state/live.ts';
import { useEmergency } from '../../state/emergency.ts';
import { SENSOR_COLORS, SUBJECT_COLORS, subjectClass } from '../liveStyle.ts';
import { stripRing } from '../../geo/live/cameras.ts';
import { sightOf, useVideo } from '../../state/video.ts';

export interface GeoLive {
  counts(): { sensors: number; alarmed: number; commLost: number; subjects: number; footprints: number; fire: number; cameraViews: number; openViews: number };
  dispose(): void;
}

export function addGeoLive(viewer: Cesium.Viewer, model: ParkModel): GeoLive {
  const sensors = model.ofKind('sensor');
  const sensorPoints = viewer.scene.primitives.add(new Cesium.PointPrimitiveCollection()) as Cesium.PointPrimitiveCollection;
  const subjectPoints = viewer.scene.primitives.add(new Cesium.PointPrimitiveCollection()) as Cesium.PointPrimitiveCollection;
  const points = sensors.map((s) => {
    const [lon, lat] = model.frame.toLngLat(s.anchor);
    return sensorPoints.add({
      position: Cesium.Cartesian3.fromDegrees(lon, lat, s.props.height_m + 2),
      pixelSize: 4,
      color: Cesium.Color.fromCssColorString(SENSOR_COLORS.unknown),
      id: s.id,
    });
  });
  let alarmed = 0;
  let commLost = 0;
  const paintSensors = () => {
    const { alarms, status } = useLive.getState();
    const states = sensorStates(alarms, status);
    alarmed = 0;
    commLost = 0;
    sensors.forEach((s, i) => {
      const st = states.get(s.id) ?? (liveBuffers.readings.has(s.id) ? 'normal' : 'unknown');
      const p = points[i];
      p.color = Cesium.Color.fromCssColorString(SENSOR_COLORS[st]);
      const lost = st === 'comm_lost' || st === 'faulty';
      const loud = st !== 'normal' && st !== 'unknown' && !lost;
      p.pixelSize = loud ? 11 : lost ? 6 : 4;
      p.outlineWidth = lost ? 2 : 0;
      p.outlineColor = Cesium.Color.WHITE;
      if (loud) alarmed++;
      if (st === 'comm_lost') commLost++;
    });
    viewer.scene.requestRender();
  };
  paintSensors();
  const unLive = useLive.subscribe((s, prev) => (s.alarms !== prev.alarms || s.status !== prev.status) && paintSensors());
  const byId = new Map<string, Cesium.PointPrimitive>();
  const seenT = new Map<string, number>();
  let seen = -1;
  const timer = setInterval(() => {
    if (liveBuffers.version === seen) return;
    seen = liveBuffers.version;
    // only the subjects that moved since the last pass
    for (const p of liveBuffers.positions.values()) {
      if (seenT.get(p.id) === p.t) continue;
      seenT.set(p.id, p.t);
      const pos = Cesium.Cartesian3.fromDegrees(p.lon, p.lat, 2 + (p.floor ?? 0) * 4);
      const pt = byId.get(p.id);
      if (pt) pt.position = pos;
      else
        byId.set(
          p.id,
          subjectPoints.add({
            position: pos,
            pixelSize: p.kind === 'person' ? 5 : 7,
            color: Cesium.Color.fromCssColorString(SUBJECT_COLORS[subjectClass(p)]),
            id: p.id,
          }),
        );
    }
    viewer.scene.requestRender();
  }, 250);
  // the emergency scenario's footprints and routes
  const emergency = new Cesium.CustomDataSource('emergency');
  void viewer.dataSources.add(emergency);
  const FP = { 1: '#ff1744', 2: '#ff9100', 3: '#ffd600' } as const;
  const FOOTPRINT_HEIGHT_M = 3;
  // The scenario is recomputed every 2 s (people move, the weather changes): only what changed is
  // rebuilt — the footprints are built off the main thread and take longer than that on a busy
  // machine, so rebuilding them each time would keep them from ever showing.
  let footprintKey = '';
  let routesKey = '';
  let shapeKey = '';
  // what burns: the flame as a cylinder tilted on its axis (the model's is sheared, the same but for
  // its horizontal sections), or the fireball
  const drawShape = (shape: NonNullable<ReturnType<typeof useEmergency.getState>['result']>['shape']) => {
    const key = JSON.stringify(shape);
    if (key === shapeKey) return false;
    shapeKey = key;
    for (const e of emergency.entities.values.filter((e) => e.id.startsWith('fire:'))) emergency.entities.remove(e);
    if (!shape) return true;
    if (shape.kind === 'fireball') {
      const [lon, lat] = model.frame.toLngLat(shape.centre);
      const r = shape.diameter_m / 2;
      emergency.entities.add({
        id: 'fire:fireball',
        position: Cesium.Cartesian3.fromDegrees(lon, lat, shape.height_m),
        ellipsoid: { radii: new Cesium.Cartesian3(r, r, r), material: Cesium.Color.fromCssColorString('#ffab00').withAlpha(0.55) },
      });
      return true;
    }
    const b = (shape.downwind_deg * Math.PI) / 180;
    const [de, dn] = [Math.sin(b), Math.cos(b)];
    const half = shape.length_m / 2;
    const mid = model.frame.toLngLat([shape.centre[0] + half * Math.sin(shape.tilt_rad) * de, shape.centre[1] + half * Math.sin(shape.tilt_rad) * dn]);
    const position = Cesium.Cartesian3.fromDegrees(mid[0], mid[1], shape.base_m + half * Math.cos(shape.tilt_rad));
    // the axis leans from up towards downwind: a turn by the tilt about up × downwind
    const lean = Cesium.Quaternion.fromAxisAngle(new Cesium.Cartesian3(-dn, de, 0), shape.tilt_rad);
    const enu = Cesium.Quaternion.fromRotationMatrix(Cesium.Matrix4.getMatrix3(Cesium.Transforms.eastNorthUpToFixedFrame(position), new Cesium.Matrix3()));
    const orientation = Cesium.Quaternion.multiply(enu, lean, new Cesium.Quaternion());
    emergency.entities.add({
      id: 'fire:flame',
      position,
      orientation,
      cylinder: {
        length: shape.length_m,
        topRadius: shape.diameter_m / 2,
        bottomRadius: shape.diameter_m / 2,
        material: Cesium.Color.fromCssColorString('#ff6d00').withAlpha(0.55),
      },
    });
    return true;
  };
  const drawEmergency = () => {
    const { result, assessment } = useEmergency.getState();
    // The areas drape the ground (under the park's translucent ground polygons, so they are drawn
    // strong); their outlines and the routes float above those polygons (coplanar lines at 0 m
    // z-fight with them and vanish), the most severe level highest.
    const lifted = (ring: readonly (readonly [number, number])[], h_m: number) =>
      Cesium.Cartesian3.fromDegreesArrayHeights(ring.flatMap((p) => [...model.frame.toLngLat(p as [number, number]), h_m]));
    const footprints = result?.footprints ?? [];
    const fk = footprints.map((f) => `${f.level}:${f.ring.length}:${f.ring.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ')}`).join('|');
    const people = (assessment?.people ?? []).filter((p) => p.route.length >= 2);
    const rk = people.map((p) => `${p.id}:${p.route.map(([x, y]) => `${x.toFixed(0)},${y.toFixed(0)}`).join(' ')}`).join('|');
    const shapeChanged = drawShape(result?.shape ?? null);
    if (fk === footprintKey && rk === routesKey) {
      if (shapeChanged) settle(50);
      return;
    }
    if (fk !== footprintKey) {
      for (const e of emergency.entities.values.filter((e) => e.id.startsWith('footprint:'))) emergency.entities.remove(e);
      for (const f of [...footprints].reverse()) {
        const h_m = FOOTPRINT_HEIGHT_M + (3 - f.level);
        emergency.entities.add({
          id: `footprint:${f.level}`,
          polygon: { hierarchy: lifted(f.ring, 0), material: Cesium.Color.fromCssColorString(FP[f.level]).withAlpha(0.45), outline: false },
          polyline: { positions: lifted(f.ring, h_m), width: 2, material: Cesium.Color.fromCssColorString(FP[f.level]) },
        });
      }
      footprintKey = fk;
    }
    if (rk !== routesKey) {
      for (const e of emergency.entities.values.filter((e) => e.id.startsWith('route:'))) emergency.entities.remove(e);
      for (const p of people)
        emergency.entities.add({
          id: `route:${p.id}`,
          polyline: { positions: lifted(p.route, FOOTPRINT_HEIGHT_M + 4), width: 3, material: Cesium.Color.fromCssColorString('#00e676') },
        });
      routesKey = rk;
    }
    settle(50);
  };
  // The polygons are built off the main thread; in render-on-demand mode nothing draws them when
  // they are done, so keep asking for frames until the data sources say they are ready.
  let settling: ReturnType<typeof setTimeout> | undefined;
  const settle = (left: number) => {
    clearTimeout(settling);
    if (viewer.isDestroyed()) return;
    viewer.scene.requestRender();
    if (left > 0)
      settling = setTimeout(
        () => (viewer.isDestroyed() || viewer.dataSourceDisplay.ready ? viewer.isDestroyed() || viewer.scene.requestRender() : settle(left - 1)),
        100,
      );
  };
  drawEmergency();
  // the cameras' views (what each sees of the ground, cut by what stands in the way); those on the video wall brighter
  const cameras = new Cesium.CustomDataSource('cameras');
  void viewer.dataSources.add(cameras);
  const sight = sightOf(model);
  const VIEW = { all: Cesium.Color.fromCssColorString('#4fc3f7').withAlpha(0.18), open: Cesium.Color.fromCssColorString('#00e5ff').withAlpha(0.5) };
  const viewEntities = new Map<string, Cesium.Entity[]>();
  for (const c of sight.cameras) {
    const v = sight.view(c.id, 2);
    if (!v) continue;
    viewEntities.set(
      c.id,
      v.strips.map((st, i) =>
        cameras.entities.add({
          id: `camera-view:${c.id}:${i}`,
          polygon: {
            hierarchy: Cesium.Cartesian3.fromDegreesArray(stripRing(c, st).flatMap((p) => [...model.frame.toLngLat(p)])),
            material: VIEW.all,
            height: 0.5,
          },
        }),
      ),
    );
  }
  let openViews = 0;
  const paintViews = () => {
    const open = new Set(useVideo.getState().panels.map((p) => p.camera));
    openViews = 0;
    for (const [id, es] of viewEntities) {
      const on = open.has(id);
      if (on) openViews++;
      for (const e of es) if (e.polygon) e.polygon.material = new Cesium.ColorMaterialProperty(on ? VIEW.open : VIEW.all);
    }
    settle(20);
  };
  paintViews();
  const unVideo = useVideo.subscribe((s, prev) => s.panels !== prev.panels && paintViews());
  const unEm = useEmergency.subscribe((s, prev) => (s.result !== prev.result || s.assessment !== prev.assessment) && drawEmergency());
  return {
    counts: () => ({
      sensors: sensors.length,
      alarmed,
      commLost,
      subjects: byId.size,
      footprints: emergency.entities.values.filter((e) => e.id.startsWith('footprint:')).length,
      fire: emergency.entities.values.filter((e) => e.id.startsWith('fire:')).length,
      cameraViews: viewEntities.size,
      openViews,
    }),
    dispose: () => {
      clearInterval(timer);
      clearTimeout(settling);
      unLive();
      unEm();
      unVideo();
      if (!viewer.isDestroyed()) void viewer.dataSources.remove(emergency);
      if (!viewer.isDestroyed()) void viewer.dataSources.remove(cameras);
      if (!viewer.isDestroyed()) {
        viewer.scene.primitives.remove(sensorPoints);
        viewer.scene.primitives.remove(subjectPoints);
      }
    },
  };
}
