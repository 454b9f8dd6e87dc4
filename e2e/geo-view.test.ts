/**
 * The geo view (Cesium) in real headless Chromium: the demo park on the globe, offline (no request
 * beyond the server), loaded only when opened, sharing the selection with the plant view, and
 * drawing the planner's violations.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserOrSkip, globeSettled, inView, openPage, screenshot, useHarness } from './harness.ts';

const run = browserOrSkip();
const waitGeo = (page: Page) => page.waitForFunction(() => window.__parktwin?.geoReady === true, null, { timeout: 90_000 });

describe.skipIf(!run)('geo view', () => {
  const h = useHarness();

  it('draws the demo park on the globe, offline', async () => {
    const page = await h.browser.newPage({ viewport: { width: 1600, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${h.base}/?lang=en&view=geo`);
    await waitGeo(page);
    await globeSettled(page);
    const counts = await page.evaluate(() => window.__parktwin.geoCounts());
    const m = h.server.model;
    for (const kind of ['tank', 'building', 'process_unit', 'enterprise', 'zone', 'protected_target', 'road', 'gate', 'fence', 'park'] as const) {
      expect(counts[kind], kind).toBe(m.ofKind(kind).length);
    }
    expect(requests.filter((u) => !u.startsWith(h.base) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
    expect(requests.some((u) => u.includes('/cesium/Assets/Textures/NaturalEarthII/'))).toBe(true);
    await screenshot(page, 'geo-view-demo-en');
    await page.close();
  });

  it('is not loaded until it is opened: the plant view fetches no Cesium', async () => {
    const { page, requests } = await openPage(h, '/?lang=en');
    await page.waitForFunction(() => document.querySelector('canvas') !== null);
    expect(requests.filter((u) => /GeoView|\/cesium\//.test(u))).toEqual([]);
    await page.getByTestId('view-geo').click();
    await waitGeo(page);
    expect(requests.some((u) => /GeoView/.test(u))).toBe(true);
    await page.close();
  });

  it('keeps the selection when switching views, and shows both in split screen', async () => {
    const { page } = await openPage(h, '/?lang=en');
    const xy = await inView(page, 'T-CRU-01');
    await page.mouse.click(xy[0], xy[1]);
    await page.getByTestId('info-panel').waitFor();
    expect(await page.getByTestId('info-panel').getAttribute('data-feature')).toBe('T-CRU-01');
    await page.getByTestId('view-geo').click();
    await waitGeo(page);
    expect(await page.evaluate(() => window.__parktwin.geoSelected())).toBe('T-CRU-01');
    expect(await page.getByTestId('info-panel').getAttribute('data-feature')).toBe('T-CRU-01');
    await page.getByTestId('view-split').click();
    await waitGeo(page);
    expect(await page.locator('canvas').count()).toBeGreaterThanOrEqual(2);
    expect(await page.evaluate(() => window.__parktwin.geoSelected())).toBe('T-CRU-01');
    await globeSettled(page);
    await screenshot(page, 'split-view-selected');
    await page.close();
  });

  it("adds the park's own imagery and 3D Tiles from the URL", async () => {
    const page = await h.browser.newPage({ viewport: { width: 1200, height: 700 } });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const tile = page.waitForRequest((r) => /\/tiles\/\d+\/\d+\/\d+\.png$/.test(r.url()), { timeout: 60_000 });
    const tileset = page.waitForRequest(`${h.base}/oblique/tileset.json`, { timeout: 60_000 });
    await page.goto(
      `${h.base}/?lang=en&view=geo&imagery=${encodeURIComponent(`${h.base}/tiles/{z}/{x}/{y}.png`)}&tiles=${encodeURIComponent(`${h.base}/oblique/tileset.json`)}`,
    );
    await waitGeo(page);
    await Promise.all([tile, tileset]);
    expect(requests.filter((u) => !u.startsWith(h.base) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
    await page.close();
  });

  it('draws the planner violations on the globe', async () => {
    const page = await h.browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.goto(`${h.base}/?lang=en&view=geo&mode=planner`);
    await waitGeo(page);
    const ids = await page.evaluate(() => window.__parktwin.geoChecks());
    expect(ids).toContain('check:gb50160.t6.2.8.floating-roof|T-PRD-06|T-PRD-07');
    expect(ids.filter((i) => i.endsWith('|PT-GANGXI')).length).toBe(6);
    await globeSettled(page);
    await screenshot(page, 'geo-view-planner');
    await page.close();
  });
});
