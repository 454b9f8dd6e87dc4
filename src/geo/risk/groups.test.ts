/**
 * The emergency answer per group, worked by hand on the demo park: the indoor model; a group the
 * cloud reaches before it can be out (shelter), a group that can leave before it arrives, residents
 * counted by the share of their target inside, a fire where nobody walks more than a few hundred
 * metres.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../model/model.ts';
import { scenarioFootprints, threatField } from './emergency.ts';
import { groupAnswers, indoorPeak, PUBLIC_WARNING_S, SAFE_MARGIN_M, SHELTER_ACH_PER_H, WALK_M_S, WARNING_S } from './groups.ts';

const r = loadModel(JSON.parse(readFileSync(path.join(import.meta.dirname, '../../../public/parks/demo.geojson'), 'utf8')));
if (!r.ok) throw new Error('demo invalid');
const model = r.model;
const northWind = { wind_speed_m_s: 3, wind_from_deg: 0, stability: 'D' as const };

describe('the answer per group', () => {
  it('indoors: C_in = C_out (1 − e^(−λt)) — 100 ppm outside, 0.5 air changes an hour, one hour → 39.35 ppm', () => {
    expect(indoorPeak(100, 0.5, 3600)).toBeCloseTo(100 * (1 - Math.exp(-0.5)), 10);
    expect(indoorPeak(100, 0.5, 3600)).toBeCloseTo(39.347, 3);
    expect(indoorPeak(100, 0.5, 0)).toBe(0);
  });

  it('a chlorine leak: a worker 100 m downwind is reached in 33 s, before they can be out — shelter, with the indoor peak below the threshold; one 1 km downwind can leave before it arrives', () => {
    const res = scenarioFootprints(model, { kind: 'toxic-leak', source: 'T-CHL-01', weather: northWind, rate_kg_s: 0.5 });
    const [sx, sy] = res.source_xy;
    const outer = res.footprints[res.footprints.length - 1];
    const near: [number, number] = [sx, sy - 100];
    const far: [number, number] = [sx, sy - Math.min(1000, outer.reach_m * 0.9)];
    const answers = groupAnswers(model, res, [
      { id: 'P-NEAR', kind: 'person', xy: near },
      { id: 'P-FAR', kind: 'person', xy: far },
    ]);
    const a = answers.find((x) => x.id === 'P-NEAR')!;
    // the front travels with the wind: 100 m at 3 m/s
    expect(a.arrival_s).toBe(33);
    // out: the warning, then the walk across the plume to its edge and 50 m beyond
    expect(Math.abs(a.out_s - (WARNING_S + a.out_m / WALK_M_S))).toBeLessThanOrEqual(1);
    expect(a.out_m).toBeGreaterThan(SAFE_MARGIN_M);
    expect(a.out_s).toBeGreaterThan(a.arrival_s);
    const field = threatField(model, res);
    const level = res.footprints.find((f) => f.level === a.level)!;
    const indoor = indoorPeak(field.valueAt(near), SHELTER_ACH_PER_H, 3600);
    expect(a.indoor!.peak).toBeCloseTo(indoor, 6);
    expect(a.action).toBe(indoor < level.threshold ? 'shelter' : 'leave');
    // the exit is across the wind (east or west of the plume's axis), not downwind
    expect(Math.abs(a.exit[0] - sx)).toBeGreaterThan(Math.abs(a.exit[1] - near[1]));
    const b = answers.find((x) => x.id === 'P-FAR')!;
    expect(b.arrival_s).toBeGreaterThan(b.out_s);
    expect(b).toMatchObject({ action: 'leave', indoor: null });
    expect(b.reason).toMatch(/before the cloud arrives/);
  });

  it('a release shut off after 5 minutes: a worker 200 m downwind, reached in 67 s before they can be out (184 s), shelters — indoors 4.08 % of the outdoor 318 ppm', () => {
    const res = scenarioFootprints(model, { kind: 'toxic-leak', source: 'T-CHL-01', weather: northWind, rate_kg_s: 0.5, release_s: 300 });
    const [sx, sy] = res.source_xy;
    const xy: [number, number] = [sx, sy - 200];
    const [g] = groupAnswers(model, res, [{ id: 'P-200', kind: 'person', xy }]);
    expect(g.arrival_s).toBe(67); // 200 m at 3 m/s
    expect(g.out_s).toBeGreaterThan(g.arrival_s);
    // 1 − e^(−0.5 × 300 / 3600) = 1 − e^(−0.041667) = 0.040811
    const outdoor = threatField(model, res).valueAt(xy);
    expect(outdoor).toBeGreaterThan(300);
    expect(g.indoor!.peak).toBeCloseTo(outdoor * 0.040811, 2);
    expect(g.indoor!.peak).toBeLessThan(res.footprints.find((f) => f.level === g.level)!.threshold);
    expect(g.action).toBe('shelter');
    expect(g.reason).toMatch(/shelter indoors — indoors it reaches 13\.0 ppm over 5 min/);
  });

  it('residents are counted by the share of their place inside the footprint', () => {
    // a strong north wind over the chlorine works reaches the targets south of the park
    const res = scenarioFootprints(model, {
      kind: 'toxic-leak',
      source: 'T-CHL-01',
      weather: { wind_speed_m_s: 2, wind_from_deg: 0, stability: 'F' },
      rate_kg_s: 5,
    });
    const residents = groupAnswers(model, res, []).filter((g) => g.group === 'residents');
    expect(residents.length).toBeGreaterThan(0);
    for (const g of residents) {
      const t = model.byId.get(g.id)!;
      expect(g.share).toBeGreaterThan(0);
      expect(g.share).toBeLessThanOrEqual(1);
      const pop = (t.props as { population: number }).population;
      // the share is shown to two decimals; the count is taken from the unrounded share
      expect(Math.abs(g.people - pop * g.share!)).toBeLessThanOrEqual(pop * 0.005 + 1);
    }
  });

  it('a 2 kg/s chlorine leak blown onto Gangdong Community: its residents inside are counted and told to shelter — the public cannot be alerted and out (15 min + the walk) before the cloud arrives', () => {
    const [sx, sy] = model.byId.get('T-CHL-01')!.anchor;
    const [tx, ty] = model.byId.get('PT-09')!.anchor;
    const towards = (Math.atan2(tx - sx, ty - sy) * 180) / Math.PI; // the bearing from the works to the community
    const res = scenarioFootprints(model, {
      kind: 'toxic-leak',
      source: 'T-CHL-01',
      weather: { wind_speed_m_s: 3, wind_from_deg: Math.round((towards + 540) % 360), stability: 'D' },
      rate_kg_s: 2,
    });
    const g = groupAnswers(model, res, []).find((x) => x.id === 'PT-09')!;
    expect(g.group).toBe('residents');
    // 3 883 live there; the share of the community inside the footprints, counted
    expect(g.people).toBe(Math.round(3883 * g.share!));
    expect(g.share).toBeGreaterThan(0.5);
    // out: the public's alert and start (900 s) and the walk to the plume's edge at 1.2 m/s
    expect(g.out_s).toBe(Math.round(PUBLIC_WARNING_S + g.out_m / WALK_M_S));
    expect(g.arrival_s).toBeLessThan(g.out_s);
    expect(g.action).toBe('shelter');
    expect(g.indoor!.peak).toBeLessThan(res.footprints.find((f) => f.level === g.level)!.threshold);
  });

  it('a pool fire on a crude tank: everyone leaves the heat zone, and nobody walks more than a few hundred metres', () => {
    const res = scenarioFootprints(model, { kind: 'pool-fire', source: 'T-CRU-01', weather: northWind });
    const outer = res.footprints[res.footprints.length - 1];
    const [sx, sy] = res.source_xy;
    const people = [0, 60, 120, 180].map((d, i) => ({ id: `P-${i}`, kind: 'person', xy: [sx + d * 0.7, sy - d * 0.7] as [number, number] }));
    const answers = groupAnswers(model, res, people).filter((g) => g.group === 'on_site');
    expect(answers.length).toBeGreaterThan(0);
    for (const g of answers) {
      expect(g.action).toBe('leave');
      expect(g.arrival_s).toBe(0); // heat is there at once
      expect(g.out_m).toBeLessThanOrEqual(outer.reach_m * 2 + SAFE_MARGIN_M);
      expect(g.out_m).toBeLessThan(400);
    }
  });
});
