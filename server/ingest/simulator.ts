/**
 * The built-in simulator, the default source of `npm start`: sensors reporting at their periods
 * with noise, slow drift and occasional faults (a stuck value, a dropout), now and then a gas
 * release that drives a detector through its alarms; people walking the roads on shift, and about a
 * third of them working for a while inside units, tank farms and control rooms; hazchem
 * trucks entering by the hazchem gate, parking, and leaving. Deterministic for a seed. It feeds the
 * same ingest path as HTTP and MQTT (validation included).
 */
import { createRng, type Rng } from '../../src/generate/rng.ts';
import { RoadGraph } from '../../src/geo/roads.ts';
import { findSubstance } from '../../src/data/substances.ts';
import { HazchemRoutes } from '../../src/geo/live/hazchemRoutes.ts';
import { pointInPolygon } from '../../src/geo/primitives/planar.ts';
import type { ModelFeature, ParkModel } from '../../src/model/model.ts';
import type { PositionPayload, ReadingPayload, WeatherPayload } from '../../src/protocol/ingest.ts';
import type { LiveState } from '../domain/live.ts';

interface SimSensor {
  id: string;
  period_ms: number;
  next_ms: number;
  base: number;
  noise: number;
  drift: number;
  value: number;
  fault: null | { kind: 'stuck' | 'dropout'; until_ms: number };
  /** A scripted excursion (gas release): value added, rising then decaying. */
  excursion: null | { start_ms: number; peak: number; rise_ms: number; fall_ms: number };
  /** A camera (it repeats the state the live park has it in). */
  video: boolean;
}

interface Walker {
  id: string;
  kind: 'person' | 'vehicle';
  role?: string;
  /** A person's name or a vehicle's plate, and the company. */
  name?: string;
  company?: string;
  vehicle_class?: 'hazchem';
  path: [number, number][];
  /** Length of the path, m. */
  len: number;
  /** Position along the path, m, and direction (+1 / −1). */
  s: number;
  dir: 1 | -1;
  speed_m_s: number;
  dwell_until_ms: number;
  /** Dwell at each end, ms. */
  dwell_ms: number;
  /** A truck's load and where it goes (its waybill, trucks()). */
  cargo?: { destination: string; substance: string; quantity_t: number };
  /** When the tag last reported, ms. */
  sent_ms: number;
}

/** Names and companies for the simulated people and trucks (invented). */
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀', '霞', '平', '刚', '桂'];
const CONTRACTORS = ['津港检修工程有限公司', '滨海石化安装有限公司', '渤海防腐保温工程有限公司'];
const CARRIERS = ['天津危险品运输有限公司', '滨港化工物流有限公司', '渤海液化气运输有限公司'];

export interface SimulatorOptions {
  seed: string | number;
  people: number;
  trucks: number;
  /** Mean time between gas releases somewhere in the park, ms. */
  releaseEvery_ms: number;
  /**
   * When the first release starts, ms after the simulation starts: early, so that someone who has
   * just opened the demo sees an alarm within two minutes (it rises for a minute).
   */
  firstRelease_ms: [number, number];
  /** Chance per sensor per hour of a stuck value or a dropout. */
  faultPerHour: number;
  /** Where the readings go before the live park: what it returns is ingested (the OPC UA demo takes the gas detectors'). */
  readingSink?: (readings: ReadingPayload[]) => ReadingPayload[];
  /** Weather held fixed (a drill's), instead of the slowly changing simulated weather. */
  weather?: { wind_speed_m_s: number; wind_from_deg: number; stability: WeatherPayload['stability'] };
}

export const DEFAULT_SIMULATOR_OPTIONS: SimulatorOptions = {
  seed: 'parktwin',
  people: 80,
  trucks: 6,
  releaseEvery_ms: 8 * 60_000,
  firstRelease_ms: [20_000, 50_000],
  faultPerHour: 0.02,
};

const pathLength = (p: [number, number][]) => p.slice(1).reduce((s, q, i) => s + Math.hypot(q[0] - p[i][0], q[1] - p[i][1]), 0);
function pointAt(p: [number, number][], s: number): [number, number] {
  for (let i = 0; i + 1 < p.length; i++) {
    const len = Math.hypot(p[i + 1][0] - p[i][0], p[i + 1][1] - p[i][1]);
    if (s <= len) return [p[i][0] + ((p[i + 1][0] - p[i][0]) * s) / len, p[i][1] + ((p[i + 1][1] - p[i][1]) * s) / len];
    s -= len;
  }
  return p[p.length - 1];
}

