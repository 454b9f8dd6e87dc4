/**
 * The shipped JSON Schema: equal to what the zod schemas generate, accepted by a standard validator
 * (Ajv, draft 2020-12), and it accepts the demo park and rejects what it can express.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { layoutJsonSchema } from './jsonSchema.ts';

const shipped = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../schema/parktwin-layout.schema.json'), 'utf8'));
const read = (p: string) => JSON.parse(readFileSync(path.join(import.meta.dirname, p), 'utf8'));

describe('layout JSON Schema', () => {
  it('is the file shipped in schema/ (regenerate with `npm run schema`)', () => {
    expect(shipped).toEqual(JSON.parse(JSON.stringify(layoutJsonSchema())));
  });

  const ajv = new Ajv2020({ allErrors: false, strict: false });
  const validate = ajv.compile(shipped);

  it('accepts the demo park and the small fixture', () => {
    expect(validate(read('../../public/parks/demo.geojson')), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(validate(read('__fixtures__/valid/small.geojson'))).toBe(true);
  });

  it('rejects what a schema can express: unknown kind, wrong geometry, out-of-range values, missing fields', () => {
    for (const name of [
      'unknown-kind',
      'wrong-geometry-type',
      'longitude-out-of-range',
      'absurd-tank-diameter',
      'missing-required-property',
      'negative-value',
      'bad-enum-value',
      'missing-format-version',
    ]) {
      expect(validate(read(`__fixtures__/invalid/${name}.geojson`)), name).toBe(false);
    }
  });
});
