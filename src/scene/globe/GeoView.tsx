/**
 * The geo view: the same park on a Cesium globe. Fully offline by default — Cesium's bundled
 * Natural Earth II imagery, no Ion token, no request beyond the server. A configuration
 * (`/parktwin.config.json`, or the URL parameters `imagery` and `tiles`) adds the park's own imagery
 * (XYZ/TMS template or WMTS) and 3D Tiles (oblique photography).
 *
 * This module is loaded lazily (its own chunk) the first time the geo view opens.
 */
import './cesiumBase.ts';
import * as Cesium from 'cesium';
import 'cesium/Build/Cesium/Widgets/widgets.css';
import { useEffect, useRef, useState } from 'react';
import { addGeoLive } from '../../overlays/globe/geoLive.ts';
import type { DistanceCheck } from '../../geo/compliance/distances.ts';
import { nearestPoints } from '../../geo/footprint.ts';
import { tankShape, type ModelFeature, type ParkModel } from '../../model/model.ts';
import { useCamera } from '../../state/camera.ts';
import { planner, usePlanner } from '../../state/planner.ts';
import { useSelection } from '../../state/selection.ts';
import { COLORS, marginColor } from '../plant/palette.ts';
import { declutterGlobeLabels } from './labelDeclutter.ts';
import { displayName } from '../../model/names.ts';
import { exposeTestApi } from '../../protocol/testApi.ts';

export interface GeoConfig {
  imagery?: { type: 'xyz' | 'tms' | 'wmts'; url: string; layer?: string; tileMatrixSetID?: string; style?: string; maximumLevel?: number };
  tiles3d?: string[];
}

async function imageryProvider(im: NonNullable<GeoConfig['imagery']>): Promise<Cesium.ImageryProvider> {
  if (im.type === 'wmts')
    return new Cesium.WebMapTileServiceImageryProvider({
      url: im.url,
      layer: im.layer ?? '',
      style: im.style ?? 'default',
      tileMatrixSetID: im.tileMatrixSetID ?? 'GoogleMapsCompatible',
      maximumLevel: im.maximumLevel,
    });
  if (im.type === 'tms') return Cesium.TileMapServiceImageryProvider.fromUrl(im.url);
  return new Cesium.UrlTemplateImageryProvider({ url: im.url, maximumLevel: im.maximumLevel });
}

/** Reads /parktwin.config.json (optional) and the URL parameters `imagery` and `tiles`. */
async function loadConfig(): Promise<GeoConfig> {
  let cfg: GeoConfig = {};
  try {
    const res = await fetch('/parktwin.config.json');
    if (res.ok) cfg = (await res.json()) as GeoConfig;
  } catch {
    /* no config file: offline defaults */
  }
  const q = new URLSearchParams(window.location.search);
  const imagery = q.get('imagery');
  if (imagery) cfg.imagery = { type: 'xyz', url: imagery };
  const tiles = q.getAll('tiles');
  if (tiles.length) cfg.tiles3d = tiles;
  return cfg;
}

const color = (css: string, alpha = 1) => Cesium.Color.fromCssColorString(css).withAlpha(alpha);

function ring(f: ModelFeature): number[] {
  const g = f.feature.geometry;
  const coords = g.type === 'Polygon' ? g.coordinates[0] : g.type === 'LineString' ? g.coordinates : [g.coordinates];
  return coords.flatMap((c) => [c[0], c[1]]);
}

