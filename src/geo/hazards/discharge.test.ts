/**
 * Source terms against the CCPS worked examples (inputs and answers) and by hand.
 */
import { describe, expect, it } from 'vitest';
import { R_J_MOLK } from './denseGas.ts';
import { ATM_PA, flashFraction, gasDischarge, liquidDischarge } from './discharge.ts';

describe('discharge through a hole', () => {
  it('liquid: CCPS (1999) Guidelines for Consequence Analysis of Chemical Releases, liquid-jet example, p. 40', () => {
    // 10 mm hole, Cd 0.63, ρ 490 kg/m³, 19 610 Pa over atmospheric (pressure and head together);
    // answer 0.2169 kg/s at 5.636 m/s. Inputs and answer as reproduced in the test suite of
    // GasDispersion.jl (aefarrell/GasDispersion.jl, test/source_models/jet_source_tests.jl); the
    // book's page itself was not seen here.
    const r = liquidDischarge({ hole_diameter_m: 0.01, gauge_pressure_Pa: 120_935.0368 - ATM_PA, density_kg_m3: 490, cd: 0.63 });
    expect(r.rate_kg_s).toBeCloseTo(0.21691154763598, 8);
    expect(r.velocity_m_s).toBeCloseTo(5.636333880812954, 8);
  });

  it('liquid: the head adds as ρ g h does to the pressure — by hand', () => {
    // water, 25 mm, 3 m of head and no overpressure ≡ 29 420 Pa and no head: u = 0.61 √(2 · 9.80665 · 3) = 4.679137 m/s
    const a = liquidDischarge({ hole_diameter_m: 0.025, gauge_pressure_Pa: 0, head_m: 3, density_kg_m3: 1000 });
    const b = liquidDischarge({ hole_diameter_m: 0.025, gauge_pressure_Pa: 1000 * 9.80665 * 3, density_kg_m3: 1000 });
    expect(a.velocity_m_s).toBeCloseTo(0.61 * Math.sqrt(2 * 9.80665 * 3), 12);
    expect(a.rate_kg_s).toBeCloseTo(1000 * (Math.PI / 4) * 0.025 ** 2 * 4.679137, 3);
    expect(b.rate_kg_s).toBeCloseTo(a.rate_kg_s, 12);
    expect(liquidDischarge({ hole_diameter_m: 0.025, gauge_pressure_Pa: 0, density_kg_m3: 1000 }).rate_kg_s).toBe(0);
  });

  it('gas, choked: CCPS (1999) gas-jet example, p. 47', () => {
    // 10 mm hole, Cd 0.85, γ 1.15, 501 kPa abs, 298 K, ρ 8.90 kg/m³ (so M = ρRT/P = 44.0 g/mol);
    // answer 0.0900 kg/s, throat at 287.8 kPa and 277.2 K, 208.6 m/s — as reproduced in the same
    // GasDispersion.jl test (the book's page not seen here).
    const M = ((8.9 * R_J_MOLK * 298) / 501e3) * 1000;
    const r = gasDischarge({ hole_diameter_m: 0.01, pressure_Pa: 501e3, temperature_K: 298, molarMass_g_mol: M, gamma: 1.15, cd: 0.85 });
    expect(r.choked).toBe(true);
    expect(r.rate_kg_s).toBeCloseTo(0.09002799947040846, 9);
    expect(r.exit_pressure_Pa).toBeCloseTo(287_766.01316878956, 3);
    expect(r.exit_temperature_K).toBeCloseTo(277.2093023255814, 9);
    expect(r.velocity_m_s).toBeCloseTo(208.58711308961637, 6);
  });

  it('gas, not choked: air at 150 kPa abs through 25 mm — by hand', () => {
    // ratio 1.48 < 1.893 (γ 1.4): ρ0 = 150e3 · 0.02896 / (R · 293.15) = 1.78224 kg/m³;
    // ṁ = 0.61 A √(2 ρ0 P0 γ/(γ−1) [r^(2/γ) − r^((γ+1)/γ)]), r = 101325/150000 → 0.100786 kg/s;
    // exit at 101 325 Pa and 293.15 · r^(0.4/1.4) = 262.066 K, 152.46 m/s
    const r = gasDischarge({ hole_diameter_m: 0.025, pressure_Pa: 150e3, temperature_K: 293.15, molarMass_g_mol: 28.96, gamma: 1.4 });
    expect(r.choked).toBe(false);
    expect(r.rate_kg_s).toBeCloseTo(0.1007862812, 8);
    expect(r.exit_pressure_Pa).toBe(ATM_PA);
    expect(r.exit_temperature_K).toBeCloseTo(262.0664514, 5);
    expect(r.velocity_m_s).toBeCloseTo(152.4621239, 5);
  });

  it('gas: the two regimes meet at the critical ratio; none flows without overpressure', () => {
    const k = 1.3;
    const crit = ((k + 1) / 2) ** (k / (k - 1));
    const at = (p: number) => gasDischarge({ hole_diameter_m: 0.02, pressure_Pa: p, temperature_K: 300, molarMass_g_mol: 16.04, gamma: k }).rate_kg_s;
    expect(at(ATM_PA * crit * (1 - 1e-9))).toBeCloseTo(at(ATM_PA * crit), 9);
    expect(at(ATM_PA)).toBe(0);
    // choked: the rate is proportional to the pressure
    expect(at(4e6) / at(2e6)).toBeCloseTo(2, 12);
  });

  it('flash fraction: propane at 20 °C — cp (T − Tb)/ΔHv = 2.5 · 62.05 / 426 = 0.364; none below the boiling point', () => {
    expect(flashFraction({ temperature_K: 293.15, boilingPoint_K: 231.1, cp_kJ_kgK: 2.5, dHv_kJ_kg: 426 })).toBeCloseTo(0.364143, 6);
    expect(flashFraction({ temperature_K: 293.15, boilingPoint_K: 353.2, cp_kJ_kgK: 1.74, dHv_kJ_kg: 394 })).toBe(0);
    expect(flashFraction({ temperature_K: 400, boilingPoint_K: 111.7, cp_kJ_kgK: 3.5, dHv_kJ_kg: 510 })).toBe(1);
  });
});
