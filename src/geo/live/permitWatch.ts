/**
 * Permits on the live twin (pure): the area a permit covers in local metres, who is inside it, whether
 * its watcher (监护人) is near the workers while they work, and which permits a gas alarm at a point
 * reaches. The server runs it on every position batch and alarm; the browser draws the same areas.
 *
 * Two distances are parktwin settings, not the standard's figures: GB 30871-2022 ch. 4 wants the watcher
 * at the work site for the whole work but gives no distance (default 15 m, with 60 s of grace before
 * "absent" so a walk round a vessel is not an event); and a gas alarm suspends hot work and
 * confined-space entry within 30 m of the area (after ch. 5's 30 m around a hot-work point within which
 * no combustible gas may be released; P).
 */
import type { ParkModel } from '../../model/model.ts';
import type { XY } from '../primitives/planar.ts';
import { pointInPolygon, pointSegmentDistance_m } from '../primitives/planar.ts';

export const WATCHER_DISTANCE_M = 15;
export const WATCHER_GRACE_MS = 60_000;
export const GAS_ALARM_REACH_M = 30;
/** Around a point installation (a tank, a pump) without an outline, the work area reaches this far beyond its radius, m (parktwin's choice). */
export const POINT_AREA_MARGIN_M = 5;

/** A circle as a polygon ring (24 sides). */
export function circleRing(c: XY, r_m: number, sides = 24): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i <= sides; i++) {
    const a = (2 * Math.PI * (i % sides)) / sides;
    out.push([c[0] + r_m * Math.cos(a), c[1] + r_m * Math.sin(a)]);
  }
  return out;
}

/**
 * The area of a permit in local metres: its drawn polygon (lon, lat), else its installation's outline,
 * a point installation as a circle (its radius, from `diameter_m`, plus POINT_AREA_MARGIN_M; 10 m
 * across when it has none). Empty when neither is known.
 */
export function permitRings(model: ParkModel, p: { area?: readonly (readonly [number, number])[]; feature?: string }): XY[][] {
  if (p.area) return [p.area.map((ll) => model.frame.toLocal(ll) as unknown as XY)];
  const f = p.feature ? model.byId.get(p.feature) : undefined;
  if (!f) return [];
  if (f.local.type === 'Polygon') return f.local.rings as unknown as XY[][];
  const d = (f.props as { diameter_m?: number }).diameter_m ?? 10;
  return [circleRing(f.anchor, d / 2 + POINT_AREA_MARGIN_M)];
}

/** The distance from a point to a polygon's area, m (0 inside). */
export function distanceToArea_m(p: XY, rings: readonly (readonly XY[])[]): number {
  if (pointInPolygon(p, rings)) return 0;
  let best = Infinity;
  for (const ring of rings) for (let i = 0; i + 1 < ring.length; i++) best = Math.min(best, pointSegmentDistance_m(p, ring[i], ring[i + 1]));
  return best;
}

export interface WatchedPermit {
  id: string;
  kind: string;
  /** The area, local metres (outer ring first). */
  rings: readonly (readonly XY[])[];
  worker_tags: readonly string[];
  watcher_tag?: string;
}

export interface WatchFacts {
  permit: string;
  /** Tags inside the area now (anyone, not only the permit's workers). */
  inside: string[];
  /** The permit's workers inside. */
  workers_inside: string[];
  /** Whether the watcher is within WATCHER_DISTANCE_M of a worker inside; null while no worker is inside or the permit names no watcher tag. */
  watcher_present: boolean | null;
}

/** What a position batch changed: facts per permit and the watcher transitions to report. */
export interface WatchChange {
  facts: WatchFacts[];
  absent: { permit: string; watcher: string; since_ms: number; workers: string[] }[];
  back: { permit: string; watcher: string; absent_ms: number }[];
}

/**
 * Keeps the watcher state of active permits: "absent" is reported once the watcher has been away from
 * the working workers for the grace period, "back" when they return.
 */
export class PermitWatch {
  private readonly awaySince = new Map<string, number>();
  private readonly reported = new Set<string>();

  constructor(private readonly opts: { watcher_distance_m?: number; grace_ms?: number } = {}) {}

  /** Evaluates the permits against the positions (tag → local point) at a time. */
  update(permits: readonly WatchedPermit[], at: ReadonlyMap<string, XY>, now_ms: number): WatchChange {
    const dist = this.opts.watcher_distance_m ?? WATCHER_DISTANCE_M;
    const grace = this.opts.grace_ms ?? WATCHER_GRACE_MS;
    const change: WatchChange = { facts: [], absent: [], back: [] };
    const live = new Set<string>();
    for (const p of permits) {
      live.add(p.id);
      const inside: string[] = [];
      for (const [tag, xy] of at) if (pointInPolygon(xy, p.rings)) inside.push(tag);
      const workers_inside = inside.filter((t) => p.worker_tags.includes(t));
      let present: boolean | null = null;
      if (p.watcher_tag && workers_inside.length) {
        const w = at.get(p.watcher_tag);
        present = !!w && workers_inside.some((t) => Math.hypot(at.get(t)![0] - w[0], at.get(t)![1] - w[1]) <= dist);
      }
      change.facts.push({ permit: p.id, inside, workers_inside, watcher_present: present });
      if (present === false) {
        const since = this.awaySince.get(p.id) ?? now_ms;
        this.awaySince.set(p.id, since);
        if (!this.reported.has(p.id) && now_ms - since >= grace) {
          this.reported.add(p.id);
          change.absent.push({ permit: p.id, watcher: p.watcher_tag!, since_ms: since, workers: workers_inside });
        }
      } else {
        const since = this.awaySince.get(p.id);
        if (since !== undefined && this.reported.has(p.id) && p.watcher_tag)
          change.back.push({ permit: p.id, watcher: p.watcher_tag, absent_ms: now_ms - since });
        this.awaySince.delete(p.id);
        this.reported.delete(p.id);
      }
    }
    for (const id of [...this.awaySince.keys()]) if (!live.has(id)) this.awaySince.delete(id), this.reported.delete(id);
    return change;
  }
}

/** The permits (of the kinds a gas alarm stops) whose area is within `reach_m` of a point. */
export function permitsNear(
  p: XY,
  permits: readonly WatchedPermit[],
  kinds: readonly string[] = ['hot_work', 'confined_space'],
  reach_m = GAS_ALARM_REACH_M,
): { permit: string; distance_m: number }[] {
  const out: { permit: string; distance_m: number }[] = [];
  for (const w of permits) {
    if (!kinds.includes(w.kind)) continue;
    const d = distanceToArea_m(p, w.rings);
    if (d <= reach_m) out.push({ permit: w.id, distance_m: Math.round(d * 10) / 10 });
  }
  return out;
}
