/**
 * GB 18218-2018 worked by hand: S and R of mixtures, the α thresholds (0, 1, 30, 50, 100 people
 * within 500 m), the grade boundaries, units from dikes and process units, unknown substances.
 */
import { describe, expect, it } from 'vitest';
import { feature, localPark, processUnit, RESP, tank } from '../__test__/localPark.ts';
import { alphaFor, gradeFor, identifyMajorHazards, scoreUnit } from './majorHazards.ts';

describe('GB 18218-2018 formulas', () => {
  it('α by population within 500 m (Table 5), at each threshold', () => {
    expect([0, 1, 29, 30, 49, 50, 99, 100, 5000].map(alphaFor)).toEqual([0.5, 1.0, 1.0, 1.2, 1.2, 1.5, 1.5, 2.0, 2.0]);
  });
  it('grade by R (Table 6) at the boundaries, none below S = 1', () => {
    expect(gradeFor(1, 100)).toBe(1);
    expect(gradeFor(1, 99.999)).toBe(2);
    expect(gradeFor(1, 50)).toBe(2);
    expect(gradeFor(1, 49.99)).toBe(3);
    expect(gradeFor(1, 10)).toBe(3);
    expect(gradeFor(1, 9.99)).toBe(4);
    expect(gradeFor(0.999, 500)).toBeNull();
  });
  it('a mixture: 10 t chlorine (Q 5, β 4) and 20 t ammonia (Q 10, β 2) → S = 4, R = α × 12', () => {
    const q = new Map([
      ['chlorine', 10],
      ['ammonia', 20],
    ]);
    for (const [alpha, R, grade] of [
      [0.5, 6, 4],
      [1.0, 12, 3],
      [1.2, 14.4, 3],
      [1.5, 18, 3],
      [2.0, 24, 3],
    ] as const) {
      const s = scoreUnit(q, alpha);
      expect(s.S).toBe(4);
      expect(s.R).toBeCloseTo(R, 9);
      expect(gradeFor(s.S, s.R)).toBe(grade);
    }
  });
  it('a flammable mixture: 150 t gasoline (Q 200, β 1) and 40 t LPG (Q 50, β 1.5) → S = 1.55, R = α × 1.95', () => {
    const s = scoreUnit(
      new Map([
        ['gasoline', 150],
        ['lpg', 40],
      ]),
      2,
    );
    expect(s.S).toBeCloseTo(1.55, 9);
    expect(s.R).toBeCloseTo(3.9, 9);
  });
  it('reports unknown substances instead of guessing, and leaves out known non-hazardous ones', () => {
    const s = scoreUnit(
      new Map([
        ['unobtainium', 100],
        ['sodium_hydroxide', 500],
        ['氯', 5],
      ]),
      1,
    );
    expect(s.unresolved).toEqual(['unobtainium']);
    expect(s.S).toBe(1); // 5 t chlorine by its Chinese name
    expect(s.substances.map((x) => x.substance)).toEqual(['chlorine']);
  });
});

