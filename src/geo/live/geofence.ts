/**
 * Geofencing of people and vehicles: events evaluated on the segment between consecutive positions
 * (Tile38-style enter / exit / cross), with a hysteresis margin against positioning jitter.
 *
 * A subject's side of the fence and its presence in each zone change only when a position is more
 * than `hysteresis_m` beyond the boundary (AQ 3064.3-2025 [P]: static ±3 m, moving ±5 m); positions
 * within the margin keep the previous state. A confirmed change of side is a crossing, located where
 * the path from the last confirmed position meets the boundary, at the time interpolated along it.
 *
 * Events: fence.breach (crossed away from any gate), gate.pass, gate.unauthorised (a class the gate
 * does not admit), zone.enter, zone.exit, zone.unauthorised (restricted or hazardous area without
 * an authorised role), permit.violation (hot-work or confined-space zone outside its window or by
 * someone not on its permit), zone.over_capacity, zone.dwell_exceeded (in a zone longer than its
 * max_dwell_min — a hazchem parking's limit), hazchem.stopped (a hazchem vehicle stopped outside
 * hazchem parking and loading zones), tag.silent (no position for too long inside a hazardous area),
 * gathering.start / gathering.end (people within `gatherRadius_m` of each other — single linkage:
 * each within the radius of another of the group — for longer than `gather_ms` inside a hazardous
 * area; `gatherMin` people make a gathering, by default 3, because two people together is the rule
 * for hot work and confined spaces (GB 30871-2022 requires a watcher beside the worker)).
 *
 * Pure: the server, the CLI (`parktwin replay`) and tests drive it with the same calls.
 */
import Flatbush from 'flatbush';
import type { GateAdmit } from '../../model/enums.ts';
import type { ModelFeature, ParkModel } from '../../model/model.ts';
import { segmentsIntersect } from '../footprint.ts';
import { type BBox, bboxOf, nearRings, pointInPolygon, type XY } from '../primitives/planar.ts';

export interface Fix {
  id: string;
  kind: 'person' | 'vehicle';
  t_ms: number;
  /** Local east, north, m. */
  x: number;
  y: number;
  role?: string;
  vehicle_class?: 'car' | 'goods' | 'hazchem' | 'emergency';
}

export type GeofenceEventType =
  | 'fence.breach'
  | 'gate.pass'
  | 'gate.unauthorised'
  | 'zone.enter'
  | 'zone.exit'
  | 'zone.unauthorised'
  | 'permit.violation'
  | 'zone.over_capacity'
  | 'zone.dwell_exceeded'
  | 'hazchem.stopped'
  | 'tag.silent'
  | 'gathering.start'
  | 'gathering.end';

export interface GeofenceEvent {
  type: GeofenceEventType;
  t_ms: number;
  subject: string;
  /** The fence, gate or zone concerned. */
  place: string;
  /** Where, local metres. */
  x: number;
  y: number;
  detail: Record<string, unknown>;
}

export interface GeofenceOptions {
  /** Positions within this of a boundary keep the previous state, m. */
  hysteresis_m: number;
  /** A crossing within this of a gate passes through the gate, m. */
  gateRadius_m: number;
  /** Below this speed a vehicle counts as stopped, m/s. */
  stoppedSpeed_m_s: number;
  /** A hazchem vehicle stopped this long outside parking or loading raises an event, ms. */
  hazchemStop_ms: number;
  /** No position for this long inside a hazardous area raises tag.silent, ms. */
  silent_ms: number;
  /** People closer than this to one another form a group, m. */
  gatherRadius_m: number;
  /** A group lasting this long in a hazardous area is a gathering, ms. */
  gather_ms: number;
  /** People in a group for it to count as a gathering. */
  gatherMin: number;
}

export const DEFAULT_GEOFENCE_OPTIONS: GeofenceOptions = {
  hysteresis_m: 4,
  gateRadius_m: 12,
  stoppedSpeed_m_s: 0.5,
  hazchemStop_ms: 5 * 60_000,
  silent_ms: 2 * 60_000,
  gatherRadius_m: 15,
  gather_ms: 60_000,
  gatherMin: 3,
};

