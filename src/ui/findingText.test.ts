/**
 * Layout findings in Chinese: each kind of the demo park's findings reads as a Chinese sentence with
 * the names of its features and its numbers; English stays as the engines write it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { checkLayout } from '../geo/compliance/layoutChecks.ts';
import { DEFAULT_RULE_SETS } from '../geo/compliance/ruleSets.ts';
import { loadModel } from '../model/model.ts';
import { findingText } from './findingText.ts';
import { resources } from './i18n.ts';
import { liveStrings } from './i18nLive.ts';
import { propStrings } from './i18nProps.ts';

const r = loadModel(JSON.parse(readFileSync(path.join(import.meta.dirname, '../../public/parks/demo.geojson'), 'utf8')));
if (!r.ok) throw new Error('demo invalid');
const model = r.model;
const report = checkLayout(model, DEFAULT_RULE_SETS);

describe('findings in Chinese', async () => {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: 'zh-CN',
    resources: { 'zh-CN': { translation: { ...resources['zh-CN'].translation, ...liveStrings['zh-CN'], ...propStrings['zh-CN'] } } },
  });
  const zh = (check: string) => findingText(report.findings.find((f) => f.check === check)!, model, i18n.t, 'zh-CN');

  it('names the features and gives the numbers', () => {
    expect(zh('control-line.protected-target-inside')).toBe('港西新村（3500 人）位于周边土地规划安全控制线内');
    expect(zh('gb50074.6.5.dike-capacity')).toMatch(/^防火堤 .+ 有效容积 \d+ m³，小于最大储罐 .+ 的 5000 m³$/);
    expect(zh('gb50074.6.5.dike-height')).toMatch(/^防火堤 .+ 高 0\.5 m，低于 1 m$/);
    expect(zh('storage-base.four-systems')).toMatch(/^.+：紧急切断 仅 15\/16 座储罐配备（要求 100 %）$/);
  });

  it('every finding of the demo park reads without a Latin word but ids, units and standards', () => {
    for (const f of report.findings) {
      const text = findingText(f, model, i18n.t, 'zh-CN');
      // words with a small letter (ids and acronyms are capitals)
      const latin = (text.match(/[A-Za-z]*[a-z][A-Za-z]*/g) ?? []).filter((w) => w.length > 1);
      expect(latin, `${f.check}: ${text}`).toEqual([]);
    }
  });

  it('English is as the engines write it', () => {
    const f = report.findings[0];
    expect(findingText(f, model, i18n.t, 'en')).toBe(f.message);
  });
});
