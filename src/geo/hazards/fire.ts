/**
 * Pool fire and BLEVE fireball: burning rate, flame geometry, radiation at a distance.
 */

export const G = 9.81;

/**
 * Burning rate of a pool, kg/(m² s): Babrauskas' large-pool rate reduced for small pools,
 * m″ = m″∞ (1 − e^(−kβ D)) (SFPE Handbook, Babrauskas).
 */
export const babrauskasRate = (mInf_kg_m2_s: number, kBeta_per_m: number, d_m: number) => mInf_kg_m2_s * (1 - Math.exp(-kBeta_per_m * d_m));

/** Burning rate from properties (Burgess): m″ = 10⁻³ ΔHc / (ΔHv + cp (Tb − Ta)), kJ/kg and kJ/(kg K). */
export const burgessRate = (dHc_kJ_kg: number, dHv_kJ_kg: number, cp_kJ_kgK: number, Tb_K: number, Ta_K: number) => (1e-3 * dHc_kJ_kg) / (dHv_kJ_kg + cp_kJ_kgK * Math.max(0, Tb_K - Ta_K));

/** Thomas (1963) mean flame height in still air: L/D = 42 [m″ / (ρa √(g D))]^0.61. */
export const thomasFlameHeight_m = (d_m: number, m_kg_m2_s: number, rhoAir_kg_m3 = 1.2) => 42 * d_m * Math.pow(m_kg_m2_s / (rhoAir_kg_m3 * Math.sqrt(G * d_m)), 0.61);

/**
 * View factor of a vertical cylinder (diameter D, height L, on the ground) to a target on the ground
 * at distance R from the axis: the largest of the vertical and horizontal target orientations,
 * F = √(Fv² + Fh²) (Mudan 1984; SFPE Handbook). R must exceed D/2.
 */
export function cylinderViewFactor(d_m: number, l_m: number, r_m: number): { Fv: number; Fh: number; F: number } {
  const S = (2 * r_m) / d_m;
  const h = (2 * l_m) / d_m;
  if (S <= 1) return { Fv: 1, Fh: 1, F: 1 }; // inside the flame
  const A = (h * h + S * S + 1) / (2 * S);
  const B = (1 + S * S) / (2 * S);
  const Fv = (1 / (Math.PI * S)) * Math.atan(h / Math.sqrt(S * S - 1)) - (h / (Math.PI * S)) * Math.atan(Math.sqrt((S - 1) / (S + 1))) + ((A * h) / (Math.PI * S * Math.sqrt(A * A - 1))) * Math.atan(Math.sqrt(((A + 1) * (S - 1)) / ((A - 1) * (S + 1))));
  const Fh = ((B - 1 / S) / (Math.PI * Math.sqrt(B * B - 1))) * Math.atan(Math.sqrt(((B + 1) * (S - 1)) / ((B - 1) * (S + 1)))) - ((A - 1 / S) / (Math.PI * Math.sqrt(A * A - 1))) * Math.atan(Math.sqrt(((A + 1) * (S - 1)) / ((A - 1) * (S + 1))));
  return { Fv, Fh, F: Math.sqrt(Fv * Fv + Fh * Fh) };
}

export interface PoolFireInput {
  diameter_m: number;
  /** As given, or Babrauskas' m″∞ when k_beta_per_m is given, kg/(m² s). */
  burning_rate_kg_m2_s: number;
  k_beta_per_m?: number;
  dHc_kJ_kg: number;
  /** Fraction of the heat release radiated (point source). */
  radiative_fraction: number;
  /** Atmospheric transmissivity. */
  transmissivity: number;
  /** Overrides Thomas' correlation. */
  flame_height_m?: number;
}

export interface PoolFire {
  burning_rate_kg_m2_s: number;
  hrr_kW: number;
  flame_height_m: number;
  /** Surface emissive power of the solid flame, kW/m² (χr Q over the flame's side and top). */
  sep_kW_m2: number;
}