/** A gathering in progress (or a group not yet long enough to be one). */
export interface Gathering {
  zone: string;
  members: string[];
  since_ms: number;
  reported: boolean;
}

/** Which gate admission a subject needs. */
export function admissionOf(f: Pick<Fix, 'kind' | 'vehicle_class'>): GateAdmit {
  if (f.kind === 'person') return 'people';
  return f.vehicle_class === 'hazchem' ? 'hazchem' : f.vehicle_class === 'emergency' ? 'emergency' : f.vehicle_class === 'goods' ? 'goods' : 'car';
}

interface ZoneInfo {
  f: ModelFeature<'zone'>;
  rings: readonly (readonly XY[])[];
  bbox: BBox;
  from_ms: number;
  to_ms: number;
}

interface Subject {
  last: Fix;
  /** Last position with a confirmed side of the fence (outside the margin). */
  anchor: Fix | null;
  inside: boolean | null;
  zones: Map<string, Fix>; // zone id → position where presence was confirmed
  stoppedSince: number | null;
  stopReported: boolean;
  silentReported: boolean;
}

/** Side of the cells zones are looked up by, m: a walker's step stays within one nearly always. */
const ZONE_CELL_m = 50;
const NO_ZONES: readonly number[] = [];

export class GeofenceEngine {
  readonly options: GeofenceOptions;
  private readonly fence: XY[] = [];
  private readonly fenceId: string | null;
  private readonly gates: ModelFeature<'gate'>[];
  private readonly zones: ZoneInfo[];
  private readonly zoneIndex?: Flatbush;
  /** Zones by square cell of ZONE_CELL_m (those whose box, widened by the margin, meets the cell): a step within one cell looks them up without a search. */
  private zoneCells: number[][] = [];
  private cellsX = 0;
  private cellsY = 0;
  private cellOrigin: XY = [0, 0];
  private readonly fenceRings: (readonly XY[])[];
  private readonly zoneById = new Map<string, number>();
  private readonly subjects = new Map<string, Subject>();
  private readonly occupancy = new Map<string, Set<string>>();
  private readonly overCapacity = new Set<string>();
  private readonly groups = new Map<string, Gathering>();
  /** Stays already reported as too long (subject|zone), until the subject leaves the zone. */
  private readonly dwellReported = new Set<string>();

  constructor(
    readonly model: ParkModel,
    options: Partial<GeofenceOptions> = {},
  ) {
    this.options = { ...DEFAULT_GEOFENCE_OPTIONS, ...options };
    const fence = model.ofKind('fence')[0];
    this.fenceId = fence?.id ?? null;
    if (fence)
      this.fence = (fence.local.type === 'Polygon' ? fence.local.rings[0] : fence.local.type === 'LineString' ? fence.local.line : []).map((p) => [p[0], p[1]]);
    this.fenceRings = [this.fence];
    this.gates = model.ofKind('gate');
    this.zones = model.ofKind('zone').map((f) => ({
      f,
      rings: f.local.type === 'Polygon' ? f.local.rings : [],
      bbox: bboxOf(f.local.type === 'Polygon' ? f.local.rings[0] : []),
      from_ms: f.props.valid_from ? Date.parse(f.props.valid_from) : -Infinity,
      to_ms: f.props.valid_to ? Date.parse(f.props.valid_to) : Infinity,
    }));
    if (this.zones.length) {
      this.zoneIndex = new Flatbush(this.zones.length);
      for (const { bbox: b } of this.zones) this.zoneIndex.add(b.minX, b.minY, b.maxX, b.maxY);
      this.zoneIndex.finish();
      this.buildZoneCells();
    }
    this.zones.forEach((z, i) => {
      this.occupancy.set(z.f.id, new Set());
      this.zoneById.set(z.f.id, i);
    });
  }

