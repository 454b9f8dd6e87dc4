/**
 * Emergency scenarios on the demo park: footprints oriented by the wind, people inside and their
 * routes to safe assembly points along the roads, targets reached, detectors in the plume.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../model/model.ts';
import { AMBIENT_K, scenarioFootprints, ScenarioError, threatAt, threatOverTime } from './emergency.ts';
import { assess, FIXED_REACH_M } from './assess.ts';
import { RoadGraph } from '../roads.ts';
import { eisenbergThermal, probability, toxicProbit } from '../hazards/probit.ts';
import { hazardSubstance } from '../hazards/substances.ts';
import { britterMcQuaidPlume, gasDensity_kg_m3 } from '../hazards/denseGas.ts';
import { poolFireFluxInWind, poolFireInWind, yellowBookTilt_rad } from '../hazards/fire.ts';
import { gasDischarge, liquidDischarge } from '../hazards/discharge.ts';
import { pointInPolygon } from '../primitives/planar.ts';

const r = loadModel(JSON.parse(readFileSync(path.join(import.meta.dirname, '../../../public/parks/demo.geojson'), 'utf8')));
if (!r.ok) throw new Error('demo invalid');
const model = r.model;
const northWind = { wind_speed_m_s: 3, wind_from_deg: 0, stability: 'D' as const };

describe('scenario footprints', () => {
  it('a chlorine leak: the dense-gas model, nested footprints downwind (south for a north wind), each named', () => {
    const res = scenarioFootprints(model, { kind: 'toxic-leak', source: 'T-CHL-01', weather: northWind, rate_kg_s: 2 });
    expect(res.footprints.map((f) => f.label)).toEqual(['ERPG-3', 'IDLH', 'ERPG-2']);
    expect(res.footprints[0].reach_m).toBeLessThan(res.footprints[2].reach_m);
    const src = res.source_xy;
    for (const f of res.footprints) {
      const ys = f.ring.map((p) => p[1]);
      expect(Math.min(...ys)).toBeCloseTo(src[1] - f.reach_m, 0); // it reaches furthest due south
      // upwind only the dense source cloud, Lu = D/2 + 2 lb (about a metre for 2 kg/s in 3 m/s)
      expect(Math.max(...ys)).toBeGreaterThan(src[1]);
      expect(Math.max(...ys)).toBeLessThanOrEqual(src[1] + 2);
    }
    // chlorine vapour at its boiling point (239 K, 3.61 kg/m³) is dense: Britter–McQuaid, then passive
    expect(res.basis).toMatchObject({ key: 'densePlume', params: { t0: '239', rho: '3.61', sigma: 'ccps', stability: 'D' } });
    expect(res.basis.text).toMatch(/^Britter–McQuaid dense plume .* σ set ccps, stability D$/);
    expect(res.warnings).toEqual([]);
    // the footprints agree with the model they come from
    const bm = britterMcQuaidPlume({
      rate_kg_s: 2,
      source_density_kg_m3: gasDensity_kg_m3(70.9, 239.1),
      source_temperature_K: 239.1,
      ambient_temperature_K: AMBIENT_K,
      u10_m_s: 3,
      passive: { stability: 'D', sigma: 'ccps', molarMass_g_mol: 70.9 },
    });
    for (const f of res.footprints) expect(f.reach_m).toBeCloseTo(bm.distanceTo(f.threshold * 1e-6)!.x_m, 6);
    // the threat at a point 300 m downwind is the plume's concentration there
    const t = threatAt(model, res, [src[0], src[1] - 300]);
    expect(t.unit).toBe('ppm');
    expect(t.value).toBeGreaterThan(res.footprints[2].threshold);
    expect(threatAt(model, res, [src[0], src[1] + 300]).value).toBe(0); // upwind
  });

  it('the footprint turns with the wind', () => {
    const east = scenarioFootprints(model, { kind: 'toxic-leak', source: 'T-CHL-01', weather: { ...northWind, wind_from_deg: 270 }, rate_kg_s: 2 });
    const f = east.footprints[0];
    expect(Math.max(...f.ring.map((p) => p[0]))).toBeCloseTo(east.source_xy[0] + f.reach_m, 0);
  });

  it('ammonia vapour is lighter than air: a neutral Gaussian plume, warned that a cold or two-phase release would be dense', () => {
    const res = scenarioFootprints(model, { kind: 'toxic-leak', source: 'T-NH3-01', weather: northWind, rate_kg_s: 2 });
    expect(res.basis).toMatchObject({ key: 'plume', params: { sigma: 'ccps', stability: 'D' } });
    expect(res.warnings.map((w) => w.key)).toEqual(['denseGas']);
    const src = res.source_xy;
    for (const f of res.footprints) expect(Math.max(...f.ring.map((p) => p[1]))).toBeLessThanOrEqual(src[1] + 1); // nothing upwind
  });

  it('the threat over time: a plume arrives with the wind and its toxic load builds; heat from the start; a fireball stops burning', () => {
    const leak = scenarioFootprints(model, { kind: 'toxic-leak', source: 'T-CHL-01', weather: northWind, rate_kg_s: 2 });
    const [sx, sy] = leak.source_xy;
    const at = threatOverTime(model, leak, [sx, sy - 600]);
    expect(at.unit).toBe('ppm');
    expect(at.probit).toBe('toxic');
    expect(at.arrival_s).toBeCloseTo(200, 6); // 600 m at 3 m/s
    expect(at.points.map((q) => q.t_s)).toEqual([60, 300, 600, 1800, 3600]);
    expect(at.points[0]).toEqual({ t_s: 60, value: 0, death: 0 }); // not there yet
    const c = threatAt(model, leak, [sx, sy - 600]).value;
    expect(at.now).toEqual(threatAt(model, leak, [sx, sy - 600]));
    const cl = hazardSubstance('chlorine')!.probit!;
    expect(at.points[1].value).toBeCloseTo(c, 9);
    expect(at.points[1].death).toBeCloseTo(probability(toxicProbit(cl, c, 100 / 60)), 12); // 100 s of exposure
    expect(at.points[4].death).toBeCloseTo(probability(toxicProbit(cl, c, 3400 / 60)), 12);
    for (let i = 1; i < at.points.length; i++) expect(at.points[i].death!).toBeGreaterThanOrEqual(at.points[i - 1].death!);
    expect(threatOverTime(model, leak, [sx, sy + 300]).points.every((q) => q.value === 0 && q.death === 0)).toBe(true); // upwind
    // heat from the start, Eisenberg on t q^{4/3}
    const fire = scenarioFootprints(model, { kind: 'pool-fire', source: 'T-CRU-01', weather: northWind, diameter_m: 30 });
    const [fx, fy] = fire.source_xy;
    const ft = threatOverTime(model, fire, [fx + 60, fy]);
    const q = threatAt(model, fire, [fx + 60, fy]).value;
    expect(ft.arrival_s).toBe(0);
    expect(ft.points[2]).toEqual({ t_s: 60, value: q, death: expect.closeTo(probability(eisenbergThermal(q * 1000, 60)), 12) });
    // a fireball burns for its duration only: the dose stops growing after it
    const bleve = scenarioFootprints(model, { kind: 'bleve', source: 'T-LPG-01', weather: northWind });
    const bt = threatOverTime(model, bleve, [bleve.source_xy[0] + 400, bleve.source_xy[1]]);
    expect(bt.points[3].death).toBe(bt.points[4].death);
    // a flammable gas has no probit here
    const lng = scenarioFootprints(model, { kind: 'flammable-leak', source: 'T-LNG-01', weather: northWind, rate_kg_s: 5 });
    expect(threatOverTime(model, lng, [lng.source_xy[0], lng.source_xy[1] - 100]).points.every((p) => p.death === null)).toBe(true);
  });

  it('a pool fire leans with the wind: its 37.5, 12.5 and 4 kW/m² outlines reach furthest downwind, mirror across the wind, carry their flux; in still air, circles', () => {
    const res = scenarioFootprints(model, { kind: 'pool-fire', source: 'T-CRU-01', weather: northWind, diameter_m: 30 });
    expect(res.footprints.map((f) => f.label)).toEqual(['37.5 kW/m²', '12.5 kW/m²', '4 kW/m²']);
    // crude oil: Babrauskas 0.039 kg/(m² s), kβ 2.8 /m; vapour at its 400 K boiling point
    const input = { diameter_m: 30, burning_rate_kg_m2_s: 0.039, k_beta_per_m: 2.8, dHc_kJ_kg: 42_600, radiative_fraction: 0.35, transmissivity: 0.8 };
    const fire = poolFireInWind(input, 3, gasDensity_kg_m3(200, 400));
    expect(fire.tilt_rad).toBeGreaterThan(0.5); // 3 m/s bends a 30 m crude fire well over
    expect(res.basis.key).toBe('poolFire');
    expect(res.basis.text).toContain(`leaning ${((fire.tilt_rad * 180) / Math.PI).toFixed(0)}° downwind`);
    const [sx, sy] = res.source_xy;
    for (const f of res.footprints) {
      const ys = f.ring.map((p) => p[1]);
      const xs = f.ring.map((p) => p[0]);
      expect(sy - Math.min(...ys)).toBeCloseTo(f.reach_m, 0); // furthest due south, downwind of a north wind
      expect(Math.max(...ys) - sy).toBeLessThan(0.8 * f.reach_m); // less far upwind
      expect(Math.max(...xs) - sx).toBeCloseTo(sx - Math.min(...xs), 6); // mirrored across the wind
      // on the outline (where it lies outside the pool's rim) the flux of the solid flame is the threshold
      for (const [x, y] of f.ring) {
        const r = Math.hypot(x - sx, y - sy);
        if (r < 15.1) continue;
        const q = poolFireFluxInWind(input, fire, [sy - y, x - sx, 0]).q_solid_kW_m2; // plume frame: x south, y east
        expect(Math.abs(q - f.threshold) / f.threshold).toBeLessThan(0.02);
        expect(threatAt(model, res, [x, y]).value).toBeCloseTo(q, 9);
      }
    }
    // in still air the flame stands upright: circles
    const calm = scenarioFootprints(model, { kind: 'pool-fire', source: 'T-CRU-01', weather: { ...northWind, wind_speed_m_s: 0 }, diameter_m: 30 });
    for (const f of calm.footprints) for (const [x, y] of f.ring) expect(Math.hypot(x - sx, y - sy)).toBeCloseTo(f.reach_m, 0);
    // the 30 m pool burns on the ground: its flame, to be drawn, leans south
    expect(res.shape).toEqual({
      kind: 'flame',
      centre: res.source_xy,
      base_m: 0,
      diameter_m: 30,
      length_m: fire.flame_length_m,
      tilt_rad: fire.tilt_rad,
      downwind_deg: 180,
    });
    // without a diameter, the tank's own: a fire over its whole surface (80 m), on its roof 21.8 m
    // up — the ground lies below the flame's base
    const roof = scenarioFootprints(model, { kind: 'pool-fire', source: 'T-CRU-01', weather: northWind });
    expect(roof.basis.key).toBe('tankFire');
    expect(roof.basis.text).toMatch(/^tank fire Ø 80 m on the roof, 21.8 m up:/);
    expect(roof.shape).toMatchObject({ kind: 'flame', base_m: 21.8, diameter_m: 80 });
    const tankInput = { ...input, diameter_m: 80 };
    const tankFire = poolFireInWind(tankInput, 3, gasDensity_kg_m3(200, 400));
    for (const f of roof.footprints)
      for (const [x, y] of f.ring) {
        if (Math.hypot(x - sx, y - sy) < 40.1) continue;
        const q = poolFireFluxInWind(tankInput, tankFire, [sy - y, x - sx, -21.8]).q_solid_kW_m2;
        expect(Math.abs(q - f.threshold) / f.threshold).toBeLessThan(0.02);
      }
    // an east wind turns them west
    const east = scenarioFootprints(model, { kind: 'pool-fire', source: 'T-CRU-01', weather: { ...northWind, wind_from_deg: 90 }, diameter_m: 30 });
    expect(sx - Math.min(...east.footprints[2].ring.map((p) => p[0]))).toBeCloseTo(res.footprints[2].reach_m, 0);
  });

  it('a pool fire by the TNO Yellow Book set: its tilt and sooty SEP, outlines on its flux', () => {
    const res = scenarioFootprints(model, { kind: 'pool-fire', source: 'T-CRU-01', weather: northWind, diameter_m: 30, fire_correlations: 'tno-yellow-book' });
    const input = { diameter_m: 30, burning_rate_kg_m2_s: 0.039, k_beta_per_m: 2.8, dHc_kJ_kg: 42_600, radiative_fraction: 0.35, transmissivity: 0.8 };
    const fire = poolFireInWind(input, 3, gasDensity_kg_m3(200, 400), 'tno-yellow-book');
    expect(fire.tilt_rad).toBeCloseTo(yellowBookTilt_rad(30, 3), 12);
    expect(res.basis.key).toBe('poolFireYB');
    expect(res.basis.text).toContain(
      `leaning ${((fire.tilt_rad * 180) / Math.PI).toFixed(0)}° downwind (Yellow Book tilt); solid flame, sooty SEP ${fire.sep_kW_m2.toFixed(0)} kW/m²`,
    );
    const [sx, sy] = res.source_xy;
    for (const f of res.footprints)
      for (const [x, y] of f.ring) {
        if (Math.hypot(x - sx, y - sy) < 15.1) continue;
        const q = poolFireFluxInWind(input, fire, [sy - y, x - sx, 0]).q_solid_kW_m2;
        expect(Math.abs(q - f.threshold) / f.threshold).toBeLessThan(0.02);
      }
    // the sets differ by design: the sooty SEP of a large crude fire is well below CCPS's χr Q over the flame
    const ccps = scenarioFootprints(model, { kind: 'pool-fire', source: 'T-CRU-01', weather: northWind, diameter_m: 30 });
    expect(fire.sep_kW_m2).toBeLessThan(poolFireInWind(input, 3, gasDensity_kg_m3(200, 400)).sep_kW_m2 / 2);
    expect(res.footprints.at(-1)!.reach_m).toBeLessThan(ccps.footprints.at(-1)!.reach_m);
  });

  it('a leak shut off: its tail follows its front downwind; behind it the air is clear, and the dose taken stays', () => {
    const sc = { kind: 'toxic-leak' as const, source: 'T-CHL-01', weather: northWind, rate_kg_s: 2 };
    // ten minutes after it began, shut off after five: front 1 800 m, tail 900 m downwind (3 m/s)
    const res = scenarioFootprints(model, { ...sc, elapsed_s: 600, release_s: 300 });
    expect(res.front_m).toBe(1800);
    expect(res.tail_m).toBe(900);
    const [sx, sy] = res.source_xy;
    expect(res.footprints.length).toBeGreaterThan(0);
    for (const f of res.footprints)
      for (const [, y] of f.ring) {
        expect(sy - y).toBeGreaterThanOrEqual(900 - 1e-6);
        expect(sy - y).toBeLessThanOrEqual(1800 + 1e-6);
      }
    expect(threatAt(model, res, [sx, sy - 500]).value).toBe(0); // passed
    expect(threatAt(model, res, [sx, sy - 1200]).value).toBeGreaterThan(0); // inside the moving cloud
    // still going on: no tail
    expect(scenarioFootprints(model, { ...sc, elapsed_s: 200, release_s: 300 }).tail_m).toBeNull();
    // at 500 m over time: there from 167 s for 300 s, then gone; the chance of death stops growing
    const over = threatOverTime(model, res, [sx, sy - 500], [100, 300, 460, 470, 600, 1200]);
    expect(over.arrival_s).toBeCloseTo(500 / 3, 6);
    expect(over.points.map((p) => p.value > 0)).toEqual([false, true, true, false, false, false]);
    const d = over.points.map((p) => p.death ?? 0);
    expect(d[2]).toBeGreaterThan(d[1]);
    expect(d[3]).toBeCloseTo(d[4], 12);
    expect(d[5]).toBeCloseTo(d[4], 12);
  });

  it('a VCE and a BLEVE at the LPG spheres; bad scenarios say why', () => {
    expect(scenarioFootprints(model, { kind: 'vce', source: 'T-LPG-01', weather: northWind }).footprints).toHaveLength(3);
    expect(scenarioFootprints(model, { kind: 'bleve', source: 'T-LPG-01', weather: northWind }).basis).toMatchObject({
      key: 'bleveDefault',
      text: expect.stringMatching(/fireball/),
    });
    expect(() => scenarioFootprints(model, { kind: 'flammable-leak', source: 'T-CHL-01', weather: northWind })).toThrow(ScenarioError);
    try {
      scenarioFootprints(model, { kind: 'flammable-leak', source: 'T-CHL-01', weather: northWind });
    } catch (e) {
      // the UI words it from the key; the CLI and logs read the English message
      expect((e as ScenarioError).note).toMatchObject({ key: 'notFlammable', params: { substance: 'chlorine' } });
      expect((e as Error).message).toBe('chlorine is not flammable: choose a toxic leak');
    }
    expect(() => scenarioFootprints(model, { kind: 'toxic-leak', source: 'NOPE', weather: northWind })).toThrow(/no installation/);
  });

  it('a leak through a hole: the rate from the discharge models, with where the pressure came from', () => {
    // liquid chlorine under its own vapour pressure (670 kPa abs at 20 °C): Bernoulli through 10 mm;
    // 0.93 (293.15 − 239.1)/288 = 17 % flashes
    const cl = scenarioFootprints(model, { kind: 'toxic-leak', source: 'T-CHL-01', weather: northWind, hole_mm: 10 });
    const clRate = liquidDischarge({ hole_diameter_m: 0.01, gauge_pressure_Pa: (670 - 101.325) * 1000, density_kg_m3: 1563 }).rate_kg_s;
    expect(clRate).toBeGreaterThan(2);
    expect(cl.release).toMatchObject({ key: 'releaseLiquid', params: { hole: 10, p: 569, from: 'vapour', flash: 17, rate: Number(clRate.toPrecision(3)) } });
    expect(cl.basis.params.rate).toBe(Number(clRate.toPrecision(3)));
    // the same as the rate given by hand
    expect(cl.footprints.map((f) => f.reach_m)).toEqual(
      scenarioFootprints(model, { kind: 'toxic-leak', source: 'T-CHL-01', weather: northWind, rate_kg_s: clRate }).footprints.map((f) => f.reach_m),
    );
    // a pressure given wins; a head adds ρ g h
    const given = scenarioFootprints(model, { kind: 'toxic-leak', source: 'T-CHL-01', weather: northWind, hole_mm: 10, gauge_pressure_kPa: 300, head_m: 2 });
    expect(given.release!.params.rate).toBe(
      Number(liquidDischarge({ hole_diameter_m: 0.01, gauge_pressure_Pa: 300e3, head_m: 2, density_kg_m3: 1563 }).rate_kg_s.toPrecision(3)),
    );
    expect(given.release!.params.from).toBe('given');
    // hydrogen in a column at its design pressure (1 600 kPa g): a choked gas discharge
    const h2 = scenarioFootprints(model, { kind: 'flammable-leak', source: 'U-REF-HCU-V1', weather: northWind, hole_mm: 25 });
    const h2Rate = gasDischarge({ hole_diameter_m: 0.025, pressure_Pa: 1600e3 + 101_325, temperature_K: AMBIENT_K, molarMass_g_mol: 2.016, gamma: 1.41 });
    expect(h2Rate.choked).toBe(true);
    expect(h2.release).toMatchObject({ key: 'releaseGasChoked', params: { from: 'design', p: 1600 } });
    expect(h2.release!.params.rate).toBe(Number(h2Rate.rate_kg_s.toPrecision(3)));
    // a rate given wins over a hole; neither: 1 kg/s, no source term
    expect(scenarioFootprints(model, { kind: 'toxic-leak', source: 'T-CHL-01', weather: northWind, hole_mm: 10, rate_kg_s: 3 }).release).toBeNull();
    expect(scenarioFootprints(model, { kind: 'toxic-leak', source: 'T-CHL-01', weather: northWind }).basis.params.rate).toBe(1);
  });
});

describe('people, routes, targets, detectors', () => {
  const graph = new RoadGraph(model);

  it('the road network is one connected graph', () => {
    expect(graph.nodes.length).toBeGreaterThan(12);
    const far = graph.nodes.reduce((best, n, i) => (Math.hypot(n[0], n[1]) > Math.hypot(graph.nodes[best][0], graph.nodes[best][1]) ? i : best), 0);
    expect(graph.path(0, far, [], [0, -1], [0, 0])).not.toBeNull();
  });

  it('people inside the chlorine plume are listed with a route to an assembly point outside it; people upwind are not', () => {
    const res = scenarioFootprints(model, { kind: 'toxic-leak', source: 'T-CHL-01', weather: northWind, rate_kg_s: 2 });
    const [sx, sy] = res.source_xy;
    const subjects = [
      { id: 'P-DOWN', kind: 'person', xy: [sx + 5, sy - 150] as [number, number] },
      { id: 'P-UP', kind: 'person', xy: [sx, sy + 300] as [number, number] },
    ];
    const a = assess(model, res, subjects, new Map(), graph);
    expect(a.people.map((p) => p.id)).toEqual(['P-DOWN']);
    const p = a.people[0];
    expect(p.assembly).toMatch(/^Z-AP-/);
    const ap = model.byId.get(p.assembly!)!;
    for (const f of res.footprints) expect(pointInPolygon(ap.anchor, [f.ring])).toBe(false);
    expect(p.route[0]).toEqual(subjects[0].xy);
    expect(p.route[p.route.length - 1]).toEqual([ap.anchor[0], ap.anchor[1]]);
    expect(p.route_m).toBeGreaterThan(0);
    // a toxic cloud calls for the response team (gas protection), medical care and the fire station,
    // in that order; the LPG water curtains are fixed and far away, the crude foam monitors of no use
    expect(a.resources.map((x) => x.type)).toEqual(['response_team', 'medical_post', 'fire_station']);
    expect(a.resources.every((x) => !x.fixed)).toBe(true);
    // the road is never shorter than the straight line; the drive at 30 km/h
    for (const r of a.resources) {
      expect(r.road_m!).toBeGreaterThanOrEqual(r.distance_m - 1);
      expect(r.eta_min!).toBeCloseTo((r.road_m! / 30_000) * 60, 1);
    }
    // the road distance is the shortest path's length (the evacuation router with nothing to avoid agrees)
    const first = model.byId.get(a.resources[0].id)!;
    const from = graph.nearest(res.source_xy);
    const to = graph.nearest(first.anchor);
    const nodes = graph.path(from, to, [], [0, 0], res.source_xy)!.map((i) => graph.nodes[i]);
    const pts = [res.source_xy, ...nodes, first.anchor];
    const len = pts.slice(1).reduce((sum, q, i) => sum + Math.hypot(q[0] - pts[i][0], q[1] - pts[i][1]), 0);
    expect(a.resources[0].road_m).toBe(Math.round(len));
  });

  it('a pool fire on a crude tank calls for the fire station first and the foam monitors within reach of its shell, fixed, by distance', () => {
    // T-CRU-05 (D 80 m): foam monitors 1 and 2 stand 117 m and 148 m from its centre, 77 m and 108 m
    // from its shell — within the 120 m reach; monitor 3 (286 m) is not
    const res = scenarioFootprints(model, { kind: 'pool-fire', source: 'T-CRU-05', weather: northWind });
    const a = assess(model, res, [], new Map(), new RoadGraph(model));
    expect(a.resources[0]).toMatchObject({ type: 'fire_station', fixed: false });
    const monitors = a.resources.filter((x) => x.type === 'foam_monitor');
    for (const m of monitors) expect(m).toMatchObject({ fixed: true, road_m: null, eta_min: null });
    expect(monitors.map((m) => [m.id, m.distance_m])).toEqual([
      ['ER-CRU-FM1', 117],
      ['ER-CRU-FM2', 148],
    ]);
    expect(FIXED_REACH_M).toBe(120);
    expect(a.resources.some((x) => x.type === 'response_team' || x.type === 'medical_post')).toBe(true);
  });

  it('a walkthrough in time: after 1 min a 3 m/s wind has carried the leak 180 m, and only the people that far are inside', () => {
    const steady = scenarioFootprints(model, { kind: 'toxic-leak', source: 'T-CHL-01', weather: northWind, rate_kg_s: 2 });
    const at1 = scenarioFootprints(model, { kind: 'toxic-leak', source: 'T-CHL-01', weather: northWind, rate_kg_s: 2, elapsed_s: 60 });
    expect(steady.front_m).toBeNull();
    expect(at1.front_m).toBe(180);
    const [sx, sy] = at1.source_xy;
    expect(at1.footprints.map((f) => f.label)).toEqual(['ERPG-3', 'IDLH', 'ERPG-2']);
    for (const f of at1.footprints) {
      expect(f.reach_m).toBe(180);
      expect(Math.min(...f.ring.map((q) => q[1]))).toBeCloseTo(sy - 180, 6); // cut straight across at the front
    }
    const subjects = [
      { id: 'P-150', kind: 'person', xy: [sx + 5, sy - 150] as [number, number] },
      { id: 'P-400', kind: 'person', xy: [sx - 10, sy - 400] as [number, number] },
    ];
    expect(assess(model, at1, subjects, new Map(), graph).people.map((q) => q.id)).toEqual(['P-150']);
    expect(
      assess(model, steady, subjects, new Map(), graph)
        .people.map((q) => q.id)
        .sort(),
    ).toEqual(['P-150', 'P-400']);
    expect(threatAt(model, at1, [sx - 10, sy - 400]).value).toBe(0); // not there yet
    expect(threatAt(model, at1, [sx + 5, sy - 150]).value).toBeCloseTo(threatAt(model, steady, [sx + 5, sy - 150]).value, 9);
    // an hour on, the front is past every footprint: the steady state
    const at60 = scenarioFootprints(model, { kind: 'toxic-leak', source: 'T-CHL-01', weather: northWind, rate_kg_s: 2, elapsed_s: 3600 });
    expect(at60.footprints.map((f) => f.reach_m)).toEqual(steady.footprints.map((f) => f.reach_m));
    // fires are there at once
    expect(scenarioFootprints(model, { kind: 'pool-fire', source: 'T-CRU-01', weather: northWind, elapsed_s: 10 }).front_m).toBeNull();
  });

  it("a release anywhere: at a clicked place, with a substance given (or the installation's), the footprints start there", () => {
    const at: [number, number] = [1200, 800];
    const res = scenarioFootprints(model, { kind: 'toxic-leak', source: '', at, substance: 'chlorine', weather: northWind, rate_kg_s: 2 });
    expect(res.source_xy).toEqual(at);
    const same = scenarioFootprints(model, { kind: 'toxic-leak', source: 'T-CHL-01', weather: northWind, rate_kg_s: 2 });
    expect(res.footprints.map((f) => f.reach_m)).toEqual(same.footprints.map((f) => f.reach_m)); // the same release, moved
    expect(Math.min(...res.footprints[2].ring.map((q) => q[1]))).toBeCloseTo(at[1] - res.footprints[2].reach_m, 0);
    // an installation's substance released at a place beside it
    expect(scenarioFootprints(model, { kind: 'toxic-leak', source: 'T-CHL-01', at, weather: northWind, rate_kg_s: 2 }).source_xy).toEqual(at);
    // a place with no installation and no substance cannot be modelled, and says why
    try {
      scenarioFootprints(model, { kind: 'toxic-leak', source: '', at, weather: northWind });
      expect.unreachable();
    } catch (e) {
      expect((e as ScenarioError).note.key).toBe('placeNeedsSubstance');
    }
    // the fireball at a place defaults its mass (no inventory there)
    expect(scenarioFootprints(model, { kind: 'bleve', source: '', at, substance: 'lpg', weather: northWind }).basis.params.t).toBe(1);
  });

  it('gas detectors inside the plume get a modelled reading beside the measured one', () => {
    const res = scenarioFootprints(model, { kind: 'toxic-leak', source: 'T-CHL-01', weather: northWind, rate_kg_s: 2 });
    const a = assess(model, res, [], new Map([['T-CHL-01-GD1', 12]]), graph);
    // only toxic-gas detectors measure a chlorine release
    for (const d of a.detectors) {
      expect((model.byId.get(d.sensor)!.props as { type: string }).type).toBe('toxic_gas');
      expect(d.modelled).toBeGreaterThanOrEqual(0);
    }
    const lpg = scenarioFootprints(model, { kind: 'flammable-leak', source: 'T-LPG-01', weather: { ...northWind, wind_from_deg: 270 }, rate_kg_s: 50 }); // blowing east along the row of spheres
    const b = assess(model, lpg, [], new Map(), graph);
    expect(b.detectors.length).toBeGreaterThan(0);
    for (const d of b.detectors) expect(d.unit === '%LEL' || d.unit === 'LEL·m').toBe(true);
  });
});
