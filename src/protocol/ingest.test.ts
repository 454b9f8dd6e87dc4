/**
 * The allocation-free checks of the ingest hot path must never accept what the schemas reject, and
 * must accept the usual payloads (else the fast path is never taken). Hand-picked edge cases, then a
 * seeded fuzz of near-miss objects, each judged by both.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../generate/rng.ts';
import { isPlainPosition, isPlainReading, PositionPayload, ReadingPayload } from './ingest.ts';

const agree = (fast: (x: unknown) => boolean, schema: { safeParse(x: unknown): { success: boolean; data?: unknown } }, x: unknown) => {
  if (!fast(x)) return; // the schema decides (and gives the reasons)
  const r = schema.safeParse(x);
  expect(r.success, JSON.stringify(x)).toBe(true);
  expect(r.data).toEqual(x);
};

describe('isPlainReading', () => {
  it('takes the usual reading', () => {
    expect(isPlainReading({ sensor: 'GD-1', value: 12.5, t: 1_700_000_000_000 })).toBe(true);
    expect(isPlainReading(JSON.parse('{"sensor":"GD-1","value":-3,"t":0}'))).toBe(true);
  });
  const edge: unknown[] = [
    null,
    [],
    'x',
    {},
    { sensor: '', value: 1, t: 1 },
    { sensor: 'a', value: '1', t: 1 },
    { sensor: 'a', value: Number.NaN, t: 1 },
    { sensor: 'a', value: Infinity, t: 1 },
    { sensor: 'a', value: 1, t: -1 },
    { sensor: 'a', value: 1, t: 1.5 },
    { sensor: 'a', value: 1, t: 2 ** 60 },
    { sensor: 'a', value: 1, t: '2026-11-28T10:00:00Z' },
    { sensor: 'a', value: 1, t: 1, extra: true },
    { sensor: 'a', value: 1 },
    JSON.parse('{"sensor":"a","value":1,"t":1,"__proto__":{}}'),
    Object.assign(Object.create({ inherited: 1 }), { sensor: 'a', value: 1, t: 1 }),
    { sensor: 'a', value: 1, t: 1, sensor2: 'b' },
  ];
  it('rejects what the schema rejects (edge cases)', () => {
    for (const x of edge) agree(isPlainReading, ReadingPayload, x);
    expect(edge.filter((x) => isPlainReading(x))).toEqual([]);
  });
});

describe('isPlainPosition', () => {
  const ok = { id: 'P-0001', kind: 'person', lon: 117.7, lat: 39.0, t: 1_700_000_000_000 };
  it('takes the usual positions, with or without their optional fields', () => {
    expect(isPlainPosition(ok)).toBe(true);
    expect(isPlainPosition({ ...ok, kind: 'vehicle', vehicle_class: 'hazchem', role: 'driver', floor: 2 })).toBe(true);
  });
  const edge: unknown[] = [
    { ...ok, id: '' },
    { ...ok, id: 'x'.repeat(65) },
    { ...ok, kind: 'robot' },
    { ...ok, lon: 181 },
    { ...ok, lat: -91 },
    { ...ok, lon: Number.NaN },
    { ...ok, floor: 1.5 },
    { ...ok, floor: undefined },
    { ...ok, role: '' },
    { ...ok, vehicle_class: 'tank' },
    { ...ok, t: '2026-11-28T10:00:00+08:00' },
    { ...ok, speed: 3 },
  ];
  it('rejects what the schema rejects (edge cases)', () => {
    for (const x of edge) agree(isPlainPosition, PositionPayload, x);
    expect(edge.filter((x) => isPlainPosition(x))).toEqual([]);
  });
});

describe('fuzz: near-miss payloads, judged by both', () => {
  it('never accepts what the schemas reject (5 000 seeded cases each)', () => {
    const rng = createRng('ingest-fuzz');
    const values: unknown[] = [
      0,
      -1,
      1.5,
      2 ** 53,
      -0,
      180.0001,
      -90,
      90,
      'a',
      '',
      'person',
      'vehicle',
      'hazchem',
      'car',
      null,
      true,
      [],
      {},
      Number.NaN,
      1_700_000_000_000,
      '2026-11-28T10:00:00Z',
    ];
    const pick = () => values[Math.floor(rng.range(0, values.length))];
    const keysR = ['sensor', 'value', 't', 'x'];
    const keysP = ['id', 'kind', 'lon', 'lat', 'floor', 't', 'role', 'vehicle_class', 'x'];
    let fastR = 0;
    let fastP = 0;
    for (let i = 0; i < 5000; i++) {
      const r: Record<string, unknown> = { sensor: 'S-1', value: 1, t: 1 };
      const p: Record<string, unknown> = { id: 'P-1', kind: 'person', lon: 1, lat: 1, t: 1 };
      for (let k = 0; k < 1 + Math.floor(rng.range(0, 2)); k++) r[keysR[Math.floor(rng.range(0, keysR.length))]] = pick();
      for (let k = 0; k < 1 + Math.floor(rng.range(0, 3)); k++) p[keysP[Math.floor(rng.range(0, keysP.length))]] = pick();
      agree(isPlainReading, ReadingPayload, r);
      agree(isPlainPosition, PositionPayload, p);
      fastR += isPlainReading(r) ? 1 : 0;
      fastP += isPlainPosition(p) ? 1 : 0;
    }
    // both paths are exercised
    expect(fastR).toBeGreaterThan(100);
    expect(fastP).toBeGreaterThan(100);
  });
});
