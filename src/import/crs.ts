/**
 * Coordinate reference systems a Chinese park's drawings come in, turned into proj4 definitions:
 * CGCS2000 geographic (EPSG:4490) and its Gauss–Krüger projections — 6° and 3° zones, with the zone
 * number prefixed to the easting or not (EPSG:4491–4554; EPSG:4527 is the 3° zone 39, 117° E, with the
 * prefix; EPSG:4548 the same central meridian without it) — Xi'an 1980 (EPSG:2327–2390) and Beijing
 * 1954 (EPSG:2401–2442, 21413–21423, 21453–21463) Gauss–Krüger, WGS 84 (EPSG:4326); or a proj4 string
 * or WKT (a `.prj` file) given as is.
 *
 * Xi'an 1980 and Beijing 1954 are on other ellipsoids and datums than WGS 84: without transformation
 * parameters (`+towgs84=…`, which a survey office gives for its area) the datum shift — up to about
 * 100 m — is not applied, and the import says so. CGCS2000 and WGS 84 agree to a few centimetres and are
 * taken as one.
 *
 * The EPSG numbering is as the EPSG registry lists these systems (CGCS2000's checked against the
 * issue's 4527 and 4548 examples; Xi'an 1980 and Beijing 1954 recalled, P).
 */
import proj4 from 'proj4';

export interface Crs {
  /** `EPSG:4548`, or `custom` for a given proj4 string or WKT. */
  code: string;
  name: string;
  /** The proj4 definition. */
  proj4: string;
  geographic: boolean;
  /** What the user must know (a datum shift not applied). */
  warning: string | null;
}

/** An unknown or malformed coordinate reference system: exit 2 in the CLI. */
export class CrsError extends Error {}

const CGCS2000 = '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0';
const XIAN80 = '+a=6378140 +rf=298.257';
const BEIJING54 = '+ellps=krass';
const NO_SHIFT = (datum: string) =>
  `${datum} differs from WGS 84 by up to about 100 m; no datum shift is applied (give the survey office's +towgs84 parameters with --crs "<proj4 string>" to apply one)`;

const tmerc = (lon_0: number, x_0: number, ellps: string) => `+proj=tmerc +lat_0=0 +lon_0=${lon_0} +k=1 +x_0=${x_0} +y_0=0 ${ellps} +units=m +no_defs`;

interface Family {
  from: number;
  to: number;
  datum: 'CGCS2000' | 'Xian 1980' | 'Beijing 1954';
  ellps: string;
  /** 6° or 3° zones. */
  width: 6 | 3;
  /** Zone number prefixed to the easting (the first code's zone), or central meridians from 75° E. */
  firstZone: number | null;
}

const FAMILIES: Family[] = [
  { from: 4491, to: 4501, datum: 'CGCS2000', ellps: CGCS2000, width: 6, firstZone: 13 },
  { from: 4502, to: 4512, datum: 'CGCS2000', ellps: CGCS2000, width: 6, firstZone: null },
  { from: 4513, to: 4533, datum: 'CGCS2000', ellps: CGCS2000, width: 3, firstZone: 25 },
  { from: 4534, to: 4554, datum: 'CGCS2000', ellps: CGCS2000, width: 3, firstZone: null },
  { from: 2327, to: 2337, datum: 'Xian 1980', ellps: XIAN80, width: 6, firstZone: 13 },
  { from: 2338, to: 2348, datum: 'Xian 1980', ellps: XIAN80, width: 6, firstZone: null },
  { from: 2349, to: 2369, datum: 'Xian 1980', ellps: XIAN80, width: 3, firstZone: 25 },
  { from: 2370, to: 2390, datum: 'Xian 1980', ellps: XIAN80, width: 3, firstZone: null },
  { from: 21413, to: 21423, datum: 'Beijing 1954', ellps: BEIJING54, width: 6, firstZone: 13 },
  { from: 21453, to: 21463, datum: 'Beijing 1954', ellps: BEIJING54, width: 6, firstZone: null },
  { from: 2401, to: 2421, datum: 'Beijing 1954', ellps: BEIJING54, width: 3, firstZone: 25 },
  { from: 2422, to: 2442, datum: 'Beijing 1954', ellps: BEIJING54, width: 3, firstZone: null },
];

