import { describe, expect, it } from 'vitest';
import { liveStrings } from './i18nLive.ts';
import { note, NOTES_EN, type NoteKey } from '../geo/notes.ts';

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('notes', () => {
  it('fill the English template with their values', () => {
    expect(note('noPoolRate', { substance: 'toluene' }).text).toBe('no pool burning rate for toluene: 0.05 kg/(m² s), kβ 2 /m assumed');
  });
  it('every Chinese template takes the same values as the English one', () => {
    const zh = liveStrings['zh-CN'].emergency.notes as Record<NoteKey, string>;
    for (const k of Object.keys(NOTES_EN) as NoteKey[]) expect(placeholders(zh[k]), k).toEqual(placeholders(NOTES_EN[k]));
  });
});
