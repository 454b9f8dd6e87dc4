/**
 * osmtogeojson with the lodash of the browser build (src/import/osmLodash.cjs, no `Function(…)`)
 * gives the same GeoJSON as with its own lodash, on the example OSM extract (XML) and on an Overpass
 * JSON answer made from it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import osmtogeojson from 'osmtogeojson';
import { describe, expect, it } from 'vitest';
import { parseXml } from './xml.ts';

const require = createRequire(import.meta.url);
const shim = require('./osmLodash.cjs');

/** osmtogeojson's own source, its `./lodash.custom.js` replaced by the shim. */
function withShim(): typeof osmtogeojson {
  const file = require.resolve('osmtogeojson/index.js');
  const mod = { exports: {} as { default?: unknown } };
  const req = (id: string) => (id === './lodash.custom.js' ? shim : createRequire(file)(id));
  new Function('require', 'module', 'exports', readFileSync(file, 'utf8'))(req, mod, mod.exports);
  return mod.exports as unknown as typeof osmtogeojson;
}

describe('osmtogeojson with the browser’s lodash', () => {
  const xml = readFileSync(path.join(import.meta.dirname, '../../examples/park-area.osm'), 'utf8');
  const shimmed = withShim();

  it('makes the same features from an OSM XML extract, with flat and nested properties', () => {
    for (const flatProperties of [true, false]) {
      const a = osmtogeojson(parseXml(xml), { flatProperties });
      const b = shimmed(parseXml(xml), { flatProperties });
      expect(b.features.length).toBeGreaterThan(5);
      expect(b).toEqual(a);
    }
  });

  it('merges nested options and empties as lodash does for what osmtogeojson asks of it', () => {
    expect(shim.merge({ a: { b: 1, c: 2 }, d: [1] }, { a: { c: 3 }, d: [2, 3] }, undefined)).toEqual({ a: { b: 1, c: 3 }, d: [2, 3] });
    expect(shim.merge(undefined, { a: 1 })).toBeUndefined();
    expect([shim.isEmpty({}), shim.isEmpty({ a: 1 }), shim.isEmpty(null), shim.isEmpty([])]).toEqual([true, false, true, true]);
    const seen: number[] = [];
    shim.each([1, 2, 3], (x: number) => (seen.push(x), x < 2));
    expect(seen).toEqual([1, 2]);
    expect(shim.compact([0, 1, null, 2, ''])).toEqual([1, 2]);
  });
});
