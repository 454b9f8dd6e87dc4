/**
 * WGS84 ⇄ local east-north frame in metres, anchored at the park origin.
 *
 * The local frame is the horizontal part of the east-north-up (ENU) tangent frame at the origin:
 * a point on the ellipsoid (at the origin's height) goes to ECEF, then is rotated into ENU and its
 * up component dropped. Distances in this frame differ from ellipsoidal geodesics by about θ²/2
 * (θ the angle from the origin): 3 mm/km at 15 km, 5.5 mm/km at 21 km — so a park up to 30 km
 * across, anchored near its centre, is within 1 cm/km (tested against GeographicLib).
 *
 * The Three.js scene works in this frame (x = east, z = −north, y = up); Cesium works in WGS84.
 */

/** WGS84 ellipsoid, NIMA TR8350.2 §3: a = 6 378 137 m, 1/f = 298.257223563. */
export const WGS84_A_m = 6_378_137;
export const WGS84_F = 1 / 298.257223563;
const E2 = WGS84_F * (2 - WGS84_F);
const DEG = Math.PI / 180;

/** Longitude, latitude in degrees (WGS84). Branded so it cannot be mixed with local metres. */
export type LngLat = readonly [lon_deg: number, lat_deg: number] & { readonly __space: 'wgs84' };
/** East, north in metres in a park's local frame. */
export type Local = readonly [east_m: number, north_m: number] & { readonly __space: 'local' };

export const lngLat = (lon_deg: number, lat_deg: number): LngLat => [lon_deg, lat_deg] as unknown as LngLat;
export const local = (east_m: number, north_m: number): Local => [east_m, north_m] as unknown as Local;

export interface LocalFrame {
  readonly origin: LngLat;
  readonly originHeight_m: number;
  toLocal(p: readonly [number, number] | readonly number[]): Local;
  toLngLat(p: readonly [number, number] | readonly number[]): LngLat;
}

function ecef(lon_rad: number, lat_rad: number, h_m: number, out: Float64Array): void {
  const sl = Math.sin(lat_rad);
  const cl = Math.cos(lat_rad);
  const n = WGS84_A_m / Math.sqrt(1 - E2 * sl * sl);
  out[0] = (n + h_m) * cl * Math.cos(lon_rad);
  out[1] = (n + h_m) * cl * Math.sin(lon_rad);
  out[2] = (n * (1 - E2) + h_m) * sl;
}

/** Meridional (M) and prime-vertical (N) radii of curvature at a latitude, m. */
function radii(lat_rad: number): [number, number] {
  const s = Math.sin(lat_rad);
  const w = Math.sqrt(1 - E2 * s * s);
  return [(WGS84_A_m * (1 - E2)) / (w * w * w), WGS84_A_m / w];
}

/**
 * Creates the local frame anchored at `origin` (lon, lat degrees), with points taken at the
 * origin's ellipsoidal height.
 */
export function createFrame(origin: readonly [number, number] | readonly number[], originHeight_m = 0): LocalFrame {
  const lon0 = origin[0] * DEG;
  const lat0 = origin[1] * DEG;
  const o = new Float64Array(3);
  ecef(lon0, lat0, originHeight_m, o);
  const sp0 = Math.sin(lat0);
  const cp0 = Math.cos(lat0);
  const r0 = Math.hypot(o[0], o[1]); // the origin's distance from the polar axis

  // A point to ECEF, less the origin's, rotated into east-north, with the rotation about the polar axis
  // folded in: with r the point's distance from the axis and Δλ = λ − λ0, the east component is r·sin Δλ
  // and the horizontal one towards the origin's meridian r·cos Δλ − r0. Few operations per point (a
  // layout has tens of thousands, converted before the JIT has compiled this), and sin Δλ is exact
  // where a difference of two large products would lose digits. One array per point.
  const forwardRad = (lon_rad: number, lat_rad: number): [number, number] => {
    const dl = lon_rad - lon0;
    const sl = Math.sin(lat_rad);
    const n = WGS84_A_m / Math.sqrt(1 - E2 * sl * sl);
    const r = (n + originHeight_m) * Math.cos(lat_rad);
    return [r * Math.sin(dl), cp0 * ((n * (1 - E2) + originHeight_m) * sl - o[2]) - sp0 * (r * Math.cos(dl) - r0)];
  };

  return {
    origin: lngLat(origin[0], origin[1]),
    originHeight_m,
    toLocal: (q) => forwardRad(q[0] * DEG, q[1] * DEG) as unknown as Local,
    toLngLat(q) {
      // Newton-like iteration: start from the tangent-plane guess and correct with the local radii
      // of curvature. Each step shrinks the residual by about θ²; four steps reach 1e-9 m.
      const [m0, n0] = radii(lat0);
      let lat = lat0 + q[1] / m0;
      let lon = lon0 + q[0] / (n0 * cp0);
      for (let i = 0; i < 10; i++) {
        const [e, n] = forwardRad(lon, lat);
        const de = q[0] - e;
        const dn = q[1] - n;
        if (Math.abs(de) < 1e-9 && Math.abs(dn) < 1e-9) break;
        const [m, nn] = radii(lat);
        lat += dn / m;
        lon += de / (nn * Math.cos(lat));
      }
      return lngLat(lon / DEG, lat / DEG);
    },
  };
}

/** Planar distance between two local points, m. */
export function localDistance_m(a: Local, b: Local): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}
