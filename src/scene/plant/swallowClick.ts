/**
 * The click that ends a drag is not a click: the browser sends one after the pointer is released
 * (the press and the release were both on the canvas), and the plant view would take it as a click
 * on the ground — clearing the selection the drag was about. Called when a drag ends, this swallows
 * that one click (it comes in the same task as the release; nothing later is touched).
 */
export function swallowNextClick(): void {
  const stop = (e: MouseEvent) => {
    e.stopPropagation();
    e.preventDefault();
  };
  window.addEventListener('click', stop, { capture: true, once: true });
  setTimeout(() => window.removeEventListener('click', stop, { capture: true }), 0);
}

/** Whether a press and a release are far enough apart to be a drag (as three's and the browser's own click slop: a few pixels). */
export const dragged = (down: { clientX: number; clientY: number }, up: { clientX: number; clientY: number }) =>
  Math.hypot(up.clientX - down.clientX, up.clientY - down.clientY) > 3;
