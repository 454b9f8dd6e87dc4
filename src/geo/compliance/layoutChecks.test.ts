/**
 * Layout checks: hand-built parks for each check, and the demo park's deliberate findings.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel, type ModelFeature } from '../../model/model.ts';
import { feature, localPark, processUnit, tank } from '../__test__/localPark.ts';
import { checkLayout, dikeCapacity } from './layoutChecks.ts';
import { DEFAULT_RULE_SETS } from './ruleSets.ts';

const checksOf = (r: ReturnType<typeof checkLayout>) => r.findings.map((f) => `${f.check} ${f.ids.join(',')}`);

describe('layout checks', () => {
  it('a fence that cuts a corner off the park leaves it unenclosed', () => {
    const fence = feature('fence', 'F', {
      line: [
        [-1000, -1000],
        [1000, -1000],
        [1000, 500],
        [-1000, 500],
        [-1000, -1000],
      ],
    });
    const r = checkLayout(
      localPark([fence, feature('gate', 'G', { point: [0, -1000] }, { fence_id: 'F', admits: ['people'], manned: true })]),
      DEFAULT_RULE_SETS,
    );
    expect(checksOf(r)).toContain('enclosure.fence-encloses-park F,PARK');
    expect(checksOf(r)).toContain('enclosure.no-hazchem-gate F');
  });
  it('GB/T 37243 method by the gases alone: chlorine below Σ q/Q 1 with much benzene → code distances; above it → QRA for the enterprise’s every installation', () => {
    const works = feature('enterprise', 'E1', { rect: [-200, -200, 400, 300] }, { name: 'w', industry: 'chlor-alkali', major_hazard: true, employees: 200 });
    const other = feature('enterprise', 'E2', { rect: [500, -200, 900, 300] }, { name: 'o', industry: 'oil', major_hazard: false, employees: 50 });
    const unit = (chlorine_t: number) =>
      processUnit('chlorine', chlorine_t, { other_substances: [{ substance: 'benzene', inventory_t: 100 }], enterprise_id: 'E1' });
    const tanks = [tank('T-E1', 300, 200, { diameter_m: 10, enterprise_id: 'E1' }), tank('T-E2', 700, 0, { diameter_m: 10, enterprise_id: 'E2' })];
    const methods = (chlorine_t: number) =>
      Object.fromEntries(
        checkLayout(localPark([works, other, unit(chlorine_t), ...tanks]), DEFAULT_RULE_SETS).external_safety_methods.map((m) => [m.installation, m]),
      );
    // 2 t chlorine: Σ q/Q of the gases 2/5 = 0.4 (the unit's S = 0.4 + 100/50 = 2.4 does not decide)
    const low = methods(2);
    expect(low.U).toMatchObject({ method: 'code', reason: expect.stringContaining('Σ q/Q = 0.4 < 1') });
    expect(low['T-E1'].method).toBe('code');
    // 6 t chlorine: 6/5 = 1.2 ≥ 1 → QRA, and the enterprise's gasoline tank is assessed with it; the neighbour's is not
    const high = methods(6);
    expect(high.U).toMatchObject({ method: 'risk', reason: expect.stringContaining('(chlorine) reach Σ q/Q = 1.2 ≥ 1') });
    expect(high['T-E1']).toMatchObject({ method: 'risk', reason: expect.stringContaining('assessed together with U') });
    expect(high['T-E2'].method).toBe('code');
  });
  it('a liquid tank outside any dike is reported (no containment, no tank-group spacing); a chlorine tank without a fire class is not', () => {
    const r = checkLayout(
      localPark([
        feature('dike', 'DK', { rect: [0, 0, 100, 100] }, { height_m: 1.2 }),
        tank('T-IN', 50, 50, { diameter_m: 20, dike_id: 'DK' }),
        tank('T-OUT', 300, 50, { diameter_m: 20 }),
        tank('T-CL', 500, 50, { diameter_m: 3, substance: 'chlorine', fire_class: undefined, inventory_t: 5, capacity_m3: 50 }),
      ]),
      DEFAULT_RULE_SETS,
    );
    const undiked = r.findings.filter((f) => f.check === 'layout.tank-without-dike');
    expect(undiked.map((f) => [f.ids[0], f.severity, f.verified])).toEqual([['T-OUT', 'violation', false]]);
    expect(undiked[0].message).toMatch(/class 甲B liquid tank \(1000 m³\) stands in no dike/);
  });
  it('flags a work zone whose hot-work or confined-space window is longer than GB 30871-2022 lets a permit run', () => {
    const zone = (id: string, purpose: string, hours: number) =>
      feature(
        'zone',
        id,
        { rect: [0, 0, 20, 20] },
        { purpose, valid_from: '2026-12-04T08:00:00+08:00', valid_to: new Date(Date.parse('2026-12-04T08:00:00+08:00') + hours * 3600_000).toISOString() },
      );
    const r = checkLayout(
      localPark([
        zone('HW8', 'hot_work', 8),
        zone('HW10', 'hot_work', 10),
        zone('HW80', 'hot_work', 80),
        zone('CS30', 'confined_space', 30),
        zone('M', 'maintenance', 100),
      ]),
      DEFAULT_RULE_SETS,
    );
    const found = r.findings.filter((f) => f.check === 'layout.work-window-too-long');
    expect(found.map((f) => [f.ids[0], f.severity, f.values?.window_h])).toEqual([
      ['CS30', 'violation', 30],
      ['HW80', 'violation', 80],
      ['HW10', 'warning', 10],
    ]);
    expect(found.find((f) => f.ids[0] === 'HW10')!.message).toBe(
      'its hot-work window runs 10 h: a special or grade-1 hot-work permit is valid at most 8 h (only a grade-2 permit, at most 72 h, could cover it): split it or file it as grade 2',
    );
  });
  it('reports protected targets and crowded places inside the land-use safety control line, not neighbouring plants', () => {
    const r = checkLayout(
      localPark([
        feature('land_use_control_line', 'CL', { rect: [-1500, -1500, 1500, 1500] }),
        feature('protected_target', 'V', { rect: [1100, 0, 1300, 200] }, { name: 'v', category: 'village', population: 400, gb36894_category: 'general_1' }),
        feature('protected_target', 'H', { point: [-1200, 0] }, { name: 'h', category: 'other', population: 12, gb36894_category: 'general_3' }),
        feature(
          'protected_target',
          'N',
          { rect: [0, 1100, 200, 1300] },
          { name: 'n', category: 'neighbouring_plant', population: 300, gb36894_category: 'general_1' },
        ),
        feature(
          'protected_target',
          'S',
          { rect: [0, 1600, 200, 1800] },
          { name: 's', category: 'school', population: 800, gb36894_category: 'high_sensitivity' },
        ),
        feature('building', 'MALL', { rect: [1200, -600, 1300, -500] }, { height_m: 12, use: 'warehouse', design_occupancy: 500 }),
      ]),
      DEFAULT_RULE_SETS,
    );
    const inside = r.findings.filter((f) => f.check.startsWith('control-line'));
    expect(inside.map((f) => [f.check, f.ids[0], f.severity])).toEqual([
      ['control-line.crowded-place-inside', 'MALL', 'violation'],
      ['control-line.protected-target-inside', 'V', 'violation'],
      ['control-line.protected-target-inside', 'H', 'warning'],
    ]);
  });
  it('no fence at all is a violation', () => {
    expect(checksOf(checkLayout(localPark([]), DEFAULT_RULE_SETS))).toEqual(['enclosure.no-fence PARK']);
  });
  it('the two bans: a village inside the park, a labour-intensive enterprise, a dormitory', () => {
    const r = checkLayout(
      localPark([
        feature('protected_target', 'V', { rect: [0, 0, 100, 100] }, { name: 'v', category: 'village', population: 40, gb36894_category: 'general_2' }),
        feature(
          'enterprise',
          'E',
          { rect: [-500, -500, -100, -100] },
          { name: 'e', industry: 'sewing', major_hazard: false, labour_intensive: true, employees: 900 },
        ),
        feature('building', 'D', { rect: [200, 200, 240, 220] }, { height_m: 12, use: 'dormitory', design_occupancy: 80 }),
      ]),
      DEFAULT_RULE_SETS,
    );
    expect(checksOf(r)).toEqual(expect.arrayContaining(['bans.residents-in-park V', 'bans.labour-intensive-enterprise E', 'bans.residents-in-park D']));
  });
  it('dike capacity worked by hand: 100 × 50 m × 1 m = 5 000 m³ less one other tank of D 20 (314 m³) < 5 000 m³ largest', () => {
    const model = localPark([
      feature('dike', 'DK', { rect: [0, 0, 100, 50] }, { height_m: 1 }),
      tank('A', 25, 25, { roof: 'fixed', diameter_m: 22, height_m: 14, capacity_m3: 5000, fire_class: '丙A', dike_id: 'DK' }),
      tank('B', 75, 25, { roof: 'fixed', diameter_m: 20, height_m: 14, capacity_m3: 4000, fire_class: '丙A', dike_id: 'DK' }),
    ]);
    const c = dikeCapacity(model.byId.get('DK') as ModelFeature<'dike'>, model.ofKind('tank'));
    expect(c.gross_m3).toBeCloseTo(5000, 3);
    expect(c.displaced_m3).toBeCloseTo(Math.PI * 100, 3);
    expect(c.largest?.id).toBe('A');
    const f = checkLayout(model, DEFAULT_RULE_SETS).findings.find((x) => x.check === 'gb50074.6.5.dike-capacity')!;
    expect(f.ids).toEqual(['DK', 'A']);
    expect(f.values).toEqual({ effective_m3: 4686, required_m3: 5000 });
  });
});

describe('the demo park', () => {
  const r = loadModel(JSON.parse(readFileSync(path.join(import.meta.dirname, '../../../public/parks/demo.geojson'), 'utf8')));
  if (!r.ok) throw new Error('demo invalid');
  const report = checkLayout(r.model, DEFAULT_RULE_SETS);

  it('finds the deliberate violations of docs/demo-park.md', () => {
    const v = report.findings.filter((f) => f.severity === 'violation').map((f) => `${f.check} ${f.ids.join(',')}`);
    expect(v).toEqual([
      'bans.labour-intensive-enterprise E-LOG',
      'control-line.protected-target-inside PT-GANGXI,LUCL',
      'gb50074.6.5.dike-capacity DK-REF-3,T-REF-17',
      'gb50074.6.5.dike-height DK-REF-3',
      'layout.occupied-room-in-unit B-REF-FCC-SHIFT,U-REF-FCC',
      'storage-base.four-systems E-CRU,T-CRU-16',
    ]);
  });
  it('finds the four large storage bases and their equipped rates', () => {
    const bases = Object.fromEntries(report.storage_bases.map((b) => [`${b.enterprise}:${b.type}`, b]));
    expect(Object.keys(bases).sort()).toEqual(['E-CRU:crude_oil', 'E-LNG:lng', 'E-PRD:refined_products', 'E-REF:refined_products']);
    expect(bases['E-CRU:crude_oil'].total_m3).toBe(1_600_000);
    expect(bases['E-CRU:crude_oil'].systems.emergency_shutoff).toMatchObject({ equipped: 15, total: 16, missing: ['T-CRU-16'] });
    expect(bases['E-LNG:lng'].systems.gas_detection.rate).toBe(1);
  });
  it('decides the GB/T 37243 method: risk for LPG, LNG, chlorine and ammonia units, code distances for oil', () => {
    const m = Object.fromEntries(report.external_safety_methods.map((x) => [x.installation, x.method]));
    expect(m['T-LPG-01']).toBe('risk');
    expect(m['T-LNG-01']).toBe('risk');
    expect(m['T-CHL-01']).toBe('risk');
    expect(m['T-NH3-01']).toBe('risk');
    expect(m['T-CRU-01']).toBe('code');
    expect(m['T-PRD-01']).toBe('code');
  });
});
