/**
 * Hazchem routes worked by hand on a small park: a gate at the origin, an enterprise in the north-east
 * corner; the diagonal hazchem road runs through a restricted zone, so the route takes the marked
 * roads round it to where they meet the enterprise (680 m); the unmarked shortcut is not taken. A truck held to the route: off it
 * by more than 50 m is one event, back within 30 m another, past its waybill's time a third.
 */
import { describe, expect, it } from 'vitest';
import { feature, localPark } from '../__test__/localPark.ts';
import { HazchemRoutes } from './hazchemRoutes.ts';

const road = (id: string, line: [number, number][], hazchem = true) => feature('road', id, { line }, { width_m: 8, hazchem_route: hazchem });
const model = localPark([
  feature('enterprise', 'E', { rect: [380, 280, 600, 500] }, { name: 'e', industry: 'chemicals', major_hazard: false, employees: 10 }),
  road('R-DIAG', [
    [0, 0],
    [400, 300],
  ]),
  road('R-SOUTH', [
    [0, 0],
    [400, 0],
  ]),
  road('R-EAST', [
    [400, 0],
    [400, 300],
  ]),
  road(
    'R-SHORT',
    [
      [0, 0],
      [399, 299.5],
    ],
    false,
  ),
  feature('zone', 'Z-CLOSED', { rect: [150, 50, 250, 250] }, { name: 'closed', purpose: 'restricted', height_m: 5 }),
]);

describe('HazchemRoutes', () => {
  it('plans over the marked roads round the closed zone: 400 m east, then 280 m north to where the road meets the enterprise', () => {
    const routes = new HazchemRoutes(model);
    const r = routes.planFrom([0, 0], 'E')!;
    expect(r.length_m).toBeCloseTo(680, 0);
    const near = (p: number[], q: number[]) => Math.hypot(p[0] - q[0], p[1] - q[1]) < 0.01;
    expect(near(r.line[0], [0, 0]) && near(r.line[1], [400, 0]) && near(r.line.at(-1)!, [400, 280])).toBe(true);
    expect(r.notes).toEqual([]);
  });

  it('takes every road when none is marked, and says so; crosses a closed zone only when there is no way round, and says so', () => {
    const plain = localPark([
      feature('enterprise', 'E', { rect: [380, 280, 600, 500] }, { name: 'e', industry: 'chemicals', major_hazard: false, employees: 10 }),
      road(
        'R-DIAG',
        [
          [0, 0],
          [400, 300],
        ],
        false,
      ),
      feature('zone', 'Z-CLOSED', { rect: [150, 50, 250, 250] }, { name: 'closed', purpose: 'restricted', height_m: 5 }),
    ]);
    const r = new HazchemRoutes(plain).planFrom([0, 0], 'E')!;
    // along the diagonal to its point nearest the enterprise's corner (380, 280): t = (380·400 + 280·300) / 500² = 0.944, 472 m
    expect(r.length_m).toBeCloseTo(472, 0);
    expect(r.notes).toEqual([
      'no road is marked for hazchem vehicles (hazchem_route): every road taken',
      'no way round the closed zone Z-CLOSED: the route crosses it',
    ]);
  });

  it('holds a truck to its route: off by 100 m (event), back within 30 m (event), past its time (one event)', () => {
    const routes = new HazchemRoutes(model);
    const route = routes.planFrom([0, 0], 'E')!;
    routes.track('TRUCK-1', 'WB-1', route, 1_000);
    expect(routes.position('TRUCK-1', [200, 0], 100)).toEqual([]);
    expect(routes.position('TRUCK-1', [200, 40], 200)).toEqual([]); // 40 m: within the 50 m allowed
    expect(routes.position('TRUCK-1', [200, 100], 300)).toEqual([
      { type: 'waybill.off_route', subject: 'TRUCK-1', waybill: 'WB-1', distance_m: 100, at: [200, 100] },
    ]);
    expect(routes.position('TRUCK-1', [200, 120], 400)).toEqual([]); // still off: said once
    expect(routes.position('TRUCK-1', [200, 40], 500)).toEqual([]); // 40 m: not yet back (30 m)
    expect(routes.position('TRUCK-1', [390, 150], 600)).toEqual([{ type: 'waybill.back_on_route', subject: 'TRUCK-1', waybill: 'WB-1', at: [390, 150] }]);
    expect(routes.position('TRUCK-1', [400, 200], 1_001)).toEqual([{ type: 'waybill.overtime', subject: 'TRUCK-1', waybill: 'WB-1', valid_to: 1_000 }]);
    expect(routes.position('TRUCK-1', [400, 250], 2_000)).toEqual([]);
    expect(routes.active().map((a) => [a.subject, a.off, a.overtime])).toEqual([['TRUCK-1', false, true]]);
    routes.forget('TRUCK-1');
    expect(routes.position('TRUCK-1', [0, 900], 3_000)).toEqual([]);
  });
});
