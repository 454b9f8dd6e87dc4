/**
 * Layout validation, fixture-driven in the style of turf: every file in __fixtures__/invalid/ is a
 * small layout broken in one way, carrying an `expect` member that names the feature, field and
 * message the validator must report. The full list of issues is kept in __fixtures__/out/ (run with
 * REGEN=1 to rewrite them after a deliberate change, and review the diff).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LayoutFormatError, parseLayout, parseLayoutText } from './validate.ts';

const dir = path.join(import.meta.dirname, '__fixtures__');
const read = (p: string) => JSON.parse(readFileSync(p, 'utf8'));

describe('valid layouts', () => {
  it('accepts the small fixture with no issues', () => {
    const r = parseLayout(read(path.join(dir, 'valid/small.geojson')));
    expect(r.issues).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('accepts the demo park with no errors or warnings', () => {
    const r = parseLayout(read(path.join(import.meta.dirname, '../../public/parks/demo.geojson')));
    expect(r.issues).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('applies defaults (labour_intensive false, sensor period 10 s)', () => {
    const r = parseLayout(read(path.join(dir, 'valid/small.geojson')));
    if (!r.ok) throw new Error('fixture invalid');
    const e = r.layout.features.find((f) => f.properties.id === 'E-1')!;
    expect(e.properties.kind === 'enterprise' && e.properties.labour_intensive).toBe(false);
    const s = r.layout.features.find((f) => f.properties.id === 'S-1')!;
    expect(s.properties.kind === 'sensor' && s.properties.period_s).toBe(10);
  });
});

describe('invalid layouts: one fixture per rule', () => {
  const files = readdirSync(path.join(dir, 'invalid')).filter((f) => f.endsWith('.geojson'));
  it('has fixtures', () => expect(files.length).toBeGreaterThanOrEqual(25));
  for (const file of files) {
    it(file.replace('.geojson', ''), () => {
      const json = read(path.join(dir, 'invalid', file));
      const want = json.expect as { feature: string; path: string; message: string };
      const r = parseLayout(json);
      expect(r.ok).toBe(false);
      const errors = r.issues.filter((i) => i.severity === 'error');
      const hit = errors.find((i) => i.feature === want.feature && i.path === want.path);
      expect(hit, `no error for ${want.feature} ${want.path}; got ${JSON.stringify(errors)}`).toBeDefined();
      expect(hit!.message).toContain(want.message);

      const out = path.join(dir, 'out', file.replace('.geojson', '.json'));
      if (process.env.REGEN) writeFileSync(out, JSON.stringify(r.issues, null, 2) + '\n');
      expect(existsSync(out), `${out} is missing: run with REGEN=1 and review it`).toBe(true);
      expect(r.issues).toEqual(read(out));
    });
  }
});

describe('not a layout at all', () => {
  it('rejects text that is not JSON', () => {
    expect(() => parseLayoutText('{"type": "FeatureCollection",')).toThrow(LayoutFormatError);
  });
  it('rejects JSON that is not a FeatureCollection', () => {
    expect(() => parseLayout({ type: 'Feature' })).toThrow(/not a GeoJSON FeatureCollection/);
    expect(() => parseLayout([1, 2])).toThrow(LayoutFormatError);
    expect(() => parseLayout({ type: 'FeatureCollection', features: {} })).toThrow(LayoutFormatError);
  });
});

describe('warnings do not block a layout', () => {
  const small = () => read(path.join(dir, 'valid/small.geojson'));
  it('names an unknown property and suggests the known one', () => {
    const l = small();
    l.features.find((f: { properties: { id: string } }) => f.properties.id === 'B-CR').properties.heigth_m = 3;
    const r = parseLayout(l);
    expect(r.ok).toBe(true);
    expect(r.issues).toEqual([
      { severity: 'warning', feature: 'B-CR', path: 'properties.heigth_m', message: 'unknown property for a building, ignored (did you mean "height_m"?)' },
    ]);
  });
  it('warns when a combustible gas alarm is set above GB/T 50493-2019 §5.5.2', () => {
    const l = small();
    l.features.find((f: { properties: { id: string } }) => f.properties.id === 'S-1').properties.thresholds = { H: 30, HH: 60 };
    const r = parseLayout(l);
    expect(r.ok).toBe(true);
    expect(r.issues.map((i) => i.path)).toEqual(['properties.thresholds.H', 'properties.thresholds.HH']);
    expect(r.issues[0].message).toContain('25 %LEL');
  });
  it('warns when the GB 36894 general class does not match the population', () => {
    const l = small();
    const t = l.features.find((f: { properties: { id: string } }) => f.properties.id === 'PT-1');
    Object.assign(t.properties, { category: 'village', population: 45, gb36894_category: 'general_1' });
    const r = parseLayout(l);
    expect(r.ok).toBe(true);
    expect(r.issues[0]).toMatchObject({ feature: 'PT-1', path: 'properties.gb36894_category' });
    expect(r.issues[0].message).toContain('general_2');
  });
});
