import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { liveStrings } from './i18nLive.ts';
import { note, NOTES_EN, type NoteKey } from '../geo/notes.ts';
import { ROLES } from '../protocol/roles.ts';

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('notes', () => {
  it('fill the English template with their values', () => {
    expect(note('noPoolRate', { substance: 'toluene' }).text).toBe('no pool burning rate for toluene: 0.05 kg/(m² s), kβ 2 /m assumed');
  });
  it('every Chinese template takes the same values as the English one', () => {
    const zh = liveStrings['zh-CN'].emergency.notes as Record<NoteKey, string>;
    // the English names where the pressure came from in words (fromText); the Chinese nests its
    // own words for the code (from): $t(emergency.pressureFrom.{{from}})
    const en = (k: NoteKey) => placeholders(NOTES_EN[k].replace('{{fromText}}', '{{from}}'));
    for (const k of Object.keys(NOTES_EN) as NoteKey[]) expect(placeholders(zh[k]), k).toEqual(en(k));
  });
  it('a leak through a hole reads in Chinese with where its pressure came from', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'zh-CN', resources: { 'zh-CN': { translation: liveStrings['zh-CN'] }, en: { translation: liveStrings.en } } });
    const n = note('releaseLiquid', { hole: 25, p: 569, from: 'vapour', fromText: 'its vapour pressure at 20 °C', head: 0, rate: 6.1, cd: 0.61, flash: 18 });
    expect(i18n.t(`emergency.notes.${n.key}`, n.params)).toBe(
      '经 25 mm 孔泄漏，压力 569 kPa（表压，20 °C 饱和蒸气压），孔上液位 0 米：6.1 kg/s（伯努利公式，Cd 0.61）；闪蒸 18%，全部计入气云',
    );
    expect(i18n.t(`emergency.notes.${n.key}`, { ...n.params, lng: 'en' })).toBe(n.text);
    expect(n.text).toBe(
      'leak through a 25 mm hole at 569 kPa(g) (its vapour pressure at 20 °C), 0 m of liquid above it: 6.1 kg/s (Bernoulli, Cd 0.61); 18 % flashes to vapour, all of it taken into the cloud',
    );
  });
});

describe('roles', () => {
  it('every role a user can have is named in both languages (the header shows it)', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const names = liveStrings[lang].role as Record<string, string>;
      for (const role of ROLES) expect(names[role], `${lang} role.${role}`).toMatch(/\S/);
    }
  });
});
