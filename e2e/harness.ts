/**
 * Browser-test harness: the real server on a free port serving the built app, and headless
 * Chromium. Without a browser the tests skip loudly on a developer machine and fail in CI.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createApp, type ParktwinServer } from '../server/app.ts';
import { DEMO_LAYOUT, ROOT_DIR } from '../server/config.ts';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium } from './browser.ts';

export { globeSettled, startDrillFromPanel } from './browser.ts';

export const ARTIFACTS = path.join(ROOT_DIR, 'test-artifacts');

/** True when the browser tests can run; throws in CI when they cannot. */
export function browserOrSkip(): boolean {
  if (chromiumAvailable()) return true;
  const msg = `Chromium not found at ${CHROMIUM_PATH}: browser tests cannot run (apt-get install chromium)`;
  if (process.env.CI) throw new Error(msg);
  console.warn(`\n!!! ${msg}: SKIPPING browser tests !!!\n`);
  return false;
}

export interface Harness {
  server: ParktwinServer;
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startHarness(layoutFile = DEMO_LAYOUT): Promise<Harness> {
  const server = await createApp({ layoutFile, staticDir: path.join(ROOT_DIR, 'dist') });
  const port = await server.listen(0, '127.0.0.1');
  const browser = await launchChromium();
  return {
    server,
    base: `http://127.0.0.1:${port}`,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * A page that records every request, so tests can prove nothing leaves localhost. Each page has a
 * browser context (cookie jar) of its own: pages signed in as different demo roles stay apart.
 */
export async function openPage(h: Harness, url: string, viewport = { width: 1600, height: 900 }) {
  const page = await h.browser.newPage({ viewport }); // a new context per page (playwright's newPage)
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(h.base + url);
  await page.waitForFunction(() => window.__parktwin?.ready === true, null, { timeout: 60_000 });
  return { page, requests, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

export type { SceneStats } from '../src/protocol/testApi.ts';

export const inspect = (page: Page) => page.evaluate(() => window.__parktwin.inspect());

/**
 * Starts the harness before the tests of the calling describe block and stops it after; the
 * returned object's fields are set once beforeAll has run.
 */
export function useHarness(): Harness {
  const h = {} as Harness;
  beforeAll(async () => {
    Object.assign(h, await startHarness());
  });
  afterAll(() => h.close?.());
  return h;
}

/**
 * Waits until the plant view's camera has finished the flight last asked of it (a list row, a
 * preset or lookAt starts one) and returns where the feature is on the screen then.
 */
export async function flightEnded(page: Page, id: string): Promise<[number, number]> {
  await page.waitForFunction(() => window.__parktwin.cameraIdle(), null, { polling: 100, timeout: 10_000 });
  return (await page.evaluate((f) => window.__parktwin.screenPosition(f), id))!;
}

/**
 * Brings a feature into view (the camera flies to it, as choosing it in a list does) and returns
 * where it is on the screen once the flight has ended: signed in, the command panel covers the
 * left of the view, and a user clicks what they can see.
 */
export async function inView(page: Page, id: string): Promise<[number, number]> {
  await page.evaluate((f) => window.__parktwin.lookAt(f), id);
  return flightEnded(page, id);
}
