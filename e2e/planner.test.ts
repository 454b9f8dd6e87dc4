/**
 * Planner mode in real headless Chromium on the demo park: the deliberate violations of
 * docs/demo-park.md are listed; dragging a tank re-checks it while dragging; undo restores it; a
 * risk study loaded from a file is summed in a worker, its iso-risk lines drawn, its targets listed.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import path from 'node:path';
import { ARTIFACTS, browserOrSkip, flightEnded, inspect, openPage, screenshot, useHarness } from './harness.ts';

const run = browserOrSkip();

const rowsOf = (page: Page) =>
  page.$$eval('[data-testid=check-row]', (rows) =>
    rows.map((r) => ({
      from: r.getAttribute('data-from'),
      to: r.getAttribute('data-to'),
      rule: r.getAttribute('data-rule'),
      ok: r.getAttribute('data-ok') === 'true',
      actual: Number(r.getAttribute('data-actual')),
    })),
  );

describe.skipIf(!run)('planner', () => {
  const h = useHarness();

  it('lists the deliberate violations of the demo park', async () => {
    const { page, errors } = await openPage(h, '/?lang=en&mode=planner');
    await page.getByTestId('planner-panel').waitFor();
    await page.getByTestId('only-violations').check();
    const bad = await rowsOf(page);
    const pairs = bad.map((r) => `${r.from}|${r.to}`);
    expect(pairs).toContain('T-PRD-06|T-PRD-07');
    expect(pairs).toContain('B-REF-FCC-SHIFT|U-REF-FCC');
    expect(pairs.filter((p) => p.endsWith('|PT-GANGXI')).length).toBe(6);
    expect(bad.every((r) => !r.ok)).toBe(true);
    // dimension lines with labels on the twin for the violations
    await page.waitForSelector('[data-testid=dim-label][data-pair="B-REF-FCC-SHIFT|U-REF-FCC"]', { timeout: 10_000 }); // labels mount a frame after their lines
    const labels = await page.$$eval('[data-testid=dim-label]', (l) => l.map((x) => x.getAttribute('data-pair')));
    expect(labels).toContain('T-PRD-06|T-PRD-07');
    expect(labels).toContain('T-LPG-05|PT-GANGXI');
    expect(labels).toContain('B-REF-FCC-SHIFT|U-REF-FCC');
    await page.getByTestId('tab-findings').click();
    const findings = await page.$$eval('[data-testid=findings] li', (li) =>
      li.map((l) => l.getAttribute('data-check') + ' ' + (l.querySelector('.ids')?.textContent ?? '')),
    );
    for (const want of [
      'bans.labour-intensive-enterprise E-LOG',
      'gb50074.6.5.dike-capacity DK-REF-3',
      'gb50074.6.5.dike-height DK-REF-3',
      'layout.occupied-room-in-unit B-REF-FCC-SHIFT',
      'storage-base.four-systems E-CRU, T-CRU-16',
    ]) {
      expect(
        findings.some((f) => f.startsWith(want)),
        want,
      ).toBe(true);
    }
    await page.getByTestId('tab-hazards').click();
    expect(await page.locator('[data-testid=hazard-row][data-grade="1"]').count()).toBeGreaterThan(0);
    await page.getByTestId('tab-checks').click();
    // the table fits the panel: its last column (the margin) inside it, the long rule ids wrapping
    const fits = await page.evaluate(() => {
      const panel = document.querySelector('[data-testid=planner-panel]')!.getBoundingClientRect();
      const last = [...document.querySelectorAll('table.checks th')].at(-1)!.getBoundingClientRect();
      return { right: last.right, panel: panel.right, width: last.width };
    });
    expect(fits.width).toBeGreaterThan(0);
    expect(fits.right, JSON.stringify(fits)).toBeLessThanOrEqual(fits.panel);
    await screenshot(page, 'planner-violations');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('re-checks a dragged tank while dragging, and undo puts it back', async () => {
    const { page } = await openPage(h, '/?lang=en&mode=planner');
    await page.getByTestId('check-filter').fill('T-PRD-07');
    const row = page.locator('[data-testid=check-row][data-from="T-PRD-06"][data-to="T-PRD-07"][data-rule="gb50160.t6.2.8.floating-roof"]');
    await row.click(); // flies to the pair
    await flightEnded(page, 'T-PRD-07');
    expect(Number(await row.getAttribute('data-actual'))).toBeCloseTo(6, 1);
    const xy = await page.evaluate(() => window.__parktwin.screenPosition('T-PRD-07'));
    expect(xy).not.toBeNull();
    const [x, y] = xy!;
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(x + i * 8, y, { steps: 2 });
    // still dragging: the check already follows the tank
    const during = Number(await row.getAttribute('data-actual'));
    expect(during).toBeGreaterThan(8);
    await screenshot(page, 'planner-dragging');
    await page.mouse.up();
    await expect.poll(async () => Number(await row.getAttribute('data-actual'))).toBeGreaterThan(8);
    await page.getByTestId('undo').click();
    await expect.poll(async () => Number(await row.getAttribute('data-actual'))).toBeCloseTo(6, 1);
    await page.close();
  });

  it('exports CSV and saves the edited layout as a file', async () => {
    const { page } = await openPage(h, '/?lang=en&mode=planner');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const text = await (await csv.createReadStream()).toArray();
    expect(Buffer.concat(text).toString('utf8')).toMatch(/^from,to,rule,required_m,actual_m,margin_m,ok,verified,citation\r\n/);
    const [html] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-html').click()]);
    expect(Buffer.concat(await (await html.createReadStream()).toArray()).toString('utf8')).toContain('<h2>Distance violations</h2>');
    const [layout] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-layout').click()]);
    const saved = JSON.parse(Buffer.concat(await (await layout.createReadStream()).toArray()).toString('utf8'));
    expect(saved.type).toBe('FeatureCollection');
    expect(saved.features.length).toBe(h.server.model.features.length);
    await page.close();
  });

  it('individual risk: a study from a file, summed in a worker; targets against GB 36894, iso-risk lines on the plant view', async () => {
    const { page, errors } = await openPage(h, '/?lang=en&mode=planner');
    await page.getByTestId('planner-panel').waitFor();
    await page.getByTestId('tab-risk').click();
    await page.setInputFiles('[data-testid=risk-study]', path.join(import.meta.dirname, '../examples/risk-demo.json'));
    await page.waitForSelector('[data-testid=risk-status][data-state=done]', { timeout: 60_000 });
    expect(await page.innerText('[data-testid=risk-status]')).toBe('risk-demo.json: 1 of 24 protected targets over the GB 36894 limit (new installations)');
    const rows = await page.$$eval('[data-testid=risk-row]', (trs) => trs.map((r) => [r.getAttribute('data-id'), r.getAttribute('data-ok')]));
    expect(rows).toHaveLength(24);
    expect(rows[0]).toEqual(['PT-GANGXI', 'false']); // worst first
    await expect.poll(async () => (await inspect(page)).layers['planner:iso-risk'] ?? 0, { timeout: 5000 }).toBe(2); // 3e-7 and 3e-6 reach the ground
    // the risk tab scrolls inside the planner panel: the page itself never scrolls (the top bar stays)
    await page.mouse.move(200, 700);
    await page.mouse.wheel(0, 2000);
    expect(await page.evaluate(() => [document.scrollingElement!.scrollTop, document.body.scrollTop])).toEqual([0, 0]);
    expect(await page.evaluate(() => document.querySelector('.topbar')!.getBoundingClientRect().top)).toBe(0);
    // a row flies to its target: the village over its limit, the 3·10⁻⁷ line passing over it
    await page.click('[data-testid=risk-row][data-id=PT-GANGXI]');
    await flightEnded(page, 'PT-GANGXI');
    await screenshot(page, 'planner-risk-en');
    // societal risk: the F–N curve of the same study among the people around, against GB 36894's criterion
    const societal = page.getByTestId('societal');
    expect(await societal.getAttribute('data-region')).toBe('alarp');
    expect(await page.innerText('[data-testid=fn-verdict]')).toMatch(/^Societal risk among the \d+ people around: as low as reasonably practicable \(ALARP\)$/);
    expect(Number(await page.getByTestId('fn-chart').getAttribute('data-points'))).toBeGreaterThan(5);
    expect(await page.innerText('[data-testid=fn-among]')).toMatch(/^Most of the deaths there among .+ \d+%/);
    expect(await page.$$eval('[data-testid=fn-curve]', (l) => l[0].getAttribute('points')!.split(' ').length)).toBeGreaterThan(10);
    await societal.screenshot({ path: path.join(ARTIFACTS, 'planner-fn-en.png') });
    // and in Chinese
    await page.getByTestId('lang').click();
    await expect.poll(() => page.innerText('[data-testid=fn-verdict]')).toMatch(/^周边 \d+ 人的社会风险：尽可能降低区（ALARP）$/);
    await societal.screenshot({ path: path.join(ARTIFACTS, 'planner-fn-zh.png') });
    await page.getByTestId('lang').click();
    // a study that is wrong says where
    await page.setInputFiles('[data-testid=risk-study]', {
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ scenarios: [], weather: [] })),
    });
    await page.waitForSelector('[data-testid=risk-status][data-state=error]', { timeout: 30_000 });
    expect(await page.innerText('[data-testid=risk-status]')).toMatch(/^scenarios: /);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
