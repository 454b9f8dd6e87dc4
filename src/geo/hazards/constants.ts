/**
 * Physical constants of the consequence models, one of each (SI; units in the names).
 */

/** Standard acceleration of gravity, m/s² (3rd CGPM 1901; ISO 80000-3:2019, exact). */
export const G_M_S2 = 9.80665;

/** Molar gas constant, J/(mol K) (CODATA 2018, exact since the 2019 SI). */
export const R_J_MOLK = 8.314462618;

/** Standard atmosphere, Pa (ISO 2533:1975, exact). */
export const ATM_PA = 101_325;

/** Molar mass of dry air, kg/mol (ISO 2533:1975). */
export const AIR_M_KG_MOL = 0.028964;

/** Ambient temperature the models and scenarios default to, K (20 °C; the weather feed carries none). */
export const AMBIENT_K = 293.15;

/**
 * Temperature at which ppm and mg/m³ are converted, K (25 °C, 1 atm: the convention exposure limits
 * such as AEGL, ERPG and GBZ 2.1 are stated in — molar volume 24.45 L).
 */
export const PPM_REFERENCE_K = 298.15;

/**
 * g as the pool-fire correlations (Thomas, Babrauskas, Moorhouse, Welker–Sliepcevich) were fitted
 * and their worked examples computed, m/s² (CCPS, Guidelines for Consequence Analysis of Chemical
 * Releases, 1999, §3.5). Using G_M_S2 there would move their results by 0.01 % against the
 * published cases they are tested with.
 */
export const G_CORRELATIONS_M_S2 = 9.81;
