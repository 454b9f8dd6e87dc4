/**
 * Pool fire and BLEVE fireball: burning rate, flame geometry, radiation at a distance.
 */

import { AMBIENT_K, G_CORRELATIONS_M_S2 as G } from './constants.ts';

/**
 * Burning rate of a pool, kg/(m² s): Babrauskas' large-pool rate reduced for small pools,
 * m″ = m″∞ (1 − e^(−kβ D)) (SFPE Handbook, Babrauskas).
 */
export const babrauskasRate = (mInf_kg_m2_s: number, kBeta_per_m: number, d_m: number) => mInf_kg_m2_s * (1 - Math.exp(-kBeta_per_m * d_m));

/** Thomas (1963) mean flame height in still air: L/D = 42 [m″ / (ρa √(g D))]^0.61. */
export const thomasFlameHeight_m = (d_m: number, m_kg_m2_s: number, rhoAir_kg_m3 = 1.2) =>
  42 * d_m * Math.pow(m_kg_m2_s / (rhoAir_kg_m3 * Math.sqrt(G * d_m)), 0.61);

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
  const Fv =
    (1 / (Math.PI * S)) * Math.atan(h / Math.sqrt(S * S - 1)) -
    (h / (Math.PI * S)) * Math.atan(Math.sqrt((S - 1) / (S + 1))) +
    ((A * h) / (Math.PI * S * Math.sqrt(A * A - 1))) * Math.atan(Math.sqrt(((A + 1) * (S - 1)) / ((A - 1) * (S + 1))));
  const Fh =
    ((B - 1 / S) / (Math.PI * Math.sqrt(B * B - 1))) * Math.atan(Math.sqrt(((B + 1) * (S - 1)) / ((B - 1) * (S + 1)))) -
    ((A - 1 / S) / (Math.PI * Math.sqrt(A * A - 1))) * Math.atan(Math.sqrt(((A + 1) * (S - 1)) / ((A - 1) * (S + 1))));
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

/**
 * A pool fire in wind — the CCPS (1999) / TNO Yellow Book method: the characteristic wind speed
 * uc = (g m″ D / ρv)^⅓ (ρv the fuel's vapour density), u* = u / uc; Thomas (1963) flame length in
 * wind, L/D = 55 [m″ / (ρa √(g D))]^0.67 (u*)^−0.21 with u* taken as 1 below 1; the American Gas
 * Association (1974) tilt from the vertical, cos θ = 1 for u* ≤ 1, 1/√u* above. The flame is a
 * sheared cylinder on the pool (its horizontal sections are the pool's circle), leaning downwind;
 * the pool's drag of the flame base beyond its rim is not modelled.
 */
export const characteristicWind_m_s = (d_m: number, m_kg_m2_s: number, rhoVapour_kg_m3: number) => Math.cbrt((G * m_kg_m2_s * d_m) / rhoVapour_kg_m3);

/** Thomas (1963) flame length in wind, m (along the tilted axis). */
export const thomasWindFlameLength_m = (d_m: number, m_kg_m2_s: number, uStar: number, rhoAir_kg_m3 = 1.2) =>
  55 * d_m * Math.pow(m_kg_m2_s / (rhoAir_kg_m3 * Math.sqrt(G * d_m)), 0.67) * Math.pow(Math.max(1, uStar), -0.21);

/** AGA (1974) flame tilt from the vertical, rad. */
export const agaTilt_rad = (uStar: number) => (uStar <= 1 ? 0 : Math.acos(1 / Math.sqrt(uStar)));

/**
 * View factor of a wind-tilted cylindrical flame (diameter D, length L along its axis, tilt θ) to a
 * target on the ground at X from the pool's centre in the plane of the tilt — X > 0 downwind, X < 0
 * upwind (there the flame leans away) — closed form of Mudan (1984, Prog. Energy Combust. Sci. 10,
 * 59–80; as in the CCPS and TNO guidelines): Fv for a vertical target facing the flame, Fh for a
 * horizontal one, F = √(Fv² + Fh²). |X| must exceed D/2; θ = 0 gives the vertical cylinder.
 */
