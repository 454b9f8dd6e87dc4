/**
 * The app under its Content-Security-Policy (served by the real server, as in production): the
 * plant view, the geo view with Cesium's workers and WebAssembly, and a drill page run without one
 * CSP violation — each one is caught by a `securitypolicyviolation` listener installed before the
 * page's own scripts, and by the console.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserOrSkip, globeSettled, inView, screenshot, startDrillFromPanel, useHarness } from './harness.ts';

const run = browserOrSkip();
type W = { __csp: string[] };

/** A page that records every CSP violation from its first script on. */
async function watched(h: ReturnType<typeof useHarness>, url: string) {
  const page = await h.browser.newPage({ viewport: { width: 1600, height: 900 } });
  const violations: string[] = [];
  await page.addInitScript(() => {
    const w = window as unknown as W;
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  page.on('worker', (w) => w.evaluate(() => 0).catch(() => {}));
  const response = await page.goto(h.base + url);
  await page.waitForFunction(() => window.__parktwin?.ready === true, null, { timeout: 60_000 });
  const all = async () => [...violations, ...(await page.evaluate(() => (window as unknown as W).__csp))];
  return { page, response, all };
}

const geo = async (page: Page) => {
  await page.getByTestId('view-geo').click();
  await page.waitForFunction(() => window.__parktwin?.geoReady === true, null, { timeout: 90_000 });
  await globeSettled(page); // imagery tiles decoded in workers, draco / basis WebAssembly
};

describe.skipIf(!run)('Content-Security-Policy', () => {
  const h = useHarness();

  it('the page is served with a strict policy: no inline or remote script, no framing, no plugins', async () => {
    const r = await fetch(h.base + '/');
    const csp = r.headers.get('content-security-policy')!;
    const directive = (name: string) =>
      csp
        .split(';')
        .map((d) => d.trim())
        .find((d) => d.startsWith(`${name} `)) ?? '';
    expect(directive('script-src')).not.toMatch(/unsafe-inline|https?:|\*/);
    expect(directive('default-src')).toBe("default-src 'self'");
    expect(directive('object-src')).toBe("object-src 'none'");
    expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('the plant view, the geo view (Cesium, its workers and WebAssembly) and selecting on the globe raise no violation', async () => {
    const { page, all } = await watched(h, '/?lang=en&demo=operator');
    await page.waitForSelector('[data-testid=connection][data-state=live]', { timeout: 20_000 });
    const xy = await inView(page, 'T-CRU-01');
    await page.mouse.click(xy[0], xy[1]);
    await page.getByTestId('info-panel').waitFor();
    await geo(page);
    await screenshot(page, 'csp-geo-view');
    expect(await all()).toEqual([]);
    await page.close();
  });

  it('a drill page (its own socket namespace, banner and emergency view) raises no violation', async () => {
    const { page, all } = await watched(h, '/?lang=en&demo=trainer');
    await startDrillFromPanel(page);
    await page.waitForFunction(() => window.__parktwin?.ready === true, null, { timeout: 60_000 });
    await page.waitForSelector('[data-testid=drill-banner][data-state=running]', { timeout: 20_000 });
    await page.click('[data-testid=tab-emergency]');
    await page.waitForSelector('[data-testid=em-basis]', { timeout: 10_000 });
    await geo(page);
    expect(await all()).toEqual([]);
    // and a violation that happens is seen: an inline script, blocked and reported
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.head.append(s);
    });
    await expect.poll(async () => (await all()).length).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { __inline?: number }).__inline)).toBeUndefined();
    await page.close();
  });
});
