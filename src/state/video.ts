/**
 * The video wall: the camera panels open beside the views, and the linkage (视频联动) that opens
 * them — an alarm, a breach, an analytics event or an emergency scenario opens the cameras that see
 * its place (in range, in the cone, in line of sight), nearest first. Operators pin a panel (it
 * stays until closed) or close it; a new linkage replaces the oldest unpinned panels.
 */
import { create } from 'zustand';
import { CameraSight } from '../geo/live/cameras.ts';
import type { ModelFeature, ParkModel } from '../model/model.ts';
import type { LiveEvent } from '../protocol/events.ts';

/** Panels on the wall at most. */
export const MAX_PANELS = 4;

export interface VideoPanel {
  camera: string;
  pinned: boolean;
  /** Why it opened: 'selected' (clicked), or the event type or 'emergency'. */
  reason: string;
  /** What it was opened for (a sensor, a subject, a scenario source). */
  about: string | null;
  opened_ms: number;
}

export interface VideoState {
  panels: VideoPanel[];
  /** Opens cameras (nearest first), each once; unpinned panels beyond the wall's room give way, oldest first. */
  open(cameras: readonly string[], reason: string, about?: string | null): void;
  close(camera: string): void;
  togglePin(camera: string): void;
  closeAll(): void;
}

export const useVideo = create<VideoState>((set) => ({
  panels: [],
  open: (cameras, reason, about = null) =>
    set((s) => {
      if (!cameras.length) return s;
      const now = Date.now();
      const wanted = [...new Set(cameras)].slice(0, MAX_PANELS);
      // cameras already open move to the reason of this opening (pinned ones stay pinned)
      let panels = s.panels.map((p) => (wanted.includes(p.camera) ? { ...p, reason, about, opened_ms: now } : p));
      const fresh = wanted.filter((c) => !s.panels.some((p) => p.camera === c)).map((camera) => ({ camera, pinned: false, reason, about, opened_ms: now }));
      panels = [...panels, ...fresh];
      // too many: the oldest unpinned panels not asked for now go first, then the farthest of those asked for
      // (the nearest camera of a linkage always shows, even on a wall of pinned panels)
      while (panels.length > MAX_PANELS) {
        const others = panels.filter((p) => !p.pinned && !wanted.includes(p.camera)).sort((a, b) => a.opened_ms - b.opened_ms);
        const asked = panels.filter((p) => !p.pinned && wanted.includes(p.camera)).sort((a, b) => wanted.indexOf(b.camera) - wanted.indexOf(a.camera));
        const victim = others[0] ?? (asked.length > 1 ? asked[0] : undefined);
        if (!victim) break;
        panels = panels.filter((p) => p !== victim);
      }
      return { panels };
    }),
  close: (camera) => set((s) => ({ panels: s.panels.filter((p) => p.camera !== camera) })),
  togglePin: (camera) => set((s) => ({ panels: s.panels.map((p) => (p.camera === camera ? { ...p, pinned: !p.pinned } : p)) })),
  closeAll: () => set((s) => ({ panels: s.panels.filter((p) => p.pinned) })),
}));

const sights = new WeakMap<ParkModel, CameraSight>();
/** The cameras' sight over a model (built once per model). */
export function sightOf(model: ParkModel): CameraSight {
  let s = sights.get(model);
  if (!s) sights.set(model, (s = new CameraSight(model)));
  return s;
}

/** Events that open the cameras seeing their place. */
const LINKED = /^(alarm\.unacknowledged|fence\.breach|gate\.unauthorised|zone\.unauthorised|permit\.violation|hazchem\.stopped|waybill\.off_route|video\.)/;

/** Where a linked event happened, for the cameras: local metres, the height to look at, the feature that is looked at (it hides nothing). */
export interface EventPlace {
  at: [number, number];
  z_m: number;
  ignore?: string;
  /** The camera that reported it (an analytics event or its own alarm): opened first. */
  camera?: string;
}

export function placeOfEvent(model: ParkModel, e: LiveEvent): EventPlace | null {
  if (!LINKED.test(e.type)) return null;
  const d = e.detail as { lon?: unknown; lat?: unknown };
  const subject = model.byId.get(e.subject);
  const camera = subject?.kind === 'sensor' && (subject as ModelFeature<'sensor'>).props.type === 'video' ? subject.id : undefined;
  if (e.type.startsWith('alarm.') && subject?.kind === 'sensor') {
    const s = subject as ModelFeature<'sensor'>;
    // a detector: the installation it watches is what to look at (and it does not hide its own detector)
    return { at: [s.anchor[0], s.anchor[1]], z_m: s.props.height_m, ...(s.props.watches ? { ignore: s.props.watches } : {}), ...(camera ? { camera } : {}) };
  }
  if (typeof d.lon === 'number' && typeof d.lat === 'number') {
    const p = model.frame.toLocal([d.lon, d.lat]);
    return { at: [p[0], p[1]], z_m: 1.5, ...(camera ? { camera } : {}) };
  }
  return null;
}

/** The cameras to open for a place: the reporting camera first, then those that see it, nearest first. */
export function camerasFor(model: ParkModel, p: EventPlace): string[] {
  const seen = sightOf(model)
    .seeing(p.at, p.z_m, p.ignore)
    .map((s) => s.camera);
  return p.camera ? [p.camera, ...seen.filter((c) => c !== p.camera)] : seen;
}

/** Opens the cameras for new linked events (the newest last, so it ends up on the wall). */
export function linkEvents(model: ParkModel, events: readonly LiveEvent[]): void {
  for (const e of [...events].sort((a, b) => a.id - b.id)) {
    const p = placeOfEvent(model, e);
    if (!p) continue;
    const cams = camerasFor(model, p);
    if (cams.length) useVideo.getState().open(cams, e.type, e.subject);
  }
}