export function tiltedCylinderViewFactor(d_m: number, l_m: number, tilt_rad: number, x_m: number): { Fv: number; Fh: number; F: number } {
  const th = x_m < 0 ? -tilt_rad : tilt_rad;
  const a = (2 * l_m) / d_m;
  const b = (2 * Math.abs(x_m)) / d_m;
  if (b <= 1) return { Fv: 1, Fh: 1, F: 1 };
  const st = Math.sin(th);
  const ct = Math.cos(th);
  const A = Math.sqrt(a * a + (b + 1) ** 2 - 2 * a * (b + 1) * st);
  const B = Math.sqrt(a * a + (b - 1) ** 2 - 2 * a * (b - 1) * st);
  const C = Math.sqrt(1 + (b * b - 1) * ct * ct);
  const D = Math.sqrt((b - 1) / (b + 1));
  const E = (a * ct) / (b - a * st);
  const F2 = b * b - 1;
  const F = Math.sqrt(F2);
  const T = Math.atan((a * b - F2 * st) / (F * C)) + Math.atan((F2 * st) / (F * C));
  const atAB = Math.atan((A * D) / B) / (A * B);
  const Fv = (-E * Math.atan(D) + E * (a * a + (b + 1) ** 2 - 2 * b * (1 + a * st)) * atAB + (ct / C) * T) / Math.PI;
  const Fh = (Math.atan(1 / D) + (st / C) * T - (a * a + (b + 1) ** 2 - 2 * (b + 1 + a * b * st)) * atAB) / Math.PI;
  return { Fv, Fh, F: Math.min(1, Math.sqrt(Fv * Fv + Fh * Fh)) };
}

/**
 * View factor of the same tilted flame to a small target anywhere — x downwind, y crosswind, z up
 * from the centre of the flame's base (z < 0 for a target below a flame on a tank's roof) — by
 * integrating over the flame's side the vector ∫ cos β dA ŝ / (π s²) (ŝ from the target to the
 * surface element, β its angle to the element's normal; only elements facing the target count, the
 * flame being convex). Its length is the view factor of the worst oriented target, its vertical part
 * Fh (a target facing up), its horizontal part Fv; in the plane of the tilt it equals Mudan's closed
 * form. Four-point Gauss–Legendre panels round the arc that faces the target and up the flame,
 * graded from where the flame passes closest to it.
 */
export function flameViewFactor(d_m: number, l_m: number, tilt_rad: number, target: readonly [number, number, number]): { Fv: number; Fh: number; F: number } {
  const [x, y, z] = target;
  const R = d_m / 2;
  const H = l_m * Math.cos(tilt_rad);
  const t = Math.tan(tilt_rad);
  // an element at angle φ faces the target when cos(φ − φ1) ρ ≥ R (whatever its height), ρ and φ1
  // the target's distance and bearing from the flame's axis along the shear: a single arc, so the
  // integrand has no kink to integrate across
  const rho = Math.hypot(x - z * t, y);
  if (rho <= R) {
    // within the flame: engulfed; right below or above it (a flame on a tank's roof seen from
    // under it), no part of the side faces the target
    const inside = z >= 0 && z <= H;
    return inside ? { Fv: 1, Fh: 1, F: 1 } : { Fv: 0, Fh: 0, F: 0 };
  }
  const phi1 = Math.atan2(y, x - z * t);
  const arc = Math.acos(R / rho);
  // the integrand peaks where the flame passes closest to the target (for a leaning flame that may
  // be high above a target downwind): panels grow geometrically away from there, in height and round
  // the flame, starting at the target's distance from it
  const gapAt = (h: number) => Math.hypot(Math.max(0, Math.hypot(x - h * t, y) - R), z - h);
  let zc = Math.min(H, Math.max(0, z));
  for (let i = 0; i <= 32; i++) if (gapAt((H * i) / 32) < gapAt(zc)) zc = (H * i) / 32;
  for (let lo = Math.max(0, zc - H / 32), hi = Math.min(H, zc + H / 32), k = 0; k < 24; k++) {
    const a = lo + (hi - lo) * 0.382;
    const b = lo + (hi - lo) * 0.618;
    if (gapAt(a) < gapAt(b)) hi = b;
    else lo = a;
    zc = (lo + hi) / 2;
  }
  const gap = Math.max(1e-6 * d_m, gapAt(zc));
  const phi0 = Math.min(phi1 + arc, Math.max(phi1 - arc, Math.atan2(y, x - zc * t)));
  const hEdges = gradedEdges(0, H, zc, gap, H / 8);
  const pEdges = gradedEdges(phi1 - arc, phi1 + arc, phi0, gap / R, arc / 6);
  let vx = 0;
  let vy = 0;
  let vz = 0;
  for (let i = 0; i + 1 < pEdges.length; i++) {
    const pm = (pEdges[i] + pEdges[i + 1]) / 2;
    const ph = (pEdges[i + 1] - pEdges[i]) / 2;
    for (const [pu, pw] of GL4) {
      const phi = pm + ph * pu;
      const c = Math.cos(phi);
      const s = Math.sin(phi);
      // outward normal × area per dφ dh: (R cos φ, R sin φ, −R cos φ tan θ)
      const nx = R * c;
      const ny = R * s;
      const nz = -R * c * t;
      for (let k = 0; k + 1 < hEdges.length; k++) {
        const hm = (hEdges[k] + hEdges[k + 1]) / 2;
        const hh = (hEdges[k + 1] - hEdges[k]) / 2;
        for (const [hu, hw] of GL4) {
          const h = hm + hh * hu;
          const dx = nx + h * t - x;
          const dy = ny - y;
          const dz = h - z;
          const facing = Math.max(0, -(nx * dx + ny * dy + nz * dz));
          const s2 = dx * dx + dy * dy + dz * dz;
          const w = (facing / (Math.PI * s2 * s2)) * ph * pw * hh * hw;
          vx += w * dx;
          vy += w * dy;
          vz += w * dz;
        }
      }
    }
  }
  const Fv = Math.hypot(vx, vy);
  const Fh = Math.max(0, vz);
  return { Fv, Fh, F: Math.min(1, Math.hypot(vx, vy, vz)) };
}

