/**
 * Gaussian dispersion of neutrally buoyant gas: the continuous plume with ground reflection and the
 * instantaneous puff, with dispersion coefficients from a named set. Different sets give different
 * answers (see docs/hazards.md): every result names the set it used.
 *
 * Coordinates: x downwind, y crosswind, z height, m. Pure; SI units.
 */
import { ATM_PA, PPM_REFERENCE_K, R_J_MOLK } from './constants.ts';

export type Stability = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';
export const STABILITIES: readonly Stability[] = ['A', 'B', 'C', 'D', 'E', 'F'];
export type SigmaSet = 'briggs-rural' | 'briggs-urban' | 'pasquill-gifford-isc3' | 'ccps' | 'ccps-puff' | 'spicer-havens-seinfeld';
export const SIGMA_SETS: readonly SigmaSet[] = ['briggs-rural', 'briggs-urban', 'pasquill-gifford-isc3', 'ccps', 'ccps-puff', 'spicer-havens-seinfeld'];
/** The averaging time the sets' coefficients are for, s (10 min); only `spicer-havens-seinfeld` corrects σy for another. */
export const REFERENCE_AVERAGING_S = 600;

export interface Sigmas {
  sigma_y_m: number;
  sigma_z_m: number;
}

type Fn = (x: number) => number;
const briggs =
  (a: number, b: number, p: number): Fn =>
  (x) =>
    a * x * Math.pow(1 + b * x, p);

/**
 * Briggs (1973) open-country (rural) coefficients, x in m, 100 m < x < 10 km. As tabulated in CCPS,
 * Guidelines for Consequence Analysis of Chemical Releases (1999), and Crowl & Louvar, Chemical
 * Process Safety, Table 5-2. Note the rural E and F σz exponent −1.
 */
const BRIGGS_RURAL: Record<Stability, [Fn, Fn]> = {
  A: [briggs(0.22, 0.0001, -0.5), (x) => 0.2 * x],
  B: [briggs(0.16, 0.0001, -0.5), (x) => 0.12 * x],
  C: [briggs(0.11, 0.0001, -0.5), briggs(0.08, 0.0002, -0.5)],
  D: [briggs(0.08, 0.0001, -0.5), briggs(0.06, 0.0015, -0.5)],
  E: [briggs(0.06, 0.0001, -0.5), briggs(0.03, 0.0003, -1)],
  F: [briggs(0.04, 0.0001, -0.5), briggs(0.016, 0.0003, -1)],
};

/** Briggs (1973) urban coefficients, same sources. Note the urban A–B σz exponent +½. */
const BRIGGS_URBAN: Record<Stability, [Fn, Fn]> = {
  A: [briggs(0.32, 0.0004, -0.5), briggs(0.24, 0.001, 0.5)],
  B: [briggs(0.32, 0.0004, -0.5), briggs(0.24, 0.001, 0.5)],
  C: [briggs(0.22, 0.0004, -0.5), (x) => 0.2 * x],
  D: [briggs(0.16, 0.0004, -0.5), briggs(0.14, 0.0003, -0.5)],
  E: [briggs(0.11, 0.0004, -0.5), briggs(0.08, 0.0015, -0.5)],
  F: [briggs(0.11, 0.0004, -0.5), briggs(0.08, 0.0015, -0.5)],
};

/**
 * Pasquill–Gifford curves as fitted in EPA's ISC3 (User's Guide vol. II, eqs. 1-32 to 1-34 and
 * Tables 1-13, 1-14; the same as Turner's workbook curves), x in km:
 * σy = 465.11628 x tan(0.017453293 (c − d ln x)); σz = a x^b piecewise, at most 5 000 m.
 */
