/**
 * The park model's lookup by id reads through the index validation made while checking the ids
 * (ParseResult.ids), not a second map: it must answer as a Map of every feature by id would, whether
 * the index came from parseLayout or was made by buildModel.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePark } from '../generate/park.ts';
import { buildModel, loadModel, type ModelFeature } from './model.ts';
import { parseLayout } from './validate.ts';

const demo = () => JSON.parse(readFileSync(path.join(import.meta.dirname, '../../public/parks/demo.geojson'), 'utf8'));

/** The model's byId against a Map made the plain way from its features. */
function expectByIdAsMap(byId: ReadonlyMap<string, ModelFeature>, features: readonly ModelFeature[]) {
  const plain = new Map(features.map((f) => [f.id, f]));
  expect(byId.size).toBe(plain.size);
  for (const f of features) {
    expect(byId.get(f.id)).toBe(f);
    expect(byId.has(f.id)).toBe(true);
  }
  for (const missing of ['', 'NO-SUCH-ID', 'constructor', '__proto__', 'toString']) {
    expect(byId.get(missing)).toBeUndefined();
    expect(byId.has(missing)).toBe(false);
  }
  expect([...byId.keys()]).toEqual([...plain.keys()]);
  expect([...byId.values()]).toEqual([...plain.values()]);
  expect([...byId.entries()]).toEqual([...plain.entries()]);
  expect([...byId]).toEqual([...plain]);
  const seen: [string, ModelFeature][] = [];
  const self = {};
  byId.forEach(function (this: unknown, v, k, m) {
    expect(this).toBe(self);
    expect(m).toBe(byId);
    seen.push([k, v]);
  }, self);
  expect(seen).toEqual([...plain]);
}

describe('the model by id', () => {
  it('the demo, loaded: each id to its feature, as a Map of them would answer', () => {
    const r = loadModel(demo(), { owned: true });
    if (!r.ok) throw new Error('demo invalid');
    expectByIdAsMap(r.model.byId, r.model.features);
  });

  it('ParseResult.ids gives each feature its place in the list', () => {
    const r = parseLayout(demo());
    if (!r.ok) throw new Error('demo invalid');
    expect(r.ids.size).toBe(r.layout.features.length);
    r.layout.features.forEach((f, i) => expect(r.ids.get(f.properties.id)).toBe(i));
  });

  it('buildModel without the index makes its own: the same answers, on 10× the demo', () => {
    const r = parseLayout(generatePark({ seed: 'model-by-id', scale: 10 }));
    if (!r.ok) throw new Error('generated park invalid');
    const given = buildModel(r.layout, r.frame, r.ids);
    const own = buildModel(r.layout, r.frame);
    expectByIdAsMap(given.byId, given.features);
    expectByIdAsMap(own.byId, own.features);
    expect([...own.byId.keys()]).toEqual([...given.byId.keys()]);
  });

  it('a duplicate id is reported naming the kind of the feature that had it first', () => {
    const json = demo();
    const [a, b] = json.features.filter((f: { properties: { kind: string } }) => f.properties.kind === 'sensor');
    const tank = json.features.find((f: { properties: { kind: string } }) => f.properties.kind === 'tank');
    json.features.push({ ...b, properties: { ...b.properties, id: tank.properties.id } }, { ...a, properties: { ...a.properties, id: tank.properties.id } });
    const r = parseLayout(json);
    expect(r.ok).toBe(false);
    expect(r.issues.filter((i) => i.path === 'properties.id')).toEqual([
      { severity: 'error', feature: tank.properties.id, path: 'properties.id', message: `duplicate id: another tank already uses "${tank.properties.id}"` },
      { severity: 'error', feature: tank.properties.id, path: 'properties.id', message: `duplicate id: another tank already uses "${tank.properties.id}"` },
    ]);
  });
});
