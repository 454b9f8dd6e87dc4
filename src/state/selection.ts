/**
 * Selection and hover, shared by every view and panel. Actions are callable outside React
 * (useSelection.getState().select(id)).
 */
import { create } from 'zustand';

export interface SelectionState {
  selectedId: string | null;
  /** The place clicked, local metres (east, north): on a feature, or on open ground with no feature; null when selected otherwise. */
  place: [number, number] | null;
  hoveredId: string | null;
  select(id: string | null, place?: [number, number] | null): void;
  hover(id: string | null): void;
}

export const useSelection = create<SelectionState>((set) => ({
  selectedId: null,
  place: null,
  hoveredId: null,
  select: (id, place = null) => set({ selectedId: id, place }),
  hover: (id) => set((s) => (s.hoveredId === id ? s : { hoveredId: id })),
}));