  private buildZoneCells(): void {
    const r = this.options.hysteresis_m;
    const all = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
    for (const { bbox: b } of this.zones) {
      all.minX = Math.min(all.minX, b.minX - r);
      all.minY = Math.min(all.minY, b.minY - r);
      all.maxX = Math.max(all.maxX, b.maxX + r);
      all.maxY = Math.max(all.maxY, b.maxY + r);
    }
    this.cellsX = Math.ceil((all.maxX - all.minX) / ZONE_CELL_m) + 1;
    this.cellsY = Math.ceil((all.maxY - all.minY) / ZONE_CELL_m) + 1;
    if (!Number.isFinite(this.cellsX * this.cellsY) || this.cellsX * this.cellsY > 4_000_000) return; // too large a grid: the search does it all
    this.cellOrigin = [all.minX, all.minY];
    this.zoneCells = Array.from({ length: this.cellsX * this.cellsY }, () => []);
    this.zones.forEach(({ bbox: b }, k) => {
      const [i0, j0] = this.cellOf(b.minX - r, b.minY - r);
      const [i1, j1] = this.cellOf(b.maxX + r, b.maxY + r);
      for (let j = j0; j <= j1; j++) for (let i = i0; i <= i1; i++) this.zoneCells[j * this.cellsX + i].push(k);
    });
  }

  private cellOf(x: number, y: number): [number, number] {
    return [Math.floor((x - this.cellOrigin[0]) / ZONE_CELL_m), Math.floor((y - this.cellOrigin[1]) / ZONE_CELL_m)];
  }

  /** The zones near a step: from its cell when it keeps within one (a superset: each is checked), else searched. */
  private zonesNear(prev: Fix, fix: Fix): readonly number[] {
    if (this.zoneCells.length) {
      const i = Math.floor((fix.x - this.cellOrigin[0]) / ZONE_CELL_m);
      const j = Math.floor((fix.y - this.cellOrigin[1]) / ZONE_CELL_m);
      if (i === Math.floor((prev.x - this.cellOrigin[0]) / ZONE_CELL_m) && j === Math.floor((prev.y - this.cellOrigin[1]) / ZONE_CELL_m))
        return i < 0 || j < 0 || i >= this.cellsX || j >= this.cellsY ? NO_ZONES : this.zoneCells[j * this.cellsX + i];
    }
    const r = this.options.hysteresis_m;
    return this.zoneIndex!.search(Math.min(prev.x, fix.x) - r, Math.min(prev.y, fix.y) - r, Math.max(prev.x, fix.x) + r, Math.max(prev.y, fix.y) + r);
  }

  /** Confirmed side of the fence, or null within the hysteresis margin. */
  private side(x: number, y: number): boolean | null {
    if (this.fence.length < 4 || nearRings(x, y, this.fenceRings, this.options.hysteresis_m)) return null;
    return pointInPolygon([x, y], this.fenceRings);
  }

  /** Zone presence: true inside by more than the margin, false outside by more, null in between. */
  private zoneState(z: ZoneInfo, x: number, y: number): boolean | null {
    const r = this.options.hysteresis_m;
    const b = z.bbox;
    if (x < b.minX - r || x > b.maxX + r || y < b.minY - r || y > b.maxY + r) return false; // beyond the margin of its box
    if (nearRings(x, y, z.rings, r)) return null;
    return pointInPolygon([x, y], z.rings);
  }

  /** Feeds one position; returns the events it causes. Positions older than the subject's last are ignored. */
  update(fix: Fix): GeofenceEvent[] {
    const events: GeofenceEvent[] = [];
    let s = this.subjects.get(fix.id);
    if (!s) {
      const side = this.side(fix.x, fix.y);
      s = { last: fix, anchor: side === null ? null : fix, inside: side, zones: new Map(), stoppedSince: null, stopReported: false, silentReported: false };
      this.subjects.set(fix.id, s);
      this.updateZones(s, fix, fix, events);
      return events;
    }
    if (fix.t_ms < s.last.t_ms) return events;
    const prev = s.last;
    s.last = fix;
    s.silentReported = false;

    // the fence: a confirmed change of side is a crossing
    const side = this.side(fix.x, fix.y);
    if (side !== null) {
      if (s.inside !== null && side !== s.inside && s.anchor) this.crossing(s.anchor, fix, side, events);
      s.inside = side;
      s.anchor = fix;
    }
    this.updateZones(s, prev, fix, events);
    this.updateStopped(s, prev, fix, events);
    return events;
  }