export function poolFire(p: PoolFireInput): PoolFire {
  const m = p.k_beta_per_m !== undefined ? babrauskasRate(p.burning_rate_kg_m2_s, p.k_beta_per_m, p.diameter_m) : p.burning_rate_kg_m2_s;
  const area = (Math.PI * p.diameter_m ** 2) / 4;
  const hrr = m * area * p.dHc_kJ_kg;
  const L = p.flame_height_m ?? thomasFlameHeight_m(p.diameter_m, m);
  const surface = Math.PI * p.diameter_m * L + area;
  return { burning_rate_kg_m2_s: m, hrr_kW: hrr, flame_height_m: L, sep_kW_m2: (p.radiative_fraction * hrr) / surface };
}

/**
 * Flux at a receptor r m from the pool's centre at height z: point source at half the flame height,
 * q = τ χr Q / (4π R²); and solid flame, q = SEP F τ (ground-level targets: F of the cylinder).
 */
export function poolFireFlux(p: PoolFireInput, fire: PoolFire, r_m: number, z_m = 0): { q_point_kW_m2: number; q_solid_kW_m2: number; view_factor: number } {
  const R2 = r_m * r_m + (fire.flame_height_m / 2 - z_m) ** 2;
  const q_point = (p.transmissivity * p.radiative_fraction * fire.hrr_kW) / (4 * Math.PI * R2);
  const F = cylinderViewFactor(p.diameter_m, fire.flame_height_m, Math.max(r_m, 1e-6)).F;
  return { q_point_kW_m2: q_point, q_solid_kW_m2: fire.sep_kW_m2 * F * p.transmissivity, view_factor: F };
}

/** Saturation pressure of water, Pa (T in K): exp(23.18986 − 3816.42 / (T − 46.13)). */
export const waterVapourPressure_Pa = (T_K: number) => Math.exp(23.18986 - 3816.42 / (T_K - 46.13));

/** Atmospheric transmissivity over a path (CCPS 1994): τ = 2.02 (Pw X)^−0.09, Pw in Pa, X in m (at most 1). */
export const transmissivity = (path_m: number, relativeHumidity = 0.7, T_K = 293.15) => Math.min(1, 2.02 * Math.pow(relativeHumidity * waterVapourPressure_Pa(T_K) * Math.max(path_m, 1e-3), -0.09));

/**
 * Fireball correlation sets; every result names the one it used.
 * - `ccps`: CCPS (1994) / Crowl & Louvar — D = 5.8 M^⅓, centre at 0.75 D, target facing the ball,
 *   τ = 2.02 (Pw X)^−0.09.
 * - `gost-r-12.3.047`: GOST R 12.3.047-98, Annex Д (the Russian national method, also in
 *   SP 12.13130) — D = 5.33 m^0.327, t = 0.92 m^0.303, H = D/2, a horizontal target on the ground,
 *   τ = exp(−7.0·10⁻⁴ (√(r² + H²) − D/2)), SEP 450 kW/m² unless known.
 */
export const FIREBALL_SETS = ['ccps', 'gost-r-12.3.047'] as const;
export type FireballSet = (typeof FIREBALL_SETS)[number];

export interface Fireball {
  /** The correlation set the geometry and flux come from. */
  set: FireballSet;
  diameter_m: number;
  duration_s: number;
  /** Centre height (ccps); the standard's H (gost-r-12.3.047, see `fireballFlux`). */
  height_m: number;
  sep_kW_m2: number;
  /** How the SEP was obtained. */
  sep_basis: string;
  /** Where the SEP came from, as a code (for words in the user's language). */
  sep_source: 'given' | 'radiative-fraction' | 'default';
}

/**
 * BLEVE fireball. `ccps` (the default; CCPS 1994 / Crowl & Louvar): D = 5.8 M^⅓; t = 0.45 M^⅓ for
 * M < 30 000 kg, else 2.6 M^⅙; centre height 0.75 D; SEP = Fr M ΔHc / (π D² t) with
 * Fr = 0.27 P^0.32 (P the vessel's pressure before the burst, MPa), or as given; 350 kW/m² when
 * neither is known. `gost-r-12.3.047` (GOST R 12.3.047-98 Annex Д): D = 5.33 m^0.327 (eq. Д.3),
 * t = 0.92 m^0.303 (Д.4), H = D/2 (Д.5, "may be taken as"), SEP as given or 450 kW/m² (Д.2).
 */
