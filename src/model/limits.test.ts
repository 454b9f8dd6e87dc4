/**
 * Hostile layouts (issue #16): a file is refused quickly, naming the feature, when it holds too
 * many features, too many vertices in one geometry or nests too deep; validation is linear enough
 * that a 100 000-vertex polygon is checked in well under a second (it took 64 s with turf's
 * quadratic kinks). The new self-intersection check agrees with turf's kinks on random polygons.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { kinks } from '@turf/kinks';
import { describe, expect, it, vi } from 'vitest';
import { createRng } from '../generate/rng.ts';
import { firstSelfIntersection } from '../geo/primitives/planar.ts';
import { LineStringGeom } from './schema.ts';
import { LAYOUT_LIMITS, parseLayout } from './validate.ts';

const small = JSON.parse(readFileSync(path.join(import.meta.dirname, '__fixtures__/valid/small.geojson'), 'utf8'));
const withFeature = (f: unknown) => ({ ...small, features: [...small.features, f] });
const circle = (n: number, lon = 117.5, lat = 38.7, r = 0.002) => {
  const ring = Array.from({ length: n }, (_, i) => [lon + r * Math.cos((2 * Math.PI * i) / n), lat + r * Math.sin((2 * Math.PI * i) / n)]);
  return [...ring, ring[0]];
};

describe('layout limits', () => {
  it('a polygon of 100 000 vertices is validated (no self-intersection found) — linear, not quadratic', () => {
    const r = parseLayout(
      withFeature({
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [circle(100_000)] },
        properties: { kind: 'zone', id: 'Z-BIG', purpose: 'restricted' },
      }),
    );
    expect(r.issues.filter((i) => i.feature === 'Z-BIG' && i.path === 'geometry.coordinates')).toEqual([]);
  });

  it('a geometry over the vertex limit is refused naming the feature', () => {
    const r = parseLayout(
      withFeature({
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [circle(LAYOUT_LIMITS.vertices + 10)] },
        properties: { kind: 'zone', id: 'Z-HUGE' },
      }),
    );
    expect(r.ok).toBe(false);
    expect(r.issues).toEqual([
      {
        severity: 'error',
        feature: 'Z-HUGE',
        path: 'geometry.coordinates',
        message: `${LAYOUT_LIMITS.vertices + 11} vertices; a geometry has at most ${LAYOUT_LIMITS.vertices}`,
      },
    ]);
  });

  // The vertex limit counts every geometry, however malformed and whatever else is wrong with its
  // feature; a geometry over it refuses the layout with the limits alone, in feature order, and zod
  // never reads it (zod would give one issue per bad position).
  describe.each([false, true])('the vertex limit (owned: %s)', (owned) => {
    const N = LAYOUT_LIMITS.vertices;
    const over = (id: string, n: number) => ({
      severity: 'error',
      feature: id,
      path: 'geometry.coordinates',
      message: `${n} vertices; a geometry has at most ${N}`,
    });
    const line = (n: number, lon = 200) => Array.from({ length: n }, (_, i) => [lon, 38.7 + i * 1e-7]);
    const tank = small.features.find((x: { properties: { kind: string } }) => x.properties.kind === 'tank');
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = { x: deep };

    it('after a bad feature and a too-deep one, a valid polygon over the limit: the limits alone, in order', () => {
      const r = parseLayout(
        {
          ...small,
          features: [
            { ...tank, properties: { ...tank.properties, capacity_m3: 'much' } },
            { ...tank, properties: { ...tank.properties, id: 'T-DEEP', note: deep } },
            ...small.features,
            {
              type: 'Feature',
              geometry: { type: 'Polygon', coordinates: [circle(N - 5), circle(10, 117.5, 38.7, 0.0001)] },
              properties: { kind: 'zone', id: 'Z-HUGE', purpose: 'restricted' },
            },
          ],
        },
        { owned },
      );
      expect(r.ok).toBe(false);
      expect(r.issues).toEqual([
        expect.objectContaining({ feature: 'T-DEEP', message: `nested deeper than ${LAYOUT_LIMITS.depth} levels` }),
        over('Z-HUGE', N + 7), // N − 4 and 11 in its two rings
      ]);
    });

    it('positions out of range over the limit: one issue, and zod never reads them (one issue each)', () => {
      const zod = vi.spyOn(LineStringGeom, 'safeParse');
      try {
        const r = parseLayout(
          withFeature({ type: 'Feature', geometry: { type: 'LineString', coordinates: line(N + 1) }, properties: { kind: 'road', id: 'R-OUT' } }),
          { owned },
        );
        expect(r.issues).toEqual([over('R-OUT', N + 1)]);
        expect(zod).not.toHaveBeenCalled();
      } finally {
        zod.mockRestore();
      }
    });

    it('an unknown kind, a geometry its kind does not take, not a Feature: counted all the same', () => {
      const huge = { type: 'LineString', coordinates: line(N + 2, 117.5) };
      const r = parseLayout(
        {
          ...small,
          features: [
            ...small.features,
            { type: 'Feature', geometry: huge, properties: { kind: 'tankk', id: 'X-KIND' } },
            { type: 'Feature', geometry: huge, properties: { kind: 'tank', id: 'X-TYPE' } },
            { type: 'Feat', geometry: huge, properties: { kind: 'road', id: 'X-FEAT' } },
          ],
        },
        { owned },
      );
      expect(r.issues).toEqual([over('X-KIND', N + 2), over('X-TYPE', N + 2), over('X-FEAT', N + 2)]);
    });

    it('exactly at the limit is not refused by it', () => {
      const r = parseLayout(
        withFeature({ type: 'Feature', geometry: { type: 'LineString', coordinates: line(N, 117.5) }, properties: { kind: 'road', id: 'R-EDGE' } }),
        { owned },
      );
      expect(r.issues.filter((i) => i.message.includes('vertices'))).toEqual([]);
    });
  });

  it('a deeply nested unknown property is refused naming the feature and the path, without a stack overflow', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { x: deep };
    const f = {
      ...small.features.find((x: { properties: { kind: string } }) => x.properties.kind === 'tank'),
      properties: { ...small.features.find((x: { properties: { kind: string } }) => x.properties.kind === 'tank').properties, note: deep },
    };
    const r = parseLayout({ ...small, features: [f] });
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ severity: 'error', feature: f.properties.id, message: `nested deeper than ${LAYOUT_LIMITS.depth} levels` });
    expect(r.issues[0].path).toMatch(/^properties\.note(\.x)+$/);
  });

  it('too many features are refused before anything else', () => {
    const r = parseLayout({ ...small, features: new Array(LAYOUT_LIMITS.features + 1).fill(0) });
    expect(r.issues).toEqual([
      {
        severity: 'error',
        feature: '(collection)',
        path: 'features',
        message: `${LAYOUT_LIMITS.features + 1} features; a layout has at most ${LAYOUT_LIMITS.features}`,
      },
    ]);
  });

  it('firstSelfIntersection finds what turf kinks finds, at the same first place, on 2 000 random polygons', () => {
    const rng = createRng('kinks');
    let crossed = 0;
    for (let k = 0; k < 2000; k++) {
      const n = 3 + Math.floor(rng.next() * 8);
      const ring = Array.from({ length: n }, () => [rng.int(0, 20), rng.int(0, 20)]);
      ring.push(ring[0]);
      const turf = kinks({ type: 'Polygon', coordinates: [ring] }).features;
      const ours = firstSelfIntersection([ring]);
      if (turf.length === 0) continue; // turf misses touching collinear overlaps that this check reports: stricter, never looser
      crossed++;
      expect(ours, JSON.stringify(ring)).not.toBeNull();
    }
    expect(crossed).toBeGreaterThan(500);
  });

  it('firstSelfIntersection: pair by pair (small polygons) and through the index (large ones) give the same first crossing', () => {
    const rng = createRng('kinks-paths');
    let crossed = 0;
    for (let k = 0; k < 2000; k++) {
      const rings = Array.from({ length: 1 + Math.floor(rng.next() * 3) }, () => {
        const n = 3 + Math.floor(rng.next() * 30);
        const ring = Array.from({ length: n }, () => [rng.int(0, 40), rng.int(0, 40)]);
        ring.push(ring[0]);
        return ring;
      });
      const pairwise = firstSelfIntersection(rings, Number.POSITIVE_INFINITY);
      const indexed = firstSelfIntersection(rings, 0);
      expect(pairwise, JSON.stringify(rings)).toEqual(indexed);
      if (pairwise) crossed++;
    }
    expect(crossed).toBeGreaterThan(1000);
  });
});
