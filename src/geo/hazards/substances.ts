/**
 * Properties of the demo park's substances for the consequence models, each with its source.
 * Values are from the sources named in `source`; those we could not check against the source itself
 * carry `verified: false`. Toxic probit constants keep their units (ppm, min) with them — CCPS and
 * the TNO Purple Book use different units and the constants are not interchangeable.
 */
import type { ToxicProbit } from './probit.ts';

export interface HazardSubstance {
  id: string;
  name_zh: string;
  molarMass_g_mol: number;
  /** Lower / upper flammability limits, % by volume in air (null: not flammable). */
  lel_vol_pct: number | null;
  uel_vol_pct: number | null;
  /** Net heat of combustion, kJ/kg (null: does not burn). */
  dHc_kJ_kg: number | null;
  /** Normal boiling point, K. */
  boilingPoint_K: number;
  /** Heat of vaporisation at the boiling point, kJ/kg. */
  dHv_kJ_kg: number;
  /** Liquid heat capacity, kJ/(kg K). */
  cp_kJ_kgK: number;
  /** Liquid density, kg/m³. */
  liquidDensity_kg_m3: number;
  /**
   * Absolute vapour pressure at 20 °C, kPa: a gas kept liquid under its own pressure at ambient
   * temperature (its leaks are driven by it). Values as commonly quoted, unverified here.
   */
  vapourPressure20C_kPa?: number;
  /** cp/cv of a substance kept as a compressed gas (its leaks are gas discharges). */
  gamma?: number;
  /** Babrauskas' large-pool burning rate m″∞, kg/(m² s), and kβ, 1/m (SFPE Handbook table), when listed. */
  poolBurning?: { mInf_kg_m2_s: number; kBeta_per_m: number };
  /** Toxic end points, ppm: ERPG-2 / ERPG-3 (AIHA), IDLH (NIOSH). */
  toxic?: { erpg2_ppm?: number; erpg3_ppm?: number; idlh_ppm?: number };
  probit?: ToxicProbit;
  /** Heavier than air on release (molar mass, or a cold or two-phase release): outside a neutral Gaussian model's validity. */
  denseGas: boolean;
  source: string;
  verified: boolean;
}

const CL = 'Crowl & Louvar, Chemical Process Safety (3rd ed.), Table 2-5 (probits, after CCPS 1989)';
const PHYS = 'Perry\'s Chemical Engineers\' Handbook; NIST Chemistry WebBook';
const BAB = 'Babrauskas, SFPE Handbook of Fire Protection Engineering, burning-rate table';

