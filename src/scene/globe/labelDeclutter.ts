/**
 * Labels on the globe that would cover each other: the most important shown (a distance check's
 * before an enterprise's, an enterprise's before a village's, a gate's last), the others hidden
 * until the camera parts them — the same greedy placement as the plant view's labels
 * (src/scene/declutter.ts). Worked out after a render in which the camera or the entities
 * changed; a label beyond its distance condition is left to Cesium.
 */
import * as Cesium from 'cesium';
import { declutter, type LabelBox, offView } from '../declutter.ts';

const PRIORITY: Record<string, number> = { enterprise: 20, protected_target: 15, gate: 5 };
/** A distance check's label (the planner's, drawn by GeoView's drawChecks). */
const CHECK_PRIORITY = 30;

export interface GlobeLabels {
  /** Labels placed in the last pass: shown, and hidden because they would cover a shown one. */
  counts(): { shown: number; hidden: number };
  /** The shown labels' boxes, CSS pixels (tests check they do not overlap). */
  shownBoxes(): [number, number, number, number][];
  dispose(): void;
}

export function declutterGlobeLabels(viewer: Cesium.Viewer, collections: readonly Cesium.EntityCollection[]): GlobeLabels {
  const scene = viewer.scene;
  const measure = document.createElement('canvas').getContext('2d');
  const widths = new Map<string, number>();
  const widthOf = (text: string, font: string) => {
    const key = `${font}|${text}`;
    let w = widths.get(key);
    if (w === undefined) {
      if (measure) measure.font = font;
      w = measure ? measure.measureText(text).width : text.length * 7;
      widths.set(key, w);
    }
    return w;
  };
  let dirty = true;
  const lastView = new Cesium.Matrix4();
  const hidden = new Set<Cesium.Entity>();
  let last = { shown: 0, hidden: 0 };
  let lastBoxes: [number, number, number, number][] = [];
  const changed = () => {
    dirty = true;
  };
  const offs = collections.map((c) => c.collectionChanged.addEventListener(changed));
  const when = Cesium.JulianDate.now();
  const cameraPos = new Cesium.Cartesian3();
  const pos = new Cesium.Cartesian3();

  const pass = () => {
    if (!dirty && Cesium.Matrix4.equalsEpsilon(lastView, scene.camera.viewMatrix, 1e-9)) return;
    dirty = false;
    Cesium.Matrix4.clone(scene.camera.viewMatrix, lastView);
    // entities removed since (the planner's checks are drawn anew on every change) are forgotten
    for (const e of hidden) if (!collections.some((c) => c.contains(e))) hidden.delete(e);
    Cesium.Cartesian3.clone(scene.camera.positionWC, cameraPos);
    const entities: Cesium.Entity[] = [];
    const boxes: LabelBox[] = [];
    for (const collection of collections)
      for (const e of collection.values) {
        const l = e.label;
        if (!l || !e.position) continue;
        const p = e.position.getValue(when, pos);
        if (!p) continue;
        const ddc = l.distanceDisplayCondition?.getValue(when) as Cesium.DistanceDisplayCondition | undefined;
        if (ddc && Cesium.Cartesian3.distance(cameraPos, p) > ddc.far) continue; // Cesium hides it
        const at = Cesium.SceneTransforms.worldToWindowCoordinates(scene, p);
        if (!at) continue;
        const text = String(l.text?.getValue(when) ?? '');
        const font = String(l.font?.getValue(when) ?? '30px sans-serif');
        const size_px = Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? 16);
        // the outline is drawn around every glyph: it widens the label by its width on each side
        const style = l.style?.getValue(when) ?? Cesium.LabelStyle.FILL;
        const outline_px = style === Cesium.LabelStyle.FILL ? 0 : Number(l.outlineWidth?.getValue(when) ?? 1);
        const w = widthOf(text, font) + (l.showBackground?.getValue(when) ? 14 : 4) + 2 * outline_px;
        const h = size_px * 1.25;
        // Cesium's defaults: the text starts at the point (left) and sits on it (baseline)
        const hOrigin = l.horizontalOrigin?.getValue(when) ?? Cesium.HorizontalOrigin.LEFT;
        const vOrigin = l.verticalOrigin?.getValue(when) ?? Cesium.VerticalOrigin.BASELINE;
        const cx = hOrigin === Cesium.HorizontalOrigin.CENTER ? at.x : hOrigin === Cesium.HorizontalOrigin.RIGHT ? at.x - w / 2 : at.x + w / 2;
        const cy = vOrigin === Cesium.VerticalOrigin.CENTER ? at.y : vOrigin === Cesium.VerticalOrigin.TOP ? at.y + h / 2 : at.y - h / 2;
        const kind = e.properties?.kind?.getValue(when) as string | undefined;
        const priority = e.id.startsWith('check:') ? CHECK_PRIORITY : (PRIORITY[kind ?? ''] ?? 10);
        entities.push(e);
        boxes.push({ x: cx, y: cy, w, h, priority });
      }
    const shown = declutter(boxes, scene.canvas.clientWidth, scene.canvas.clientHeight);
    let changes = 0;
    let nHidden = 0;
    lastBoxes = [];
    for (let i = 0; i < entities.length; i++) {
      const e = entities[i];
      const b = boxes[i];
      // off the view: nothing to decide (it would not be seen); shown as before
      const show = shown[i] || offView(b, scene.canvas.clientWidth, scene.canvas.clientHeight);
      if (shown[i]) lastBoxes.push([b.x - b.w / 2, b.y - b.h / 2, b.x + b.w / 2, b.y + b.h / 2]);
      if (!show) nHidden++;
      if (show === !hidden.has(e)) continue;
      changes++;
      if (show) hidden.delete(e);
      else hidden.add(e);
      e.label!.show = new Cesium.ConstantProperty(show);
    }
    last = { shown: lastBoxes.length, hidden: nHidden };
    if (changes) scene.requestRender();
  };
  const offRender = scene.postRender.addEventListener(pass);
  return {
    counts: () => ({ ...last }),
    shownBoxes: () => lastBoxes.map((b) => [...b] as [number, number, number, number]),
    dispose: () => {
      offRender();
      for (const off of offs) off();
    },
  };
}
