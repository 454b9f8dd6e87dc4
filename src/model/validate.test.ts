/**
 * Layout validation, fixture-driven in the style of turf: every file in __fixtures__/invalid/ is a
 * small layout broken in one way, carrying an `expect` member that names the feature, field and
 * message the validator must report. The full list of issues is kept in __fixtures__/out/ (run with
 * REGEN=1 to rewrite them after a deliberate change, and review the diff).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAYOUT_LIMITS, LayoutFormatError, parseLayout, parseLayoutText } from './validate.ts';

const LAYOUT_DEPTH = LAYOUT_LIMITS.depth;

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

describe('a layout read from its own text (in place) and from a value handed in (copied)', () => {
  const files = [
    path.join(import.meta.dirname, '../../public/parks/demo.geojson'),
    path.join(dir, 'valid/small.geojson'),
    ...readdirSync(path.join(dir, 'invalid'))
      .filter((f) => f.endsWith('.geojson'))
      .map((f) => path.join(dir, 'invalid', f)),
  ];
  /** JSON with every object's keys sorted: the same layout whatever the key order of its members. */
  const canon = (v: unknown): string =>
    JSON.stringify(v, (_k, x) =>
      x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x,
    );

  it('gives the same layout and the same issues, in the same order, for the demo park and every fixture', () => {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const owned = parseLayoutText(text);
      const copied = parseLayout(JSON.parse(text));
      const name = path.basename(file);
      expect(owned.issues, name).toEqual(copied.issues);
      expect(owned.ok, name).toBe(copied.ok);
      if (owned.ok && copied.ok) expect(canon(owned.layout), name).toBe(canon(copied.layout));
    }
  });

  it('keeps the parsed objects where they need no copy, and never shares one with a value handed in', () => {
    const text = readFileSync(path.join(dir, 'valid/small.geojson'), 'utf8');
    const json = JSON.parse(text);
    const copied = parseLayout(json);
    if (!copied.ok) throw new Error('fixture invalid');
    json.features.forEach((f: { geometry: unknown; properties: unknown }, i: number) => {
      expect(copied.layout.features[i]).not.toBe(f);
      expect(copied.layout.features[i].properties).not.toBe(f.properties);
      expect(copied.layout.features[i].geometry).not.toBe(f.geometry);
    });
    // the handed-in value is as it was
    expect(json).toEqual(JSON.parse(text));
    // handed over: the features whose every member is what reading gives are the parsed objects themselves
    const parsed = JSON.parse(text);
    const own = parseLayout(parsed, { owned: true });
    if (!own.ok) throw new Error('fixture invalid');
    const kept = own.layout.features.filter((f, i) => f === parsed.features[i]).length;
    expect(kept).toBeGreaterThan(0);
    expect(canon(own.layout)).toBe(canon(copied.layout));
  });

  it('refuses a feature nested too deep wherever it hides, with the limits alone, read in place as copied', () => {
    const small = read(path.join(dir, 'valid/small.geojson'));
    const tank = small.features.find((f: { properties: { kind: string } }) => f.properties.kind === 'tank');
    let deep: unknown = 1;
    for (let i = 0; i < LAYOUT_DEPTH + 8; i++) deep = [deep];
    const places: [string, (f: Record<string, Record<string, unknown>>) => void, RegExp][] = [
      ['an unknown property', (f) => (f.properties.note = deep), /^properties\.note(\[0\])+$/],
      ['an unknown member of the feature', (f) => (f.extra = deep as Record<string, unknown>), /^extra(\[0\])+$/],
      ['an unknown member of the geometry', (f) => (f.geometry.bbox = deep), /^geometry\.bbox(\[0\])+$/],
      ['a known nested object', (f) => ((f.properties.responsible as Record<string, unknown>).deputy = deep), /^properties\.responsible\.deputy(\[0\])+$/],
      ['a known property of the wrong type', (f) => (f.properties.capacity_m3 = deep), /^properties\.capacity_m3(\[0\])+$/],
    ];
    for (const [where, put, path_] of places) {
      const f = structuredClone(tank);
      put(f);
      // another feature broken another way: its issue is not reported, the limit alone is
      const other = { ...structuredClone(tank), properties: { ...tank.properties, id: 'T-OTHER', kind: 'tonk' } };
      const layout = { ...small, features: [...small.features.filter((x: unknown) => x !== tank), other, f] };
      const text = JSON.stringify(layout);
      for (const r of [parseLayoutText(text), parseLayout(JSON.parse(text))]) {
        expect(r.ok, where).toBe(false);
        expect(r.issues, where).toHaveLength(1);
        expect(r.issues[0], where).toMatchObject({ severity: 'error', feature: tank.properties.id, message: `nested deeper than ${LAYOUT_DEPTH} levels` });
        expect(r.issues[0].path, where).toMatch(path_);
      }
    }
  });
});