/** A normal operating value and its noise: inside the alarm band when the sensor has one. */
function baseline(s: ModelFeature<'sensor'>, rng: Rng): { base: number; noise: number } {
  const t = s.props.thresholds;
  if (s.props.type === 'video') return { base: 0, noise: 0 }; // a camera: 0 = normal (its H and HH are the analytics' alarms)
  if (s.props.type === 'combustible_gas') return { base: rng.range(0, 2), noise: 0.3 };
  if (s.props.type === 'toxic_gas') return { base: (t.H ?? 10) * 0.05, noise: (t.H ?? 10) * 0.02 };
  if (s.props.type === 'oxygen') return { base: 20.9, noise: 0.05 };
  const lo = t.L ?? t.LL;
  const hi = t.H ?? t.HH;
  if (lo !== undefined && hi !== undefined) return { base: lo + (hi - lo) * rng.range(0.3, 0.6), noise: (hi - lo) * 0.004 };
  if (hi !== undefined) return { base: hi > 0 ? hi * rng.range(0.3, 0.6) : hi - 10, noise: Math.abs(hi) * 0.004 };
  return { base: 0, noise: 0 }; // state sensors (flame, video, valves, lightning): 0 = normal
}

export class Simulator {
  readonly options: SimulatorOptions;
  private readonly rng: Rng;
  private readonly sensors: SimSensor[];
  private readonly walkers: Walker[] = [];
  private last_ms: number;
  private nextRelease_ms: number;
  private nextWeather_ms = 0;
  private readonly wind = { from_deg: 135, speed_m_s: 3 };
  /** Added to sensors' readings (a drill's modelled gas cloud), by sensor id at a time. */
  private overlay: ((sensor: string, t_ms: number) => number) | null = null;