const ISC3_Y: Record<Stability, [number, number]> = {
  A: [24.167, 2.5334],
  B: [18.333, 1.8096],
  C: [12.5, 1.0857],
  D: [8.333, 0.72382],
  E: [6.25, 0.54287],
  F: [4.1667, 0.36191],
};
/** [upper x (km) of the range, a, b]. */
const ISC3_Z: Record<Stability, [number, number, number][]> = {
  A: [
    [0.1, 122.8, 0.9447],
    [0.15, 158.08, 1.0542],
    [0.2, 170.22, 1.0932],
    [0.25, 179.52, 1.1262],
    [0.3, 217.41, 1.2644],
    [0.4, 258.89, 1.4094],
    [0.5, 346.75, 1.7283],
    [3.11, 453.85, 2.1166],
  ],
  B: [
    [0.2, 90.673, 0.93198],
    [0.4, 98.483, 0.98332],
    [Infinity, 109.3, 1.0971],
  ],
  C: [[Infinity, 61.141, 0.91465]],
  D: [
    [0.3, 34.459, 0.86974],
    [1, 32.093, 0.81066],
    [3, 32.093, 0.64403],
    [10, 33.504, 0.60486],
    [30, 36.65, 0.56589],
    [Infinity, 44.053, 0.51179],
  ],
  E: [
    [0.1, 24.26, 0.8366],
    [0.3, 23.331, 0.81956],
    [1, 21.628, 0.7566],
    [2, 21.628, 0.63077],
    [4, 22.534, 0.57154],
    [10, 24.703, 0.50527],
    [20, 26.97, 0.46713],
    [40, 35.42, 0.37615],
    [Infinity, 47.618, 0.29592],
  ],
  F: [
    [0.2, 15.209, 0.81558],
    [0.7, 14.457, 0.78407],
    [1, 13.953, 0.68465],
    [2, 13.953, 0.63227],
    [3, 14.823, 0.54503],
    [7, 16.187, 0.4649],
    [15, 17.836, 0.41507],
    [30, 22.651, 0.32681],
    [60, 27.074, 0.27436],
    [Infinity, 34.219, 0.21716],
  ],
};

function isc3(stability: Stability, x_m: number): Sigmas {
  const x = x_m / 1000;
  const [c, d] = ISC3_Y[stability];
  const sigma_y_m = 465.11628 * x * Math.tan(0.017453293 * (c - d * Math.log(x)));
  const row = ISC3_Z[stability].find(([upper]) => x <= upper);
  const sigma_z_m = row ? Math.min(5000, row[1] * Math.pow(x, row[2])) : 5000; // A beyond 3.11 km: 5 000 m
  return { sigma_y_m, sigma_z_m };
}

/**
 * Puff coefficients (σx = σy), x in m: CCPS (1999) after Slade (1968), as in Crowl & Louvar Table
 * 5-3 — σy = a x^b, σz = c x^d.
 */
const CCPS_PUFF: Record<Stability, [number, number, number, number]> = {
  A: [0.18, 0.92, 0.6, 0.75],
  B: [0.14, 0.92, 0.53, 0.73],
  C: [0.1, 0.92, 0.34, 0.71],
  D: [0.06, 0.92, 0.15, 0.7],
  E: [0.04, 0.92, 0.1, 0.65],
  F: [0.02, 0.89, 0.05, 0.61],
};

/**
 * σy = δ (max(ta, t_min)/600)^0.2 x^0.9 after Spicer & Havens (1988, p. 112: the DEGADIS report), with
 * its averaging-time correction (ta the averaging time, s; t_min the shortest it holds for), x in m.
 * [δ, t_min].
 */
const SPICER_HAVENS_Y: Record<Stability, [number, number]> = {
  A: [0.423, 18.4],
  B: [0.313, 18.4],
  C: [0.21, 18.4],
  D: [0.136, 18.3],
  E: [0.102, 11.4],
  F: [0.0674, 4.6],
};
/** σz = δ x^β exp(γ (ln x)²) after Seinfeld (1986), x in m. [δ, β, γ]. */
const SEINFELD_Z: Record<Stability, [number, number, number]> = {
  A: [107.7, -1.7172, 0.277],
  B: [0.1355, 0.8752, 0.0136],
  C: [0.09623, 0.9477, -0.002],
  D: [0.04134, 1.1737, -0.0316],
  E: [0.02275, 1.301, -0.045],
  F: [0.01122, 1.4024, -0.054],
};

