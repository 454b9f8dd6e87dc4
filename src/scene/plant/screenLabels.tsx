/**
 * Labels on the plant view as plain DOM over the canvas: layers inside the scene say which labels
 * they want (`useScreenLabels`), one DOM layer outside the canvas draws them, and one projector in the
 * scene moves them each frame the camera moves — writing a transform, never rendering React.
 *
 * Not drei's <Html>: it makes a React root per label and unmounts it synchronously, which React
 * reports as an error every time a label goes while a render is under way (33 times in a minute of
 * the split view) — and a few hundred roots cost more than one list.
 */
import { useFrame, useThree } from '@react-three/fiber';
import { type ReactNode, useEffect, useRef } from 'react';
import * as THREE from 'three';
import { create } from 'zustand';

export interface ScreenLabel {
  key: string;
  /** Scene coordinates (x east, y up, z −north), m. */
  position: readonly [number, number, number];
  className: string;
  content: ReactNode;
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

/** Moves every label to where its point is on the screen (hidden behind the camera), each frame the view changes. */
export function ScreenLabelsProjector() {
  const { camera, size, invalidate } = useThree();
  const v = useRef(new THREE.Vector3()).current;
  // a frame after the labels change, so the new ones are placed
  useEffect(() => useScreenLabelStore.subscribe(() => requestAnimationFrame(() => invalidate())), [invalidate]);
  useFrame(() => {
    const { layers } = useScreenLabelStore.getState();
    for (const [layer, labels] of Object.entries(layers))
      for (const l of labels) {
        const el = elements.get(`${layer}:${l.key}`);
        if (!el) continue;
        v.set(l.position[0], l.position[1], l.position[2]).project(camera);
        if (v.z > 1 || v.z < -1) {
          el.style.visibility = 'hidden';
          continue;
        }
        const x = ((v.x + 1) / 2) * size.width;
        const y = ((1 - v.y) / 2) * size.height;
        el.style.transform = `translate3d(${x.toFixed(1)}px,${y.toFixed(1)}px,0) translate(-50%,-50%)`;
        el.style.visibility = 'visible';
      }
  });
  return null;
}
