/**
 * Cameras' sight, worked by hand in local metres. The camera stands at the origin 12 m up, looks
 * east (90°); with tilt −45° and a 90° vertical field of view the picture's lower edge looks
 * straight down and its upper edge at the horizon, so it sees the ground from 0 m to its range.
 */
import { describe, expect, it } from 'vitest';
import { feature, localPark, tank } from '../__test__/localPark.ts';
import { loadModel } from '../../model/model.ts';
import { CameraSight, groundBand, rayCrossings, shadowOf, stripRing } from './cameras.ts';

const camera = (id: string, at: [number, number], camera: Record<string, unknown>, height_m = 12) =>
  feature(
    'sensor',
    id,
    { point: at },
    { type: 'video', unit: 'state', height_m, camera: { heading_deg: 90, tilt_deg: -45, vfov_deg: 90, fov_deg: 60, range_m: 100, ...camera } },
  );
const building = (id: string, rect: [number, number, number, number], height_m: number) =>
  feature('building', id, { rect }, { height_m, use: 'office', design_occupancy: 10 });

describe('shadowOf', () => {
  it('hides everything behind an obstacle taller than the camera', () => {
    expect(shadowOf(40, 50, 12, 20, 0)).toEqual([40, Infinity]);
  });
  it('hides the ground behind a lower one out to b·h/(h − H)', () => {
    // 12 m camera, 4 m building 40–50 m away: the sight line over its far edge (50 m, 4 m) meets the ground at 50·12/8 = 75 m
    expect(shadowOf(40, 50, 12, 4, 0)).toEqual([40, 75]);
    // a person's head (1.5 m) comes into view sooner: 50·10.5/8 = 65.625 m
    expect(shadowOf(40, 50, 12, 4, 1.5)).toEqual([40, 65.625]);
  });
  it('a target above the obstacle is hidden only inside it', () => {
    expect(shadowOf(40, 50, 12, 4, 6)).toEqual([40, 50]);
  });
});

describe('rayCrossings', () => {
  it('a circle: 10 m radius centred 50 m along the ray is crossed from 40 to 60 m', () => {
    const [[a, b]] = rayCrossings([0, 0], 1, 0, { type: 'circle', c: [50, 0], r: 10 });
    expect(a).toBeCloseTo(40, 9);
    expect(b).toBeCloseTo(60, 9);
  });
  it('a circle behind the ray is not crossed; one around the origin is crossed from 0', () => {
    expect(rayCrossings([0, 0], 1, 0, { type: 'circle', c: [-50, 0], r: 10 })).toEqual([]);
    expect(rayCrossings([0, 0], 1, 0, { type: 'circle', c: [0, 0], r: 10 })).toEqual([[0, 10]]);
  });
  it('a polygon with a courtyard is crossed twice', () => {
    const outer = [
      [10, -10],
      [50, -10],
      [50, 10],
      [10, 10],
      [10, -10],
    ];
    const hole = [
      [20, -5],
      [40, -5],
      [40, 5],
      [20, 5],
      [20, -5],
    ];
    expect(rayCrossings([0, 0], 1, 0, { type: 'polygon', rings: [outer, hole] })).toEqual([
      [10, 20],
      [40, 50],
    ]);
  });
});

describe('groundBand', () => {
  it('tilt −10°, vertical field 20°: from 12/tan 20° = 32.97 m to the range', () => {
    const [near, far] = groundBand({ id: 'c', at: [0, 0], height_m: 12, heading_deg: 0, tilt_deg: -10, fov_deg: 60, vfov_deg: 20, range_m: 100 }) ?? [];
    expect(near).toBeCloseTo(12 / Math.tan((20 * Math.PI) / 180), 9);
    expect(far).toBe(100);
  });
  it('tilt −40°, vertical field 20°: the upper edge meets the ground at 12/tan 30° = 20.78 m', () => {
    const [near, far] = groundBand({ id: 'c', at: [0, 0], height_m: 12, heading_deg: 0, tilt_deg: -40, fov_deg: 60, vfov_deg: 20, range_m: 100 }) ?? [];
    expect(near).toBeCloseTo(12 / Math.tan((50 * Math.PI) / 180), 9);
    expect(far).toBeCloseTo(12 / Math.tan((30 * Math.PI) / 180), 9);
  });
  it('a camera looking above the horizon sees no ground', () => {
    expect(groundBand({ id: 'c', at: [0, 0], height_m: 12, heading_deg: 0, tilt_deg: 20, fov_deg: 60, vfov_deg: 20, range_m: 100 })).toBeNull();
  });
});

