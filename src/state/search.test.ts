/**
 * The twin's search on the demo park: by id, Chinese or English name, people by tag and role;
 * ranked whole match, prefix, word start, anywhere.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../model/model.ts';
import type { LivePosition } from '../protocol/events.ts';
import { search } from './search.ts';

const r = loadModel(JSON.parse(readFileSync(path.join(import.meta.dirname, '../../public/parks/demo.geojson'), 'utf8')));
if (!r.ok) throw new Error('demo invalid');
const model = r.model;
const [lon, lat] = model.frame.toLngLat([100, 200]);
const people: LivePosition[] = [{ id: 'P-0007', kind: 'person', lon, lat, t: 0, role: 'maintenance', name: '王伟', company: '津港检修工程有限公司' }];

describe('search', () => {
  it('finds an installation by its id first, then what starts with it', () => {
    const hits = search(model, 't-lpg-01', [], 'en');
    expect(hits[0]).toMatchObject({ id: 'T-LPG-01', kind: 'tank', subject: false });
    expect(hits.slice(1).every((h) => h.id.toLowerCase().startsWith('t-lpg-01'))).toBe(true);
  });

  it('finds by the Chinese name and by the English name, labelled in the page’s language', () => {
    const zh = model.byId.get('PT-GANGXI')!.props as { name: string; name_en: string };
    expect(search(model, zh.name, [], 'zh-CN')[0]).toMatchObject({ id: 'PT-GANGXI', label: zh.name });
    expect(search(model, 'gangxi new', [], 'en')[0]).toMatchObject({ id: 'PT-GANGXI', label: zh.name_en });
  });

  it('finds people by tag and by role, at their place in local metres', () => {
    const [hit] = search(model, 'mainten', people, 'en');
    expect(hit).toMatchObject({ id: 'P-0007', subject: true, kind: 'person' });
    expect(hit.at[0]).toBeCloseTo(100, 3);
    expect(hit.at[1]).toBeCloseTo(200, 3);
    expect(search(model, 'P-0007', people, 'en')[0]).toMatchObject({ id: 'P-0007', label: '王伟 · 津港检修工程有限公司' });
    expect(search(model, '王伟', people, 'zh-CN')[0].id).toBe('P-0007'); // by name
    expect(search(model, '津港检修', people, 'zh-CN')[0].id).toBe('P-0007'); // by company
  });

  it('answers nothing to nothing, and at most the limit', () => {
    expect(search(model, '   ', people, 'en')).toEqual([]);
    expect(search(model, 't', [], 'en', 5)).toHaveLength(5);
  });
});
