/**
 * Park generator: a plausible coastal petrochemical park modelled on the Nangang industrial zone of
 * Binhai New Area, Tianjin. One "district" (6 km × 4 km) is the demo park; `scale` K lays out K
 * districts in a grid with the same mix of kinds, for benchmarks and tests. Deterministic per seed.
 *
 * Layouts are drawn in the local metric frame (east, north from the park origin) and converted to
 * WGS84 at the end. Spacing follows the design codes with margin, except for the deliberate
 * violations listed in docs/demo-park.md (search for "DELIBERATE").
 */
import { createFrame } from '../geo/primitives/frame.ts';
import { FORMAT_VERSION } from '../model/schema.ts';
import { createRng, type Rng } from './rng.ts';

export interface GenerateOptions {
  seed: string | number;
  /** Number of districts, each the size and mix of the demo park (integer ≥ 1). */
  scale: number;
  /** Park origin, degrees; defaults to 117.52 E, 38.72 N (Nangang, Binhai New Area). */
  origin?: [number, number];
}

export const DEMO_SEED = 20221116; // the day the Binhai plan was issued
export const DEMO_ORIGIN: [number, number] = [117.52, 38.72];
export const DISTRICT_W_m = 6000;
export const DISTRICT_H_m = 4000;

type P = [number, number];
type Geom = { type: 'Point'; c: P } | { type: 'LineString'; c: P[] } | { type: 'Polygon'; c: P[][] };
interface Draft {
  geometry: Geom;
  properties: Record<string, unknown>;
}

const rect = (x0: number, y0: number, x1: number, y1: number): P[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const chamfered = (x0: number, y0: number, x1: number, y1: number, c: number): P[] => [
  [x0 + c, y0],
  [x1 - c, y0],
  [x1, y0 + c],
  [x1, y1 - c],
  [x1 - c, y1],
  [x0 + c, y1],
  [x0, y1 - c],
  [x0, y0 + c],
  [x0 + c, y0],
];
const r1 = (v: number) => Math.round(v * 10) / 10;

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '涛',
  '明',
  '超',
  '秀英',
  '建华',
  '志强',
  '海燕',
  '国庆',
  '晓东',
  '春梅',
];

/** Per-district context: offset of its south-west corner, id prefix and name suffixes. */
interface District {
  index: number;
  ox: number;
  oy: number;
  /** Which of its edges lie on the park boundary. */
  outer: { w: boolean; e: boolean; s: boolean; n: boolean };
}

class ParkBuilder {
  readonly drafts: Draft[] = [];
  private readonly ids = new Set<string>();
  constructor(readonly rng: Rng) {}

  add(kind: string, geometry: Geom, props: Record<string, unknown>): string {
    const id = props.id as string;
    if (this.ids.has(id)) throw new Error(`generator bug: duplicate id ${id}`);
    this.ids.add(id);
    this.drafts.push({ geometry, properties: { kind, ...props } });
    return id;
  }

  person(): string {
    return this.rng.pick(SURNAMES) + this.rng.pick(GIVEN);
  }
}

// ---------------------------------------------------------------------------------------------
// Enterprise templates

/**
 * A demo camera looking from `from` at `to` (district-relative m): a mast camera with the demo's
 * looping HLS stream (served by the parktwin server, see server/ingest/demoVideo.ts); analytics
 * events raise its H (intrusion) and HH (smoke, flame, gas cloud) alarms.
 */
let demoCameras = 0;
function cctv(from: P, to: P, range_m = 150) {
  const variant = 'abc'[demoCameras++ % 3];
  const heading = (Math.atan2(to[0] - from[0], to[1] - from[1]) * 180) / Math.PI;
  return {
    type: 'video' as const,
    unit: 'state',
    height_m: 18,
    period_s: 60,
    thresholds: { H: 1, HH: 2 },
    camera: {
      heading_deg: Math.round(((heading % 360) + 360) % 360),
      tilt_deg: -12,
      fov_deg: 70,
      range_m,
      hls_url: `/api/video/demo/${variant}.m3u8`,
      snapshot_url: `/api/video/demo/${variant}.jpg`,
    },
  };
}

interface Ctx {
  b: ParkBuilder;
  d: District;
  /** district-relative → park-local metres */
  p(x: number, y: number): P;
  id(s: string): string;
  zh(s: string): string;
  en(s: string): string;
}

interface FarmSpec {
  ent: string;
  code: string;
  /** Dike number within the enterprise, for ids. */
  dike: number;
  /** Lower-left corner of the dike, district-relative m. */
  at: P;
  cols: number;
  rows: number;
  D: number;
  H: number;
  /** Shell-to-shell gap, m. */
  gap: number;
  /** Shell to dike inner toe, m. */
  margin: number;
  dikeH: number;
  roof: string;
  capacity: number;
  substance: string;
  fireClass?: string;
  /** Density of the contents, t/m³. */
  rho: number;
  /** Tanks whose centre is moved (tank index within the farm → dx, dy). */
  shift?: Record<number, P>;
  /** Tank indices (within the farm) without an emergency shut-off valve. */
  noEsd?: number[];
  esd: boolean;
  gas: 'combustible' | 'none' | { substance: string; H: number; HH: number };
  temp: { H: number; HH: number; L?: number };
  pressure_kPa?: number;
  length?: number;
  orientation?: number;
  responsible: Record<string, string>;
  firstNo: number;
}

/** A dike with its tanks in a grid, and their sensors. Returns the tank ids. */
function tankFarm(c: Ctx, s: FarmSpec): string[] {
  const { b, rng } = { b: c.b, rng: c.b.rng };
  const horizontal = s.roof === 'horizontal';
  const sx = horizontal ? (s.length ?? s.D) : s.D; // footprint along x
  const sy = s.D;
  const w = s.cols * sx + (s.cols - 1) * s.gap + 2 * s.margin;
  const h = s.rows * sy + (s.rows - 1) * s.gap + 2 * s.margin;
  const [x0, y0] = s.at;
  const dikeId = c.id(`DK-${s.code}-${s.dike}`);
  b.add(
    'dike',
    { type: 'Polygon', c: [rect(...c.p(x0, y0), ...c.p(x0 + w, y0 + h))] },
    {
      id: dikeId,
      name: c.zh(`${s.code}罐组${s.dike}防火堤`),
      name_en: c.en(`${s.code} tank group ${s.dike} dike`),
      enterprise_id: s.ent,
      height_m: s.dikeH,
    },
  );
  const ids: string[] = [];
  let n = 0;
  for (let r = 0; r < s.rows; r++) {
    for (let col = 0; col < s.cols; col++, n++) {
      const no = s.firstNo + n;
      const tid = c.id(`T-${s.code}-${String(no).padStart(2, '0')}`);
      const [dx, dy] = s.shift?.[n] ?? [0, 0];
      const cx = x0 + s.margin + col * (sx + s.gap) + sx / 2 + dx;
      const cy = y0 + s.margin + r * (sy + s.gap) + sy / 2 + dy;
      const fill = rng.range(0.35, 0.85);
      b.add(
        'tank',
        { type: 'Point', c: c.p(cx, cy) },
        {
          id: tid,
          name: c.zh(`${no}号罐`),
          name_en: c.en(`Tank ${s.code}-${no}`),
          enterprise_id: s.ent,
          dike_id: dikeId,
          diameter_m: s.D,
          height_m: horizontal ? s.D : s.H,
          ...(horizontal ? { length_m: s.length, orientation_deg: s.orientation ?? 90 } : {}),
          roof: s.roof,
          capacity_m3: s.capacity,
          substance: s.substance,
          ...(s.fireClass ? { fire_class: s.fireClass } : {}),
          inventory_t: Math.round(s.capacity * s.rho * fill),
          ...(s.pressure_kPa ? { design_pressure_kPa: s.pressure_kPa } : {}),
          responsible: s.responsible,
        },
      );
      ids.push(tid);
      // sensors around the shell
      const r0 = (horizontal ? Math.max(sx, sy) : s.D) / 2 + 1.5;
      const at = (deg: number): Geom => {
        const a = (deg * Math.PI) / 180;
        return { type: 'Point', c: c.p(cx + r0 * Math.cos(a), cy + r0 * Math.sin(a)) };
      };
      const levelH = horizontal || s.roof === 'sphere' ? s.D : s.H;
      b.add('sensor', at(0), {
        id: `${tid}-LT`,
        name: c.zh(`${no}号罐液位`),
        name_en: c.en(`Tank ${s.code}-${no} level`),
        type: 'level',
        unit: 'm',
        height_m: levelH,
        thresholds: { LL: r1(levelH * 0.05), L: r1(levelH * 0.1), H: r1(levelH * 0.85), HH: r1(levelH * 0.9) },
        period_s: 10,
        watches: tid,
      });
      b.add('sensor', at(90), {
        id: `${tid}-TT`,
        name: c.zh(`${no}号罐温度`),
        name_en: c.en(`Tank ${s.code}-${no} temperature`),
        type: 'temperature',
        unit: '°C',
        height_m: 1.5,
        thresholds: s.temp,
        period_s: 30,
        watches: tid,
      });
      const gasCount = s.gas === 'none' ? 0 : s.D >= 40 ? 2 : 1;
      for (let g = 0; g < gasCount; g++) {
        const gas = s.gas as Exclude<FarmSpec['gas'], 'none'>;
        b.add('sensor', at(180 + g * 90), {
          id: `${tid}-GD${g + 1}`,
          name: c.zh(`${no}号罐${gas === 'combustible' ? '可燃' : '有毒'}气体探测器${g + 1}`),
          name_en: c.en(`Tank ${s.code}-${no} ${gas === 'combustible' ? 'combustible' : 'toxic'} gas detector ${g + 1}`),
          ...(gas === 'combustible'
            ? // GB/T 50493-2019 §5.5.2: 1st alarm ≤ 25 %LEL, 2nd ≤ 50 %LEL
              { type: 'combustible_gas', unit: '%LEL', thresholds: { H: 20, HH: 40 } }
            : { type: 'toxic_gas', unit: 'ppm', substance: gas.substance, thresholds: { H: gas.H, HH: gas.HH } }),
          height_m: s.substance === 'lng' || s.substance === 'ammonia' ? 2.5 : 0.5,
          period_s: 5,
          watches: tid,
        });
      }
      if (s.pressure_kPa) {
        b.add('sensor', at(45), {
          id: `${tid}-PT`,
          name: c.zh(`${no}号罐压力`),
          name_en: c.en(`Tank ${s.code}-${no} pressure`),
          type: 'pressure',
          unit: 'kPa',
          height_m: levelH,
          thresholds: { H: Math.round(s.pressure_kPa * 0.85), HH: Math.round(s.pressure_kPa * 0.95) },
          period_s: 10,
          watches: tid,
        });
      }
      if (s.esd && !s.noEsd?.includes(n)) {
        b.add('sensor', at(270), {
          id: `${tid}-ESD`,
          name: c.zh(`${no}号罐紧急切断阀`),
          name_en: c.en(`Tank ${s.code}-${no} emergency shut-off valve`),
          type: 'esd_valve',
          unit: 'state',
          height_m: 0.5,
          period_s: 60,
          watches: tid,
        });
      }
    }
  }
  b.add(
    'sensor',
    { type: 'Point', c: c.p(x0 - 3, y0 - 3) },
    {
      id: `${dikeId}-CCTV`,
      name: c.zh(`${s.code}罐组${s.dike}视频监控`),
      name_en: c.en(`${s.code} tank group ${s.dike} CCTV`),
      ...cctv([x0 - 3, y0 - 3], [x0 + w / 2, y0 + h / 2]),
      watches: dikeId,
    },
  );
  b.add(
    'zone',
    { type: 'Polygon', c: [rect(...c.p(x0 - 5, y0 - 5), ...c.p(x0 + w + 5, y0 + h + 5))] },
    {
      id: c.id(`Z-${s.code}-${s.dike}`),
      name: c.zh(`${s.code}罐组${s.dike}危险区域`),
      name_en: c.en(`${s.code} tank group ${s.dike} hazardous area`),
      purpose: 'hazardous_area',
      height_m: (s.roof === 'sphere' || s.roof === 'horizontal' ? s.D : s.H) + 5,
      max_occupancy: 6,
      authorised_roles: ['operator', 'maintenance', 'safety'],
      enterprise_id: s.ent,
    },
  );
  return ids;
}

