/**
 * The screenshots of the README and docs/ as a user sees the app: the demo park with the built-in
 * simulator running (as `npm start` serves it — readings coming in, trucks and people moving, not
 * every sensor communication-lost), in headless Chromium, written to docs/images/<name>.png. What a
 * shot shows beyond the simulator's park (an alarm, a flood, the wind, people by a tank) is sent to
 * the ingest routes as a plant would send it, and held while the shot is taken.
 *
 *   npm run build && npm run screenshots            # all of them
 *   npm run screenshots -- geo-view-en planner-en   # some
 *
 * Each shot waits for what it shows (signed in and live, the first frame, the simulator's readings,
 * the globe's tiles) and fails loudly when it does not come.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { fillScenario, globeSettled, launchChromium, placeTankAmongFour, startDrillFromPanel } from '../e2e/browser.ts';
import { createApp, type ParktwinServer } from '../server/app.ts';
import { DEMO_LAYOUT, ROOT_DIR } from '../server/config.ts';

const OUT = path.join(ROOT_DIR, 'docs/images');
const DIST = path.join(ROOT_DIR, 'dist');

interface Ctx {
  server: ParktwinServer;
  base: string;
  browser: Browser;
  /** Takes the shot of the page (or of one element of it), now. */
  take(page: Page, part?: Locator): Promise<void>;
  /** Takes a further shot under another name (a shot that walks through several states). */
  takeAs(name: string, page: Page): Promise<void>;
}

