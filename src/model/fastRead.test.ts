/**
 * The fast reader against zod itself: for every input, the reader gives exactly zod's output (the same
 * values in the same key order) or DECLINE — and DECLINE whenever zod rejects. Inputs: every feature of
 * the demo park and of the fixtures, valid and invalid, then thousands of seeded mutations of them
 * (wrong types, values past each bound, empty and padded strings, missing and extra keys, malformed
 * positions), so a reader that accepts what zod refuses, or reads a value differently, fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRng } from '../generate/rng.ts';
import { KINDS, type Kind } from './enums.ts';
import { compileReader, DECLINE, type Reader } from './fastRead.ts';
import { LineStringGeom, PointGeom, PolygonGeom, PROPERTIES } from './schema.ts';

const dir = path.join(import.meta.dirname, '__fixtures__');
const read = (p: string) => JSON.parse(readFileSync(p, 'utf8'));
type Raw = { type: string; geometry: Record<string, unknown>; properties: Record<string, unknown> };
const rawFeatures: Raw[] = [
  ...read(path.join(import.meta.dirname, '../../public/parks/demo.geojson')).features,
  ...read(path.join(dir, 'valid/small.geojson')).features,
  ...readdirSync(path.join(dir, 'invalid'))
    .filter((f) => f.endsWith('.geojson'))
    .flatMap((f) => read(path.join(dir, 'invalid', f)).features ?? []),
].filter((f) => f && typeof f === 'object' && f.properties && f.geometry);

const geometrySchemas = { Point: PointGeom, LineString: LineStringGeom, Polygon: PolygonGeom } as Record<string, z.ZodType>;
const geometryReaders = Object.fromEntries(Object.entries(geometrySchemas).map(([t, s]) => [t, compileReader(s)])) as Record<string, Reader | null>;
const propertyReaders = Object.fromEntries(KINDS.map((k) => [k, compileReader(PROPERTIES[k] as unknown as z.ZodType)])) as Record<Kind, Reader | null>;

/** The reader agrees with zod on this input: same output (key order included), or DECLINE where zod fails. */
function agrees(reader: Reader, schema: z.ZodType, input: unknown): { ok: boolean; why?: string } {
  const expected = schema.safeParse(input);
  const got = reader(input);
  if (!expected.success) return got === DECLINE ? { ok: true } : { ok: false, why: `zod rejects, the reader gave ${JSON.stringify(got)}` };
  if (got === DECLINE) return { ok: true, why: 'declined' };
  const same = JSON.stringify(got) === JSON.stringify(expected.data);
  return same ? { ok: true } : { ok: false, why: `zod gives ${JSON.stringify(expected.data)}, the reader ${JSON.stringify(got)}` };
}