interface UnitSpec {
  ent: string;
  code: string;
  rect: [number, number, number, number];
  name: string;
  name_en: string;
  fire_class: string;
  substance: string;
  inventory_t: number;
  processes?: string[];
  other?: { substance: string; inventory_t: number }[];
  height: number;
  responsible: Record<string, string>;
  /** Columns / reactors inside: [dx, dy, D, H, substance, inventory_t] relative to the unit's lower-left. */
  vessels?: [number, number, number, number, string, number][];
  toxic?: { substance: string; H: number; HH: number };
  /** Process temperature alarms, °C. */
  temp?: { H: number; HH: number };
}

function processUnit(c: Ctx, s: UnitSpec): string {
  const [x0, y0, x1, y1] = s.rect;
  const uid = c.id(`U-${s.code}`);
  c.b.add(
    'process_unit',
    { type: 'Polygon', c: [rect(...c.p(x0, y0), ...c.p(x1, y1))] },
    {
      id: uid,
      name: c.zh(s.name),
      name_en: c.en(s.name_en),
      enterprise_id: s.ent,
      height_m: s.height,
      fire_class: s.fire_class,
      substance: s.substance,
      inventory_t: s.inventory_t,
      hazardous_processes: s.processes ?? [],
      other_substances: s.other ?? [],
      responsible: s.responsible,
    },
  );
  (s.vessels ?? []).forEach(([dx, dy, D, H, sub, inv], i) => {
    c.b.add(
      'vessel',
      { type: 'Point', c: c.p(x0 + dx, y0 + dy) },
      {
        id: `${uid}-V${i + 1}`,
        name: c.zh(`${s.name}${i + 1}号塔器`),
        name_en: c.en(`${s.name_en} column ${i + 1}`),
        enterprise_id: s.ent,
        unit_id: uid,
        diameter_m: D,
        height_m: H,
        substance: sub,
        inventory_t: inv,
        design_pressure_kPa: 1600,
        responsible: s.responsible,
      },
    );
  });
  const corners: P[] = [
    [x0 + 5, y0 + 5],
    [x1 - 5, y0 + 5],
    [x1 - 5, y1 - 5],
    [x0 + 5, y1 - 5],
  ];
  corners.forEach(([x, y], i) => {
    c.b.add(
      'sensor',
      { type: 'Point', c: c.p(x, y) },
      {
        id: `${uid}-GD${i + 1}`,
        name: c.zh(`${s.name}气体探测器${i + 1}`),
        name_en: c.en(`${s.name_en} gas detector ${i + 1}`),
        ...(s.toxic && i % 2 === 1
          ? { type: 'toxic_gas', unit: 'ppm', substance: s.toxic.substance, thresholds: { H: s.toxic.H, HH: s.toxic.HH } }
          : { type: 'combustible_gas', unit: '%LEL', thresholds: { H: 20, HH: 40 } }),
        height_m: 0.5,
        period_s: 5,
        watches: uid,
      },
    );
  });
  const mx = (x0 + x1) / 2;
  const my = (y0 + y1) / 2;
  c.b.add(
    'sensor',
    { type: 'Point', c: c.p(mx, my) },
    {
      id: `${uid}-PT`,
      name: c.zh(`${s.name}系统压力`),
      name_en: c.en(`${s.name_en} system pressure`),
      type: 'pressure',
      unit: 'MPa',
      height_m: 8,
      thresholds: { L: 0.2, H: 1.4, HH: 1.55 },
      period_s: 5,
      watches: uid,
    },
  );
  c.b.add(
    'sensor',
    { type: 'Point', c: c.p(mx + 8, my) },
    {
      id: `${uid}-TT`,
      name: c.zh(`${s.name}反应温度`),
      name_en: c.en(`${s.name_en} reaction temperature`),
      type: 'temperature',
      unit: '°C',
      height_m: 8,
      thresholds: s.temp ?? { H: 380, HH: 420 },
      period_s: 5,
      watches: uid,
    },
  );
  c.b.add(
    'sensor',
    { type: 'Point', c: c.p(mx, my + 8) },
    {
      id: `${uid}-FD`,
      name: c.zh(`${s.name}火焰探测器`),
      name_en: c.en(`${s.name_en} flame detector`),
      type: 'flame',
      unit: 'state',
      height_m: 6,
      period_s: 5,
      watches: uid,
    },
  );
  c.b.add(
    'sensor',
    { type: 'Point', c: c.p(x0 - 4, y0 - 4) },
    {
      id: `${uid}-CCTV`,
      name: c.zh(`${s.name}视频监控`),
      name_en: c.en(`${s.name_en} CCTV`),
      ...cctv([x0 - 4, y0 - 4], [(x0 + x1) / 2, (y0 + y1) / 2]),
      watches: uid,
    },
  );
  return uid;
}

function building(
  c: Ctx,
  ent: string | undefined,
  code: string,
  r: [number, number, number, number],
  use: string,
  height: number,
  occupancy: number,
  name: string,
  name_en: string,
  extra: Record<string, unknown> = {},
): string {
  return c.b.add(
    'building',
    { type: 'Polygon', c: [rect(...c.p(r[0], r[1]), ...c.p(r[2], r[3]))] },
    {
      id: c.id(`B-${code}`),
      name: c.zh(name),
      name_en: c.en(name_en),
      ...(ent ? { enterprise_id: ent } : {}),
      height_m: height,
      floors: Math.max(1, Math.round(height / 4)),
      use,
      design_occupancy: occupancy,
      ...extra,
    },
  );
}

function enterprise(
  c: Ctx,
  code: string,
  r: [number, number, number, number],
  name: string,
  name_en: string,
  industry: string,
  major_hazard: boolean,
  employees: number,
  labour_intensive = false,
): string {
  return c.b.add(
    'enterprise',
    { type: 'Polygon', c: [rect(...c.p(r[0], r[1]), ...c.p(r[2], r[3]))] },
    {
      id: c.id(`E-${code}`),
      name: c.zh(name),
      name_en: c.en(name_en),
      industry,
      major_hazard,
      labour_intensive,
      employees,
    },
  );
}

