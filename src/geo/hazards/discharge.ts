/**
 * Source terms (pure, SI): how fast a hole lets a liquid or a gas out, and how much of a liquefied
 * gas flashes to vapour. CCPS, Guidelines for Consequence Analysis of Chemical Releases (1999),
 * §2.1; Crowl & Louvar, Chemical Process Safety (3rd ed.), ch. 4.
 */
import { ATM_PA, G_M_S2, R_J_MOLK } from './constants.ts';

export { ATM_PA };
/**
 * Discharge coefficient of a sharp-edged hole (turbulent flow), the usual default for liquids and
 * gases alike (Crowl & Louvar ch. 4; CCPS 1999 §2.1.1) — as commonly quoted, unverified here.
 */
export const CD_SHARP_EDGED = 0.61;

export interface LiquidDischargeInput {
  hole_diameter_m: number;
  /** Pressure above the liquid over the outside pressure, Pa (gauge). */
  gauge_pressure_Pa: number;
  /** Height of the liquid above the hole, m. */
  head_m?: number;
  density_kg_m3: number;
  cd?: number;
}

/**
 * A liquid through a hole (Bernoulli with a discharge coefficient): u = Cd √(2 ΔP/ρ + 2 g h),
 * ṁ = ρ A u. The velocity reported is ṁ/(ρA), the mean speed over the hole.
 */
export function liquidDischarge(i: LiquidDischargeInput): { rate_kg_s: number; velocity_m_s: number } {
  const cd = i.cd ?? CD_SHARP_EDGED;
  const area = (Math.PI / 4) * i.hole_diameter_m ** 2;
  const drive = (2 * i.gauge_pressure_Pa) / i.density_kg_m3 + 2 * G_M_S2 * (i.head_m ?? 0);
  const u = cd * Math.sqrt(Math.max(0, drive));
  return { rate_kg_s: i.density_kg_m3 * area * u, velocity_m_s: u };
}

export interface GasDischargeInput {
  hole_diameter_m: number;
  /** Absolute pressure inside, Pa. */
  pressure_Pa: number;
  /** Absolute pressure outside, Pa. */
  ambient_Pa?: number;
  temperature_K: number;
  molarMass_g_mol: number;
  /** Ratio of heat capacities cp/cv. */
  gamma: number;
  cd?: number;
}

/**
 * An ideal gas through a hole, isentropic: choked (sonic at the hole) when the pressure ratio
 * passes ((γ+1)/2)^(γ/(γ−1)), then ṁ = Cd A P₀ √(γ M/(R T₀) · (2/(γ+1))^((γ+1)/(γ−1))); below it
 * ṁ = Cd A P₀ √(2 M/(R T₀) · γ/(γ−1) · [(Pa/P₀)^(2/γ) − (Pa/P₀)^((γ+1)/γ)]). The exit state is the
 * throat's (choked) or the outside pressure's, expanded isentropically; the velocity is ṁ/(ρ A).
 */
export function gasDischarge(i: GasDischargeInput): {
  rate_kg_s: number;
  choked: boolean;
  exit_pressure_Pa: number;
  exit_temperature_K: number;
  velocity_m_s: number;
} {
  const cd = i.cd ?? CD_SHARP_EDGED;
  const pa = i.ambient_Pa ?? ATM_PA;
  const k = i.gamma;
  const M = i.molarMass_g_mol / 1000;
  const area = (Math.PI / 4) * i.hole_diameter_m ** 2;
  const rho0 = (i.pressure_Pa * M) / (R_J_MOLK * i.temperature_K);
  const critical = ((k + 1) / 2) ** (k / (k - 1));
  if (i.pressure_Pa <= pa) return { rate_kg_s: 0, choked: false, exit_pressure_Pa: pa, exit_temperature_K: i.temperature_K, velocity_m_s: 0 };
  const choked = i.pressure_Pa / pa >= critical;
  let rate: number;
  let pe: number;
  if (choked) {
    rate = cd * area * Math.sqrt(k * rho0 * i.pressure_Pa * (2 / (k + 1)) ** ((k + 1) / (k - 1)));
    pe = i.pressure_Pa / critical;
  } else {
    const r = pa / i.pressure_Pa;
    rate = cd * area * Math.sqrt(2 * rho0 * i.pressure_Pa * (k / (k - 1)) * (r ** (2 / k) - r ** ((k + 1) / k)));
    pe = pa;
  }
  const te = i.temperature_K * (pe / i.pressure_Pa) ** ((k - 1) / k);
  const rhoE = (pe * M) / (R_J_MOLK * te);
  return { rate_kg_s: rate, choked, exit_pressure_Pa: pe, exit_temperature_K: te, velocity_m_s: rate / (rhoE * area) };
}

/**
 * The share of a superheated liquid that flashes to vapour on release to the air, by an energy
 * balance: f = cp (T − Tb) / ΔHv (0 when stored below its boiling point, at most 1).
 */
export function flashFraction(i: { temperature_K: number; boilingPoint_K: number; cp_kJ_kgK: number; dHv_kJ_kg: number }): number {
  return Math.min(1, Math.max(0, (i.cp_kJ_kgK * (i.temperature_K - i.boilingPoint_K)) / i.dHv_kJ_kg));
}
