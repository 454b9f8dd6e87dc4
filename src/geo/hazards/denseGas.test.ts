/**
 * The Britter–McQuaid dense plume: the curve fits as tabulated, the published Burro LNG example of
 * CCPS (1999), and by hand the parameters, the non-isothermal correction, the plume's extent and
 * the passive continuation.
 */
import { describe, expect, it } from 'vitest';
import { airDensity_kg_m3, bmPlumeBeta, bmRatio, BM_PLUME_RATIOS, britterMcQuaidPlume, gasDensity_kg_m3 } from './denseGas.ts';
import { gm3ToPpm, plumeConcentration } from './dispersion.ts';
import { runHazard } from './index.ts';

describe('Britter–McQuaid plume curve fits (CCPS 1999 / TSCREEN EPA-454/B-94-023)', () => {
  // β for Cm/C0 = 0.1, 0.05, 0.02, 0.01, 0.005, 0.002 at four values of α, from the table's lines by hand
  const rows: [number, number[]][] = [
    [-0.75, [1.75, 1.92, 2.08, 2.25, 2.4, 2.6]], // all on the flat first segments
    [-0.4, [0.24 * -0.4 + 1.88, 0.36 * -0.4 + 2.16, 0.45 * -0.4 + 2.39, 0.49 * -0.4 + 2.59, 0.59 * -0.4 + 2.8, 0.39 * -0.4 + 2.87]],
    [-0.2, [0.24 * -0.2 + 1.88, 2.06, 2.25, 2.45, 2.63, 2.77]],
    [0, [1.78, 1.96, 2.16, 2.35, 2.56, 2.71]],
  ];
  for (const [alpha, betas] of rows) {
    it(`α = ${alpha}: β = ${betas.map((b) => b.toFixed(3)).join(', ')}`, () => {
      expect(BM_PLUME_RATIOS.map((r) => bmPlumeBeta(r, alpha))).toEqual(betas.map((b) => expect.closeTo(b, 12)));
    });
  }
  it('the curves are continuous where their segments meet, and never cross (lower ratios lie further)', () => {
    for (const r of BM_PLUME_RATIOS)
      for (const a of [-0.7, -0.69, -0.68, -0.67, -0.55, -0.31, -0.29, -0.28, -0.25, -0.2, -0.18, -0.16, -0.15, -0.14, -0.13])
        expect(Math.abs(bmPlumeBeta(r, a - 1e-9) - bmPlumeBeta(r, a + 1e-9)), `${r} at ${a}`).toBeLessThan(0.011);
    for (let a = -1; a <= 1; a += 0.01)
      for (let j = 1; j < BM_PLUME_RATIOS.length; j++) expect(bmPlumeBeta(BM_PLUME_RATIOS[j], a)).toBeGreaterThan(bmPlumeBeta(BM_PLUME_RATIOS[j - 1], a));
  });
});

describe('published — Britter–McQuaid, the Burro LNG example of CCPS (1999) p. 122', () => {
  /*
   * AIChE/CCPS (1999), Guidelines for Consequence Analysis of Chemical Releases, p. 122: LNG spilled
   * at 0.23 m³/s of liquid (425.6 kg/m³), its vapour 1.76 kg/m³ at −162 °C, wind 10.9 m/s at 10 m;
   * the distance to the lower flammable limit, 5 % — printed about 367 m. Inputs as transcribed by
   * GasDispersion.jl (its documentation and tests, which take the air at 298 K and read the book's
   * answer as "about 5 % at 367 m"). Recomputed here: q0 = 55.6 m³/s, g0 = 4.76 m/s², D = 2.26 m,
   * α = −0.417; Cm/C0 = 0.05 / (0.05 + 0.95 · 298/111.15) = 0.0193, between the 0.02 and 0.01 curves.
   */
  const bm = britterMcQuaidPlume({
    rate_kg_s: 0.23 * 425.6,
    source_density_kg_m3: 1.76,
    source_temperature_K: 273.15 - 162,
    ambient_temperature_K: 298,
    u10_m_s: 10.9,
  });
  it('q0, g0, D, α by hand', () => {
    expect(bm.q0_m3_s).toBeCloseTo((0.23 * 425.6) / 1.76, 9);
    expect(airDensity_kg_m3(298)).toBeCloseTo(1.184, 3);
    expect(bm.g0_m_s2).toBeCloseTo((9.80665 * (1.76 - airDensity_kg_m3(298))) / airDensity_kg_m3(298), 9);
    expect(bm.D_m).toBeCloseTo(2.26, 2);
    expect(bm.alpha).toBeCloseTo(0.2 * Math.log10((bm.g0_m_s2 ** 2 * bm.q0_m3_s) / 10.9 ** 5), 12);
    expect(bm.alpha).toBeCloseTo(-0.417, 3);
    expect(bm.dense).toBe(true);
    expect(bmRatio(0.05, 298, 111.15)).toBeCloseTo(0.0193, 4);
  });
  it('the LFL (5 %) is reached about 367 m downwind (ours 368 m, within 1 %)', () => {
    const x = bm.distanceTo(0.05)!;
    expect(x.region).toBe('correlation');
    expect(Math.abs(x.x_m - 367) / 367).toBeLessThan(0.01);
    // by hand: β interpolated in log Cm/C0 between the 0.02 and 0.01 curves
    const b2 = 0.45 * bm.alpha + 2.39;
    const b1 = 0.49 * bm.alpha + 2.59;
    const f = (Math.log10(0.02) - Math.log10(bmRatio(0.05, 298, 111.15))) / (Math.log10(0.02) - Math.log10(0.01));
    expect(x.x_m).toBeCloseTo(bm.D_m * 10 ** (b2 + f * (b1 - b2)), 3);
  });
  it('the cloud: upwind D/2 + 2 lb, half-width D + 8 lb at the source, growing as 2.5 lb^⅓ x^⅔', () => {
    const lb = (bm.g0_m_s2 * bm.q0_m3_s) / 10.9 ** 3;
    expect(bm.lb_m).toBeCloseTo(lb, 12);
    expect(bm.upwind_m).toBeCloseTo(bm.D_m / 2 + 2 * lb, 12);
    expect(bm.topHatHalfWidth(0)).toBeCloseTo(bm.D_m + 8 * lb, 12);
    expect(bm.topHatHalfWidth(367)).toBeCloseTo(bm.D_m + 8 * lb + 2.5 * Math.cbrt(lb) * 367 ** (2 / 3), 9);
    expect(bm.at(-bm.upwind_m - 0.01, 0)).toBe(0);
    expect(bm.at(-bm.upwind_m + 0.01, 0)).toBe(1);
    expect(bm.at(367, bm.topHatHalfWidth(367) + 0.01)).toBe(0);
    expect(bm.at(367, bm.topHatHalfWidth(367) - 0.01)).toBeCloseTo(bm.centreline(367).c_vol, 12);
  });
});

