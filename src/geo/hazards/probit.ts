/**
 * Probit functions and the probability of death: P = ½ [1 + erf((Y − 5)/√2)].
 */
import type { ToxicProbit } from '../../data/substances.ts';

/** erf by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7). */
export function erf(x: number): number {
  const s = Math.sign(x);
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return s * y;
}

/** Probability from a probit value. */
export const probability = (Y: number) => 0.5 * (1 + erf((Y - 5) / Math.SQRT2));

/** Eisenberg et al. (1975) thermal death: Y = −14.9 + 2.56 ln(t I^{4/3} / 10⁴), I in W/m², t in s. */
export const eisenbergThermal = (q_W_m2: number, t_s: number) => -14.9 + 2.56 * Math.log((t_s * Math.pow(q_W_m2, 4 / 3)) / 1e4);

/** Death from lung haemorrhage (Eisenberg 1975): Y = −77.1 + 6.91 ln p, p peak overpressure in Pa. */
export const lungHaemorrhage = (p_Pa: number) => -77.1 + 6.91 * Math.log(p_Pa);

/** A toxic probit Y = a + b ln(Σ Cⁿ t) with C and t in the units the constants were fitted in. */
export type { ToxicProbit };

/** Y for a constant concentration over a time. */
export const toxicProbit = (k: ToxicProbit, c_ppm: number, t_min: number) => k.a + k.b * Math.log(Math.pow(c_ppm, k.n) * t_min);
