/**
 * Camera flights requested from outside the canvas (tables, panels): the plant view flies there.
 */
import { create } from 'zustand';

export interface Flight {
  /** Scene x (east) and z (−north) of the point to look at, and the distance to look from, m. */
  x: number;
  z: number;
  distance_m: number;
  seq: number;
}

export const useCamera = create<{ flight: Flight | null; flyTo(x: number, z: number, distance_m: number): void }>((set, get) => ({
  flight: null,
  flyTo: (x, z, distance_m) => set({ flight: { x, z, distance_m, seq: (get().flight?.seq ?? 0) + 1 } }),
}));

/** Camera heading (radians clockwise from north) and ground resolution at the target, for the north arrow and scale bar. */
export const useViewStats = create<{ heading_rad: number; metresPerPixel: number }>(() => ({ heading_rad: 0, metresPerPixel: 1 }));
