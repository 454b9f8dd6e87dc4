/**
 * Continuous dense-gas plume of Britter & McQuaid (1988), *Workbook on the Dispersion of Dense
 * Gases* (HSE Contract Research Report 17/1988), with the straight-line fits to its nomograph that
 * CCPS (1999) *Guidelines for Consequence Analysis of Chemical Releases* and EPA's TSCREEN
 * (EPA-454/B-94-023) give, and a passive Gaussian continuation from a virtual source beyond the
 * correlations' last curve (Cm/C0 = 0.002), where the plume has become passive.
 *
 *   q0 = ṁ / ρ0 (volume flow at the source), g0 = g (ρ0 − ρa) / ρa, D = √(q0 / u10),
 *   α = 0.2 log10(g0² q0 / u10⁵), β = log10(x / D) read off the curve of each Cm/C0 at α;
 *   non-isothermal releases: Cm/C0 = C / (C + (1 − C) Ta/T0);
 *   the plume's extent: upwind Lu = D/2 + 2 lb, half-width Lh = D + 8 lb + 2.5 lb^⅓ x^⅔,
 *   lb = g0 q0 / u10³; the release is dense enough for the model when (g0 q0 / (u10³ D))^⅓ ≥ 0.15.
 */
import { plumeConcentration, gm3ToPpm, type SigmaSet, type Stability } from './dispersion.ts';

import { AIR_M_KG_MOL, ATM_PA, G_M_S2, R_J_MOLK } from './constants.ts';

export { G_M_S2, R_J_MOLK };
const R = R_J_MOLK;

/** Density of an ideal gas, kg/m³. */
export const gasDensity_kg_m3 = (molarMass_g_mol: number, T_K: number, p_Pa = ATM_PA) => (p_Pa * molarMass_g_mol * 1e-3) / (R * T_K);
export const airDensity_kg_m3 = (T_K: number, p_Pa = ATM_PA) => (p_Pa * AIR_M_KG_MOL) / (R * T_K);

/** The concentration ratios Cm/C0 of the nomograph's curves, highest first. */
export const BM_PLUME_RATIOS = [0.1, 0.05, 0.02, 0.01, 0.005, 0.002] as const;

/**
 * The curve fits, β = a α + b on successive ranges of α (upper bounds; the last extends to α = 1,
 * the nomograph's edge) — CCPS (1999) / TSCREEN (EPA-454/B-94-023) table of the Britter–McQuaid
 * plume correlations.
 */
const CURVES: Record<(typeof BM_PLUME_RATIOS)[number], { upTo: number; a: number; b: number }[]> = {
  0.1: [
    { upTo: -0.55, a: 0, b: 1.75 },
    { upTo: -0.14, a: 0.24, b: 1.88 },
    { upTo: Infinity, a: -0.5, b: 1.78 },
  ],
  0.05: [
    { upTo: -0.68, a: 0, b: 1.92 },
    { upTo: -0.29, a: 0.36, b: 2.16 },
    { upTo: -0.18, a: 0, b: 2.06 },
    { upTo: Infinity, a: -0.56, b: 1.96 },
  ],
  0.02: [
    { upTo: -0.69, a: 0, b: 2.08 },
    { upTo: -0.31, a: 0.45, b: 2.39 },
    { upTo: -0.16, a: 0, b: 2.25 },
    { upTo: Infinity, a: -0.54, b: 2.16 },
  ],
  0.01: [
    { upTo: -0.7, a: 0, b: 2.25 },
    { upTo: -0.29, a: 0.49, b: 2.59 },
    { upTo: -0.2, a: 0, b: 2.45 },
    { upTo: Infinity, a: -0.52, b: 2.35 },
  ],
  0.005: [
    { upTo: -0.67, a: 0, b: 2.4 },
    { upTo: -0.28, a: 0.59, b: 2.8 },
    { upTo: -0.15, a: 0, b: 2.63 },
    { upTo: Infinity, a: -0.48, b: 2.56 },
  ],
  0.002: [
    { upTo: -0.69, a: 0, b: 2.6 },
    { upTo: -0.25, a: 0.39, b: 2.87 },
    { upTo: -0.13, a: 0, b: 2.77 },
    { upTo: Infinity, a: -0.5, b: 2.71 },
  ],
};

/** β = log10(x / D) of the curve for `ratio` at α. */
export function bmPlumeBeta(ratio: (typeof BM_PLUME_RATIOS)[number], alpha: number): number {
  const seg = CURVES[ratio].find((s) => alpha <= s.upTo)!;
  return seg.a * alpha + seg.b;
}

