/**
 * The byte reader of position lines must read exactly what JSON.parse reads (the same doubles) and
 * never accept a line PositionPayload refuses; anything it does not take goes the general way, so
 * declining is always safe. Hand-picked lines, then seeded near-miss lines judged by both.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../generate/rng.ts';
import { PositionPayload } from './ingest.ts';
import { newPositionRecord, PositionLineReader } from './positionLine.ts';

const reader = new PositionLineReader();
const read = (line: string) => {
  const buf = Buffer.from(line);
  const rec = newPositionRecord();
  return reader.read(buf, 0, buf.length, rec) ? { ...rec } : null;
};

/** When the reader takes a line, the schema takes it too and the two agree on every value. */
function agrees(line: string): boolean {
  const got = read(line);
  if (!got) return false;
  const parsed = PositionPayload.safeParse(JSON.parse(line));
  expect(parsed.success, line).toBe(true);
  const p = parsed.data!;
  expect(got, line).toEqual({ id: p.id, kind: p.kind, lon: p.lon, lat: p.lat, t_ms: p.t, role: p.role, vehicle_class: p.vehicle_class });
  return true;
}

describe('PositionLineReader', () => {
  it('reads the usual lines, in any key order, with blanks, the same doubles as JSON.parse', () => {
    expect(agrees('{"id":"T-1","kind":"person","lon":117.5234567,"lat":38.7212345,"t":1764547200000,"role":"operator"}')).toBe(true);
    expect(agrees(' { "t" : 0 , "lat" : -0.5 , "lon" : -180 , "kind" : "vehicle" , "id" : "V 9" , "vehicle_class" : "hazchem" , "floor" : -2 } ')).toBe(true);
    expect(agrees('{"id":"x","kind":"person","lon":0.1,"lat":0.7,"t":1,"name":"Zhang San","company":"Sinopec"}')).toBe(true);
    // decimals whose double is not the naive digit-by-digit sum
    for (const v of ['0.1', '0.3', '117.12345678', '1.00000000000001', '0.000000000000000000001', '179.99999999999', '-0'])
      expect(read(`{"id":"a","kind":"person","lon":${v},"lat":0,"t":0}`)?.lon).toBe(JSON.parse(v));
    // beyond 15 significant digits the quotient might round twice: declined (JSON.parse reads it)
    expect(read('{"id":"a","kind":"person","lon":1.000000000000001,"lat":0,"t":0}')).toBeNull();
    // the same id twice is the same string (interned)
    expect(read('{"id":"T-7","kind":"person","lon":1,"lat":1,"t":1}')?.id).toBe('T-7');
  });

  it('declines what it does not read (the general way decides) and refuses what the schema refuses', () => {
    const lines = [
      '',
      '   ',
      'not json',
      '[]',
      '{}',
      '{"id":"a","kind":"person","lon":1,"lat":1}', // no t
      '{"id":"a","kind":"robot","lon":1,"lat":1,"t":1}',
      '{"id":"","kind":"person","lon":1,"lat":1,"t":1}',
      `{"id":"${'x'.repeat(65)}","kind":"person","lon":1,"lat":1,"t":1}`,
      '{"id":"a","kind":"person","lon":181,"lat":1,"t":1}',
      '{"id":"a","kind":"person","lon":1,"lat":1,"t":1.5}',
      '{"id":"a","kind":"person","lon":1,"lat":1,"t":-1}',
      '{"id":"a","kind":"person","lon":1,"lat":1,"t":9000000000000000}',
      '{"id":"a","kind":"person","lon":1,"lat":1,"t":"2026-12-05T08:00:00+08:00"}', // an ISO time: the schema reads it
      '{"id":"a","kind":"person","lon":1e1,"lat":1,"t":1}', // an exponent: JSON.parse reads it
      '{"id":"a","kind":"person","lon":01,"lat":1,"t":1}', // a leading zero: not JSON
      '{"id":"a","kind":"person","lon":1.,"lat":1,"t":1}',
      '{"id":"a","kind":"person","lon":-,"lat":1,"t":1}',
      '{"id":"a\\u0000","kind":"person","lon":1,"lat":1,"t":1}', // an escape
      '{"id":"储罐","kind":"person","lon":1,"lat":1,"t":1}', // not ASCII: the general way
      '{"id":"a","id":"b","kind":"person","lon":1,"lat":1,"t":1}', // a key twice
      '{"id":"a","kind":"person","lon":1,"lat":1,"t":1,"speed":3}',
      '{"id":"a","kind":"person","lon":1,"lat":1,"t":1,"floor":1.5}',
      '{"id":"a","kind":"person","lon":1,"lat":1,"t":1,"vehicle_class":"tank"}',
      '{"id":"a","kind":"person","lon":1,"lat":1,"t":1,"role":""}',
      '{"id":"a","kind":"person","lon":1,"lat":1,"t":1}x',
      '{"id":"a","kind":"person","lon":1,"lat":1,"t":1,}',
      '{"id":"a","kind":"person","lon":1,"lat":1,"t":1',
      '{"id":"a","kind":"person","lon":true,"lat":1,"t":1}',
      '{"id":"a","kind":"person","lon":1,"lat":1,"t":1,"role":{"x":1}}',
    ];
    for (const line of lines) expect(read(line), line).toBeNull();
  });

  it('never takes a line the schema refuses, and reads alike what both take (4 000 seeded near-miss lines)', () => {
    const rng = createRng('position-line-fuzz');
    const keys = ['id', 'kind', 'lon', 'lat', 't', 'floor', 'role', 'vehicle_class', 'name', 'company', 'speed'];
    const values = [
      '"T-1"',
      '""',
      '"person"',
      '"vehicle"',
      '"hazchem"',
      '"car"',
      `"${'y'.repeat(64)}"`,
      `"${'y'.repeat(65)}"`,
      '0',
      '-0',
      '1',
      '-1',
      '1.5',
      '117.1234567',
      '-90',
      '90.0000001',
      '180',
      '1764547200000',
      '8640000000000000',
      '8640000000000001',
      '123456789012345678',
      'null',
      'true',
      '[]',
    ];
    let taken = 0;
    for (let n = 0; n < 4000; n++) {
      const parts: string[] = [];
      const base: [string, string][] = [
        ['id', '"T-1"'],
        ['kind', '"person"'],
        ['lon', '117.5'],
        ['lat', '38.7'],
        ['t', '1764547200000'],
      ];
      for (const [k, v] of base) if (rng.next() > 0.08) parts.push(`"${k}":${rng.next() < 0.2 ? rng.pick(values) : v}`);
      if (rng.next() < 0.5) parts.push(`"${rng.pick(keys)}":${rng.pick(values)}`);
      const line = `{${parts.join(',')}}`;
      if (agrees(line)) taken++;
    }
    expect(taken).toBeGreaterThan(500); // the fast path is taken often, not only declined
  });
});
