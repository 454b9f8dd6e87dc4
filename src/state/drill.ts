/**
 * The drill this page watches, if any: its id from the URL (`?drill=<id>`), what the server says
 * of it, and whether it has ended. A drill page shows the drill's own live state (its namespace on
 * the server), never the live park's.
 */
import { create } from 'zustand';

export interface DrillInfo {
  id: string;
  /** The scenario as the file format gives it (docs/hazards.md). */
  scenario: Record<string, unknown>;
  by: string;
  started_at: string;
  start_at_s: number;
  /** When the release was shut off, s into the scenario; null while it goes on. */
  release_s: number | null;
}

/** The debrief of a drill, as the server makes it (server/domain/drill.ts). */
export interface DrillReport {
  id: string;
  by: string;
  started_at: string;
  duration_s: number;
  alarms: { alarm: string; sensor: string; level: string; priority: string; raised_s: number; acknowledged_s: number | null; by: string | null; response_s: number | null }[];
  evacuation: { subject: string; kind: string; level: number; assembly: string | null; route_m: number; sent_s: number; arrived_s: number | null; took_s: number | null }[];
  summary: { alarms_raised: number; alarms_acknowledged: number; median_response_s: number | null; slowest_response_s: number | null; sent: number; arrived: number; median_evacuation_s: number | null; last_arrival_s: number | null; release_shut_off_s: number | null; release_shut_off_by: string | null };
}

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