  private crossing(from: Fix, to: Fix, nowInside: boolean, events: GeofenceEvent[]): void {
    // where the path meets the fence (the first meeting along the path)
    let best: { t: number; seg: number } | null = null;
    for (let i = 0; i + 1 < this.fence.length; i++) {
      const a = this.fence[i];
      const b = this.fence[i + 1];
      if (!segmentsIntersect([from.x, from.y], [to.x, to.y], a, b)) continue;
      const t = intersectionParam([from.x, from.y], [to.x, to.y], a, b);
      if (best === null || t < best.t) best = { t, seg: i };
    }
    const t = best?.t ?? 0.5;
    const x = from.x + (to.x - from.x) * t;
    const y = from.y + (to.y - from.y) * t;
    const t_ms = Math.round(from.t_ms + (to.t_ms - from.t_ms) * t);
    const direction = nowInside ? 'in' : 'out';
    let gate: ModelFeature<'gate'> | undefined;
    let gd = Infinity;
    for (const g of this.gates) {
      if (g.local.type !== 'Point') continue;
      const d = Math.hypot(g.local.point[0] - x, g.local.point[1] - y);
      if (d < gd) [gd, gate] = [d, g];
    }
    if (gate && gd <= this.options.gateRadius_m) {
      const need = admissionOf(to);
      const ok = gate.props.admits.includes(need);
      events.push({
        type: ok ? 'gate.pass' : 'gate.unauthorised',
        t_ms,
        subject: to.id,
        place: gate.id,
        x,
        y,
        detail: { direction, class: need, admits: gate.props.admits },
      });
      return;
    }
    events.push({
      type: 'fence.breach',
      t_ms,
      subject: to.id,
      place: this.fenceId ?? 'fence',
      x,
      y,
      detail: { direction, segment: best?.seg ?? null, nearest_gate: gate?.id ?? null, nearest_gate_m: Number.isFinite(gd) ? Math.round(gd) : null },
    });
  }

  private updateZones(s: Subject, prev: Fix, fix: Fix, events: GeofenceEvent[]): void {
    if (!this.zoneIndex) return;
    // the zones near the step, then those the subject was in that are no longer near it
    const near = this.zonesNear(prev, fix);
    for (const k of near) this.zoneStep(s, this.zones[k], fix, events);
    for (const id of s.zones.keys()) {
      const k = this.zoneById.get(id)!;
      if (!near.includes(k)) this.zoneStep(s, this.zones[k], fix, events);
    }
  }

  private zoneStep(s: Subject, z: ZoneInfo | undefined, fix: Fix, events: GeofenceEvent[]): void {
    if (!z) return;
    const state = this.zoneState(z, fix.x, fix.y);
    if (state === null) return;
    const was = s.zones.has(z.f.id);
    if (state && !was) {
      s.zones.set(z.f.id, fix);
      this.enter(z, fix, events);
    } else if (!state && was) {
      s.zones.delete(z.f.id);
      this.dwellReported.delete(`${fix.id}|${z.f.id}`);
      this.occupancy.get(z.f.id)!.delete(fix.id);
      if (this.occupancy.get(z.f.id)!.size <= (z.f.props.max_occupancy ?? Infinity)) this.overCapacity.delete(z.f.id);
      events.push({ type: 'zone.exit', t_ms: fix.t_ms, subject: fix.id, place: z.f.id, x: fix.x, y: fix.y, detail: { purpose: z.f.props.purpose } });
    }
  }

  private enter(z: ZoneInfo, fix: Fix, events: GeofenceEvent[]): void {
    const p = z.f.props;
    const ev = (type: GeofenceEventType, detail: Record<string, unknown>) =>
      events.push({ type, t_ms: fix.t_ms, subject: fix.id, place: z.f.id, x: fix.x, y: fix.y, detail: { purpose: p.purpose, ...detail } });
    ev('zone.enter', {});
    if ((p.purpose === 'restricted' || p.purpose === 'hazardous_area') && p.authorised_roles.length && !(fix.role && p.authorised_roles.includes(fix.role))) {
      ev('zone.unauthorised', { role: fix.role ?? null, authorised_roles: p.authorised_roles });
    }
    if (p.purpose === 'hot_work' || p.purpose === 'confined_space') {
      const inWindow = fix.t_ms >= z.from_ms && fix.t_ms <= z.to_ms;
      const onPermit = !p.permit || p.permit.holders.includes(fix.id);
      if (!inWindow || !onPermit) ev('permit.violation', { permit: p.permit?.number ?? null, outside_window: !inWindow, not_on_permit: !onPermit });
    }
    const occ = this.occupancy.get(z.f.id)!;
    occ.add(fix.id);
    if (p.max_occupancy !== undefined && occ.size > p.max_occupancy && !this.overCapacity.has(z.f.id)) {
      this.overCapacity.add(z.f.id);
      ev('zone.over_capacity', { count: occ.size, max_occupancy: p.max_occupancy });
    }
  }

