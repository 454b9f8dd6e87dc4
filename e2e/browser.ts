/**
 * Headless Chromium for browser tests and benchmarks: Debian's /usr/bin/chromium driven by
 * playwright-core, WebGL through SwiftShader, no background network.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

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
