/**
 * Shapefile import against files written by scripts/make-shp.ts: three tanks in CGCS2000 GK CM 117E
 * (EPSG:4548, its .prj's WKT) with UTF-8 attributes — centres within 0.05 m of where proj4 puts them,
 * names and ids from the columns, the diameter by the mapping; GBK assumed without a .cpg; a projected
 * file without a CRS refused.
 */
import { describe, expect, it } from 'vitest';
import { PRJ_4548, tankShapefile, writeShapefile } from '../../scripts/make-shp.ts';
import { parseCrs } from './crs.ts';
import { ImportError } from './dxf.ts';
import { importShp } from './shp.ts';

const metres = (a: readonly number[], b: readonly number[]) => {
  const k = (Math.PI / 180) * 6_371_008.8;
  return Math.hypot((a[0] - b[0]) * k * Math.cos((a[1] * Math.PI) / 180), (a[1] - b[1]) * k);
};

describe('Shapefile import', () => {
  it('tanks in EPSG:4548 from the .prj, UTF-8 by the .cpg: centres within 0.05 m, names and ids from the columns', async () => {
    const { tanks, files } = tankShapefile();
    const { layout, report } = await importShp(
      { name: '储罐', shp: files.shp, dbf: files.dbf, cpg: 'UTF-8' },
      { crs: parseCrs(PRJ_4548), mapping: { columns: { DIAM: 'diameter_m' } } },
    );
    const fs = layout.features as { geometry: { coordinates: number[] }; properties: Record<string, unknown> }[];
    expect(report.counts).toEqual({ tank: 3 });
    expect(report.layers[0]).toMatchObject({ layer: '储罐', kind: 'tank', by: 'default', entities: 3, features: 3 });
    for (const t of tanks) {
      const f = fs.find((x) => x.properties.id === t.ID)!;
      expect(f.properties).toMatchObject({ kind: 'tank', name: t.NAME, diameter_m: t.DIAM });
      expect(metres(f.geometry.coordinates, [t.lon, t.lat])).toBeLessThan(0.05);
    }
  });

  it('without a .cpg reads GBK (said so); a projected file without a CRS is refused', async () => {
    // ASCII text reads the same in GBK (Node has no GBK encoder to write Chinese with; its decoder reads it)
    const rows = [{ NAME: 'Mapengkou', POP: 2596 }];
    const { shp, dbf } = writeShapefile(
      [{ type: 'Point', x: 117.5, y: 38.72 }],
      [
        { name: 'NAME', type: 'C', length: 20 },
        { name: 'POP', type: 'N', length: 8 },
      ],
      rows,
    );
    const r = await importShp(
      { name: 'villages', shp, dbf },
      { mapping: { kind: 'protected_target', columns: { POP: 'population' }, properties: { category: 'village', gb36894_category: 'general_1' } } },
    );
    expect(r.report.guesses).toContain('the attributes read as GBK (no .cpg file says otherwise)');
    expect(r.report.guesses).toContain('coordinates taken as WGS 84 longitude and latitude (no .prj)');
    expect((r.layout.features[0] as { properties: Record<string, unknown> }).properties).toMatchObject({
      name: 'Mapengkou',
      population: 2596,
      category: 'village',
    });
    expect(r.report.defaults).toEqual(['villages: category, gb36894_category from the mapping']);
    const { files } = tankShapefile();
    await expect(importShp({ name: '储罐', shp: files.shp, dbf: files.dbf, cpg: 'UTF-8' })).rejects.toThrow(/projected and no \.prj says how/);
    await expect(importShp({ name: 'x', shp: new Uint8Array([1, 2, 3]) })).rejects.toThrow(ImportError);
  });
});
