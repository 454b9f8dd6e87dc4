/**
 * A training drill in real headless Chromium against the real server: a trainer turns a chlorine
 * leak into a drill; the page becomes the drill's (a banner says it is not live data), the leak
 * spreads on its clock, the detector beside the tank alarms in the drill and not on the live park;
 * an operator joins from the live park and acknowledges it; the trainer ends the drill and reads the
 * debrief.
 */
import { describe, expect, it } from 'vitest';
import { browserOrSkip, openPage, screenshot, startDrillFromPanel, useHarness } from './harness.ts';

const run = browserOrSkip();

describe.skipIf(!run)('training drills', () => {
  const h = useHarness();
  const post = (route: string, body: unknown) =>
    fetch(`${h.base}/api/ingest/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${h.server.ingestToken}` },
      body: JSON.stringify(body),
    });

  it('a trainer starts a chlorine drill: its own alarms and clock, not the live park’s; an operator joins and acknowledges; the debrief', async () => {
    expect((await post('weather', { wind_speed_m_s: 3, wind_from_deg: 0, stability: 'D', t: Date.now() })).status).toBe(200);
    const { name: trainerName } = h.server.users.find((u) => u.role === 'trainer')!;
    const operator = h.server.users.find((u) => u.role === 'operator')!;
    const { page, errors } = await openPage(h, `/?lang=en&demo=trainer`);
    const id = await startDrillFromPanel(page);
    expect(h.server.drills.list().map((d) => d.id)).toEqual([id]);
    // the drill's page: a banner, its scenario and clock; the connection is to the drill
    await page.waitForFunction(() => window.__parktwin?.ready === true, null, { timeout: 60_000 });
    await page.waitForSelector('[data-testid=drill-banner][data-state=running] [data-testid=drill-what]', { timeout: 20_000 });
    expect(await page.innerText('[data-testid=drill-banner]')).toMatch(
      new RegExp(
        `^DRILL\\s+not live data: the scenario runs in its own simulation\\s+Toxic gas leak · T-CHL-01 · started by ${trainerName} · \\d+:\\d\\d\\s+Shut off the release \\(ESD\\)\\s+Debrief\\s+End drill\\s+Back to the live park$`,
      ),
    );
    // the leak on the drill's clock: the emergency view shows it, its front travelling
    await page.click('[data-testid=tab-emergency]');
    await page.waitForSelector('[data-testid=em-basis]', { timeout: 10_000 });
    expect(await page.innerText('[data-testid=em-basis]')).toMatch(/5 kg\/s/);
    await page.waitForSelector('[data-testid=em-front]', { timeout: 10_000 });
    // the detector beside the tank alarms in the drill (the plume reaches it within seconds)
    await page.click('[data-testid=tab-alarms]');
    await page.waitForSelector('[data-testid=alarm][data-alarm*="T-CHL-01-GD"]', { timeout: 45_000 });
    await screenshot(page, 'drill-en');
    // ... and not on the live park, where an operator looks
    const live = await openPage(h, `/?lang=en&demo=operator`);
    await live.page.waitForSelector('[data-testid=connection][data-state=live]', { timeout: 20_000 });
    expect(await live.page.locator('[data-testid=drill-banner]').count()).toBe(0);
    await live.page.click('[data-testid=tab-alarms]');
    expect(await live.page.locator('[data-testid=alarm][data-alarm*="T-CHL-01-GD"]').count()).toBe(0);
    expect(h.server.live.activeAlarms().filter((a) => a.sensor.startsWith('T-CHL-01-GD'))).toEqual([]);
    // the live park lists the drill; the operator joins it and acknowledges the drill's alarm
    await live.page.click('[data-testid=tab-emergency]');
    await live.page.waitForSelector('[data-testid=drill-join]', { timeout: 5000 });
    expect(await live.page.getAttribute('[data-testid=drill-join]', 'href')).toMatch(new RegExp(`drill=${id}`));
    await Promise.all([live.page.waitForURL(/[?&]drill=/, { timeout: 10_000 }), live.page.click('[data-testid=drill-join]')]);
    await live.page.waitForSelector('[data-testid=drill-banner][data-state=running] [data-testid=drill-what]', { timeout: 30_000 });
    expect(await live.page.locator('[data-testid=drill-end]').count()).toBe(0); // operators do not end drills
    await live.page.click('[data-testid=tab-alarms]');
    const alarm = live.page.locator('[data-testid=alarm][data-alarm*="T-CHL-01-GD"][data-state=unacknowledged]').first();
    await alarm.waitFor({ timeout: 20_000 });
    const alarmId = (await alarm.getAttribute('data-alarm'))!;
    await alarm.locator('[data-testid=ack]').click();
    await live.page.waitForSelector(`[data-testid=alarm][data-alarm="${alarmId}"][data-state=acknowledged]`, { timeout: 10_000 });
    // ... and shuts the release off: both pages learn it (the trainer's from the stored event)
    await live.page.click('[data-testid=drill-stop]');
    await live.page.waitForSelector('[data-testid=drill-stopped]', { timeout: 10_000 });
    expect(await live.page.innerText('[data-testid=drill-stopped]')).toMatch(/^release shut off at \d+:\d\d$/);
    await page.waitForSelector('[data-testid=drill-stopped]', { timeout: 10_000 });
    expect(await page.locator('[data-testid=drill-stop]').count()).toBe(0);
    await live.page.close();
    // the emergency view on the trainer's page shows the cloud's tail
    await page.click('[data-testid=tab-emergency]');
    await page.waitForSelector('[data-testid=em-tail]', { timeout: 10_000 });
    await page.click('[data-testid=tab-alarms]');
    // in Chinese
    await page.click('[data-testid=lang]');
    await page.waitForFunction(() => document.querySelector('[data-testid=drill-banner]')?.textContent?.startsWith('培训演练'), null, { timeout: 5000 });
    await screenshot(page, 'drill-zh');
    await page.click('[data-testid=lang]');
    // the trainer ends it: the banner says so, the server forgets it, and the debrief shows who
    // acknowledged which alarm how fast
    await page.click('[data-testid=drill-end]');
    await page.waitForSelector('[data-testid=drill-banner][data-state=ended]', { timeout: 10_000 });
    expect(h.server.drills.list()).toEqual([]);
    // the status bar says the drill is over (the trainer is still signed in: not "sign in")
    expect(await page.innerText('[data-testid=kpi-unknown]')).toBe('The drill has ended: no more drill data; back to the live park for the live status');
    await page.waitForSelector('[data-testid=drill-ended-panel]', { timeout: 5000 });
    await page.waitForSelector('[data-testid=drill-report]', { timeout: 5000 });
    expect(await page.innerText('[data-testid=drill-report-alarms]')).toMatch(
      /^\d+ alarms raised, [1-9]\d* acknowledged; median response \d+:\d\d, slowest \d+:\d\d$/,
    );
    expect(await page.innerText(`[data-testid=drill-report-alarm][data-alarm="${alarmId}"]`)).toContain(operator.name);
    expect(await page.innerText('[data-testid=drill-report-shutoff]')).toMatch(new RegExp(`^release shut off at \\d+:\\d\\d by ${operator.name}$`));
    await screenshot(page, 'drill-debrief-en');
    const [file] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=drill-report-download]')]);
    expect(file.suggestedFilename()).toBe(`drill-${id}-debrief.json`);
    // a link to a drill that is not running (ended, or from before a restart) says so
    const stale = await openPage(h, `/?lang=en&demo=operator&drill=nope`);
    await stale.page.waitForSelector('[data-testid=drill-banner][data-state=ended]', { timeout: 20_000 });
    await stale.page.waitForSelector('[data-testid=drill-ended-panel]', { timeout: 20_000 });
    expect(stale.errors).toEqual([]);
    await stale.page.close();
    expect(errors).toEqual([]);
    await page.close();
  }, 150_000);
});
