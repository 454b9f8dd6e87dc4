/**
 * DXF import, against drawings written by scripts/make-dxf.ts: the same small tank farm in CGCS2000
 * 3° Gauss–Krüger zone 39 (EPSG:4527, millimetres) and in a local construction grid placed by control
 * points. Kinds and counts as the layers map; tank centres within 0.05 m of where proj4 puts them on its
 * own; names from the texts; the building's arc corner within the chord tolerance; what was left out
 * and why; residuals; bad files and unknown systems answered.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cgcs2000Plan, gridPlan, TANKS, writeDxf } from '../../scripts/make-dxf.ts';
import { parseLayout } from '../model/validate.ts';
import { ControlError, fitSimilarity, parseControlPoints } from './controlPoints.ts';
import { CrsError, epsg, parseCrs } from './crs.ts';
import { ImportError, importDxf } from './dxf.ts';

/** Metres between two lon/lat points (local flat approximation, fine at these distances). */
const metres = (a: readonly number[], b: readonly number[]) => {
  const k = (Math.PI / 180) * 6_371_008.8;
  return Math.hypot((a[0] - b[0]) * k * Math.cos((a[1] * Math.PI) / 180), (a[1] - b[1]) * k);
};
type F = { geometry: { type: string; coordinates: number[] | number[][] | number[][][] }; properties: Record<string, unknown> };

describe('the CRSs of Chinese drawings', () => {
  it('names CGCS2000 Gauss–Krüger zones with and without the zone prefix', () => {
    expect(epsg(4527)).toMatchObject({ name: 'CGCS2000 / 3-degree Gauss-Kruger zone 39', geographic: false, warning: null });
    expect(epsg(4527)!.proj4).toContain('+lon_0=117 +k=1 +x_0=39500000');
    expect(epsg(4548)).toMatchObject({ name: 'CGCS2000 / 3-degree Gauss-Kruger CM 117E' });
    expect(epsg(4548)!.proj4).toContain('+lon_0=117 +k=1 +x_0=500000');
    expect(epsg(4491)!.proj4).toContain('+lon_0=75 +k=1 +x_0=13500000'); // 6° zone 13
    expect(epsg(4512)!.proj4).toContain('+lon_0=135 '); // 6° CM 135E
    expect(epsg(4490)).toMatchObject({ geographic: true });
  });
  it('warns that Xi’an 1980 and Beijing 1954 are not shifted to WGS 84', () => {
    expect(epsg(2364)!.name).toBe('Xian 1980 / 3-degree Gauss-Kruger zone 40');
    expect(epsg(2364)!.warning).toMatch(/no datum shift is applied/);
    expect(epsg(2435)!.name).toBe('Beijing 1954 / 3-degree Gauss-Kruger CM 114E');
    expect(epsg(2435)!.proj4).toContain('+ellps=krass');
  });
  it('refuses an unknown EPSG code or something that is no CRS; reads a proj4 string or WKT', () => {
    expect(() => parseCrs('EPSG:9999')).toThrow(CrsError);
    expect(() => parseCrs('hello')).toThrow(/not a CRS/);
    expect(parseCrs('EPSG:4548').code).toBe('EPSG:4548');
    expect(parseCrs('+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs').warning).toMatch(/no datum shift/);
    const wkt =
      'PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 117E",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",117],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1]]';
    expect(parseCrs(wkt)).toMatchObject({ code: 'custom', name: 'CGCS2000 / 3-degree Gauss-Kruger CM 117E', warning: null });
  });
});

describe('control points', () => {
  it('reads x,y,lon,lat lines and fits the similarity, with every residual', () => {
    const g = gridPlan();
    const pts = parseControlPoints(g.control);
    expect(pts.map((p) => p.name)).toEqual(['CP1', 'CP2', 'CP3', 'CP4']);
    const fit = fitSimilarity(pts);
    expect(fit.rotation_deg).toBeCloseTo(30, 0); // the grid is the plan turned 30° (and the GK grid's convergence)
    expect(fit.scale).toBeCloseTo(1, 3);
    for (const r of fit.residuals) expect(r.residual_m).toBeLessThan(0.01);
  });
  it('refuses a point far off the fit, naming it, and fewer than two points', () => {
    const pts = parseControlPoints(gridPlan().control);
    pts[2] = { ...pts[2], lon: pts[2].lon + 0.00002 }; // about 1.7 m east
    expect(() => fitSimilarity(pts)).toThrow(/control point CP3 is \d\.\d{3} m off the fit/);
    expect(() => fitSimilarity(pts.slice(0, 1))).toThrow(ControlError);
    expect(() => parseControlPoints('x,y,lon,lat\n1,2,three,4')).toThrow(/line 2/);
  });
});

