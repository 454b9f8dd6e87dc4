import { describe, expect, it } from 'vitest';
import { canonicalJson, describeChange, layoutDiff } from './diff.ts';
import type { Layout } from './schema.ts';

const pt = (id: string, kind: string, lon: number, extra: Record<string, unknown> = {}) => ({
  type: 'Feature' as const,
  geometry: { type: 'Point' as const, coordinates: [lon, 38.9] },
  properties: { id, kind, ...extra },
});
const layout = (features: ReturnType<typeof pt>[], tz = 'Asia/Shanghai') =>
  ({ type: 'FeatureCollection', parktwin: { timezone: tz }, features }) as unknown as Layout;

describe('layoutDiff', () => {
  const v1 = layout([pt('T-1', 'tank', 117.1, { diameter_m: 20 }), pt('T-2', 'tank', 117.2), pt('S-1', 'sensor', 117.3)]);

  it('counts added, removed and changed features per kind (worked by hand)', () => {
    // T-1 moved, T-2 unchanged, S-1 removed, T-3 and S-2 new
    const v2 = layout([pt('T-1', 'tank', 117.15, { diameter_m: 20 }), pt('T-2', 'tank', 117.2), pt('T-3', 'tank', 117.4), pt('S-2', 'sensor', 117.5)]);
    const d = layoutDiff(v1, v2);
    expect(d.added).toEqual(['T-3', 'S-2']);
    expect(d.removed).toEqual(['S-1']);
    expect(d.changed).toEqual(['T-1']);
    expect(d.byKind).toEqual({ tank: { added: 1, removed: 0, changed: 1 }, sensor: { added: 1, removed: 1, changed: 0 } });
    expect(d.meta).toBe(false);
    expect(describeChange(d)).toBe('+2 −1 ~1 (tank +1 ~1, sensor +1 −1)');
  });

  it('does not see a change in the order of keys, and sees one in a property', () => {
    const reordered = layout([
      { type: 'Feature', properties: { diameter_m: 20, kind: 'tank', id: 'T-1' }, geometry: { coordinates: [117.1, 38.9], type: 'Point' } } as ReturnType<
        typeof pt
      >,
      pt('T-2', 'tank', 117.2),
      pt('S-1', 'sensor', 117.3),
    ]);
    expect(layoutDiff(v1, reordered).changed).toEqual([]);
    const bigger = layout([pt('T-1', 'tank', 117.1, { diameter_m: 21 }), pt('T-2', 'tank', 117.2), pt('S-1', 'sensor', 117.3)]);
    expect(layoutDiff(v1, bigger).changed).toEqual(['T-1']);
  });

  it('reports the park settings and a first version (everything added)', () => {
    expect(layoutDiff(v1, layout(v1.features as ReturnType<typeof pt>[], 'Asia/Urumqi')).meta).toBe(true);
    const first = layoutDiff(null, v1);
    expect(first.added).toHaveLength(3);
    expect(first.meta).toBe(false);
  });

  it('canonicalJson sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: undefined }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"f":2}]},"b":1}');
  });
});