/** Plot rectangle of column c (0–3) and row r (0 south, 1 north) of a district. */
const plot = (col: number, row: number): [number, number, number, number] => [col * 1500 + 50, row * 2000 + 50, (col + 1) * 1500 - 50, (row + 1) * 2000 - 50];

function buildDistrict(c: Ctx): void {
  const b = c.b;
  const resp = (): Record<string, string> => ({ principal: b.person(), technical: b.person(), operational: b.person() });

  // --- 1. crude oil reserve: 16 × 100 000 m³ external floating-roof tanks in 4 dikes
  {
    const [x, y] = plot(0, 0);
    const ent = enterprise(c, 'CRU', plot(0, 0), '渤海原油储备库', 'Bohai Crude Oil Reserve', 'crude oil storage', true, 120);
    const r = resp();
    let no = 1;
    const dikes: P[] = [
      [x + 80, y + 80],
      [x + 400, y + 80],
      [x + 80, y + 400],
      [x + 400, y + 400],
    ];
    dikes.forEach((at, i) => {
      tankFarm(c, {
        ent,
        code: 'CRU',
        dike: i + 1,
        at,
        cols: 2,
        rows: 2,
        D: 80,
        H: 21.8,
        gap: 32,
        margin: 34,
        dikeH: 2.5,
        roof: 'floating',
        capacity: 100_000,
        substance: 'crude_oil',
        fireClass: '甲B',
        rho: 0.86,
        esd: true,
        // DELIBERATE: the last crude tank has no emergency shut-off valve (four systems < 100 %).
        noEsd: i === 3 ? [3] : [],
        gas: 'combustible',
        temp: { H: 55, HH: 65, L: 25 },
        responsible: r,
        firstNo: no,
      });
      no += 4;
    });
    b.add(
      'sensor',
      { type: 'Point', c: c.p(x + 760, y + 760) },
      {
        id: c.id('CRU-LW'),
        name: c.zh('原油库雷电预警'),
        name_en: c.en('Crude oil reserve lightning warning'),
        type: 'lightning',
        unit: 'kV/m',
        height_m: 10,
        thresholds: { H: 5, HH: 10 },
        period_s: 60,
        watches: ent,
      },
    );
    building(c, ent, 'CRU-CR', [x + 1000, y + 120, x + 1060, y + 160], 'control_room', 6, 12, '原油库控制室', 'Crude reserve control room', {
      blast_resistant: true,
    });
    building(c, ent, 'CRU-OFF', [x + 1000, y + 260, x + 1080, y + 290], 'office', 12, 60, '原油库综合楼', 'Crude reserve office');
    building(c, ent, 'CRU-PUMP', [x + 760, y + 120, x + 820, y + 150], 'pump_house', 8, 0, '原油输转泵房', 'Crude transfer pump house');
    building(c, ent, 'CRU-SUB', [x + 1000, y + 360, x + 1030, y + 380], 'substation', 6, 0, '原油库变电所', 'Crude reserve substation');
    for (let i = 0; i < 4; i++) {
      b.add(
        'emergency_resource',
        { type: 'Point', c: c.p(x + 370, y + 100 + i * 160) },
        {
          id: c.id(`ER-CRU-FM${i + 1}`),
          name: c.zh(`原油库泡沫炮${i + 1}`),
          name_en: c.en(`Crude oil reserve foam monitor ${i + 1}`),
          type: 'foam_monitor',
          capacity: 80,
          capacity_unit: 'L/s',
          enterprise_id: ent,
        },
      );
    }
  }

  // --- 2. refinery: process units, intermediate tanks, heavy-oil tanks, flare
  {
    const [x, y] = plot(1, 0);
    const ent = enterprise(c, 'REF', plot(1, 0), '滨港石化炼油厂', 'Bingang Petrochemical Refinery', 'petroleum refining', true, 1500);
    const r = resp();
    tankFarm(c, {
      ent,
      code: 'REF',
      dike: 1,
      at: [x + 80, y + 80],
      cols: 4,
      rows: 2,
      D: 28.5,
      H: 17.8,
      gap: 14,
      margin: 20,
      dikeH: 2.0,
      roof: 'internal_floating',
      capacity: 10_000,
      substance: 'gasoline',
      fireClass: '甲B',
      rho: 0.74,
      esd: true,
      gas: 'combustible',
      temp: { H: 45, HH: 55 },
      responsible: r,
      firstNo: 1,
    });
    tankFarm(c, {
      ent,
      code: 'REF',
      dike: 2,
      at: [x + 80, y + 300],
      cols: 4,
      rows: 2,
      D: 28.5,
      H: 17.8,
      gap: 14,
      margin: 20,
      dikeH: 2.0,
      roof: 'internal_floating',
      capacity: 10_000,
      substance: 'naphtha',
      fireClass: '甲B',
      rho: 0.72,
      esd: true,
      gas: 'combustible',
      temp: { H: 45, HH: 55 },
      responsible: r,
      firstNo: 9,
    });
    // DELIBERATE: heavy-oil dike only 0.5 m high; its capacity is below the largest tank (GB 50074 §6.5).
    tankFarm(c, {
      ent,
      code: 'REF',
      dike: 3,
      at: [x + 80, y + 520],
      cols: 4,
      rows: 2,
      D: 21,
      H: 15.8,
      gap: 10,
      margin: 15,
      dikeH: 0.5,
      roof: 'fixed',
      capacity: 5_000,
      substance: 'fuel_oil',
      fireClass: '丙B',
      rho: 0.95,
      esd: false,
      gas: 'combustible',
      temp: { H: 90, HH: 100, L: 50 },
      responsible: r,
      firstNo: 17,
    });
    b.add(
      'sensor',
      { type: 'Point', c: c.p(x + 400, y + 200) },
      {
        id: c.id('REF-LW'),
        name: c.zh('炼油厂雷电预警'),
        name_en: c.en('Refinery lightning warning'),
        type: 'lightning',
        unit: 'kV/m',
        height_m: 10,
        thresholds: { H: 5, HH: 10 },
        period_s: 60,
        watches: ent,
      },
    );
    processUnit(c, {
      ent,
      code: 'REF-CDU',
      rect: [x + 100, y + 1000, x + 320, y + 1140],
      name: '常减压蒸馏装置',
      name_en: 'Crude distillation unit',
      fire_class: '甲',
      substance: 'crude_oil',
      inventory_t: 450,
      other: [{ substance: 'gasoline', inventory_t: 60 }],
      height: 45,
      responsible: r,
      vessels: [
        [60, 70, 9, 55, 'crude_oil', 180],
        [140, 70, 6.4, 40, 'crude_oil', 90],
      ],
    });
    processUnit(c, {
      ent,
      code: 'REF-FCC',
      rect: [x + 400, y + 1000, x + 620, y + 1160],
      name: '催化裂化装置',
      name_en: 'Fluid catalytic cracking unit',
      fire_class: '甲',
      substance: 'gasoline',
      inventory_t: 150,
      processes: ['cracking'],
      other: [{ substance: 'lpg', inventory_t: 40 }],
      height: 60,
      responsible: r,
      vessels: [
        [60, 80, 12, 60, 'gasoline', 40],
        [150, 80, 7, 45, 'lpg', 30],
      ],
    });
    processUnit(c, {
      ent,
      code: 'REF-HCU',
      rect: [x + 700, y + 1000, x + 900, y + 1140],
      name: '加氢裂化装置',
      name_en: 'Hydrocracking unit',
      fire_class: '甲',
      substance: 'hydrogen',
      inventory_t: 3,
      processes: ['hydrogenation'],
      other: [{ substance: 'diesel', inventory_t: 120 }],
      height: 40,
      responsible: r,
      vessels: [[100, 70, 4.5, 30, 'hydrogen', 1]],
    });
    processUnit(c, {
      ent,
      code: 'REF-SRU',
      rect: [x + 400, y + 1250, x + 550, y + 1350],
      name: '硫磺回收装置',
      name_en: 'Sulphur recovery unit',
      temp: { H: 1250, HH: 1300 },
      fire_class: '甲',
      substance: 'hydrogen_sulfide',
      inventory_t: 2,
      height: 30,
      responsible: r,
      toxic: { substance: 'hydrogen_sulfide', H: 10, HH: 20 },
    });
    // DELIBERATE: a shift room inside the class 甲 FCC unit (GB 50160 §5.2; seed provision 3).
    building(c, ent, 'REF-FCC-SHIFT', [x + 420, y + 1020, x + 440, y + 1032], 'shift_room', 4, 8, '催化裂化交接班室', 'FCC shift room');
    building(c, ent, 'REF-CCR', [x + 1000, y + 300, x + 1060, y + 340], 'central_control_room', 8, 40, '炼油厂中央控制室', 'Refinery central control room', {
      blast_resistant: true,
    });
    building(c, ent, 'REF-OFF', [x + 1000, y + 450, x + 1060, y + 470], 'office', 16, 200, '炼油厂办公楼', 'Refinery office building');
    building(c, ent, 'REF-LAB', [x + 1100, y + 450, x + 1140, y + 470], 'lab', 8, 30, '中心化验室', 'Central laboratory');
    building(c, ent, 'REF-SUB', [x + 1200, y + 300, x + 1230, y + 320], 'substation', 8, 0, '炼油厂总变电所', 'Refinery main substation');
    building(c, ent, 'REF-CAN', [x + 1150, y + 120, x + 1210, y + 150], 'canteen', 6, 150, '职工食堂', 'Canteen');
    b.add(
      'flare',
      { type: 'Point', c: c.p(x + 1300, y + 1800) },
      { id: c.id('F-REF'), name: c.zh('炼油厂火炬'), name_en: c.en('Refinery flare'), enterprise_id: ent, height_m: 100, diameter_m: 1.2 },
    );
    b.add(
      'emergency_resource',
      { type: 'Point', c: c.p(x + 1100, y + 560) },
      {
        id: c.id('ER-REF-TEAM'),
        name: c.zh('炼油厂专职消防队'),
        name_en: c.en('Refinery fire brigade'),
        type: 'response_team',
        capacity: 24,
        capacity_unit: 'people',
        enterprise_id: ent,
      },
    );
    // a hot-work permit today in the hydrocracker
    b.add(
      'zone',
      { type: 'Polygon', c: [rect(...c.p(x + 720, y + 1020), ...c.p(x + 780, y + 1060))] },
      {
        id: c.id('Z-REF-HOT'),
        name: c.zh('加氢裂化动火作业区'),
        name_en: c.en('Hydrocracker hot work'),
        purpose: 'hot_work',
        height_m: 15,
        max_occupancy: 6,
        enterprise_id: ent,
        valid_from: '2026-11-28T08:00:00+08:00',
        valid_to: '2026-11-28T18:00:00+08:00',
        permit: { number: 'DH-20261128-01', holders: [b.person(), b.person(), b.person()] },
        authorised_roles: ['maintenance', 'safety'],
      },
    );
    b.add(
      'zone',
      { type: 'Polygon', c: [rect(...c.p(x + 95, y + 995), ...c.p(x + 905, y + 1165))] },
      {
        id: c.id('Z-REF-UNITS'),
        name: c.zh('炼油装置区'),
        name_en: c.en('Refinery process area'),
        purpose: 'hazardous_area',
        height_m: 60,
        max_occupancy: 40,
        authorised_roles: ['operator', 'maintenance', 'safety'],
        enterprise_id: ent,
      },
    );
  }

  // --- 3. refined products depot: 36 tanks in 3 dikes, truck loading
  {
    const [x, y] = plot(2, 0);
    const ent = enterprise(c, 'PRD', plot(2, 0), '海晶成品油库', 'Haijing Refined Products Depot', 'refined products storage', true, 150);
    const r = resp();
    // DELIBERATE: tank PRD-07 (index 6) moved 12 m west: 6 m from PRD-06, below 0.4 D = 16 m (GB 50160 Table 6.2.8).
    tankFarm(c, {
      ent,
      code: 'PRD',
      dike: 1,
      at: [x + 80, y + 80],
      cols: 4,
      rows: 3,
      D: 40,
      H: 17.8,
      gap: 18,
      margin: 25,
      dikeH: 2.2,
      roof: 'internal_floating',
      capacity: 20_000,
      substance: 'gasoline',
      fireClass: '甲B',
      rho: 0.74,
      esd: true,
      shift: { 6: [-12, 0] },
      gas: 'combustible',
      temp: { H: 45, HH: 55 },
      responsible: r,
      firstNo: 1,
    });
    tankFarm(c, {
      ent,
      code: 'PRD',
      dike: 2,
      at: [x + 460, y + 80],
      cols: 4,
      rows: 3,
      D: 28.5,
      H: 17.8,
      gap: 14,
      margin: 25,
      dikeH: 2.0,
      roof: 'fixed',
      capacity: 10_000,
      substance: 'diesel',
      fireClass: '丙A',
      rho: 0.84,
      esd: true,
      gas: 'combustible',
      temp: { H: 45, HH: 55 },
      responsible: r,
      firstNo: 13,
    });
    tankFarm(c, {
      ent,
      code: 'PRD',
      dike: 3,
      at: [x + 80, y + 420],
      cols: 4,
      rows: 3,
      D: 21,
      H: 15.8,
      gap: 12,
      margin: 25,
      dikeH: 1.8,
      roof: 'internal_floating',
      capacity: 5_000,
      substance: 'jet_fuel',
      fireClass: '乙A',
      rho: 0.8,
      esd: true,
      gas: 'combustible',
      temp: { H: 45, HH: 55 },
      responsible: r,
      firstNo: 25,
    });
    b.add(
      'sensor',
      { type: 'Point', c: c.p(x + 760, y + 600) },
      {
        id: c.id('PRD-LW'),
        name: c.zh('成品油库雷电预警'),
        name_en: c.en('Products depot lightning warning'),
        type: 'lightning',
        unit: 'kV/m',
        height_m: 10,
        thresholds: { H: 5, HH: 10 },
        period_s: 60,
        watches: ent,
      },
    );
    b.add(
      'zone',
      { type: 'Polygon', c: [rect(...c.p(x + 100, y + 1500), ...c.p(x + 500, y + 1700))] },
      {
        id: c.id('Z-PRD-LOAD'),
        name: c.zh('成品油装车站'),
        name_en: c.en('Products truck loading'),
        purpose: 'loading',
        height_m: 10,
        max_occupancy: 30,
        authorised_roles: ['operator', 'driver'],
        enterprise_id: ent,
      },
    );
    building(c, ent, 'PRD-CR', [x + 1000, y + 120, x + 1050, y + 150], 'control_room', 6, 10, '油库控制室', 'Depot control room', { blast_resistant: true });
    building(c, ent, 'PRD-OFF', [x + 1000, y + 250, x + 1070, y + 275], 'office', 12, 50, '油库办公楼', 'Depot office');
    building(c, ent, 'PRD-LOADOFF', [x + 550, y + 1550, x + 580, y + 1570], 'outside_operator_room', 4, 6, '装车操作室', 'Loading operators room');
  }

  // --- 4. LNG terminal: 4 × 160 000 m³ full-containment tanks
  {
    const [x, y] = plot(3, 0);
    const ent = enterprise(c, 'LNG', plot(3, 0), '临海LNG接收站', 'Linhai LNG Terminal', 'LNG import terminal', true, 200);
    const r = resp();
    tankFarm(c, {
      ent,
      code: 'LNG',
      dike: 1,
      at: [x + 120, y + 120],
      cols: 2,
      rows: 2,
      D: 86,
      H: 45,
      gap: 43,
      margin: 30,
      dikeH: 1.0,
      roof: 'full_containment',
      capacity: 160_000,
      substance: 'lng',
      fireClass: '甲A',
      rho: 0.45,
      esd: true,
      gas: 'combustible',
      temp: { H: -150, HH: -140, L: -165 },
      pressure_kPa: 29,
      responsible: r,
      firstNo: 1,
    });
    processUnit(c, {
      ent,
      code: 'LNG-REGAS',
      rect: [x + 600, y + 200, x + 800, y + 320],
      name: '气化装置',
      name_en: 'Regasification unit',
      temp: { H: 20, HH: 30 },
      fire_class: '甲',
      substance: 'natural_gas',
      inventory_t: 40,
      height: 20,
      responsible: r,
      vessels: [
        [50, 60, 3, 12, 'lng', 20],
        [120, 60, 3, 12, 'lng', 20],
      ],
    });
    processUnit(c, {
      ent,
      code: 'LNG-BOG',
      rect: [x + 600, y + 400, x + 720, y + 480],
      name: 'BOG压缩装置',
      name_en: 'BOG compression unit',
      temp: { H: 60, HH: 80 },
      fire_class: '甲',
      substance: 'natural_gas',
      inventory_t: 5,
      height: 15,
      responsible: r,
    });
    b.add(
      'sensor',
      { type: 'Point', c: c.p(x + 900, y + 500) },
      {
        id: c.id('LNG-LW'),
        name: c.zh('接收站雷电预警'),
        name_en: c.en('LNG terminal lightning warning'),
        type: 'lightning',
        unit: 'kV/m',
        height_m: 10,
        thresholds: { H: 5, HH: 10 },
        period_s: 60,
        watches: ent,
      },
    );
    building(c, ent, 'LNG-CCR', [x + 1000, y + 200, x + 1060, y + 240], 'central_control_room', 8, 30, '接收站中央控制室', 'Terminal central control room', {
      blast_resistant: true,
    });
    building(c, ent, 'LNG-OFF', [x + 1000, y + 320, x + 1080, y + 345], 'office', 16, 80, '接收站综合楼', 'Terminal office');
    b.add(
      'flare',
      { type: 'Point', c: c.p(x + 1250, y + 1700) },
      { id: c.id('F-LNG'), name: c.zh('接收站火炬'), name_en: c.en('Terminal flare'), enterprise_id: ent, height_m: 60, diameter_m: 0.8 },
    );
    b.add(
      'zone',
      { type: 'Polygon', c: [rect(...c.p(x + 100, y + 100), ...c.p(x + 520, y + 520))] },
      {
        id: c.id('Z-LNG-R'),
        name: c.zh('LNG储罐区（限制区）'),
        name_en: c.en('LNG tank area (restricted)'),
        purpose: 'restricted',
        height_m: 60,
        max_occupancy: 10,
        authorised_roles: ['operator', 'safety'],
        enterprise_id: ent,
      },
    );
    b.add(
      'zone',
      { type: 'Polygon', c: [rect(...c.p(x + 600, y + 1200), ...c.p(x + 900, y + 1350))] },
      {
        id: c.id('Z-LNG-LOAD'),
        name: c.zh('LNG槽车装车区'),
        name_en: c.en('LNG truck loading'),
        purpose: 'loading',
        height_m: 10,
        max_occupancy: 20,
        authorised_roles: ['operator', 'driver'],
        enterprise_id: ent,
      },
    );
  }

  // --- 5. chlor-alkali: electrolysis, chlorination, liquid chlorine storage
  {
    const [x, y] = plot(0, 1);
    const ent = enterprise(c, 'CHL', plot(0, 1), '渤化氯碱', 'Bohua Chlor-Alkali', 'chlor-alkali', true, 600);
    const r = resp();
    tankFarm(c, {
      ent,
      code: 'CHL',
      dike: 1,
      at: [x + 100, y + 100],
      cols: 2,
      rows: 4,
      D: 2.8,
      H: 2.8,
      length: 9,
      orientation: 90,
      gap: 3,
      margin: 4,
      dikeH: 1.0,
      roof: 'horizontal',
      capacity: 50,
      substance: 'chlorine',
      rho: 1.41,
      esd: true,
      gas: { substance: 'chlorine', H: 0.34, HH: 0.68 },
      temp: { H: 40, HH: 45 },
      pressure_kPa: 1600,
      responsible: r,
      firstNo: 1,
    });
    tankFarm(c, {
      ent,
      code: 'CHL',
      dike: 2,
      at: [x + 200, y + 100],
      cols: 2,
      rows: 2,
      D: 11,
      H: 11,
      gap: 6,
      margin: 8,
      dikeH: 1.2,
      roof: 'fixed',
      capacity: 1000,
      substance: 'sodium_hydroxide',
      rho: 1.5,
      esd: false,
      gas: 'none',
      temp: { H: 60, HH: 70 },
      responsible: r,
      firstNo: 9,
    });
    processUnit(c, {
      ent,
      code: 'CHL-EL',
      rect: [x + 100, y + 1000, x + 400, y + 1200],
      name: '离子膜电解装置',
      name_en: 'Membrane electrolysis unit',
      temp: { H: 92, HH: 95 },
      fire_class: '甲',
      substance: 'chlorine',
      inventory_t: 4,
      processes: ['chlor_alkali_electrolysis'],
      other: [{ substance: 'hydrogen', inventory_t: 0.5 }],
      height: 18,
      responsible: r,
      toxic: { substance: 'chlorine', H: 0.34, HH: 0.68 },
    });
    processUnit(c, {
      ent,
      code: 'CHL-CLN',
      rect: [x + 500, y + 1000, x + 700, y + 1150],
      name: '氯化装置',
      name_en: 'Chlorination unit',
      temp: { H: 80, HH: 90 },
      fire_class: '甲',
      substance: 'chlorine',
      inventory_t: 3,
      processes: ['chlorination'],
      other: [{ substance: 'benzene', inventory_t: 30 }],
      height: 25,
      responsible: r,
      toxic: { substance: 'chlorine', H: 0.34, HH: 0.68 },
      vessels: [[100, 75, 3.2, 8, 'benzene', 20]],
    });
    b.add(
      'zone',
      { type: 'Polygon', c: [rect(...c.p(x + 90, y + 90), ...c.p(x + 170, y + 150))] },
      {
        id: c.id('Z-CHL-R'),
        name: c.zh('液氯储存区（限制区）'),
        name_en: c.en('Liquid chlorine storage (restricted)'),
        purpose: 'restricted',
        height_m: 8,
        max_occupancy: 4,
        authorised_roles: ['operator', 'safety'],
        enterprise_id: ent,
      },
    );
    building(c, ent, 'CHL-CR', [x + 900, y + 200, x + 950, y + 235], 'control_room', 6, 16, '氯碱控制室', 'Chlor-alkali control room', {
      blast_resistant: true,
    });
    building(c, ent, 'CHL-OFF', [x + 900, y + 320, x + 980, y + 345], 'office', 16, 120, '氯碱办公楼', 'Chlor-alkali office');
    building(c, ent, 'CHL-SUB', [x + 500, y + 1300, x + 560, y + 1340], 'substation', 10, 0, '整流变电所', 'Rectifier substation');
  }

  // --- 6. ammonia: synthesis and refrigerated/pressurised storage spheres
  {
    const [x, y] = plot(1, 1);
    const ent = enterprise(c, 'NH3', plot(1, 1), '天成合成氨', 'Tiancheng Ammonia', 'ammonia synthesis', true, 400);
    const r = resp();
    tankFarm(c, {
      ent,
      code: 'NH3',
      dike: 1,
      at: [x + 100, y + 100],
      cols: 3,
      rows: 2,
      D: 12.5,
      H: 12.5,
      gap: 10,
      margin: 15,
      dikeH: 0.6,
      roof: 'sphere',
      capacity: 1000,
      substance: 'ammonia',
      fireClass: '乙A',
      rho: 0.6,
      esd: true,
      gas: { substance: 'ammonia', H: 25, HH: 50 },
      temp: { H: 40, HH: 45 },
      pressure_kPa: 2160,
      responsible: r,
      firstNo: 1,
    });
    processUnit(c, {
      ent,
      code: 'NH3-SYN',
      rect: [x + 100, y + 900, x + 350, y + 1100],
      name: '合成氨装置',
      name_en: 'Ammonia synthesis unit',
      temp: { H: 480, HH: 500 },
      fire_class: '甲',
      substance: 'ammonia',
      inventory_t: 50,
      processes: ['ammonia_synthesis'],
      other: [{ substance: 'hydrogen', inventory_t: 4 }],
      height: 40,
      responsible: r,
      toxic: { substance: 'ammonia', H: 25, HH: 50 },
      vessels: [
        [80, 100, 3.5, 30, 'ammonia', 20],
        [170, 100, 4, 25, 'hydrogen', 1],
      ],
    });
    building(c, ent, 'NH3-CR', [x + 900, y + 200, x + 950, y + 235], 'control_room', 6, 14, '合成氨控制室', 'Ammonia control room', { blast_resistant: true });
    building(c, ent, 'NH3-OFF', [x + 900, y + 320, x + 970, y + 345], 'office', 12, 80, '合成氨办公楼', 'Ammonia office');
    b.add(
      'zone',
      { type: 'Polygon', c: [rect(...c.p(x + 400, y + 900), ...c.p(x + 520, y + 1000))] },
      {
        id: c.id('Z-NH3-MAINT'),
        name: c.zh('压缩机检修区'),
        name_en: c.en('Compressor maintenance'),
        purpose: 'maintenance',
        height_m: 15,
        max_occupancy: 12,
        authorised_roles: ['maintenance'],
        enterprise_id: ent,
      },
    );
  }

  // --- 7. fine chemicals: 48 fixed-roof solvent tanks, hazardous processes
  {
    const [x, y] = plot(2, 1);
    const ent = enterprise(c, 'FIN', plot(2, 1), '港华精细化工', 'Ganghua Fine Chemicals', 'fine chemicals', true, 350);
    const r = resp();
    const solvents: [string, string, number, number, number, number][] = [
      // substance, class, D, H, capacity, density
      ['methanol', '甲B', 11.5, 10, 1000, 0.79],
      ['toluene', '甲B', 11.5, 10, 1000, 0.87],
      ['benzene', '甲B', 8.5, 9, 500, 0.88],
      ['styrene', '乙A', 8.5, 9, 500, 0.91],
    ];
    solvents.forEach(([sub, cls, D, H, cap, rho], i) => {
      // GB 50160 Table 6.2.8 [unverified]: fixed roof ≤ 1000 m³, 0.75 D between shells.
      tankFarm(c, {
        ent,
        code: 'FIN',
        dike: i + 1,
        at: [x + 80 + (i % 2) * 260, y + 80 + Math.floor(i / 2) * 180],
        cols: 4,
        rows: 3,
        D,
        H,
        gap: Math.ceil(0.75 * D) + 1,
        margin: 10,
        dikeH: 1.2,
        roof: 'fixed',
        capacity: cap,
        substance: sub,
        fireClass: cls,
        rho,
        esd: false,
        gas: 'combustible',
        temp: { H: 40, HH: 50 },
        responsible: r,
        firstNo: i * 12 + 1,
      });
    });
    processUnit(c, {
      ent,
      code: 'FIN-HYD',
      rect: [x + 100, y + 1000, x + 260, y + 1120],
      name: '加氢车间',
      name_en: 'Hydrogenation plant',
      temp: { H: 150, HH: 170 },
      fire_class: '甲',
      substance: 'hydrogen',
      inventory_t: 0.8,
      processes: ['hydrogenation'],
      other: [{ substance: 'methanol', inventory_t: 40 }],
      height: 24,
      responsible: r,
      vessels: [[80, 60, 2.4, 10, 'hydrogen', 0.3]],
    });
    processUnit(c, {
      ent,
      code: 'FIN-NIT',
      rect: [x + 350, y + 1000, x + 480, y + 1100],
      name: '硝化车间',
      name_en: 'Nitration plant',
      temp: { H: 45, HH: 55 },
      fire_class: '甲',
      substance: 'toluene',
      inventory_t: 25,
      processes: ['nitration'],
      other: [{ substance: 'nitric_acid', inventory_t: 30 }],
      height: 20,
      responsible: r,
    });
    processUnit(c, {
      ent,
      code: 'FIN-OX',
      rect: [x + 560, y + 1000, x + 700, y + 1100],
      name: '氧化车间',
      name_en: 'Oxidation plant',
      temp: { H: 110, HH: 125 },
      fire_class: '甲',
      substance: 'styrene',
      inventory_t: 20,
      processes: ['oxidation', 'peroxidation'],
      height: 20,
      responsible: r,
    });
    building(c, ent, 'FIN-CR', [x + 900, y + 200, x + 950, y + 235], 'control_room', 6, 12, '精细化工控制室', 'Fine chemicals control room', {
      blast_resistant: true,
    });
    building(c, ent, 'FIN-OFF', [x + 900, y + 320, x + 970, y + 345], 'office', 12, 70, '精细化工办公楼', 'Fine chemicals office');
    building(c, ent, 'FIN-LAB', [x + 1000, y + 320, x + 1040, y + 345], 'lab', 8, 20, '质检化验室', 'QC laboratory');
    b.add(
      'zone',
      { type: 'Polygon', c: [rect(...c.p(x + 340, y + 1040), ...c.p(x + 380, y + 1070))] },
      {
        id: c.id('Z-FIN-CS'),
        name: c.zh('硝化釜受限空间作业'),
        name_en: c.en('Nitrator confined space entry'),
        purpose: 'confined_space',
        height_m: 6,
        max_occupancy: 3,
        enterprise_id: ent,
        valid_from: '2026-11-28T09:00:00+08:00',
        valid_to: '2026-11-28T12:00:00+08:00',
        permit: { number: 'SX-20261128-02', holders: [b.person(), b.person()] },
        authorised_roles: ['maintenance'],
      },
    );
  }

  // --- 8. LPG storage (north half of the last plot) and 9. logistics, park services
  {
    const [x, y] = plot(3, 1);
    const entLpg = enterprise(
      c,
      'LPG',
      [x + 600, y + 1000, x + 1400, y + 1900],
      '津南液化气储配站',
      'Jinnan LPG Storage',
      'LPG storage and distribution',
      true,
      80,
    );
    const r = resp();
    // DELIBERATE: the north dike sits ~140 m from Gangxi New Village outside the park (GB 50160 Table 4.1.9 [unverified]: 150 m).
    for (let i = 0; i < 2; i++) {
      tankFarm(c, {
        ent: entLpg,
        code: 'LPG',
        dike: i + 1,
        at: [x + 800 + i * 140, y + 1765],
        cols: 3,
        rows: 2,
        D: 15.7,
        H: 15.7,
        gap: 10,
        margin: 15,
        dikeH: 0.6,
        roof: 'sphere',
        capacity: 2000,
        substance: 'lpg',
        fireClass: '甲A',
        rho: 0.55,
        esd: true,
        gas: 'combustible',
        temp: { H: 40, HH: 45 },
        pressure_kPa: 1770,
        responsible: r,
        firstNo: i * 6 + 1,
      });
    }
    b.add(
      'zone',
      { type: 'Polygon', c: [rect(...c.p(x + 700, y + 1100), ...c.p(x + 1000, y + 1250))] },
      {
        id: c.id('Z-LPG-LOAD'),
        name: c.zh('液化气装卸区'),
        name_en: c.en('LPG loading'),
        purpose: 'loading',
        height_m: 10,
        max_occupancy: 15,
        authorised_roles: ['operator', 'driver'],
        enterprise_id: entLpg,
      },
    );
    building(c, entLpg, 'LPG-CR', [x + 1200, y + 1100, x + 1240, y + 1130], 'control_room', 6, 8, '液化气站控制室', 'LPG control room', {
      blast_resistant: true,
    });
    for (let i = 0; i < 2; i++) {
      b.add(
        'emergency_resource',
        { type: 'Point', c: c.p(x + 780 + i * 300, y + 1700) },
        {
          id: c.id(`ER-LPG-WM${i + 1}`),
          name: c.zh(`球罐区消防水炮${i + 1}`),
          name_en: c.en(`Sphere area water monitor ${i + 1}`),
          type: 'water_monitor',
          capacity: 60,
          capacity_unit: 'L/s',
          enterprise_id: entLpg,
        },
      );
    }

    // DELIBERATE: a labour-intensive logistics enterprise inside the park ("two bans").
    const entLog = enterprise(c, 'LOG', [x, y, x + 550, y + 1900], '诚通物流', 'Chengtong Logistics', 'logistics and packaging', false, 800, true);
    building(c, entLog, 'LOG-WH1', [x + 50, y + 100, x + 250, y + 400], 'warehouse', 12, 120, '1号仓库', 'Warehouse 1');
    building(c, entLog, 'LOG-WH2', [x + 300, y + 100, x + 500, y + 400], 'warehouse', 12, 120, '2号仓库', 'Warehouse 2');
    building(c, entLog, 'LOG-PACK', [x + 50, y + 500, x + 400, y + 700], 'workshop', 10, 400, '分装车间', 'Packaging hall');
    building(c, entLog, 'LOG-OFF', [x + 50, y + 800, x + 150, y + 830], 'office', 12, 80, '物流办公楼', 'Logistics office');
    building(c, entLog, 'LOG-CAN', [x + 200, y + 800, x + 280, y + 840], 'canteen', 6, 300, '物流食堂', 'Logistics canteen');

    // park services (the park administration, not an enterprise)
    building(c, undefined, 'PARK-FIRE', [x + 650, y + 100, x + 750, y + 160], 'fire_station', 10, 60, '园区特勤消防站', 'Park special-duty fire station');
    b.add(
      'emergency_resource',
      { type: 'Point', c: c.p(x + 700, y + 80) },
      {
        id: c.id('ER-PARK-FIRE'),
        name: c.zh('园区特勤消防站'),
        name_en: c.en('Park fire station'),
        type: 'fire_station',
        capacity: 14,
        capacity_unit: 'vehicles',
      },
    );
    building(
      c,
      undefined,
      'PARK-ECC',
      [x + 800, y + 100, x + 880, y + 150],
      'central_control_room',
      16,
      60,
      '园区应急指挥中心',
      'Park emergency command centre',
      { blast_resistant: true },
    );
    building(c, undefined, 'PARK-ADM', [x + 950, y + 100, x + 1100, y + 140], 'admin', 24, 200, '园区管委会', 'Park administration');
    building(c, undefined, 'PARK-MED', [x + 1150, y + 100, x + 1200, y + 130], 'medical', 6, 20, '园区医疗站', 'Park medical post');
    b.add(
      'emergency_resource',
      { type: 'Point', c: c.p(x + 1175, y + 85) },
      { id: c.id('ER-PARK-MED'), name: c.zh('园区医疗站'), name_en: c.en('Park medical station'), type: 'medical_post', capacity: 10, capacity_unit: 'beds' },
    );
    building(c, undefined, 'PARK-SUB', [x + 1250, y + 100, x + 1320, y + 140], 'substation', 10, 0, '园区110kV变电站', 'Park 110 kV substation');
    b.add(
      'zone',
      { type: 'Polygon', c: [rect(...c.p(x + 650, y + 300), ...c.p(x + 1050, y + 600))] },
      {
        id: c.id('Z-HZP'),
        name: c.zh('危险化学品车辆专用停车场'),
        name_en: c.en('Hazchem vehicle parking'),
        purpose: 'hazchem_parking',
        height_m: 6,
        max_occupancy: 60,
        authorised_roles: ['driver', 'operator', 'safety'],
      },
    );
    b.add(
      'sensor',
      { type: 'Point', c: c.p(x + 645, y + 295) },
      {
        id: c.id('Z-HZP-CCTV'),
        name: c.zh('危化品停车场视频'),
        name_en: c.en('Hazchem car park CCTV'),
        ...cctv([x + 645, y + 295], [x + 850, y + 450], 250),
        watches: c.id('Z-HZP'),
      },
    );
    b.add(
      'zone',
      { type: 'Polygon', c: [rect(...c.p(x + 1100, y + 300), ...c.p(x + 1350, y + 450))] },
      { id: c.id('Z-AP-1'), name: c.zh('1号应急集合点'), name_en: c.en('Assembly point 1'), purpose: 'assembly_point', height_m: 3, max_occupancy: 2000 },
    );
  }
  // two more assembly points by the west and south gates
  c.b.add(
    'zone',
    { type: 'Polygon', c: [rect(...c.p(60, 1870), ...c.p(200, 1940))] },
    { id: c.id('Z-AP-2'), name: c.zh('2号应急集合点'), name_en: c.en('Assembly point 2'), purpose: 'assembly_point', height_m: 3, max_occupancy: 1500 },
  );
  c.b.add(
    'zone',
    { type: 'Polygon', c: [rect(...c.p(2810, 1880), ...c.p(2940, 1940))] },
    { id: c.id('Z-AP-3'), name: c.zh('3号应急集合点'), name_en: c.en('Assembly point 3'), purpose: 'assembly_point', height_m: 3, max_occupancy: 1500 },
  );

  // --- roads and pipe racks of the district
  const ring: P[] = [c.p(40, 40), c.p(5960, 40), c.p(5960, 3960), c.p(40, 3960), c.p(40, 40)];
  c.b.add('road', { type: 'LineString', c: ring }, { id: c.id('RD-RING'), name: c.zh('环园路'), name_en: c.en('Ring road'), width_m: 12, hazchem_route: true });
  c.b.add(
    'road',
    { type: 'LineString', c: [c.p(40, 2000), c.p(5960, 2000)] },
    { id: c.id('RD-MAIN'), name: c.zh('港滨大道'), name_en: c.en('Gangbin Avenue'), width_m: 20, hazchem_route: true },
  );
  [1500, 3000, 4500].forEach((xx, i) => {
    c.b.add(
      'road',
      { type: 'LineString', c: [c.p(xx, 40), c.p(xx, 3960)] },
      { id: c.id(`RD-N${i + 1}`), name: c.zh(`港${['一', '二', '三'][i]}路`), name_en: c.en(`Gang ${i + 1} Road`), width_m: 15, hazchem_route: i === 2 },
    );
  });
  c.b.add(
    'pipe_rack',
    { type: 'LineString', c: [c.p(100, 2025), c.p(5900, 2025)] },
    { id: c.id('PR-MAIN'), name: c.zh('主管廊'), name_en: c.en('Main pipe rack'), width_m: 10, height_m: 8, tiers: 3 },
  );
  [1520, 3020, 4520].forEach((xx, i) => {
    c.b.add(
      'pipe_rack',
      { type: 'LineString', c: [c.p(xx, 100), c.p(xx, 3900)] },
      { id: c.id(`PR-N${i + 1}`), name: c.zh(`${i + 1}号支管廊`), name_en: c.en(`Branch rack ${i + 1}`), width_m: 8, height_m: 7, tiers: 2 },
    );
  });
  const line = (id: string, sub: string, dia: number, pts: P[], placement: string, rack?: string) =>
    c.b.add(
      'pipeline',
      { type: 'LineString', c: pts.map(([a, bb]) => c.p(a, bb)) },
      { id: c.id(id), substance: sub, diameter_mm: dia, placement, ...(rack ? { rack_id: c.id(rack) } : {}) },
    );
  line(
    'PL-CRUDE',
    'crude_oil',
    813,
    [
      [1520, 900],
      [1520, 2025],
      [1800, 2025],
    ],
    'on_rack',
    'PR-N1',
  );
  line(
    'PL-GASOLINE',
    'gasoline',
    406,
    [
      [1900, 2025],
      [3020, 2025],
      [3020, 400],
    ],
    'on_rack',
    'PR-MAIN',
  );
  line(
    'PL-NG',
    'natural_gas',
    610,
    [
      [4700, 200],
      [4700, 40],
      [100, 40],
    ],
    'underground',
  );
  line(
    'PL-CL2',
    'chlorine',
    50,
    [
      [700, 3100],
      [1520, 3100],
      [1520, 2025],
      [3020, 2025],
      [3020, 3100],
    ],
    'on_rack',
    'PR-MAIN',
  );
  line(
    'PL-NH3',
    'ammonia',
    100,
    [
      [1700, 2900],
      [3020, 2900],
    ],
    'above_ground',
  );
  line(
    'PL-H2',
    'hydrogen',
    150,
    [
      [2250, 1050],
      [2250, 2025],
      [3020, 2025],
      [3020, 3100],
    ],
    'on_rack',
    'PR-MAIN',
  );
}