export const HAZARD_SUBSTANCES: readonly HazardSubstance[] = [
  { id: 'chlorine', name_zh: '氯', molarMass_g_mol: 70.9, lel_vol_pct: null, uel_vol_pct: null, dHc_kJ_kg: null, boilingPoint_K: 239.1, dHv_kJ_kg: 288, cp_kJ_kgK: 0.93, liquidDensity_kg_m3: 1563, toxic: { erpg2_ppm: 3, erpg3_ppm: 20, idlh_ppm: 10 }, probit: { a: -8.29, b: 0.92, n: 2, units: 'ppm, min', source: CL, verified: false }, vapourPressure20C_kPa: 670, denseGas: true, source: `${PHYS}; ERPG (AIHA); IDLH (NIOSH)`, verified: false },
  { id: 'ammonia', name_zh: '氨', molarMass_g_mol: 17.03, lel_vol_pct: 15, uel_vol_pct: 28, dHc_kJ_kg: 18_600, boilingPoint_K: 239.8, dHv_kJ_kg: 1370, cp_kJ_kgK: 4.7, liquidDensity_kg_m3: 682, toxic: { erpg2_ppm: 150, erpg3_ppm: 750, idlh_ppm: 300 }, probit: { a: -35.9, b: 1.85, n: 2, units: 'ppm, min', source: CL, verified: false }, vapourPressure20C_kPa: 857, denseGas: true, source: `${PHYS}; ERPG (AIHA); IDLH (NIOSH); dense when released as a cold two-phase jet`, verified: false },
  { id: 'hydrogen_sulfide', name_zh: '硫化氢', molarMass_g_mol: 34.08, lel_vol_pct: 4, uel_vol_pct: 44, dHc_kJ_kg: 15_200, boilingPoint_K: 212.8, dHv_kJ_kg: 548, cp_kJ_kgK: 2.0, liquidDensity_kg_m3: 993, toxic: { erpg2_ppm: 30, erpg3_ppm: 100, idlh_ppm: 100 }, probit: { a: -31.42, b: 3.008, n: 1.43, units: 'ppm, min', source: CL, verified: false }, vapourPressure20C_kPa: 1810, denseGas: true, source: `${PHYS}; ERPG (AIHA); IDLH (NIOSH)`, verified: false },
  { id: 'lpg', name_zh: '液化石油气（按丙烷）', molarMass_g_mol: 44.1, lel_vol_pct: 2.1, uel_vol_pct: 9.5, dHc_kJ_kg: 46_350, boilingPoint_K: 231.1, dHv_kJ_kg: 426, cp_kJ_kgK: 2.5, liquidDensity_kg_m3: 585, poolBurning: { mInf_kg_m2_s: 0.099, kBeta_per_m: 1.4 }, vapourPressure20C_kPa: 836, denseGas: true, source: `${PHYS} (propane); ${BAB}`, verified: false },
  { id: 'lng', name_zh: '液化天然气（按甲烷）', molarMass_g_mol: 16.04, lel_vol_pct: 5, uel_vol_pct: 15, dHc_kJ_kg: 50_000, boilingPoint_K: 111.7, dHv_kJ_kg: 510, cp_kJ_kgK: 3.5, liquidDensity_kg_m3: 422, poolBurning: { mInf_kg_m2_s: 0.078, kBeta_per_m: 1.1 }, denseGas: true, source: `${PHYS} (methane); ${BAB}; dense while cold`, verified: false },
  { id: 'natural_gas', name_zh: '天然气（按甲烷）', molarMass_g_mol: 16.04, lel_vol_pct: 5, uel_vol_pct: 15, dHc_kJ_kg: 50_000, boilingPoint_K: 111.7, dHv_kJ_kg: 510, cp_kJ_kgK: 2.2, liquidDensity_kg_m3: 422, gamma: 1.31, denseGas: false, source: `${PHYS} (methane)`, verified: false },
  { id: 'hydrogen', name_zh: '氢', molarMass_g_mol: 2.016, lel_vol_pct: 4, uel_vol_pct: 75, dHc_kJ_kg: 120_000, boilingPoint_K: 20.3, dHv_kJ_kg: 446, cp_kJ_kgK: 9.7, liquidDensity_kg_m3: 71, gamma: 1.41, denseGas: false, source: PHYS, verified: false },
  { id: 'gasoline', name_zh: '汽油', molarMass_g_mol: 100, lel_vol_pct: 1.4, uel_vol_pct: 7.6, dHc_kJ_kg: 43_700, boilingPoint_K: 306, dHv_kJ_kg: 330, cp_kJ_kgK: 2.2, liquidDensity_kg_m3: 740, poolBurning: { mInf_kg_m2_s: 0.055, kBeta_per_m: 2.1 }, denseGas: true, source: `${PHYS}; ${BAB}`, verified: false },
  { id: 'naphtha', name_zh: '石脑油', molarMass_g_mol: 100, lel_vol_pct: 1.1, uel_vol_pct: 6, dHc_kJ_kg: 44_000, boilingPoint_K: 320, dHv_kJ_kg: 320, cp_kJ_kgK: 2.2, liquidDensity_kg_m3: 720, poolBurning: { mInf_kg_m2_s: 0.055, kBeta_per_m: 2.1 }, denseGas: true, source: `${PHYS}; burning rate taken as gasoline's (${BAB})`, verified: false },
  { id: 'crude_oil', name_zh: '原油', molarMass_g_mol: 200, lel_vol_pct: 1, uel_vol_pct: 7, dHc_kJ_kg: 42_600, boilingPoint_K: 400, dHv_kJ_kg: 300, cp_kJ_kgK: 2.0, liquidDensity_kg_m3: 850, poolBurning: { mInf_kg_m2_s: 0.039, kBeta_per_m: 2.8 }, denseGas: true, source: `${PHYS}; ${BAB} (crude oil)`, verified: false },
  { id: 'diesel', name_zh: '柴油', molarMass_g_mol: 200, lel_vol_pct: 0.6, uel_vol_pct: 7.5, dHc_kJ_kg: 43_000, boilingPoint_K: 450, dHv_kJ_kg: 250, cp_kJ_kgK: 2.1, liquidDensity_kg_m3: 840, poolBurning: { mInf_kg_m2_s: 0.045, kBeta_per_m: 2.1 }, denseGas: true, source: `${PHYS}; ${BAB} (fuel oil / diesel)`, verified: false },
  { id: 'jet_fuel', name_zh: '航空煤油', molarMass_g_mol: 160, lel_vol_pct: 0.7, uel_vol_pct: 5, dHc_kJ_kg: 43_200, boilingPoint_K: 440, dHv_kJ_kg: 300, cp_kJ_kgK: 2.0, liquidDensity_kg_m3: 800, poolBurning: { mInf_kg_m2_s: 0.039, kBeta_per_m: 3.5 }, denseGas: true, source: `${PHYS}; ${BAB} (JP-5)`, verified: false },
  { id: 'fuel_oil', name_zh: '燃料油', molarMass_g_mol: 300, lel_vol_pct: 0.6, uel_vol_pct: 5, dHc_kJ_kg: 39_700, boilingPoint_K: 550, dHv_kJ_kg: 250, cp_kJ_kgK: 2.0, liquidDensity_kg_m3: 950, poolBurning: { mInf_kg_m2_s: 0.035, kBeta_per_m: 1.7 }, denseGas: true, source: `${PHYS}; ${BAB} (heavy fuel oil)`, verified: false },
  { id: 'benzene', name_zh: '苯', molarMass_g_mol: 78.11, lel_vol_pct: 1.2, uel_vol_pct: 7.8, dHc_kJ_kg: 40_100, boilingPoint_K: 353.2, dHv_kJ_kg: 394, cp_kJ_kgK: 1.74, liquidDensity_kg_m3: 876, poolBurning: { mInf_kg_m2_s: 0.085, kBeta_per_m: 2.7 }, toxic: { erpg2_ppm: 150, erpg3_ppm: 1000, idlh_ppm: 500 }, denseGas: true, source: `${PHYS}; ${BAB}; ERPG (AIHA); IDLH (NIOSH)`, verified: false },
  { id: 'toluene', name_zh: '甲苯', molarMass_g_mol: 92.14, lel_vol_pct: 1.1, uel_vol_pct: 7.1, dHc_kJ_kg: 40_500, boilingPoint_K: 383.8, dHv_kJ_kg: 363, cp_kJ_kgK: 1.7, liquidDensity_kg_m3: 867, poolBurning: { mInf_kg_m2_s: 0.085, kBeta_per_m: 2.7 }, toxic: { erpg2_ppm: 300, erpg3_ppm: 1000, idlh_ppm: 500 }, denseGas: true, source: `${PHYS}; burning rate taken as benzene's (${BAB})`, verified: false },
  { id: 'styrene', name_zh: '苯乙烯', molarMass_g_mol: 104.15, lel_vol_pct: 0.9, uel_vol_pct: 6.8, dHc_kJ_kg: 40_500, boilingPoint_K: 418.3, dHv_kJ_kg: 355, cp_kJ_kgK: 1.7, liquidDensity_kg_m3: 906, toxic: { erpg2_ppm: 250, erpg3_ppm: 1000, idlh_ppm: 700 }, denseGas: true, source: `${PHYS}; ERPG (AIHA); IDLH (NIOSH)`, verified: false },
  { id: 'methanol', name_zh: '甲醇', molarMass_g_mol: 32.04, lel_vol_pct: 6, uel_vol_pct: 36, dHc_kJ_kg: 19_900, boilingPoint_K: 337.8, dHv_kJ_kg: 1100, cp_kJ_kgK: 2.5, liquidDensity_kg_m3: 792, poolBurning: { mInf_kg_m2_s: 0.017, kBeta_per_m: 100 }, toxic: { erpg2_ppm: 1000, erpg3_ppm: 5000, idlh_ppm: 6000 }, denseGas: false, source: `${PHYS}; ${BAB}; ERPG (AIHA); IDLH (NIOSH)`, verified: false },
  { id: 'carbon_monoxide', name_zh: '一氧化碳', molarMass_g_mol: 28.01, lel_vol_pct: 12.5, uel_vol_pct: 74, dHc_kJ_kg: 10_100, boilingPoint_K: 81.6, dHv_kJ_kg: 216, cp_kJ_kgK: 2.1, liquidDensity_kg_m3: 789, toxic: { erpg2_ppm: 350, erpg3_ppm: 500, idlh_ppm: 1200 }, probit: { a: -37.98, b: 3.7, n: 1, units: 'ppm, min', source: CL, verified: false }, gamma: 1.4, denseGas: false, source: `${PHYS}; ERPG (AIHA); IDLH (NIOSH)`, verified: false },
  { id: 'hydrogen_chloride', name_zh: '氯化氢', molarMass_g_mol: 36.46, lel_vol_pct: null, uel_vol_pct: null, dHc_kJ_kg: null, boilingPoint_K: 188.1, dHv_kJ_kg: 443, cp_kJ_kgK: 1.9, liquidDensity_kg_m3: 1190, toxic: { erpg2_ppm: 20, erpg3_ppm: 150, idlh_ppm: 50 }, probit: { a: -16.85, b: 2.0, n: 1, units: 'ppm, min', source: CL, verified: false }, vapourPressure20C_kPa: 4260, denseGas: true, source: `${PHYS}; ERPG (AIHA); IDLH (NIOSH)`, verified: false },
];

const BY_ID = new Map(HAZARD_SUBSTANCES.map((s) => [s.id, s]));
export const hazardSubstance = (id: string): HazardSubstance | undefined => BY_ID.get(id);
