/**
 * Which screen labels to show when they would cover each other: the most important first, each
 * shown only where it overlaps none already shown (the greedy placement map labels use). Pure; CSS
 * pixels.
 */
export interface LabelBox {
  /** Centre on the screen, px. */
  x: number;
  y: number;
  /** Size, px. */
  w: number;
  h: number;
  /** Higher is placed first; ties keep the given order. */
  priority: number;
}

/** Whether a box lies wholly outside the view (0..width × 0..height). */
export const offView = (b: LabelBox, width: number, height: number): boolean =>
  b.x + b.w / 2 < 0 || b.y + b.h / 2 < 0 || b.x - b.w / 2 > width || b.y - b.h / 2 > height;

/**
 * For each box, whether it is shown. Boxes wholly outside the view (0..width × 0..height) are not
 * shown and take no room; `gap_px` is kept free around every shown box.
 */
export function declutter(boxes: readonly LabelBox[], width: number, height: number, gap_px = 2): boolean[] {
  const order = boxes.map((_, i) => i).sort((a, b) => boxes[b].priority - boxes[a].priority || a - b);
  const shown = new Array<boolean>(boxes.length).fill(false);
  const placed: [number, number, number, number][] = [];
  for (const i of order) {
    const b = boxes[i];
    if (offView(b, width, height)) continue;
    const x0 = b.x - b.w / 2 - gap_px;
    const x1 = b.x + b.w / 2 + gap_px;
    const y0 = b.y - b.h / 2 - gap_px;
    const y1 = b.y + b.h / 2 + gap_px;
    let free = true;
    for (const [a0, a1, c0, c1] of placed)
      if (x0 < a1 && a0 < x1 && y0 < c1 && c0 < y1) {
        free = false;
        break;
      }
    if (!free) continue;
    shown[i] = true;
    placed.push([x0, x1, y0, y1]);
  }
  return shown;
}