/** Panel edges over [lo, hi]: from c outwards, the first δ wide, each next twice the last, at most `max`. */
function gradedEdges(lo: number, hi: number, c: number, delta: number, max: number): number[] {
  const up: number[] = [];
  for (let e = c, w = delta; e < hi; w = Math.min(2 * w, max)) up.push((e = Math.min(hi, e + w)));
  const down: number[] = [];
  for (let e = c, w = delta; e > lo; w = Math.min(2 * w, max)) down.push((e = Math.max(lo, e - w)));
  const edges = [...down.reverse(), c, ...up];
  return c <= lo || c >= hi ? edges.filter((e, i) => i === 0 || e !== edges[i - 1]) : edges;
}

/** Four-point Gauss–Legendre nodes and weights on [−1, 1]. */
const GL4: readonly (readonly [number, number])[] = [
  [-0.8611363115940526, 0.3478548451374538],
  [-0.3399810435848563, 0.6521451548625461],
  [0.3399810435848563, 0.6521451548625461],
  [0.8611363115940526, 0.3478548451374538],
];

export interface PoolFireInWind extends PoolFire {
  set: PoolFireSet;
  u_star: number;
  /** Along the tilted axis, m; `flame_height_m` is its vertical extent, L cos θ. */
  flame_length_m: number;
  tilt_rad: number;
}

/**
 * Flame tilt of the TNO Yellow Book (CPR 14E, eq. 6.68–6.70, after Johnson 1992): sin θ / cos² θ =
 * 0.666 Fr^0.333 Re^0.117 with Fr = u²/(g D) and Re = u D / ν (u at 10 m, ν the air's kinematic
 * viscosity), solved for θ; 0 in still air.
 */
export function yellowBookTilt_rad(d_m: number, u10_m_s: number, nu_m2_s = AIR_NU_M2_S): number {
  if (!(u10_m_s > 0)) return 0;
  const c = 0.666 * Math.pow((u10_m_s * u10_m_s) / (G * d_m), 0.333) * Math.pow((u10_m_s * d_m) / nu_m2_s, 0.117);
  return Math.asin((Math.sqrt(4 * c * c + 1) - 1) / (2 * c));
}
/** Kinematic viscosity of air at 15 °C, m²/s (about 1.5·10⁻⁵; engineering tables). */
export const AIR_NU_M2_S = 1.5e-5;
/**
 * Surface emissive power of a sooty hydrocarbon pool fire, kW/m² (TNO Yellow Book eq. 6.19, 6.20,
 * 6.71): the clear flame's SEP_max = Fs m″ ΔHc / (1 + 4 L/D), of which a share ζ = 0.8 is obscured
 * by soot radiating SEP_soot = 20 kW/m²: SEP = SEP_max (1 − ζ) + ζ SEP_soot.
 */
