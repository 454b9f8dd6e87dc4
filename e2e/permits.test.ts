/**
 * Permits end to end in real headless Chromium against the real server: an enterprise's operator
 * signs in and files a hot-work permit in Chinese (the standard's limit shown next to the field as it
 * is filled), the named approver approves it in English, work starts; a worker and the watcher enter
 * (their tags), the watcher walks away (an event), a gas detector in alarm next to the work suspends
 * it; the park's safety office sees it in the statistics and records a spot check; the area is drawn
 * on the twin. Screenshots in both languages.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type ParktwinServer } from '../server/app.ts';
import { hashPassword } from '../server/auth/secrets.ts';
import { writeUsersFile } from '../server/auth/usersFile.ts';
import { DEMO_LAYOUT, ROOT_DIR } from '../server/config.ts';
import { launchChromium } from './browser.ts';
import { browserOrSkip, screenshot } from './harness.ts';

const run = browserOrSkip();

describe.skipIf(!run)('special-operation permits', () => {
  let server: ParktwinServer;
  let browser: Browser;
  let base: string;
  const ingestToken = 'permits-ingest-token-0123';
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parktwin-e2e-permits-'));
    const usersFile = path.join(dir, 'users.json');
    writeUsersFile(usersFile, {
      users: [
        { name: '王伟', role: 'operator', password: await hashPassword('wang pass phrase'), enterprises: ['E-CRU'] },
        { name: '陈静', role: 'operator', password: await hashPassword('chen pass phrase'), enterprises: ['E-CRU'] },
        { name: 'park-safety', role: 'operator', password: await hashPassword('park pass phrase') },
      ],
      tokens: [],
      shared: [],
    });
    server = await createApp({ layoutFile: DEMO_LAYOUT, usersFile, dbFile: path.join(dir, 'e.db'), staticDir: path.join(ROOT_DIR, 'dist'), ingestToken });
    base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const signIn = async (name: string, password: string, lang: string): Promise<{ page: Page; errors: string[] }> => {
    const page = await browser.newPage({ viewport: { width: 1700, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/?lang=${lang}`);
    await page.fill('[data-testid=user]', name);
    await page.fill('[data-testid=password]', password);
    await page.press('[data-testid=password]', 'Enter');
    await page.waitForFunction(() => window.__parktwin?.ready === true, null, { timeout: 60_000 });
    await page.waitForSelector('[data-testid=connection][data-state=live]', { timeout: 20_000 });
    await page.click('[data-testid=tab-permits]');
    return { page, errors };
  };
  const ingest = (what: string, items: unknown[]) =>
    fetch(`${base}/api/ingest/${what}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ingestToken}` },
      body: JSON.stringify(items),
    });
  const card = (id: string) => `[data-testid=filed-permit][data-id="${id}"]`;

  it('filed, approved, started; the watcher walks away; a gas alarm suspends it; the park checks it', async () => {
    // the enterprise's operator files it, in Chinese
    const wang = await signIn('王伟', 'wang pass phrase', 'zh-CN');
    const p = wang.page;
    await p.click('[data-testid=permit-file]');
    await p.waitForSelector('[data-testid=permit-form]');
    expect(await p.locator('[data-testid=pf-enterprise] option').count()).toBe(1); // only its own enterprise
    await p.selectOption('[data-testid=pf-grade]', '1');
    await p.selectOption('[data-testid=pf-feature]', 'T-CRU-01');
    await p.fill('[data-testid=pf-title]', '1号罐浮盘密封更换（焊接）');
    await p.fill('[data-testid=pf-workers]', '李强，张军');
    await p.fill('[data-testid=pf-worker-tags]', 'P-W1, P-W2');
    await p.fill('[data-testid=pf-watcher]', '刘洋');
    await p.fill('[data-testid=pf-watcher-tag]', 'P-G');
    await p.fill('[data-testid=pf-approvers]', '陈静');
    await p.fill('[data-testid=pf-gas]', '原油蒸气');
    await p.fill('[data-testid=pf-gas-value]', '0.1');
    await p.fill('[data-testid=pf-gas-lel]', '1.1');
    // ten hours is more than a grade-1 permit may run: said next to the field, in Chinese, and the form will not go
    const from = await p.inputValue('[data-testid=pf-from]');
    const plus = (h: number) => {
      const d = new Date(`${from}:00`);
      d.setHours(d.getHours() + h);
      const z = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${z(d.getMonth() + 1)}-${z(d.getDate())}T${z(d.getHours())}:${z(d.getMinutes())}`;
    };
    await p.fill('[data-testid=pf-to]', plus(10));
    expect(await p.textContent('[data-testid=msg-valid_to]')).toContain('一级动火作业安全作业票有效期不应超过8 h');
    expect(await p.isDisabled('[data-testid=pf-submit]')).toBe(true);
    await screenshot(p, 'permit-form-zh');
    await p.fill('[data-testid=pf-to]', plus(6));
    await p.click('[data-testid=pf-submit]');
    await p.waitForSelector('[data-testid=filed-permit][data-status=drafted]');
    const id = (await p.getAttribute('[data-testid=filed-permit]', 'data-id'))!;
    expect(id).toMatch(/^DH-\d{8}-01$/);
    // the applicant is not offered the approval (and the server would refuse it: server/permits.test.ts)
    expect(await p.locator(`${card(id)} [data-testid=permit-approve]`).count()).toBe(0);

    // the named approver approves, in English
    const chen = await signIn('陈静', 'chen pass phrase', 'en');
    await chen.page.click(`${card(id)} [data-testid=permit-approve]`);
    await chen.page.waitForSelector(`${card(id)}[data-status=approved]`);
    // the applicant's page follows (the permit events), and work starts
    await p.waitForSelector(`${card(id)}[data-status=approved]`);
    await p.click(`${card(id)} [data-testid=permit-start]`);
    await p.waitForSelector(`${card(id)}[data-status=active]`);

    // a worker and the watcher go in; the area is drawn on the twin
    const tank = server.model.byId.get('T-CRU-01')!;
    const at = (dx: number) => {
      const [lon, lat] = server.model.frame.toLngLat([tank.anchor[0] + dx, tank.anchor[1]]);
      return { lon, lat };
    };
    const t0 = Date.now();
    expect(
      (
        await ingest('positions', [
          { id: 'P-W1', kind: 'person', ...at(0), t: t0 },
          { id: 'P-G', kind: 'person', ...at(8), t: t0 },
        ])
      ).status,
    ).toBe(200);
    await p.waitForSelector(`${card(id)} [data-testid=permit-watcher][data-present=true]`);
    await p.waitForFunction(() => (window.__parktwin.inspect().layers['live:permit-active'] ?? 0) > 0, null, { timeout: 10_000 });
    // labelled with its kind, grade and number
    await p.waitForFunction((n) => [...document.querySelectorAll('.label-permit')].some((l) => l.textContent === `动火作业 · 一级 · ${n}`), id, {
      timeout: 10_000,
    });
    // the watcher walks off: absent at once on the card, an event after a minute (by the tags' time)
    await ingest('positions', [{ id: 'P-G', kind: 'person', ...at(300), t: t0 + 1000 }]);
    await p.waitForSelector(`${card(id)} [data-testid=permit-watcher][data-present=false]`);
    await ingest('positions', [
      { id: 'P-W1', kind: 'person', ...at(0), t: t0 + 62_000 },
      { id: 'P-G', kind: 'person', ...at(300), t: t0 + 62_000 },
    ]);
    await p.click('[data-testid=tab-events]');
    await p.waitForFunction(() => document.body.innerText.includes('监护人离开作业点'), null, { timeout: 10_000 });
    await p.click('[data-testid=tab-permits]');

    // a combustible gas detector of the tank goes into alarm: the work is suspended, and says why
    const detector = server.model.ofKind('sensor').find((f) => f.props.watches === 'T-CRU-01' && f.props.type === 'combustible_gas')!;
    expect((await ingest('readings', [{ sensor: detector.id, value: 55, t: Date.now() }])).status).toBe(200);
    await p.waitForSelector(`${card(id)}[data-status=suspended]`, { timeout: 10_000 });
    expect(await p.textContent(card(id))).toContain(detector.id);
    await p.waitForFunction(() => (window.__parktwin.inspect().layers['live:permit-suspended'] ?? 0) > 0, null, { timeout: 10_000 });
    expect(await p.textContent(`${card(id)} [data-testid=permit-status]`)).toBe('已暂停');
    await screenshot(p, 'permit-suspended-zh');

    // the park's safety office: the statistics, and a spot check
    const park = await signIn('park-safety', 'park pass phrase', 'en');
    await park.page.waitForSelector('[data-testid=permit-stats-row][data-enterprise=E-CRU]');
    const row = await park.page.textContent('[data-testid=permit-stats-row][data-enterprise=E-CRU]');
    expect(row).toContain('Hot work');
    await park.page.click(`${card(id)} [data-testid=permit-spot-check]`);
    await park.page.selectOption(`${card(id)} [data-testid=spot-check-finding]`, 'deficient');
    await park.page.fill(`${card(id)} [data-testid=spot-check-note]`, 'Watcher left the work for five minutes');
    // a photo from the site (a real PNG, made here)
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');
    await park.page.setInputFiles(`${card(id)} [data-testid=spot-check-photo]`, { name: 'site.png', mimeType: 'image/png', buffer: png });
    await park.page.click(`${card(id)} [data-testid=spot-check-submit]`);
    await park.page.waitForSelector(`${card(id)} [data-testid=permit-checks]`);
    expect(await park.page.textContent(`${card(id)} [data-testid=permit-checks]`)).toContain('Deficient');
    expect(await park.page.getAttribute(`${card(id)} [data-testid=spot-photo]`, 'src')).toBe(`data:image/png;base64,${png.toString('base64')}`);
    await park.page.waitForFunction(() => document.querySelector('[data-testid=permit-stats-row][data-enterprise=E-CRU]')?.textContent?.endsWith('11'));
    await screenshot(park.page, 'permit-spot-check-en');
    // an enterprise operator is not offered the spot check
    expect(await p.locator(`${card(id)} [data-testid=permit-spot-check]`).count()).toBe(0);
    // the enterprise files a second permit with its area drawn on the twin: four clicks on the ground
    await p.click('[data-testid=permit-file]');
    await p.selectOption('[data-testid=pf-kind]', 'work_at_height');
    await p.fill('[data-testid=pf-height]', '12');
    await p.fill('[data-testid=pf-title]', '管廊支架刷漆');
    await p.fill('[data-testid=pf-workers]', '李强');
    await p.fill('[data-testid=pf-watcher]', '刘洋');
    await p.fill('[data-testid=pf-approvers]', '陈静');
    await p.click('[data-testid=pf-draw]');
    for (const [x, y] of [
      [1000, 500],
      [1150, 500],
      [1150, 620],
      [1000, 620],
    ])
      await p.mouse.click(x, y);
    await p.waitForSelector('[data-testid=pf-draw-count][data-n="4"]');
    await p.waitForFunction(() => (window.__parktwin.inspect().layers['live:permit-draft'] ?? 0) > 0, null, { timeout: 10_000 });
    await p.click('[data-testid=pf-submit]');
    await p.waitForSelector('[data-testid=filed-permit][data-id^="GC-"]');
    const drawn = (
      (await (
        await fetch(`${base}/api/permits`, { headers: { cookie: (await p.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } })
      ).json()) as { id: string; area?: number[][] }[]
    ).find((x) => x.id.startsWith('GC-'))!;
    expect(drawn.area).toHaveLength(4);
    // four distinct corners on the park's ground
    const corners = drawn.area!.map((ll) => server.model.frame.toLocal(ll));
    for (const [x, y] of corners)
      expect(
        x >= server.model.bbox.minX - 2000 && x <= server.model.bbox.maxX + 2000 && y >= server.model.bbox.minY - 2000 && y <= server.model.bbox.maxY + 2000,
      ).toBe(true);
    expect(new Set(corners.map(([x, y]) => `${Math.round(x)},${Math.round(y)}`)).size).toBe(4);

    // a confined-space entry is filed with its oxygen measured too (without it, it could never start)
    await p.click('[data-testid=permit-file]');
    await p.selectOption('[data-testid=pf-kind]', 'confined_space');
    await p.selectOption('[data-testid=pf-feature]', 'T-CRU-02');
    await p.fill('[data-testid=pf-title]', '2号罐罐内检查');
    await p.fill('[data-testid=pf-workers]', '李强');
    await p.fill('[data-testid=pf-watcher]', '刘洋');
    await p.fill('[data-testid=pf-approvers]', '陈静');
    await p.fill('[data-testid=pf-gas]', '原油蒸气');
    await p.fill('[data-testid=pf-gas-value]', '0.05');
    await p.fill('[data-testid=pf-gas-lel]', '1.1');
    await p.fill('[data-testid=pf-oxygen]', '20.8');
    await p.click('[data-testid=pf-submit]');
    await p.waitForSelector('[data-testid=filed-permit][data-id^="SX-"]');
    const cookie = (await p.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const sx = (
      (await (await fetch(`${base}/api/permits`, { headers: { cookie } })).json()) as { id: string; gas_analyses: { kind: string; value: number }[] }[]
    ).find((x) => x.id.startsWith('SX-'))!;
    expect(sx.gas_analyses.map((a) => [a.kind, a.value])).toEqual([
      ['combustible', 0.05],
      ['oxygen', 20.8],
    ]);

    for (const x of [wang, chen, park]) {
      expect(x.errors).toEqual([]);
      await x.page.close();
    }
  }, 180_000);
});