/**
 * Dispersion coefficients at downwind distance x (m) from a named set. `averaging_s` (default 600 s)
 * changes only `spicer-havens-seinfeld`'s σy; the other sets are for the averaging time they were
 * fitted to (about 10 min).
 */
export function sigmas(set: SigmaSet, stability: Stability, x_m: number, averaging_s = REFERENCE_AVERAGING_S): Sigmas {
  if (!(x_m > 0)) return { sigma_y_m: 0, sigma_z_m: 0 };
  switch (set) {
    case 'briggs-rural':
    case 'ccps': {
      // CCPS (1999) tabulates Briggs' open-country formulas for plumes, and its worked plume example
      // (p. 97: σy 19.52 m, σz 6.96 m at 500 m in F) uses them — published.test.ts
      const [fy, fz] = BRIGGS_RURAL[stability];
      return { sigma_y_m: fy(x_m), sigma_z_m: fz(x_m) };
    }
    case 'briggs-urban': {
      const [fy, fz] = BRIGGS_URBAN[stability];
      return { sigma_y_m: fy(x_m), sigma_z_m: fz(x_m) };
    }
    case 'pasquill-gifford-isc3':
      return isc3(stability, x_m);
    case 'ccps-puff': {
      const [a, b, c, d] = CCPS_PUFF[stability];
      return { sigma_y_m: a * Math.pow(x_m, b), sigma_z_m: c * Math.pow(x_m, d) };
    }
    case 'spicer-havens-seinfeld': {
      const [dy, tMin] = SPICER_HAVENS_Y[stability];
      const [dz, bz, gz] = SEINFELD_Z[stability];
      const lnx = Math.log(x_m);
      return {
        sigma_y_m: dy * Math.pow(Math.max(averaging_s, tMin) / REFERENCE_AVERAGING_S, 0.2) * Math.pow(x_m, 0.9),
        sigma_z_m: dz * Math.pow(x_m, bz) * Math.exp(gz * lnx * lnx),
      };
    }
  }
}

/**
 * Wind-profile exponents of the power law u(z) = u_ref (z / z_ref)^p, EPA ISC3 User's Guide vol. II
 * Table 1-2 (rural and urban). Irwin (1979), as CCPS (1999) uses it, has the same rural values but
 * 0.40 and 0.60 for urban E and F (see published.test.ts).
 */
export const WIND_EXPONENT: Record<'rural' | 'urban', Record<Stability, number>> = {
  rural: { A: 0.07, B: 0.07, C: 0.1, D: 0.15, E: 0.35, F: 0.55 },
  urban: { A: 0.15, B: 0.15, C: 0.2, D: 0.25, E: 0.3, F: 0.3 },
};

/** Wind speed at height z from a speed measured at z_ref (power law; below 1 m taken at 1 m). */
export function windAt(u_ref_m_s: number, z_ref_m: number, z_m: number, stability: Stability, terrain: 'rural' | 'urban' = 'rural'): number {
  return u_ref_m_s * Math.pow(Math.max(1, z_m) / z_ref_m, WIND_EXPONENT[terrain][stability]);
}

export interface PlumeInput {
  /** Release rate, g/s (the concentration comes out in g/m³). */
  q_g_s: number;
  /** Wind speed at the release height, m/s. */
  u_m_s: number;
  /** Effective release height, m. */
  h_m: number;
  stability: Stability;
  sigma: SigmaSet;
  /** Averaging time of the concentration, s (default 600); used by `spicer-havens-seinfeld` only. */
  averaging_s?: number;
}

