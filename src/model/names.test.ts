import { describe, expect, it } from 'vitest';
import { displayName } from './names.ts';

describe('displayName', () => {
  it('English shows name_en, Chinese shows name; each falls back to the other, then to the fallback', () => {
    const both = { name: '园区医疗站', name_en: 'Park medical station' };
    expect(displayName(both, 'en', 'X')).toBe('Park medical station');
    expect(displayName(both, 'en-GB', 'X')).toBe('Park medical station');
    expect(displayName(both, 'zh-CN', 'X')).toBe('园区医疗站');
    expect(displayName({ name: '港滨大道' }, 'en', 'X')).toBe('港滨大道');
    expect(displayName({ name_en: 'Ring road' }, 'zh-CN', 'X')).toBe('Ring road');
    expect(displayName({ name: '', name_en: '' }, 'en', 'RD-7')).toBe('RD-7');
    expect(displayName(undefined, 'en', 'RD-7')).toBe('RD-7');
  });
});
