/**
 * Scenario files in, GeoJSON out: the input names a bad field; the output's coordinates are the
 * engine's footprints in longitude/latitude, with the basis, targets and routes beside them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../model/model.ts';
import { scenarioFootprints } from './emergency.ts';
import { assess } from './assess.ts';
import { parseScenario, runScenario, scenarioGeoJson, type ScenarioInputError } from './scenarioIO.ts';

const r = loadModel(JSON.parse(readFileSync(path.join(import.meta.dirname, '../../../public/parks/demo.geojson'), 'utf8')));
if (!r.ok) throw new Error('demo invalid');
const model = r.model;
const weather = { wind_speed_m_s: 3, wind_from_deg: 0, stability: 'D' };

const field = (x: unknown) => {
  try {
    parseScenario(model, x);
  } catch (e) {
    return (e as ScenarioInputError).field;
  }
  return null;
};

describe('scenario files', () => {
  it('a place by longitude and latitude lands at its local metres; bad input names the field', () => {
    const [sx, sy] = model.byId.get('T-CHL-01')!.anchor;
    const [lon, lat] = model.frame.toLngLat([sx + 100, sy - 50]);
    const sc = parseScenario(model, { kind: 'toxic-leak', at_lnglat: [lon, lat], substance: 'chlorine', weather });
    expect(sc.source).toBe('');
    expect(sc.at![0]).toBeCloseTo(sx + 100, 6);
    expect(sc.at![1]).toBeCloseTo(sy - 50, 6);
    expect(field({ kind: 'meteor', source: 'T-CHL-01', weather })).toBe('kind');
    expect(field({ kind: 'toxic-leak', weather })).toBe('source');
    expect(field({ kind: 'toxic-leak', source: 'T-CHL-01', at_lnglat: [lon, lat], weather })).toBe('source');
    expect(field({ kind: 'toxic-leak', source: 'T-CHL-01', weather: { ...weather, stability: 'G' } })).toBe('weather.stability');
    expect(field({ kind: 'toxic-leak', source: 'T-CHL-01', weather, rate_kg_s: -2 })).toBe('rate_kg_s');
    expect(field({ kind: 'toxic-leak', source: 'T-CHL-01', weather, colour: 'red' })).toBe('colour');
    expect(field({ kind: 'toxic-leak', source: 'T-CHL-01', weather, at_lnglat: [200, 0] })).toBe('at_lnglat.0');
  });

  it("the GeoJSON holds the engine's footprints in longitude/latitude, the source, the basis and the targets reached", () => {
    const input = { kind: 'toxic-leak', source: 'T-CHL-01', rate_kg_s: 2, weather };
    const out = runScenario(model, input);
    const res = scenarioFootprints(model, parseScenario(model, input));
    const fps = out.features.filter((f) => f.properties?.type === 'footprint');
    expect(fps.map((f) => f.properties!.label)).toEqual(['ERPG-3', 'IDLH', 'ERPG-2']);
    fps.forEach((f, i) => {
      const ring = (f.geometry as GeoJSON.Polygon).coordinates[0];
      expect(ring).toHaveLength(res.footprints[i].ring.length);
      ring.forEach((p, k) => {
        const [x, y] = model.frame.toLocal(p as [number, number]);
        expect(Math.hypot(x - res.footprints[i].ring[k][0], y - res.footprints[i].ring[k][1])).toBeLessThan(0.02); // 7 decimals ≈ 1 cm
      });
    });
    const src = out.features.find((f) => f.properties?.type === 'source')!;
    expect(src.properties).toMatchObject({ kind: 'toxic-leak', installation: 'T-CHL-01', substance: 'chlorine' });
    expect(out.parktwin.basis).toBe(res.basis.text);
    expect(out.parktwin.targets_reached).toEqual(assess(model, res, [], new Map()).targets);
    expect((out.parktwin.resources as unknown[]).length).toBeGreaterThan(0);
  });

  it('a fire carries its flame; people inside come with their routes', () => {
    const res = scenarioFootprints(model, parseScenario(model, { kind: 'pool-fire', source: 'T-CRU-01', weather }));
    const [sx, sy] = res.source_xy;
    const a = assess(model, res, [{ id: 'P-1', kind: 'person', xy: [sx, sy - 120] }], new Map());
    const out = scenarioGeoJson(model, res, a);
    expect(out.features.find((f) => f.properties?.type === 'source')!.properties!.shape).toMatchObject({
      kind: 'flame',
      base_m: 21.8,
      diameter_m: 80,
      downwind_deg: 180,
    });
    const route = out.features.find((f) => f.properties?.type === 'route')!;
    expect(route.properties).toMatchObject({ subject: 'P-1', assembly: a.people[0].assembly });
    expect((route.geometry as GeoJSON.LineString).coordinates.length).toBe(a.people[0].route.length);
  });
});
