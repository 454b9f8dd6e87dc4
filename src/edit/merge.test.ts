import { describe, expect, it } from 'vitest';
import type { Layout } from '../model/schema.ts';
import { mergeImport } from './merge.ts';

const f = (id: string, kind: string, props: Record<string, unknown> = {}) => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [117.5, 38.7] },
  properties: { id, kind, ...props },
});
const layout = { features: [f('P-1', 'park'), f('T-1', 'tank'), f('DK-1', 'dike')] } as unknown as Pick<Layout, 'features'>;

describe('mergeImport', () => {
  it('makes taken ids unique and the references follow; leaves out a second park', () => {
    const m = mergeImport(layout, [
      f('P-9', 'park'),
      f('DK-1', 'dike'),
      f('T-1', 'tank', { dike_id: 'DK-1' }),
      f('T-2', 'tank', { dike_id: 'DK-1' }),
      f('B-1', 'building'),
    ]);
    expect(m.renamed).toEqual({ 'DK-1': 'DK-1-2', 'T-1': 'T-1-2' });
    expect(m.features.map((x) => [x.properties.id, (x.properties as { dike_id?: string }).dike_id])).toEqual([
      ['DK-1-2', undefined],
      ['T-1-2', 'DK-1-2'],
      ['T-2', 'DK-1-2'],
      ['B-1', undefined],
    ]);
    expect(m.leftOut).toEqual([{ id: 'P-9', kind: 'park', why: 'the layout has its park already' }]);
  });

  it('takes everything into an empty layout, and the next free suffix when one is taken too', () => {
    expect(mergeImport({ features: [] }, [f('P-9', 'park')]).features).toHaveLength(1);
    const busy = { features: [f('T-1', 'tank'), f('T-1-2', 'tank')] } as unknown as Pick<Layout, 'features'>;
    expect(mergeImport(busy, [f('T-1', 'tank')]).renamed).toEqual({ 'T-1': 'T-1-3' });
  });
});
