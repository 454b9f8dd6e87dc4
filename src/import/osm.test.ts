/**
 * OpenStreetMap import against a small extract made here (XML) and the same as Overpass JSON: kinds
 * and counts as the tags say, a gate put on its fence, populations from a tag or estimated from a
 * density (said so), the park taken from the largest industrial area (said so), and bad input refused.
 */
import { describe, expect, it } from 'vitest';
import { parseLayout } from '../model/validate.ts';
import { ImportError } from './dxf.ts';
import { importOsm } from './osm.ts';

// a square industrial area of 0.01° × 0.01° at 38.7° N (about 869 m × 1 112 m), things inside, a village and housing outside
const lon0 = 117.5;
const lat0 = 38.7;
let id = 0;
const nodes: string[] = [];
const node = (dx: number, dy: number, tags: Record<string, string> = {}) => {
  id++;
  nodes.push(
    `<node id="${id}" lat="${(lat0 + dy).toFixed(7)}" lon="${(lon0 + dx).toFixed(7)}">${Object.entries(tags)
      .map(([k, v]) => `<tag k="${k}" v="${v}"/>`)
      .join('')}</node>`,
  );
  return id;
};
const ways: string[] = [];
let wid = 1000;
const way = (refs: number[], tags: Record<string, string>) => {
  wid++;
  ways.push(
    `<way id="${wid}">${refs.map((r) => `<nd ref="${r}"/>`).join('')}${Object.entries(tags)
      .map(([k, v]) => `<tag k="${k}" v="${v}"/>`)
      .join('')}</way>`,
  );
};
const square = (x0: number, y0: number, x1: number, y1: number) => {
  const a = node(x0, y0);
  const b = node(x1, y0);
  const c = node(x1, y1);
  const d = node(x0, y1);
  return [a, b, c, d, a];
};
way(square(0, 0, 0.01, 0.01), { landuse: 'industrial', name: '南港化工园区' });
way(square(0.002, 0.002, 0.0004 + 0.002, 0.0003 + 0.002), { man_made: 'storage_tank', content: 'oil', height: '18' });
node(0.004, 0.004, { man_made: 'storage_tank', diameter: '30' });
way(square(0.006, 0.006, 0.0065, 0.0064), { building: 'yes', 'building:levels': '3', name: '中心控制室' });
way(square(0.007, 0.001, 0.0072, 0.0012), { power: 'substation' });
// the fence along the south edge, a gate node on it
const f1 = node(0, -0.0001);
const gate = node(0.005, -0.0001, { barrier: 'gate' });
const f2 = node(0.01, -0.0001);
way([f1, gate, f2], { barrier: 'fence' });
way([node(0, 0.005), node(0.01, 0.005)], { highway: 'service', width: '9' });
way([node(0.001, 0.008), node(0.009, 0.008)], { man_made: 'pipeline', substance: 'gas' });
node(0.02, 0.02, { amenity: 'school', name: '南港第一小学' });
node(-0.01, 0.02, { place: 'village', name: '小王庄村', population: '1184' });
way(square(0.015, -0.005, 0.017, -0.003), { landuse: 'residential', name: '港东社区' });
way([node(0.012, 0.012), node(0.013, 0.013)], { natural: 'tree_row' });
const XML = `<?xml version="1.0" encoding="UTF-8"?><osm version="0.6">${nodes.join('')}${ways.join('')}</osm>`;

