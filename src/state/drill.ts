/**
 * The drill this page watches, if any: its id from the URL (`?drill=<id>`), what the server says
 * of it, and whether it has ended. A drill page shows the drill's own live state (its namespace on
 * the server), never the live park's.
 */
import { create } from 'zustand';
import type { DrillInfo, DrillReport } from '../protocol/drills.ts';

export type { DrillInfo, DrillReport } from '../protocol/drills.ts';

export interface DrillState {
  id: string | null;
  info: DrillInfo | null;
  ended: boolean;
  /** Its debrief, once asked for (or when a trainer ended it). */
  report: DrillReport | null;
}

const fromUrl = (): string | null => (typeof window === 'undefined' ? null : new URLSearchParams(window.location.search).get('drill'));

export const useDrill = create<DrillState>(() => ({ id: fromUrl(), info: null, ended: false, report: null }));

/** An API path for this page: the drill's data with `drill=<id>` on a drill page, else as given. */
export function withDrill(path: string): string {
  const id = useDrill.getState().id;
  if (!id) return path;
  return `${path}${path.includes('?') ? '&' : '?'}drill=${encodeURIComponent(id)}`;
}

/** The same page on another drill (or the live park with null), keeping the other parameters. */
export function drillUrl(id: string | null): string {
  const q = new URLSearchParams(window.location.search);
  if (id) q.set('drill', id);
  else q.delete('drill');
  const s = q.toString();
  return `${window.location.pathname}${s ? `?${s}` : ''}`;
}
