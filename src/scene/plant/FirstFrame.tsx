import { useFrame } from '@react-three/fiber';
import { useRef, useSyncExternalStore } from 'react';

/** The window event (and performance mark) of the plant view's first drawn frame; its `detail` is the mark's time. */
export const FIRST_FRAME_EVENT = 'parktwin:first-frame';

/**
 * Marks the plant view's first drawn frame: the performance mark and window event FIRST_FRAME_EVENT.
 * The app puts off work its first frame does not need until then (the planner's checks in the twin);
 * bench/render reads the time. A frame's useFrame callbacks run before its render: the mark is made in a
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

// whether a plant view of this page has drawn its first frame (the panels wait for it: useFirstFrameDrawn)
let drawn = false;
const listeners = new Set<() => void>();
window.addEventListener(FIRST_FRAME_EVENT, () =>
  // a task of its own: the frame goes on screen before the panels are rendered
  setTimeout(() => {
    drawn = true;
    for (const l of listeners) l();
  }, 0),
);

/**
 * Whether the plant view has drawn its first frame: the app shows its panels after it, so the park is
 * on screen first.
 */
export function useFirstFrameDrawn(): boolean {
  return useSyncExternalStore(
    (l) => (listeners.add(l), () => listeners.delete(l)),
    () => drawn,
  );
}