// ---------------------------------------------------------------------------------------------
// Protected targets around the park

interface TargetSpec {
  name: string;
  name_en: string;
  category: string;
  population: number;
  gb: string;
  /** Side of the park and position along it (0–1). */
  side: 'w' | 'n' | 's' | 'e';
  along: number;
  /** Distance outside the park boundary, m. */
  out: number;
  /** Half-size of the polygon, m (0: a Point). */
  half: number;
}

const TARGETS: TargetSpec[] = [
  { name: '小王庄村', name_en: 'Xiaowangzhuang Village', category: 'village', population: 1200, gb: 'general_1', side: 'w', along: 0.2, out: 900, half: 250 },
  { name: '马棚口村', name_en: 'Mapengkou Village', category: 'village', population: 2600, gb: 'general_1', side: 's', along: 0.3, out: 1500, half: 300 },
  { name: '岐口村', name_en: 'Qikou Village', category: 'village', population: 1800, gb: 'general_1', side: 's', along: 0.7, out: 1800, half: 300 },
  {
    name: '南港第一小学',
    name_en: 'Nangang No. 1 Primary School',
    category: 'school',
    population: 900,
    gb: 'high_sensitivity',
    side: 'w',
    along: 0.55,
    out: 1800,
    half: 80,
  },
  { name: '大港医院', name_en: 'Dagang Hospital', category: 'hospital', population: 1500, gb: 'high_sensitivity', side: 'w', along: 0.8, out: 2600, half: 100 },
  {
    name: '福寿养老院',
    name_en: 'Fushou Care Home',
    category: 'care_home',
    population: 120,
    gb: 'high_sensitivity',
    side: 'n',
    along: 0.1,
    out: 1600,
    half: 50,
  },
  {
    name: '阳光幼儿园',
    name_en: 'Sunshine Kindergarten',
    category: 'kindergarten',
    population: 200,
    gb: 'high_sensitivity',
    side: 'n',
    along: 0.3,
    out: 2000,
    half: 40,
  },
  {
    name: '古林街道居住区',
    name_en: 'Gulin Residential District',
    category: 'residential',
    population: 8000,
    gb: 'general_1',
    side: 'n',
    along: 0.5,
    out: 2200,
    half: 500,
  },
  { name: '港东社区', name_en: 'Gangdong Community', category: 'residential', population: 4000, gb: 'general_1', side: 'w', along: 0.9, out: 1200, half: 350 },
  {
    name: '大港油田作业区',
    name_en: 'Dagang Oilfield works',
    category: 'neighbouring_plant',
    population: 1500,
    gb: 'general_1',
    side: 's',
    along: 0.1,
    out: 800,
    half: 300,
  },
  {
    name: '临港化工厂',
    name_en: 'Lingang Chemical Works',
    category: 'neighbouring_plant',
    population: 400,
    gb: 'general_1',
    side: 'w',
    along: 0.4,
    out: 600,
    half: 200,
  },
  {
    name: '太平镇集贸市场',
    name_en: 'Taiping Town Market',
    category: 'public_gathering',
    population: 2000,
    gb: 'general_1',
    side: 'n',
    along: 0.7,
    out: 2500,
    half: 120,
  },
  {
    name: '北大港水库',
    name_en: 'Beidagang Reservoir works',
    category: 'important_target',
    population: 10,
    gb: 'important',
    side: 'w',
    along: 0.05,
    out: 2800,
    half: 0,
  },
  {
    name: '220kV港西变电站',
    name_en: 'Gangxi 220 kV Substation',
    category: 'important_target',
    population: 5,
    gb: 'important',
    side: 's',
    along: 0.5,
    out: 700,
    half: 60,
  },
  {
    name: '海防路加油站',
    name_en: 'Haifang Road Filling Station',
    category: 'commercial',
    population: 10,
    gb: 'general_3',
    side: 's',
    along: 0.9,
    out: 500,
    half: 0,
  },
  {
    name: '南港渔港码头',
    name_en: 'Nangang Fishing Port',
    category: 'commercial',
    population: 300,
    gb: 'general_1',
    side: 'e',
    along: 0.3,
    out: 900,
    half: 150,
  },
  {
    name: '官港森林公园',
    name_en: 'Guangang Forest Park',
    category: 'public_gathering',
    population: 2500,
    gb: 'general_1',
    side: 'n',
    along: 0.9,
    out: 1800,
    half: 400,
  },
  {
    name: '大港第三中学',
    name_en: 'Dagang No. 3 Middle School',
    category: 'school',
    population: 1500,
    gb: 'high_sensitivity',
    side: 'w',
    along: 0.65,
    out: 2400,
    half: 90,
  },
  {
    name: '太平镇卫生院',
    name_en: 'Taiping Town Clinic',
    category: 'hospital',
    population: 80,
    gb: 'high_sensitivity',
    side: 'n',
    along: 0.6,
    out: 2700,
    half: 40,
  },
  { name: '沙井子村', name_en: 'Shajingzi Village', category: 'village', population: 1100, gb: 'general_1', side: 's', along: 0.5, out: 2400, half: 250 },
  { name: '刘岗庄村', name_en: 'Liugangzhuang Village', category: 'village', population: 900, gb: 'general_1', side: 'w', along: 0.35, out: 1500, half: 220 },
  {
    name: '独流减河泵站',
    name_en: 'Duliujian River Pump Station',
    category: 'important_target',
    population: 20,
    gb: 'important',
    side: 'e',
    along: 0.7,
    out: 600,
    half: 0,
  },
  { name: '海滨养殖场', name_en: 'Coastal fish farm', category: 'other', population: 25, gb: 'general_3', side: 'e', along: 0.1, out: 1200, half: 200 },
];

