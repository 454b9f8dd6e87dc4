/**
 * Vapour cloud explosion by TNT equivalence: W = η M ΔHc / E_TNT, scaled distance Z = r / W^⅓,
 * side-on overpressure from a named curve. The curves differ by up to 2× in distance: every result
 * names the one it used.
 */

export type BlastCurve = 'kinney-graham' | 'kinney-graham-surface' | 'kingery-bulmash';
export const BLAST_CURVES: readonly BlastCurve[] = ['kinney-graham', 'kinney-graham-surface', 'kingery-bulmash'];

/** Standard atmosphere, kPa. */
export const P_ATM_KPA = 101.325;

/** TNT-equivalent mass, kg: W = η M ΔHc / E_TNT (η the yield, ΔHc and E_TNT in kJ/kg). */
export const tntMass_kg = (mass_kg: number, dHc_kJ_kg: number, yieldFraction: number, e_tnt_kJ_kg: number) =>
  (yieldFraction * mass_kg * dHc_kJ_kg) / e_tnt_kJ_kg;

/** Scaled distance, m/kg^⅓. */
export const scaledDistance = (r_m: number, w_tnt_kg: number) => r_m / Math.cbrt(w_tnt_kg);

/**
 * Kinney & Graham (1985), Explosive Shocks in Air, free-air burst:
 * p/pa = 808 [1 + (Z/4.5)²] / √([1 + (Z/0.048)²][1 + (Z/0.32)²][1 + (Z/1.35)²]).
 */
function kinneyGraham(z: number, numerator: number): number {
  return (P_ATM_KPA * numerator * (1 + (z / 4.5) ** 2)) / Math.sqrt((1 + (z / 0.048) ** 2) * (1 + (z / 0.32) ** 2) * (1 + (z / 1.35) ** 2));
}

/**
 * Kingery–Bulmash hemispherical surface burst, incident overpressure, as simplified by Swisdak
 * (1994), Simplified Kingery Airblast Calculations (NSWC): p = exp(A + B U + C U² + D U³ + E U⁴) kPa,
 * U = ln Z, Z in m/kg^⅓, for 0.2 ≤ Z ≤ 198.5. [unverified: coefficients transcribed from a
 * secondary source, not Swisdak's report; they join continuously at Z = 2.9 and 23.8, and give
 * 1 psi at Z = 18 as the CCPS CHEF Guide's worked example reads from its chart (p. 222) — both tested]
 */
const SWISDAK: [number, number, [number, number, number, number, number]][] = [
  [0.2, 2.9, [7.2106, -2.1069, -0.3229, 0.1117, 0.0685]],
  [2.9, 23.8, [7.5938, -3.0523, 0.40977, 0.0261, -0.01267]],
  [23.8, 198.5, [6.0536, -1.4066, 0, 0, 0]],
];

export class OutOfRangeError extends Error {}

function kingeryBulmash(z: number): number {
  const row = SWISDAK.find(([lo, hi]) => z >= lo && z <= hi);
  if (!row) throw new OutOfRangeError(`kingery-bulmash: scaled distance ${z.toFixed(3)} m/kg^(1/3) outside the fits' range 0.2–198.5`);
  const u = Math.log(z);
  const [A, B, C, D, E] = row[2];
  return Math.exp(A + B * u + C * u * u + D * u ** 3 + E * u ** 4);
}

/** Side-on overpressure at scaled distance Z (m/kg^⅓), kPa. */
export function overpressure_kPa(curve: BlastCurve, z: number): number {
  switch (curve) {
    case 'kinney-graham':
      return kinneyGraham(z, 808);
    case 'kinney-graham-surface':
      // the surface burst reflects a hemisphere: twice the free-air value (Crowl & Louvar's form)
      return kinneyGraham(z, 1616);
    case 'kingery-bulmash':
      return kingeryBulmash(z);
  }
}

/** The distance (m) at which the overpressure falls to p (kPa); null when it never reaches p in the curve's range. */
export function distanceToOverpressure_m(curve: BlastCurve, w_tnt_kg: number, p_kPa: number): number | null {
  const [zmin, zmax] = curve === 'kingery-bulmash' ? [0.2, 198.5] : [0.01, 1000];
  if (overpressure_kPa(curve, zmin) < p_kPa) return null;
  if (overpressure_kPa(curve, zmax) > p_kPa) return null;
  let lo = zmin;
  let hi = zmax;
  for (let i = 0; i < 100; i++) {
    const mid = Math.sqrt(lo * hi);
    if (overpressure_kPa(curve, mid) >= p_kPa) lo = mid;
    else hi = mid;
  }
  return lo * Math.cbrt(w_tnt_kg);
}
