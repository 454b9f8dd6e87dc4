import { describe, expect, it } from 'vitest';
import type { ParkModel } from '../model/model.ts';
import { Snapper } from './snap.ts';

/** A model with a 100 × 50 m building (corner at the origin), a road along y = 80 and a tank at (200, 0). */
const model = {
  features: [
    {
      id: 'B-1',
      local: {
        type: 'Polygon',
        rings: [
          [
            [0, 0],
            [100, 0],
            [100, 50],
            [0, 50],
            [0, 0],
          ],
        ],
      },
    },
    {
      id: 'R-1',
      local: {
        type: 'LineString',
        line: [
          [-50, 80],
          [150, 80],
        ],
      },
    },
    { id: 'T-1', local: { type: 'Point', point: [200, 0] } },
  ],
} as unknown as ParkModel;

describe('Snapper (hand-worked cases)', () => {
  const s = new Snapper(model, { grid_m: 5, tolerance_m: 3 });
  it('snaps to a vertex within the tolerance, the nearest one', () => {
    expect(s.snap([101.2, 48.9])).toEqual({ point: [100, 50], to: 'vertex', id: 'B-1' });
    expect(s.snap([198, 1])).toEqual({ point: [200, 0], to: 'vertex', id: 'T-1' });
  });
  it('else to the nearest point of an edge within it', () => {
    const e = s.snap([40.4, 52.5]);
    expect(e).toMatchObject({ to: 'edge', id: 'B-1' });
    expect(e.point[0]).toBeCloseTo(40.4, 9);
    expect(e.point[1]).toBe(50);
    expect(s.snap([10, 78])).toEqual({ point: [10, 80], to: 'edge', id: 'R-1' });
  });
  it('else to the grid; the points drawn so far count as vertices', () => {
    expect(s.snap([47.6, 26.1])).toEqual({ point: [50, 25], to: 'grid' });
    expect(s.snap([301.5, 301], [[300, 300]])).toEqual({ point: [300, 300], to: 'vertex' });
    expect(new Snapper(model, { grid_m: 0, tolerance_m: 1 }).snap([47.6, 26.1])).toEqual({ point: [47.6, 26.1], to: 'none' });
  });
});