describe('CameraSight.sees', () => {
  it('a building taller than the camera hides what is behind it', () => {
    const s = new CameraSight(localPark([camera('C', [0, 0], {}), building('B', [40, -5, 50, 5], 20)]));
    expect(s.sees('C', [30, 0], 0)?.distance_m).toBeCloseTo(30, 6);
    expect(s.sees('C', [45, 0], 0)).toBeNull(); // inside it
    expect(s.sees('C', [60, 0], 0)).toBeNull();
    expect(s.sees('C', [60, 20], 0)).not.toBeNull(); // past its corner: bearing 71.6°, within the field of view
  });
  it('a lower building casts a shadow that ends where the sight line over it meets the target', () => {
    const s = new CameraSight(localPark([camera('C', [0, 0], {}), building('B', [40, -5, 50, 5], 4)]));
    expect(s.sees('C', [70, 0], 0)).toBeNull(); // ground: hidden to 75 m
    expect(s.sees('C', [80, 0], 0)).not.toBeNull();
    expect(s.sees('C', [70, 0], 1.5)).not.toBeNull(); // a person's head: hidden only to 65.6 m
    expect(s.sees('C', [60, 0], 1.5)).toBeNull();
  });
  it('keeps to the field of view, the range and the ground band', () => {
    const s = new CameraSight(localPark([camera('C', [0, 0], {})]));
    const at = (bearing: number, d: number): [number, number] => [d * Math.sin((bearing * Math.PI) / 180), d * Math.cos((bearing * Math.PI) / 180)];
    expect(s.sees('C', at(119.9, 50), 0)).not.toBeNull();
    expect(s.sees('C', at(121, 50), 0)).toBeNull();
    expect(s.sees('C', at(60.1, 50), 0)).not.toBeNull();
    expect(s.sees('C', at(59, 50), 0)).toBeNull();
    expect(s.sees('C', [99, 0], 0)).not.toBeNull();
    expect(s.sees('C', [101, 0], 0)).toBeNull();
    const tilted = new CameraSight(localPark([camera('C', [0, 0], { tilt_deg: -10, vfov_deg: 20 })]));
    expect(tilted.sees('C', [30, 0], 0)).toBeNull(); // nearer than 32.97 m: below the picture
    expect(tilted.sees('C', [35, 0], 0)).not.toBeNull();
  });
  it('ignores the building the camera is mounted on, and the feature the target belongs to', () => {
    const s = new CameraSight(localPark([camera('C', [0, 0], {}), building('ROOF', [-5, -5, 5, 5], 20), tank('T', 60, 0, { diameter_m: 20, height_m: 15 })]));
    expect(s.sees('C', [40, 0], 0)).not.toBeNull();
    expect(s.sees('C', [60, 0], 0)).toBeNull(); // the tank's centre, inside the tank
    expect(s.sees('C', [60, 0], 0, 'T')).not.toBeNull(); // … the tank itself is what is looked at
  });
  it('seeing lists the cameras that see a place, nearest first', () => {
    const s = new CameraSight(
      localPark([
        camera('FAR', [-80, 0], {}),
        camera('NEAR', [-20, 0], {}),
        camera('AWAY', [-10, 0], { heading_deg: 270 }),
        camera('BLOCKED', [0, 40], { heading_deg: 180 }),
        building('B', [-5, 15, 5, 25], 30),
      ]),
    );
    expect(s.seeing([0, 0], 1.5).map((x) => [x.camera, Math.round(x.distance_m)])).toEqual([
      ['NEAR', 20],
      ['FAR', 80],
    ]);
  });
});

describe('CameraSight.view', () => {
  it('rays across the field of view, cut by what stands in the way; strips join them', () => {
    const s = new CameraSight(localPark([camera('C', [0, 0], {}), building('B', [40, -5, 50, 5], 4)]));
    const v = s.view('C', 1);
    if (!v) throw new Error('no view');
    expect(v.rays).toHaveLength(61);
    const east = v.rays.find((r) => Math.abs(r.bearing_deg - 90) < 1e-9);
    expect(east?.visible.flat().map((d) => Math.round(d * 1e6) / 1e6)).toEqual([0, 40, 75, 100]);
    expect(v.rays[0].visible).toEqual([[0, 100]]); // bearing 60°: clear of the building
    // the first strip spans all rays; the second only those behind the building
    expect(v.strips[0].bearings_deg).toHaveLength(61);
    expect(v.strips[1].bearings_deg.length).toBeGreaterThan(2);
    expect(v.strips[1].bearings_deg.length).toBeLessThan(20);
    const ring = stripRing({ at: [0, 0] }, v.strips[0]);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(ring).toContainEqual([0, 0]); // a fan from the camera
  });
  it('a panoramic camera sees all round', () => {
    const s = new CameraSight(localPark([camera('C', [0, 0], { fov_deg: 360 }), tank('T', 0, 50, { diameter_m: 20, height_m: 15 })]));
    const v = s.view('C', 2);
    const north = v?.rays.find((r) => r.bearing_deg === 0);
    expect(north?.visible[0][1]).toBeCloseTo(40, 6);
    expect(v?.rays[0].bearing_deg).toBe(0);
    expect(v?.rays.at(-1)?.bearing_deg).toBe(360);
  });
});

describe('layout', () => {
  it('only a video sensor may have a camera', () => {
    const park = (type: string) => ({
      type: 'FeatureCollection',
      parktwin: { version: 1 },
      features: [
        feature('park', 'P', { rect: [-100, -100, 100, 100] }, { name: 'p' }),
        feature('sensor', 'S', { point: [0, 0] }, { type, unit: type === 'video' ? 'state' : '%LEL', camera: { heading_deg: 10 } }),
      ],
    });
    expect(loadModel(park('video')).ok).toBe(true);
    const bad = loadModel(park('combustible_gas'));
    expect(bad.ok).toBe(false);
    expect(bad.issues.map((i) => `${i.path}: ${i.message}`)).toContain(
      'properties.camera: only a video sensor has a camera; this one is a combustible_gas sensor',
    );
  });
  it('names a bad stream address', () => {
    const r = loadModel({
      type: 'FeatureCollection',
      parktwin: { version: 1 },
      features: [
        feature('park', 'P', { rect: [-100, -100, 100, 100] }, { name: 'p' }),
        feature('sensor', 'S', { point: [0, 0] }, { type: 'video', unit: 'state', camera: { heading_deg: 10, hls_url: 'javascript:alert(1)' } }),
      ],
    });
    expect(r.ok).toBe(false);
    expect(r.issues.some((i) => i.path === 'properties.camera.hls_url' && /http\(s\)/.test(i.message))).toBe(true);
  });
});
