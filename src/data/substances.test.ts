/**
 * GB 18218-2018 classing of the substance table, worked by hand from the standard's rules (§4.1.2,
 * Tables 1–4): Table 1 before Table 2, the lowest Q of several categories, Table 3 before Table 4.
 */
import { describe, expect, it } from 'vitest';
import { classify, findSubstance, SUBSTANCES } from './substances.ts';

describe('GB 18218-2018 classing', () => {
  it('takes Q from Table 1 and β from Table 3 for a named toxic gas (chlorine: 5 t, β 4)', () => {
    expect(findSubstance('液氯')).toMatchObject({ id: 'chlorine', Q_t: 5, beta: 4, verified: true });
  });

  it('classes a substance not in Table 1 by its category (crude oil as flammable liquid 2: W5.3, Q 1 000 t, β 1), marked unverified', () => {
    const crude = findSubstance('crude_oil')!;
    expect(crude).toMatchObject({ Q_t: 1000, beta: 1, verified: false, excluded: false });
    expect(crude.basis).toMatch(/not in Table 1 → Table 2, W5\.3/);
  });

  it('gives category-1 flammable liquids the β of W5.1 (diethyl ether: Table 1 Q 10 t, β 1.5)', () => {
    expect(findSubstance('乙醚')).toMatchObject({ Q_t: 10, beta: 1.5 });
    expect(findSubstance('propylene_oxide')).toMatchObject({ Q_t: 10, beta: 1.5 });
    expect(findSubstance('benzene')).toMatchObject({ Q_t: 50, beta: 1 });
  });

  it('classes CO by the Table 1 town-gas entry (Q 20 t, β 2 from Table 3), from a transcription: unverified', () => {
    const co = findSubstance('CO')!;
    expect(co).toMatchObject({ id: 'carbon_monoxide', Q_t: 20, beta: 2, verified: false });
    expect(co.basis).toMatch(/煤气.*transcription/);
  });

  it('leaves summer diesel out and classes winter diesel as flammable liquid 3 (W5.4, Q 5 000 t)', () => {
    expect(findSubstance('柴油')).toMatchObject({ excluded: true, Q_t: null });
    expect(findSubstance('-35号柴油')).toMatchObject({ id: 'diesel_winter', Q_t: 5000, beta: 1 });
  });

  it('takes the lowest Q and the largest β of several categories (a gas of acute toxicity 1 that also burns: J1 and W2 → Q 5 t, β 4)', () => {
    const s = classify({ id: 'x', name_zh: 'x', aliases: [], classes: ['W2', 'J1'], gas: true });
    expect(s).toMatchObject({ Q_t: 5, beta: 4, verified: true });
    expect(s.basis).toBe(
      'Q 5 t: not in Table 1 → Table 2, J1 急性毒性 类别1，所有暴露途径，气体 (acute toxicity 1, gas) (the lowest Q of its categories); β 4: Table 4, J1',
    );
  });

  it('reports a substance of unknown class as unresolved, not as excluded (nitric acid of unknown strength)', () => {
    expect(findSubstance('nitric_acid')).toMatchObject({ Q_t: null, excluded: false });
    expect(findSubstance('nitric_acid_over_70')).toMatchObject({ Q_t: 100, beta: 1 });
  });

  it('explains every entry: a basis, and either a Q or a reason', () => {
    for (const s of SUBSTANCES) {
      expect(s.basis.length, s.id).toBeGreaterThan(10);
      if (s.Q_t !== null) expect(s.beta, s.id).not.toBeNull();
    }
    const names = SUBSTANCES.flatMap((s) => [s.id, s.name_zh, ...s.aliases].map((n) => n.toLowerCase()));
    expect(new Set(names).size).toBe(names.length); // no name means two substances
  });
});