/** Adds one entity per feature; returns the number per kind (for tests). */
function addPark(viewer: Cesium.Viewer, model: ParkModel, lang: string): Record<string, number> {
  const counts: Record<string, number> = {};
  const name = (f: ModelFeature) => displayName(f.props, lang, f.id);
  const add = (f: ModelFeature, e: Cesium.Entity.ConstructorOptions) => {
    viewer.entities.add({ id: f.id, name: name(f), properties: new Cesium.PropertyBag({ kind: f.kind }), ...e });
    counts[f.kind] = (counts[f.kind] ?? 0) + 1;
  };
  const nearLabel = (text: string, far_m: number): Cesium.LabelGraphics.ConstructorOptions => ({
    text,
    font: '13px sans-serif',
    fillColor: Cesium.Color.WHITE,
    outlineColor: Cesium.Color.BLACK,
    outlineWidth: 3,
    style: Cesium.LabelStyle.FILL_AND_OUTLINE,
    // labels appear as you come closer: no pile of text at park scale
    distanceDisplayCondition: new Cesium.DistanceDisplayCondition(0, far_m),
    disableDepthTestDistance: Number.POSITIVE_INFINITY,
  });
  const polygon = (f: ModelFeature, fill: string, alpha: number, extruded?: number, outline = true) =>
    add(f, {
      polygon: {
        hierarchy: Cesium.Cartesian3.fromDegreesArray(ring(f)),
        material: color(fill, alpha),
        ...(extruded ? { extrudedHeight: extruded, height: 0 } : { height: 0 }),
        outline,
        outlineColor: color(fill, 1),
      },
    });
  for (const f of model.features) {
    const p = f.props as Record<string, unknown>;
    switch (f.kind) {
      case 'park':
        polygon(f, COLORS.park, 0.25);
        break;
      case 'land_use_control_line':
        add(f, {
          polyline: {
            positions: Cesium.Cartesian3.fromDegreesArray(ring(f)),
            width: 2,
            material: new Cesium.PolylineDashMaterialProperty({ color: color(COLORS.controlLine) }),
          },
        });
        break;
      case 'fence':
        add(f, { polyline: { positions: Cesium.Cartesian3.fromDegreesArray(ring(f)), width: 2, material: color(COLORS.fence) } });
        break;
      case 'enterprise':
        add(f, {
          polygon: {
            hierarchy: Cesium.Cartesian3.fromDegreesArray(ring(f)),
            material: color(COLORS.enterprise, 0.35),
            height: 0,
            outline: true,
            outlineColor: color('#8a949e'),
          },
          position: Cesium.Cartesian3.fromDegrees(...centroidLngLat(model, f), 30),
          label: nearLabel(name(f), 25_000),
        });
        break;
      case 'tank': {
        const s = tankShape(f as ModelFeature<'tank'>);
        const [lon, lat] = model.frame.toLngLat(s.center);
        const h = (p.roof === 'sphere' ? s.radius_m * 2 : (p.height_m as number)) || 1;
        add(f, {
          position: Cesium.Cartesian3.fromDegrees(lon, lat, h / 2),
          cylinder: { length: h, topRadius: s.radius_m, bottomRadius: s.radius_m, material: color(COLORS.tankShell) },
        });
        break;
      }
      case 'process_unit':
        polygon(f, COLORS.processUnit, 0.7, p.height_m as number);
        break;
      case 'building':
        polygon(f, COLORS.building, 1, p.height_m as number);
        break;
      case 'dike':
        polygon(f, COLORS.dike, 0.9, p.height_m as number, false);
        break;
      case 'zone':
        polygon(f, COLORS.zone[p.purpose as keyof typeof COLORS.zone], 0.25, Math.min(p.height_m as number, 30), false);
        break;
      case 'protected_target':
        if (f.feature.geometry.type === 'Polygon') {
          add(f, {
            polygon: {
              hierarchy: Cesium.Cartesian3.fromDegreesArray(ring(f)),
              material: color(COLORS.target, 0.6),
              height: 0,
              outline: true,
              outlineColor: color(COLORS.target),
            },
            position: Cesium.Cartesian3.fromDegrees(...centroidLngLat(model, f), 10),
            label: nearLabel(name(f), 20_000),
          });
        } else {
          const [lon, lat] = f.feature.geometry.type === 'Point' ? f.feature.geometry.coordinates : [0, 0];
          add(f, {
            position: Cesium.Cartesian3.fromDegrees(lon, lat),
            point: { pixelSize: 8, color: color(COLORS.target) },
            label: nearLabel(name(f), 20_000),
          });
        }
        break;
      case 'gate': {
        const [lon, lat] = f.feature.geometry.type === 'Point' ? f.feature.geometry.coordinates : [0, 0];
        add(f, {
          position: Cesium.Cartesian3.fromDegrees(lon, lat),
          point: { pixelSize: 7, color: color(COLORS.gate), outlineColor: Cesium.Color.BLACK, outlineWidth: 1 },
          label: nearLabel(name(f), 6_000),
        });
        break;
      }
      case 'road':
      case 'pipe_rack':
      case 'railway':
      case 'power_line':
        add(f, {
          polyline: {
            positions: Cesium.Cartesian3.fromDegreesArray(ring(f)),
            width: f.kind === 'road' ? 3 : 2,
            material: color(f.kind === 'road' ? '#59616a' : COLORS.steel),
          },
        });
        break;
      case 'flare': {
        const [lon, lat] = f.feature.geometry.type === 'Point' ? f.feature.geometry.coordinates : [0, 0];
        const h = p.height_m as number;
        add(f, {
          position: Cesium.Cartesian3.fromDegrees(lon, lat, h / 2),
          cylinder: { length: h, topRadius: 1.5, bottomRadius: 1.5, material: color(COLORS.flare) },
        });
        break;
      }
      default:
        break; // sensors, vessels, pipelines, emergency resources: drawn by the live overlays
    }
  }
  return counts;
}