export interface Receptor {
  x_m: number;
  y_m: number;
  z_m: number;
}

/**
 * Continuous Gaussian plume with ground reflection:
 * C = Q / (2π u σy σz) · exp(−y²/2σy²) · [exp(−(z−H)²/2σz²) + exp(−(z+H)²/2σz²)], g/m³.
 * Zero upwind (x ≤ 0).
 */
export function plumeConcentration(p: PlumeInput, r: Receptor): Sigmas & { c_g_m3: number } {
  if (!(r.x_m > 0)) return { sigma_y_m: 0, sigma_z_m: 0, c_g_m3: 0 };
  const s = sigmas(p.sigma, p.stability, r.x_m, p.averaging_s);
  return { ...s, c_g_m3: plumeFormula(p.q_g_s, p.u_m_s, p.h_m, s.sigma_y_m, s.sigma_z_m, r.y_m, r.z_m) };
}

/** The plume equation itself, for given dispersion coefficients (g/m³ for g/s). */
export function plumeFormula(q_g_s: number, u_m_s: number, h_m: number, sy: number, sz: number, y_m: number, z_m: number): number {
  return (
    (q_g_s / (2 * Math.PI * u_m_s * sy * sz)) *
    Math.exp(-(y_m ** 2) / (2 * sy * sy)) *
    (Math.exp(-((z_m - h_m) ** 2) / (2 * sz * sz)) + Math.exp(-((z_m + h_m) ** 2) / (2 * sz * sz)))
  );
}

export interface PuffInput {
  /** Mass released at once, kg (the concentration comes out in g/m³). */
  mass_kg: number;
  u_m_s: number;
  /** Release height, m (0 at ground). */
  h_m?: number;
  stability: Stability;
  sigma: SigmaSet;
  /** Time since the release, s. */
  t_s: number;
}

/**
 * Instantaneous Gaussian puff with ground reflection, its centre at x = u t; the coefficients are
 * taken at the distance the centre has travelled, σx = σy:
 * C = M / ((2π)^{3/2} σx σy σz) · exp(−(x−ut)²/2σx²) · exp(−y²/2σy²) · [exp(−(z−H)²/2σz²) + exp(−(z+H)²/2σz²)].
 * For a ground release at the centre this is 2M / ((2π)^{3/2} σx σy σz).
 */
export function puffConcentration(p: PuffInput, r: Receptor): Sigmas & { c_g_m3: number } {
  const travelled = p.u_m_s * p.t_s;
  if (!(travelled > 0)) return { sigma_y_m: 0, sigma_z_m: 0, c_g_m3: 0 };
  const s = sigmas(p.sigma, p.stability, travelled);
  const { sigma_y_m: sy, sigma_z_m: sz } = s;
  const sx = sy;
  const h = p.h_m ?? 0;
  const m_g = p.mass_kg * 1000;
  const c =
    (m_g / (Math.pow(2 * Math.PI, 1.5) * sx * sy * sz)) *
    Math.exp(-((r.x_m - travelled) ** 2) / (2 * sx * sx)) *
    Math.exp(-(r.y_m ** 2) / (2 * sy * sy)) *
    (Math.exp(-((r.z_m - h) ** 2) / (2 * sz * sz)) + Math.exp(-((r.z_m + h) ** 2) / (2 * sz * sz)));
  return { ...s, c_g_m3: c };
}

/** ppm (by volume, ideal gas at 1 atm; 25 °C by default) → g/m³: c = ppm · M / (10⁶ · RT/P), = ppm · M / 24 465 at 25 °C. */
export const ppmToGm3 = (ppm: number, molarMass_g_mol: number, T_K = PPM_REFERENCE_K) => (ppm * molarMass_g_mol) / (1e6 * ((R_J_MOLK * T_K) / ATM_PA));
/** g/m³ → ppm by volume. */
export const gm3ToPpm = (c_g_m3: number, molarMass_g_mol: number, T_K = PPM_REFERENCE_K) => (c_g_m3 * 1e6 * ((R_J_MOLK * T_K) / ATM_PA)) / molarMass_g_mol;

