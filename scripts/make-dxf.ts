/**
 * Writes DXF site plans for the import's tests and docs: an ASCII DXF (HEADER with $INSUNITS, an
 * ENTITIES section) of a small tank farm — tanks as circles named by texts, a dike, a building with an
 * arc corner (a bulge), the fence, a road, a block insert and a layer of dimension lines — drawn in
 * CGCS2000 3° Gauss–Krüger zone 39 (EPSG:4527, easting with the zone prefix) in millimetres, and the
 * same plan in a local construction grid (A/B axes, rotated 30°) with its control points.
 *
 *   npx tsx scripts/make-dxf.ts examples/   → site-plan-cgcs2000.dxf, site-plan-grid.dxf, site-plan-grid-control.csv
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import proj4 from 'proj4';

export type DxfEntity =
  | { type: 'CIRCLE'; layer: string; x: number; y: number; r: number }
  | { type: 'LWPOLYLINE'; layer: string; points: [number, number, number?][]; closed: boolean }
  | { type: 'LINE'; layer: string; a: [number, number]; b: [number, number] }
  | { type: 'TEXT'; layer: string; x: number; y: number; text: string; height?: number }
  | { type: 'INSERT'; layer: string; block: string; x: number; y: number; scale: number };

/** An ASCII DXF of the entities; `insunits` 4 = mm, 6 = m. */
export function writeDxf(entities: readonly DxfEntity[], insunits = 6): string {
  const out: (string | number)[] = [0, 'SECTION', 2, 'HEADER', 9, '$ACADVER', 1, 'AC1015', 9, '$INSUNITS', 70, insunits, 0, 'ENDSEC'];
  out.push(0, 'SECTION', 2, 'ENTITIES');
  for (const e of entities) {
    if (e.type === 'CIRCLE') out.push(0, 'CIRCLE', 8, e.layer, 10, e.x, 20, e.y, 30, 0, 40, e.r);
    else if (e.type === 'LINE') out.push(0, 'LINE', 8, e.layer, 10, e.a[0], 20, e.a[1], 30, 0, 11, e.b[0], 21, e.b[1], 31, 0);
    else if (e.type === 'TEXT') out.push(0, 'TEXT', 8, e.layer, 10, e.x, 20, e.y, 30, 0, 40, e.height ?? 2.5, 1, e.text);
    else if (e.type === 'INSERT') out.push(0, 'INSERT', 8, e.layer, 2, e.block, 10, e.x, 20, e.y, 30, 0, 41, e.scale, 42, e.scale, 43, e.scale);
    else {
      out.push(0, 'LWPOLYLINE', 8, e.layer, 90, e.points.length, 70, e.closed ? 1 : 0);
      for (const [x, y, bulge] of e.points) {
        out.push(10, x, 20, y);
        if (bulge) out.push(42, bulge);
      }
    }
  }
  out.push(0, 'ENDSEC', 0, 'EOF');
  return `${out.map((v) => (typeof v === 'number' ? String(v) : v)).join('\n')}\n`;
}

/** CGCS2000 / 3-degree Gauss-Kruger zone 39 (EPSG:4527), written out independently of src/import/crs.ts. */
export const EPSG_4527 = '+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=39500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';

/** The plan in metres, relative to its own origin (the south-west fence corner), east and north. */
export interface PlanTank {
  name: string;
  x: number;
  y: number;
  d: number;
}
export const TANKS: PlanTank[] = [
  { name: 'T-101', x: 60, y: 60, d: 30 },
  { name: 'T-102', x: 110, y: 60, d: 30 },
  { name: 'T-103', x: 60, y: 110, d: 24 },
];
/** The plan's entities in plan metres (before placing and scaling). */
export function planEntities(): DxfEntity[] {
  return [
    ...TANKS.flatMap((t): DxfEntity[] => [
      { type: 'CIRCLE', layer: '储罐', x: t.x, y: t.y, r: t.d / 2 },
      { type: 'TEXT', layer: '文字', x: t.x - 4, y: t.y, text: t.name },
    ]),
    // the dike round the tanks
    {
      type: 'LWPOLYLINE',
      layer: '防火堤',
      points: [
        [30, 30],
        [140, 30],
        [140, 135],
        [30, 135],
      ],
      closed: true,
    },
    { type: 'TEXT', layer: '文字', x: 35, y: 128, text: '1号罐组防火堤' },
    // a control room with a quarter-circle corner: the bulge of a 90° arc is tan(90°/4)
    {
      type: 'LWPOLYLINE',
      layer: '建筑',
      points: [
        [170, 40],
        [200, 40, Math.tan(Math.PI / 8)],
        [210, 50],
        [210, 80],
        [170, 80],
      ],
      closed: true,
    },
    { type: 'TEXT', layer: '文字', x: 185, y: 60, text: '中心控制室' },
    // the fence: four lines
    { type: 'LINE', layer: '围墙', a: [0, 0], b: [250, 0] },
    { type: 'LINE', layer: '围墙', a: [250, 0], b: [250, 200] },
    { type: 'LINE', layer: '围墙', a: [250, 200], b: [0, 200] },
    { type: 'LINE', layer: '围墙', a: [0, 200], b: [0, 0] },
    // a road along the south
    {
      type: 'LWPOLYLINE',
      layer: 'ROAD',
      points: [
        [5, 15],
        [245, 15],
      ],
      closed: false,
    },
    // a tank as a block (unit circle scaled to its diameter) and its name
    { type: 'INSERT', layer: 'TANK', block: 'TANK_SYMBOL', x: 110, y: 110, scale: 20 },
    { type: 'TEXT', layer: '文字', x: 106, y: 110, text: 'T-104' },
    // dimension lines: no kind
    { type: 'LINE', layer: 'DIM', a: [30, 20], b: [140, 20] },
  ];
}