describe('importing a DXF site plan', () => {
  const check = (features: F[], tankLonLat: (t: (typeof TANKS)[number]) => [number, number]) => {
    const tanks = features.filter((f) => f.properties.kind === 'tank');
    for (const t of TANKS) {
      const f = tanks.find((x) => x.properties.name === t.name)!;
      expect(f, t.name).toBeTruthy();
      expect(f.properties.id).toBe(t.name);
      expect(f.properties.diameter_m).toBeCloseTo(t.d, 3);
      expect(metres(f.geometry.coordinates as number[], tankLonLat(t))).toBeLessThan(0.05);
    }
  };

  it('in CGCS2000 Gauss–Krüger (EPSG:4527), millimetres: kinds and counts as the layers map, tank centres where proj4 puts them', () => {
    const plan = cgcs2000Plan();
    const { layout, report } = importDxf(plan.dxf, { crs: parseCrs('EPSG:4527') });
    const features = layout.features as F[];
    expect(report.counts).toEqual({ park: 1, tank: 4, dike: 1, building: 1, fence: 1, road: 1 });
    expect(report.units).toBe('millimetres ($INSUNITS 4)');
    expect(report.placement).toBe('CGCS2000 / 3-degree Gauss-Kruger zone 39 (EPSG:4527)');
    check(features, plan.tankLonLat);
    // names from the texts inside shapes; the block's tank named by the text beside it, its diameter a guess
    expect(features.find((f) => f.properties.kind === 'dike')!.properties.name).toBe('1号罐组防火堤');
    expect(features.find((f) => f.properties.kind === 'building')!.properties.name).toBe('中心控制室');
    expect(features.find((f) => f.properties.id === 'T-104')!.properties.diameter_m).toBe(20);
    expect(report.guesses).toEqual([
      'TANK: the tank diameter of block TANK_SYMBOL taken from its scale (20000)',
      'fence: 4 pieces that meet end to end joined into 1',
      'park: no park boundary layer; the closed fence on 围墙 taken as the boundary, named "imported park"',
    ]);
    // the fence closes on itself, and the park is its ring
    const fence = features.find((f) => f.properties.kind === 'fence')!.geometry.coordinates as number[][];
    expect(fence).toHaveLength(5);
    expect(fence[0]).toEqual(fence[4]);
    expect((features.find((f) => f.properties.kind === 'park')!.geometry.coordinates as number[][][])[0]).toEqual(fence);
    // the dimension layer is left out, said why; the text layer read for names
    expect(report.skipped).toEqual([{ layer: 'DIM', type: 'LINE', count: 1, why: 'the layer maps to no kind (add it to --map)' }]);
    expect(report.layers.find((l) => l.layer === '储罐')).toMatchObject({ kind: 'tank', by: 'default', entities: 3, features: 3, texts: 0 });
    expect(report.layers.find((l) => l.layer === '文字')).toMatchObject({ kind: null, features: 0, texts: 6 });
  });

  it('approximates the building’s arc corner within the chord tolerance', () => {
    const plan = cgcs2000Plan();
    const b = (importDxf(plan.dxf, { crs: parseCrs('EPSG:4527'), chord_m: 0.1 }).layout.features as F[]).find((f) => f.properties.kind === 'building')!;
    const ring = (b.geometry.coordinates as number[][][])[0];
    // the arc: centre at plan (200, 50), radius 10 — every vertex on it stays within 10 m of the centre and no closer than 10 − 0.1 m
    const centre = plan.tankLonLat({ name: '', x: 200, y: 50, d: 0 });
    const onArc = ring.filter((p) => Math.abs(metres(p, centre) - 10) < 0.2);
    expect(onArc.length).toBeGreaterThanOrEqual(5);
    for (const p of onArc) expect(metres(p, centre)).toBeGreaterThan(10 - 0.1 - 0.01);
  });

  it('in a local grid placed by control points: the same tanks within 0.05 m, residuals reported', () => {
    const plan = gridPlan();
    const { layout, report } = importDxf(plan.dxf, { control: { points: parseControlPoints(plan.control) } });
    check(layout.features as F[], plan.tankLonLat);
    expect(report.residuals!.map((r) => r.name)).toEqual(['CP1', 'CP2', 'CP3', 'CP4']);
    // the grid is the plan turned 30°, less the Gauss–Krüger meridian convergence (0.30° at 117.48° E, 38.69° N), on ground the projection scales by 0.99998
    expect(report.placement).toMatch(/^local grid by 4 control points: scale 0\.9999\d\d, rotation 29\.69\d\d°, RMS 0\.00\d m$/);
  });

  it('validates what it cannot know as the layout validator says it, and fills mapping defaults, reported', () => {
    const plan = cgcs2000Plan();
    const bare = parseLayout(importDxf(plan.dxf, { crs: parseCrs('EPSG:4527') }).layout);
    expect(bare.ok).toBe(false);
    const tankIssues = bare.issues.filter((i) => i.feature === 'T-101').map((i) => i.path);
    expect(tankIssues).toEqual(
      expect.arrayContaining(['properties.substance', 'properties.inventory_t', 'properties.roof', 'properties.capacity_m3', 'properties.height_m']),
    );
    // with the example mapping (examples/site-plan-map.json) the layout is valid
    const example = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../examples/site-plan-map.json'), 'utf8'));
    expect(parseLayout(importDxf(plan.dxf, { crs: parseCrs('EPSG:4527'), mapping: example, name: '示例罐区' }).layout).issues).toEqual([]);
    const mapped = importDxf(plan.dxf, {
      crs: parseCrs('EPSG:4527'),
      mapping: { layers: { 储罐: { kind: 'tank', properties: { substance: 'gasoline', roof: 'internal_floating' } }, DIM: { kind: null } } },
    });
    expect((mapped.layout.features as F[]).find((f) => f.properties.id === 'T-101')!.properties).toMatchObject({
      substance: 'gasoline',
      roof: 'internal_floating',
    });
    expect(mapped.report.defaults).toEqual(['储罐: substance, roof from the mapping']);
    expect(mapped.report.layers.find((l) => l.layer === '储罐')!.by).toBe('mapping');
  });

  it('answers a file that is no DXF, a drawing with nothing it knows, and a drawing with no placement', () => {
    expect(() => importDxf('hello', { crs: parseCrs('EPSG:4527') })).toThrow(ImportError);
    const odd = writeDxf([{ type: 'LINE', layer: 'A-ANNO', a: [0, 0], b: [1, 1] }]);
    expect(() => importDxf(odd, { crs: parseCrs('EPSG:4527') })).toThrow(/nothing recognisable.*Layers found: A-ANNO \(1\)/);
    expect(() => importDxf(cgcs2000Plan().dxf, {})).toThrow(/--crs EPSG:n, or --control/);
  });
});
