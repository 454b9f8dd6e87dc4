/**
 * The emergency view in real headless Chromium against the real server: with the weather set over
 * HTTP (wind from the north) and people placed downwind of the chlorine storage, an operator starts
 * a chlorine leak at T-CHL-01 and sees the footprints on the twin and the globe, the people inside
 * them, and their routes to assembly points.
 */
import { describe, expect, it } from 'vitest';
import { scenarioFootprints } from '../src/geo/risk/emergency.ts';
import { groupAnswers } from '../src/geo/risk/groups.ts';
import { browserOrSkip, inspect, openPage, screenshot, useHarness } from './harness.ts';

const run = browserOrSkip();

describe.skipIf(!run)('emergency view', () => {
  const h = useHarness();
  const post = (route: string, body: unknown) =>
    fetch(`${h.base}/api/ingest/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${h.server.ingestToken}` },
      body: JSON.stringify(body),
    });

  it('a chlorine leak: footprints, the people inside, routes to assembly points; then an ammonia release at a place, a tank fire leaning with the wind, saved as GeoJSON; a leak given by its hole', async () => {
    const now = Date.now();
    expect((await post('weather', { wind_speed_m_s: 3, wind_from_deg: 0, stability: 'D', t: now })).status).toBe(200);
    const [sx, sy] = h.server.model.byId.get('T-CHL-01')!.anchor;
    const at = (x: number, y: number) => {
      const [lon, lat] = h.server.model.frame.toLngLat([x, y]);
      return { lon, lat };
    };
    // two people 150 and 400 m downwind (south), one 300 m upwind
    expect(
      (
        await post('positions', [
          { id: 'P-CL-1', kind: 'person', ...at(sx + 5, sy - 150), t: now },
          { id: 'P-CL-2', kind: 'person', ...at(sx - 10, sy - 400), t: now },
          { id: 'P-CL-UP', kind: 'person', ...at(sx, sy + 300), t: now },
        ])
      ).status,
    ).toBe(200);
    const { page, errors } = await openPage(h, `/?lang=en&demo=operator&view=split`, { width: 1920, height: 1080 });
    await page.waitForSelector('[data-testid=connection][data-state=live]', { timeout: 20_000 });
    await page.click('[data-testid=tab-emergency]');
    await page.fill('[data-testid=em-source]', 'T-CHL-01');
    await page.selectOption('[data-testid=em-kind]', 'toxic-leak');
    await page.fill('[data-testid=em-amount]', '2');
    await page.click('[data-testid=em-run]');
    await page.waitForSelector('[data-testid=footprint]', { timeout: 5000 });
    expect(await page.locator('[data-testid=footprint]').count()).toBe(3);
    expect(await page.innerText('[data-testid=em-basis]')).toMatch(
      /^Britter–McQuaid dense plume .*2 kg\/s released at 239 K \(3\.61 kg\/m³\), wind 3 m\/s from 0°; .* σ set ccps, stability D$/,
    );
    await page.waitForSelector('[data-testid=em-person][data-id=P-CL-1]', { timeout: 5000 });
    const people = await page.locator('[data-testid=em-person]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect(people).toEqual(expect.arrayContaining(['P-CL-1', 'P-CL-2']));
    expect(people).not.toContain('P-CL-UP');
    expect(await page.innerText('[data-testid=em-person][data-id=P-CL-1]')).toMatch(/→ .+ \(Z-AP-\d+\)/);
    // who must act: each group with its action, when the cloud arrives and the way out
    await page.waitForSelector('[data-testid=em-group][data-id=P-CL-1]');
    expect(await page.getAttribute('[data-testid=em-group][data-id=P-CL-1]', 'data-action')).toMatch(/^(leave|shelter)$/);
    const row = await page.innerText('[data-testid=em-group][data-id=P-CL-1]');
    expect(row, row).toMatch(/\d+ m · \d+ (min|s)$/);
    expect(await page.innerText('[data-testid=em-groups-summary]')).toMatch(/people must leave .* shelter in place/);
    await screenshot(page, 'emergency-groups-en');
    // the nearest emergency resources by road, with the drive
    expect(await page.locator('[data-testid=em-resource]').first().innerText()).toMatch(/: [\d.]+ km by road, about \d+ min$/);
    // a walkthrough in time: one minute after the leak began the plume has gone 180 m (3 m/s), so
    // P-CL-1 (150 m downwind) is inside and P-CL-2 (400 m) not yet; then back to the steady state
    await page.selectOption('[data-testid=em-elapsed]', '60');
    await page.waitForFunction(() => document.querySelector('[data-testid=em-front]')?.textContent?.includes('180 m'), null, { timeout: 5000 });
    await page.waitForFunction(() => !document.querySelector('[data-testid=em-person][data-id=P-CL-2]'), null, { timeout: 5000 });
    expect(await page.locator('[data-testid=em-person][data-id=P-CL-1]').count()).toBe(1);
    expect(await page.locator('[data-testid=footprint]').allInnerTexts()).toEqual([
      expect.stringMatching(/: 180 m$/),
      expect.stringMatching(/: 180 m$/),
      expect.stringMatching(/: 180 m$/),
    ]);
    await page.selectOption('[data-testid=em-elapsed]', '');
    await page.waitForSelector('[data-testid=em-person][data-id=P-CL-2]', { timeout: 5000 });
    expect(await page.locator('[data-testid=em-front]').count()).toBe(0);
    // on the twin: the footprints and one route per person inside; on the globe, the footprints too
    await expect.poll(async () => (await inspect(page)).layers['live:footprint-outline']).toBe(3);
    await expect.poll(async () => (await inspect(page)).layers['live:routes']).toBe(people.length);
    await page.waitForFunction(() => window.__parktwin?.geoReady === true, null, { timeout: 90_000 });
    await page.waitForFunction(() => window.__parktwin.geoLive().footprints === 3, null, {
      timeout: 10_000,
    });
    // and the globe draws them where they are: 600 m downwind all three levels, 3 km downwind (past
    // the park) only ERPG-2, upwind none (what the globe shows at each place, front to back)
    const drawnAt = (dy: number) =>
      page.evaluate(
        ([x, y]) =>
          window.__parktwin
            .geoPickAt(x, y)
            ?.filter((id, i, all) => id.startsWith('footprint:') && all.indexOf(id) === i)
            .sort()
            .join(' ') ?? 'off screen',
        [sx, sy + dy],
      );
    await expect.poll(() => drawnAt(-600), { timeout: 30_000 }).toBe('footprint:1 footprint:2 footprint:3');
    // the far end is drawn once the globe has refined that area: wait for it rather than look once
    await expect.poll(() => drawnAt(-3000), { timeout: 30_000 }).toBe('footprint:3');
    expect(await drawnAt(300)).toBe('');
    await screenshot(page, 'emergency-chlorine-en');
    // chlorine is modelled as the dense gas it is: no warning that the model does not fit
    expect(await page.locator('[data-testid=em-warning]').count()).toBe(0);
    // in Chinese the engine's basis reads in Chinese too
    await page.click('[data-testid=lang]');
    await page.waitForFunction(() => document.querySelector('[data-testid=em-basis]')?.textContent?.includes('重气烟羽'), null, { timeout: 5000 });
    expect(await page.innerText('[data-testid=em-basis]')).toMatch(/^Britter–McQuaid 重气烟羽模型.*风速 3 米\/秒，风向 0°；.*扩散参数 CCPS，稳定度 D$/);
    // the globe is rebuilt in the new language, footprints included
    await page.waitForFunction(() => window.__parktwin?.geoReady === true, null, { timeout: 90_000 });
    await expect.poll(() => drawnAt(-600), { timeout: 30_000 }).toBe('footprint:1 footprint:2 footprint:3');
    await screenshot(page, 'emergency-chlorine-zh');
    // (in Chinese now) the threat to someone inside over time: the plume reaches P-CL-2 (400 m downwind) after about
    // 400 m / 3 m/s, and the chance of death grows with the toxic load from then on
    await page.click('[data-testid=em-person][data-id=P-CL-2] button');
    await page.waitForSelector('[data-testid=em-over-time]', { timeout: 5000 });
    expect(await page.innerText('[data-testid=em-over-time] caption')).toMatch(/^2 分钟后到达 · 毒性概率函数/);
    const rows = await page
      .locator('[data-testid=em-over-time] tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows.map((r) => r[0])).toEqual(['1 分钟', '5 分钟', '10 分钟', '30 分钟', '60 分钟']);
    expect(rows[0].slice(1)).toEqual(['0', '0 %']);
    const deaths = rows.map((r) => Number.parseFloat(r[2]!));
    expect(deaths[4]).toBeGreaterThan(deaths[1]);
    await screenshot(page, 'emergency-over-time-zh');
    // (in Chinese) the threat at any place clicked on the twin: 250 m downwind, on the plume's axis
    // (the camera is near P-CL-2 now)
    const [px, py] = await page.evaluate(([x, y]) => window.__parktwin.screenPositionOfPlace(x, y), [sx, sy - 250]);
    expect(px).toBeLessThan(960); // on the twin's half of the split view
    expect(py).toBeLessThan(1080);
    await page.mouse.click(px, py);
    await page
      .waitForFunction(() => document.querySelector('[data-testid=em-over-time] caption')?.textContent?.startsWith('1 '), null, { timeout: 5000 })
      .catch(() => undefined);
    const ppm = Number.parseFloat((await page.innerText('[data-testid=em-threat]')).match(/([\d.,]+) ppm$/)![1].replace(/,/g, ''));
    expect(ppm).toBeGreaterThan(20); // inside ERPG-3
    expect(await page.innerText('[data-testid=em-threat]')).toMatch(/^(所选位置|[A-Z][\w-]*) 处：/);
    expect(await page.innerText('[data-testid=em-over-time] caption')).toMatch(/^1 分钟后到达 · 毒性概率函数/); // 250 m at 3 m/s
    // and on the globe: a place 350 m downwind
    const [gx, gy] = (await page.evaluate(([x, y]) => window.__parktwin.geoScreenPositionOfPlace(x, y), [sx, sy - 350]))!;
    expect(gx).toBeGreaterThan(960);
    await page.mouse.click(gx, gy);
    await page
      .waitForFunction(() => document.querySelector('[data-testid=em-over-time] caption')?.textContent?.startsWith('2 '), null, { timeout: 5000 })
      .catch(() => undefined);
    expect(await page.innerText('[data-testid=em-over-time] caption')).toMatch(/^2 分钟后到达/); // 350 m at 3 m/s
    // a release anywhere: ammonia at the place just clicked (no installation there) — its vapour is
    // light, so a Gaussian plume, starting at that place
    await page.check('[data-testid=em-at-place]');
    await page.selectOption('[data-testid=em-substance]', 'ammonia');
    await page.click('[data-testid=em-run]');
    await page.waitForFunction(() => document.querySelector('[data-testid=em-basis]')?.textContent?.startsWith('高斯烟羽模型'), null, { timeout: 5000 });
    expect(await page.locator('[data-testid=footprint]').allInnerTexts()).toEqual([
      expect.stringMatching(/^\s*ERPG-3 \(750 ppm\)/),
      expect.stringMatching(/^\s*IDLH \(300 ppm\)/),
      expect.stringMatching(/^\s*ERPG-2 \(150 ppm\)/),
    ]);
    expect(await page.innerText('[data-testid=em-warning]')).toMatch(/^⚠ 氨泄漏时可能呈低温或两相射流的重气/);
    // a fire over the whole surface of the crude tank (its 80 m, on its roof 21.8 m up) leans with
    // the north wind: 100 m south of the tank it is hotter than 12.5 kW/m², 100 m north only above
    // 4 kW/m² — on the globe as in the engine; the twin draws the leaning flame
    await page.uncheck('[data-testid=em-at-place]');
    await page.selectOption('[data-testid=em-substance]', ''); // the installation's: crude oil
    await page.fill('[data-testid=em-source]', 'T-CRU-01');
    await page.selectOption('[data-testid=em-kind]', 'pool-fire');
    await page.fill('[data-testid=em-amount]', ''); // the tank's own diameter
    await page.click('[data-testid=em-run]');
    await page.waitForFunction(() => document.querySelector('[data-testid=em-basis]')?.textContent?.startsWith('罐顶'), null, { timeout: 5000 });
    expect(await page.innerText('[data-testid=em-basis]')).toMatch(
      /^罐顶全面积火灾 直径 80 米，火焰底部离地 21\.8 米：Babrauskas 燃烧速率 0\.039 .*风速 3 m\/s，风向 0°（u\* 1\.75）：Thomas 火焰长 42\.2 米，向下风倾斜 41°（AGA）；实体火焰模型/,
    );
    // a fire's levels are named by their values: each given once, with its reach
    expect(await page.locator('[data-testid=footprint]').allInnerTexts()).toEqual([
      expect.stringMatching(/^\s*37\.5 kW\/m²: \d+ m$/),
      expect.stringMatching(/^\s*12\.5 kW\/m²: \d+ m$/),
      expect.stringMatching(/^\s*4 kW\/m²: \d+ m$/),
    ]);
    await expect.poll(async () => (await inspect(page)).layers['live:flame'] ?? 0, { timeout: 5000 }).toBe(1);
    await page.waitForFunction(() => window.__parktwin.geoLive().fire === 1, null, {
      timeout: 10_000,
    });
    const [cx, cy] = h.server.model.byId.get('T-CRU-01')!.anchor;
    const fireAt = (dy: number) =>
      page.evaluate(
        ([x, y]) =>
          window.__parktwin
            .geoPickAt(x, y)
            ?.filter((id, i, all) => id.startsWith('footprint:') && all.indexOf(id) === i)
            .sort()
            .join(' ') ?? 'off screen',
        [cx, cy + dy],
      );
    await expect.poll(() => fireAt(-100), { timeout: 30_000 }).toBe('footprint:2 footprint:3');
    expect(await fireAt(100)).toBe('footprint:3');
    await screenshot(page, 'emergency-pool-fire-zh');
    // the scenario saved as GeoJSON: the footprints in longitude/latitude, the flame, the basis
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('em-export').click()]);
    expect(file.suggestedFilename()).toBe('scenario-pool-fire-T-CRU-01.geojson');
    const saved = JSON.parse(Buffer.concat(await (await file.createReadStream()).toArray()).toString('utf8'));
    expect(
      saved.features
        .filter((f: { properties: { type: string } }) => f.properties.type === 'footprint')
        .map((f: { properties: { label: string } }) => f.properties.label),
    ).toEqual(['37.5 kW/m²', '12.5 kW/m²', '4 kW/m²']);
    expect(saved.features.find((f: { properties: { type: string } }) => f.properties.type === 'source').properties.shape).toMatchObject({
      kind: 'flame',
      base_m: 21.8,
      diameter_m: 80,
      tilt_deg: 41,
      downwind_deg: 180,
    });
    expect(saved.parktwin.basis).toMatch(/^tank fire Ø 80 m on the roof, 21\.8 m up:/);
    // the same fire by the TNO Yellow Book set (its tilt, its sooty SEP)
    await page.selectOption('[data-testid=em-fire-set]', 'tno-yellow-book');
    await page.click('[data-testid=em-run]');
    await page.waitForFunction(() => document.querySelector('[data-testid=em-basis]')?.textContent?.includes('TNO 黄皮书方法'), null, { timeout: 5000 });
    expect(await page.innerText('[data-testid=em-basis]')).toMatch(
      /^罐顶全面积火灾 直径 80 米，火焰底部离地 21\.8 米，TNO 黄皮书方法：.*（黄皮书倾角公式）；实体火焰模型，含烟表面辐射力 \d+ kW\/m²/,
    );
    // a leak given by its hole: 25 mm in the chlorine tank, driven by chlorine's own vapour pressure
    await page.fill('[data-testid=em-source]', 'T-CHL-01');
    await page.selectOption('[data-testid=em-kind]', 'toxic-leak');
    await page.selectOption('[data-testid=em-leak-by]', 'hole');
    await page.fill('[data-testid=em-amount]', '25');
    await page.click('[data-testid=em-run]');
    await page.waitForSelector('[data-testid=em-release]', { timeout: 5000 });
    expect(await page.innerText('[data-testid=em-release]')).toBe(
      '经 25 mm 孔泄漏，压力 569 kPa（表压，20 °C 饱和蒸气压），孔上液位 0 米：12.6 kg/s（伯努利公式，Cd 0.61）；闪蒸 17%，全部计入气云',
    );
    expect(await page.innerText('[data-testid=em-basis]')).toMatch(/^Britter–McQuaid 重气烟羽模型.*释放 12\.6\d* kg\/s/);
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000); // many steps in one page: a budget, not a timing check (a loaded CI machine needs the margin)

  it('who must act: Gangdong Community’s residents told to shelter from a chlorine cloud; a pool fire’s workers led out within a few hundred metres — in both languages', async () => {
    const m = h.server.model;
    // the wind blows from the chlorine works onto Gangdong Community (港东社区, 3 883 residents)
    const [sx, sy] = m.byId.get('T-CHL-01')!.anchor;
    const [tx, ty] = m.byId.get('PT-09')!.anchor;
    const towards = (Math.atan2(tx - sx, ty - sy) * 180) / Math.PI;
    const weather = { wind_speed_m_s: 3, wind_from_deg: Math.round((towards + 540) % 360), stability: 'D' as const };
    expect((await post('weather', { ...weather, t: Date.now() })).status).toBe(200);
    // what the engine answers for that cloud (src/geo/risk/groups.test.ts works it by hand)
    const expected = groupAnswers(m, scenarioFootprints(m, { kind: 'toxic-leak', source: 'T-CHL-01', weather, rate_kg_s: 2 }), []).find(
      (g) => g.id === 'PT-09',
    )!;
    expect(expected.action).toBe('shelter');

    const zh = await openPage(h, '/?lang=zh-CN&demo=operator', { width: 1700, height: 1000 });
    await zh.page.waitForSelector('[data-testid=connection][data-state=live]', { timeout: 20_000 });
    await zh.page.click('[data-testid=tab-emergency]');
    await zh.page.fill('[data-testid=em-source]', 'T-CHL-01');
    await zh.page.selectOption('[data-testid=em-kind]', 'toxic-leak');
    await zh.page.fill('[data-testid=em-amount]', '2');
    await zh.page.click('[data-testid=em-run]');
    const row = '[data-testid=em-group][data-id=PT-09]';
    await zh.page.waitForSelector(`${row}[data-group=residents][data-action=shelter]`, { timeout: 10_000 });
    expect(Number(await zh.page.getAttribute(row, 'data-people'))).toBe(expected.people);
    const text = await zh.page.innerText(row);
    expect(text).toContain('港东社区');
    expect(text).toContain('就地避难');
    await zh.page.locator(row).scrollIntoViewIfNeeded();
    await screenshot(zh.page, 'emergency-shelter-zh');
    expect(zh.errors).toEqual([]);
    await zh.page.close();

    // a pool fire at the crude tank: three workers near it, each led out of the heat zone
    const [cx, cy] = m.byId.get('T-CRU-01')!.anchor;
    const now = Date.now();
    const people = [60, 90, 130].map((d, i) => {
      const [lon, lat] = m.frame.toLngLat([cx + d, cy + 10 * i]);
      return { id: `P-PF-${i + 1}`, kind: 'person', lon, lat, t: now, name: ['李强', '张军', '刘洋'][i], company: '渤海原油储备库' };
    });
    expect((await post('positions', people)).status).toBe(200);
    const en = await openPage(h, '/?lang=en&demo=operator', { width: 1700, height: 1000 });
    await en.page.waitForSelector('[data-testid=connection][data-state=live]', { timeout: 20_000 });
    await en.page.click('[data-testid=tab-emergency]');
    await en.page.fill('[data-testid=em-source]', 'T-CRU-01');
    await en.page.selectOption('[data-testid=em-kind]', 'pool-fire');
    await en.page.click('[data-testid=em-run]');
    await en.page.waitForSelector('[data-testid=em-group][data-id=P-PF-1]', { timeout: 10_000 });
    const rows = await en.page
      .locator('[data-testid=em-group][data-group=on_site]')
      .evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-id'), action: e.getAttribute('data-action'), text: (e as HTMLElement).innerText })));
    const ours = rows.filter((r) => r.id?.startsWith('P-PF-'));
    expect(ours.length).toBeGreaterThan(0);
    for (const r of ours) {
      expect(r.action).toBe('leave');
      // named, and the way out: metres and the walking time
      expect(r.text).toMatch(/^(李强|张军|刘洋) \(渤海原油储备库\)/);
      const out = r.text.match(/(\d+) m · (\d+) (s|min)$/);
      expect(out, r.text).not.toBeNull();
      expect(Number(out![1])).toBeLessThan(400);
    }
    await en.page.locator('[data-testid=em-groups]').scrollIntoViewIfNeeded();
    // the table fits the panel: its last column (the way out) inside it
    const fits = await en.page.evaluate(() => {
      const panel = document.querySelector('[data-testid=command-panel]')!.getBoundingClientRect();
      const last = [...document.querySelectorAll('[data-testid=em-groups] th')].at(-1)!.getBoundingClientRect();
      return { right: last.right, panel: panel.right };
    });
    expect(fits.right, JSON.stringify(fits)).toBeLessThanOrEqual(fits.panel);
    await screenshot(en.page, 'emergency-pool-fire-en');
    expect(en.errors).toEqual([]);
    await en.page.close();
  }, 120_000);
});
