import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../model/model.ts';
import { drawnGeometry, freeId, handlesOf, LINE_OR_POLYGON_KINDS, movedBy, movedVertex, POINT_KINDS, rotated, row, treeOf } from './ops.ts';
import type { EditFeature } from './plannerSession.ts';

const loaded = loadModel(JSON.parse(readFileSync(path.join(import.meta.dirname, '../../public/parks/demo.geojson'), 'utf8')));
if (!loaded.ok) throw new Error('demo park invalid');
const model = loaded.model;
const feature = (id: string) => model.byId.get(id)!.feature as unknown as EditFeature;
const local = (c: number[]) => model.frame.toLocal(c);

describe('edit operations on the demo park', () => {
  it('a row of copies at a spacing and heading, each with a free id, placed to the millimetre', () => {
    const copies = row(model, feature('T-PRD-07'), 3, 58, 90);
    expect(copies.map((f) => f.properties.id)).toEqual(['T-PRD-07-2', 'T-PRD-07-3', 'T-PRD-07-4']);
    const a = model.byId.get('T-PRD-07')!.anchor;
    copies.forEach((f, k) => {
      const p = local((f.geometry as { coordinates: number[] }).coordinates);
      expect(p[0] - a[0]).toBeCloseTo(58 * (k + 1), 2);
      expect(p[1] - a[1]).toBeCloseTo(0, 2);
    });
    expect(copies[0].properties).toMatchObject({ kind: 'tank', diameter_m: 40, dike_id: 'DK-PRD-1' });
    // heading 0 is north
    const north = row(model, feature('T-PRD-07'), 1, 10, 0)[0];
    expect(local((north.geometry as { coordinates: number[] }).coordinates)[1] - a[1]).toBeCloseTo(10, 2);
  });

  it('turns a polygon about its anchor (90° counter-clockwise: (x, y) → (−y, x)), and leaves a point as it is', () => {
    const b = feature('B-REF-FCC-SHIFT');
    const turned = rotated(model, b, 90);
    const at = model.byId.get('B-REF-FCC-SHIFT')!.anchor;
    const before = (b.geometry as { coordinates: number[][][] }).coordinates[0].map(local);
    const after = (turned.geometry as { coordinates: number[][][] }).coordinates[0].map(local);
    before.forEach((p, i) => {
      expect(after[i][0] - at[0]).toBeCloseTo(-(p[1] - at[1]), 2);
      expect(after[i][1] - at[1]).toBeCloseTo(p[0] - at[0], 2);
    });
    expect(rotated(model, feature('T-PRD-07'), 90)).toEqual(feature('T-PRD-07'));
  });

  it('a drawing is a closed polygon from three points for a polygon kind, a line from two for a line kind, nothing short of that', () => {
    const pts: [number, number][] = [
      [0, 0],
      [30, 0],
      [30, 20],
    ];
    const poly = drawnGeometry(model, 'building', pts)!;
    expect(poly.type).toBe('Polygon');
    const ring = (poly as { coordinates: number[][][] }).coordinates[0];
    expect(ring).toHaveLength(4);
    expect(ring[3]).toEqual(ring[0]);
    expect(drawnGeometry(model, 'road', pts.slice(0, 2))?.type).toBe('LineString');
    expect(drawnGeometry(model, 'building', pts.slice(0, 2))).toBeNull();
    expect(POINT_KINDS).toContain('tank');
    expect(LINE_OR_POLYGON_KINDS).toEqual(expect.arrayContaining(['building', 'road', 'dike']));
  });

  it('finds a free id and lists the layout as a tree by enterprise, filtered', () => {
    expect(freeId(model, 'tank')).toBe('TANK-NEW-1');
    // T-PRD-07 under its enterprise and its dike, its sensors under it
    const tree = treeOf(model, 'T-PRD-07');
    expect(tree.enterprises.map((e) => e.id)).toEqual(['E-PRD']);
    const dike = tree.enterprises[0].nodes.find((n) => n.feature.id === 'DK-PRD-1')!;
    const tank = dike.children.find((n) => n.feature.id === 'T-PRD-07')!;
    expect(tank.children.map((n) => n.feature.id).sort()).toEqual(['T-PRD-07-ESD', 'T-PRD-07-GD1', 'T-PRD-07-GD2', 'T-PRD-07-LT', 'T-PRD-07-TT']);
    expect(dike.children.map((n) => n.feature.id)).toEqual(['T-PRD-07']); // the other tanks of the dike do not match
    // unfiltered, every feature is in the tree once
    const all = treeOf(model);
    expect(all.enterprises.length).toBe(model.ofKind('enterprise').length);
    const count = (ns: { children: unknown[] }[]): number => ns.reduce((k, n) => k + 1 + count(n.children as never), 0);
    const listed = all.enterprises.reduce((k, e) => k + 1 + count(e.nodes), 0) + all.rest.reduce((k, [, ns]) => k + count(ns), 0);
    expect(listed).toBe(model.features.length);
  });
});

describe('reshaping by a vertex', () => {
  it('moves one vertex of a polygon (its first and last together) and of a line; the handles skip the closing repeat', () => {
    const b = feature('B-REF-FCC-SHIFT');
    const m = model.byId.get('B-REF-FCC-SHIFT')!;
    const handles = handlesOf(m);
    const ring = (b.geometry as { coordinates: number[][][] }).coordinates[0];
    expect(handles).toHaveLength(ring.length - 1);
    const to: [number, number] = [handles[0][0] - 5, handles[0][1] + 3];
    const moved = movedVertex(model, b, 0, to);
    const out = (moved.geometry as { coordinates: number[][][] }).coordinates[0];
    expect(local(out[0])[0]).toBeCloseTo(to[0], 2);
    expect(local(out[0])[1]).toBeCloseTo(to[1], 2);
    expect(out[out.length - 1]).toEqual(out[0]);
    expect(out.slice(1, -1)).toEqual(ring.slice(1, -1));
    const road = model.ofKind('road')[0];
    const line = movedVertex(model, road.feature as unknown as EditFeature, 1, [0, 0]);
    expect(local((line.geometry as { coordinates: number[][] }).coordinates[1])[0]).toBeCloseTo(0, 2);
    expect(handlesOf(model.byId.get('T-PRD-07')!)).toEqual([]);
  });
});

describe('moving several features at once', () => {
  it('shifts every vertex of a tank and a building by the same local offset', () => {
    const [t, b] = movedBy(model, [feature('T-PRD-07'), feature('B-REF-FCC-SHIFT')], 12, -7);
    const a = model.byId.get('T-PRD-07')!.anchor;
    const p = local((t.geometry as { coordinates: number[] }).coordinates);
    expect([p[0] - a[0], p[1] - a[1]].map((v) => Math.round(v * 100) / 100)).toEqual([12, -7]);
    const before = (feature('B-REF-FCC-SHIFT').geometry as { coordinates: number[][][] }).coordinates[0].map(local);
    (b.geometry as { coordinates: number[][][] }).coordinates[0].map(local).forEach((q, i) => {
      expect(q[0] - before[i][0]).toBeCloseTo(12, 2);
      expect(q[1] - before[i][1]).toBeCloseTo(-7, 2);
    });
  });
});
