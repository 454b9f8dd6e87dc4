/**
 * The README's screenshots as a user sees the app: the demo park with the built-in simulator running
 * (as `npm start` serves it — readings coming in, trucks and people moving, not every sensor
 * communication-lost), in headless Chromium, written to docs/images/<name>.png.
 *
 *   npm run build && npm run screenshots            # all of them
 *   npm run screenshots -- geo-view-en planner-en   # some
 *
 * Each shot waits for what it shows (signed in and live, the first frame, the simulator's readings,
 * the globe's tiles) and fails loudly when it does not come.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { globeSettled, launchChromium } from '../e2e/browser.ts';
import { createApp, type ParktwinServer } from '../server/app.ts';
import { DEMO_LAYOUT, ROOT_DIR } from '../server/config.ts';

const OUT = path.join(ROOT_DIR, 'docs/images');
const DIST = path.join(ROOT_DIR, 'dist');

interface Ctx {
  server: ParktwinServer;
  base: string;
  browser: Browser;
  /** Takes the shot of the page, now. */
  take(page: Page): Promise<void>;
}

/** A page signed in as a demo role, live, its first frame drawn and the camera still. */
async function open(c: Ctx, query: string, viewport = { width: 1600, height: 900 }, plant = true): Promise<Page> {
  const page = await c.browser.newPage({ viewport });
  await page.goto(`${c.base}/?${query}`);
  if (plant) await page.waitForFunction(() => window.__parktwin?.ready === true, null, { timeout: 60_000 });
  await page.waitForSelector('[data-testid=connection][data-state=live]', { timeout: 30_000 });
  if (plant) await page.waitForFunction(() => window.__parktwin.cameraIdle(), null, { timeout: 15_000 });
  return page;
}

const ingest = (c: Ctx, route: string, body: unknown) =>
  fetch(`${c.base}/api/ingest/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${c.server.ingestToken}` },
    body: JSON.stringify(body),
  }).then((r) => {
    if (!r.ok) throw new Error(`ingest ${route}: ${r.status}`);
  });

const settle = (page: Page, ms = 1500) => page.waitForTimeout(ms);

const SHOTS: Record<string, (c: Ctx) => Promise<Page>> = {
  'plant-view-zh': async (c) => {
    const page = await open(c, 'lang=zh-CN&demo=viewer');
    await settle(page);
    await c.take(page);
    return page;
  },
  'command-centre-zh': async (c) => {
    const page = await open(c, 'lang=zh-CN&demo=operator', { width: 1920, height: 1080 });
    await settle(page, 2500);
    await c.take(page);
    return page;
  },
  'command-centre-alarm-en': async (c) => {
    const page = await open(c, 'lang=en&demo=operator', { width: 1920, height: 1080 });
    // the detector held in alarm (the simulator would bring it back with its next reading)
    const hold = setInterval(() => void ingest(c, 'readings', [{ sensor: 'T-LPG-01-GD1', value: 60, t: Date.now() }]).catch(() => {}), 250);
    try {
      await page.waitForSelector('[data-alarm="T-LPG-01-GD1:HH"][data-state=unacknowledged]', { timeout: 10_000 });
      await settle(page);
      await c.take(page);
    } finally {
      clearInterval(hold);
    }
    return page;
  },
  'plant-view-selected-en': async (c) => {
    const page = await open(c, 'lang=en&demo=viewer');
    await page.evaluate(() => window.__parktwin.lookAt('T-CRU-01'));
    await page.waitForFunction(() => window.__parktwin.cameraIdle(), null, { timeout: 15_000 });
    const xy = await page.evaluate(() => window.__parktwin.screenPosition('T-CRU-01'));
    if (!xy) throw new Error('T-CRU-01 is not in view');
    await page.mouse.click(xy[0], xy[1]);
    await page.getByTestId('info-panel').waitFor({ timeout: 10_000 });
    await settle(page);
    await c.take(page);
    return page;
  },
  'planner-en': async (c) => {
    const page = await open(c, 'lang=en&mode=planner&demo=planner');
    await page.getByTestId('planner-panel').waitFor();
    await page.getByTestId('only-violations').check();
    await page.waitForSelector('[data-testid=dim-label]', { timeout: 10_000 });
    await settle(page);
    await c.take(page);
    return page;
  },
  'geo-view-en': async (c) => {
    const page = await open(c, 'lang=en&demo=operator&view=geo', undefined, false);
    await page.waitForFunction(() => window.__parktwin?.geoReady === true, null, { timeout: 90_000 });
    await globeSettled(page);
    await settle(page);
    await c.take(page);
    return page;
  },
};

async function main() {
  if (!existsSync(path.join(DIST, 'index.html'))) throw new Error('no build in dist/: run `npm run build` first');
  const wanted = process.argv.slice(2);
  for (const w of wanted) if (!SHOTS[w]) throw new Error(`no screenshot called ${w}; there are ${Object.keys(SHOTS).join(', ')}`);
  const server = await createApp({ layoutFile: DEMO_LAYOUT, staticDir: DIST, dbFile: ':memory:', simulator: true });
  const base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  const browser = await launchChromium();
  try {
    // the simulator's readings in before the first shot: sensors live, not communication-lost
    for (let i = 0; i < 60 && server.live.status(Date.now()).commLost.length > 20; i++) await new Promise((r) => setTimeout(r, 500));
    for (const name of wanted.length ? wanted : Object.keys(SHOTS)) {
      const file = path.join(OUT, `${name}.png`);
      const page = await SHOTS[name]({ server, base, browser, take: (p) => p.screenshot({ path: file }).then(() => {}) });
      await page.context().close();
      process.stdout.write(`${path.relative(ROOT_DIR, file)}\n`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => {
  process.stderr.write(`screenshots: ${(e as Error).message}\n`);
  process.exit(1);
});