function centroidLngLat(model: ParkModel, f: ModelFeature): [number, number] {
  const [lon, lat] = model.frame.toLngLat(f.anchor);
  return [lon, lat];
}

/** Dimension lines of the planner's violations (and the selected feature's checks). */
function drawChecks(viewer: Cesium.Viewer, model: ParkModel, source: Cesium.CustomDataSource, checks: DistanceCheck[], selected: string | null) {
  source.entities.removeAll();
  const engine = planner.engine;
  if (!engine) return;
  const index = new Map(engine.features.map((f, i) => [f.id, i]));
  for (const c of checks) {
    if (c.ok && c.from !== selected && c.to !== selected) continue;
    const i = index.get(c.from);
    const j = index.get(c.to);
    if (i === undefined || j === undefined) continue;
    const [a, b] = nearestPoints(engine.footprints[i], engine.footprints[j]);
    const pa = model.frame.toLngLat(a);
    const pb = model.frame.toLngLat(b);
    source.entities.add({
      id: `check:${c.rule}|${c.from}|${c.to}`,
      polyline: {
        positions: Cesium.Cartesian3.fromDegreesArrayHeights([pa[0], pa[1], 5, pb[0], pb[1], 5]),
        width: 3,
        material: color(marginColor(c)),
        depthFailMaterial: color(marginColor(c)),
      },
      position: Cesium.Cartesian3.fromDegrees((pa[0] + pb[0]) / 2, (pa[1] + pb[1]) / 2, 12),
      label: {
        text: `${c.required_m.toFixed(1)} / ${c.actual_m.toFixed(1)} m`,
        font: '12px sans-serif',
        fillColor: Cesium.Color.WHITE,
        showBackground: true,
        backgroundColor: color('#14181c', 0.85),
        distanceDisplayCondition: new Cesium.DistanceDisplayCondition(0, 8_000),
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
      },
    });
  }
  viewer.scene.requestRender();
}

/** The camera kept across a rebuild of the viewer (its GPU context was lost): where it stood and looked. */
interface CameraPose {
  position: Cesium.Cartesian3;
  heading: number;
  pitch: number;
  roll: number;
}

/**
 * The globe. Its WebGL context can be lost — the GPU process restarts, the driver resets, the browser
 * reclaims memory from a tab left open for days — after which Cesium draws nothing of the surface
 * again (it does not rebuild its GPU resources), while the DOM around it looks alive. So a lost
 * context, or a render error, rebuilds the viewer on a fresh canvas, the camera where it was.
 */
