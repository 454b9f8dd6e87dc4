/**
 * KML import against examples/park.kml: folders as layers (the default names, a `kind` column, the
 * mapping), ExtendedData columns as properties (renamed by the mapping, numbers read as numbers),
 * ids from an `id` column, what is left out and why, and bad input refused.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportError } from './dxf.ts';
import { importKml } from './kml.ts';

const KML = readFileSync(path.join(import.meta.dirname, '../../examples/park.kml'), 'utf8');
type F = { geometry: { type: string; coordinates: unknown }; properties: Record<string, unknown> };

describe('KML import', () => {
  it('folders to kinds, columns to properties, ids from a column', () => {
    const { layout, report } = importKml(KML, {
      mapping: { columns: { '直径(m)': 'diameter_m' }, layers: { 道路: { kind: 'road', properties: { width_m: 9 } } } },
    });
    const fs = layout.features as F[];
    expect(report.counts).toEqual({ park: 1, tank: 2, road: 1, protected_target: 1 });
    expect(fs.find((f) => f.properties.name === '1号罐')!.properties).toMatchObject({ id: 'T-101', kind: 'tank', diameter_m: 30, substance: 'gasoline' });
    expect(fs.find((f) => f.properties.name === '2号罐')!.properties).toMatchObject({ id: 'T-001', diameter_m: 24 });
    expect(fs.find((f) => f.properties.name === '2号罐')!.geometry).toEqual({ type: 'Point', coordinates: [117.504, 38.703] });
    expect(fs.find((f) => f.properties.kind === 'road')!.properties.width_m).toBe(9);
    expect(fs.find((f) => f.properties.name === '小王庄村')!.properties).toMatchObject({
      category: 'village',
      population: 1184,
      gb36894_category: 'general_1',
    });
    expect(report.defaults).toEqual(['道路: width_m from the mapping']);
    expect(report.skipped).toEqual([{ layer: '标注', type: 'Point', count: 1, why: 'the folder maps to no kind (add it to --map)' }]);
    expect(report.layers.find((l) => l.layer === '周边敏感点')).toMatchObject({ kind: 'protected_target', features: 1 });
    expect(report.warnings).toEqual([]);
  });

  it('without the column mapping a column that is no property name stays out', () => {
    const fs = importKml(KML).layout.features as F[];
    expect(fs.find((f) => f.properties.name === '2号罐')!.properties.diameter_m).toBeUndefined();
  });

  it('refuses what is no KML, and a KML with nothing it knows', () => {
    expect(() => importKml('{"type":"FeatureCollection"}')).toThrow(ImportError);
    expect(() =>
      importKml('<kml><Document><Folder><name>X</name><Placemark><Point><coordinates>1,2</coordinates></Point></Placemark></Folder></Document></kml>'),
    ).toThrow(/nothing recognisable.*Folders found: X \(1\)/);
  });
});