export function fireball(mass_kg: number, opts: { set?: FireballSet; sep_kW_m2?: number; dHc_kJ_kg?: number; p_MPa?: number } = {}): Fireball {
  const set = opts.set ?? 'ccps';
  if (set === 'gost-r-12.3.047') {
    const D = 5.33 * Math.pow(mass_kg, 0.327);
    const given = opts.sep_kW_m2 !== undefined;
    return {
      set,
      diameter_m: D,
      duration_s: 0.92 * Math.pow(mass_kg, 0.303),
      height_m: D / 2,
      sep_kW_m2: opts.sep_kW_m2 ?? 450,
      sep_basis: given ? 'given' : 'default 450 kW/m² (GOST R 12.3.047-98, Annex Д.2)',
      sep_source: given ? 'given' : 'default',
    };
  }
  const D = 5.8 * Math.cbrt(mass_kg);
  const t = mass_kg < 30_000 ? 0.45 * Math.cbrt(mass_kg) : 2.6 * Math.pow(mass_kg, 1 / 6);
  let sep = opts.sep_kW_m2;
  let basis = 'given';
  let source: Fireball['sep_source'] = 'given';
  if (sep === undefined && opts.dHc_kJ_kg !== undefined && opts.p_MPa !== undefined) {
    const Fr = 0.27 * Math.pow(opts.p_MPa, 0.32);
    sep = (Fr * mass_kg * opts.dHc_kJ_kg) / (Math.PI * D * D * t);
    basis = `Fr = 0.27 P^0.32 = ${Fr.toFixed(3)}`;
    source = 'radiative-fraction';
  }
  if (sep === undefined) {
    sep = 350;
    basis = 'default 350 kW/m² (CCPS 1994 for hydrocarbon fireballs) [unverified]';
    source = 'default';
  }
  return { set, diameter_m: D, duration_s: t, height_m: 0.75 * D, sep_kW_m2: sep, sep_basis: basis, sep_source: source };
}

/**
 * Flux from a fireball to a ground-level target at horizontal distance x.
 * `ccps`: a target facing the fireball, F = (D/2)² / R² (R the distance to the centre), τ from the
 * path beyond the surface unless given. `gost-r-12.3.047`: as printed in the standard (eq. Д.2 and
 * Д.5), F = (H/D + ½) / (4 [(H/D + ½)² + (x/D)²]^{3/2}) — the view factor of a sphere to a
 * horizontal target with the centre at H + D/2 — and τ = exp(−7.0·10⁻⁴ (√(x² + H²) − D/2)), with H
 * the standard's H (taken as D/2). q = τ SEP F.
 */
export function fireballFlux(fb: Fireball, x_m: number, tau?: number): { view_factor: number; transmissivity: number; q_kW_m2: number } {
  if (fb.set === 'gost-r-12.3.047') {
    const k = fb.height_m / fb.diameter_m + 0.5;
    const F = k / (4 * Math.pow(k * k + (x_m / fb.diameter_m) ** 2, 1.5));
    const t = tau ?? Math.exp(-7.0e-4 * (Math.hypot(x_m, fb.height_m) - fb.diameter_m / 2));
    return { view_factor: F, transmissivity: t, q_kW_m2: t * fb.sep_kW_m2 * F };
  }
  const R = Math.hypot(x_m, fb.height_m);
  const F = Math.min(1, (fb.diameter_m / 2) ** 2 / (R * R));
  const t = tau ?? transmissivity(Math.max(0, R - fb.diameter_m / 2));
  return { view_factor: F, transmissivity: t, q_kW_m2: t * fb.sep_kW_m2 * F };
}

/** The largest distance (m) where a decreasing flux function of distance is ≥ q; null if never. */
export function distanceToFlux_m(flux: (r: number) => number, q: number, r0 = 0.5, rmax = 50_000): number | null {
  if (flux(r0) < q) return null;
  let lo = r0;
  let hi = Math.max(r0, 0.5);
  while (hi < rmax && flux(hi) >= q) hi *= 1.5;
  if (hi >= rmax) return rmax;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (flux(mid) >= q) lo = mid;
    else hi = mid;
  }
  return lo;
}
