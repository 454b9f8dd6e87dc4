/**
 * Supervision tiers in real headless Chromium against the real server: the hazards tab lists each
 * enterprise's tier in force and the suggestion; an admin opens an enterprise, sets its tier with a
 * reason, and the enterprise's units take it (marked as set); going back to the suggestion restores
 * it; a viewer sees the tier and its history but no form; the duty roster takes an admin's record of a
 * paper check, and a turnaround raises its unit's tier. Screenshots in both languages.
 */
import { describe, expect, it } from 'vitest';
import { browserOrSkip, openPage, screenshot, useHarness } from './harness.ts';

const run = browserOrSkip();

describe.skipIf(!run)('supervision tiers', () => {
  const h = useHarness();
  const openHazards = async (role: string, lang: string) => {
    const r = await openPage(h, `/?lang=${lang}&demo=${role}`, { width: 1920, height: 1080 });
    await r.page.waitForSelector('[data-testid=connection][data-state=live]', { timeout: 20_000 });
    await r.page.click('[data-testid=tab-hazards]');
    await r.page.waitForSelector('[data-testid=enterprise-tier][data-enterprise=E-LPG]');
    return r;
  };

  it('an admin sets the LPG station’s tier with a reason; its units take it; back to the suggestion restores it', async () => {
    const { page, errors } = await openHazards('admin', 'en');
    expect(await page.getAttribute('[data-testid=enterprise-tier][data-enterprise=E-LPG]', 'data-tier')).toBe('red');
    await page.click('[data-testid=enterprise-tier][data-enterprise=E-LPG] button');
    await page.waitForSelector('[data-testid=supervision][data-source=suggested]');
    await page.selectOption('[data-testid=tier-choice]', 'yellow');
    expect(await page.isDisabled('[data-testid=tier-set]')).toBe(true); // a reason is required
    await page.fill('[data-testid=tier-reason]', 'Hidden hazards rectified; confirmed at the second inspection of 2026');
    await page.click('[data-testid=tier-set]');
    await page.waitForSelector('[data-testid=supervision][data-tier=yellow][data-source=decided]');
    await page.waitForSelector('[data-testid=enterprise-tier][data-enterprise=E-LPG][data-tier=yellow][data-source=decided]');
    // the LPG dikes (grade 1) now show the enterprise's tier, marked as set
    expect(await page.getAttribute('[data-unit=DK-LPG-1] .tier', 'class')).toContain('tier-yellow');
    expect(await page.getAttribute('[data-unit=DK-LPG-1] .tier', 'data-decided')).toBe('true');
    expect(await page.textContent('[data-testid=tier-history]')).toContain('Hidden hazards rectified');
    await screenshot(page, 'supervision-tier-set-en');
    await page.selectOption('[data-testid=tier-choice]', '');
    await page.fill('[data-testid=tier-reason]', 'Decision withdrawn after the audit');
    await page.click('[data-testid=tier-set]');
    await page.waitForSelector('[data-testid=supervision][data-tier=red][data-source=suggested]');
    expect(await page.locator('[data-testid=tier-history] li').count()).toBe(2);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('the duty roster of major hazard sources: an admin records a paper check; a turnaround raises its unit’s tier', async () => {
    const { page, errors } = await openHazards('admin', 'zh-CN');
    await page.waitForSelector('[data-testid=duty][data-unit=DK-LPG-1][data-role=operational][data-state=due]');
    await page.fill('[data-testid=duty-note]', '周检：球罐液位、压力、紧急切断阀');
    await page.click('[data-testid=duty][data-unit=DK-LPG-1][data-role=operational] [data-testid=duty-checkin]');
    await page.waitForSelector('[data-testid=duty][data-unit=DK-LPG-1][data-role=operational][data-state=done]');
    // a unit below red: its tier goes one step up while its turnaround is on
    const unit = await page.evaluate(() => {
      const row = [...document.querySelectorAll('[data-testid=hazard-unit]')].find((r) => !r.querySelector('.tier-red'));
      return row ? [row.getAttribute('data-unit')!, row.querySelector('.tier')!.className] : null;
    });
    expect(unit).not.toBeNull();
    const [id, before] = unit!;
    await page.click('[data-testid=turnaround-new]');
    await page.selectOption('[data-testid=turnaround-unit]', id);
    await page.fill('[data-testid=turnaround-note]', '年度大检修');
    await page.click('[data-testid=turnaround-submit]');
    await page.waitForSelector(`[data-testid=hazard-unit][data-unit="${id}"] .tier[data-raised=turnaround]`);
    const after = await page.getAttribute(`[data-testid=hazard-unit][data-unit="${id}"] .tier`, 'class');
    expect(after).toBe(before.includes('tier-yellow') ? 'tier tier-red' : 'tier tier-yellow');
    expect(await page.textContent('[data-testid=turnarounds]')).toContain('大检修');
    await page.locator('[data-testid=duties]').scrollIntoViewIfNeeded();
    await screenshot(page, 'duties-turnaround-zh');
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('a viewer sees the tier and its history in Chinese, without the form', async () => {
    const { page, errors } = await openHazards('viewer', 'zh-CN');
    await page.click('[data-testid=enterprise-tier][data-enterprise=E-LPG] button');
    await page.waitForSelector('[data-testid=supervision]');
    expect(await page.locator('[data-testid=tier-set]').count()).toBe(0);
    expect(await page.textContent('[data-testid=supervision]')).toContain('特别管控');
    await screenshot(page, 'supervision-tier-zh');
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
