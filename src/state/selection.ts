/**
 * Selection and hover, shared by every view and panel. Actions are callable outside React
 * (useSelection.getState().select(id)).
 */
import { create } from 'zustand';

export interface SelectionState {
  selectedId: string | null;
  hoveredId: string | null;
  select(id: string | null): void;
  hover(id: string | null): void;
}

export const useSelection = create<SelectionState>((set) => ({
  selectedId: null,
  hoveredId: null,
  select: (id) => set({ selectedId: id }),
  hover: (id) => set((s) => (s.hoveredId === id ? s : { hoveredId: id })),
}));