export interface DensePlumeInput {
  /** Mass release rate, kg/s. */
  rate_kg_s: number;
  /** Density of the released gas at the source, kg/m³. */
  source_density_kg_m3: number;
  /** Temperature of the released gas, K (below ambient for a flashing liquefied gas). */
  source_temperature_K: number;
  ambient_temperature_K: number;
  /** Wind speed at 10 m, m/s. */
  u10_m_s: number;
  /** Past the correlations (Cm/C0 < 0.002): a passive Gaussian plume from a virtual source; without it, the last curves are extrapolated. */
  passive?: { stability: Stability; sigma: SigmaSet; molarMass_g_mol: number };
}

/** Where a value comes from. */
export type DenseRegion = 'source' | 'near-field' | 'correlation' | 'passive' | 'extrapolated';

export interface DensePlume {
  q0_m3_s: number;
  g0_m_s2: number;
  D_m: number;
  alpha: number;
  lb_m: number;
  /** (g0 q0 / (u³ D))^⅓; the model applies when ≥ 0.15. */
  denseness: number;
  dense: boolean;
  /** α within the nomograph (−1 … 1). */
  alphaInRange: boolean;
  /** Upwind extent of the source cloud, m. */
  upwind_m: number;
  /** Where the last curve (Cm/C0 = 0.002) is reached, m. */
  transition_m: number;
  /**
   * Where the passive continuation's virtual source lies, m upwind of the real one (negative:
   * downwind — the dense plume is more concentrated there than a passive one from the real source).
   * Null without a passive continuation.
   */
  virtualSource_m: number | null;
  /** Centreline (maximum) concentration at x m downwind, volume fraction. */
  centreline(x_m: number): { c_vol: number; region: DenseRegion };
  /** Half-width of the dense top-hat plume at x ≥ −Lu, m: Lh = D + 8 lb + 2.5 lb^⅓ x^⅔. */
  topHatHalfWidth(x_m: number): number;
  /** Half-width of the area above `c_vol` at x, m: the dense top-hat, or where a passive plume falls to `c_vol`. */
  halfWidth(x_m: number, c_vol: number): number;
  /** Concentration at (x, y) in the plume frame, volume fraction (top-hat across the dense plume). */
  at(x_m: number, y_m: number): number;
  /** Distance downwind to a concentration (volume fraction), with where it comes from; null when never reached. */
  distanceTo(c_vol: number): { x_m: number; region: DenseRegion } | null;
}

