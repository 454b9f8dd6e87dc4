import { describe, expect, it } from 'vitest';
import { KINDS } from '../model/enums.ts';
import { resources } from './i18n.ts';

describe('kind names', () => {
  it('every kind of the layout format is named in both languages (the editor, the import dialog and the info panel show them)', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const names = resources[lang].translation.kind as Record<string, string>;
      for (const k of KINDS) expect(names[k], `${lang} kind.${k}`).toMatch(/\S/);
    }
  });
});
