/**
 * Geofencing on a hand-built park (local metres): a 2 km square fence with a people gate at (0, −1000)
 * and a hazchem gate at (500, −1000); zones for each rule.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../generate/rng.ts';
import { feature, localPark } from '../__test__/localPark.ts';
import { GeofenceEngine, type Fix } from './geofence.ts';

const square: [number, number][] = [
  [-1000, -1000],
  [1000, -1000],
  [1000, 1000],
  [-1000, 1000],
  [-1000, -1000],
];
const model = localPark([
  feature('fence', 'F', { line: square }),
  feature('gate', 'G-P', { point: [0, -1000] }, { fence_id: 'F', admits: ['people', 'car'], manned: true }),
  feature('gate', 'G-HZ', { point: [500, -1000] }, { fence_id: 'F', admits: ['hazchem'], manned: true }),
  feature('zone', 'Z-R', { rect: [100, 100, 300, 300] }, { purpose: 'restricted', authorised_roles: ['operator'] }),
  feature('zone', 'Z-H', { rect: [-300, -300, -100, -100] }, { purpose: 'hazardous_area', max_occupancy: 2, authorised_roles: ['operator', 'contractor'] }),
  feature(
    'zone',
    'Z-HOT',
    { rect: [400, 400, 450, 450] },
    { purpose: 'hot_work', valid_from: '2026-11-28T08:00:00+08:00', valid_to: '2026-11-28T18:00:00+08:00', permit: { number: 'DH-1', holders: ['P-7'] } },
  ),
  feature('zone', 'Z-PARK', { rect: [600, -900, 800, -700] }, { purpose: 'hazchem_parking' }),
  feature('zone', 'Z-PARK2', { rect: [600, -600, 800, -400] }, { purpose: 'hazchem_parking', max_occupancy: 1, max_dwell_min: 120 }),
]);

const T0 = Date.parse('2026-11-28T10:00:00+08:00');
const person = (id: string, t_s: number, x: number, y: number, role = 'operator'): Fix => ({ id, kind: 'person', t_ms: T0 + t_s * 1000, x, y, role });
const truck = (id: string, t_s: number, x: number, y: number): Fix => ({ id, kind: 'vehicle', vehicle_class: 'hazchem', t_ms: T0 + t_s * 1000, x, y });
const run = (g: GeofenceEngine, fixes: Fix[]) => fixes.flatMap((f) => g.update(f));

describe('fence and gates', () => {
  it('a person crossing the fence between two gates: exactly one breach, with the fence segment, place and time', () => {
    const g = new GeofenceEngine(model);
    const events = run(g, [person('P-1', 0, -500, -1100), person('P-1', 10, -500, -1040), person('P-1', 20, -500, -960), person('P-1', 30, -500, -900)]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'fence.breach',
      subject: 'P-1',
      place: 'F',
      detail: { direction: 'in', segment: 0, nearest_gate: 'G-P', nearest_gate_m: 500 },
    });
    expect(events[0].x).toBeCloseTo(-500, 6);
    expect(events[0].y).toBeCloseTo(-1000, 6);
    expect(events[0].t_ms).toBe(T0 + 15_000); // halfway between the fixes at −1040 and −960
  });

  it('jitter of ±3 m around the fence line makes no event', () => {
    const g = new GeofenceEngine(model);
    const rng = createRng('jitter');
    const fixes = Array.from({ length: 200 }, (_, i) => person('P-2', i, -400 + rng.range(-3, 3), -1000 + rng.range(-3, 3)));
    expect(run(g, fixes)).toEqual([]);
  });

  it('a person through the people gate passes; a hazchem truck through it is unauthorised; through the hazchem gate it passes', () => {
    const g = new GeofenceEngine(model);
    expect(run(g, [person('P-3', 0, 0, -1050), person('P-3', 10, 2, -950)]).map((e) => `${e.type} ${e.place}`)).toEqual(['gate.pass G-P']);
    expect(run(g, [truck('V-1', 0, 3, -1060), truck('V-1', 10, 3, -940)])).toMatchObject([
      { type: 'gate.unauthorised', place: 'G-P', detail: { class: 'hazchem' } },
    ]);
    expect(run(g, [truck('V-2', 0, 500, -1060), truck('V-2', 10, 500, -940)]).map((e) => e.type)).toEqual(['gate.pass']);
  });

  it('leaving is a crossing too, and out-of-order positions are ignored', () => {
    const g = new GeofenceEngine(model);
    run(g, [person('P-4', 0, -500, -900)]);
    expect(run(g, [person('P-4', 10, -500, -1100)])).toMatchObject([{ type: 'fence.breach', detail: { direction: 'out' } }]);
    expect(run(g, [person('P-4', 5, -500, -900)])).toEqual([]);
  });
});

describe('zones', () => {
  it('a restricted zone entered without an authorised role', () => {
    const g = new GeofenceEngine(model);
    expect(run(g, [person('P-5', 0, 50, 200, 'visitor'), person('P-5', 10, 200, 200, 'visitor')]).map((e) => e.type)).toEqual([
      'zone.enter',
      'zone.unauthorised',
    ]);
    expect(run(g, [person('P-6', 0, 50, 200), person('P-6', 10, 200, 200)]).map((e) => e.type)).toEqual(['zone.enter']);
    expect(run(g, [person('P-6', 20, 50, 200)]).map((e) => e.type)).toEqual(['zone.exit']);
  });

  it('a zone above its maximum occupancy raises one event', () => {
    const g = new GeofenceEngine(model);
    const inside = ['A', 'B', 'C', 'D'].flatMap((id) => [person(id, 0, -400, -200), person(id, 10, -200, -200)]);
    const over = run(g, inside).filter((e) => e.type === 'zone.over_capacity');
    expect(over).toHaveLength(1);
    expect(over[0]).toMatchObject({ place: 'Z-H', subject: 'C', detail: { count: 3, max_occupancy: 2 } });
    expect(g.headcount()['Z-H']).toBe(4);
  });

  it('a hazchem parking with limits: a second truck is over its occupancy; a truck parked past 2 h is told once a stay', () => {
    const g = new GeofenceEngine(model);
    // T-1 in at t = 10 s; T-2 in at t = 600 s (the second of one allowed)
    expect(run(g, [truck('T-1', 0, 700, -650), truck('T-1', 10, 700, -500)]).map((e) => e.type)).toEqual(['zone.enter']);
    const second = run(g, [truck('T-2', 590, 650, -650), truck('T-2', 600, 650, -500)]);
    expect(second.map((e) => [e.type, e.subject])).toEqual([
      ['zone.enter', 'T-2'],
      ['zone.over_capacity', 'T-2'],
    ]);
    // 2 h after T-1 came in: not yet (the limit is "longer than"); a minute later: T-1 only, then T-2 when its time comes
    expect(g.tick(T0 + 10_000 + 120 * 60_000).filter((e) => e.type === 'zone.dwell_exceeded')).toEqual([]);
    expect(g.tick(T0 + 10_000 + 121 * 60_000).filter((e) => e.type === 'zone.dwell_exceeded')).toMatchObject([
      { subject: 'T-1', place: 'Z-PARK2', detail: { purpose: 'hazchem_parking', dwell_min: 121, max_dwell_min: 120 } },
    ]);
    expect(
      g
        .tick(T0 + 600_000 + 121 * 60_000)
        .filter((e) => e.type === 'zone.dwell_exceeded')
        .map((e) => e.subject),
    ).toEqual(['T-2']);
    expect(g.tick(T0 + 600_000 + 130 * 60_000).filter((e) => e.type === 'zone.dwell_exceeded')).toEqual([]);
    // T-1 leaves and comes back: a new stay, counted afresh
    run(g, [truck('T-1', 8000, 700, -650), truck('T-1', 8010, 700, -500)]);
    expect(g.tick(T0 + 8_010_000 + 119 * 60_000).filter((e) => e.type === 'zone.dwell_exceeded')).toEqual([]);
  });

  it('hot work: someone not on the permit, or outside its window', () => {
    const g = new GeofenceEngine(model);
    expect(run(g, [person('P-7', 0, 380, 425), person('P-7', 10, 425, 425)]).map((e) => e.type)).toEqual(['zone.enter']);
    expect(run(g, [person('P-8', 0, 380, 425), person('P-8', 10, 425, 425)])).toMatchObject([
      { type: 'zone.enter' },
      { type: 'permit.violation', detail: { not_on_permit: true, outside_window: false } },
    ]);
    const late = 9 * 3600;
    expect(run(g, [person('P-9', late, 380, 425), person('P-9', late + 10, 425, 425)]).map((e) => e.type)).toContain('permit.violation');
  });

  it('a hazchem truck stopped 6 minutes on a road raises one event; in hazchem parking none', () => {
    const g = new GeofenceEngine(model);
    const road = Array.from({ length: 8 }, (_, i) => truck('V-3', i * 60, 200, -500));
    expect(run(g, road).map((e) => e.type)).toEqual(['hazchem.stopped']);
    const parked = Array.from({ length: 8 }, (_, i) => truck('V-4', i * 60, 700, -800));
    expect(run(g, parked).filter((e) => e.type === 'hazchem.stopped')).toEqual([]);
  });

  it('a tag silent for 2 minutes inside a hazardous area', () => {
    const g = new GeofenceEngine(model);
    run(g, [person('P-10', 0, -400, -200), person('P-10', 10, -200, -200)]);
    expect(g.tick(T0 + 60_000)).toEqual([]);
    expect(g.tick(T0 + 131_000)).toMatchObject([{ type: 'tag.silent', subject: 'P-10', place: 'Z-H' }]);
    expect(g.tick(T0 + 200_000)).toEqual([]); // reported once
  });

  it('three people within 15 m of each other for more than a minute in a hazardous area: one gathering, then its end', () => {
    const g = new GeofenceEngine(model, { gatherMin: 3 });
    // three operators at −200,−200 … a chain 12 m apart (single linkage: the ends are 24 m apart)
    const at = (t_s: number, spread = 12) =>
      run(g, [person('P-1', t_s, -200, -200), person('P-2', t_s, -200 + spread, -200), person('P-3', t_s, -200 + 2 * spread, -200)]);
    at(0);
    expect(g.tick(T0 + 1000)).toEqual([]); // a group, not yet a gathering
    at(30);
    expect(g.tick(T0 + 30_000)).toEqual([]);
    at(61);
    const start = g.tick(T0 + 61_000).filter((e) => e.type.startsWith('gathering'));
    expect(start).toMatchObject([{ type: 'gathering.start', place: 'Z-H', detail: { members: ['P-1', 'P-2', 'P-3'], count: 3 } }]);
    expect(start[0].x).toBeCloseTo(-188, 6);
    expect(g.gatherings()).toMatchObject([{ zone: 'Z-H', members: ['P-1', 'P-2', 'P-3'] }]);
    at(70);
    expect(g.tick(T0 + 70_000).filter((e) => e.type.startsWith('gathering'))).toEqual([]); // reported once
    at(80, 20); // spread to 20 m apart: no group any more
    expect(g.tick(T0 + 80_000).filter((e) => e.type.startsWith('gathering'))).toMatchObject([
      { type: 'gathering.end', place: 'Z-H', detail: { members: ['P-1', 'P-2', 'P-3'], lasted_s: 79 } },
    ]);
    expect(g.gatherings()).toEqual([]);
  });

  it('no gathering for a group that breaks up within the minute, for two people, or outside hazardous areas', () => {
    const g = new GeofenceEngine(model);
    const three = (t_s: number, x0: number, y0: number, spread: number) =>
      run(g, [person('Q-1', t_s, x0, y0), person('Q-2', t_s, x0 + spread, y0), person('Q-3', t_s, x0, y0 + spread)]);
    three(0, -200, -200, 5);
    g.tick(T0);
    three(40, -200, -200, 40); // apart before the minute is out
    g.tick(T0 + 40_000);
    three(50, -200, -200, 5); // together again: the clock restarts
    g.tick(T0 + 50_000);
    expect(g.tick(T0 + 100_000).filter((e) => e.type.startsWith('gathering'))).toEqual([]);
    expect(g.tick(T0 + 111_000).filter((e) => e.type.startsWith('gathering'))).toHaveLength(1);
    const h = new GeofenceEngine(model);
    run(h, [person('R-1', 0, -200, -200), person('R-2', 0, -195, -200), person('R-1', 100, -200, -200), person('R-2', 100, -195, -200)]);
    h.tick(T0);
    expect(h.tick(T0 + 100_000).filter((e) => e.type.startsWith('gathering'))).toEqual([]); // two people: the buddy rule
    const r = new GeofenceEngine(model);
    run(r, [person('S-1', 0, 200, 200), person('S-2', 0, 205, 200), person('S-3', 0, 200, 205)]); // restricted, not hazardous
    r.tick(T0);
    expect(r.tick(T0 + 100_000).filter((e) => e.type.startsWith('gathering'))).toEqual([]);
  });
});
