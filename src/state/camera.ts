/**
 * Camera flights requested from outside the canvas (tables, panels): the plant view and the globe
 * fly there. A flight is asked for at a point of the park in local metres (east, north) — each view
 * turns it into its own coordinates (the plant view's scene has z = −north).
 */
import { create } from 'zustand';

export interface Flight {
  /** The point to look at, local metres east and north of the park's origin. */
  at: readonly [east_m: number, north_m: number];
  /** How far from it to look, m. */
  distance_m: number;
  /** Look straight down, north up (the planner's top-down view), instead of from where the camera is. */
  topDown?: boolean;
  seq: number;
}

export const useCamera = create<{
  flight: Flight | null;
  /** The last flight the plant view has finished (its seq). */
  landedSeq: number;
  flyTo(at: readonly [number, number], distance_m: number, options?: { topDown?: boolean }): void;
  landed(seq: number): void;
}>((set, get) => ({
  flight: null,
  landedSeq: 0,
  flyTo: (at, distance_m, options) => set({ flight: { at: [at[0], at[1]], distance_m, topDown: options?.topDown, seq: (get().flight?.seq ?? 0) + 1 } }),
  landed: (seq) => set({ landedSeq: seq }),
}));

/** Camera heading (radians clockwise from north) and ground resolution at the target, for the north arrow and scale bar. */
export const useViewStats = create<{ heading_rad: number; metresPerPixel: number }>(() => ({ heading_rad: 0, metresPerPixel: 1 }));