/** A page signed in as a demo role, live, its first frame drawn and the camera still. */
async function open(c: Ctx, query: string, viewport = { width: 1600, height: 900 }, plant = true): Promise<Page> {
  // the browser's own language as the user's (dates and times in native inputs follow it)
  const page = await c.browser.newPage({ viewport, locale: /lang=zh/.test(query) ? 'zh-CN' : 'en-US' });
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

/**
 * Sends `body` to an ingest route now and every 250 ms until the returned stop is called: what the
 * shot shows held against the simulator, which would otherwise bring it back with its next message.
 */
function hold(c: Ctx, route: string, body: () => unknown): () => void {
  void ingest(c, route, body()).catch(() => {});
  const timer = setInterval(() => void ingest(c, route, body()).catch(() => {}), 250);
  return () => clearInterval(timer);
}

/** Runs `shot` with the held messages sent, stopping them afterwards whatever happens. */
async function holding<T>(stops: (() => void)[], shot: () => Promise<T>): Promise<T> {
  try {
    return await shot();
  } finally {
    for (const stop of stops) stop();
  }
}

/** A place `dx`, `dy` metres from a feature's anchor, as a position message's lon/lat. */
function near(c: Ctx, id: string, dx: number, dy: number) {
  const [x, y] = c.server.model.byId.get(id)!.anchor;
  const [lon, lat] = c.server.model.frame.toLngLat([x + dx, y + dy]);
  return { lon, lat };
}

/** The wind towards a feature from another (3 m/s, stability D), as a weather message. */
function windTowards(c: Ctx, from: string, to: string) {
  const [sx, sy] = c.server.model.byId.get(from)!.anchor;
  const [tx, ty] = c.server.model.byId.get(to)!.anchor;
  const towards = (Math.atan2(tx - sx, ty - sy) * 180) / Math.PI;
  return () => ({ wind_speed_m_s: 3, wind_from_deg: Math.round((towards + 540) % 360), stability: 'D', t: Date.now() });
}

const NORTH_WIND = () => ({ wind_speed_m_s: 3, wind_from_deg: 0, stability: 'D', t: Date.now() });

/** The page once `made`, shot whole. */
async function shot(c: Ctx, made: Promise<Page>): Promise<Page> {
  const page = await made;
  await c.take(page);
  return page;
}

/** A shot of the whole page `make` brings to the state it shows. */
const whole = (make: (c: Ctx) => Promise<Page>) => (c: Ctx) => shot(c, make(c));

/** The emergency tab: a scenario at an installation, run. */
async function emergency(page: Page, source: string, kind: 'toxic-leak' | 'pool-fire', amount = '') {
  await fillScenario(page, source, kind, amount);
  await page.click('[data-testid=em-run]');
  await page.waitForSelector('[data-testid=footprint]', { timeout: 10_000 });
}

/** The fine-chemicals works' gas detectors in a flood: eleven past H (medium), one past HH (high). */
function flood(c: Ctx) {
  const detectors = c.server.model
    .ofKind('sensor')
    .filter((s) => s.id.startsWith('U-FIN-') && s.props.type === 'combustible_gas')
    .map((s) => s.id);
  return () => detectors.map((sensor, i) => ({ sensor, value: i === 0 ? 55 : 25, t: Date.now() }));
}

/** Three workers by the crude tank, named, for the pool fire's "who must act". */
function crudeWorkers(c: Ctx) {
  return () =>
    [60, 90, 130].map((d, i) => ({
      id: `P-PF-${i + 1}`,
      kind: 'person',
      ...near(c, 'T-CRU-01', d, 10 * i),
      t: Date.now(),
      name: ['李强', '张军', '刘洋'][i],
      company: '渤海原油储备库',
    }));
}

/** Two people downwind (south) of the chlorine tanks, for the leak under a north wind. */
function chlorineWorkers(c: Ctx) {
  return () => [
    { id: 'P-CL-1', kind: 'person', ...near(c, 'T-CHL-01', 5, -150), t: Date.now(), name: '王磊', company: '渤化氯碱' },
    { id: 'P-CL-2', kind: 'person', ...near(c, 'T-CHL-01', -10, -400), t: Date.now(), name: '赵敏', company: '渤化氯碱' },
  ];
}

/** The chlorine leak in the split view (the twin and the globe), footprints drawn on both. */
async function chlorineSplit(c: Ctx, lang: 'en' | 'zh-CN'): Promise<Page> {
  const page = await open(c, `lang=${lang}&demo=operator&view=split`, { width: 1920, height: 1080 });
  await emergency(page, 'T-CHL-01', 'toxic-leak', '2');
  await page.waitForSelector('[data-testid=em-person][data-id=P-CL-2]', { timeout: 10_000 });
  await page.waitForFunction(() => window.__parktwin?.geoReady === true, null, { timeout: 90_000 });
  await page.waitForFunction(() => window.__parktwin.geoLive().footprints === 3, null, { timeout: 30_000 });
  await globeSettled(page);
  await settle(page);
  return page;
}

/** The pool fire at the crude tank with its workers, the "who must act" list in view. */
async function poolFire(c: Ctx, lang: 'en' | 'zh-CN'): Promise<Page> {
  const page = await open(c, `lang=${lang}&demo=operator`, { width: 1700, height: 1000 });
  await emergency(page, 'T-CRU-01', 'pool-fire');
  await page.waitForSelector('[data-testid=em-group][data-id=P-PF-1]', { timeout: 10_000 });
  await page.locator('[data-testid=em-groups]').scrollIntoViewIfNeeded();
  await settle(page);
  return page;
}

/** Gangdong Community (PT-09) told to shelter from a chlorine cloud blown onto it. */
async function shelter(c: Ctx, lang: 'en' | 'zh-CN'): Promise<Page> {
  const page = await open(c, `lang=${lang}&demo=operator`, { width: 1700, height: 1000 });
  await emergency(page, 'T-CHL-01', 'toxic-leak', '2');
  const row = page.locator('[data-testid=em-group][data-id=PT-09][data-action=shelter]');
  await row.waitFor({ timeout: 10_000 });
  await row.scrollIntoViewIfNeeded();
  await settle(page);
  return page;
}

/** The alarm list under a flood in the fine-chemicals works. */
async function alarmFlood(c: Ctx, lang: 'en' | 'zh-CN'): Promise<Page> {
  const page = await open(c, `lang=${lang}&demo=operator`, { width: 1700, height: 1000 });
  await page.waitForSelector('[data-testid=flood][data-area=E-FIN]', { timeout: 20_000 });
  await settle(page);
  return page;
}

/** The search box with its hits for a query. */
async function search(c: Ctx, lang: 'en' | 'zh-CN', query: string, hit: string): Promise<Page> {
  const page = await open(c, `lang=${lang}&demo=viewer`);
  await page.fill('[data-testid=search]', query);
  await page.waitForSelector(`[data-testid=search-hit][data-id="${hit}"]`, { timeout: 10_000 });
  await settle(page, 500);
  return page;
}

/** The command panel folded away. */
async function folded(c: Ctx, lang: 'en' | 'zh-CN'): Promise<Page> {
  const page = await open(c, `lang=${lang}&demo=operator`);
  await page.click('[data-testid=command-collapse]');
  await page.waitForSelector('[data-testid=command-panel][data-collapsed=true]');
  await page.evaluate(() => window.__parktwin.lookAt('T-LPG-01'));
  await page.waitForFunction(() => window.__parktwin.cameraIdle(), null, { timeout: 15_000 });
  await settle(page);
  return page;
}

/** The permits tab with the demo's permits. */
async function permits(c: Ctx, lang: 'en' | 'zh-CN'): Promise<Page> {
  const page = await open(c, `lang=${lang}&demo=operator`, { width: 1700, height: 1000 });
  await page.click('[data-testid=tab-permits]');
  await page.waitForSelector('[data-testid=filed-permit]', { timeout: 20_000 });
  await settle(page);
  return page;
}

/** The planner's page (English, signed in as the demo planner) on one of its tabs. */
async function plannerTab(c: Ctx, tab: string): Promise<Page> {
  const page = await open(c, 'lang=en&mode=planner&demo=planner');
  await page.getByTestId('planner-panel').waitFor();
  await page.getByTestId(tab).click();
  return page;
}

/** The planner's individual-risk tab with the example study, flown to the village over its limit. */
async function plannerRisk(c: Ctx): Promise<Page> {
  const page = await plannerTab(c, 'tab-risk');
  await page.setInputFiles('[data-testid=risk-study]', path.join(ROOT_DIR, 'examples/risk-demo.json'));
  await page.waitForSelector('[data-testid=risk-status][data-state=done]', { timeout: 90_000 });
  await page.click('[data-testid=risk-row][data-id=PT-GANGXI]');
  await page.waitForFunction(() => window.__parktwin.cameraIdle(), null, { timeout: 15_000 });
  await settle(page);
  return page;
}

/** The planner's edit tab with the example DXF site plan dropped on it: the import dialog, nothing applied yet. */
async function importDialog(c: Ctx): Promise<Page> {
  const page = await plannerTab(c, 'tab-edit');
  await page.getByTestId('import-crs').fill('EPSG:4527');
  await page
    .getByTestId('import-file')
    .setInputFiles([path.join(ROOT_DIR, 'examples/site-plan-cgcs2000.dxf'), path.join(ROOT_DIR, 'examples/site-plan-map.json')]);
  await page.getByTestId('import-layers').waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => /\d+ features/.test(document.querySelector('[data-testid=import-accept]')?.textContent ?? ''), null, { timeout: 30_000 });
  return page;
}

