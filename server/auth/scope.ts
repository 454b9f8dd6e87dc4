/**
 * Enterprise scope: a park platform serves the park's staff and each enterprise's own. A user or
 * token limited to some enterprises sees only what belongs to them — sensors, alarms, people,
 * events and history — plus the park-wide features the park shares (`shared` in the users file).
 *
 * A feature belongs to an enterprise by its `enterprise_id`, else through the feature it watches
 * (a detector on a tank), else by standing inside the enterprise's outline. A person or vehicle
 * belongs to the enterprises whose premises they are in now; a track point, to those it lies in.
 */
import type { LiveAlarm, LiveEvent, LivePosition, LiveStatus } from '../../src/protocol/events.ts';
import type { ParkModel } from '../../src/model/model.ts';
import { pointInPolygon, type XY } from '../../src/geo/primitives/planar.ts';

export interface ScopeFilter {
  /** The enterprises, sorted and joined: sockets of one scope share a room. */
  readonly key: string;
  readonly enterprises: readonly string[];
  feature(id: string | null | undefined): boolean;
  event(e: LiveEvent): boolean;
  alarm(a: LiveAlarm): boolean;
  lonLat(lon: number, lat: number): boolean;
  position(p: LivePosition): boolean;
  /** Per sensor in the layout's order: 1 when the scope sees it (the binary readings batch is filtered by index). */
  readonly sensorMask: Uint8Array;
  status(s: LiveStatus): LiveStatus;
}

export class ScopeIndex {
  private readonly owner = new Map<string, string | null>();
  private readonly outlines = new Map<string, XY[][]>();
  private readonly filters = new Map<string, ScopeFilter>();

  constructor(
    private readonly model: ParkModel,
    private readonly shared: readonly string[] = [],
  ) {
    for (const e of model.ofKind('enterprise')) if (e.local.type === 'Polygon') this.outlines.set(e.id, e.local.rings);
    const inside = (p: XY): string | null => {
      for (const [id, rings] of this.outlines) if (pointInPolygon(p, rings)) return id;
      return null;
    };
    for (const f of model.features) {
      const props = f.props as { enterprise_id?: string; watches?: string };
      let ent: string | null = f.kind === 'enterprise' ? f.id : (props.enterprise_id ?? null);
      if (!ent && props.watches) ent = (model.byId.get(props.watches)?.props as { enterprise_id?: string } | undefined)?.enterprise_id ?? null;
      if (!ent && f.kind !== 'park') ent = inside(f.anchor);
      this.owner.set(f.id, ent);
    }
  }

  /** The enterprise a feature belongs to, or null (park-wide). */
  enterpriseOf(id: string): string | null {
    return this.owner.get(id) ?? null;
  }

  /** The filter of a set of enterprises (cached). */
  filter(enterprises: readonly string[]): ScopeFilter {
    const sorted = [...new Set(enterprises)].sort();
    const key = sorted.join(',');
    let f = this.filters.get(key);
    if (!f) this.filters.set(key, (f = this.make(sorted, key)));
    return f;
  }

  private make(enterprises: readonly string[], key: string): ScopeFilter {
    const set = new Set(enterprises);
    const shared = new Set(this.shared);
    const rings = enterprises.flatMap((e) => (this.outlines.has(e) ? [this.outlines.get(e)!] : []));
    const { model } = this;
    const feature = (id: string | null | undefined) => {
      if (!id) return false;
      if (shared.has(id) || set.has(id)) return true;
      const o = this.owner.get(id);
      return o !== undefined && o !== null && set.has(o);
    };
    const local = (lon: number, lat: number) => model.frame.toLocal([lon, lat]);
    const lonLat = (lon: number, lat: number) => {
      const p = local(lon, lat);
      return rings.some((r) => pointInPolygon(p, r));
    };
    const sensors = model.ofKind('sensor');
    const sensorMask = Uint8Array.from(sensors, (s) => (feature(s.id) ? 1 : 0));
    const event = (e: LiveEvent) => {
      if (feature(e.subject) || feature(e.place)) return true;
      const d = e.detail as { lon?: unknown; lat?: unknown };
      // a geofence event about a person: seen where it happened
      return typeof d.lon === 'number' && typeof d.lat === 'number' && !this.owner.has(e.subject) && lonLat(d.lon, d.lat);
    };
    return {
      key,
      enterprises,
      feature,
      event,
      alarm: (a) => feature(a.sensor),
      lonLat,
      position: (p) => lonLat(p.lon, p.lat),
      sensorMask,
      status: (s) => ({
        ...s,
        headcount: Object.fromEntries(Object.entries(s.headcount).filter(([z]) => feature(z))),
        permitZones: Object.fromEntries(Object.entries(s.permitZones).filter(([z]) => feature(z))),
        commLost: s.commLost.filter(feature),
        clockFaults: s.clockFaults.filter(feature),
        gatherings: s.gatherings.filter((g) => feature(g.zone)),
        permits: Object.fromEntries(Object.entries(s.permits).filter(([, p]) => feature(p.enterprise))),
        floods: Object.fromEntries(Object.entries(s.floods).filter(([area]) => feature(area))),
      }),
    };
  }
}
