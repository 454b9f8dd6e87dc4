/**
 * Individual risk: the sum over scenarios, weather classes and wind directions, checked by hand
 * against the scenario models' own chance of death; contours at GB 36894's limits; targets against
 * the limits of their categories.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../model/model.ts';
import { pointPolylineDistance } from '../primitives/planar.ts';
import { scenarioFootprints, threatAt } from './emergency.ts';
import { fireball, fireballFlux } from '../hazards/fire.ts';
import { eisenbergThermal, probability, toxicProbit } from '../hazards/probit.ts';
import { hazardSubstance } from '../hazards/substances.ts';
import {
  checkTargets,
  GB36894_LIMITS,
  individualRisk,
  NEGLIGIBLE_PER_YR,
  riskContours,
  riskGrid,
  RISK_LEVELS_PER_YR,
  type RiskInputError,
  windDirections,
  type RiskInput,
} from './risk.ts';

const r = loadModel(JSON.parse(readFileSync(path.join(import.meta.dirname, '../../../public/parks/demo.geojson'), 'utf8')));
if (!r.ok) throw new Error('demo invalid');
const model = r.model;
const D5 = { stability: 'D' as const, wind_speed_m_s: 5, probability: 1 };
const fromNorth = [1, ...Array(11).fill(0)];

describe('individual risk', () => {
  it('wind directions: 12 sectors of 30°, each split in 5 about its centre, the first on north', () => {
    const d = windDirections(undefined, 5);
    expect(d).toHaveLength(60);
    expect(d.reduce((a, x) => a + x.p, 0)).toBeCloseTo(1, 12);
    expect(d.slice(0, 5).map((x) => x.from_deg)).toEqual([348, 354, 0, 6, 12]);
    expect(windDirections([0, 1, 0, 0], 1)).toEqual([{ from_deg: 90, p: 1 }]);
  });

  it('a fireball is the same in every wind: IR(r) = f · P(death) by Eisenberg over its duration — by hand', () => {
    const sphere = model.byId.get('T-LPG-01')!;
    const mass = 50_000;
    const risk = individualRisk(model, {
      scenarios: [{ id: 'bleve', kind: 'bleve', source: 'T-LPG-01', mass_kg: mass, frequency_per_yr: 1e-5 }],
      weather: [D5],
    });
    const fb = fireball(mass);
    for (const d of [150, 250, 350, 450]) {
      const q = fireballFlux(fb, d).q_kW_m2;
      const p = probability(eisenbergThermal(q * 1000, fb.duration_s));
      // what adds less than NEGLIGIBLE_PER_YR is left out (at 450 m: 10⁻¹¹ per year)
      const want = 1e-5 * p >= NEGLIGIBLE_PER_YR ? 1e-5 * p : 0;
      if (d < 400) expect(want).toBeGreaterThan(0);
      else expect(want).toBe(0);
      expect(risk.at([sphere.anchor[0] + d, sphere.anchor[1]])).toBeCloseTo(want, 15);
      expect(risk.at([sphere.anchor[0], sphere.anchor[1] - d])).toBeCloseTo(want, 15);
    }
  });

  it('a toxic leak with the wind always from the north: the risk south is f · P(death) of 30 min in the plume; north, none', () => {
    const input: RiskInput = {
      scenarios: [{ id: 'cl', kind: 'toxic-leak', source: 'T-CHL-01', rate_kg_s: 2, frequency_per_yr: 1e-4 }],
      weather: [D5],
      wind_rose: fromNorth,
      directions_per_sector: 1,
    };
    const risk = individualRisk(model, input);
    const [sx, sy] = model.byId.get('T-CHL-01')!.anchor;
    const res = scenarioFootprints(model, {
      kind: 'toxic-leak',
      source: 'T-CHL-01',
      rate_kg_s: 2,
      weather: { wind_speed_m_s: 5, wind_from_deg: 0, stability: 'D' },
    });
    for (const d of [300, 800]) {
      const ppm = threatAt(model, res, [sx, sy - d]).value;
      const p = probability(toxicProbit(hazardSubstance('chlorine')!.probit!, ppm, 30));
      expect(p).toBeGreaterThan(0);
      expect(risk.at([sx, sy - d])).toBeCloseTo(1e-4 * p, 15);
    }
    expect(risk.at([sx, sy + 300])).toBe(0);
    // the wind always from the east turns it all west
    const east = individualRisk(model, { ...input, wind_rose: [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0] });
    expect(east.at([sx - 800, sy])).toBeCloseTo(risk.at([sx, sy - 800]), 15);
    expect(east.at([sx, sy - 800])).toBe(0);
  });

  it('the tabulated field (for maps) reads the same as the full sum, to a few per cent where the risk matters', () => {
    const risk = individualRisk(model, {
      scenarios: [
        { id: 'cl', kind: 'toxic-leak', source: 'T-CHL-01', rate_kg_s: 2, frequency_per_yr: 1e-4 },
        { id: 'fire', kind: 'pool-fire', source: 'T-CRU-01', frequency_per_yr: 1e-4 },
        { id: 'bleve', kind: 'bleve', source: 'T-LPG-01', mass_kg: 50_000, frequency_per_yr: 1e-5 },
      ],
      weather: [
        { ...D5, probability: 0.5 },
        { stability: 'F', wind_speed_m_s: 2, probability: 0.5 },
      ],
      wind_rose: [0.2, 0.05, 0.05, 0.1, 0.1, 0.05, 0.05, 0.1, 0.1, 0.05, 0.05, 0.1],
    });
    let compared = 0;
    for (const id of ['T-CHL-01', 'T-CRU-01', 'T-LPG-01']) {
      const [sx, sy] = model.byId.get(id)!.anchor;
      for (const d of [60, 150, 400, 900])
        for (const a of [0, 70, 160, 250, 330]) {
          const xy: [number, number] = [sx + d * Math.cos((a * Math.PI) / 180), sy + d * Math.sin((a * Math.PI) / 180)];
          const exact = risk.at(xy);
          if (exact < 1e-8) continue;
          compared++;
          expect(Math.abs(risk.field(xy) - exact) / exact).toBeLessThan(0.05);
        }
    }
    expect(compared).toBeGreaterThan(20);
  });

  // The map is read off the tables (RiskModel.field), whose values may differ from the full sum by
  // some per cent where the risk changes steeply; what a planner reads against GB 36894 are the
  // contours, and those must come out where the full sum puts them: every cell the two classify
  // differently at a level touches the full sum's boundary (the contour within one cell), and every
  // point of each contour lies within one cell (or 1 % of its distance from the nearest source) of
  // the other's. The demo study, and the same at 30× its frequencies so that every level has a contour.
  const study = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../../examples/risk-demo.json'), 'utf8')) as RiskInput & { cell_m: number };
  for (const [name, factor] of [
    ['the demo study', 1],
    ['the demo study at 30× its frequencies', 30],
  ] as const)
    it(`the map's contours at the GB 36894 levels are the full sum's, to a cell — ${name}`, () => {
      const risk = individualRisk(model, { ...study, scenarios: study.scenarios.map((sc) => ({ ...sc, frequency_per_yr: sc.frequency_per_yr * factor })) });
      const fast = riskGrid(risk, 25);
      const exact = { ...fast, values: new Float64Array(fast.values.length) };
      for (let j = 0; j < fast.ny; j++)
        for (let i = 0; i < fast.nx; i++) exact.values[j * fast.nx + i] = risk.at([fast.x0 + i * fast.cell_m, fast.y0 + j * fast.cell_m]);
      const sources = study.scenarios.map((sc) => model.byId.get(sc.source as string)!.anchor);
      const fromSource = (x: number, y: number) => Math.min(...sources.map(([sx, sy]) => Math.hypot(x - sx, y - sy)));
      let levelsWithContours = 0;
      for (const level of RISK_LEVELS_PER_YR) {
        // cells: any the two put on different sides touches the full sum's boundary
        for (let j = 0; j < fast.ny; j++)
          for (let i = 0; i < fast.nx; i++) {
            const k = j * fast.nx + i;
            const side = fast.values[k] >= level;
            if (side === exact.values[k] >= level) continue;
            let touches = false;
            for (let dj = -1; dj <= 1; dj++)
              for (let di = -1; di <= 1; di++) {
                const ii = i + di;
                const jj = j + dj;
                if (ii >= 0 && jj >= 0 && ii < fast.nx && jj < fast.ny && exact.values[jj * fast.nx + ii] >= level === side) touches = true;
              }
            expect(touches, `cell ${i},${j} at ${level}`).toBe(true);
          }
        // lines: each within a cell (or 1 % of its distance from the nearest source) of the other
        const [a] = riskContours(fast, [level]);
        const [b] = riskContours(exact, [level]);
        expect(a.lines.length > 0).toBe(b.lines.length > 0);
        if (!b.lines.length) continue;
        levelsWithContours++;
        for (const [from, to] of [
          [a, b],
          [b, a],
        ])
          for (const [x, y] of from.lines.flat()) {
            const d = Math.min(...to.lines.filter((l) => l.length > 1).map((l) => pointPolylineDistance([x, y], l).distance_m));
            expect(d, `${level} at ${x.toFixed(0)}, ${y.toFixed(0)}`).toBeLessThanOrEqual(Math.max(fast.cell_m, 0.01 * fromSource(x, y)) + 1e-6);
          }
      }
      expect(levelsWithContours).toBeGreaterThanOrEqual(factor === 1 ? 1 : RISK_LEVELS_PER_YR.length);
    }, 60_000);

  it('weather classes add by their shares; frequencies scale it', () => {
    const sc = { id: 'cl', kind: 'toxic-leak' as const, source: 'T-CHL-01', rate_kg_s: 2, frequency_per_yr: 1e-4 };
    const F2 = { stability: 'F' as const, wind_speed_m_s: 2, probability: 1 };
    const [sx, sy] = model.byId.get('T-CHL-01')!.anchor;
    const p = [sx + 120, sy - 600] as [number, number];
    const a = individualRisk(model, { scenarios: [sc], weather: [D5] }).at(p);
    const b = individualRisk(model, { scenarios: [sc], weather: [F2] }).at(p);
    const both = individualRisk(model, {
      scenarios: [sc],
      weather: [
        { ...D5, probability: 0.3 },
        { ...F2, probability: 0.7 },
      ],
    }).at(p);
    expect(both).toBeCloseTo(0.3 * a + 0.7 * b, 15);
    expect(individualRisk(model, { scenarios: [{ ...sc, frequency_per_yr: 2e-4 }], weather: [D5] }).at(p)).toBeCloseTo(2 * a, 15);
  });

  it('contours at the GB 36894 levels lie where the risk is that level', () => {
    const risk = individualRisk(model, {
      scenarios: [{ id: 'bleve', kind: 'bleve', source: 'T-LPG-01', mass_kg: 50_000, frequency_per_yr: 1e-5 }],
      weather: [D5],
    });
    const grid = riskGrid(risk, 10);
    const contours = riskContours(grid, [3e-6]);
    expect(contours[0].lines.length).toBeGreaterThan(0);
    const [sx, sy] = model.byId.get('T-LPG-01')!.anchor;
    const radii = contours[0].lines.flat().map(([x, y]) => Math.hypot(x - sx, y - sy));
    const mean = radii.reduce((a, x) => a + x, 0) / radii.length;
    for (const rr of radii) expect(Math.abs(rr - mean)).toBeLessThan(10); // a circle, to a cell
    expect(risk.at([sx + mean - 10, sy])).toBeGreaterThan(3e-6);
    expect(risk.at([sx + mean + 10, sy])).toBeLessThan(3e-6);
  });

  it('protected targets against their limits: a fireball next to one breaks its limit, at a negligible frequency none does', () => {
    const t = model.ofKind('protected_target')[0];
    const at: [number, number] = [t.anchor[0] + 60, t.anchor[1]];
    const sc = { id: 'bleve', kind: 'bleve' as const, source: '', at, substance: 'lpg', mass_kg: 50_000 };
    const near = checkTargets(model, individualRisk(model, { scenarios: [{ ...sc, frequency_per_yr: 1e-5 }], weather: [D5] }));
    const row = near.find((x) => x.id === t.id)!;
    expect(row.limit_per_yr).toBe(GB36894_LIMITS[row.category].new_per_yr);
    expect(row.risk_per_yr).toBeGreaterThan(row.limit_per_yr);
    expect(row.ok).toBe(false);
    const rare = checkTargets(model, individualRisk(model, { scenarios: [{ ...sc, frequency_per_yr: 1e-12 }], weather: [D5] }));
    expect(rare.every((x) => x.ok)).toBe(true);
    // existing installations are held to the looser limit
    expect(
      checkTargets(model, individualRisk(model, { scenarios: [{ ...sc, frequency_per_yr: 1e-5 }], weather: [D5] }), 'existing').find((x) => x.id === t.id)!
        .limit_per_yr,
    ).toBe(GB36894_LIMITS[row.category].existing_per_yr);
  });

  it('bad input names the field', () => {
    const field = (input: RiskInput) => {
      try {
        individualRisk(model, input);
      } catch (e) {
        return (e as RiskInputError).field;
      }
      return null;
    };
    const sc = { id: 'x', kind: 'bleve' as const, source: 'T-LPG-01', frequency_per_yr: 1e-6 };
    expect(field({ scenarios: [], weather: [D5] })).toBe('scenarios');
    expect(field({ scenarios: [{ ...sc, frequency_per_yr: 0 }], weather: [D5] })).toBe('scenarios.0.frequency_per_yr');
    expect(field({ scenarios: [sc], weather: [{ ...D5, probability: 0.5 }] })).toBe('weather');
    expect(field({ scenarios: [sc], weather: [D5], wind_rose: [0.5, 0.6] })).toBe('wind_rose');
  });
});
