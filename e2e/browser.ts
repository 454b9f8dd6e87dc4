/**
 * Headless Chromium for browser tests and benchmarks: Debian's /usr/bin/chromium driven by
 * playwright-core, WebGL through SwiftShader, no background network.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.PARKTWIN_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** Waits until the globe has drawn what it shows: its imagery tiles and entities loaded, the camera still. */
export async function globeSettled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const w = window as Window & { __globeLast?: string | null };
      const now = w.__parktwin?.geoSettled?.() ?? null; // undefined until the globe has registered
      const settled = now !== null && now === w.__globeLast;
      w.__globeLast = now;
      return settled;
    },
    null,
    { polling: 500, timeout: 60_000 },
  );
}

/**
 * On the planner's page: a tank placed by hand in the middle of four 40 m tanks of the demo's
 * products depot — T-PRD-07 (0, 0), T-PRD-08 (70, 0), T-PRD-11 (12, 58), T-PRD-12 (70, 58), local
 * metres from T-PRD-07 — made like T-PRD-06 (selected first), clicked 41 m east and 29 m north of
 * T-PRD-07. Resolves with the new tank's properties form (TANK-NEW-1), shown.
 */
export async function placeTankAmongFour(page: Page): Promise<Locator> {
  await page.getByTestId('tab-checks').click();
  await page.getByTestId('check-filter').fill('T-PRD-07');
  await page.locator('[data-testid=check-row][data-from="T-PRD-06"][data-to="T-PRD-07"]').first().click(); // selects T-PRD-06, flies to the pair
  await page.evaluate(() => window.__parktwin.lookAt('T-PRD-07')); // from further off: the spot east of it clear of the panels
  await page.waitForFunction(() => window.__parktwin.cameraIdle(), null, { polling: 100, timeout: 15_000 });
  await page.getByTestId('tab-edit').click();
  await page.getByTestId('place-start').click();
  const at = await page.evaluate(() => {
    const p = window.__parktwin.placeOf('T-PRD-07')!;
    return window.__parktwin.screenPositionOfPlace(p[0] + 41, p[1] + 29);
  });
  await page.mouse.click(at[0], at[1]);
  const form = page.locator('[data-testid=feature-form][data-feature="TANK-NEW-1"]');
  await form.waitFor({ timeout: 10_000 });
  return form;
}

/** The emergency tab with a scenario at an installation filled in: the source, the kind and the amount (a rate, a diameter; empty: the installation's own). */
export async function fillScenario(page: Page, source: string, kind: string, amount: string): Promise<void> {
  await page.click('[data-testid=tab-emergency]');
  await page.fill('[data-testid=em-source]', source);
  await page.selectOption('[data-testid=em-kind]', kind);
  await page.fill('[data-testid=em-amount]', amount);
}

/**
 * As a trainer on the emergency tab: a toxic leak of `rate_kg_s` at `source`, started as a drill;
 * resolves with the drill's id once the page has moved to it.
 */
export async function startDrillFromPanel(page: Page, source = 'T-CHL-01', rate_kg_s = 5): Promise<string> {
  await page.waitForSelector('[data-testid=connection][data-state=live]', { timeout: 20_000 });
  await fillScenario(page, source, 'toxic-leak', String(rate_kg_s));
  await Promise.all([page.waitForURL(/[?&]drill=/, { timeout: 10_000 }), page.click('[data-testid=em-drill]')]);
  return new URL(page.url()).searchParams.get('drill')!;
}