describe('identifyMajorHazards on a hand-built park', () => {
  const chlorineDike = [
    feature('dike', 'DK-CL', { rect: [0, 0, 40, 30] }, { height_m: 1 }),
    tank('CL1', 10, 15, {
      roof: 'horizontal',
      diameter_m: 2.8,
      height_m: 2.8,
      length_m: 9,
      capacity_m3: 50,
      substance: 'chlorine',
      fire_class: undefined,
      inventory_t: 3,
      dike_id: 'DK-CL',
    }),
    tank('CL2', 30, 15, {
      roof: 'horizontal',
      diameter_m: 2.8,
      height_m: 2.8,
      length_m: 9,
      capacity_m3: 50,
      substance: 'chlorine',
      fire_class: undefined,
      inventory_t: 3,
      dike_id: 'DK-CL',
    }),
  ];
  const village = (y: number, population: number) =>
    feature(
      'protected_target',
      'V',
      { rect: [0, y, 100, y + 100] },
      { name: 'v', category: 'village', population, gb36894_category: population >= 100 ? 'general_1' : population >= 30 ? 'general_2' : 'general_3' },
    );

  it('a dike is one unit: 6 t chlorine → S 1.2, R = α × 4.8; a village of 120 people 400 m away → α 2', () => {
    const [u] = identifyMajorHazards(localPark([...chlorineDike, village(430, 120)]));
    expect(u).toMatchObject({ unit: 'DK-CL', type: 'storage', members: ['CL1', 'CL2'], S: 1.2, alpha: 2, population_500m: 120, grade: 4 });
    expect(u.R).toBeCloseTo(9.6, 9);
  });
  it('the same village 600 m away does not count: α 0.5', () => {
    const [u] = identifyMajorHazards(localPark([...chlorineDike, village(630, 120)]));
    expect(u).toMatchObject({ alpha: 0.5, population_500m: 0 });
    expect(u.R).toBeCloseTo(2.4, 9);
  });
  it('α thresholds through the model: 29 → 1.0, 30 → 1.2, 50 → 1.5', () => {
    expect(identifyMajorHazards(localPark([...chlorineDike, village(200, 29)]))[0].alpha).toBe(1.0);
    expect(identifyMajorHazards(localPark([...chlorineDike, village(200, 30)]))[0].alpha).toBe(1.2);
    expect(identifyMajorHazards(localPark([...chlorineDike, village(200, 50)]))[0].alpha).toBe(1.5);
  });
  // GB 18218-2018 §4.3.3: α counts the residents within 500 m of the plant boundary (厂区边界)
  const plant = (rect: [number, number, number, number]) =>
    feature('enterprise', 'E1', { rect }, { name: 'Chlor-alkali works', industry: 'chlor-alkali', major_hazard: true, employees: 300 });
  it('α from the plant boundary: a village 420 m from the works’ fence but 580 m from its dike counts (α 2.0, not 0.5)', () => {
    // dike 0..40 × 0..30; the works' fence 160 m north of the dike (y = 190); the village from y = 610
    const inWorks = chlorineDike.map((f) => ({ ...f, properties: { ...f.properties, enterprise_id: 'E1' } }));
    const [u] = identifyMajorHazards(localPark([plant([-60, -60, 100, 190]), ...inWorks, village(610, 120)]));
    expect(u).toMatchObject({ enterprise: 'E1', alpha_from: 'plant_boundary', alpha: 2, population_500m: 120, notes: [] });
    expect(u.R).toBeCloseTo(9.6, 9); // 2 × β 4 × 6/5
    // the same unit outside any enterprise is measured from its own outline, and says so
    const [alone] = identifyMajorHazards(localPark([...chlorineDike, village(610, 120)]));
    expect(alone).toMatchObject({ enterprise: null, alpha_from: 'unit_outline', alpha: 0.5, population_500m: 0 });
    expect(alone.notes[0]).toMatch(/no enterprise: α measured from the unit’s own outline/);
  });
  it('finds the plant by the enterprise polygon the unit stands in when no enterprise_id is given', () => {
    const [u] = identifyMajorHazards(localPark([plant([-60, -60, 100, 190]), ...chlorineDike, village(610, 120)]));
    expect(u).toMatchObject({ enterprise: 'E1', alpha: 2 });
  });
  it('carries each substance’s basis, and notes the ones classed by an assumed category', () => {
    const [u] = identifyMajorHazards(localPark([tank('CR', 0, 0, { substance: 'crude_oil', inventory_t: 2000, fire_class: '甲B', diameter_m: 20 })]));
    // crude oil, not in Table 1: flammable liquid 2 → W5.3, Q 1 000 t: S = 2, R = 0.5 × 1 × 2 = 1
    expect(u).toMatchObject({ S: 2, R: 1, grade: 4 });
    expect(u.substances[0].basis).toMatch(/W5\.3/);
    expect(u.notes.some((n) => n.startsWith('crude_oil: Q 1000 t'))).toBe(true);
  });
  it('a process unit with its vessels and other substances is one production unit', () => {
    const units = identifyMajorHazards(
      localPark([
        processUnit('hydrogen', 2, { other_substances: [{ substance: 'benzene', inventory_t: 25 }] }),
        feature('vessel', 'V1', { point: [50, 40] }, { diameter_m: 3, height_m: 10, substance: 'hydrogen', inventory_t: 1, unit_id: 'U', responsible: RESP }),
      ]),
    );
    expect(units).toHaveLength(1);
    // hydrogen 3 t / 5 + benzene 25 t / 50 = 0.6 + 0.5 = 1.1; R = 0.5 × (1.5 × 0.6 + 1 × 0.5) = 0.7
    expect(units[0]).toMatchObject({ unit: 'U', type: 'production', members: ['U', 'V1'], S: 1.1, grade: 4 });
    expect(units[0].R).toBeCloseTo(0.7, 9);
  });
});
