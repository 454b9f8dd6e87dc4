import { useFrame } from '@react-three/fiber';
import { useRef } from 'react';

/** The window event (and performance mark) of the plant view's first drawn frame; its `detail` is the mark's time. */
export const FIRST_FRAME_EVENT = 'parktwin:first-frame';

/**
 * Marks the plant view's first drawn frame: the performance mark and window event FIRST_FRAME_EVENT.
 * The app puts off what the first frame does not need until then (the planner's checks, the live
 * connection, the panels over the view); bench/render reads the time. A frame's useFrame callbacks run before its render: the mark is made in a
 * microtask, after the render.
 */
export function FirstFrame() {
  const done = useRef(false);
  useFrame(() => {
    if (done.current) return;
    done.current = true;
    queueMicrotask(() => {
      const at = performance.mark(FIRST_FRAME_EVENT).startTime;
      window.dispatchEvent(new CustomEvent<number>(FIRST_FRAME_EVENT, { detail: at }));
    });
  });
  return null;
}

// whether a plant view of this page has drawn its first frame (afterFirstFrame in the app: at once then)
let drawn = false;
window.addEventListener(FIRST_FRAME_EVENT, () => {
  drawn = true;
});
export const firstFrameDrawn = (): boolean => drawn;