// ---------------------------------------------------------------------------------------------

/** Generates a park as a layout FeatureCollection (a plain JSON value). */
export function generatePark(opts: GenerateOptions): { type: 'FeatureCollection'; parktwin: Record<string, unknown>; features: unknown[] } {
  const scale = opts.scale;
  if (!Number.isInteger(scale) || scale < 1 || scale > 400) throw new RangeError('scale must be a whole number from 1 to 400');
  const rng = createRng(opts.seed);
  const b = new ParkBuilder(rng);
  demoCameras = 0;
  const cols = Math.ceil(Math.sqrt(scale));
  const rows = Math.ceil(scale / cols);
  const W = cols * DISTRICT_W_m;
  const H = rows * DISTRICT_H_m;
  const minX = -W / 2;
  const minY = -H / 2;
  const maxX = W / 2;
  const maxY = H / 2;
  const chamfer = 100;

  const parkName = scale === 1 ? '天津滨海新区南港化工园区（演示）' : `合成化工园区（${scale}倍）`;
  const parkNameEn = scale === 1 ? 'Nangang Chemical Park, Binhai New Area, Tianjin (demo)' : `Synthetic chemical park (${scale}×)`;
  const outline = chamfered(minX, minY, maxX, maxY, chamfer);
  b.add('park', { type: 'Polygon', c: [outline] }, { id: 'PARK', name: parkName, name_en: parkNameEn, safety_grade: 'C' });
  b.add(
    'land_use_control_line',
    { type: 'Polygon', c: [chamfered(minX - 300, minY - 300, maxX + 300, maxY + 300, chamfer + 300)] },
    { id: 'LUCL', name: '园区周边土地规划安全控制线', name_en: 'Land-use safety control line' },
  );
  b.add('fence', { type: 'LineString', c: outline }, { id: 'FENCE', name: '园区封闭围栏', name_en: 'Park perimeter fence', height_m: 2.5 });

  let gateNo = 0;
  const gate = (pt: P, admits: string[], manned: boolean, name: string, name_en: string, normally_closed = false) => {
    gateNo++;
    b.add('gate', { type: 'Point', c: pt }, { id: `G-${String(gateNo).padStart(2, '0')}`, name, name_en, fence_id: 'FENCE', admits, manned, normally_closed });
  };
  const accessRoad = (inside: P, outside: P, id: string, hazchem: boolean) =>
    b.add('road', { type: 'LineString', c: [inside, outside] }, { id, width_m: 12, hazchem_route: hazchem });

  for (let i = 0; i < scale; i++) {
    const col = i % cols;
    const row = Math.floor(i / cols);
    const d: District = {
      index: i,
      ox: minX + col * DISTRICT_W_m,
      oy: minY + row * DISTRICT_H_m,
      outer: { w: col === 0, e: col === cols - 1, s: row === 0, n: row === rows - 1 },
    };
    const suffix = i === 0 ? '' : `（${i + 1}区）`;
    const ctx: Ctx = {
      b,
      d,
      p: (x, y) => [d.ox + x, d.oy + y],
      id: (s) => (i === 0 ? s : `D${i + 1}.${s}`),
      zh: (s) => s + suffix,
      en: (s) => (i === 0 ? s : `${s} (district ${i + 1})`),
    };
    buildDistrict(ctx);
    const tag = i === 0 ? '' : `D${i + 1}.`;
    // gates where the district's roads meet the park fence
    if (d.outer.w) {
      gate(ctx.p(0, 2000), ['people', 'car', 'goods'], true, `西${suffix}大门`, `West main gate${suffix ? ` ${i + 1}` : ''}`);
      accessRoad(ctx.p(40, 2000), ctx.p(-400, 2000), `${tag}RD-GW`, false);
    }
    if (d.outer.s) {
      gate(ctx.p(1500, 0), ['people', 'car', 'goods'], true, `南一门${suffix}`, 'South gate 1');
      gate(ctx.p(3000, 0), ['car'], false, `南二门${suffix}（无人值守）`, 'South gate 2 (unmanned)');
      gate(ctx.p(4500, 0), ['people', 'car'], false, `南三门${suffix}（无人值守）`, 'South gate 3 (unmanned)');
      accessRoad(ctx.p(1500, 40), ctx.p(1500, -400), `${tag}RD-GS1`, false);
      accessRoad(ctx.p(3000, 40), ctx.p(3000, -400), `${tag}RD-GS2`, false);
      accessRoad(ctx.p(4500, 40), ctx.p(4500, -400), `${tag}RD-GS3`, false);
    }
    if (d.outer.n) {
      gate(ctx.p(3000, DISTRICT_H_m), ['people', 'car', 'goods'], true, `北门${suffix}`, 'North gate');
      gate(ctx.p(4500, DISTRICT_H_m), ['hazchem'], true, `危化品车辆专用门${suffix}`, 'Hazchem vehicles gate');
      accessRoad(ctx.p(3000, 3960), ctx.p(3000, DISTRICT_H_m + 400), `${tag}RD-GN`, false);
      accessRoad(ctx.p(4500, 3960), ctx.p(4500, DISTRICT_H_m + 400), `${tag}RD-GHZ`, true);
      // DELIBERATE: Gangxi New Village right outside the north fence, ~140 m from the LPG spheres.
      b.add(
        'protected_target',
        { type: 'Polygon', c: [rect(...ctx.p(5400, DISTRICT_H_m + 10), ...ctx.p(5900, DISTRICT_H_m + 260))] },
        {
          id: `${tag}PT-GANGXI`,
          name: `港西新村${suffix}`,
          name_en: `Gangxi New Village${suffix ? ` ${i + 1}` : ''}`,
          category: 'residential',
          population: 3500,
          gb36894_category: 'general_1',
        },
      );
    }
    if (d.outer.e) {
      gate(ctx.p(DISTRICT_W_m, 2000), ['emergency'], false, `东侧应急门${suffix}`, 'East emergency gate', true);
      accessRoad(ctx.p(5960, 2000), ctx.p(DISTRICT_W_m + 400, 2000), `${tag}RD-GE`, false);
    }
  }

  // protected targets: the list once per district, spread around the perimeter
  for (let k = 0; k < scale; k++) {
    TARGETS.forEach((t, j) => {
      const along = scale === 1 ? t.along : rng.next();
      const out = t.out * rng.range(0.9, 1.1) + t.half;
      const pos: P =
        t.side === 'w'
          ? [minX - out, minY + along * H]
          : t.side === 'e'
            ? [maxX + out, minY + along * H]
            : t.side === 's'
              ? [minX + along * W, minY - out]
              : [minX + along * W, maxY + out];
      const suffix = k === 0 ? '' : `（${k + 1}）`;
      const population = Math.max(1, Math.round(t.population * rng.range(0.9, 1.1)));
      const gb = t.gb.startsWith('general_') ? (population >= 100 ? 'general_1' : population >= 30 ? 'general_2' : 'general_3') : t.gb;
      const geom: Geom =
        t.half > 0 ? { type: 'Polygon', c: [rect(pos[0] - t.half, pos[1] - t.half, pos[0] + t.half, pos[1] + t.half)] } : { type: 'Point', c: pos };
      b.add('protected_target', geom, {
        id: `${k === 0 ? '' : `D${k + 1}.`}PT-${String(j + 1).padStart(2, '0')}`,
        name: t.name + suffix,
        name_en: t.name_en + suffix,
        category: t.category,
        population,
        gb36894_category: gb,
      });
    });
  }

  // to WGS84
  const origin = opts.origin ?? DEMO_ORIGIN;
  const frame = createFrame(origin);
  const ll = (p: P): number[] => {
    const [lon, lat] = frame.toLngLat(p);
    return [Math.round(lon * 1e8) / 1e8, Math.round(lat * 1e8) / 1e8];
  };
  const features = b.drafts.map((d) => ({
    type: 'Feature',
    geometry:
      d.geometry.type === 'Point'
        ? { type: 'Point', coordinates: ll(d.geometry.c) }
        : d.geometry.type === 'LineString'
          ? { type: 'LineString', coordinates: d.geometry.c.map(ll) }
          : { type: 'Polygon', coordinates: d.geometry.c.map((ring) => ring.map(ll)) },
    properties: d.properties,
  }));
  return {
    type: 'FeatureCollection',
    parktwin: { version: FORMAT_VERSION, name: parkName, origin, timezone: 'Asia/Shanghai' },
    features,
  };
}