/** The video event the analytics shots show: an intrusion by the refinery's tank group, with a still. */
const intrusion = () => ({
  camera: 'DK-REF-1-CCTV',
  kind: 'intrusion',
  t: Date.now(),
  confidence: 0.93,
  label: '2 人',
  snapshot: { media_type: 'image/jpeg', data_base64: readFileSync(path.join(ROOT_DIR, 'public/video/demo/b.jpg')).toString('base64') },
});

/** A video panel's picture playing (a frame decoded). */
const playing = (page: Page, camera: string) =>
  page.waitForFunction(
    (cam) => (document.querySelector<HTMLVideoElement>(`[data-testid=video-panel][data-camera="${cam}"] video`)?.readyState ?? 0) >= 2,
    camera,
    {
      timeout: 30_000,
    },
  );

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
  'alarm-flood-zh': (c) => holding([hold(c, 'readings', flood(c))], () => shot(c, alarmFlood(c, 'zh-CN'))),
  'alarm-flood-en': (c) => holding([hold(c, 'readings', flood(c))], () => shot(c, alarmFlood(c, 'en'))),
  'search-zh': whole((c) => search(c, 'zh-CN', '港西', 'PT-GANGXI')),
  'search-en': whole((c) => search(c, 'en', 't-lpg-0', 'T-LPG-01')),
  'panel-folded-zh': whole((c) => folded(c, 'zh-CN')),
  'panel-folded-en': whole((c) => folded(c, 'en')),
  'supervision-tier-en': async (c) => {
    const page = await open(c, 'lang=en&demo=admin', { width: 1920, height: 1080 });
    await page.click('[data-testid=tab-hazards]');
    await page.click('[data-testid=enterprise-tier][data-enterprise=E-LPG] button');
    await page.waitForSelector('[data-testid=supervision]');
    await page.selectOption('[data-testid=tier-choice]', 'yellow');
    await page.fill('[data-testid=tier-reason]', 'Hidden hazards rectified; confirmed at the second inspection of 2026');
    await page.click('[data-testid=tier-set]');
    await page.waitForSelector('[data-testid=enterprise-tier][data-enterprise=E-LPG][data-tier=yellow][data-source=decided]', { timeout: 10_000 });
    await settle(page);
    await c.take(page);
    // back to the suggestion, so the shots after this one see the demo as it was
    await page.selectOption('[data-testid=tier-choice]', '');
    await page.fill('[data-testid=tier-reason]', 'Back to the suggestion');
    await page.click('[data-testid=tier-set]');
    await page.waitForSelector('[data-testid=supervision][data-source=suggested]', { timeout: 10_000 });
    return page;
  },
  'duties-zh': async (c) => {
    const page = await open(c, 'lang=zh-CN&demo=admin', { width: 1920, height: 1080 });
    await page.click('[data-testid=tab-hazards]');
    const duties = page.locator('[data-testid=duties]');
    await duties.waitFor({ timeout: 10_000 });
    await duties.scrollIntoViewIfNeeded();
    await settle(page);
    await c.take(page);
    return page;
  },
  'permits-zh': whole((c) => permits(c, 'zh-CN')),
  'permits-en': whole((c) => permits(c, 'en')),
  'video-alarm-en': async (c) => {
    const page = await open(c, 'lang=en&demo=operator', { width: 1920, height: 1080 });
    // raised after the page is live (an alarm from before it connected opens no camera)
    return holding([hold(c, 'readings', () => [{ sensor: 'T-LPG-02-GD1', value: 60, t: Date.now() }])], async () => {
      const panel = page.locator('[data-testid=video-panel][data-reason="alarm.unacknowledged"]').first();
      await panel.waitFor({ timeout: 15_000 });
      await playing(page, (await panel.getAttribute('data-camera'))!);
      await page.evaluate(() => window.__parktwin.lookAt('DK-LPG-1'));
      await page.waitForFunction(() => window.__parktwin.cameraIdle(), null, { timeout: 15_000 });
      await settle(page);
      await c.take(page);
      return page;
    });
  },
  'video-analytics-zh': async (c) => {
    const page = await open(c, 'lang=zh-CN&demo=operator', { width: 1920, height: 1080 });
    await ingest(c, 'video', intrusion());
    await page.waitForSelector('[data-testid=video-panel][data-camera="DK-REF-1-CCTV"]', { timeout: 10_000 });
    await playing(page, 'DK-REF-1-CCTV');
    await page.click('[data-testid=tab-alarms]');
    await page.waitForSelector('[data-alarm="DK-REF-1-CCTV:H"]', { timeout: 10_000 });
    await page.click('[data-camera="DK-REF-1-CCTV"] [data-testid=video-pin]');
    await settle(page);
    await c.take(page);
    return page;
  },
  'video-feed-zh': async (c) => {
    const page = await open(c, 'lang=zh-CN&demo=operator', { width: 1920, height: 1080 });
    await ingest(c, 'video', intrusion());
    await page.click('[data-testid=tab-events]');
    await page.selectOption('[data-testid=event-type]', 'video');
    await page.waitForFunction(() => (document.querySelector<HTMLImageElement>('[data-testid=event-snapshot]')?.naturalWidth ?? 0) > 0, null, {
      timeout: 10_000,
    });
    await settle(page);
    await c.take(page);
    return page;
  },
  'emergency-chlorine-en': (c) => holding([hold(c, 'weather', NORTH_WIND), hold(c, 'positions', chlorineWorkers(c))], () => shot(c, chlorineSplit(c, 'en'))),
  'emergency-chlorine-zh': (c) => holding([hold(c, 'weather', NORTH_WIND), hold(c, 'positions', chlorineWorkers(c))], () => shot(c, chlorineSplit(c, 'zh-CN'))),
  'emergency-over-time-zh': (c) =>
    holding([hold(c, 'weather', NORTH_WIND), hold(c, 'positions', chlorineWorkers(c))], async () => {
      const page = await open(c, 'lang=zh-CN&demo=operator', { width: 1920, height: 1080 });
      await emergency(page, 'T-CHL-01', 'toxic-leak', '2');
      await page.click('[data-testid=em-person][data-id=P-CL-2] button', { timeout: 10_000 });
      await page.waitForSelector('[data-testid=em-over-time]', { timeout: 10_000 });
      await page.waitForFunction(() => window.__parktwin.cameraIdle(), null, { timeout: 15_000 });
      await settle(page);
      await c.take(page);
      return page;
    }),
  'emergency-pool-fire-zh': (c) => holding([hold(c, 'weather', NORTH_WIND), hold(c, 'positions', crudeWorkers(c))], () => shot(c, poolFire(c, 'zh-CN'))),
  'emergency-pool-fire-en': (c) => holding([hold(c, 'weather', NORTH_WIND), hold(c, 'positions', crudeWorkers(c))], () => shot(c, poolFire(c, 'en'))),
  'emergency-shelter-zh': (c) => holding([hold(c, 'weather', windTowards(c, 'T-CHL-01', 'PT-09'))], () => shot(c, shelter(c, 'zh-CN'))),
  'emergency-shelter-en': (c) => holding([hold(c, 'weather', windTowards(c, 'T-CHL-01', 'PT-09'))], () => shot(c, shelter(c, 'en'))),
  'planner-risk-en': whole((c) => plannerRisk(c)),
  'planner-fn-en': async (c) => {
    const page = await plannerRisk(c);
    await c.take(page, page.getByTestId('societal'));
    return page;
  },
  'planner-fn-zh': async (c) => {
    const page = await plannerRisk(c);
    await page.getByTestId('lang').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=fn-verdict]')?.textContent?.startsWith('周边'), null, { timeout: 10_000 });
    await settle(page, 500);
    await c.take(page, page.getByTestId('societal'));
    return page;
  },
  // a chlorine drill (also writes drill-zh and drill-debrief-en): the trainer's page, the detector
  // by the tank in alarm in the drill, then in Chinese, then the debrief when the trainer ends it
  'drill-en': (c) =>
    holding([hold(c, 'weather', NORTH_WIND)], async () => {
      const page = await open(c, 'lang=en&demo=trainer', { width: 1600, height: 900 });
      const drill = await startDrillFromPanel(page, 'T-CHL-01', 5);
      await page.waitForFunction(() => window.__parktwin?.ready === true, null, { timeout: 60_000 });
      await page.waitForSelector('[data-testid=drill-banner][data-state=running] [data-testid=drill-what]', { timeout: 20_000 });
      await page.click('[data-testid=tab-alarms]');
      const alarm = page.locator('[data-testid=alarm][data-alarm*="T-CHL-01-GD"]').first();
      await alarm.waitFor({ timeout: 60_000 });
      await settle(page);
      await c.take(page);
      await page.click('[data-testid=lang]');
      await page.waitForFunction(() => document.querySelector('[data-testid=drill-banner]')?.textContent?.startsWith('培训演练'), null, { timeout: 5000 });
      await settle(page);
      await c.takeAs('drill-zh', page);
      await page.click('[data-testid=lang]');
      // an operator joins the drill and acknowledges its alarm (the debrief counts the response)
      const operator = await open(c, `lang=en&demo=operator&drill=${encodeURIComponent(drill)}`);
      await operator.waitForSelector('[data-testid=drill-banner][data-state=running]', { timeout: 20_000 });
      await operator.click('[data-testid=tab-alarms]');
      const theirs = operator.locator('[data-testid=alarm][data-alarm*="T-CHL-01-GD"][data-state=unacknowledged]').first();
      await theirs.waitFor({ timeout: 20_000 });
      const id = (await theirs.getAttribute('data-alarm'))!;
      await theirs.locator('[data-testid=ack]').click();
      await operator.waitForSelector(`[data-testid=alarm][data-alarm="${id}"][data-state=acknowledged]`, { timeout: 10_000 });
      await operator.context().close();
      // the trainer ends the drill and reads the debrief
      await page.click('[data-testid=drill-end]');
      await page.waitForSelector('[data-testid=drill-report]', { timeout: 15_000 });
      await settle(page);
      await c.takeAs('drill-debrief-en', page);
      return page;
    }),
  'geo-view-en': async (c) => {
    const page = await open(c, 'lang=en&demo=operator&view=geo', undefined, false);
    await page.waitForFunction(() => window.__parktwin?.geoReady === true, null, { timeout: 90_000 });
    await globeSettled(page);
    await settle(page);
    await c.take(page);
    return page;
  },
};

