/**
 * buildSceneModel: what the plant view draws, computed without a GPU.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../model/model.ts';
import { buildSceneModel } from './buildSceneModel.ts';

const load = (p: string) => {
  const r = loadModel(JSON.parse(readFileSync(p, 'utf8')));
  if (!r.ok) throw new Error('invalid');
  return r.model;
};

describe('buildSceneModel', () => {
  const small = load(path.join(import.meta.dirname, '../../model/__fixtures__/valid/small.geojson'));

  it('maps local east/north to scene x / −z and tank size to radius and height', () => {
    const scene = buildSceneModel(small);
    const inst = scene.tanks.internal_floating;
    expect(inst.ids).toEqual(['T-1', 'T-2']);
    // T-1 was placed at east −340 m, north −200 m (fixture), 30 m across, 18 m high
    expect(inst.x[0]).toBeCloseTo(-340, 1);
    expect(inst.z[0]).toBeCloseTo(200, 1);
    expect(inst.radius[0]).toBe(15);
    expect(inst.height[0]).toBe(18);
    // fill from inventory: 5000 t in 10 000 m³ at 0.9 t/m³
    expect(inst.fill[0]).toBeCloseTo(5000 / 9000, 5);
  });

  it('keeps one instance per tank across roof types, and one prism per building', () => {
    const demo = load(path.join(import.meta.dirname, '../../../public/parks/demo.geojson'));
    const scene = buildSceneModel(demo);
    const drawn = Object.values(scene.tanks).reduce((s, i) => s + i.ids.length, 0);
    expect(drawn).toBe(demo.ofKind('tank').length);
    expect(new Set(Object.values(scene.tanks).flatMap((i) => i.ids)).size).toBe(drawn);
    expect(scene.buildings).toHaveLength(demo.ofKind('building').length);
    expect(scene.racks).toHaveLength(demo.ofKind('pipe_rack').length);
    expect(scene.sensors.ids).toHaveLength(demo.ofKind('sensor').length);
    expect(Object.values(scene.zones).flat()).toHaveLength(demo.ofKind('zone').length);
    expect(scene.bounds.maxX).toBeGreaterThan(scene.bounds.minX);
    // a sphere's drawn height is its diameter
    const s = scene.tanks.sphere;
    expect(s.height[0]).toBeCloseTo(2 * s.radius[0], 6);
  });
});
