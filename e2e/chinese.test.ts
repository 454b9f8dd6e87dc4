/**
 * The whole screen in Chinese (issue #19): walks the planner's tabs and the emergency tab with a
 * chlorine leak assessed, in a Chinese browser, and fails on any Latin word outside an allowed list —
 * ids, units, standard numbers, file formats and the names of the models' authors, which Chinese
 * engineers write in Latin letters too. (The command centre's other tabs are walked in
 * e2e/command-centre.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { browserOrSkip, openPage, screenshot, useHarness } from './harness.ts';

const run = browserOrSkip();

/** Words Chinese users read in Latin letters: file formats, models named after their authors, units and symbols. */
const ALLOWED = new Set([
  'GeoJSON',
  'CSV',
  'HTML',
  'JSON',
  'Britter',
  'McQuaid',
  'Babrauskas',
  'Thomas',
  'Mudan',
  'Pasquill',
  'Gifford',
  'Briggs',
  'Kinney',
  'Graham',
  'Baker',
  'Strehlow',
  'kg',
  'Cm',
  'ustar',
  'Pa',
  'kW',
  'min',
]);

/** The Latin words of a text that a Chinese reader would not expect. */
export function latinLeft(text: string): string[] {
  const stripped = text
    .replace(/\b[\w.-]+(?:\/[\w.-]+)+/g, ' ') // file paths: examples/risk-study.json
    .replace(/\b[A-Za-z0-9]+(?:[-_:.][A-Za-z0-9]+)+\b/g, ' ') // ids: T-LPG-01-GD1:HH, DK-REF-3
    .replace(/%LEL|\b(?:HH|LL|H|L|ppm|km|m|kPa|°C)\b/g, ' ') // levels and units
    .replace(/\bEsc\b/g, ' ');
  return [...new Set((stripped.match(/[A-Za-z]*[a-z][A-Za-z]*/g) ?? []).filter((w) => w.length >= 2 && !ALLOWED.has(w)))];
}

describe.skipIf(!run)('the screen in Chinese', () => {
  const h = useHarness();

  it('every tab of the planner speaks Chinese', async () => {
    const { page, errors } = await openPage(h, '/?lang=zh-CN&mode=planner', { width: 1700, height: 1000 });
    await page.getByTestId('planner-panel').waitFor();
    const left: string[] = [];
    for (const tab of ['checks', 'hazards', 'findings', 'risk']) {
      await page.getByTestId(`tab-${tab}`).click();
      await page.waitForFunction((k) => document.querySelector(`[data-testid=tab-${k}]`)?.classList.contains('active'), tab);
      for (const w of latinLeft(await page.innerText('[data-testid=planner-panel]'))) left.push(`${tab}: ${w}`);
    }
    expect(left).toEqual([]);
    await page.getByTestId('tab-findings').click();
    await screenshot(page, 'planner-findings-zh');
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('the emergency tab, a chlorine leak assessed, speaks Chinese', async () => {
    const { page, errors } = await openPage(h, '/?lang=zh-CN&demo=operator', { width: 1700, height: 1000 });
    await page.waitForSelector('[data-testid=connection][data-state=live]', { timeout: 20_000 });
    await page.click('[data-testid=tab-emergency]');
    expect(latinLeft(await page.innerText('[data-testid=command-panel]'))).toEqual([]);
    await page.fill('[data-testid=em-source]', 'T-CHL-01');
    await page.selectOption('[data-testid=em-kind]', 'toxic-leak');
    await page.fill('[data-testid=em-amount]', '2');
    await page.click('[data-testid=em-run]');
    await page.waitForSelector('[data-testid=footprint]', { timeout: 10_000 });
    const text = await page.innerText('[data-testid=command-panel]');
    expect(text).toContain('CCPS');
    expect(latinLeft(text)).toEqual([]);
    // and a fire: the pool-fire models' notes
    await page.fill('[data-testid=em-source]', 'T-CRU-01');
    await page.selectOption('[data-testid=em-kind]', 'pool-fire');
    await page.click('[data-testid=em-run]');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=em-basis]')?.textContent?.includes('池火') ||
        document.querySelector('[data-testid=em-basis]')?.textContent?.includes('火灾'),
      null,
      { timeout: 10_000 },
    );
    expect(latinLeft(await page.innerText('[data-testid=command-panel]'))).toEqual([]);
    await screenshot(page, 'emergency-fire-zh');
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
