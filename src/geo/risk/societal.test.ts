/**
 * Societal risk: the F–N staircase and its place against GB 36894's criterion worked by hand; the
 * expected deaths of an outcome checked against the scenario models' own chance of death.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../model/model.ts';
import { scenarioFootprints, threatAt } from './emergency.ts';
import { fireball, fireballFlux } from '../hazards/fire.ts';
import { eisenbergThermal, probability, toxicProbit } from '../hazards/probit.ts';
import { hazardSubstance } from '../hazards/substances.ts';
import { pointInPolygon } from '../primitives/planar.ts';
import { individualRisk } from './risk.ts';
import { parseRiskStudy } from './scenarioIO.ts';
import { fnCurve, judgeFn, peopleAround, societalRisk } from './societal.ts';

const r = loadModel(JSON.parse(readFileSync(path.join(import.meta.dirname, '../../../public/parks/demo.geojson'), 'utf8')));
if (!r.ok) throw new Error('demo invalid');
const model = r.model;
const D5 = { stability: 'D' as const, wind_speed_m_s: 5, probability: 1 };

describe('F–N curve', () => {
  // by hand: outcomes killing fewer than one are not on the curve; F(N) sums every outcome with
  // deaths ≥ N: N = 3 → 2e-5 + 1e-5 + 5e-6 + 1e-6 = 3.6e-5; N = 10 → 1.6e-5; N = 200 → 1e-6
  const outcomes = [
    { frequency_per_yr: 1e-4, deaths: 0.5 },
    { frequency_per_yr: 2e-5, deaths: 3 },
    { frequency_per_yr: 1e-5, deaths: 10 },
    { frequency_per_yr: 5e-6, deaths: 10 },
    { frequency_per_yr: 1e-6, deaths: 200 },
  ];
  it('is the cumulative frequency of N or more deaths, one step per distinct toll', () => {
    const c = fnCurve(outcomes);
    expect(c.map((p) => p.n)).toEqual([3, 10, 200]);
    expect(c[0].f_per_yr).toBeCloseTo(3.6e-5, 18);
    expect(c[1].f_per_yr).toBeCloseTo(1.6e-5, 18);
    expect(c[2].f_per_yr).toBeCloseTo(1e-6, 18);
    expect(fnCurve([{ frequency_per_yr: 1, deaths: 0.99 }])).toEqual([]);
  });

  it('is judged at the right end of each step: F · N against C = 1e-3 (intolerable) and 1e-5 (acceptable)', () => {
    // F·N: 1.08e-4, 1.6e-4, 2e-4 → nearest the intolerable line at N = 200, 0.2 of it; above 1e-5 → ALARP
    const j = judgeFn(fnCurve(outcomes));
    expect(j.region).toBe('alarp');
    expect(j.worst!.n).toBe(200);
    expect(j.worst!.ratio_to_intolerable).toBeCloseTo(0.2, 12);
    // a 150-death outcome at 1e-5/yr: F(150) = 1.1e-5, F·N = 1.65e-3 → intolerable
    const bad = judgeFn(fnCurve([...outcomes, { frequency_per_yr: 1e-5, deaths: 150 }]));
    expect(bad.region).toBe('intolerable');
    expect(bad.worst!.n).toBe(150);
    expect(bad.worst!.ratio_to_intolerable).toBeCloseTo(1.65, 12);
    // F(10) = 9.4e-7 → F·N = 9.4e-6, F(100) = 4e-8 → 4e-6: at most 1e-5 everywhere → acceptable;
    // with 1e-6 at N = 10 instead, F(10)·10 = 1.04e-5 is just above the lower line → ALARP
    expect(
      judgeFn(
        fnCurve([
          { frequency_per_yr: 9e-7, deaths: 10 },
          { frequency_per_yr: 4e-8, deaths: 100 },
        ]),
      ).region,
    ).toBe('acceptable');
    expect(
      judgeFn(
        fnCurve([
          { frequency_per_yr: 1e-6, deaths: 10 },
          { frequency_per_yr: 4e-8, deaths: 100 },
        ]),
      ).region,
    ).toBe('alarp');
    expect(judgeFn(fnCurve([{ frequency_per_yr: 1e-4, deaths: 10 }])).region).toBe('alarp');
    expect(judgeFn([])).toEqual({ region: 'acceptable', worst: null });
  });
});

describe('societal risk', () => {
  it('spreads every protected target’s population over its outline', () => {
    const people = peopleAround(model);
    const targets = model.ofKind('protected_target');
    const total = targets.reduce((a, t) => a + (t.props as { population: number }).population, 0);
    expect(people.reduce((a, p) => a + p.n, 0)).toBeCloseTo(total, 6);
    for (const t of targets.filter((t) => t.local.type === 'Polygon')) {
      const mine = people.filter((p) => p.group === t.id);
      expect(mine.length).toBeGreaterThan(10);
      if (t.local.type === 'Polygon') for (const p of mine) expect(pointInPolygon(p.xy, t.local.rings)).toBe(true);
    }
    // a study's own group: spread over its disc
    const extra = peopleAround(model, [{ id: 'plant-B', at: [100, 100], people: 300, radius_m: 50 }]).filter((p) => p.group === 'plant-B');
    expect(extra.reduce((a, p) => a + p.n, 0)).toBeCloseTo(300, 9);
    for (const p of extra) expect(Math.hypot(p.xy[0] - 100, p.xy[1] - 100)).toBeLessThanOrEqual(50);
  });

  it('a fireball: one outcome in any wind, N = n · P(death) by Eisenberg over its duration — by hand', () => {
    const [sx, sy] = model.byId.get('T-LPG-01')!.anchor;
    const mass = 50_000;
    const risk = individualRisk(model, {
      scenarios: [{ id: 'bleve', kind: 'bleve', source: 'T-LPG-01', mass_kg: mass, frequency_per_yr: 1e-5 }],
      weather: [D5],
    });
    const fb = fireball(mass);
    const p = (d: number) => probability(eisenbergThermal(fireballFlux(fb, d).q_kW_m2 * 1000, fb.duration_s));
    const people = [
      { group: 'a', xy: [sx + 200, sy] as const, n: 80 },
      { group: 'b', xy: [sx, sy - 260] as const, n: 40 },
    ];
    const want = 80 * p(200) + 40 * p(260);
    expect(want).toBeGreaterThan(1);
    const out = risk.outcomes(people);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ scenario: 'bleve', weather: 0, from_deg: null, frequency_per_yr: 1e-5 });
    expect(out[0].deaths).toBeCloseTo(want, 9);
    const s = societalRisk(risk, people);
    expect(s.curve).toHaveLength(1);
    expect(s.curve[0].n).toBeCloseTo(want, 9);
    expect(s.curve[0].f_per_yr).toBeCloseTo(1e-5, 18);
    expect(s.pll_per_yr).toBeCloseTo(1e-5 * want, 15);
    expect(s.drivers).toEqual([{ scenario: 'bleve', share: 1 }]);
    // who: each group's share of the deaths, 80 · P(200 m) against 40 · P(260 m)
    expect(out[0].by_group.a).toBeCloseTo(80 * p(200), 9);
    expect(out[0].by_group.b).toBeCloseTo(40 * p(260), 9);
    expect(s.among.map((g) => g.group)).toEqual(['a', 'b']);
    expect(s.among[0].share).toBeCloseTo((80 * p(200)) / want, 12);
  });

  it('a toxic leak with the wind always from the north: only the people south die, f · P(w) per direction', () => {
    const [sx, sy] = model.byId.get('T-CHL-01')!.anchor;
    const risk = individualRisk(model, {
      scenarios: [{ id: 'cl', kind: 'toxic-leak', source: 'T-CHL-01', rate_kg_s: 5, frequency_per_yr: 1e-4 }],
      weather: [
        { ...D5, probability: 0.6 },
        { stability: 'F', wind_speed_m_s: 2, probability: 0.4 },
      ],
      wind_rose: [1, ...Array(11).fill(0)],
      directions_per_sector: 1,
    });
    const south = { group: 's', xy: [sx, sy - 700] as const, n: 200 };
    const north = { group: 'n', xy: [sx, sy + 700] as const, n: 500 };
    const out = risk.outcomes([south, north]);
    const pDeath = (stability: 'D' | 'F', u: number) => {
      const res = scenarioFootprints(model, {
        kind: 'toxic-leak',
        source: 'T-CHL-01',
        rate_kg_s: 5,
        weather: { wind_speed_m_s: u, wind_from_deg: 0, stability },
      });
      return probability(toxicProbit(hazardSubstance('chlorine')!.probit!, threatAt(model, res, south.xy as [number, number]).value, 30));
    };
    const want = [200 * pDeath('D', 5), 200 * pDeath('F', 2)];
    expect(out.map((o) => o.weather)).toEqual([0, 1]);
    out.forEach((o, k) => {
      expect(o.from_deg).toBe(0);
      expect(o.frequency_per_yr).toBeCloseTo(1e-4 * [0.6, 0.4][k], 18);
      expect(o.deaths).toBeCloseTo(want[k], 9);
    });
    // turn the wind round: the same toll falls on the north, 2.5 times as many people
    const back = individualRisk(model, {
      scenarios: [{ id: 'cl', kind: 'toxic-leak', source: 'T-CHL-01', rate_kg_s: 5, frequency_per_yr: 1e-4 }],
      weather: [D5],
      wind_rose: [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0],
      directions_per_sector: 1,
    }).outcomes([south, north]);
    expect(back).toHaveLength(1);
    expect(back[0].deaths).toBeCloseTo(2.5 * want[0], 6);
  });

  it('the example study on the demo park: the curve falls, its worst point lies on it, the drivers add up', () => {
    const study = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../../examples/risk-demo.json'), 'utf8'));
    const risk = individualRisk(model, parseRiskStudy(model, study));
    const s = societalRisk(risk, peopleAround(model));
    expect(s.curve.length).toBeGreaterThan(5);
    for (let i = 1; i < s.curve.length; i++) {
      expect(s.curve[i].n).toBeGreaterThan(s.curve[i - 1].n);
      expect(s.curve[i].f_per_yr).toBeLessThan(s.curve[i - 1].f_per_yr);
    }
    expect(s.curve).toContainEqual({ n: s.worst!.n, f_per_yr: s.worst!.f_per_yr });
    expect(s.drivers.reduce((a, d) => a + d.share, 0)).toBeCloseTo(1, 12);
    expect(s.among.reduce((a, g) => a + g.share, 0)).toBeCloseTo(1, 12);
    for (const g of s.among) expect(model.byId.get(g.group)?.kind).toBe('protected_target');
    expect(s.max_deaths).toBe(s.curve.at(-1)!.n);
    // PLL = Σ f·N over all outcomes ≥ n₁ · F(n₁)
    expect(s.pll_per_yr).toBeGreaterThanOrEqual(s.curve[0].f_per_yr * s.curve[0].n);
  });
});
