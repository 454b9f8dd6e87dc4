/**
 * The plant view in real headless Chromium (WebGL through SwiftShader) against the real server:
 * the demo park is drawn — as many tanks, buildings and racks as the layout has — clicking a tank
 * opens its info, and the page asks nothing of any host but the server.
 */
import { describe, expect, it } from 'vitest';
import { browserOrSkip, inspect, inView, openPage, screenshot, useHarness } from './harness.ts';

const run = browserOrSkip();

describe.skipIf(!run)('plant view', () => {
  const h = useHarness();

  it('draws every tank, building and pipe rack of the demo park, with no request outside localhost', async () => {
    const { page, requests, errors } = await openPage(h, '/?lang=en');
    await expect.poll(async () => (await inspect(page)).layers.tank).toBe(h.server.model.ofKind('tank').length);
    const stats = await inspect(page);
    const counts = h.server.model;
    expect(stats.layers.tank).toBe(counts.ofKind('tank').length);
    expect(stats.layers.building).toBe(counts.ofKind('building').length);
    expect(stats.layers.pipe_rack).toBe(counts.ofKind('pipe_rack').length);
    // sensors are sub-pixel from afar and hidden there; close up they are all drawn
    expect(stats.layers.sensor).toBeUndefined();
    await page.selectOption('[data-testid=presets]', 'DK-PRD-1');
    await expect.poll(async () => (await inspect(page)).layers.sensor, { timeout: 10_000 }).toBe(counts.ofKind('sensor').length);
    expect(stats.drawCalls).toBeGreaterThan(10);
    expect(stats.drawCalls).toBeLessThanOrEqual(100); // batched: not one call per object
    expect(errors).toEqual([]);
    const outside = requests.filter((u) => !u.startsWith(h.base) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(outside).toEqual([]);
    await screenshot(page, 'plant-view-demo-en');
    await page.close();
  });

  it('opens the info panel with the responsible persons when a tank is clicked', async () => {
    const { page } = await openPage(h, '/?lang=en');
    const target = 'T-CRU-01';
    const xy = await inView(page, target);
    expect(xy).not.toBeNull();
    await page.mouse.click(xy![0], xy![1]);
    const panel = page.getByTestId('info-panel');
    await panel.waitFor({ timeout: 10_000 });
    expect(await panel.getAttribute('data-feature')).toBe(target);
    const text = (await panel.textContent()) ?? '';
    expect(text).toContain('Responsible persons');
    const tank = h.server.model.byId.get(target)!;
    expect(text).toContain((tank.props as { responsible: { principal: string } }).responsible.principal);
    expect(text).toContain('crude_oil');
    await screenshot(page, 'plant-view-tank-selected');
    await page.close();
  });

  it('speaks Chinese by default to a Chinese browser', async () => {
    const ctx = await h.browser.newContext({ locale: 'zh-CN', viewport: { width: 1600, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(h.base + '/');
    await page.waitForFunction(() => window.__parktwin?.ready === true, null, { timeout: 60_000 });
    const bar = await page.getByTestId('counts').innerText();
    expect(bar).toContain('储罐');
    expect(bar).not.toContain('Tanks');
    await screenshot(page, 'plant-view-demo-zh');
    await ctx.close();
  });
});
