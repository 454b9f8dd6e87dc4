import { describe, expect, it } from 'vitest';
import { clipRingHalfPlane, polygonArea_m2 } from './planar.ts';

describe('clipRingHalfPlane', () => {
  const square: [number, number][] = [
    [0, 0],
    [10, 0],
    [10, 10],
    [0, 10],
    [0, 0],
  ];
  it('keeps the part behind the line, closed, with the cut where the edges cross it', () => {
    const left = clipRingHalfPlane(square, (p) => p[0] - 4);
    expect(left[0]).toEqual(left[left.length - 1]);
    expect(polygonArea_m2([left])).toBeCloseTo(40, 12);
    expect(Math.max(...left.map((p) => p[0]))).toBe(4);
  });
  it('a diagonal cut halves the square; nothing left or everything kept at the extremes', () => {
    expect(polygonArea_m2([clipRingHalfPlane(square, (p) => p[0] + p[1] - 10)])).toBeCloseTo(50, 12);
    expect(clipRingHalfPlane(square, (p) => p[0] + 1)).toEqual([]);
    expect(polygonArea_m2([clipRingHalfPlane(square, (p) => p[0] - 20)])).toBeCloseTo(100, 12);
  });
});