  private updateStopped(s: Subject, prev: Fix, fix: Fix, events: GeofenceEvent[]): void {
    if (fix.kind !== 'vehicle' || fix.vehicle_class !== 'hazchem') return;
    const dt = (fix.t_ms - prev.t_ms) / 1000;
    const speed = dt > 0 ? Math.hypot(fix.x - prev.x, fix.y - prev.y) / dt : 0;
    if (speed > this.options.stoppedSpeed_m_s) {
      s.stoppedSince = null;
      s.stopReported = false;
      return;
    }
    s.stoppedSince ??= prev.t_ms;
    if (s.stopReported || fix.t_ms - s.stoppedSince < this.options.hazchemStop_ms) return;
    const allowed = [...s.zones.keys()].some((id) => {
      const purpose = this.zones[this.zoneById.get(id)!]?.f.props.purpose;
      return purpose === 'hazchem_parking' || purpose === 'loading';
    });
    if (allowed) return;
    s.stopReported = true;
    events.push({
      type: 'hazchem.stopped',
      t_ms: fix.t_ms,
      subject: fix.id,
      place: [...s.zones.keys()][0] ?? 'road',
      x: fix.x,
      y: fix.y,
      detail: { stopped_s: Math.round((fix.t_ms - s.stoppedSince) / 1000) },
    });
  }

  /** Time passes without positions: tags silent inside hazardous areas. */
  tick(now_ms: number): GeofenceEvent[] {
    const events: GeofenceEvent[] = [];
    for (const s of this.subjects.values()) {
      if (s.silentReported || now_ms - s.last.t_ms < this.options.silent_ms) continue;
      const hazardous = [...s.zones.keys()].find((id) => this.zones[this.zoneById.get(id)!]?.f.props.purpose === 'hazardous_area');
      if (!hazardous) continue;
      s.silentReported = true;
      events.push({
        type: 'tag.silent',
        t_ms: now_ms,
        subject: s.last.id,
        place: hazardous,
        x: s.last.x,
        y: s.last.y,
        detail: { silent_s: Math.round((now_ms - s.last.t_ms) / 1000), last_t_ms: s.last.t_ms },
      });
    }
    this.tickDwell(now_ms, events);
    this.tickGatherings(now_ms, events);
    return events;
  }

  /** Subjects in a zone longer than its max_dwell_min: one event a stay. */
  private tickDwell(now_ms: number, events: GeofenceEvent[]): void {
    for (const z of this.zones) {
      const max = z.f.props.max_dwell_min;
      if (max === undefined) continue;
      for (const id of this.occupancy.get(z.f.id)!) {
        const s = this.subjects.get(id)!;
        const since = s.zones.get(z.f.id);
        const key = `${id}|${z.f.id}`;
        if (!since || this.dwellReported.has(key) || now_ms - since.t_ms <= max * 60_000) continue;
        this.dwellReported.add(key);
        events.push({
          type: 'zone.dwell_exceeded',
          t_ms: now_ms,
          subject: id,
          place: z.f.id,
          x: s.last.x,
          y: s.last.y,
          detail: { purpose: z.f.props.purpose, dwell_min: Math.round((now_ms - since.t_ms) / 60_000), max_dwell_min: max },
        });
      }
    }
  }

