/**
 * The distance engine on hand-built parks (local metres) for every rule type, and on the demo park
 * where it must find the deliberate violations of docs/demo-park.md.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../model/model.ts';
import { feature, localPark, RESP, tank } from '../__test__/localPark.ts';
import { DistanceEngine, distanceReport, reportRange_m } from './distances.ts';
import { DEFAULT_RULE_SETS, SHIPPED_RULE_SETS } from './ruleSets.ts';
import { parseRuleSet } from './rules.ts';

const set = (rules: unknown[]) => parseRuleSet({ ruleset: 'test', title: 'test', rules }, 'test');
const find = <C extends { from: string; to: string; rule: string }>(checks: C[], from: string, to: string, rule?: string) =>
  checks.find((c) => c.from === from && c.to === to && (!rule || c.rule === rule));

describe('distance rules', () => {
  it('constant distance: an LPG sphere (D 15.7) 140 m from a village polygon, 150 m required → violation by 10 m', () => {
    const model = localPark([
      tank('S1', 0, 0, { roof: 'sphere', diameter_m: 15.7, height_m: 15.7, capacity_m3: 2000, substance: 'lpg', fire_class: '甲A', inventory_t: 900 }),
      feature(
        'protected_target',
        'V1',
        { rect: [-100, 147.85, 100, 300] },
        { name: 'village', category: 'village', population: 500, gb36894_category: 'general_1' },
      ),
    ]);
    const r = distanceReport(model, [SHIPPED_RULE_SETS.gb50160]);
    const c = find(r.checks, 'S1', 'V1', 'gb50160.t4.1.9.lpg-tank-residential')!;
    expect(c.actual_m).toBeCloseTo(140, 1); // 147.85 − 7.85
    expect(c.required_m).toBe(150);
    expect(c.margin_m).toBeCloseTo(-10, 1);
    expect(c.ok).toBe(false);
    expect(c.verified).toBe(false);
  });

  it('expression with a same-dike pair: two internal floating-roof tanks, D 40 and 30, 15 m apart → 0.4 × 40 = 16 m required', () => {
    const model = localPark([
      feature('dike', 'DK', { rect: [-100, -100, 100, 100] }, { height_m: 2 }),
      tank('A', 0, 0, { roof: 'internal_floating', diameter_m: 40, height_m: 17.8, capacity_m3: 20000, dike_id: 'DK' }),
      tank('B', 50, 0, { roof: 'internal_floating', diameter_m: 30, height_m: 17.8, capacity_m3: 10000, dike_id: 'DK' }),
      tank('C', 0, 60, { roof: 'internal_floating', diameter_m: 30, height_m: 17.8, capacity_m3: 10000 }), // no dike: held to the group's spacing too
      feature('dike', 'DK2', { rect: [110, -100, 300, 100] }, { height_m: 2 }),
      tank('D', 130, 0, { roof: 'internal_floating', diameter_m: 30, height_m: 17.8, capacity_m3: 10000, dike_id: 'DK2' }), // another group: not paired with A or B
    ]);
    const r = distanceReport(model, [SHIPPED_RULE_SETS.gb50160]);
    const pairs = r.checks.filter((c) => c.rule === 'gb50160.t6.2.8.floating-roof');
    // once per pair, not A→B and B→A: A–B in the group; C, in no group, against every tank near it
    // (A–C: 60 − 20 − 15 = 25 m, 0.4 × 40 = 16 required; B–C: √(50² + 60²) − 30 = 48.1 m, 0.4 × 30 = 12 required);
    // D, 50 m from B's shell but in another dike, is not paired with A or B by this table
    expect(pairs.map((c) => [c.from, c.to, c.required_m, Math.round(c.actual_m * 10) / 10, c.ok])).toEqual(
      expect.arrayContaining([
        ['A', 'B', 16, 15, false],
        ['A', 'C', 16, 25, true],
        ['B', 'C', 12, 48.1, true],
      ]),
    );
    expect(pairs.filter((c) => (c.from === 'D' || c.to === 'D') && c.from !== 'C')).toEqual([]);
  });

  it('dikes of adjacent tank groups at least 7 m apart (GB 50074-2014 §5.2.2): 5 m short, 7 m clear', () => {
    const model = localPark([
      feature('dike', 'DK1', { rect: [0, 0, 100, 100] }, { height_m: 2 }),
      feature('dike', 'DK2', { rect: [105, 0, 205, 100] }, { height_m: 2 }),
      feature('dike', 'DK3', { rect: [0, 107, 100, 207] }, { height_m: 2 }),
    ]);
    const r = distanceReport(model, [SHIPPED_RULE_SETS.gb50074]);
    const d = r.checks.filter((c) => c.rule === 'gb50074.5.2.2.dike-to-dike').map((c) => [c.from, c.to, c.required_m, Math.round(c.actual_m * 10) / 10, c.ok]);
    expect(d).toEqual(
      expect.arrayContaining([
        ['DK1', 'DK2', 7, 5, false],
        ['DK1', 'DK3', 7, 7, true],
      ]),
    );
  });

  it('different-enterprise constraint and the report range', () => {
    const rs = set([
      { id: 't.diff', citation: 'test', verified: true, from: { kind: 'building' }, to: { kind: 'building' }, different: ['enterprise_id'], required_m: 10 },
    ]);
    const b = (id: string, x: number, e: string) =>
      feature('building', id, { rect: [x, 0, x + 10, 10] }, { height_m: 5, use: 'office', design_occupancy: 5, enterprise_id: e });
    const model = localPark([
      feature('enterprise', 'E1', { rect: [-500, -500, 0, 500] }, { name: 'e1', industry: 'x', major_hazard: false, employees: 1 }),
      feature('enterprise', 'E2', { rect: [0, -500, 500, 500] }, { name: 'e2', industry: 'x', major_hazard: false, employees: 1 }),
      b('B1', -30, 'E1'),
      b('B2', -15, 'E1'),
      b('B3', 5, 'E2'),
      b('B4', 300, 'E2'),
    ]);
    const r = distanceReport(model, [rs]);
    expect(r.checks.map((c) => `${c.from}-${c.to}`).sort()).toEqual(['B1-B3', 'B2-B3']); // same-enterprise pairs left out; B4 beyond max(2×10, 110) m
    expect(find(r.checks, 'B2', 'B3')).toMatchObject({ actual_m: 10, ok: true });
    expect(reportRange_m(10)).toBe(110);
    expect(reportRange_m(150)).toBe(300);
  });

  it('clearance: shell to dike toe ≥ ½ shell height (GB 50074 §6.5)', () => {
    const model = localPark([
      feature('dike', 'DK', { rect: [0, 0, 100, 100] }, { height_m: 2 }),
      tank('A', 25, 50, { roof: 'fixed', diameter_m: 20, height_m: 16, capacity_m3: 5000, fire_class: '丙A', dike_id: 'DK' }), // shell 15 m from the west toe
      tank('B', 80, 50, { roof: 'fixed', diameter_m: 20, height_m: 16, capacity_m3: 5000, fire_class: '丙A', dike_id: 'DK' }), // 10 m from the east toe
    ]);
    const r = distanceReport(model, [SHIPPED_RULE_SETS.gb50074]);
    expect(find(r.checks, 'A', 'DK')).toMatchObject({ required_m: 8, actual_m: 15, ok: true });
    expect(find(r.checks, 'B', 'DK')).toMatchObject({ required_m: 8, actual_m: 10, ok: true });
    const tight = localPark([
      feature('dike', 'DK', { rect: [0, 0, 100, 100] }, { height_m: 2 }),
      tank('C', 16, 50, { roof: 'fixed', diameter_m: 20, height_m: 16, capacity_m3: 5000, fire_class: '丙A', dike_id: 'DK' }),
    ]);
    expect(find(distanceReport(tight, [SHIPPED_RULE_SETS.gb50074]).checks, 'C', 'DK')).toMatchObject({ required_m: 8, actual_m: 6, margin_m: -2, ok: false });
  });

  it('NFPA 30 shell to shell across dikes: D 40 and D 10, 4 m apart → ½ × 10 = 5 m required', () => {
    const model = localPark([
      tank('A', 0, 0, { roof: 'internal_floating', diameter_m: 40, height_m: 17.8, capacity_m3: 20000 }),
      tank('B', 29, 0, { roof: 'fixed', diameter_m: 10, height_m: 10, capacity_m3: 700 }),
    ]);
    const c = find(distanceReport(model, [SHIPPED_RULE_SETS.nfpa30]).checks, 'A', 'B', 'nfpa30.22.4.2.shell-to-shell')!;
    expect(c).toMatchObject({ required_m: 5, actual_m: 4, ok: false });
  });

  it('a room inside a process unit is distance 0, always a violation', () => {
    const model = localPark([
      feature(
        'process_unit',
        'U',
        { rect: [0, 0, 200, 100] },
        { name: 'u', height_m: 30, fire_class: '甲', substance: 'gasoline', inventory_t: 10, responsible: RESP, enterprise_id: 'E' },
      ),
      feature('building', 'R', { rect: [10, 10, 30, 20] }, { height_m: 4, use: 'shift_room', design_occupancy: 5, enterprise_id: 'E' }),
      feature('enterprise', 'E', { rect: [-50, -50, 300, 300] }, { name: 'e', industry: 'x', major_hazard: true, employees: 10 }),
    ]);
    const c = find(distanceReport(model, DEFAULT_RULE_SETS).checks, 'R', 'U')!;
    expect(c).toMatchObject({ actual_m: 0, required_m: 15, ok: false });
  });

  it('skips a pair whose requirement needs a missing property, and says so', () => {
    const rs = set([{ id: 't.needs', citation: 'test', verified: true, from: { kind: 'building' }, to: { kind: 'building' }, required_m: 'a.floors * 2' }]);
    const model = localPark([
      feature('building', 'B1', { rect: [0, 0, 10, 10] }, { height_m: 5, use: 'office', design_occupancy: 5 }),
      feature('building', 'B2', { rect: [20, 0, 30, 10] }, { height_m: 5, use: 'office', design_occupancy: 5 }),
    ]);
    const r = distanceReport(model, [rs]);
    expect(r.checks).toEqual([]);
    expect(r.skipped[0]).toMatchObject({ rule: 't.needs', reason: expect.stringContaining('property') });
  });
});

describe('the demo park', () => {
  const r = loadModel(JSON.parse(readFileSync(path.join(import.meta.dirname, '../../../public/parks/demo.geojson'), 'utf8')));
  if (!r.ok) throw new Error('demo invalid');
  const model = r.model;

  it('finds the deliberate distance violations of docs/demo-park.md, and only those', () => {
    const report = distanceReport(model, [...DEFAULT_RULE_SETS, SHIPPED_RULE_SETS.nfpa30]);
    const bad = report.checks.filter((c) => !c.ok);
    const pairs = new Set(bad.map((c) => `${c.from}|${c.to}`));
    expect(pairs.has('T-PRD-06|T-PRD-07')).toBe(true);
    expect(pairs.has('B-REF-FCC-SHIFT|U-REF-FCC')).toBe(true);
    expect(
      bad
        .filter((c) => c.to === 'PT-GANGXI')
        .map((c) => c.from)
        .sort(),
    ).toEqual(['T-LPG-04', 'T-LPG-05', 'T-LPG-06', 'T-LPG-10', 'T-LPG-11', 'T-LPG-12']);
    expect(bad.every((c) => c.to === 'PT-GANGXI' || ['T-PRD-06|T-PRD-07', 'B-REF-FCC-SHIFT|U-REF-FCC'].includes(`${c.from}|${c.to}`))).toBe(true);
    // worst margin first
    for (let i = 1; i < report.checks.length; i++) expect(report.checks[i].margin_m).toBeGreaterThanOrEqual(report.checks[i - 1].margin_m);
  });

  it('re-checks a dragged tank alone, with the same result as a full run on the moved park', () => {
    const engine = new DistanceEngine(model, DEFAULT_RULE_SETS);
    const before = engine.checksFor('T-PRD-07').find((c) => c.to === 'T-PRD-07' || c.from === 'T-PRD-07');
    expect(before).toBeDefined();
    expect(engine.checksFor('T-PRD-07').some((c) => !c.ok)).toBe(true);
    engine.move('T-PRD-07', 12, 0); // back where the grid had it
    const after = engine.checksFor('T-PRD-07');
    expect(after.every((c) => c.ok)).toBe(true);
    const full = engine.run().checks.filter((c) => c.from === 'T-PRD-07' || c.to === 'T-PRD-07');
    expect(after).toEqual(full);
  });

  it('checksFor matches the full report for every tank of a dike', () => {
    const engine = new DistanceEngine(model, DEFAULT_RULE_SETS);
    const full = engine.run().checks;
    for (const id of ['T-PRD-01', 'T-LPG-05', 'DK-PRD-1', 'PT-GANGXI', 'B-REF-FCC-SHIFT']) {
      const mine = full.filter((c) => c.from === id || c.to === id);
      expect(engine.checksFor(id), id).toEqual(mine);
    }
  });
});