/** The system of an EPSG code (`EPSG:4548`, `4548`), or null when it is none of those above. */
export function epsg(code: number): Crs | null {
  if (code === 4326) return { code: 'EPSG:4326', name: 'WGS 84', proj4: '+proj=longlat +datum=WGS84 +no_defs', geographic: true, warning: null };
  if (code === 4490) return { code: 'EPSG:4490', name: 'CGCS2000', proj4: `+proj=longlat ${CGCS2000} +no_defs`, geographic: true, warning: null };
  const f = FAMILIES.find((x) => code >= x.from && code <= x.to);
  if (!f) return null;
  const k = code - f.from;
  let lon_0: number;
  let x_0 = 500_000;
  let name: string;
  if (f.firstZone !== null) {
    const zone = f.firstZone + k;
    lon_0 = f.width === 6 ? zone * 6 - 3 : zone * 3;
    x_0 = zone * 1_000_000 + 500_000;
    name = `${f.datum} / ${f.width === 3 ? '3-degree ' : ''}Gauss-Kruger zone ${zone}`;
  } else {
    lon_0 = 75 + k * f.width;
    name = `${f.datum} / ${f.width === 3 ? '3-degree ' : ''}Gauss-Kruger CM ${lon_0}E`;
  }
  return { code: `EPSG:${code}`, name, proj4: tmerc(lon_0, x_0, f.ellps), geographic: false, warning: f.datum === 'CGCS2000' ? null : NO_SHIFT(f.datum) };
}

/**
 * The system a user names: `EPSG:n` (or just n), a proj4 string (`+proj=…`) or WKT (`PROJCS[…]`,
 * `GEOGCS[…]`, what a `.prj` file holds). Throws CrsError when it is none.
 */
export function parseCrs(spec: string): Crs {
  const s = spec.trim();
  const m = s.match(/^(?:EPSG:)?(\d{4,5})$/i);
  if (m) {
    const c = epsg(Number(m[1]));
    if (!c)
      throw new CrsError(
        `unknown CRS EPSG:${m[1]} (known: 4326, 4490, CGCS2000 Gauss-Kruger 4491–4554, Xi'an 1980 2327–2390, Beijing 1954 2401–2442, 21413–21423, 21453–21463; or give a proj4 string or a .prj file)`,
      );
    return c;
  }
  if (s.startsWith('+proj=') || /^(PROJCS|GEOGCS|PROJCRS|GEOGCRS)\[/i.test(s)) {
    try {
      proj4(s, 'WGS84').forward([0, 0]);
    } catch (e) {
      throw new CrsError(`cannot read the CRS definition (${(e as Error).message ?? e})`);
    }
    const geographic = /\+proj=longlat|^GEOG/i.test(s);
    const shifted = /towgs84/i.test(s) || /WGS[ _]?84|CGCS[ _]?2000|China Geodetic Coordinate System 2000/i.test(s);
    return {
      code: 'custom',
      name: s.startsWith('+proj') ? s : (s.match(/^\w+\["([^"]+)"/)?.[1] ?? 'WKT'),
      proj4: s,
      geographic,
      warning: shifted ? null : 'the definition names no datum shift to WGS 84 (+towgs84): none is applied',
    };
  }
  throw new CrsError(`"${s.slice(0, 60)}" is not a CRS: give EPSG:n, a proj4 string or WKT`);
}

/** A function from the system's coordinates (x east, y north) to WGS 84 lon, lat. */
export function toLonLat(crs: Crs): (x: number, y: number) => [number, number] {
  if (crs.code === 'EPSG:4326') return (x, y) => [x, y];
  const conv = proj4(crs.proj4, 'WGS84');
  return (x, y) => {
    const [lon, lat] = conv.forward([x, y]);
    return [lon, lat];
  };
}
