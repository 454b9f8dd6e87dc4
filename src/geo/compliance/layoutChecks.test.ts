/**
 * Layout checks: hand-built parks for each check, and the demo park's deliberate findings.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel, type ModelFeature } from '../../model/model.ts';
import { feature, localPark, tank } from '../__test__/localPark.ts';
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
