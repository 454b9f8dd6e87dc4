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
  /** Features picked together (shift-click in the planner), for edits of several at once. */
  multi: readonly string[];
  select(id: string | null, place?: [number, number] | null): void;
  /** Adds a feature to the multiple selection, or takes it out when it is in. */
  toggleMulti(id: string): void;
  clearMulti(): void;
  hover(id: string | null): void;
}

export const useSelection = create<SelectionState>((set) => ({
  selectedId: null,
  place: null,
  hoveredId: null,
  multi: [],
  select: (id, place = null) => set({ selectedId: id, place }),
  toggleMulti: (id) => set((s) => ({ multi: s.multi.includes(id) ? s.multi.filter((x) => x !== id) : [...s.multi, id] })),
  clearMulti: () => set({ multi: [] }),
  hover: (id) => set((s) => (s.hoveredId === id ? s : { hoveredId: id })),
}));