  constructor(
    readonly model: ParkModel,
    readonly live: LiveState,
    start_ms: number,
    options: Partial<SimulatorOptions> = {},
  ) {
    this.options = { ...DEFAULT_SIMULATOR_OPTIONS, ...options };
    this.rng = createRng(this.options.seed);
    this.last_ms = start_ms;
    this.nextRelease_ms = Number.isFinite(this.options.releaseEvery_ms)
      ? start_ms + this.rng.range(this.options.firstRelease_ms[0], this.options.firstRelease_ms[1])
      : Infinity;
    this.sensors = model.ofKind('sensor').map((s) => {
      const { base, noise } = baseline(s, this.rng);
      const period_ms = s.props.period_s * 1000;
      return {
        id: s.id,
        period_ms,
        next_ms: start_ms + this.rng.range(0, period_ms),
        base,
        noise,
        drift: 0,
        value: base,
        fault: null,
        excursion: null,
        video: s.props.type === 'video',
      };
    });
    const roles = ['operator', 'operator', 'operator', 'maintenance', 'safety', 'contractor'];
    // names and companies from their own random sequence (the walks stay as they were)
    const who = createRng(`${this.options.seed}:people`);
    const enterprises = model.ofKind('enterprise');
    const enterpriseOf = (xy: readonly [number, number]) =>
      enterprises.find((e) => e.local.type === 'Polygon' && pointInPolygon(xy, e.local.rings))?.props.name ?? who.pick(enterprises)?.props.name;
    const personName = () => `${who.pick(SURNAMES)}${who.pick(GIVEN)}${who.chance(0.5) ? who.pick(GIVEN) : ''}`;
    const roads = model.ofKind('road').filter((r) => r.local.type === 'LineString' && r.props.width_m >= 12 && this.insidePark(r));
    // places where people work: inside process and tank-farm hazardous areas, and control rooms
    const workplaces = [
      ...model.ofKind('zone').filter((z) => z.props.purpose === 'hazardous_area'),
      ...model.ofKind('building').filter((b) => b.props.use === 'control_room' || b.props.use === 'central_control_room'),
    ].map((f) => f.anchor);
    const roadVertices = roads.flatMap((r) => (r.local.type === 'LineString' ? r.local.line.map((p) => [p[0], p[1]] as [number, number]) : []));
    for (let i = 0; i < this.options.people && roads.length; i++) {
      const id = `P-${String(i + 1).padStart(4, '0')}`;
      if (workplaces.length && this.rng.chance(0.35)) {
        // a shift worker: from the nearest road to a spot at the workplace, working there a while, and back
        const w = this.rng.pick(workplaces);
        const spot: [number, number] = [w[0] + this.rng.range(-25, 25), w[1] + this.rng.range(-25, 25)];
        const start = roadVertices.reduce(
          (best, v) => (Math.hypot(v[0] - spot[0], v[1] - spot[1]) < Math.hypot(best[0] - spot[0], best[1] - spot[1]) ? v : best),
          roadVertices[0],
        );
        const path: [number, number][] = [start, spot];
        this.walkers.push({
          id,
          kind: 'person',
          role: 'operator',
          name: personName(),
          company: enterpriseOf(w),
          path,
          len: pathLength(path),
          s: this.rng.range(0, pathLength(path)),
          dir: 1,
          speed_m_s: this.rng.range(0.9, 1.3),
          dwell_until_ms: 0,
          dwell_ms: this.rng.range(10, 40) * 60_000,
          sent_ms: 0,
        });
        continue;
      }
      const road = this.rng.pick(roads);
      const path = road.local.type === 'LineString' ? road.local.line.map((p) => [p[0], p[1]] as [number, number]) : [];
      const len = pathLength(path);
      const role = this.rng.pick(roles);
      this.walkers.push({
        id,
        kind: 'person',
        role,
        name: personName(),
        company: role === 'contractor' ? who.pick(CONTRACTORS) : enterpriseOf(path[0] ?? [0, 0]),
        path,
        len,
        s: this.rng.range(0, len),
        dir: this.rng.chance(0.5) ? 1 : -1,
        speed_m_s: this.rng.range(0.9, 1.5),
        dwell_until_ms: 0,
        dwell_ms: this.rng.range(30_000, 300_000),
        sent_ms: 0,
      });
    }
    // hazchem trucks: from 200 m outside the hazchem gate, through it and along the route a waybill's
    // truck is held to (src/geo/live/hazchemRoutes.ts) to the enterprise holding the most LPG — the same
    // planner, so they keep to it — and back; without such an enterprise, along the roads to the
    // hazchem parking. Their waybills are the demo's (trucks()).
    const gate = model.ofKind('gate').find((g) => g.props.admits.includes('hazchem'));
    const parking = model.ofKind('zone').find((z) => z.props.purpose === 'hazchem_parking');
    // the enterprise holding the most LPG in its tanks
    const lpg_t = new Map<string, number>();
    for (const t of model.ofKind('tank'))
      if (t.props.enterprise_id && findSubstance(t.props.substance)?.id === 'lpg')
        lpg_t.set(t.props.enterprise_id, (lpg_t.get(t.props.enterprise_id) ?? 0) + t.props.inventory_t);
    const most = [...lpg_t].sort((a, b) => b[1] - a[1])[0]?.[0];
    const destination = most ? model.byId.get(most) : undefined;
    const planned = gate && destination ? new HazchemRoutes(model).plan(gate.id, destination.id) : null;
    if (gate && (parking || planned) && gate.local.type === 'Point') {
      const g: [number, number] = [gate.local.point[0], gate.local.point[1]];
      const park = model.ofKind('park')[0];
      const centre = park.anchor;
      const out = Math.hypot(g[0] - centre[0], g[1] - centre[1]);
      const outside: [number, number] = [g[0] + ((g[0] - centre[0]) / out) * 200, g[1] + ((g[1] - centre[1]) / out) * 200];
      const inside: [number, number] = [g[0] - ((g[0] - centre[0]) / out) * 60, g[1] - ((g[1] - centre[1]) / out) * 60];
      // inside the fence the trucks keep to the roads: the shortest road path from the gate to the parking
      const graph = new RoadGraph(model, roads);
      const from = graph.nearest(inside);
      const to = parking ? graph.nearest(parking.anchor) : -1;
      const onRoads = parking && from >= 0 && to >= 0 ? (graph.path(from, to, [], [0, 0], parking.anchor) ?? []).map((k) => graph.nodes[k]) : [];
      for (let i = 0; i < this.options.trucks; i++) {
        const spot: [number, number] = parking ? [parking.anchor[0] + this.rng.range(-60, 60), parking.anchor[1] + this.rng.range(-40, 40)] : inside;
        const path: [number, number][] = planned
          ? [outside, g, ...planned.line]
          : onRoads.length
            ? [outside, g, ...onRoads, spot]
            : [outside, g, inside, [spot[0], inside[1]], spot];
        this.walkers.push({
          id: `V-HZ-${String(i + 1).padStart(3, '0')}`,
          kind: 'vehicle',
          vehicle_class: 'hazchem',
          name: `津${who.pick(['A', 'B', 'C', 'E'])}·${String(10000 + Math.floor(who.range(0, 89999)))}危`,
          company: who.pick(CARRIERS),
          path,
          len: pathLength(path),
          s: 0,
          dir: 1,
          speed_m_s: 6,
          dwell_until_ms: start_ms + i * 90_000,
          dwell_ms: 180_000,
          cargo: planned && destination ? { destination: destination.id, substance: '液化石油气', quantity_t: 20 } : undefined,
          sent_ms: 0,
        });
      }
    }
  }

