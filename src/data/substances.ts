/**
 * The substances parktwin knows: one record each — its names, how GB 18218-2018 classes it, what
 * GB/T 37243 needs to know of it, and (for the demo's substances) the physical properties the
 * consequence models use.
 *
 * GB 18218-2018 classes a substance as the standard does (§4.1.2):
 *   - Q: a substance named in Table 1 takes that Q; any other is classed by its hazard categories
 *     (GHS, GB 30000) through Table 2, and with several takes the lowest Q of them;
 *   - β: a toxic gas named in Table 3 takes that β; any other takes the Table 4 β of its category
 *     (with several, the largest: conservative, our reading).
 * `classes` holds the Table 2 symbols of its categories (J1–J5 acute toxicity, W1–W11 physical
 * hazards); `table1`/`table3_beta` the named entries. Where a value was checked: `checked: 'V'`
 * against the standard's tables as given in the project's reference, `'P'` only against a
 * second-hand transcription; categories we assigned ourselves say so in `note` and are unverified.
 */

/**
 * GB 18218-2018 Table 2 (critical quantity Q by hazard category, for substances not named in
 * Table 1) with the β of Table 4 (by the same category). Q of W2, W5.x, W6.x, J1–J5 and all β as in
 * the project's reference [V]; the other Q from a transcription of Table 2 [P, unverified].
 */
/** A toxic probit Y = a + b ln(Cⁿ t), with the units its constants belong to (see src/geo/hazards/probit.ts). */
export interface ToxicProbit {
  a: number;
  b: number;
  n: number;
  /** Units of C and t the constants belong to. */
  units: 'ppm, min';
  source: string;
  verified: boolean;
}

export const GB18218_CLASSES = {
  J1: { Q_t: 5, beta: 4, what: '急性毒性 类别1，所有暴露途径，气体 (acute toxicity 1, gas)', checked: 'V' },
  J2: { Q_t: 50, beta: 1, what: '急性毒性 类别1，所有暴露途径，固体、液体 (acute toxicity 1, solid or liquid)', checked: 'V' },
  J3: { Q_t: 50, beta: 2, what: '急性毒性 类别2、类别3，所有暴露途径，气体 (acute toxicity 2–3, gas)', checked: 'V' },
  J4: { Q_t: 50, beta: 2, what: '急性毒性 类别2、类别3，吸入途径，液体（沸点≤35 ℃）(acute toxicity 2–3 by inhalation, liquid boiling ≤ 35 °C)', checked: 'V' },
  J5: { Q_t: 500, beta: 1, what: '急性毒性 类别2，所有暴露途径，液体（除J4外）、固体 (acute toxicity 2, other liquids and solids)', checked: 'V' },
  'W1.1': { Q_t: 1, beta: 2, what: '不稳定爆炸物、1.1项爆炸物 (unstable explosives, division 1.1)', checked: 'P' },
  'W1.2': { Q_t: 10, beta: 2, what: '1.2、1.3、1.5、1.6项爆炸物 (explosives, divisions 1.2, 1.3, 1.5, 1.6)', checked: 'P' },
  'W1.3': { Q_t: 50, beta: 2, what: '1.4项爆炸物 (explosives, division 1.4)', checked: 'P' },
  W2: { Q_t: 10, beta: 1.5, what: '易燃气体 类别1和类别2 (flammable gas 1–2)', checked: 'V' },
  W3: { Q_t: 150, beta: 1, what: '气溶胶 类别1和类别2 (aerosols 1–2)', checked: 'P' },
  W4: { Q_t: 50, beta: 1, what: '氧化性气体 类别1 (oxidising gas 1)', checked: 'P' },
  'W5.1': { Q_t: 10, beta: 1.5, what: '易燃液体 类别1；类别2和3，工作温度高于沸点 (flammable liquid 1; 2–3 above their boiling point)', checked: 'V' },
  'W5.2': { Q_t: 50, beta: 1, what: '易燃液体 类别2和3，具有引发重大事故的特殊工艺条件 (flammable liquid 2–3 under special process conditions)', checked: 'V' },
  'W5.3': { Q_t: 1000, beta: 1, what: '不属于W5.1或W5.2的其他类别2易燃液体 (other flammable liquid 2)', checked: 'V' },
  'W5.4': { Q_t: 5000, beta: 1, what: '不属于W5.1或W5.2的其他类别3易燃液体 (other flammable liquid 3)', checked: 'V' },
  'W6.1': { Q_t: 10, beta: 1.5, what: 'A型和B型自反应物质和混合物 (self-reactive, types A–B)', checked: 'V' },
  'W6.2': { Q_t: 50, beta: 1, what: 'C型、D型、E型自反应物质和混合物 (self-reactive, types C–E)', checked: 'V' },
  'W7.1': { Q_t: 10, beta: 1.5, what: 'A型和B型有机过氧化物 (organic peroxides, types A–B)', checked: 'P' },
  'W7.2': { Q_t: 50, beta: 1, what: 'C型、D型、E型、F型有机过氧化物 (organic peroxides, types C–F)', checked: 'P' },
  W8: { Q_t: 50, beta: 1, what: '类别1自燃液体、类别1自燃固体 (pyrophoric liquids and solids 1)', checked: 'P' },
  'W9.1': { Q_t: 50, beta: 1, what: '氧化性固体和液体 类别1 (oxidising solids and liquids 1)', checked: 'P' },
  'W9.2': { Q_t: 200, beta: 1, what: '氧化性固体和液体 类别2、类别3 (oxidising solids and liquids 2–3)', checked: 'P' },
  W10: { Q_t: 200, beta: 1, what: '类别1易燃固体 (flammable solids 1)', checked: 'P' },
  W11: { Q_t: 200, beta: 1, what: '遇水放出易燃气体的物质和混合物 类别1和类别2 (water-reactive, releasing flammable gas 1–2)', checked: 'P' },
} as const satisfies Record<string, { Q_t: number; beta: number; what: string; checked: 'V' | 'P' }>;

