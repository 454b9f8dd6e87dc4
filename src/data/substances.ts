/**
 * Substances of the GB 18218-2018 identification of major hazard sources: critical quantity Q (t)
 * and correction factor β, with how each was obtained, and the physical class the GB/T 37243
 * method decision needs (toxic gas, flammable gas, explosive).
 *
 * Sources: GB 18218-2018 Table 1 (named substances), Table 2 (by hazard category), Table 3 (β of
 * named toxic gases) and Table 4 (β by category); entries marked `verified: true` were checked
 * against those tables. Entries whose value comes from a category rule we applied ourselves, or
 * from memory, are `verified: false` and say so in `basis`.
 */

export interface SubstanceEntry {
  id: string;
  /** Other names the layout may use (English, Chinese, formula). */
  aliases: string[];
  /** GB 18218-2018 critical quantity, t; null when excluded or not determinable. */
  Q_t: number | null;
  /** Known not to be a GB 18218 hazardous chemical (left out of S and R without a report). */
  excluded: boolean;
  /** Correction factor β. */
  beta: number | null;
  basis: string;
  verified: boolean;
  /** Gas at ambient conditions (stored as gas or liquefied). */
  gas: boolean;
  toxic: boolean;
  flammable: boolean;
  explosive: boolean;
}

const T1 = 'GB 18218-2018 Table 1';
const b = (v: number, src: string) => ({ beta: v, src });
const FLAM_GAS_BETA = b(1.5, 'Table 4, W2 flammable gas');
const FLAM_LIQ_BETA = b(1, 'Table 4, W5.2–W5.4 flammable liquid');

function e(
  id: string,
  aliases: string[],
  Q_t: number | null,
  beta: { beta: number; src: string } | null,
  qBasis: string,
  verified: boolean,
  cls: { gas?: boolean; toxic?: boolean; flammable?: boolean; explosive?: boolean; excluded?: boolean },
): SubstanceEntry {
  return {
    id,
    aliases,
    Q_t,
    excluded: cls.excluded ?? false,
    beta: beta?.beta ?? null,
    basis: beta ? `Q: ${qBasis}; β: GB 18218-2018 ${beta.src}` : qBasis,
    verified,
    gas: cls.gas ?? false,
    toxic: cls.toxic ?? false,
    flammable: cls.flammable ?? false,
    explosive: cls.explosive ?? false,
  };
}

