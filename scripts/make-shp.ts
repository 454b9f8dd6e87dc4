/**
 * Writes ESRI Shapefiles (.shp, .shx, .dbf, and the .prj and .cpg beside them) of points or polygons
 * with text and number columns — for the import's tests and examples. UTF-8 text (the .cpg says so).
 *   npx tsx scripts/make-shp.ts examples/   → tanks.shp (CGCS2000 GK CM 117E, EPSG:4548) and its files
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import proj4 from 'proj4';

export type Shape = { type: 'Point'; x: number; y: number } | { type: 'Polygon'; ring: [number, number][] };
export interface Column {
  name: string;
  type: 'C' | 'N';
  length: number;
  decimals?: number;
}

/** The .shp, .shx and .dbf bytes of shapes (all of one type) with their attribute rows. */
export function writeShapefile(shapes: readonly Shape[], columns: readonly Column[], rows: readonly Record<string, string | number>[]) {
  const type = shapes[0].type === 'Point' ? 1 : 5;
  const contents = shapes.map((s) => {
    if (s.type === 'Point') {
      const b = Buffer.alloc(20);
      b.writeInt32LE(1, 0);
      b.writeDoubleLE(s.x, 4);
      b.writeDoubleLE(s.y, 12);
      return { b, box: [s.x, s.y, s.x, s.y] };
    }
    const xs = s.ring.map((p) => p[0]);
    const ys = s.ring.map((p) => p[1]);
    const box = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    const b = Buffer.alloc(44 + 4 + 16 * s.ring.length);
    b.writeInt32LE(5, 0);
    box.forEach((v, i) => b.writeDoubleLE(v, 4 + 8 * i));
    b.writeInt32LE(1, 36);
    b.writeInt32LE(s.ring.length, 40);
    b.writeInt32LE(0, 44);
    s.ring.forEach(([x, y], i) => {
      b.writeDoubleLE(x, 48 + 16 * i);
      b.writeDoubleLE(y, 56 + 16 * i);
    });
    return { b, box };
  });
  const box = [
    Math.min(...contents.map((c) => c.box[0])),
    Math.min(...contents.map((c) => c.box[1])),
    Math.max(...contents.map((c) => c.box[2])),
    Math.max(...contents.map((c) => c.box[3])),
  ];
  const header = (lengthBytes: number) => {
    const h = Buffer.alloc(100);
    h.writeInt32BE(9994, 0);
    h.writeInt32BE(lengthBytes / 2, 24);
    h.writeInt32LE(1000, 28);
    h.writeInt32LE(type, 32);
    box.forEach((v, i) => h.writeDoubleLE(v, 36 + 8 * i));
    return h;
  };
  const records: Buffer[] = [];
  const index: Buffer[] = [];
  let offset = 100;
  contents.forEach(({ b }, i) => {
    const rh = Buffer.alloc(8);
    rh.writeInt32BE(i + 1, 0);
    rh.writeInt32BE(b.length / 2, 4);
    records.push(rh, b);
    const ix = Buffer.alloc(8);
    ix.writeInt32BE(offset / 2, 0);
    ix.writeInt32BE(b.length / 2, 4);
    index.push(ix);
    offset += 8 + b.length;
  });
  const shp = Buffer.concat([header(offset), ...records]);
  const shx = Buffer.concat([header(100 + 8 * contents.length), ...index]);
  // dBASE III
  const recordLength = 1 + columns.reduce((s, c) => s + c.length, 0);
  const head = Buffer.alloc(32 + 32 * columns.length + 1);
  head.writeUInt8(3, 0);
  head.writeUInt8(126, 1);
  head.writeUInt8(12, 2);
  head.writeUInt8(4, 3);
  head.writeUInt32LE(rows.length, 4);
  head.writeUInt16LE(head.length, 8);
  head.writeUInt16LE(recordLength, 10);
  columns.forEach((c, i) => {
    const at = 32 + 32 * i;
    head.write(c.name.slice(0, 10), at, 'latin1');
    head.write(c.type, at + 11, 'latin1');
    head.writeUInt8(c.length, at + 16);
    head.writeUInt8(c.decimals ?? 0, at + 17);
  });
  head.writeUInt8(0x0d, head.length - 1);
  const body = rows.map((r) => {
    const b = Buffer.alloc(recordLength, 0x20);
    let at = 1;
    for (const c of columns) {
      const v = r[c.name];
      const text = v === undefined ? '' : c.type === 'N' ? Number(v).toFixed(c.decimals ?? 0) : String(v);
      const bytes = Buffer.from(text, 'utf8').subarray(0, c.length);
      bytes.copy(b, c.type === 'N' ? at + c.length - bytes.length : at);
      at += c.length;
    }
    return b;
  });
  const dbf = Buffer.concat([head, ...body, Buffer.from([0x1a])]);
  return { shp, shx, dbf };
}

export const EPSG_4548 = '+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
export const PRJ_4548 =
  'PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 117E",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",117],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1]]';

/** Three tanks in EPSG:4548: their lon/lat, and the shapefile's bytes. */
export function tankShapefile() {
  const tanks = [
    { ID: 'T-201', NAME: '3号罐', DIAM: 40, lon: 117.486, lat: 38.701 },
    { ID: 'T-202', NAME: '4号罐', DIAM: 40, lon: 117.4866, lat: 38.701 },
    { ID: 'T-203', NAME: '5号罐', DIAM: 28.5, lon: 117.4872, lat: 38.701 },
  ];
  const conv = proj4('WGS84', EPSG_4548);
  const shapes: Shape[] = tanks.map((t) => {
    const [x, y] = conv.forward([t.lon, t.lat]);
    return { type: 'Point', x, y };
  });
  const files = writeShapefile(
    shapes,
    [
      { name: 'ID', type: 'C', length: 16 },
      { name: 'NAME', type: 'C', length: 40 },
      { name: 'DIAM', type: 'N', length: 8, decimals: 1 },
    ],
    tanks,
  );
  return { tanks, files };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const dir = process.argv[2] ?? 'examples';
  mkdirSync(dir, { recursive: true });
  const { files } = tankShapefile();
  writeFileSync(path.join(dir, 'tanks.shp'), files.shp);
  writeFileSync(path.join(dir, 'tanks.shx'), files.shx);
  writeFileSync(path.join(dir, 'tanks.dbf'), files.dbf);
  writeFileSync(path.join(dir, 'tanks.prj'), PRJ_4548);
  writeFileSync(path.join(dir, 'tanks.cpg'), 'UTF-8');
  process.stderr.write(`wrote ${dir}/tanks.shp, .shx, .dbf, .prj, .cpg\n`);
}