/**
 * The farthest downwind distance where the ground-level centreline concentration of a plume
 * reaches `c_g_m3` (x from 1 m to 100 km; null when it never does). Elevated releases first rise
 * to a maximum, so the search walks out on a log grid and then bisects the last crossing.
 */
export function plumeReach_m(p: PlumeInput, c_g_m3: number, z_m = 0): number | null {
  const at = (x: number) => plumeConcentration(p, { x_m: x, y_m: 0, z_m }).c_g_m3;
  let last: number | null = null;
  const xs: number[] = [];
  for (let x = 1; x <= 100_000; x *= 1.05) xs.push(x);
  for (let i = 0; i < xs.length; i++) if (at(xs[i]) >= c_g_m3) last = i;
  if (last === null) return null;
  if (last === xs.length - 1) return xs[last];
  let lo = xs[last];
  let hi = xs[last + 1];
  for (let k = 0; k < 60; k++) {
    const mid = (lo + hi) / 2;
    if (at(mid) >= c_g_m3) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * The ground-level footprint of a plume above a concentration, in the plume's frame: points (x, y)
 * along the upper edge out to the reach and back along the lower edge. Half-width at x:
 * y = σy √(2 ln(C_cl(x) / c)).
 */
export function plumeFootprint(p: PlumeInput, c_g_m3: number, steps = 48): { reach_m: number | null; max_halfwidth_m: number; outline: [number, number][] } {
  const reach = plumeReach_m(p, c_g_m3);
  if (reach === null) return { reach_m: null, max_halfwidth_m: 0, outline: [] };
  // the nearest distance where the threshold is reached (elevated sources start late)
  let start = 1;
  while (start < reach && plumeConcentration(p, { x_m: start, y_m: 0, z_m: 0 }).c_g_m3 < c_g_m3) start *= 1.05;
  const upper: [number, number][] = [];
  let maxW = 0;
  for (let i = 0; i <= steps; i++) {
    const x = start + ((reach - start) * i) / steps;
    const r = plumeConcentration(p, { x_m: x, y_m: 0, z_m: 0 });
    const w = r.c_g_m3 > c_g_m3 ? r.sigma_y_m * Math.sqrt(2 * Math.log(r.c_g_m3 / c_g_m3)) : 0;
    maxW = Math.max(maxW, w);
    upper.push([x, w]);
  }
  const outline: [number, number][] = [[start, 0], ...upper, ...upper.map(([x, w]) => [x, -w] as [number, number]).reverse()];
  return { reach_m: reach, max_halfwidth_m: maxW, outline };
}

/**
 * From the plume frame (x downwind, y crosswind to the left) to local east/north, for a wind that
 * blows FROM `windFrom_deg` (meteorological, clockwise from north) and a source at (ex, ny).
 */
export function plumeToLocal(windFrom_deg: number, source: readonly [number, number]) {
  const to = ((windFrom_deg + 180) * Math.PI) / 180;
  const dx = Math.sin(to);
  const dy = Math.cos(to);
  // left of downwind = downwind rotated +90° (counter-clockwise)
  return ([x, y]: readonly [number, number]): [number, number] => [source[0] + x * dx - y * dy, source[1] + x * dy + y * dx];
}
/** The inverse: local east/north → plume frame. */
export function localToPlume(windFrom_deg: number, source: readonly [number, number]) {
  const to = ((windFrom_deg + 180) * Math.PI) / 180;
  const dx = Math.sin(to);
  const dy = Math.cos(to);
  return ([e, n]: readonly [number, number]): [number, number] => {
    const ex = e - source[0];
    const ny = n - source[1];
    return [ex * dx + ny * dy, -ex * dy + ny * dx];
  };
}