// the planner's shots last: the versions shot saves a new version of the layout
Object.assign(SHOTS, {
  'planner-import-en': async (c: Ctx) => {
    const page = await importDialog(c);
    await settle(page);
    await c.take(page);
    return page;
  },
  // a tank added by hand between four others (like T-PRD-06, 20 m across): its spacing checked at once
  'planner-edit-en': async (c: Ctx) => {
    const page = await plannerTab(c, 'tab-checks');
    const form = await placeTankAmongFour(page);
    await form.getByTestId('field-name').fill('新建 9 号罐');
    await form.getByTestId('field-diameter_m').fill('20');
    await form.getByTestId('field-capacity_m3').fill('5000');
    await form.getByTestId('field-inventory_t').fill('1500');
    await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('[data-testid=feature-apply]')?.disabled, null, { timeout: 10_000 });
    await form.getByTestId('feature-apply').click();
    await page.getByTestId('tab-checks').click();
    await page.getByTestId('check-filter').fill('TANK-NEW-1');
    await page.getByTestId('only-violations').check();
    await page.locator('[data-testid=check-row][data-to="TANK-NEW-1"]').first().waitFor({ timeout: 10_000 });
    await settle(page);
    await c.take(page);
    return page;
  },
  // the site plan imported and saved as version 2: the versions tab
  'planner-versions-en': async (c: Ctx) => {
    const page = await importDialog(c);
    await page.getByTestId('import-accept').click();
    await page.getByTestId('import-done').waitFor({ timeout: 30_000 });
    await page.getByTestId('version-comment').fill('导入南侧罐区总图');
    await page.getByTestId('save-version').click();
    await page.waitForFunction(() => /version \d+/.test(document.querySelector('[data-testid=save-version-result]')?.textContent ?? ''), null, {
      timeout: 30_000,
    });
    await page.getByTestId('tab-versions').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=version-row]').length >= 2, null, { timeout: 15_000 });
    await settle(page);
    await c.take(page);
    return page;
  },
} satisfies Record<string, (c: Ctx) => Promise<Page>>);

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
      const shoot = async (to: string, p: Page | Locator) => {
        await p.screenshot({ path: to });
        process.stdout.write(`${path.relative(ROOT_DIR, to)}\n`);
      };
      const take = (p: Page, part?: Locator) => shoot(file, part ?? p);
      const takeAs = (other: string, p: Page) => shoot(path.join(OUT, `${other}.png`), p);
      const page = await SHOTS[name]({ server, base, browser, take, takeAs });
      await page.context().close();
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
