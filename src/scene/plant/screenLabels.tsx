/**
 * Labels on the plant view as plain DOM over the canvas: layers inside the scene say which labels
 * they want (`useScreenLabels`), one DOM layer outside the canvas draws them, and one projector in the
 * scene moves them each frame the camera moves — writing a transform, never rendering React.
 *
 * Labels that would cover each other are not all shown: the most important (`priority`: a distance
 * violation before a name) where they collide, the others hidden until the view moves them apart
 * (src/scene/declutter.ts).
 *
 * Not drei's <Html>: it makes a React root per label and unmounts it synchronously, which React
 * reports as an error every time a label goes while a render is under way (33 times in a minute of
 * the split view) — and a few hundred roots cost more than one list.
 */
import { useFrame, useThree } from '@react-three/fiber';
import { type ReactNode, useEffect, useRef } from 'react';
import * as THREE from 'three';
import { create } from 'zustand';
import { declutter, type LabelBox, offView } from '../declutter.ts';

export interface ScreenLabel {
  key: string;
  /** Scene coordinates (x east, y up, z −north), m. */
  position: readonly [number, number, number];
  className: string;
  content: ReactNode;
  /** Where labels collide, the higher is shown (default 0: names; distance violations about 300). */
  priority?: number;
}

/** The labels wanted, by the layer that wants them. */
export const useScreenLabelStore = create<{ layers: Record<string, readonly ScreenLabel[]> }>(() => ({ layers: {} }));

/** A scene layer's labels: set while it is mounted, updated when `labels` changes, removed when it goes. */
export function useScreenLabels(layer: string, labels: readonly ScreenLabel[]): void {
  useEffect(() => {
    useScreenLabelStore.setState((s) => ({ layers: { ...s.layers, [layer]: labels } }));
  }, [layer, labels]);
  useEffect(
    () => () =>
      useScreenLabelStore.setState((s) => {
        const { [layer]: _, ...rest } = s.layers;
        return { layers: rest };
      }),
    [layer],
  );
}

/** The DOM elements of the labels drawn now, by key (the projector moves them). */
const elements = new Map<string, HTMLDivElement>();

/** The labels' DOM layer: put it over the canvas, in the same positioned box. */
export function ScreenLabelsLayer() {
  const layers = useScreenLabelStore((s) => s.layers);
  return (
    <div className="screen-labels" style={{ position: 'absolute', inset: 0, overflow: 'hidden', pointerEvents: 'none' }}>
      {Object.entries(layers).flatMap(([layer, labels]) =>
        labels.map((l) => (
          <div
            key={`${layer}:${l.key}`}
            ref={(el) => {
              const k = `${layer}:${l.key}`;
              if (el) elements.set(k, el);
              else elements.delete(k);
            }}
            className={l.className}
            data-layer={layer}
            style={{ position: 'absolute', left: 0, top: 0, visibility: 'hidden', pointerEvents: 'none', whiteSpace: 'nowrap' }}
          >
            {l.content}
          </div>
        )),
      )}
    </div>
  );
}

const show = (el: HTMLDivElement, visible: boolean, why: 'behind' | 'outside' | 'overlap' | null) => {
  const v = visible ? 'visible' : 'hidden';
  if (el.style.visibility !== v) el.style.visibility = v;
  if (why) el.dataset.hidden = why;
  else delete el.dataset.hidden;
};

/**
 * Moves every label to where its point is on the screen (hidden behind the camera), each frame the
 * view changes, and shows those that do not collide with a more important one.
 */
export function ScreenLabelsProjector() {
  const { camera, size, invalidate } = useThree();
  const v = useRef(new THREE.Vector3()).current;
  // each label's size, measured once (again when the labels change: a language switch changes the text)
  const sizes = useRef(new WeakMap<HTMLDivElement, [number, number]>());
  // a frame after the labels change, so the new ones are placed
  useEffect(
    () =>
      useScreenLabelStore.subscribe(() => {
        sizes.current = new WeakMap();
        requestAnimationFrame(() => invalidate());
      }),
    [invalidate],
  );
  useFrame(() => {
    const { layers } = useScreenLabelStore.getState();
    // read everything first (positions, sizes), then write: no layout between the writes
    const els: HTMLDivElement[] = [];
    const boxes: LabelBox[] = [];
    const behind: HTMLDivElement[] = [];
    for (const [layer, labels] of Object.entries(layers))
      for (const l of labels) {
        const el = elements.get(`${layer}:${l.key}`);
        if (!el) continue;
        v.set(l.position[0], l.position[1], l.position[2]).project(camera);
        if (v.z > 1 || v.z < -1) {
          behind.push(el);
          continue;
        }
        let s = sizes.current.get(el);
        if (!s) sizes.current.set(el, (s = [el.offsetWidth, el.offsetHeight]));
        els.push(el);
        boxes.push({ x: ((v.x + 1) / 2) * size.width, y: ((1 - v.y) / 2) * size.height, w: s[0], h: s[1], priority: l.priority ?? 0 });
      }
    const shown = declutter(boxes, size.width, size.height);
    for (const el of behind) show(el, false, 'behind');
    for (let i = 0; i < els.length; i++) {
      const b = boxes[i];
      els[i].style.transform = `translate3d(${b.x.toFixed(1)}px,${b.y.toFixed(1)}px,0) translate(-50%,-50%)`;
      show(els[i], shown[i], shown[i] ? null : offView(b, size.width, size.height) ? 'outside' : 'overlap');
    }
  });
  return null;
}
