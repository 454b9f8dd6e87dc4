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
const inPlace = { inPlace: true };
const geometryKeepers = Object.fromEntries(Object.entries(geometrySchemas).map(([t, s]) => [t, compileReader(s, inPlace)])) as Record<string, Reader | null>;
const propertyKeepers = Object.fromEntries(KINDS.map((k) => [k, compileReader(PROPERTIES[k] as unknown as z.ZodType, inPlace)])) as Record<Kind, Reader | null>;

/** JSON with every object's keys sorted: equal values, whatever their key order. */
const canon = (v: unknown): string =>
  JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x,
  );

/**
 * A reader in place agrees with zod: what zod gives (in any key order), or DECLINE where zod fails;
 * it leaves the input as it was, and gives the input itself only where zod's output equals it.
 */
function keeps(reader: Reader, schema: z.ZodType, input: unknown, ignore?: string): { ok: boolean; why?: string; kept?: boolean } {
  const before = canon(input);
  const expected = schema.safeParse(input);
  const got = reader(input, ignore);
  if (canon(input) !== before) return { ok: false, why: 'the input was modified' };
  if (!expected.success) return got === DECLINE ? { ok: true } : { ok: false, why: `zod rejects, the reader gave ${JSON.stringify(got)}` };
  if (got === DECLINE) return { ok: true, why: 'declined' };
  const strip = (x: unknown) => (ignore && x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).filter(([k]) => k !== ignore)) : x);
  if (canon(strip(got)) !== canon(expected.data)) return { ok: false, why: `zod gives ${canon(expected.data)}, the reader ${canon(got)}` };
  return { ok: true, kept: got === input };
}

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
    let kept = 0;
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
      // in place: on the properties as a feature holds them (its kind passed over) and without the kind
      const kp = keeps(propertyKeepers[kind]!, PROPERTIES[kind] as unknown as z.ZodType, props);
      if (!kp.ok) expect.fail(`in place: ${kind} ${JSON.stringify(props)}: ${kp.why}`);
      if (kp.kept) kept++;
      const withKind = { kind, ...props };
      const kk = keeps(propertyKeepers[kind]!, PROPERTIES[kind] as unknown as z.ZodType, withKind, 'kind');
      if (!kk.ok) expect.fail(`in place, with its kind: ${kind} ${JSON.stringify(props)}: ${kk.why}`);
      const t = String(f.geometry.type);
      if (geometryReaders[t]) {
        const rg = agrees(geometryReaders[t]!, geometrySchemas[t], f.geometry);
        if (!rg.ok) expect.fail(`${t} ${JSON.stringify(f.geometry)}: ${rg.why}`);
        const kg = keeps(geometryKeepers[t]!, geometrySchemas[t], f.geometry);
        if (!kg.ok) expect.fail(`in place: ${t} ${JSON.stringify(f.geometry)}: ${kg.why}`);
      }
    }
    // the mutations reach both sides: many still valid (read here), many not (declined); many kept in place
    expect(read).toBeGreaterThan(2000);
    expect(kept).toBeGreaterThan(1000);
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

  it('settles lengths in code points as zod does, astral characters (two UTF-16 units each) included', () => {
    const face = '\u{1F600}'; // one code point, two units
    const schemas = [z.string().min(3), z.string().max(2), z.string().min(2).max(3), z.string().trim().min(1), z.string().length(2)];
    const inputs = ['', 'a', 'ab', 'abc', 'abcd', face, face + face, face + 'a', face + face + face, `a${face}b`, ` ${face} `, '   ', `\ud83d`, `\ud83d\ud83d`];
    let checked = 0;
    for (const schema of schemas) {
      const r = compileReader(z.object({ s: schema }))!;
      expect(r).not.toBeNull();
      for (const s of inputs) {
        const a = agrees(r, z.object({ s: schema }), { s });
        expect(a.ok, `${JSON.stringify(s)}: ${a.why}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBe(schemas.length * inputs.length);
    // the cases where units and code points disagree, spelled out
    expect(compileReader(z.object({ s: z.string().min(3) }))!({ s: face + face })).toBe(DECLINE); // 4 units, 2 code points
    expect(compileReader(z.object({ s: z.string().max(2) }))!({ s: face + face })).toEqual({ s: face + face }); // 4 units, 2 code points
  });

  it('tests a pattern afresh on every value, a global or sticky regex included', () => {
    for (const flags of ['', 'g', 'y']) {
      const schema = z.object({ id: z.string().regex(new RegExp('^[A-Z]+-\\d+$', flags)) });
      const r = compileReader(schema)!;
      for (const id of ['T-1', 'T-1', 'T-22', 'x-1', 'T-1', 'T-']) {
        const a = agrees(r, schema, { id });
        expect(a.ok, `/${flags} ${id}: ${a.why}`).toBe(true);
        // and reads it itself: a regex left where its last match ended would decline the next id
        if (schema.safeParse({ id }).success) expect(r({ id }), `/${flags} ${id}`).toEqual({ id });
      }
    }
  });

  it('keeps the tightest of several bounds on a number, open or closed', () => {
    const schema = z.object({ x: z.number().min(0).gt(0).max(10).lte(12).lt(10).int() });
    const r = compileReader(schema)!;
    for (const x of [-1, 0, 1e-9, 1, 5, 9, 9.5, 10, 11, 12, Number.NaN, Number.POSITIVE_INFINITY]) {
      const a = agrees(r, schema, { x });
      expect(a.ok, `${x}: ${a.why}`).toBe(true);
    }
    expect(r({ x: 0 })).toBe(DECLINE);
    expect(r({ x: 10 })).toBe(DECLINE);
    expect(r({ x: 9 })).toEqual({ x: 9 });
  });

  it('in place, gives back the input itself where it is already what reading gives, and a copy where not', () => {
    const tank = rawFeatures.find((x) => x.properties.kind === 'tank' && x.properties.responsible)!;
    const props = structuredClone(tank.properties);
    const read = propertyKeepers.tank!;
    expect(read(props, 'kind')).toBe(props);
    // its nested object too
    expect((read(props, 'kind') as { responsible: unknown }).responsible).toBe(props.responsible);
    // the kind not passed over: a key the schema does not have, so a copy (without it)
    const copy = read(props) as Record<string, unknown>;
    expect(copy).not.toBe(props);
    expect(copy.kind).toBeUndefined();
    // a key the schema does not have, a string to trim, a nested one to trim: copies, the rest kept
    for (const change of [
      (p: Record<string, unknown>) => (p.extra = 1),
      (p: Record<string, unknown>) => (p.name = ` ${p.name} `),
      (p: Record<string, unknown>) => ((p.responsible as Record<string, unknown>).principal = ' A '),
    ]) {
      const p = structuredClone(props);
      change(p);
      const before = JSON.stringify(p);
      const out = read(p, 'kind') as Record<string, unknown>;
      expect(out).not.toBe(p);
      expect(JSON.stringify(p)).toBe(before);
      expect(out.id).toBe(p.id);
    }
    // a default to fill: the camera of a video sensor without its range
    const video = structuredClone(rawFeatures.find((x) => x.properties.kind === 'sensor' && x.properties.camera)!.properties);
    const camera = video.camera as Record<string, unknown>;
    expect((propertyKeepers.sensor!(video, 'kind') as { camera: unknown }).camera).toBe(camera);
    delete camera.range_m;
    const out = propertyKeepers.sensor!(video, 'kind') as { camera: Record<string, unknown> };
    expect(out.camera).not.toBe(camera);
    expect(out.camera.range_m).toBe(150);
    expect(camera.range_m).toBeUndefined();
    // geometry: kept, or copied from the first position that reads otherwise (here: none does)
    const g = structuredClone(rawFeatures.find((x) => x.geometry.type === 'Polygon')!.geometry);
    expect(geometryKeepers.Polygon!(g)).toBe(g);
    expect(geometryKeepers.Polygon!({ ...g, bbox: [0, 0, 1, 1] })).not.toHaveProperty('bbox');
  });

  it('gives new arrays and objects, so a layout never shares them with the input it was read from', () => {
    const f = rawFeatures.find((x) => x.properties.kind === 'zone')!;
    const g = geometryReaders.Polygon!(f.geometry) as { coordinates: number[][][] };
    expect(g.coordinates).not.toBe(f.geometry.coordinates);
    expect(g.coordinates[0][0]).not.toBe((f.geometry.coordinates as number[][][])[0][0]);
  });
});
