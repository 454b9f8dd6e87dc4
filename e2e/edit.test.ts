/**
 * Bringing one's own park in, in real headless Chromium: a planner drops a DXF site plan (CGCS2000
 * 3° Gauss–Krüger, with its mapping file) on the planner, leaves a layer out in the dialog, accepts;
 * adds a tank by hand next to another (its properties in the generated form, the validator's message
 * next to a field), sees the new distance violation, undoes it, and saves the layout to the server as
 * a new version — which a second page, watching the live park, loads by itself.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../server/config.ts';
import { browserOrSkip, flightEnded, inView, openPage, screenshot, useHarness } from './harness.ts';
import { placeTankAmongFour } from './browser.ts';

const run = browserOrSkip();
const example = (f: string) => path.join(ROOT_DIR, 'examples', f);

describe.skipIf(!run)('importing, editing and saving the layout', () => {
  const h = useHarness();

  it('drop a DXF, map a layer, accept; add a tank; see the violation; undo; save as a version; a second page sees it live', async () => {
    const watcher = await openPage(h, '/?lang=en&demo=viewer');
    await watcher.page.waitForSelector('[data-testid=connection][data-state=live]', { timeout: 30_000 });
    expect(await watcher.page.getByTestId('layout-version').textContent()).toBe('v1');
    const tanksBefore = Number(await watcher.page.locator('[data-testid=counts] [data-kind=tank] b').textContent());

    const { page, errors } = await openPage(h, '/?lang=en&mode=planner&demo=planner');
    await page.getByTestId('planner-panel').waitFor();
    await page.getByTestId('tab-edit').click();

    // the site plan: its coordinate system, the drawing and its mapping file
    await page.getByTestId('import-crs').fill('EPSG:4527');
    await page.getByTestId('import-file').setInputFiles([example('site-plan-cgcs2000.dxf'), example('site-plan-map.json')]);
    await page.getByTestId('import-layers').waitFor();
    const kindOf = (layer: string) => page.locator(`[data-testid=import-layer][data-layer="${layer}"] [data-testid=import-kind]`);
    expect(await kindOf('储罐').inputValue()).toBe('tank');
    expect(await kindOf('TANK').inputValue()).toBe('tank');
    await expect.poll(() => page.getByTestId('import-accept').textContent()).toMatch(/7 features/);
    // the preview is on the plant view already, nothing applied: the planner's counts show it
    await expect.poll(async () => Number(await page.locator('[data-testid=counts] [data-kind=tank] b').textContent())).toBe(tanksBefore + 4);
    await kindOf('TANK').selectOption(''); // the block-symbol tank on layer TANK is left out
    await expect.poll(() => page.getByTestId('import-accept').textContent()).toMatch(/6 features/);
    await screenshot(page, 'edit-import-dialog');
    await page.getByTestId('import-accept').click();
    await page.getByTestId('import-done').waitFor();
    expect(Number(await page.locator('[data-testid=counts] [data-kind=tank] b').textContent())).toBe(tanksBefore + 3);

    // a tank by hand, like the tank selected, 20 m across, in the middle of four 40 m tanks
    const form = await placeTankAmongFour(page);
    // typing does not validate the whole layout on every key: once typing pauses
    await expect.poll(() => form.getAttribute('data-checking')).toBeNull();
    const before = await page.evaluate(() => window.__parktwin.layoutChecks());
    await form.getByTestId('field-name').pressSequentially('New tank nine', { delay: 40 });
    await expect.poll(() => form.getAttribute('data-checking')).toBeNull();
    expect((await page.evaluate(() => window.__parktwin.layoutChecks())) - before).toBeLessThan(7); // 13 keys
    await form.getByTestId('field-name').fill('新建 9 号罐');
    await form.getByTestId('field-diameter_m').fill('20');
    // T-PRD-06's 20 000 m³ does not fit a 20 m tank: the validator says so next to the field
    await expect.poll(() => form.locator('[data-field=capacity_m3] [data-testid=field-error]').textContent()).toMatch(/does not fit/);
    expect(await form.getByTestId('feature-apply').isDisabled()).toBe(true);
    await form.getByTestId('field-capacity_m3').fill('5000');
    await form.getByTestId('field-inventory_t').fill('1500');
    await expect.poll(() => form.getByTestId('feature-apply').isDisabled()).toBe(false);
    await form.getByTestId('feature-apply').click();

    // placed where clicked (within a metre); its spacing to its neighbours checked at once, shell to
    // shell (centre distance − 20 m − 10 m): about 50.2 − 30 = 20.2 m to T-PRD-07, enough for GB 50160
    // Table 6.2.8's 0.4 D = 16 m; about 40.7 − 30 = 10.7 m to T-PRD-08, short of it
    const [p7, p8, pNew] = await page.evaluate(() => ['T-PRD-07', 'T-PRD-08', 'TANK-NEW-1'].map((id) => window.__parktwin.placeOf(id)!));
    expect(Math.hypot(pNew[0] - p7[0] - 41, pNew[1] - p7[1] - 29)).toBeLessThan(1);
    await page.getByTestId('tab-checks').click();
    await page.getByTestId('check-filter').fill('TANK-NEW-1');
    const row = (other: string) =>
      page.locator(`[data-testid=check-row][data-from="${other}"][data-to="TANK-NEW-1"][data-rule="gb50160.t6.2.8.floating-roof"]`);
    await row('T-PRD-07').waitFor();
    const gap = (p: number[]) => Math.hypot(pNew[0] - p[0], pNew[1] - p[1]) - 30;
    expect(Number(await row('T-PRD-07').getAttribute('data-actual'))).toBeCloseTo(gap(p7), 1);
    expect(await row('T-PRD-07').getAttribute('data-ok')).toBe('true');
    expect(Number(await row('T-PRD-08').getAttribute('data-actual'))).toBeCloseTo(gap(p8), 1);
    expect(await row('T-PRD-08').getAttribute('data-ok')).toBe('false');
    await page.getByTestId('only-violations').check();
    expect(await page.locator('[data-testid=check-row]').count()).toBeGreaterThan(0);
    // the new tank's pairs crowd its labels: no two shown cover each other, the violations shown first
    const crowd = () =>
      page.evaluate(() => {
        const els = [...document.querySelectorAll<HTMLElement>('.screen-labels > div')];
        const shown = els
          .filter((e) => e.style.visibility === 'visible')
          .map((e) => ({ r: e.getBoundingClientRect(), pair: e.querySelector('[data-pair]')?.getAttribute('data-pair') }));
        let overlaps = 0;
        for (let i = 0; i < shown.length; i++)
          for (let j = i + 1; j < shown.length; j++) {
            const [a, b] = [shown[i].r, shown[j].r];
            if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) overlaps++;
          }
        return { shown: shown.map((s) => s.pair), overlaps, hidden: els.filter((e) => e.dataset.hidden === 'overlap').length };
      });
    await expect.poll(async () => (await crowd()).shown.includes('T-PRD-08|TANK-NEW-1')).toBe(true);
    const c = await crowd();
    expect(c.overlaps).toBe(0);
    expect(c.hidden).toBeGreaterThan(0);
    await screenshot(page, 'edit-new-tank-violation');
    await page.getByTestId('undo').click();
    await expect.poll(() => page.locator('[data-testid=check-row]').count()).toBe(0); // the tank and its violations gone
    expect(Number(await page.locator('[data-testid=counts] [data-kind=tank] b').textContent())).toBe(tanksBefore + 3);

    // saved as version 2: the planner's page and the watcher's both run on it
    await page.getByTestId('version-comment').fill('导入南侧罐区总图');
    await page.getByTestId('save-version').click();
    await expect.poll(() => page.getByTestId('save-version-result').textContent()).toMatch(/version 2/);
    await expect.poll(() => page.getByTestId('layout-version').textContent(), { timeout: 15_000 }).toBe('v2');
    await expect.poll(() => watcher.page.getByTestId('layout-version').textContent(), { timeout: 15_000 }).toBe('v2');
    expect(Number(await watcher.page.locator('[data-testid=counts] [data-kind=tank] b').textContent())).toBe(tanksBefore + 3);
    await watcher.page.waitForSelector('[data-testid=connection][data-state=live]', { timeout: 30_000 });
    await page.getByTestId('tab-versions').click();
    await expect.poll(() => page.locator('[data-testid=version-row]').count()).toBe(2);
    expect(await page.locator('[data-testid=version-row][data-version="2"]').textContent()).toMatch(/planner\+6 −0 ~0导入南侧罐区总图/);
    expect(await page.locator('[data-testid=version-row][data-version="2"] [data-testid=version-change]').getAttribute('title')).toMatch(
      /^\+6 −0 ~0 \(tank \+3, dike \+1, building \+1, road \+1\)\n\+T-101 /,
    );
    await screenshot(page, 'edit-versions');
    expect(errors).toEqual([]);
    expect(watcher.errors).toEqual([]);
    await page.close();
    await watcher.page.close();
  }, 180_000);

  it('draws a building by clicks (snapped to the grid), reshapes and turns it, copies a tank in a row and moves the copies together, finds features in the tree; undo and redo', async () => {
    const { page, errors } = await openPage(h, '/?lang=en&mode=planner&demo=planner');
    await page.getByTestId('planner-panel').waitFor();
    await page.getByTestId('tab-edit').click();
    const count = async (kind: string) => Number(await page.locator(`[data-testid=counts] [data-kind=${kind}] b`).textContent());
    const [buildings, tanks] = [await count('building'), await count('tank')];

    // the tree finds T-PRD-07 under its enterprise; choosing it selects it and flies there
    await page.getByTestId('tree-filter').fill('T-PRD-07');
    await page.locator('[data-testid=tree-item][data-id="T-PRD-07"]').click();
    await flightEnded(page, 'T-PRD-07');
    await page.getByTestId('selected-actions').filter({ hasText: 'T-PRD-07' }).waitFor();

    // two copies at 58 m to the south (the first on top of T-PRD-03's place: the distance checks will say so)
    await page.getByTestId('row-count').fill('2');
    await page.getByTestId('row-spacing').fill('58');
    await page.getByTestId('row-heading').fill('180');
    await page.getByTestId('row-apply').click();
    await expect.poll(() => page.getByTestId('edit-message').textContent()).toMatch(/2 copies/);
    expect(await count('tank')).toBe(tanks + 2);
    const [p7, c2, c3] = await page.evaluate(() => ['T-PRD-07', 'T-PRD-07-2', 'T-PRD-07-3'].map((id) => window.__parktwin.placeOf(id)!));
    expect(c2[0] - p7[0]).toBeCloseTo(0, 1);
    expect(c2[1] - p7[1]).toBeCloseTo(-58, 1);
    expect(c3[1] - p7[1]).toBeCloseTo(-116, 1);

    // a 10 m × 8 m building drawn by four clicks between the tanks, each snapped to the 1 m grid
    await page.getByTestId('draw-kind').selectOption('building');
    await page.getByTestId('draw-start').click();
    for (const [dx, dy] of [
      [36.3, 24.2],
      [46.4, 23.8],
      [45.8, 32.3],
      [36.2, 31.7],
    ]) {
      const at = await page.evaluate(([x, y]) => window.__parktwin.screenPositionOfPlace(x, y), [p7[0] + dx, p7[1] + dy]);
      await page.mouse.click(at[0], at[1]);
    }
    await expect.poll(() => page.getByTestId('draw-count').textContent()).toMatch(/4 points/);
    await page.getByTestId('draw-finish').click();
    const form = page.locator('[data-testid=feature-form][data-feature="BUILDING-NEW-1"]');
    await form.waitFor();
    await form.getByTestId('field-name').fill('临时配电间');
    await form.getByTestId('field-height_m').fill('4');
    await form.getByTestId('field-use').selectOption('substation');
    await form.getByTestId('field-design_occupancy').fill('0');
    await expect.poll(() => form.getByTestId('feature-apply').isDisabled()).toBe(false);
    await form.getByTestId('feature-apply').click();
    await expect.poll(() => count('building')).toBe(buildings + 1);
    // its centre on the grid: the corners were snapped to whole metres
    const centre = await page.evaluate(() => window.__parktwin.placeOf('BUILDING-NEW-1')!);
    expect(centre[0] - Math.round(centre[0])).toBeCloseTo(0, 2); // to the millimetre the file keeps
    await screenshot(page, 'edit-drawn-building');

    // reshaped: its first corner's handle dragged 4 m west, snapped to the grid
    const before = (await page.evaluate(() => window.__parktwin.verticesOf('BUILDING-NEW-1')))!;
    expect(before.every(([x, y]) => Math.abs(x - Math.round(x)) < 0.01 && Math.abs(y - Math.round(y)) < 0.01)).toBe(true);
    await page.getByTestId('reshape').click();
    // the handles drawn (placed in the scene by a frame) before one is grabbed
    await page.waitForFunction((n) => (window.__parktwin.inspect().layers['planner:handles'] ?? 0) >= n, before.length - 1);
    await page.evaluate(() => {
      window.__parktwin.invalidate();
      return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    });
    const from = await page.evaluate(([x, y]) => window.__parktwin.screenPositionOfPlace(x, y, 2), before[0]);
    const to = await page.evaluate(([x, y]) => window.__parktwin.screenPositionOfPlace(x - 4.2, y + 0.3, 0), before[0]);
    await page.mouse.move(from[0], from[1]);
    await page.mouse.down();
    await page.mouse.move(to[0], to[1], { steps: 8 });
    await page.mouse.up();
    await expect.poll(async () => (await page.evaluate(() => window.__parktwin.verticesOf('BUILDING-NEW-1')))![0][0]).toBeCloseTo(before[0][0] - 4, 1);
    const after = (await page.evaluate(() => window.__parktwin.verticesOf('BUILDING-NEW-1')))!;
    expect(after[0][1]).toBeCloseTo(before[0][1], 1);
    expect(after.at(-1)).toEqual(after[0]); // the ring stays closed
    expect(after.slice(1, -1)).toEqual(before.slice(1, -1));
    await page.getByTestId('reshape').click(); // done

    // turned 30° about its centre
    await page.getByTestId('rotate-deg').fill('30');
    await page.getByTestId('rotate-apply').click();
    await expect.poll(() => page.getByTestId('edit-message').textContent()).toMatch(/30°/);

    // the two copies picked with shift-clicks and moved 6 m east together (a click on a tank is no step of undo)
    for (const id of ['T-PRD-07-2', 'T-PRD-07-3']) {
      const xy = await inView(page, id);
      await page.keyboard.down('Shift');
      await page.mouse.click(xy[0], xy[1]);
      await page.keyboard.up('Shift');
    }
    await expect.poll(() => page.getByTestId('multi-actions').textContent()).toMatch(/2 selected/);
    await page.getByTestId('move-east').fill('6');
    await page.getByTestId('move-north').fill('0');
    await page.getByTestId('multi-move').click();
    await expect.poll(() => page.getByTestId('edit-message').textContent()).toMatch(/2 moved/);
    const [m2, m3] = await page.evaluate(() => ['T-PRD-07-2', 'T-PRD-07-3'].map((id) => window.__parktwin.placeOf(id)!));
    expect(m2[0] - c2[0]).toBeCloseTo(6, 1);
    expect(m3[0] - c3[0]).toBeCloseTo(6, 1);
    expect(m3[1] - c3[1]).toBeCloseTo(0, 1);

    // undo five times (move, turn, reshape, building, copies), redo once (the copies back)
    for (let i = 0; i < 5; i++) await page.getByTestId('undo').click();
    expect(await page.getByTestId('undo').isDisabled()).toBe(true);
    await expect.poll(() => count('tank')).toBe(tanks);
    expect(await count('building')).toBe(buildings);
    await page.getByTestId('redo').click();
    await expect.poll(() => count('tank')).toBe(tanks + 2);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