export type Gb18218Class = keyof typeof GB18218_CLASSES;

/**
 * What the consequence models need of a substance (src/geo/hazards): each value from the sources
 * named in `source`; those not checked against the source itself carry `verified: false`. Toxic
 * probit constants keep their units (ppm, min) with them — CCPS and the TNO Purple Book use
 * different units and the constants are not interchangeable.
 */
export interface SubstancePhysics {
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

/** A substance as written in the table below. */
interface SubstanceRecord {
  id: string;
  name_zh: string;
  /** Other names the layout may use (English, Chinese, formula). */
  aliases: string[];
  /** Its GB 18218-2018 Table 1 entry: Q, the entry's name, how it was checked. */
  table1?: { Q_t: number; entry: string; checked: 'V' | 'P' };
  /** Its β as a toxic gas named in GB 18218-2018 Table 3. */
  table3_beta?: number;
  /** The Table 2 symbols of its hazard categories. */
  classes: Gb18218Class[];
  /** Gas at ambient conditions (stored as gas or liquefied). */
  gas?: boolean;
  toxic?: boolean;
  flammable?: boolean;
  explosive?: boolean;
  oxidiser?: boolean;
  /** How its class was found when not from the tables alone (an assumed category, a concentration to give). */
  note?: string;
  /** Why it is not a GB 18218 hazardous chemical at all. */
  excluded?: string;
  physics?: SubstancePhysics;
}

/** A substance with its GB 18218-2018 classing worked out. */
export interface SubstanceEntry extends Omit<SubstanceRecord, 'excluded'> {
  /** GB 18218-2018 critical quantity, t; null when excluded or not determinable. */
  Q_t: number | null;
  /** Correction factor β; null with Q. */
  beta: number | null;
  /** Known not to be a GB 18218 hazardous chemical (left out of S and R without a report). */
  excluded: boolean;
  /** How Q and β were found: the table and entry or category of each. */
  basis: string;
  /** Both Q and β read from the standard's tables as checked [V], no category assumed by us. */
  verified: boolean;
  gas: boolean;
  toxic: boolean;
  flammable: boolean;
  explosive: boolean;
}

const CL = 'Crowl & Louvar, Chemical Process Safety (3rd ed.), Table 2-5 (probits, after CCPS 1989)';
const PHYS = "Perry's Chemical Engineers' Handbook; NIST Chemistry WebBook";
const BAB = 'Babrauskas, SFPE Handbook of Fire Protection Engineering, burning-rate table';

const RECORDS: SubstanceRecord[] = [
  {
    id: 'chlorine',
    name_zh: '氯',
    aliases: ['液氯', 'Cl2'],
    table1: { Q_t: 5, entry: '氯', checked: 'V' },
    table3_beta: 4,
    classes: ['J3', 'W4'],
    gas: true,
    toxic: true,
    physics: {
      molarMass_g_mol: 70.9,
      lel_vol_pct: null,
      uel_vol_pct: null,
      dHc_kJ_kg: null,
      boilingPoint_K: 239.1,
      dHv_kJ_kg: 288,
      cp_kJ_kgK: 0.93,
      liquidDensity_kg_m3: 1563,
      toxic: { erpg2_ppm: 3, erpg3_ppm: 20, idlh_ppm: 10 },
      probit: { a: -8.29, b: 0.92, n: 2, units: 'ppm, min', source: CL, verified: false },
      vapourPressure20C_kPa: 670,
      denseGas: true,
      source: `${PHYS}; ERPG (AIHA); IDLH (NIOSH)`,
      verified: false,
    },
  },
  {
    id: 'ammonia',
    name_zh: '氨',
    aliases: ['液氨', 'NH3'],
    table1: { Q_t: 10, entry: '氨', checked: 'V' },
    table3_beta: 2,
    classes: ['J3', 'W2'],
    gas: true,
    toxic: true,
    flammable: true,
    physics: {
      molarMass_g_mol: 17.03,
      lel_vol_pct: 15,
      uel_vol_pct: 28,
      dHc_kJ_kg: 18_600,
      boilingPoint_K: 239.8,
      dHv_kJ_kg: 1370,
      cp_kJ_kgK: 4.7,
      liquidDensity_kg_m3: 682,
      toxic: { erpg2_ppm: 150, erpg3_ppm: 750, idlh_ppm: 300 },
      probit: { a: -35.9, b: 1.85, n: 2, units: 'ppm, min', source: CL, verified: false },
      vapourPressure20C_kPa: 857,
      denseGas: true,
      source: `${PHYS}; ERPG (AIHA); IDLH (NIOSH); dense when released as a cold two-phase jet`,
      verified: false,
    },
  },
  {
    id: 'hydrogen',
    name_zh: '氢',
    aliases: ['氢气', 'H2'],
    table1: { Q_t: 5, entry: '氢', checked: 'V' },
    classes: ['W2'],
    gas: true,
    flammable: true,
    physics: {
      molarMass_g_mol: 2.016,
      lel_vol_pct: 4,
      uel_vol_pct: 75,
      dHc_kJ_kg: 120_000,
      boilingPoint_K: 20.3,
      dHv_kJ_kg: 446,
      cp_kJ_kgK: 9.7,
      liquidDensity_kg_m3: 71,
      gamma: 1.41,
      denseGas: false,
      source: PHYS,
      verified: false,
    },
  },
  {
    id: 'lpg',
    name_zh: '液化石油气',
    aliases: ['liquefied_petroleum_gas'],
    table1: { Q_t: 50, entry: '液化石油气（含丙烷、丁烷及其混合物）', checked: 'V' },
    classes: ['W2'],
    gas: true,
    flammable: true,
    physics: {
      molarMass_g_mol: 44.1,
      lel_vol_pct: 2.1,
      uel_vol_pct: 9.5,
      dHc_kJ_kg: 46_350,
      boilingPoint_K: 231.1,
      dHv_kJ_kg: 426,
      cp_kJ_kgK: 2.5,
      liquidDensity_kg_m3: 585,
      poolBurning: { mInf_kg_m2_s: 0.099, kBeta_per_m: 1.4 },
      vapourPressure20C_kPa: 836,
      denseGas: true,
      source: `${PHYS} (propane); ${BAB}`,
      verified: false,
    },
  },
  {
    id: 'natural_gas',
    name_zh: '天然气',
    aliases: ['methane', '甲烷'],
    table1: { Q_t: 50, entry: '甲烷、天然气', checked: 'V' },
    classes: ['W2'],
    gas: true,
    flammable: true,
    physics: {
      molarMass_g_mol: 16.04,
      lel_vol_pct: 5,
      uel_vol_pct: 15,
      dHc_kJ_kg: 50_000,
      boilingPoint_K: 111.7,
      dHv_kJ_kg: 510,
      cp_kJ_kgK: 2.2,
      liquidDensity_kg_m3: 422,
      gamma: 1.31,
      denseGas: false,
      source: `${PHYS} (methane)`,
      verified: false,
    },
  },
  {
    id: 'lng',
    name_zh: '液化天然气',
    aliases: [],
    table1: { Q_t: 50, entry: '甲烷、天然气', checked: 'V' },
    classes: ['W2'],
    gas: true,
    flammable: true,
    physics: {
      molarMass_g_mol: 16.04,
      lel_vol_pct: 5,
      uel_vol_pct: 15,
      dHc_kJ_kg: 50_000,
      boilingPoint_K: 111.7,
      dHv_kJ_kg: 510,
      cp_kJ_kgK: 3.5,
      liquidDensity_kg_m3: 422,
      poolBurning: { mInf_kg_m2_s: 0.078, kBeta_per_m: 1.1 },
      denseGas: true,
      source: `${PHYS} (methane); ${BAB}; dense while cold`,
      verified: false,
    },
  },
  {
    id: 'ethylene',
    name_zh: '乙烯',
    aliases: [],
    table1: { Q_t: 50, entry: '乙烯', checked: 'V' },
    classes: ['W2'],
    gas: true,
    flammable: true,
  },
  {
    id: 'acetylene',
    name_zh: '乙炔',
    aliases: [],
    table1: { Q_t: 1, entry: '乙炔', checked: 'V' },
    classes: ['W2'],
    gas: true,
    flammable: true,
  },
  {
    id: '1,3-butadiene',
    name_zh: '1,3-丁二烯',
    aliases: ['butadiene'],
    table1: { Q_t: 5, entry: '1,3-丁二烯', checked: 'V' },
    classes: ['W2'],
    gas: true,
    flammable: true,
  },
  {
    id: 'vinyl_chloride',
    name_zh: '氯乙烯',
    aliases: [],
    table1: { Q_t: 50, entry: '氯乙烯', checked: 'V' },
    classes: ['W2'],
    gas: true,
    toxic: true,
    flammable: true,
  },
  {
    id: 'hydrogen_sulfide',
    name_zh: '硫化氢',
    aliases: ['H2S'],
    table1: { Q_t: 5, entry: '硫化氢', checked: 'V' },
    table3_beta: 5,
    classes: ['J3', 'W2'],
    gas: true,
    toxic: true,
    flammable: true,
    physics: {
      molarMass_g_mol: 34.08,
      lel_vol_pct: 4,
      uel_vol_pct: 44,
      dHc_kJ_kg: 15_200,
      boilingPoint_K: 212.8,
      dHv_kJ_kg: 548,
      cp_kJ_kgK: 2.0,
      liquidDensity_kg_m3: 993,
      toxic: { erpg2_ppm: 30, erpg3_ppm: 100, idlh_ppm: 100 },
      probit: { a: -31.42, b: 3.008, n: 1.43, units: 'ppm, min', source: CL, verified: false },
      vapourPressure20C_kPa: 1810,
      denseGas: true,
      source: `${PHYS}; ERPG (AIHA); IDLH (NIOSH)`,
      verified: false,
    },
  },
  {
    id: 'hydrogen_chloride',
    name_zh: '氯化氢',
    aliases: ['HCl'],
    table1: { Q_t: 20, entry: '氯化氢（无水）', checked: 'V' },
    table3_beta: 3,
    classes: ['J3'],
    gas: true,
    toxic: true,
    physics: {
      molarMass_g_mol: 36.46,
      lel_vol_pct: null,
      uel_vol_pct: null,
      dHc_kJ_kg: null,
      boilingPoint_K: 188.1,
      dHv_kJ_kg: 443,
      cp_kJ_kgK: 1.9,
      liquidDensity_kg_m3: 1190,
      toxic: { erpg2_ppm: 20, erpg3_ppm: 150, idlh_ppm: 50 },
      probit: { a: -16.85, b: 2.0, n: 1, units: 'ppm, min', source: CL, verified: false },
      vapourPressure20C_kPa: 4260,
      denseGas: true,
      source: `${PHYS}; ERPG (AIHA); IDLH (NIOSH)`,
      verified: false,
    },
  },
  {
    id: 'sulfur_dioxide',
    name_zh: '二氧化硫',
    aliases: ['SO2'],
    table1: { Q_t: 20, entry: '二氧化硫', checked: 'V' },
    table3_beta: 2,
    classes: ['J3'],
    gas: true,
    toxic: true,
  },
  {
    id: 'hydrogen_fluoride',
    name_zh: '氟化氢',
    aliases: ['HF'],
    table1: { Q_t: 1, entry: '氟化氢', checked: 'V' },
    table3_beta: 5,
    classes: ['J3'],
    gas: true,
    toxic: true,
  },
  {
    id: 'hydrogen_cyanide',
    name_zh: '氰化氢',
    aliases: ['HCN'],
    table1: { Q_t: 1, entry: '氰化氢', checked: 'V' },
    table3_beta: 10,
    classes: ['J1', 'W5.1'],
    gas: true,
    toxic: true,
    flammable: true,
  },
  {
    id: 'phosgene',
    name_zh: '光气',
    aliases: ['COCl2', '碳酰氯'],
    table1: { Q_t: 0.3, entry: '碳酰氯（光气）', checked: 'V' },
    table3_beta: 20,
    classes: ['J1'],
    gas: true,
    toxic: true,
  },
  {
    id: 'ethylene_oxide',
    name_zh: '环氧乙烷',
    aliases: [],
    table1: { Q_t: 10, entry: '环氧乙烷', checked: 'V' },
    table3_beta: 2,
    classes: ['W2', 'J3'],
    gas: true,
    toxic: true,
    flammable: true,
  },
  {
    id: 'carbon_monoxide',
    name_zh: '一氧化碳',
    aliases: ['CO', '煤气'],
    table1: { Q_t: 20, entry: '煤气（CO，CO 和 H₂、CH₄ 的混合物等）', checked: 'P' },
    table3_beta: 2,
    classes: ['J3', 'W2'],
    gas: true,
    toxic: true,
    flammable: true,
    physics: {
      molarMass_g_mol: 28.01,
      lel_vol_pct: 12.5,
      uel_vol_pct: 74,
      dHc_kJ_kg: 10_100,
      boilingPoint_K: 81.6,
      dHv_kJ_kg: 216,
      cp_kJ_kgK: 2.1,
      liquidDensity_kg_m3: 789,
      toxic: { erpg2_ppm: 350, erpg3_ppm: 500, idlh_ppm: 1200 },
      probit: { a: -37.98, b: 3.7, n: 1, units: 'ppm, min', source: CL, verified: false },
      gamma: 1.4,
      denseGas: false,
      source: `${PHYS}; ERPG (AIHA); IDLH (NIOSH)`,
      verified: false,
    },
  },
  {
    id: 'oxygen',
    name_zh: '氧',
    aliases: ['氧气', 'O2'],
    table1: { Q_t: 200, entry: '氧（压缩的或液化的）', checked: 'V' },
    classes: ['W4'],
    gas: true,
  },
  {
    id: 'gasoline',
    name_zh: '汽油',
    aliases: ['petrol'],
    table1: { Q_t: 200, entry: '汽油（乙醇汽油、甲醇汽油）', checked: 'V' },
    classes: ['W5.3'],
    flammable: true,
    physics: {
      molarMass_g_mol: 100,
      lel_vol_pct: 1.4,
      uel_vol_pct: 7.6,
      dHc_kJ_kg: 43_700,
      boilingPoint_K: 306,
      dHv_kJ_kg: 330,
      cp_kJ_kgK: 2.2,
      liquidDensity_kg_m3: 740,
      poolBurning: { mInf_kg_m2_s: 0.055, kBeta_per_m: 2.1 },
      denseGas: true,
      source: `${PHYS}; ${BAB}`,
      verified: false,
    },
  },
  {
    id: 'benzene',
    name_zh: '苯',
    aliases: [],
    table1: { Q_t: 50, entry: '苯', checked: 'V' },
    classes: ['W5.3'],
    flammable: true,
    physics: {
      molarMass_g_mol: 78.11,
      lel_vol_pct: 1.2,
      uel_vol_pct: 7.8,
      dHc_kJ_kg: 40_100,
      boilingPoint_K: 353.2,
      dHv_kJ_kg: 394,
      cp_kJ_kgK: 1.74,
      liquidDensity_kg_m3: 876,
      poolBurning: { mInf_kg_m2_s: 0.085, kBeta_per_m: 2.7 },
      toxic: { erpg2_ppm: 150, erpg3_ppm: 1000, idlh_ppm: 500 },
      denseGas: true,
      source: `${PHYS}; ${BAB}; ERPG (AIHA); IDLH (NIOSH)`,
      verified: false,
    },
  },
  {
    id: 'toluene',
    name_zh: '甲苯',
    aliases: [],
    table1: { Q_t: 500, entry: '甲苯', checked: 'V' },
    classes: ['W5.3'],
    flammable: true,
    physics: {
      molarMass_g_mol: 92.14,
      lel_vol_pct: 1.1,
      uel_vol_pct: 7.1,
      dHc_kJ_kg: 40_500,
      boilingPoint_K: 383.8,
      dHv_kJ_kg: 363,
      cp_kJ_kgK: 1.7,
      liquidDensity_kg_m3: 867,
      poolBurning: { mInf_kg_m2_s: 0.085, kBeta_per_m: 2.7 },
      toxic: { erpg2_ppm: 300, erpg3_ppm: 1000, idlh_ppm: 500 },
      denseGas: true,
      source: `${PHYS}; burning rate taken as benzene's (${BAB})`,
      verified: false,
    },
  },
  {
    id: 'methanol',
    name_zh: '甲醇',
    aliases: [],
    table1: { Q_t: 500, entry: '甲醇', checked: 'V' },
    classes: ['W5.3'],
    flammable: true,
    physics: {
      molarMass_g_mol: 32.04,
      lel_vol_pct: 6,
      uel_vol_pct: 36,
      dHc_kJ_kg: 19_900,
      boilingPoint_K: 337.8,
      dHv_kJ_kg: 1100,
      cp_kJ_kgK: 2.5,
      liquidDensity_kg_m3: 792,
      poolBurning: { mInf_kg_m2_s: 0.017, kBeta_per_m: 100 },
      toxic: { erpg2_ppm: 1000, erpg3_ppm: 5000, idlh_ppm: 6000 },
      denseGas: false,
      source: `${PHYS}; ${BAB}; ERPG (AIHA); IDLH (NIOSH)`,
      verified: false,
    },
  },
  {
    id: 'ethanol',
    name_zh: '乙醇',
    aliases: [],
    table1: { Q_t: 500, entry: '乙醇', checked: 'V' },
    classes: ['W5.3'],
    flammable: true,
  },
  {
    id: 'acetone',
    name_zh: '丙酮',
    aliases: [],
    table1: { Q_t: 500, entry: '丙酮', checked: 'V' },
    classes: ['W5.3'],
    flammable: true,
  },
  {
    id: 'styrene',
    name_zh: '苯乙烯',
    aliases: [],
    table1: { Q_t: 500, entry: '苯乙烯', checked: 'V' },
    classes: ['W5.4'],
    flammable: true,
    physics: {
      molarMass_g_mol: 104.15,
      lel_vol_pct: 0.9,
      uel_vol_pct: 6.8,
      dHc_kJ_kg: 40_500,
      boilingPoint_K: 418.3,
      dHv_kJ_kg: 355,
      cp_kJ_kgK: 1.7,
      liquidDensity_kg_m3: 906,
      toxic: { erpg2_ppm: 250, erpg3_ppm: 1000, idlh_ppm: 700 },
      denseGas: true,
      source: `${PHYS}; ERPG (AIHA); IDLH (NIOSH)`,
      verified: false,
    },
  },
  {
    id: 'ethyl_acetate',
    name_zh: '乙酸乙酯',
    aliases: [],
    table1: { Q_t: 500, entry: '乙酸乙酯', checked: 'V' },
    classes: ['W5.3'],
    flammable: true,
  },
  {
    id: 'n-hexane',
    name_zh: '正己烷',
    aliases: ['hexane'],
    table1: { Q_t: 500, entry: '正己烷', checked: 'V' },
    classes: ['W5.3'],
    flammable: true,
  },
  {
    id: 'cyclohexane',
    name_zh: '环己烷',
    aliases: [],
    table1: { Q_t: 500, entry: '环己烷', checked: 'V' },
    classes: ['W5.3'],
    flammable: true,
  },
  {
    id: 'acrylonitrile',
    name_zh: '丙烯腈',
    aliases: [],
    table1: { Q_t: 50, entry: '2-丙烯腈', checked: 'V' },
    classes: ['W5.3', 'J5'],
    toxic: true,
    flammable: true,
  },
  {
    id: 'carbon_disulfide',
    name_zh: '二硫化碳',
    aliases: ['CS2'],
    table1: { Q_t: 50, entry: '二硫化碳', checked: 'V' },
    classes: ['W5.3'],
    flammable: true,
  },
  {
    id: 'diethyl_ether',
    name_zh: '乙醚',
    aliases: [],
    table1: { Q_t: 10, entry: '乙醚', checked: 'V' },
    classes: ['W5.1'],
    flammable: true,
  },
  {
    id: 'propylene_oxide',
    name_zh: '环氧丙烷',
    aliases: ['1,2-环氧丙烷'],
    table1: { Q_t: 10, entry: '1,2-环氧丙烷', checked: 'V' },
    classes: ['W5.1'],
    flammable: true,
  },
  {
    id: 'crude_oil',
    name_zh: '原油',
    aliases: ['石油原油'],
    classes: ['W5.3'],
    flammable: true,
    note: "not named in Table 1 (checked against a transcription of its 85 entries); classed as a flammable liquid of category 2 — crude oils range from category 1 (initial boiling point ≤ 35 °C: W5.1, Q 10 t) to 3 by flash and boiling point: set the category from the crude's safety data sheet [category assumed, unverified]",
    physics: {
      molarMass_g_mol: 200,
      lel_vol_pct: 1,
      uel_vol_pct: 7,
      dHc_kJ_kg: 42_600,
      boilingPoint_K: 400,
      dHv_kJ_kg: 300,
      cp_kJ_kgK: 2.0,
      liquidDensity_kg_m3: 850,
      poolBurning: { mInf_kg_m2_s: 0.039, kBeta_per_m: 2.8 },
      denseGas: true,
      source: `${PHYS}; ${BAB} (crude oil)`,
      verified: false,
    },
  },
  {
    id: 'naphtha',
    name_zh: '石脑油',
    aliases: [],
    classes: ['W5.3'],
    flammable: true,
    note: 'not named in Table 1; a flammable liquid of category 2 — light naphtha with an initial boiling point ≤ 35 °C is category 1 (W5.1, Q 10 t) [category assumed, unverified]',
    physics: {
      molarMass_g_mol: 100,
      lel_vol_pct: 1.1,
      uel_vol_pct: 6,
      dHc_kJ_kg: 44_000,
      boilingPoint_K: 320,
      dHv_kJ_kg: 320,
      cp_kJ_kgK: 2.2,
      liquidDensity_kg_m3: 720,
      poolBurning: { mInf_kg_m2_s: 0.055, kBeta_per_m: 2.1 },
      denseGas: true,
      source: `${PHYS}; burning rate taken as gasoline's (${BAB})`,
      verified: false,
    },
  },
  {
    id: 'jet_fuel',
    name_zh: '航空煤油',
    aliases: ['kerosene', '煤油'],
    classes: ['W5.4'],
    flammable: true,
    note: 'not named in Table 1; a flammable liquid of category 3 (flash point 23–60 °C) [category assumed, unverified]',
    physics: {
      molarMass_g_mol: 160,
      lel_vol_pct: 0.7,
      uel_vol_pct: 5,
      dHc_kJ_kg: 43_200,
      boilingPoint_K: 440,
      dHv_kJ_kg: 300,
      cp_kJ_kgK: 2.0,
      liquidDensity_kg_m3: 800,
      poolBurning: { mInf_kg_m2_s: 0.039, kBeta_per_m: 3.5 },
      denseGas: true,
      source: `${PHYS}; ${BAB} (JP-5)`,
      verified: false,
    },
  },
  {
    id: 'diesel_winter',
    name_zh: '低凝点柴油',
    aliases: ['-20号柴油', '-35号柴油', '-50号柴油', 'winter_diesel'],
    classes: ['W5.4'],
    flammable: true,
    note: 'not named in Table 1; winter grades (GB 19147: flash point from 45 °C) are flammable liquids of category 3 (flash point ≤ 60 °C) [category assumed, unverified]',
  },
  {
    id: 'diesel',
    name_zh: '柴油',
    aliases: ['0号柴油', '-10号柴油'],
    classes: [],
    excluded:
      'not a GB 18218 hazardous chemical when its flash point is above 60 °C (GB 19147 grades 5, 0 and −10): not a flammable liquid of categories 1–3; winter grades are `diesel_winter` [unverified]',
    physics: {
      molarMass_g_mol: 200,
      lel_vol_pct: 0.6,
      uel_vol_pct: 7.5,
      dHc_kJ_kg: 43_000,
      boilingPoint_K: 450,
      dHv_kJ_kg: 250,
      cp_kJ_kgK: 2.1,
      liquidDensity_kg_m3: 840,
      poolBurning: { mInf_kg_m2_s: 0.045, kBeta_per_m: 2.1 },
      denseGas: true,
      source: `${PHYS}; ${BAB} (fuel oil / diesel)`,
      verified: false,
    },
  },
  {
    id: 'fuel_oil',
    name_zh: '燃料油',
    aliases: ['heavy_oil', '重油'],
    classes: [],
    excluded: 'not a GB 18218 hazardous chemical (flash point above 60 °C) [unverified]',
    physics: {
      molarMass_g_mol: 300,
      lel_vol_pct: 0.6,
      uel_vol_pct: 5,
      dHc_kJ_kg: 39_700,
      boilingPoint_K: 550,
      dHv_kJ_kg: 250,
      cp_kJ_kgK: 2.0,
      liquidDensity_kg_m3: 950,
      poolBurning: { mInf_kg_m2_s: 0.035, kBeta_per_m: 1.7 },
      denseGas: true,
      source: `${PHYS}; ${BAB} (heavy fuel oil)`,
      verified: false,
    },
  },
  {
    id: 'sodium_hydroxide',
    name_zh: '氢氧化钠',
    aliases: ['烧碱', 'caustic_soda'],
    classes: [],
    excluded: 'not a GB 18218 hazardous chemical (corrosive only)',
  },
  {
    id: 'nitric_acid',
    name_zh: '硝酸',
    aliases: [],
    classes: [],
    oxidiser: true,
    note: 'Table 1 names nitric acid above 70 % (Q 100 t) and fuming nitric acid (Q 20 t); the stored concentration is not known here: give `nitric_acid_over_70` or `fuming_nitric_acid` [unverified]',
  },
  {
    id: 'nitric_acid_over_70',
    name_zh: '硝酸（含硝酸>70%）',
    aliases: [],
    table1: { Q_t: 100, entry: '硝酸（发红烟的除外，含硝酸>70%）', checked: 'P' },
    classes: ['W9.1'],
    oxidiser: true,
  },
  {
    id: 'fuming_nitric_acid',
    name_zh: '发烟硝酸',
    aliases: [],
    table1: { Q_t: 20, entry: '发烟硝酸', checked: 'P' },
    classes: ['W9.1'],
    oxidiser: true,
  },
];

/** Q and β of a record by the standard's rules (§4.1.2; see the file's head), with the basis of each. */
export function classify(r: SubstanceRecord): SubstanceEntry {
  const flags = { gas: !!r.gas, toxic: !!r.toxic, flammable: !!r.flammable, explosive: !!r.explosive || r.classes.some((c) => c.startsWith('W1')) };
  const { excluded, ...rest } = r;
  if (excluded) return { ...rest, ...flags, Q_t: null, beta: null, excluded: true, basis: excluded, verified: false };
  const classes = r.classes.map((c) => ({ c, ...GB18218_CLASSES[c] }));
  if (!r.table1 && !classes.length)
    return { ...rest, ...flags, Q_t: null, beta: null, excluded: false, basis: r.note ?? 'no GB 18218 class known', verified: false };
  // Q: Table 1, else the lowest Q of its categories (Table 2)
  const byQ = [...classes].sort((a, b) => a.Q_t - b.Q_t)[0];
  const Q_t = r.table1 ? r.table1.Q_t : byQ.Q_t;
  const qBasis = r.table1
    ? `Q ${Q_t} t: GB 18218-2018 Table 1, ${r.table1.entry}${r.table1.checked === 'P' ? ' [from a transcription, unverified]' : ''}`
    : `Q ${Q_t} t: not in Table 1 → Table 2, ${byQ.c} ${byQ.what}${classes.length > 1 ? ' (the lowest Q of its categories)' : ''}`;
  // β: Table 3, else the largest Table 4 β of its categories
  const byBeta = [...classes].sort((a, b) => b.beta - a.beta)[0];
  const beta = r.table3_beta ?? byBeta?.beta ?? null;
  const bBasis = r.table3_beta !== undefined ? `β ${beta}: Table 3 (named toxic gas)` : byBeta ? `β ${beta}: Table 4, ${byBeta.c}` : 'β: no category known';
  const checked = (r.table1 ? r.table1.checked === 'V' : byQ.checked === 'V') && (r.table3_beta !== undefined || byBeta?.checked === 'V');
  return {
    ...rest,
    ...flags,
    Q_t,
    beta,
    excluded: false,
    basis: `${qBasis}; ${bBasis}${r.note ? ` — ${r.note}` : ''}`,
    verified: checked && !r.note,
  };
}

export const SUBSTANCES: readonly SubstanceEntry[] = RECORDS.map(classify);

const BY_NAME = new Map<string, SubstanceEntry>();
for (const s of SUBSTANCES) for (const n of [s.id, s.name_zh, ...s.aliases]) BY_NAME.set(n.toLowerCase(), s);

/** Looks a substance up by id, Chinese name or alias (case-insensitive); undefined when unknown. */
export function findSubstance(name: string): SubstanceEntry | undefined {
  return BY_NAME.get(name.trim().toLowerCase());
}
