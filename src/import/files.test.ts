import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportError } from './dxf.ts';
import { importFiles } from './files.ts';

const ex = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(path.join(import.meta.dirname, '../../examples', name))) });

describe('importFiles (the planner’s drop: bytes in)', () => {
  it('imports a DXF in CGCS2000 GK with the system given, and a layer chosen as another kind or left out', async () => {
    const plain = await importFiles([ex('site-plan-cgcs2000.dxf')], { crs: 'EPSG:4527' });
    const tanks = plain.report.counts.tank ?? 0;
    expect(tanks).toBeGreaterThan(0);
    const tankLayer = plain.report.layers.find((l) => l.kind === 'tank')!;
    const out = await importFiles([ex('site-plan-cgcs2000.dxf')], { crs: 'EPSG:4527', layers: { [tankLayer.layer]: null } });
    expect(out.report.counts.tank ?? 0).toBe(tanks - tankLayer.features);
    expect(out.report.layers.find((l) => l.layer === tankLayer.layer)).toMatchObject({ kind: null, by: 'mapping' });
  });

  it('reads a Shapefile with its .dbf, .prj and .cpg from among the files dropped with it', async () => {
    const r = await importFiles(['tanks.shp', 'tanks.dbf', 'tanks.prj', 'tanks.cpg', 'tanks.shx'].map(ex));
    expect(r.report.counts.tank).toBeGreaterThan(0);
    expect(r.report.placement).toMatch(/4527|CGCS2000|prj/i);
  });

  it('a Shapefile with a mapping file: its columns mapped, as `parktwin import --map` maps them (one import for both)', async () => {
    const files = ['tanks.shp', 'tanks.dbf', 'tanks.prj', 'tanks.cpg'].map(ex);
    const r = await importFiles(files, { mapping: { columns: { DIAM: 'diameter_m' } } });
    const byId = (x: typeof r, id: string) => (x.layout.features as { properties: { id: string } }[]).find((f) => f.properties.id === id);
    expect(byId(r, 'T-203')?.properties).toMatchObject({ name: '5号罐', diameter_m: 28.5 });
    // the kind chosen in the dialog keeps the mapping file's columns
    const chosen = await importFiles(files, { mapping: { columns: { DIAM: 'diameter_m' } }, layers: { tanks: 'tank' } });
    expect(byId(chosen, 'T-203')?.properties).toMatchObject({ diameter_m: 28.5 });
  });

  it('reads the format named when the extension does not say it (`--from`)', async () => {
    const osm = ex('park-area.osm');
    const r = await importFiles([{ name: 'extract.xml', bytes: osm.bytes }], { format: 'osm', density_per_km2: 8000 });
    expect(r.report.counts.protected_target).toBeGreaterThan(0);
  });

  it('leaves out what OSM tags made, chosen by the group the report names', async () => {
    const all = await importFiles([ex('park-area.osm')]);
    const targets = all.report.counts.protected_target ?? 0;
    expect(targets).toBeGreaterThan(0);
    const out = await importFiles([ex('park-area.osm')], { layers: { protected_target: null } });
    expect(out.report.counts.protected_target ?? 0).toBe(0);
    expect(out.report.layers.find((l) => l.layer === 'protected_target')).toMatchObject({ kind: null, by: 'mapping', features: 0 });
    expect(out.report.counts.tank).toBe(all.report.counts.tank);
  });

  it('says what it needs when nothing can be imported', async () => {
    await expect(importFiles([{ name: 'notes.txt', bytes: new Uint8Array() }])).rejects.toThrow(ImportError);
    await expect(importFiles([{ name: 'notes.txt', bytes: new Uint8Array() }])).rejects.toThrow(/give a \.dxf, \.osm, \.kml or \.shp/);
  });
});