export default function GeoView({ model, lang }: { model: ParkModel; lang: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [generation, setGeneration] = useState(0);
  const pose = useRef<CameraPose | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    const viewer = new Cesium.Viewer(ref.current, {
      baseLayer: Cesium.ImageryLayer.fromProviderAsync(Cesium.TileMapServiceImageryProvider.fromUrl(Cesium.buildModuleUrl('Assets/Textures/NaturalEarthII'))),
      baseLayerPicker: false,
      geocoder: false,
      homeButton: false,
      sceneModePicker: false,
      navigationHelpButton: false,
      animation: false,
      timeline: false,
      fullscreenButton: false,
      infoBox: false,
      // Cesium's selection indicator binds with knockout, which evaluates strings: the page's CSP forbids
      // that (server/app.ts), so the selection is marked by an entity of ours (applySelection)
      selectionIndicator: false,
      requestRenderMode: true,
      maximumRenderTimeChange: Number.POSITIVE_INFINITY,
      contextOptions: { webgl: { preserveDrawingBuffer: true } },
      // a render error rebuilds the viewer (below) instead of showing Cesium's error panel
      showRenderLoopErrors: false,
    });
    // a lost context or a render error: rebuild on a fresh canvas (the effect's cleanup destroys this one)
    let rebuilding = false;
    const rebuild = (why: string) => {
      if (rebuilding) return;
      rebuilding = true;
      const c = viewer.camera;
      pose.current = { position: c.positionWC.clone(), heading: c.heading, pitch: c.pitch, roll: c.roll };
      console.info(`parktwin: the globe is rebuilt (${why})`);
      setGeneration((g) => g + 1);
    };
    const onLost = (e: Event) => {
      e.preventDefault();
      rebuild('WebGL context lost');
    };
    viewer.canvas.addEventListener('webglcontextlost', onLost);
    const onError = viewer.scene.renderError.addEventListener((_s: unknown, err: unknown) => rebuild(`render error: ${String(err)}`));
    viewer.scene.globe.baseColor = Cesium.Color.fromCssColorString('#1c2430');
    viewer.scene.globe.depthTestAgainstTerrain = false;
    const counts = addPark(viewer, model, lang);
    const live = addGeoLive(viewer, model);
    const checks = new Cesium.CustomDataSource('planner-checks');
    void viewer.dataSources.add(checks);
    const labels = declutterGlobeLabels(viewer, [viewer.entities, checks.entities]);

    // park's own imagery and 3D Tiles, when configured
    let disposed = false;
    void loadConfig().then(async (cfg) => {
      if (disposed) return;
      const im = cfg.imagery;
      if (im) {
        try {
          viewer.imageryLayers.addImageryProvider(await imageryProvider(im));
        } catch (e) {
          console.warn(`parktwin: the configured imagery ${im.url} cannot be used: ${(e as Error).message}`);
        }
      }
      for (const url of cfg.tiles3d ?? []) {
        try {
          viewer.scene.primitives.add(await Cesium.Cesium3DTileset.fromUrl(url));
        } catch (e) {
          console.warn(`parktwin: the 3D Tiles ${url} cannot be loaded: ${(e as Error).message}`);
        }
      }
      viewer.scene.requestRender();
    });

    // the park in view, looked at from the south at 50° down — or, rebuilt, where the camera was
    if (pose.current) {
      const p = pose.current;
      viewer.camera.setView({ destination: p.position, orientation: { heading: p.heading, pitch: p.pitch, roll: p.roll } });
    } else {
      const b = model.bbox;
      const [clon, clat] = model.frame.toLngLat([(b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2]);
      const extent = Math.max(b.maxX - b.minX, b.maxY - b.minY);
      viewer.camera.lookAt(Cesium.Cartesian3.fromDegrees(clon, clat, 0), new Cesium.HeadingPitchRange(0, Cesium.Math.toRadians(-50), extent * 1.1));
      viewer.camera.lookAtTransform(Cesium.Matrix4.IDENTITY);
    }

    // selection shared with the other views and panels
    const flyToFeature = (id: string) => {
      const e = viewer.entities.getById(id);
      if (e) void viewer.flyTo(e, { duration: 0.8, offset: new Cesium.HeadingPitchRange(0, Cesium.Math.toRadians(-45), 600) });
    };
    const marker = viewer.entities.add({
      id: 'selection:marker',
      show: false,
      point: {
        pixelSize: 22,
        color: Cesium.Color.TRANSPARENT,
        outlineColor: Cesium.Color.fromCssColorString('#ffd400'),
        outlineWidth: 3,
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
      },
    });
    const applySelection = (id: string | null) => {
      const e = id ? viewer.entities.getById(id) : undefined;
      if (viewer.selectedEntity !== e) viewer.selectedEntity = e;
      const f = id ? model.byId.get(id) : undefined;
      marker.show = !!(e && f);
      if (f) {
        const [lon, lat] = model.frame.toLngLat(f.anchor);
        marker.position = new Cesium.ConstantPositionProperty(Cesium.Cartesian3.fromDegrees(lon, lat, 0));
      }
      viewer.scene.requestRender();
    };
    const onSelected = viewer.selectedEntityChanged.addEventListener((e?: Cesium.Entity) => {
      const id = e && !e.id.startsWith('check:') && !e.id.startsWith('selection:') ? e.id : null;
      if (useSelection.getState().selectedId !== id) useSelection.getState().select(id);
    });
    // the place clicked on the globe, for the threat there (after the entity selection, which clears it)
    const clicks = new Cesium.ScreenSpaceEventHandler(viewer.scene.canvas);
    clicks.setInputAction((e: { position: Cesium.Cartesian2 }) => {
      const at = viewer.camera.pickEllipsoid(e.position, viewer.scene.globe.ellipsoid);
      if (!at) return;
      const c = Cesium.Cartographic.fromCartesian(at);
      const xy = model.frame.toLocal([Cesium.Math.toDegrees(c.longitude), Cesium.Math.toDegrees(c.latitude)]);
      setTimeout(() => useSelection.setState({ place: [xy[0], xy[1]] }), 0);
    }, Cesium.ScreenSpaceEventType.LEFT_CLICK);
    applySelection(useSelection.getState().selectedId);
    if (useSelection.getState().selectedId) flyToFeature(useSelection.getState().selectedId!);
    const unSel = useSelection.subscribe((s, prev) => {
      if (s.selectedId !== prev.selectedId) applySelection(s.selectedId);
      drawChecks(viewer, model, checks, usePlanner.getState().mode === 'planner' ? usePlanner.getState().checks : [], s.selectedId);
    });
    const unPlan = usePlanner.subscribe((s, prev) => {
      if (s.checks !== prev.checks || s.mode !== prev.mode)
        drawChecks(viewer, model, checks, s.mode === 'planner' ? s.checks : [], useSelection.getState().selectedId);
    });
    drawChecks(viewer, model, checks, usePlanner.getState().mode === 'planner' ? usePlanner.getState().checks : [], useSelection.getState().selectedId);
    const unCam = useCamera.subscribe((s, prev) => {
      if (!s.flight || s.flight === prev.flight) return;
      // the camera stands `distance_m` south of the point and as high, looking north and down 45°
      const [lon, lat] = model.frame.toLngLat([s.flight.at[0], s.flight.at[1] - s.flight.distance_m]);
      viewer.camera.flyTo({
        destination: Cesium.Cartesian3.fromDegrees(lon, lat, s.flight.distance_m),
        orientation: { heading: 0, pitch: Cesium.Math.toRadians(-45), roll: 0 },
        duration: 0.8,
      });
    });

    let ready = false;
    const onRender = viewer.scene.postRender.addEventListener(() => {
      if (ready) return;
      ready = true;
      exposeTestApi({
        geoReady: true,
        geoGeneration: generation,
        // the camera's position once the globe's tiles and the entities' geometry are all loaded, else null (e2e: globeSettled)
        // (in request-render mode the scene keeps asking for frames while tiles are loading)
        geoSettled: () => (viewer.scene.globe.tilesLoaded && viewer.dataSourceDisplay.ready ? viewer.camera.positionWC.toString() : null),
        geoCounts: () => ({ ...counts }),
        geoSelected: () => viewer.selectedEntity?.id ?? null,
        geoChecks: () => checks.entities.values.map((e) => e.id),
        geoLive: () => live.counts(),
        geoLabels: () => {
          const boxes = labels.shownBoxes();
          let overlaps = 0;
          for (let i = 0; i < boxes.length; i++)
            for (let j = i + 1; j < boxes.length; j++) {
              const [a, b] = [boxes[i], boxes[j]];
              if (a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]) overlaps++;
            }
          return { ...labels.counts(), overlaps };
        },
        // where a place of the park (local metres, on the ground) is on the screen, CSS pixels
        geoScreenPositionOfPlace: (x_m: number, y_m: number) => {
          const [lon, lat] = model.frame.toLngLat([x_m, y_m]);
          const at = Cesium.SceneTransforms.worldToWindowCoordinates(viewer.scene, Cesium.Cartesian3.fromDegrees(lon, lat, 0));
          const r = viewer.canvas.getBoundingClientRect();
          return at ? [r.left + at.x, r.top + at.y] : null;
        },
        // what the globe shows at a place of the park (local metres), front to back: entities' and
        // primitives' ids (null when the place is off screen)
        geoPickAt: (x_m: number, y_m: number) => {
          const [lon, lat] = model.frame.toLngLat([x_m, y_m]);
          const at = Cesium.SceneTransforms.worldToWindowCoordinates(viewer.scene, Cesium.Cartesian3.fromDegrees(lon, lat, 0));
          if (!at || at.x < 0 || at.y < 0 || at.x > viewer.canvas.clientWidth || at.y > viewer.canvas.clientHeight) return null;
          viewer.scene.render();
          return (viewer.scene.drillPick(at, 40) as { id?: unknown }[]).map(({ id }) => (id instanceof Cesium.Entity ? id.id : String(id)));
        },
      });
    });
    viewer.scene.requestRender();
    return () => {
      disposed = true;
      viewer.canvas.removeEventListener('webglcontextlost', onLost);
      onError();
      live.dispose();
      labels.dispose();
      onSelected();
      clicks.destroy();
      onRender();
      unSel();
      unPlan();
      unCam();
      if (window.__parktwin) window.__parktwin.geoReady = false;
      viewer.destroy();
    };
  }, [model, lang, generation]);
  return <div ref={ref} className="geo-view" data-testid="geo-view" data-generation={generation} />;
}