  /** The simulated hazchem trucks with a load: their plates, where they go and what they carry (the demo files their waybills). */
  trucks(): { tag: string; plate: string; destination: string; substance: string; quantity_t: number }[] {
    return this.walkers.flatMap((w) => (w.cargo && w.name ? [{ tag: w.id, plate: w.name, ...w.cargo }] : []));
  }

  private insidePark(f: ModelFeature): boolean {
    const park = this.model.ofKind('park')[0];
    if (park?.local.type !== 'Polygon' || f.local.type !== 'LineString') return true;
    const rings = park.local.rings;
    return f.local.line.every((p) => pointInPolygon(p, rings));
  }

  /** Advances the simulation to `now_ms` and feeds what happened to the live state. */
  step(now_ms: number): { positions: number; readings: number } {
    const dt_s = Math.max(0, (now_ms - this.last_ms) / 1000);
    this.last_ms = now_ms;
    const readings: ReadingPayload[] = [];
    if (now_ms >= this.nextRelease_ms) {
      const gas = this.sensors.filter((s) => s.id.includes('-GD'));
      if (gas.length) {
        const s = this.rng.pick(gas);
        const h = (this.model.byId.get(s.id) as ModelFeature<'sensor'>).props.thresholds.HH ?? 40;
        s.excursion = { start_ms: now_ms, peak: h * this.rng.range(1.1, 1.6), rise_ms: 60_000, fall_ms: 240_000 };
      }
      this.nextRelease_ms = now_ms + this.rng.range(0.5, 1.5) * this.options.releaseEvery_ms;
    }
    const faultChance = (this.options.faultPerHour * dt_s) / 3600;
    for (const s of this.sensors) {
      if (s.fault && now_ms >= s.fault.until_ms) s.fault = null;
      if (!s.fault && this.rng.chance(faultChance))
        s.fault = { kind: this.rng.chance(0.5) ? 'stuck' : 'dropout', until_ms: now_ms + this.rng.range(5, 30) * 60_000 };
      while (s.next_ms <= now_ms) {
        const t = s.next_ms;
        s.next_ms += s.period_ms;
        if (s.fault?.kind === 'dropout') continue;
        if (s.video) {
          // a camera reports the state it is in: an analytics alarm (server/domain/videoDesk.ts) holds until it clears
          s.value = this.live.latestValueOf(s.id) ?? 0;
        } else if (s.fault?.kind !== 'stuck') {
          s.drift = s.drift * 0.999 + this.rng.range(-1, 1) * s.noise * 0.05;
          let v = s.base + s.drift + this.rng.range(-1, 1) * s.noise;
          const x = s.excursion;
          if (x) {
            const e = t - x.start_ms;
            if (e > x.rise_ms + x.fall_ms) s.excursion = null;
            else v += e < x.rise_ms ? (x.peak * e) / x.rise_ms : x.peak * (1 - (e - x.rise_ms) / x.fall_ms);
          }
          if (this.overlay) v += this.overlay(s.id, t);
          s.value = Math.round(v * 1000) / 1000;
        }
        readings.push({ sensor: s.id, value: s.value, t: Math.round(t) });
      }
    }
    const positions: PositionPayload[] = [];
    for (const w of this.walkers) {
      if (now_ms < w.dwell_until_ms) {
        // standing still (working, waiting): the tag keeps reporting, every 10 s
        if (now_ms - w.sent_ms < 10_000) continue;
      } else {
        const len = w.len;
        w.s += w.dir * w.speed_m_s * dt_s;
        if (w.s >= len || w.s <= 0) {
          w.s = Math.min(len, Math.max(0, w.s));
          w.dir = w.dir === 1 ? -1 : 1;
          w.dwell_until_ms = now_ms + w.dwell_ms;
        }
      }
      w.sent_ms = now_ms;
      const [x, y] = pointAt(w.path, w.s);
      const [lon, lat] = this.model.frame.toLngLat([x, y]);
      positions.push({
        id: w.id,
        kind: w.kind,
        lon,
        lat,
        t: Math.round(now_ms),
        ...(w.role ? { role: w.role } : {}),
        ...(w.name ? { name: w.name } : {}),
        ...(w.company ? { company: w.company } : {}),
        ...(w.vehicle_class ? { vehicle_class: w.vehicle_class } : {}),
      });
    }
    if (now_ms >= this.nextWeather_ms) {
      this.nextWeather_ms = now_ms + 60_000;
      this.live.ingestWeather(this.weather(now_ms), 'simulator');
    }
    const failed = (e: Error) => this.live.options.log.error({ err: e.message }, 'simulator step failed');
    const direct = readings.length && this.options.readingSink ? this.options.readingSink(readings) : readings;
    if (direct.length) this.live.ingestReadings(direct).catch(failed);
    if (positions.length) this.live.ingestPositions(positions).catch(failed);
    return { positions: positions.length, readings: readings.length };
  }

