/**
 * The local frame against an independent ellipsoidal geodesic (GeographicLib, Karney 2013, via the
 * geographiclib-geodesic package): over a park up to 30 km across, local distances agree with the
 * WGS84 geodesic to within 1 cm per km.
 */
import geodesic from 'geographiclib-geodesic';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../generate/rng.ts';
import { createFrame, localDistance_m } from './frame.ts';

const WGS84 = geodesic.Geodesic.WGS84;
/** GeographicLib's direct and inverse problems, with the fields this test reads. */
const geod = {
  Direct: (lat: number, lon: number, azi_deg: number, s_m: number) => {
    const r = WGS84.Direct(lat, lon, azi_deg, s_m);
    return { lat2: r.lat2!, lon2: r.lon2! };
  },
  Inverse: (lat1: number, lon1: number, lat2: number, lon2: number) => ({ s12: WGS84.Inverse(lat1, lon1, lat2, lon2).s12! }),
};
const ORIGIN: [number, number] = [117.52, 38.72];

describe('local frame', () => {
  const frame = createFrame(ORIGIN);

  it('puts the origin at (0, 0)', () => {
    const [e, n] = frame.toLocal(ORIGIN);
    expect(Math.abs(e)).toBeLessThan(1e-9);
    expect(Math.abs(n)).toBeLessThan(1e-9);
  });

  it('maps a point 1 km due north (GeographicLib Direct) to east 0, north 1000 m within 1 cm', () => {
    const d = geod.Direct(ORIGIN[1], ORIGIN[0], 0, 1000);
    const [e, n] = frame.toLocal([d.lon2, d.lat2]);
    expect(Math.abs(e)).toBeLessThan(1e-6);
    expect(Math.abs(n - 1000)).toBeLessThan(0.01);
  });

  it('maps a point 10 km due east to east 10 000 m within 10 cm', () => {
    const d = geod.Direct(ORIGIN[1], ORIGIN[0], 90, 10_000);
    const [e, n] = frame.toLocal([d.lon2, d.lat2]);
    expect(Math.abs(e - 10_000)).toBeLessThan(0.1);
    // A geodesic that starts due east stays (on a sphere, exactly) in the plane of the local vertical
    // and east: its ENU north is 0 even though it drifts south of the parallel (by ≈ 6.3 m here).
    expect(Math.abs(n)).toBeLessThan(0.05);
    const [, nParallel] = frame.toLocal([d.lon2, ORIGIN[1]]);
    expect(nParallel).toBeGreaterThan(6);
    expect(nParallel).toBeLessThan(7);
  });

  it('agrees with the geodesic to 1 cm/km for 2 000 random pairs in a 30 km park', () => {
    const rng = createRng('frame-test');
    let worst = 0;
    for (let i = 0; i < 2000; i++) {
      // two points anywhere in a 30 km × 30 km square centred on the origin
      const a = geod.Direct(ORIGIN[1], ORIGIN[0], rng.range(0, 360), rng.range(0, 15_000 * Math.SQRT2));
      const b = geod.Direct(ORIGIN[1], ORIGIN[0], rng.range(0, 360), rng.range(0, 15_000 * Math.SQRT2));
      const s12 = geod.Inverse(a.lat2, a.lon2, b.lat2, b.lon2).s12;
      if (s12 < 1) continue;
      const d = localDistance_m(frame.toLocal([a.lon2, a.lat2]), frame.toLocal([b.lon2, b.lat2]));
      const perKm_m = Math.abs(d - s12) / (s12 / 1000);
      worst = Math.max(worst, perKm_m);
    }
    expect(worst).toBeLessThan(0.01);
    expect(worst).toBeGreaterThan(0); // it is a projection, not an identity: the check measures something
  });

  it('round-trips WGS84 → local → WGS84 to 1e-9 degrees', () => {
    const rng = createRng('roundtrip');
    for (let i = 0; i < 500; i++) {
      const p: [number, number] = [ORIGIN[0] + rng.range(-0.25, 0.25), ORIGIN[1] + rng.range(-0.2, 0.2)];
      const q = frame.toLngLat(frame.toLocal(p));
      expect(Math.abs(q[0] - p[0])).toBeLessThan(1e-9);
      expect(Math.abs(q[1] - p[1])).toBeLessThan(1e-9);
    }
  });

  it('works at other latitudes, including the southern hemisphere and near the antimeridian', () => {
    for (const o of [
      [0, 0],
      [151.2, -33.9],
      [179.95, 64.1],
    ] as [number, number][]) {
      const f = createFrame(o);
      const a = geod.Direct(o[1], o[0], 30, 12_000);
      const b = geod.Direct(o[1], o[0], 200, 9_000);
      const s12 = geod.Inverse(a.lat2, a.lon2, b.lat2, b.lon2).s12;
      const d = localDistance_m(f.toLocal([a.lon2, a.lat2]), f.toLocal([b.lon2, b.lat2]));
      expect(Math.abs(d - s12) / (s12 / 1000)).toBeLessThan(0.01);
    }
  });
});
