/**
 * Footprint distances, worked by hand (local metres).
 */
import { describe, expect, it } from 'vitest';
import { clearanceInside_m, footprintDistance_m, makeFootprint, outlineAt, segmentsIntersect, translateFootprint, type Footprint } from './footprint.ts';
import type { XY } from './primitives/planar.ts';

const square = (id: string, x0: number, y0: number, s: number): Footprint =>
  makeFootprint(id, {
    type: 'area',
    rings: [
      [
        [x0, y0],
        [x0 + s, y0],
        [x0 + s, y0 + s],
        [x0, y0 + s],
        [x0, y0],
      ],
    ],
  });
const circle = (id: string, x: number, y: number, r: number) => makeFootprint(id, { type: 'point', p: [x, y] }, r);
const line = (id: string, pts: [number, number][], half = 0) => makeFootprint(id, { type: 'line', line: pts }, half);

describe('footprintDistance_m', () => {
  it('circle–circle: centres 100 m apart, radii 20 and 30 → 50 m', () => {
    expect(footprintDistance_m(circle('a', 0, 0, 20), circle('b', 60, 80, 30))).toBeCloseTo(50, 9);
  });
  it('circle–circle overlapping → 0', () => {
    expect(footprintDistance_m(circle('a', 0, 0, 20), circle('b', 30, 0, 20))).toBe(0);
  });
  it('circle–polygon: centre 10 m from the edge of a square, radius 4 → 6 m', () => {
    expect(footprintDistance_m(circle('t', -10, 50, 4), square('s', 0, 0, 100))).toBeCloseTo(6, 9);
  });
  it('circle–polygon: centre beyond a corner (3, 4 from it) → 5 − r', () => {
    expect(footprintDistance_m(circle('t', 103, 104, 1), square('s', 0, 0, 100))).toBeCloseTo(4, 9);
  });
  it('circle inside a polygon (contained) → 0', () => {
    expect(footprintDistance_m(circle('t', 50, 50, 10), square('s', 0, 0, 100))).toBe(0);
  });
  it('polygon–polygon: squares 5 m apart side by side → 5; corner to corner (3, 4) → 5', () => {
    expect(footprintDistance_m(square('a', 0, 0, 10), square('b', 15, 0, 10))).toBeCloseTo(5, 9);
    expect(footprintDistance_m(square('a', 0, 0, 10), square('b', 13, 14, 10))).toBeCloseTo(5, 9);
  });
  it('polygon–polygon overlapping, and one containing the other → 0', () => {
    expect(footprintDistance_m(square('a', 0, 0, 10), square('b', 5, 5, 10))).toBe(0);
    expect(footprintDistance_m(square('a', 0, 0, 100), square('b', 40, 40, 10))).toBe(0);
    expect(footprintDistance_m(square('b', 40, 40, 10), square('a', 0, 0, 100))).toBe(0);
  });
  it('point–line: a flare 3 m east and 4 m north of a line end → 5 m; beside its middle → the perpendicular', () => {
    expect(
      footprintDistance_m(
        circle('f', 103, 4, 0),
        line('l', [
          [0, 0],
          [100, 0],
        ]),
      ),
    ).toBeCloseTo(5, 9);
    expect(
      footprintDistance_m(
        circle('f', 50, 7, 0),
        line('l', [
          [0, 0],
          [100, 0],
        ]),
      ),
    ).toBeCloseTo(7, 9);
  });
  it('a road by its edge: 20 m wide road, point 30 m from the centreline → 20 m', () => {
    expect(
      footprintDistance_m(
        circle('p', 50, 30, 0),
        line(
          'road',
          [
            [0, 0],
            [100, 0],
          ],
          10,
        ),
      ),
    ).toBeCloseTo(20, 9);
  });
  it('line–polygon crossing → 0; line beside a polygon → gap', () => {
    expect(
      footprintDistance_m(
        line('l', [
          [-10, 5],
          [20, 5],
        ]),
        square('s', 0, 0, 10),
      ),
    ).toBe(0);
    expect(
      footprintDistance_m(
        line('l', [
          [-10, 12],
          [20, 12],
        ]),
        square('s', 0, 0, 10),
      ),
    ).toBeCloseTo(2, 9);
  });
  it('is symmetric', () => {
    const a = circle('a', 3, 7, 2);
    const b = square('b', 20, -5, 8);
    expect(footprintDistance_m(a, b)).toBe(footprintDistance_m(b, a));
  });
  it('moves with translateFootprint', () => {
    const a = circle('a', 0, 0, 10);
    const b = circle('b', 50, 0, 10);
    expect(footprintDistance_m(translateFootprint(a, 10, 0), b)).toBeCloseTo(20, 9);
  });
});