export function sootySep_kW_m2(
  m_kg_m2_s: number,
  dHc_kJ_kg: number,
  lengthOverDiameter: number,
  radiativeFraction: number,
  soot = { share: 0.8, sep_kW_m2: 20 },
): { sep_kW_m2: number; sep_max_kW_m2: number } {
  const max = (radiativeFraction * m_kg_m2_s * dHc_kJ_kg) / (1 + 4 * lengthOverDiameter);
  return { sep_max_kW_m2: max, sep_kW_m2: max * (1 - soot.share) + soot.share * soot.sep_kW_m2 };
}
/** Mudan & Croce's SEP of a large hydrocarbon pool fire, kW/m²: 140 e^(−0.12 D) + 20 (1 − e^(−0.12 D)) (SFPE Handbook; TNO Yellow Book eq. 6.21). */
export const mudanSep_kW_m2 = (d_m: number) => 140 * Math.exp(-0.12 * d_m) + 20 * (1 - Math.exp(-0.12 * d_m));

/** The correlation sets of a pool fire in wind. */
export const POOL_FIRE_SETS = ['ccps', 'tno-yellow-book'] as const;
export type PoolFireSet = (typeof POOL_FIRE_SETS)[number];

/**
 * The pool fire in a wind of u m/s (at 10 m), by a named set:
 * - `ccps` (CCPS 1999): u* from the fuel's vapour density ρv, Thomas' length in wind, AGA's tilt,
 *   SEP = χr Q over the flame's side and top;
 * - `tno-yellow-book` (TNO Yellow Book CPR 14E §6.5): u* from the air's density, Thomas' length in
 *   wind, the Yellow Book's tilt (Froude and Reynolds numbers, air viscosity `nu_m2_s`), the sooty
 *   SEP with Fs = χr.
 * In still air Thomas' still-air height; `flame_height_m` of the input, if given, is the length.
 */
export function poolFireInWind(
  p: PoolFireInput,
  u_m_s: number,
  rhoVapour_kg_m3: number,
  set: PoolFireSet = 'ccps',
  opts: { rhoAir_kg_m3?: number; nu_m2_s?: number } = {},
): PoolFireInWind {
  const still = poolFire(p);
  const m = still.burning_rate_kg_m2_s;
  const rhoAir = opts.rhoAir_kg_m3 ?? 1.2;
  const yb = set === 'tno-yellow-book';
  const uStar = u_m_s / characteristicWind_m_s(p.diameter_m, m, yb ? rhoAir : rhoVapour_kg_m3);
  const L = p.flame_height_m ?? (u_m_s > 0 ? thomasWindFlameLength_m(p.diameter_m, m, uStar, rhoAir) : thomasFlameHeight_m(p.diameter_m, m, rhoAir));
  const tilt = yb ? yellowBookTilt_rad(p.diameter_m, u_m_s, opts.nu_m2_s) : agaTilt_rad(uStar);
  const area = (Math.PI * p.diameter_m ** 2) / 4;
  const sep = yb
    ? sootySep_kW_m2(m, p.dHc_kJ_kg, L / p.diameter_m, p.radiative_fraction).sep_kW_m2
    : (p.radiative_fraction * still.hrr_kW) / (Math.PI * p.diameter_m * L + area);
  return { ...still, set, u_star: uStar, flame_length_m: L, tilt_rad: tilt, flame_height_m: L * Math.cos(tilt), sep_kW_m2: sep };
}

/**
 * Flux from a pool fire in wind at a target x downwind, y crosswind, z up of the pool's centre:
 * the solid flame, SEP · F · τ (F of the tilted flame), and the point source at the middle of the
 * tilted flame's axis, τ χr Q / (4π R²).
 */