export const SUBSTANCES: SubstanceEntry[] = [
  e('chlorine', ['氯', '液氯', 'Cl2'], 5, b(4, 'Table 3, chlorine'), T1, true, { gas: true, toxic: true }),
  e('ammonia', ['氨', '液氨', 'NH3'], 10, b(2, 'Table 3, ammonia'), T1, true, { gas: true, toxic: true, flammable: true }),
  e('hydrogen', ['氢', '氢气', 'H2'], 5, FLAM_GAS_BETA, T1, true, { gas: true, flammable: true }),
  e('lpg', ['液化石油气', 'liquefied_petroleum_gas'], 50, FLAM_GAS_BETA, T1, true, { gas: true, flammable: true }),
  e('natural_gas', ['天然气', 'methane', '甲烷'], 50, FLAM_GAS_BETA, T1, true, { gas: true, flammable: true }),
  e('lng', ['液化天然气'], 50, FLAM_GAS_BETA, `${T1} (methane, natural gas)`, true, { gas: true, flammable: true }),
  e('ethylene', ['乙烯'], 50, FLAM_GAS_BETA, T1, true, { gas: true, flammable: true }),
  e('acetylene', ['乙炔'], 1, FLAM_GAS_BETA, T1, true, { gas: true, flammable: true }),
  e('1,3-butadiene', ['butadiene', '1,3-丁二烯'], 5, FLAM_GAS_BETA, T1, true, { gas: true, flammable: true }),
  e('vinyl_chloride', ['氯乙烯'], 50, FLAM_GAS_BETA, T1, true, { gas: true, flammable: true, toxic: true }),
  e('hydrogen_sulfide', ['硫化氢', 'H2S'], 5, b(5, 'Table 3, hydrogen sulfide'), T1, true, { gas: true, toxic: true, flammable: true }),
  e('hydrogen_chloride', ['氯化氢', 'HCl'], 20, b(3, 'Table 3, hydrogen chloride'), `${T1} (anhydrous)`, true, { gas: true, toxic: true }),
  e('sulfur_dioxide', ['二氧化硫', 'SO2'], 20, b(2, 'Table 3, sulfur dioxide'), T1, true, { gas: true, toxic: true }),
  e('hydrogen_fluoride', ['氟化氢', 'HF'], 1, b(5, 'Table 3, hydrogen fluoride'), T1, true, { gas: true, toxic: true }),
  e('hydrogen_cyanide', ['氰化氢', 'HCN'], 1, b(10, 'Table 3, hydrogen cyanide'), T1, true, { gas: true, toxic: true, flammable: true }),
  e('phosgene', ['光气', 'COCl2'], 0.3, b(20, 'Table 3, phosgene'), T1, true, { gas: true, toxic: true }),
  e('ethylene_oxide', ['环氧乙烷'], 10, b(2, 'Table 3, ethylene oxide'), T1, true, { gas: true, toxic: true, flammable: true }),
  e('carbon_monoxide', ['一氧化碳', 'CO'], 10, b(2, 'Table 3, carbon monoxide'), `${T1} [value unverified]`, false, {
    gas: true,
    toxic: true,
    flammable: true,
  }),
  e('oxygen', ['氧', '氧气', 'O2'], 200, b(1, 'Table 4, W4 oxidising gas [unverified]'), T1, true, { gas: true }),
  e('gasoline', ['汽油', 'petrol'], 200, FLAM_LIQ_BETA, T1, true, { flammable: true }),
  e('benzene', ['苯'], 50, FLAM_LIQ_BETA, T1, true, { flammable: true }),
  e('toluene', ['甲苯'], 500, FLAM_LIQ_BETA, T1, true, { flammable: true }),
  e('methanol', ['甲醇'], 500, FLAM_LIQ_BETA, T1, true, { flammable: true }),
  e('ethanol', ['乙醇'], 500, FLAM_LIQ_BETA, T1, true, { flammable: true }),
  e('acetone', ['丙酮'], 500, FLAM_LIQ_BETA, T1, true, { flammable: true }),
  e('styrene', ['苯乙烯'], 500, FLAM_LIQ_BETA, T1, true, { flammable: true }),
  e('ethyl_acetate', ['乙酸乙酯'], 500, FLAM_LIQ_BETA, T1, true, { flammable: true }),
  e('n-hexane', ['hexane', '正己烷'], 500, FLAM_LIQ_BETA, T1, true, { flammable: true }),
  e('cyclohexane', ['环己烷'], 500, FLAM_LIQ_BETA, T1, true, { flammable: true }),
  e('acrylonitrile', ['丙烯腈'], 50, FLAM_LIQ_BETA, T1, true, { flammable: true, toxic: true }),
  e('carbon_disulfide', ['二硫化碳', 'CS2'], 50, FLAM_LIQ_BETA, T1, true, { flammable: true }),
  e('diethyl_ether', ['乙醚'], 10, FLAM_LIQ_BETA, T1, true, { flammable: true }),
  e('propylene_oxide', ['环氧丙烷'], 10, FLAM_LIQ_BETA, T1, true, { flammable: true }),
  e('crude_oil', ['原油'], 5000, FLAM_LIQ_BETA, `${T1}, crude oil [remembered, unverified]`, false, { flammable: true }),
  e('naphtha', ['石脑油'], 1000, FLAM_LIQ_BETA, 'Table 2, W5.3 flammable liquid category 2 [category assigned by us, unverified]', false, { flammable: true }),
  e(
    'jet_fuel',
    ['航空煤油', 'kerosene', '煤油'],
    5000,
    FLAM_LIQ_BETA,
    'Table 2, W5.4 flammable liquid category 3 [category assigned by us, unverified]',
    false,
    { flammable: true },
  ),
  e(
    'diesel',
    ['柴油'],
    null,
    null,
    'not a GB 18218 hazardous chemical when its flash point is above 60 °C (not a flammable liquid of categories 1–3) [unverified]',
    false,
    { excluded: true },
  ),
  e('fuel_oil', ['燃料油', 'heavy_oil', '重油'], null, null, 'not a GB 18218 hazardous chemical (flash point above 60 °C) [unverified]', false, {
    excluded: true,
  }),
  e('sodium_hydroxide', ['氢氧化钠', '烧碱', 'caustic_soda'], null, null, 'not a GB 18218 hazardous chemical (corrosive only)', false, { excluded: true }),
  e(
    'nitric_acid',
    ['硝酸'],
    null,
    null,
    'GB 18218-2018 lists oxidising liquids by category; the category of the stored concentration is not known here [unverified]',
    false,
    {},
  ),
];

const BY_NAME = new Map<string, SubstanceEntry>();
for (const s of SUBSTANCES) for (const n of [s.id, ...s.aliases]) BY_NAME.set(n.toLowerCase(), s);

/** Looks a substance up by id or alias (case-insensitive); undefined when unknown. */
export function findSubstance(name: string): SubstanceEntry | undefined {
  return BY_NAME.get(name.trim().toLowerCase());
}
