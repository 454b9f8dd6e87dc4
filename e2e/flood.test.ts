/**
 * The alarm list under a flood (issue #19), in real headless Chromium against the real server: a dozen
 * gas detectors of the fine-chemicals works go into alarm within a minute — an EEMUA 191 flood in
 * that enterprise — and the list folds their medium-priority alarms under one banner while the
 * high-priority one stays listed, named by sensor, installation and enterprise — also on a page opened
 * after the flood began. Both languages.
 */
import { describe, expect, it } from 'vitest';
import { browserOrSkip, openPage, screenshot, useHarness } from './harness.ts';

const run = browserOrSkip();

describe.skipIf(!run)('an alarm flood', () => {
  const h = useHarness();

  it('folds only the less important alarms; the high-priority one stays in view', async () => {
    const detectors = h.server.model
      .ofKind('sensor')
      .filter((s) => s.id.startsWith('U-FIN-') && s.props.type === 'combustible_gas')
      .map((s) => s.id);
    expect(detectors.length).toBe(12);
    const [high, ...medium] = detectors;
    const now = Date.now();
    // eleven detectors at 25 %LEL (past H = 20: medium priority), one at 55 (past HH = 40: high)
    const r = await fetch(`${h.base}/api/ingest/readings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${h.server.ingestToken}` },
      body: JSON.stringify([...medium.map((sensor) => ({ sensor, value: 25, t: now })), { sensor: high, value: 55, t: now }]),
    });
    expect(r.status).toBe(200);
    for (const lang of ['zh-CN', 'en']) {
      const { page, errors } = await openPage(h, `/?lang=${lang}&demo=operator`, { width: 1700, height: 1000 });
      await page.waitForSelector('[data-testid=connection][data-state=live]', { timeout: 20_000 });
      await page.waitForSelector('[data-testid=flood][data-area=E-FIN]', { timeout: 10_000 });
      // the high-priority alarm is listed, the medium ones are not (they are under the banner)
      const listed = await page.locator('[data-testid=alarm-list] [data-testid=alarm]').evaluateAll((els) => els.map((e) => e.getAttribute('data-sensor')));
      expect(listed).toContain(high);
      for (const s of medium) expect(listed).not.toContain(s);
      const row = await page.innerText(`[data-testid=alarm-list] [data-testid=alarm][data-sensor="${high}"]`);
      expect(row).toContain(lang === 'en' ? 'Ganghua Fine Chemicals' : '港华精细化工');
      expect(await page.innerText('[data-testid=flood][data-area=E-FIN]')).toContain('11');
      // the fine-chemicals plants are no major hazard source (S < 1): the KPI of major hazards in alarm stays at 0
      expect(await page.getAttribute('[data-testid=kpi-majorInAlarm]', 'data-value')).toBe('0');
      expect(await page.getAttribute('[data-testid=kpi-alarmsHigh]', 'data-value')).toBe('1');
      await screenshot(page, `alarm-flood-${lang === 'en' ? 'en' : 'zh'}`);
      // the banner opens to the folded alarms
      await page.click('[data-testid=flood][data-area=E-FIN] .flood-banner');
      expect(await page.locator('[data-testid=flood][data-area=E-FIN] [data-testid=alarm]').count()).toBe(11);
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 120_000);
});
