/**
 * docs/layout-format.md stays true: every ```json feature``` example is a valid feature of its kind
 * (schema and single-feature rules; references to other ids are not checked here), and every kind
 * of the format has an example.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KINDS } from './enums.ts';
import { parseLayout } from './validate.ts';

const doc = readFileSync(path.join(import.meta.dirname, '../../docs/layout-format.md'), 'utf8');
const examples = [...doc.matchAll(/```json feature\n(.*?)\n```/gs)].map((m) => JSON.parse(m[1]));

describe('docs/layout-format.md', () => {
  it('has an example for every kind', () => {
    expect(new Set(examples.map((e) => e.properties.kind))).toEqual(new Set(KINDS));
  });
  for (const ex of examples) {
    it(`example ${ex.properties.id} (${ex.properties.kind}) is valid`, () => {
      const park = examples.find((e) => e.properties.kind === 'park');
      const features = ex.properties.kind === 'park' ? [ex] : [park, ex];
      const r = parseLayout({ type: 'FeatureCollection', parktwin: { version: 1 }, features });
      const own = r.issues.filter((i) => i.feature === ex.properties.id && !/refers to/.test(i.message));
      expect(own).toEqual([]);
    });
  }
});