export function britterMcQuaidPlume(i: DensePlumeInput): DensePlume {
  const rhoA = airDensity_kg_m3(i.ambient_temperature_K);
  const u = i.u10_m_s;
  const q0 = i.rate_kg_s / i.source_density_kg_m3;
  const g0 = (G_M_S2 * (i.source_density_kg_m3 - rhoA)) / rhoA;
  const D = Math.sqrt(q0 / u);
  const alpha = 0.2 * Math.log10(Math.max(g0, 1e-12) ** 2 * q0 * u ** -5);
  const lb = (Math.max(g0, 0) * q0) / u ** 3;
  const denseness = g0 > 0 ? Math.cbrt(lb / D) : 0;
  // Ta/T0: a cold release holds less gas per volume once it has warmed (the workbook's correction)
  const k = i.ambient_temperature_K / i.source_temperature_K;
  const fromRatio = (r: number) => (k * r) / (1 - r + k * r);
  const betas = BM_PLUME_RATIOS.map((r) => bmPlumeBeta(r, alpha));
  const logR = BM_PLUME_RATIOS.map((r) => Math.log10(r));
  const xOf = (beta: number) => D * 10 ** beta;
  const x01 = xOf(betas[0]);
  const xt = xOf(betas[betas.length - 1]);
  // the last segment's slope, for extrapolation past the last curve (log Cm/C0 against β)
  const n = betas.length;
  const tailSlope = (logR[n - 1] - logR[n - 2]) / (betas[n - 1] - betas[n - 2]);

  /** Cm/C0 at x from the correlations (and what lies before and after them). */
  const ratioAt = (x: number): { r: number; region: DenseRegion } => {
    if (x <= 0) return { r: 1, region: 'source' };
    if (x < x01) return { r: 10 ** (-x / x01), region: 'near-field' };
    const beta = Math.log10(x / D);
    for (let j = 1; j < n; j++) {
      if (beta <= betas[j]) {
        const f = (beta - betas[j - 1]) / (betas[j] - betas[j - 1]);
        return { r: 10 ** (logR[j - 1] + f * (logR[j] - logR[j - 1])), region: 'correlation' };
      }
    }
    return { r: 10 ** (logR[n - 1] + tailSlope * (beta - betas[n - 1])), region: 'extrapolated' };
  };

  // the passive continuation: a ground-level Gaussian plume whose virtual source makes it meet the
  // dense plume's concentration at the transition
  let virtualSource: number | null = null;
  let passiveVol: ((x: number) => { cl: number; sy: number }) | null = null;
  if (i.passive) {
    const { stability, sigma, molarMass_g_mol } = i.passive;
    const p = { q_g_s: i.rate_kg_s * 1000, u_m_s: u, h_m: 0, stability, sigma };
    const gaussVol = (x: number) => {
      const c = plumeConcentration(p, { x_m: x, y_m: 0, z_m: 0 });
      return { cl: gm3ToPpm(c.c_g_m3, molarMass_g_mol, i.ambient_temperature_K) * 1e-6, sy: c.sigma_y_m };
    };
    const target = fromRatio(BM_PLUME_RATIOS[n - 1]);
    // the Gaussian centreline falls with distance: bisect for where it equals the target
    let lo = 0.01;
    let hi = 1e6;
    if (gaussVol(lo).cl <= target) virtualSource = lo - xt;
    else {
      for (let it = 0; it < 200 && hi / lo > 1 + 1e-9; it++) {
        const mid = Math.sqrt(lo * hi);
        if (gaussVol(mid).cl > target) lo = mid;
        else hi = mid;
      }
      virtualSource = lo - xt;
    }
    const off = virtualSource;
    passiveVol = (x) => gaussVol(x + off);
  }

  const centreline = (x: number): { c_vol: number; region: DenseRegion } => {
    if (x > xt && passiveVol) return { c_vol: passiveVol(x).cl, region: 'passive' };
    const { r, region } = ratioAt(x);
    return { c_vol: fromRatio(Math.min(1, r)), region };
  };
  const denseHalfWidth = (x: number) => D + 8 * lb + 2.5 * Math.cbrt(lb) * Math.max(0, x) ** (2 / 3);
  const upwind = D / 2 + 2 * lb;
  const halfWidth = (x: number, c: number) => {
    if (x < -upwind) return 0;
    if (x > xt && passiveVol) {
      const { cl, sy } = passiveVol(x);
      return cl > c && c > 0 ? sy * Math.sqrt(2 * Math.log(cl / c)) : 0;
    }
    return centreline(x).c_vol >= c ? denseHalfWidth(x) : 0;
  };
  const at = (x: number, y: number) => {
    if (x < -upwind) return 0;
    if (x > xt && passiveVol) {
      const { cl, sy } = passiveVol(x);
      return cl * Math.exp(-(y * y) / (2 * sy * sy));
    }
    return Math.abs(y) <= denseHalfWidth(x) ? centreline(x).c_vol : 0;
  };
  const distanceTo = (c: number) => {
    if (!(c > 0) || c >= 1) return c >= 1 ? { x_m: 0, region: 'source' as DenseRegion } : null;
    if (centreline(1e5).c_vol >= c) return { x_m: 1e5, region: centreline(1e5).region };
    let lo = 0;
    let hi = 1e5;
    for (let it = 0; it < 100; it++) {
      const mid = (lo + hi) / 2;
      if (centreline(mid).c_vol >= c) lo = mid;
      else hi = mid;
    }
    return { x_m: lo, region: centreline(lo).region };
  };
  return {
    q0_m3_s: q0,
    g0_m_s2: g0,
    D_m: D,
    alpha,
    lb_m: lb,
    denseness,
    dense: denseness >= 0.15,
    alphaInRange: alpha >= -1 && alpha <= 1,
    upwind_m: upwind,
    transition_m: xt,
    virtualSource_m: virtualSource,
    centreline,
    topHatHalfWidth: denseHalfWidth,
    halfWidth,
    at,
    distanceTo,
  };
}

/** Cm/C0 for a concentration of a release at T0 in air at Ta (the workbook's non-isothermal correction). */
export const bmRatio = (c_vol: number, ambient_K: number, source_K: number) => c_vol / (c_vol + (1 - c_vol) * (ambient_K / source_K));

/**
 * The ground-level footprint of a dense plume above a concentration (volume fraction), in the
 * plume's frame: from the source cloud's upwind edge along the upper edge to the reach and back
 * along the lower edge; null when the concentration is never reached downwind.
 */
export function densePlumeFootprint(plume: DensePlume, c_vol: number, steps = 64): { reach_m: number; outline: [number, number][] } | null {
  const reach = plume.distanceTo(c_vol);
  if (!reach || reach.x_m <= 0) return null;
  const x0 = -plume.upwind_m;
  const upper: [number, number][] = [];
  for (let k = 0; k <= steps; k++) {
    const x = x0 + ((reach.x_m - x0) * k) / steps;
    upper.push([x, k === steps ? 0 : Math.max(plume.halfWidth(x, c_vol), 0.5)]);
  }
  return {
    reach_m: reach.x_m,
    outline: [
      ...upper,
      ...upper
        .map(([x, w]) => [x, -w] as [number, number])
        .reverse()
        .slice(1),
    ],
  };
}