describe('clearanceInside_m (tank shell to dike toe)', () => {
  const dike = square('dike', 0, 0, 100);
  it('a tank of radius 10 at the centre of a 100 m dike has 40 m', () => {
    expect(clearanceInside_m(circle('t', 50, 50, 10), dike)).toBeCloseTo(40, 9);
  });
  it('a tank 12 m from the west toe with radius 10 has 2 m', () => {
    expect(clearanceInside_m(circle('t', 12, 50, 10), dike)).toBeCloseTo(2, 9);
  });
  it('a tank poking out has negative clearance', () => {
    expect(clearanceInside_m(circle('t', 5, 50, 10), dike)).toBeCloseTo(-5, 9);
  });
  it('a tank outside the dike is negative by its distance plus radius', () => {
    expect(clearanceInside_m(circle('t', -20, 50, 10), dike)).toBeCloseTo(-30, 9);
  });
});

describe('segmentsIntersect', () => {
  it('crossing, touching, parallel, collinear-overlapping', () => {
    expect(segmentsIntersect([0, 0], [10, 10], [0, 10], [10, 0])).toBe(true);
    expect(segmentsIntersect([0, 0], [10, 0], [10, 0], [20, 5])).toBe(true);
    expect(segmentsIntersect([0, 0], [10, 0], [0, 1], [10, 1])).toBe(false);
    expect(segmentsIntersect([0, 0], [10, 0], [5, 0], [15, 0])).toBe(true);
  });
});

describe('outlineAt', () => {
  const within = (fp: Footprint, ring: readonly XY[], d: number) => ring.map((p) => footprintDistance_m(makeFootprint('p', { type: 'point', p }), fp) - d);

  it('a tank: the circle of radius D/2 + d', () => {
    const tank = makeFootprint('T', { type: 'point', p: [10, 20] }, 15);
    const ring = outlineAt(tank, 30, 64);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    for (const p of ring) expect(Math.hypot(p[0] - 10, p[1] - 20)).toBeCloseTo(45, 9);
    expect(ring.length).toBeGreaterThanOrEqual(64);
  });

  it('a rectangle: every outline point exactly d from it (convex: the offset is exact)', () => {
    const rect = makeFootprint('U', {
      type: 'area',
      rings: [
        [
          [0, 0],
          [40, 0],
          [40, 20],
          [0, 20],
          [0, 0],
        ],
      ],
    });
    for (const e of within(rect, outlineAt(rect, 25), 25)) expect(Math.abs(e)).toBeLessThan(1e-9);
  });

  it('a road: a stadium at half width + d around its centreline', () => {
    const road = makeFootprint(
      'R',
      {
        type: 'line',
        line: [
          [0, 0],
          [100, 0],
        ],
      },
      4,
    );
    for (const e of within(road, outlineAt(road, 10), 10)) expect(Math.abs(e)).toBeLessThan(1e-9);
  });

  it('a concave footprint: around its hull, never closer than d', () => {
    const ell = makeFootprint('L', {
      type: 'area',
      rings: [
        [
          [0, 0],
          [60, 0],
          [60, 10],
          [10, 10],
          [10, 60],
          [0, 60],
          [0, 0],
        ],
      ],
    });
    const errs = within(ell, outlineAt(ell, 15), 15);
    expect(Math.min(...errs)).toBeGreaterThan(-1e-9);
  });
});
