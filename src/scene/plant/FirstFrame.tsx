import { useFrame } from '@react-three/fiber';
import { useRef, useSyncExternalStore } from 'react';

/** The window event (and performance mark) of the plant view's first drawn frame. */
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
      performance.mark(FIRST_FRAME_EVENT);
      window.dispatchEvent(new Event(FIRST_FRAME_EVENT));
    });
  });
  return null;
}

// whether a plant view of this page has drawn its first frame (the panels wait for it: useFirstFrameDrawn)
let drawn = false;
const listeners = new Set<() => void>();
window.addEventListener(FIRST_FRAME_EVENT, () => {
  drawn = true;
  for (const l of listeners) l();
});

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
