import { describe, expect, it } from 'vitest';
import { decodeReadings, encodeReadings } from './readings.ts';

describe('binary reading batches', () => {
  const ids = ['S-A', 'S-B', 'S-C'];
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  it('round-trips through bytes as socket.io delivers them in Node (Buffers at any offset)', () => {
    const readings = [
      { sensor: 'S-C', value: 12.5, t: 1_764_295_200_000 },
      { sensor: 'S-A', value: -3.25, t: 1_764_295_200_750 },
    ];
    const b = encodeReadings(readings, indexOf);
    const asBuffer = (a: ArrayBufferView) => Buffer.concat([Buffer.from([7]), Buffer.from(a.buffer, a.byteOffset, a.byteLength)]).subarray(1); // misaligned
    expect(decodeReadings({ t0: b.t0, index: asBuffer(b.index) as never, value: asBuffer(b.value) as never, dt_ms: asBuffer(b.dt_ms) as never }, ids)).toEqual(
      readings,
    );
    expect(decodeReadings({ ...b, index: b.index.buffer as never }, ids)).toEqual(readings);
  });
  it('keeps 7 significant digits and refuses a sensor not in the layout', () => {
    const [r] = decodeReadings(encodeReadings([{ sensor: 'S-B', value: 101.32517, t: 0 }], indexOf), ids);
    expect(r.value).toBeCloseTo(101.32517, 4);
    expect(() => encodeReadings([{ sensor: 'NOPE', value: 1, t: 0 }], indexOf)).toThrow(/not in the layout/);
  });
});