  /** Sets what is added to the sensors' readings from now on (null: nothing). */
  setOverlay(fn: ((sensor: string, t_ms: number) => number) | null): void {
    this.overlay = fn;
  }

  /** Where a walker is now, local metres (undefined for an unknown id). */
  whereIs(id: string): [number, number] | undefined {
    const w = this.walkers.find((x) => x.id === id);
    return w ? pointAt(w.path, w.s) : undefined;
  }

  /**
   * Sends a person or vehicle along `route` (local metres, from where it is) at `speed_m_s`, to
   * stay at its end: an evacuation to an assembly point. False for an unknown id.
   */
  evacuate(id: string, route: readonly (readonly [number, number])[], speed_m_s: number): boolean {
    const w = this.walkers.find((x) => x.id === id);
    if (!w || route.length < 2) return false;
    w.path = route.map((p) => [p[0], p[1]] as [number, number]);
    w.len = pathLength(w.path);
    w.s = 0;
    w.dir = 1;
    w.dwell_until_ms = 0;
    w.dwell_ms = Infinity;
    w.speed_m_s = speed_m_s;
    return true;
  }

  /**
   * Weather that changes slowly: the wind veers in a random walk around the coast's prevailing
   * south-easterly, its speed wanders between 1 and 8 m/s, and stability follows the Pasquill
   * table for the hour (China Standard Time): unstable (B–C) on sunny days with light wind, neutral
   * (D) with strong wind or cloud, stable (E–F) on clear nights with light wind.
   */
  private weather(now_ms: number): WeatherPayload {
    if (this.options.weather) return { ...this.options.weather, temperature_C: 20, t: Math.round(now_ms) };
    const w = this.wind;
    w.from_deg = (w.from_deg + this.rng.range(-8, 8) + 0.05 * (135 - w.from_deg) + 360) % 360;
    w.speed_m_s = Math.min(8, Math.max(1, w.speed_m_s + this.rng.range(-0.4, 0.4)));
    const hour = (new Date(now_ms).getUTCHours() + 8) % 24;
    const day = hour >= 7 && hour < 18;
    const u = w.speed_m_s;
    const stability = day ? (u < 2 ? 'B' : u < 5 ? 'C' : 'D') : u < 3 ? 'F' : u < 5 ? 'E' : 'D';
    return { wind_speed_m_s: Math.round(u * 10) / 10, wind_from_deg: Math.round(w.from_deg), stability, temperature_C: day ? 18 : 12, t: Math.round(now_ms) };
  }
}