export function poolFireFluxInWind(
  p: PoolFireInput,
  fire: PoolFireInWind,
  target: readonly [number, number, number],
): { q_point_kW_m2: number; q_solid_kW_m2: number; view_factor: number } {
  const half = fire.flame_length_m / 2;
  const R2 = (target[0] - half * Math.sin(fire.tilt_rad)) ** 2 + target[1] ** 2 + (half * Math.cos(fire.tilt_rad) - target[2]) ** 2;
  const F = flameViewFactor(p.diameter_m, fire.flame_length_m, fire.tilt_rad, target).F;
  return {
    q_point_kW_m2: (p.transmissivity * p.radiative_fraction * fire.hrr_kW) / (4 * Math.PI * R2),
    q_solid_kW_m2: fire.sep_kW_m2 * F * p.transmissivity,
    view_factor: F,
  };
}

/**
 * Where a flux field falls to q, along rays from the pool's centre (x downwind, y crosswind): the
 * outline (the field is symmetric across the wind, so half the rays are computed and mirrored),
 * its reach downwind and the largest distance from the centre; null where q is not reached outside
 * the pool. Each ray marches out from the rim to where the flux falls below q for good and bisects
 * to 5 cm: the outline is the outer edge (under a flame on a tank's roof the ground right by the
 * tank can get less, and lies inside it).
 */
export function fluxContour(
  flux: (x: number, y: number) => number,
  q: number,
  rim_m: number,
  rays = 72,
): { reach_m: number; max_m: number; outline: [number, number][] } | null {
  const half = Math.floor(rays / 2);
  const r: number[] = [];
  for (let i = 0; i <= half; i++) {
    const a = (Math.PI * i) / half;
    const f = (d: number) => flux(d * Math.cos(a), d * Math.sin(a));
    r.push(distanceAlong(f, q, rim_m * 1.001) ?? 0);
  }
  if (r.every((v) => v === 0)) return null;
  // at least the pool's rim where the flux is reached somewhere
  const ring = r.map((d) => Math.max(d, rim_m));
  const pts: [number, number][] = [];
  for (let i = 0; i < 2 * half; i++) {
    const k = i <= half ? i : 2 * half - i;
    const a = (Math.PI * i) / half;
    pts.push([ring[k] * Math.cos(a), ring[k] * Math.sin(a)]);
  }
  return { reach_m: ring[0], max_m: Math.max(...ring), outline: pts };
}

function distanceAlong(f: (d: number) => number, q: number, r0: number, rmax = 50_000, tol = 0.05): number | null {
  // march out (steps growing 10 %) until the flux is below q and falling — beside a flame on the
  // ground it only falls, below a flame on a tank's roof it first rises from nothing near the
  // tank's wall — keeping the last distance where it still reached q
  let prev = f(r0);
  let lastIn = prev >= q ? r0 : null;
  let r = r0;
  let step = Math.max(0.5, r0 * 0.02);
  let out = Infinity;
  while (r < rmax) {
    const next = r + step;
    const v = f(next);
    if (v >= q) lastIn = next;
    else if (v < prev) {
      out = next;
      if (lastIn !== null) break;
      // not reached yet and already falling: never reached further out
      return null;
    }
    prev = v;
    r = next;
    step *= 1.1;
  }
  if (lastIn === null) return null;
  if (!Number.isFinite(out)) return rmax;
  let lo = lastIn;
  let hi = out;
  while (hi - lo > tol) {
    const mid = (lo + hi) / 2;
    if (f(mid) >= q) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Saturation pressure of water, Pa (T in K): exp(23.18986 − 3816.42 / (T − 46.13)). */
export const waterVapourPressure_Pa = (T_K: number) => Math.exp(23.18986 - 3816.42 / (T_K - 46.13));

/** Atmospheric transmissivity over a path (CCPS 1994): τ = 2.02 (Pw X)^−0.09, Pw in Pa, X in m (at most 1). */
export const transmissivity = (path_m: number, relativeHumidity = 0.7, T_K = AMBIENT_K) =>
  Math.min(1, 2.02 * Math.pow(relativeHumidity * waterVapourPressure_Pa(T_K) * Math.max(path_m, 1e-3), -0.09));

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