/** Moves the plan's entities by a function of plan metres → drawing units. */
export function transform(entities: readonly DxfEntity[], f: (x: number, y: number) => [number, number], lengthScale: number): DxfEntity[] {
  return entities.map((e) => {
    if (e.type === 'CIRCLE') {
      const [x, y] = f(e.x, e.y);
      return { ...e, x, y, r: e.r * lengthScale };
    }
    if (e.type === 'LINE') return { ...e, a: f(...e.a), b: f(...e.b) };
    if (e.type === 'TEXT') {
      const [x, y] = f(e.x, e.y);
      return { ...e, x, y };
    }
    if (e.type === 'INSERT') {
      const [x, y] = f(e.x, e.y);
      return { ...e, x, y, scale: e.scale * lengthScale };
    }
    return { ...e, points: e.points.map(([x, y, b]) => [...f(x, y), b] as [number, number, number?]) };
  });
}

/** Where the plan's origin is: a point south of the demo park's refinery (lon, lat). */
export const ORIGIN_LONLAT: [number, number] = [117.48, 38.69];

/** The plan in EPSG:4527, millimetres: plan metres are added to the origin's projected coordinates (grid north = plan north). */
export function cgcs2000Plan(): { dxf: string; tankLonLat: (t: PlanTank) => [number, number] } {
  const conv = proj4('WGS84', EPSG_4527);
  const [E0, N0] = conv.forward(ORIGIN_LONLAT);
  const f = (x: number, y: number): [number, number] => [(E0 + x) * 1000, (N0 + y) * 1000];
  return {
    dxf: writeDxf(transform(planEntities(), f, 1000), 4),
    tankLonLat: (t) => conv.inverse([E0 + t.x, N0 + t.y]) as [number, number],
  };
}

/** The plan in a local grid: A = plan rotated by 30°, offset by (1000, 2000) m; control points at three fence corners, placed through EPSG:4527. */
export function gridPlan(): { dxf: string; control: string; tankLonLat: (t: PlanTank) => [number, number] } {
  const conv = proj4('WGS84', EPSG_4527);
  const [E0, N0] = conv.forward(ORIGIN_LONLAT);
  const th = Math.PI / 6;
  // grid = R(−θ)·plan + offset, so plan = R(θ)·(grid − offset)
  const toGrid = (x: number, y: number): [number, number] => [1000 + x * Math.cos(th) + y * Math.sin(th), 2000 - x * Math.sin(th) + y * Math.cos(th)];
  const lonLatOfPlan = (x: number, y: number) => conv.inverse([E0 + x, N0 + y]) as [number, number];
  const control = [
    [0, 0, 'CP1'],
    [250, 0, 'CP2'],
    [250, 200, 'CP3'],
    [0, 200, 'CP4'],
  ].map(([x, y, name]) => {
    const [gx, gy] = toGrid(x as number, y as number);
    const [lon, lat] = lonLatOfPlan(x as number, y as number);
    return `${gx.toFixed(3)},${gy.toFixed(3)},${lon.toFixed(9)},${lat.toFixed(9)},${name}`;
  });
  return {
    dxf: writeDxf(transform(planEntities(), toGrid, 1), 6),
    control: `x,y,lon,lat,name\n${control.join('\n')}\n`,
    tankLonLat: (t) => lonLatOfPlan(t.x, t.y),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const dir = process.argv[2] ?? 'examples';
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'site-plan-cgcs2000.dxf'), cgcs2000Plan().dxf);
  const g = gridPlan();
  writeFileSync(path.join(dir, 'site-plan-grid.dxf'), g.dxf);
  writeFileSync(path.join(dir, 'site-plan-grid-control.csv'), g.control);
  process.stderr.write(`wrote ${dir}/site-plan-cgcs2000.dxf, site-plan-grid.dxf, site-plan-grid-control.csv\n`);
}