describe('Britter–McQuaid: model behaviour', () => {
  const chlorine = (passive = true) =>
    britterMcQuaidPlume({
      rate_kg_s: 2,
      source_density_kg_m3: gasDensity_kg_m3(70.9, 239.1),
      source_temperature_K: 239.1,
      ambient_temperature_K: 293.15,
      u10_m_s: 3,
      ...(passive ? { passive: { stability: 'D' as const, sigma: 'ccps' as const, molarMass_g_mol: 70.9 } } : {}),
    });
  it('chlorine vapour at its boiling point: 3.61 kg/m³, dense; a light gas is not', () => {
    expect(gasDensity_kg_m3(70.9, 239.1)).toBeCloseTo(3.614, 3);
    expect(chlorine().dense).toBe(true);
    const ammonia = britterMcQuaidPlume({
      rate_kg_s: 2,
      source_density_kg_m3: gasDensity_kg_m3(17.03, 239.8),
      source_temperature_K: 239.8,
      ambient_temperature_K: 293.15,
      u10_m_s: 3,
    });
    expect(ammonia.g0_m_s2).toBeLessThan(0);
    expect(ammonia.dense).toBe(false);
  });
  it('an isothermal release needs no correction; a cold one holds less gas per volume once warm', () => {
    expect(bmRatio(0.03, 293, 293)).toBeCloseTo(0.03, 15);
    expect(bmRatio(0.03, 293, 240)).toBeLessThan(0.03);
  });
  it('the centreline falls steadily from the source through the correlations into the passive plume, without a jump at the hand-over', () => {
    const p = chlorine();
    let last = Infinity;
    for (let x = 0.5; x < 20_000; x *= 1.1) {
      const c = p.centreline(x).c_vol;
      expect(c).toBeLessThan(last);
      last = c;
    }
    const before = p.centreline(p.transition_m * 0.999);
    const after = p.centreline(p.transition_m * 1.001);
    expect(before.region).toBe('correlation');
    expect(after.region).toBe('passive');
    expect(Math.abs(after.c_vol - before.c_vol) / before.c_vol).toBeLessThan(0.01);
  });
  it('the passive part is the Gaussian plume of the same release from the virtual source', () => {
    const p = chlorine();
    const x = 2000;
    const g = plumeConcentration({ q_g_s: 2000, u_m_s: 3, h_m: 0, stability: 'D', sigma: 'ccps' }, { x_m: x + p.virtualSource_m!, y_m: 0, z_m: 0 });
    expect(p.centreline(x).c_vol).toBeCloseTo(gm3ToPpm(g.c_g_m3, 70.9, 293.15) * 1e-6, 12);
    // a threshold past the correlations is found in the passive plume
    expect(p.distanceTo(3e-6)!.region).toBe('passive');
    // without a passive continuation the curves are extended, and say so
    expect(chlorine(false).distanceTo(3e-6)!.region).toBe('extrapolated');
  });
});

describe('runHazard: britter-mcquaid-plume', () => {
  it('answers with the parameters, the distances and where each comes from; bad input names the field', () => {
    const out = runHazard({
      model: 'britter-mcquaid-plume',
      rate_kg_s: 97.888,
      source_density_kg_m3: 1.76,
      source_temperature_K: 111.15,
      ambient_temperature_K: 298,
      u10_m_s: 10.9,
      thresholds_vol_frac: [0.05],
      receptors_m: [367],
    });
    expect(out).toMatchObject({
      D_m: expect.closeTo(2.26, 2),
      dense: true,
      distances_m: { '0.05': { x_m: expect.closeTo(368.3, 0), region: 'correlation' } },
      receptors: [{ x_m: 367, region: 'correlation' }],
    });
    expect(() => runHazard({ model: 'britter-mcquaid-plume', rate_kg_s: 1, source_density_kg_m3: 3, u10_m_s: 3, stability: 'D' })).toThrow(
      /stability: the passive continuation needs/,
    );
    expect(() => runHazard({ model: 'britter-mcquaid-plume', rate_kg_s: 1, source_density_kg_m3: -3, u10_m_s: 3 })).toThrow(/source_density_kg_m3: /);
  });
});