describe('fast reader', () => {
  it('compiles every kind of properties and every geometry (so loading never falls back to zod for a valid layout)', () => {
    for (const k of KINDS) expect(propertyReaders[k], k).not.toBeNull();
    for (const t of Object.keys(geometrySchemas)) expect(geometryReaders[t], t).not.toBeNull();
  });

  it('gives zod’s output for every feature of the demo park and the fixtures, and declines every invalid one', () => {
    let accepted = 0;
    for (const f of rawFeatures) {
      const kind = f.properties.kind as Kind;
      if (KINDS.includes(kind)) {
        const { kind: _k, ...props } = f.properties;
        const r = agrees(propertyReaders[kind]!, PROPERTIES[kind] as unknown as z.ZodType, props);
        expect(r.ok, `${String(f.properties.id)}: ${r.why}`).toBe(true);
        if (!r.why) accepted++;
      }
      const t = String(f.geometry.type);
      if (geometryReaders[t]) expect(agrees(geometryReaders[t]!, geometrySchemas[t], f.geometry).ok, String(f.properties.id)).toBe(true);
    }
    // the valid ones are read here, not handed back to zod
    expect(accepted).toBeGreaterThan(1000);
  });

  it('agrees with zod on 20 000 mutated features', () => {
    const rng = createRng('fast-read');
    const values: unknown[] = [
      undefined,
      null,
      '',
      '   ',
      ' padded ',
      'x',
      'tank-1',
      'not an id!',
      '2026-11-28T08:00:00+08:00',
      '2026-11-28',
      -1,
      0,
      0.5,
      1,
      3.7,
      100,
      1e9,
      -1e9,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      true,
      false,
      [],
      ['x'],
      {},
      { principal: 'a', technical: 'b', operational: 'c' },
      { heading_deg: 90 },
      { H: 10, HH: 5 },
    ];
    let declined = 0;
    let read = 0;
    for (let n = 0; n < 20_000; n++) {
      const f = structuredClone(rng.pick(rawFeatures));
      const kind = f.properties.kind as Kind;
      if (!KINDS.includes(kind)) continue;
      const { kind: _k, ...props } = f.properties;
      const keys = Object.keys((PROPERTIES[kind] as unknown as z.ZodObject<z.ZodRawShape>).shape);
      // one to three mutations of the properties, of nested members, or of the geometry
      for (let m = rng.int(1, 3); m > 0; m--) {
        const which = rng.next();
        if (which < 0.55) {
          const key = rng.chance(0.9) ? rng.pick(keys) : 'extra_key';
          const v = structuredClone(rng.pick(values));
          if (v === undefined && rng.chance(0.5)) delete props[key];
          else props[key] = v;
        } else if (which < 0.7) {
          const nested = Object.values(props).filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v));
          if (nested.length)
            rng.pick(nested)[rng.pick(['H', 'HH', 'L', 'principal', 'heading_deg', 'range_m', 'number', 'holders', 'zzz'])] = structuredClone(rng.pick(values));
        } else {
          const g = f.geometry as { coordinates: unknown };
          const positions: unknown[][] = [];
          const collect = (c: unknown) => {
            if (Array.isArray(c) && typeof c[0] === 'number') positions.push(c);
            else if (Array.isArray(c)) c.forEach(collect);
          };
          collect(g.coordinates);
          const p = positions.length ? rng.pick(positions) : null;
          const r = rng.next();
          if (p && r < 0.3) p[rng.int(0, 1)] = rng.pick([181, -181, 91, -91, 180, -90, '1', null, Number.NaN]);
          else if (p && r < 0.5) p.push(rng.pick([5, 'up', null]));
          else if (p && r < 0.6) p.length = 1;
          else if (r < 0.7) g.coordinates = [];
          else if (r < 0.8) (f.geometry as Record<string, unknown>).bbox = [0, 0, 1, 1];
          else if (Array.isArray(g.coordinates) && Array.isArray(g.coordinates[0])) (g.coordinates as unknown[]).length = 1;
        }
      }
      const rp = agrees(propertyReaders[kind]!, PROPERTIES[kind] as unknown as z.ZodType, props);
      if (!rp.ok) expect.fail(`${kind} ${JSON.stringify(props)}: ${rp.why}`);
      if (rp.why) declined++;
      else read++;
      const t = String(f.geometry.type);
      if (geometryReaders[t]) {
        const rg = agrees(geometryReaders[t]!, geometrySchemas[t], f.geometry);
        if (!rg.ok) expect.fail(`${t} ${JSON.stringify(f.geometry)}: ${rg.why}`);
      }
    }
    // the mutations reach both sides: many still valid (read here), many not (declined)
    expect(read).toBeGreaterThan(2000);
    expect(declined).toBeLessThan(20_000);
  });

  it('leaves to zod the schemas it does not read: unions, transforms, strict objects, refinements on containers', () => {
    expect(compileReader(z.union([z.string(), z.number()]))).toBeNull();
    expect(compileReader(z.string().transform((s) => s.length))).toBeNull();
    expect(compileReader(z.object({ a: z.string() }).strict())).toBeNull();
    expect(compileReader(z.object({ a: z.number() }).refine((o) => o.a > 1))).toBeNull();
    expect(compileReader(z.object({ a: z.number().multipleOf(2) }))).toBeNull();
  });

  it('runs a string’s own checks, refinements included, as zod runs them', () => {
    const s = z.object({
      code: z
        .string()
        .trim()
        .refine((v) => v.startsWith('P'), 'must start with P'),
    });
    const r = compileReader(s)!;
    expect(r({ code: '  P-1 ' })).toEqual({ code: 'P-1' });
    expect(r({ code: 'Q-1' })).toBe(DECLINE);
  });

  it('gives new arrays and objects, so a layout never shares them with the input it was read from', () => {
    const f = rawFeatures.find((x) => x.properties.kind === 'zone')!;
    const g = geometryReaders.Polygon!(f.geometry) as { coordinates: number[][][] };
    expect(g.coordinates).not.toBe(f.geometry.coordinates);
    expect(g.coordinates[0][0]).not.toBe((f.geometry.coordinates as number[][][])[0][0]);
  });
});