describe('OpenStreetMap import', () => {
  it('turns tags into kinds, puts the gate on its fence, estimates populations and takes the park from the industrial area', () => {
    const { layout, report } = importOsm(XML, { density_per_km2: 8000 });
    const fs = layout.features as { geometry: { type: string }; properties: Record<string, unknown> }[];
    expect(report.counts).toEqual({ park: 1, enterprise: 1, tank: 2, building: 2, fence: 1, gate: 1, road: 1, pipeline: 1, protected_target: 3 });
    const gateF = fs.find((f) => f.properties.kind === 'gate')!;
    expect(gateF.properties.fence_id).toBe(fs.find((f) => f.properties.kind === 'fence')!.properties.id);
    expect(fs.find((f) => f.properties.name === '中心控制室')!.properties.height_m).toBe(9);
    expect(fs.find((f) => f.properties.use === 'substation')).toBeTruthy();
    expect(fs.find((f) => f.properties.kind === 'road')!.properties.width_m).toBe(9);
    expect(fs.find((f) => f.properties.kind === 'pipeline')!.properties.substance).toBe('gas');
    const tankNode = fs.find((f) => f.properties.kind === 'tank' && f.geometry.type === 'Point')!;
    expect(tankNode.properties.diameter_m).toBe(30);
    // targets: a tag's population kept; a residential area's estimated (0.002° × 0.002° ≈ 0.0386 km² × 8 000)
    const village = fs.find((f) => f.properties.name === '小王庄村')!.properties;
    expect(village).toMatchObject({ category: 'village', population: 1184, gb36894_category: 'general_1' });
    const housing = fs.find((f) => f.properties.name === '港东社区')!.properties;
    expect(housing.category).toBe('residential');
    expect(housing.population).toBeGreaterThan(300);
    expect(housing.population).toBeLessThan(320);
    expect(fs.find((f) => f.properties.name === '南港第一小学')!.properties).toMatchObject({ category: 'school', gb36894_category: 'high_sensitivity' });
    expect(report.guesses.join('\n')).toMatch(/港东社区\): population \d+ estimated from 0\.03\d km² at 8000 people\/km²/);
    expect(report.guesses.join('\n')).toMatch(/content=oil is not a substance/);
    expect(report.guesses.join('\n')).toMatch(/park: the largest landuse=industrial area \(\d+ ha\) taken as the park boundary/);
    expect(report.layers.find((l) => l.layer === '(other tags)')).toMatchObject({ kind: null, entities: 1, features: 0 });
    // what OSM cannot say is named by validation (the school's population, the tanks' substance …)
    const v = parseLayout(layout);
    expect(v.issues.some((i) => i.path === 'properties.substance' && String(i.feature).startsWith('T-'))).toBe(true);
    expect(v.issues.some((i) => i.path === 'properties.population')).toBe(true);
  });

  it('fills property defaults per kind from the mapping where OSM says nothing, reported', () => {
    const { layout, report } = importOsm(XML, {
      kinds: { gate: { properties: { admits: ['people', 'car'], manned: true } }, road: { properties: { width_m: 12 } } },
    });
    const fs = layout.features as { properties: Record<string, unknown> }[];
    expect(fs.find((f) => f.properties.kind === 'gate')!.properties).toMatchObject({ admits: ['people', 'car'], manned: true });
    expect(fs.find((f) => f.properties.kind === 'road')!.properties.width_m).toBe(9); // the tag wins
    expect(report.defaults).toEqual(['gate: admits, manned from the mapping where OSM says nothing', 'road: width_m from the mapping where OSM says nothing']);
  });

  it('reads the same from Overpass JSON', () => {
    const json = {
      elements: [
        { type: 'node', id: 1, lat: 38.7, lon: 117.5, tags: { man_made: 'storage_tank', diameter: '20' } },
        { type: 'node', id: 2, lat: 38.71, lon: 117.51, tags: { amenity: 'hospital', name: '大港医院', population: '1500' } },
      ],
    };
    const { report } = importOsm(JSON.stringify(json));
    expect(report.counts).toEqual({ tank: 1, protected_target: 1 });
    expect(report.warnings).toEqual(['no park boundary: no landuse=industrial area in the extract (a layout needs a park)']);
  });

  it('refuses what is no OSM extract', () => {
    expect(() => importOsm('<kml></kml>')).toThrow(ImportError);
    expect(() => importOsm('{"features": []}')).toThrow(/not an OSM extract/);
    expect(() => importOsm('{"elements": []}')).toThrow(/holds no way, node or relation/);
  });
});
