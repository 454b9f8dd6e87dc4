/**
 * The command centre in real headless Chromium against the real server, fed through HTTP ingest:
 * a reading past HH shows an alarm in the panel and on the twin within 2 s; an operator
 * acknowledges it, a viewer cannot; a breach shows in the feed and on the map; headcounts match the
 * positions sent; a silent sensor turns to communication-lost; in Chinese no English is left in the
 * panels. Screenshots in both languages.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { aWaybill } from '../src/geo/__test__/waybill.ts';
import { browserOrSkip, inspect, openPage, screenshot, useHarness } from './harness.ts';

const run = browserOrSkip();

const sensorState = (page: Page, id: string) => page.evaluate((i) => window.__parktwin.sensorState(i), id);
const liveSubjects = (page: Page) => page.evaluate(() => window.__parktwin.liveSubjects());

describe.skipIf(!run)('command centre', () => {
  const h = useHarness();
  const token = (role: string) => h.server.users.find((u) => u.role === role)!.token;
  const ingest = (route: string, body: unknown) =>
    fetch(`${h.base}/api/ingest/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${h.server.ingestToken}` },
      body: JSON.stringify(body),
    });
  const at = (x: number, y: number) => {
    const [lon, lat] = h.server.model.frame.toLngLat([x, y]);
    return { lon, lat };
  };
  const openLive = async (role: string, lang = 'en') => {
    const r = await openPage(h, `/?lang=${lang}&demo=${role}`, { width: 1920, height: 1080 });
    await r.page.waitForSelector('[data-testid=connection][data-state=live]', { timeout: 20_000 });
    return r;
  };

  it('a reading past HH: an alarm in the panel and on the twin within 2 s; the operator acknowledges it', async () => {
    const { page, errors } = await openLive('operator');
    const sent = Date.now();
    expect((await ingest('readings', [{ sensor: 'T-LPG-01-GD1', value: 60, t: sent }])).status).toBe(200);
    await page.waitForSelector('[data-alarm="T-LPG-01-GD1:HH"][data-state=unacknowledged]', { timeout: 2000 });
    await page.waitForFunction(() => window.__parktwin.sensorState('T-LPG-01-GD1') === 'high_unack', null, { timeout: 2000 });
    expect(Date.now() - sent).toBeLessThan(2500);
    expect(Number(await page.getAttribute('[data-testid=kpi-alarmsHigh]', 'data-value'))).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'command-centre-alarm-en');
    await page.click('[data-alarm="T-LPG-01-GD1:HH"] [data-testid=ack]');
    await page.waitForSelector('[data-alarm="T-LPG-01-GD1:HH"][data-state=acknowledged]', { timeout: 3000 });
    expect(await sensorState(page, 'T-LPG-01-GD1')).toMatch(/^(high_ack|medium_unack)$/); // H (medium) is still unacknowledged
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('a viewer sees the alarms but cannot acknowledge (buttons disabled, and the API says 403)', async () => {
    expect((await ingest('readings', [{ sensor: 'T-LPG-02-GD1', value: 60, t: Date.now() }])).status).toBe(200);
    const { page } = await openLive('viewer');
    await page.waitForSelector('[data-alarm="T-LPG-02-GD1:HH"]', { timeout: 3000 });
    expect(await page.isDisabled('[data-alarm="T-LPG-02-GD1:HH"] [data-testid=ack]')).toBe(true);
    const status = await page.evaluate(
      async (tok) => (await fetch('/api/alarms/T-LPG-02-GD1:HH/ack', { method: 'POST', headers: { authorization: `Bearer ${tok}` } })).status,
      token('viewer'),
    );
    expect(status).toBe(403);
    await page.close();
  }, 60_000);

  it('a breach shows in the feed and on the map; headcounts match the positions sent; people are drawn', async () => {
    const { page } = await openLive('operator');
    await page.click('[data-testid=tab-events]');
    const t0 = Date.now();
    const walk = [2150, 2060, 1990, 1900].map((y, i) => ({ id: 'P-BREACH', kind: 'person', ...at(-2500, y), t: t0 - 4000 + i * 1000 }));
    expect((await ingest('positions', walk)).status).toBe(200);
    await page.waitForSelector('[data-testid=event][data-type="fence.breach"]', { timeout: 2000 });
    await page.waitForFunction(() => (window.__parktwin.liveSubjects()['event-place'] ?? 0) >= 1, null, { timeout: 2000 });
    expect(Number(await page.getAttribute('[data-testid=kpi-breachesToday]', 'data-value'))).toBeGreaterThanOrEqual(1);
    // three people well inside the refinery's hazardous area, and a hazchem truck
    const [cx, cy] = h.server.model.byId.get('Z-REF-UNITS')!.anchor;
    const now = Date.now();
    expect(
      (
        await ingest(
          'positions',
          [0, 1, 2]
            .map((i) => ({ id: `P-HC-${i}`, kind: 'person', role: 'operator', ...at(cx + i * 30, cy), t: now }))
            .concat([{ id: 'V-HZ-T', kind: 'vehicle', vehicle_class: 'hazchem', ...at(cx, cy - 600), t: now } as never]),
        )
      ).status,
    ).toBe(200);
    await page.click('[data-testid=tab-headcount]');
    await page.waitForSelector('[data-testid=headcount-row][data-zone=Z-REF-UNITS][data-count="3"]', { timeout: 5000 });
    await page.waitForFunction(() => (window.__parktwin.liveSubjects().person ?? 0) >= 4 && (window.__parktwin.liveSubjects().hazchem ?? 0) >= 1, null, {
      timeout: 5000,
    });
    const subjects = await liveSubjects(page);
    expect(subjects.person).toBe(4); // P-BREACH and the three
    expect(Number(await page.getAttribute('[data-testid=kpi-inHazard]', 'data-value'))).toBe(3);
    // the roster finds a person
    await page.click('[data-testid=tab-people]');
    await page.fill('[data-testid=roster-search]', 'P-HC-1');
    await page.waitForSelector('[data-testid=roster-item][data-id=P-HC-1]');
    await page.close();
  }, 60_000);

  it('a person whose only position was dropped on the way (the connection busy) is drawn all the same', async () => {
    const { page } = await openLive('operator');
    const before = (await liveSubjects(page)).person ?? 0;
    const [x, y] = h.server.model.byId.get('Z-REF-UNITS')!.anchor;
    // every connection busy with a write: the volatile batch is dropped, not queued
    const transports = [...h.server.io.of('/').sockets.values()].map((s) => s.conn.transport as { writable: boolean });
    for (const tr of transports) tr.writable = false;
    expect((await ingest('positions', [{ id: 'P-DROPPED', kind: 'person', ...at(x - 40, y), t: Date.now() }])).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    for (const tr of transports) tr.writable = true;
    // the next batch's count shows the gap; the page asks for the latest and draws both
    expect((await ingest('positions', [{ id: 'P-AFTER', kind: 'person', ...at(x + 40, y), t: Date.now() }])).status).toBe(200);
    await page.waitForFunction((n) => (window.__parktwin.liveSubjects().person ?? 0) >= n + 2, before, { timeout: 5000 });
    await page.click('[data-testid=tab-people]');
    await page.fill('[data-testid=roster-search]', 'P-DROPPED');
    await page.waitForSelector('[data-testid=roster-item][data-id=P-DROPPED]', { timeout: 3000 });
    await page.close();
  }, 60_000);

  it('a silent sensor turns to communication-lost on the twin and in the KPIs', async () => {
    const { page } = await openLive('operator');
    expect((await ingest('readings', [{ sensor: 'T-CRU-01-LT', value: 10, t: Date.now() }])).status).toBe(200);
    await page.waitForFunction(() => window.__parktwin.sensorState('T-CRU-01-LT') !== 'comm_lost', null, { timeout: 3000 }).catch(() => {});
    await h.server.live.tick(Date.now() + 3600_000); // an hour of silence
    await page.waitForFunction(() => window.__parktwin.sensorState('T-CRU-01-LT') === 'comm_lost', null, { timeout: 3000 });
    expect(Number(await page.getAttribute('[data-testid=kpi-commLost]', 'data-value'))).toBeGreaterThan(0);
    await page.close();
  }, 60_000);

  it('one search box finds a village by its Chinese name, a tank by id and a person by tag, and flies to each', async () => {
    const [x, y] = h.server.model.byId.get('Z-REF-UNITS')!.anchor;
    expect((await ingest('positions', [{ id: 'P-SEARCH', kind: 'person', role: 'safety', ...at(x, y), t: Date.now() }])).status).toBe(200);
    const { page, errors } = await openLive('viewer', 'zh-CN');
    const find = async (q: string, id: string) => {
      await page.fill('[data-testid=search]', q);
      await page.waitForSelector(`[data-testid=search-hit][data-id="${id}"]`);
      await page.keyboard.press('Enter');
      await page.waitForSelector(`[data-testid=info-panel][data-feature="${id}"]`, { timeout: 5000 }).catch(() => {});
      await page.waitForFunction(() => window.__parktwin.cameraIdle(), null, { timeout: 10_000 });
    };
    await find('港西新村', 'PT-GANGXI');
    expect(await page.getAttribute('[data-testid=info-panel]', 'data-feature')).toBe('PT-GANGXI');
    // its properties in Chinese: names and enumerated values, not the layout's keys
    expect(await page.innerText('[data-testid=info-panel] [data-prop=category]')).toMatch(/类别\s+居住区/);
    expect(await page.innerText('[data-testid=info-panel] [data-prop=gb36894_category]')).toContain('一般防护目标（一类）');
    await page.fill('[data-testid=search]', 't-lpg-01');
    await page.waitForSelector('[data-testid=search-hit][data-id="T-LPG-01"]');
    await screenshot(page, 'search-zh');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=info-panel][data-feature="T-LPG-01"]');
    await page.fill('[data-testid=search]', 'p-search');
    await page.waitForSelector('[data-testid=search-hit][data-id="P-SEARCH"]');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('what the camera flies to is seen in the part of the view the panels leave free, and the panel folds away', async () => {
    const { page, errors } = await openLive('viewer');
    /** Where the middle of the free part of the view is, from the panels on the page. */
    const freeCentre = () =>
      page.evaluate(() => {
        const c = document.querySelector('canvas')!.getBoundingClientRect();
        let left = 0;
        let right = 0;
        for (const p of document.querySelectorAll<HTMLElement>('.command, .planner, .info:not(.info-empty)')) {
          const r = p.getBoundingClientRect();
          if (!r.width) continue;
          if (r.left + r.width / 2 < c.left + c.width / 2) left = Math.max(left, r.right - c.left);
          else right = Math.max(right, c.right - r.left);
        }
        return c.left + left + (c.width - left - right) / 2;
      });
    const flyAndLand = async () => {
      await page.evaluate(() => window.__parktwin.lookAt('T-LPG-01'));
      await page.waitForFunction(() => window.__parktwin.cameraIdle(), null, { timeout: 10_000 });
    };
    await flyAndLand();
    const at = await page.evaluate(() => window.__parktwin.screenPosition('T-LPG-01'));
    expect(Math.abs(at![0] - (await freeCentre()))).toBeLessThan(4);
    await page.click('[data-testid=command-collapse]');
    await page.waitForSelector('[data-testid=command-panel][data-collapsed=true]');
    await flyAndLand();
    const folded = await page.evaluate(() => window.__parktwin.screenPosition('T-LPG-01'));
    expect(Math.abs(folded![0] - (await freeCentre()))).toBeLessThan(4);
    expect(folded![0]).toBeLessThan(at![0]); // with the panel folded the free part is wider, its middle further left
    await screenshot(page, 'command-centre-folded');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it("major hazards with tier and sensors in alarm; a sensor's live value and history chart; live tank levels; permits", async () => {
    const now = Date.now();
    for (let k = 5; k >= 0; k--) await ingest('readings', [{ sensor: 'T-LPG-03-GD1', value: k === 0 ? 60 : 2 + k, t: now - k * 31_000 }]);
    expect((await ingest('readings', [{ sensor: 'T-CRU-01-LT', value: 12.5, t: now }])).status).toBe(200);
    const { page } = await openLive('operator');
    await page.click('[data-testid=tab-hazards]');
    const row = await page.waitForSelector('[data-testid=hazard-unit]:not([data-alarm="0"])', { timeout: 3000 });
    expect(await row.innerText()).toMatch(/Special control|Key attention|General supervision/);
    expect(await page.locator('[data-testid=storage-base]').count()).toBeGreaterThan(0);
    // on the twin: units tinted by tier, the one in alarm marked
    const layers = (await inspect(page)).layers;
    expect((layers['live:tier-red'] ?? 0) + (layers['live:tier-yellow'] ?? 0) + (layers['live:tier-green'] ?? 0)).toBeGreaterThan(0);
    expect(layers['live:unit-alarm']).toBeGreaterThanOrEqual(1);
    // the alarm selects the installation its sensor watches; its sensors are listed with values; a sensor shows its chart
    await page.click('[data-testid=tab-alarms]');
    await page.click('[data-alarm="T-LPG-03-GD1:HH"] .alarm-main');
    await page.waitForSelector('[data-testid=watched-by]', { timeout: 3000 });
    await page.click('[data-testid=watched-by] button:has-text("T-LPG-03-GD1")');
    await page.waitForSelector('[data-testid=sensor-live] [data-testid=sensor-chart]', { timeout: 6000 });
    expect(await page.locator('[data-testid=sensor-chart] polyline').getAttribute('points')).toMatch(/ .* /); // several points
    await page.waitForFunction(() => (window.__parktwin.liveSubjects()['tank-level'] ?? 0) >= 1, null, { timeout: 3000 });
    await page.click('[data-testid=tab-permits]');
    expect(await page.locator('[data-testid=permit]').count()).toBe(
      h.server.model.ofKind('zone').filter((z) => z.props.purpose === 'hot_work' || z.props.purpose === 'confined_space').length,
    );
    await screenshot(page, 'command-centre-hazards-en');
    await page.close();
  }, 60_000);

  it('the globe shows the same live sensors (by state) and people', async () => {
    await ingest('readings', [{ sensor: 'T-LPG-04-GD1', value: 60, t: Date.now() }]);
    await ingest('positions', [{ id: 'P-GLOBE', kind: 'person', ...at(0, 0), t: Date.now() }]);
    const page = await h.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${h.base}/?lang=en&view=geo&demo=viewer`);
    await page.waitForFunction(() => window.__parktwin?.geoReady === true, null, { timeout: 90_000 });
    await page.waitForFunction(
      () => {
        const g = window.__parktwin.geoLive();
        return g.alarmed >= 1 && g.subjects >= 1;
      },
      null,
      { timeout: 10_000 },
    );
    const g = await page.evaluate(() => window.__parktwin.geoLive());
    expect(g.sensors).toBe(h.server.model.ofKind('sensor').length);
    await screenshot(page, 'command-centre-globe-en');
    await page.close();
  }, 120_000);

  it('in Chinese every label of the panels is Chinese; screenshots in both languages', async () => {
    const { page } = await openLive('operator', 'en');
    await page.waitForSelector('[data-testid=connection][data-state=live]', { timeout: 20_000 });
    await screenshot(page, 'command-centre-en');
    await page.click('[data-testid=lang]');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    const leftover: string[] = [];
    for (const tab of ['alarms', 'events', 'people', 'headcount', 'hazards', 'permits', 'resources']) {
      await page.click(`[data-testid=tab-${tab}]`);
      await page.waitForSelector(`[data-testid=tab-${tab}][aria-selected=true]`);
      const text = (await page.innerText('[data-testid=command-panel]')) + '\n' + (await page.innerText('[data-testid=kpis]'));
      const stripped = text
        .replace(/\b[A-Za-z0-9]+(?:[-_:][A-Za-z0-9]+)+\b/g, ' ') // ids: T-LPG-01-GD1:HH, P-HC-1, Z-REF-UNITS
        .replace(/%LEL|\b(?:HH|LL|H|L|ppm|km|m|kPa|°C)\b/g, ' ') // levels and units
        .replace(/\bEsc\b/g, ' '); // the key's name, as printed on keyboards
      // words with a lower-case letter: English labels (upper-case codes in the layout's own names, such as LNG, stay)
      for (const w of stripped.match(/[A-Za-z]*[a-z][A-Za-z]*/g) ?? []) if (w.length >= 2) leftover.push(`${tab}: ${w}`);
    }
    expect(leftover).toEqual([]);
    await page.click('[data-testid=tab-alarms]');
    await page.waitForSelector('[data-testid=tab-alarms][aria-selected=true]');
    await screenshot(page, 'command-centre-zh');
    await page.close();
  }, 90_000);

  it('a hazchem truck with a waybill comes in by the hazchem gate: its route is drawn, red once it leaves it; its cargo is an emergency’s source', async () => {
    const { page, errors } = await openLive('operator');
    const now = Date.now();
    const waybill = aWaybill(now, { id: 'WB-E2E-1', vehicle: '津A·66666危', valid_to: now + 3_600_000 });
    expect((await ingest('waybills', [waybill])).status).toBe(200);
    // through the hazchem gate, inward (from 40 m outside to 40 m inside, away from the park's centre)
    const gate = h.server.model.byId.get('G-06')!.anchor;
    const c = h.server.model.ofKind('park')[0].anchor;
    const [ux, uy] = [(gate[0] - c[0]) / Math.hypot(gate[0] - c[0], gate[1] - c[1]), (gate[1] - c[1]) / Math.hypot(gate[0] - c[0], gate[1] - c[1])];
    const truck = (x: number, y: number, t: number) => ({ id: 'V-E2E-1', kind: 'vehicle', vehicle_class: 'hazchem', name: '津A·66666危', ...at(x, y), t });
    expect((await ingest('positions', [truck(gate[0] + ux * 40, gate[1] + uy * 40, now)])).status).toBe(200);
    expect((await ingest('positions', [truck(gate[0] - ux * 40, gate[1] - uy * 40, now + 20_000)])).status).toBe(200);
    await expect.poll(async () => (await inspect(page)).layers['live:hazchem-routes'] ?? 0, { timeout: 10_000 }).toBe(1);
    await page.waitForSelector('.label-route:not(.off)', { timeout: 5000 });
    expect(await page.textContent('.label-route')).toContain('津A·66666危');
    // 400 m across from the gate, away from the roads: off the route
    expect((await ingest('positions', [truck(gate[0] - ux * 40 + uy * 400, gate[1] - uy * 40 - ux * 400, now + 40_000)])).status).toBe(200);
    await page.waitForSelector('.label-route.off', { timeout: 5000 });
    const offEvents = await (await fetch(`${h.base}/api/events?type=waybill.off_route`, { headers: { authorization: `Bearer ${token('viewer')}` } })).json();
    expect(offEvents.map((e: { subject: string }) => e.subject)).toEqual(['V-E2E-1']);
    // the truck's cargo as an emergency's source: chosen from the search box, a BLEVE of its 20 t of LPG where it stands
    await page.fill('[data-testid=search]', 'V-E2E-1');
    await page.click('[data-testid=search-hit][data-id="V-E2E-1"]');
    await page.click('[data-testid=tab-emergency]');
    await page.selectOption('[data-testid=em-kind]', 'bleve');
    await page.click('[data-testid=em-cargo]');
    expect(await page.inputValue('[data-testid=em-amount]')).toBe('20000');
    expect(await page.inputValue('[data-testid=em-substance]')).toBe('lpg');
    await page.click('[data-testid=em-run]');
    await page.waitForSelector('[data-testid=footprint]', { timeout: 5000 });
    expect(await page.locator('[data-testid=footprint]').count()).toBeGreaterThan(0);
    await screenshot(page, 'emergency-truck-bleve-en');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