  /** Groups of people in each hazardous area; a group that lasts becomes a gathering. */
  private tickGatherings(now_ms: number, events: GeofenceEvent[]): void {
    const { gatherRadius_m: r, gather_ms, gatherMin } = this.options;
    for (const z of this.zones) {
      if (z.f.props.purpose !== 'hazardous_area') continue;
      const people = [...this.occupancy.get(z.f.id)!].map((id) => this.subjects.get(id)!.last).filter((f) => f.kind === 'person');
      const group = people.length >= gatherMin ? largestGroup(people, r) : [];
      const g = this.groups.get(z.f.id);
      if (group.length < gatherMin) {
        if (g?.reported) {
          const [x, y] = centroid(g.members.map((id) => this.subjects.get(id)?.last).filter((f): f is Fix => !!f));
          events.push({
            type: 'gathering.end',
            t_ms: now_ms,
            subject: g.members.join(','),
            place: z.f.id,
            x,
            y,
            detail: { members: g.members, lasted_s: Math.round((now_ms - g.since_ms) / 1000) },
          });
        }
        this.groups.delete(z.f.id);
        continue;
      }
      const members = group.map((f) => f.id).sort();
      if (!g) {
        this.groups.set(z.f.id, { zone: z.f.id, members, since_ms: now_ms, reported: false });
        continue;
      }
      g.members = members;
      if (!g.reported && now_ms - g.since_ms >= gather_ms) {
        g.reported = true;
        const [x, y] = centroid(group);
        events.push({
          type: 'gathering.start',
          t_ms: now_ms,
          subject: members.join(','),
          place: z.f.id,
          x,
          y,
          detail: { members, count: members.length, radius_m: r, since_t_ms: g.since_ms },
        });
      }
    }
  }

  /** Gatherings now (groups that have lasted `gather_ms`). */
  gatherings(): Gathering[] {
    return [...this.groups.values()].filter((g) => g.reported).map((g) => ({ ...g, members: [...g.members] }));
  }

  /** Time of the subject's last position, ms; undefined for a subject not seen yet. */
  lastTime(id: string): number | undefined {
    return this.subjects.get(id)?.last.t_ms;
  }

  /** Who is in a zone now. */
  occupants(zoneId: string): string[] {
    return [...(this.occupancy.get(zoneId) ?? [])].sort();
  }

  /** People and vehicles in each zone now. */
  headcount(): Record<string, number> {
    return Object.fromEntries([...this.occupancy].map(([id, set]) => [id, set.size]));
  }
}

/** The largest single-linkage group of fixes (each within `r` of another member). */
function largestGroup(fixes: readonly Fix[], r: number): Fix[] {
  const n = fixes.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  // a grid of cell r: neighbours are in the 3×3 cells around
  const cells = new Map<string, number[]>();
  const key = (cx: number, cy: number) => `${cx},${cy}`;
  fixes.forEach((f, i) => {
    const k = key(Math.floor(f.x / r), Math.floor(f.y / r));
    const c = cells.get(k);
    if (c) c.push(i);
    else cells.set(k, [i]);
  });
  fixes.forEach((f, i) => {
    const cx = Math.floor(f.x / r);
    const cy = Math.floor(f.y / r);
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const j of cells.get(key(cx + dx, cy + dy)) ?? []) {
          if (j <= i || Math.hypot(fixes[j].x - f.x, fixes[j].y - f.y) > r) continue;
          parent[find(j)] = find(i);
        }
  });
  const groups = new Map<number, Fix[]>();
  fixes.forEach((f, i) => {
    const root = find(i);
    const g = groups.get(root);
    if (g) g.push(f);
    else groups.set(root, [f]);
  });
  let best: Fix[] = [];
  for (const g of groups.values()) if (g.length > best.length) best = g;
  return best;
}

function centroid(fs: readonly { x: number; y: number }[]): [number, number] {
  if (!fs.length) return [0, 0];
  return [fs.reduce((s, f) => s + f.x, 0) / fs.length, fs.reduce((s, f) => s + f.y, 0) / fs.length];
}

/** Parameter t along p→q where it meets segment ab (assumes they intersect). */
function intersectionParam(p: XY, q: XY, a: XY, b: XY): number {
  const rx = q[0] - p[0];
  const ry = q[1] - p[1];
  const sx = b[0] - a[0];
  const sy = b[1] - a[1];
  const den = rx * sy - ry * sx;
  if (den === 0) return 0;
  return ((a[0] - p[0]) * sy - (a[1] - p[1]) * sx) / den;
}
