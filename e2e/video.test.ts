/**
 * Video in real headless Chromium against the real server. ffmpeg makes a real live HLS stream of a
 * test pattern, served from its own port as a camera on the plant network would be; the layout's
 * LPG tank-group camera points at it. A gas detector next to the camera goes past HH: the camera's
 * panel opens by itself (视频联动) and its video plays (frames advance). Then the demo's own
 * cameras (the streams `npm start` serves): an analytics event opens its camera first, the event
 * shows in the feed with its snapshot; panels pin and close; a camera clicked on the twin opens. Screenshots in both languages.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LAYOUT } from '../server/config.ts';
import { browserOrSkip, type Harness, openPage, screenshot, startHarness } from './harness.ts';

const FFMPEG = ['/usr/bin/ffmpeg', '/usr/local/bin/ffmpeg'].find((p) => existsSync(p));
if (!FFMPEG) {
  if (process.env.CI) throw new Error('ffmpeg is missing: the video tests cannot make their stream (apt-get install ffmpeg)');
  console.warn('\n!!! ffmpeg not installed: SKIPPING video browser tests !!!\n');
}
const run = browserOrSkip() && Boolean(FFMPEG);
const CAMERA = 'DK-LPG-1-CCTV';

/** The video element's clock and decoded frames, for a panel's camera. */
const playback = (page: Page, camera: string) =>
  page.evaluate((c) => {
    const v = document.querySelector<HTMLVideoElement>(`[data-testid=video-panel][data-camera="${c}"] video`);
    return v ? { t: v.currentTime, frames: v.getVideoPlaybackQuality().totalVideoFrames, ready: v.readyState, paused: v.paused } : null;
  }, camera);

async function framesAdvance(page: Page, camera: string) {
  await page.waitForFunction((c) => (document.querySelector<HTMLVideoElement>(`[data-camera="${c}"] video`)?.readyState ?? 0) >= 2, camera, {
    timeout: 20_000,
  });
  const a = await playback(page, camera);
  await page.waitForTimeout(2500);
  const b = await playback(page, camera);
  expect(a && b).toBeTruthy();
  expect(b!.t).toBeGreaterThan(a!.t + 1);
  expect(b!.frames).toBeGreaterThan(a!.frames);
  expect(b!.paused).toBe(false);
}

describe.skipIf(!run)('video', () => {
  let h: Harness;
  let ffmpeg: ChildProcess;
  let media: http.Server;
  const dir = mkdtempSync(path.join(tmpdir(), 'parktwin-hls-'));
  const ingest = (route: string, body: unknown) =>
    fetch(`${h.base}/api/ingest/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${h.server.ingestToken}` },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    // a live stream: 1 s segments of a moving test pattern, the playlist sliding over the last five
    ffmpeg = spawn(
      FFMPEG!,
      [
        ...['-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=10'],
        ...['-c:v', 'libx264', '-profile:v', 'baseline', '-pix_fmt', 'yuv420p', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', '10'],
        ...['-f', 'hls', '-hls_time', '1', '-hls_list_size', '5', '-hls_flags', 'delete_segments+omit_endlist', path.join(dir, 'live.m3u8')],
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    // served as a camera's streaming server would: another origin, CORS open to the twin
    media = http.createServer((req, res) => {
      const file = path.join(dir, path.basename(new URL(req.url ?? '/', 'http://x').pathname));
      res.setHeader('access-control-allow-origin', '*');
      if (!existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': file.endsWith('.m3u8') ? 'application/vnd.apple.mpegurl' : 'video/mp2t', 'cache-control': 'no-cache' });
      res.end(readFileSync(file));
    });
    await new Promise<void>((r) => media.listen(0, '127.0.0.1', r));
    const port = (media.address() as AddressInfo).port;
    const layout = JSON.parse(readFileSync(DEMO_LAYOUT, 'utf8'));
    const cam = layout.features.find((f: { properties: { id: string } }) => f.properties.id === CAMERA);
    cam.properties.camera.hls_url = `http://127.0.0.1:${port}/live.m3u8`;
    const file = path.join(dir, 'park.geojson');
    writeFileSync(file, JSON.stringify(layout));
    h = await startHarness(file);
    // three segments written before the page asks
    const end = Date.now() + 20_000;
    while (readdirSync(dir).filter((f) => f.endsWith('.ts')).length < 3) {
      if (Date.now() > end) throw new Error('ffmpeg wrote no stream');
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 90_000);
  afterAll(async () => {
    ffmpeg?.kill('SIGKILL');
    await new Promise((r) => media?.close(r));
    await h?.close();
  });

  it('an alarm next to a camera opens it by itself, and its live stream plays', async () => {
    const { page, errors } = await openPage(h, '/?lang=en&demo=operator', { width: 1920, height: 1080 });
    await page.waitForSelector('[data-testid=connection][data-state=live]', { timeout: 20_000 });
    expect(await page.$('[data-testid=video-panel]')).toBeNull();
    expect((await ingest('readings', [{ sensor: 'T-LPG-01-GD1', value: 60, t: Date.now() }])).status).toBe(200);
    await page.waitForSelector(`[data-testid=video-panel][data-camera="${CAMERA}"][data-reason="alarm.unacknowledged"]`, { timeout: 5000 });
    // nearest first: the camera of the tank group is the first panel
    expect(await page.getAttribute('[data-testid=video-panel]', 'data-camera')).toBe(CAMERA);
    await framesAdvance(page, CAMERA);
    // its view cone brighter on the twin, even from afar (where the other cameras' faint fans are left out)
    const stats = await page.evaluate(() => window.__parktwin.inspect());
    expect(stats.layers['live:camera-views-open']).toBeGreaterThanOrEqual(1);
    // the tank group and its camera's view, close up: every camera's fan drawn
    await page.evaluate(() => window.__parktwin.lookAt('DK-LPG-1'));
    await page.waitForFunction(() => window.__parktwin.cameraIdle(), null, { timeout: 10_000 });
    const near = await page.evaluate(() => window.__parktwin.inspect());
    expect(near.layers['live:camera-views']).toBeGreaterThan(10);
    await screenshot(page, 'video-alarm-en');
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('the globe draws every camera view, the one on the video wall brighter', async () => {
    const page = await h.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${h.base}/?lang=en&view=geo&demo=operator`);
    await page.waitForFunction(() => window.__parktwin?.geoReady === true, null, { timeout: 90_000 });
    const cameras = h.server.model.ofKind('sensor').filter((s) => s.props.camera).length;
    expect(cameras).toBeGreaterThan(20);
    await page.waitForFunction((n) => window.__parktwin.geoLive().cameraViews === n, cameras, { timeout: 10_000 });
    expect((await page.evaluate(() => window.__parktwin.geoLive())).openViews).toBe(0);
    expect((await ingest('readings', [{ sensor: 'T-LPG-03-PT', value: 5000, t: Date.now() }])).status).toBe(200);
    await page.waitForFunction(() => window.__parktwin.geoLive().openViews >= 1, null, { timeout: 10_000 });
    await page.close();
  }, 120_000);

  it("the demo's cameras: an analytics event opens its camera first, shows in the feed with its snapshot; panels pin and close", async () => {
    const { page, errors } = await openPage(h, '/?lang=zh-CN&demo=operator', { width: 1920, height: 1080 });
    await page.waitForSelector('[data-testid=connection][data-state=live]', { timeout: 20_000 });
    await page.click('[data-testid=tab-events]');
    const jpeg = execFileSync(FFMPEG!, ['-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=160x90', '-frames:v', '1', '-f', 'mjpeg', '-']).toString(
      'base64',
    );
    const r = await ingest('video', {
      camera: 'DK-REF-1-CCTV',
      kind: 'intrusion',
      t: Date.now(),
      confidence: 0.93,
      label: '2 人',
      snapshot: { media_type: 'image/jpeg', data_base64: jpeg },
    });
    expect(r.status).toBe(200);
    await page.waitForSelector('[data-testid=video-panel][data-camera="DK-REF-1-CCTV"]', { timeout: 5000 });
    expect(await page.getAttribute('[data-testid=video-panel]', 'data-camera')).toBe('DK-REF-1-CCTV');
    await framesAdvance(page, 'DK-REF-1-CCTV');
    // the feed (its video family): the event with its picture (loaded: the image has a size)
    await page.selectOption('[data-testid=event-type]', 'video');
    await page.waitForSelector('[data-testid=event][data-type="video.intrusion"] [data-testid=event-snapshot]', { state: 'attached', timeout: 5000 });
    // the camera and its place by their names in the page's language, the ids in the tooltip
    const subject = page.locator('[data-testid=event][data-type="video.intrusion"] .subject').first();
    expect(await subject.innerText()).toBe('REF罐组1视频监控');
    expect(await subject.getAttribute('title')).toBe('DK-REF-1-CCTV');
    expect(await page.locator('[data-testid=event][data-type="video.intrusion"] .place').first().innerText()).toBe('@ REF罐组1防火堤');
    await page.waitForFunction(() => (document.querySelector<HTMLImageElement>('[data-testid=event-snapshot]')?.naturalWidth ?? 0) === 160, null, {
      timeout: 5000,
    });
    // the camera's H alarm by rule; pin its panel, then a second linkage leaves it; close it
    await page.click('[data-testid=tab-alarms]');
    await page.waitForSelector('[data-alarm="DK-REF-1-CCTV:H"]', { timeout: 5000 });
    // the row says what the analytics saw, not the rule's level as a reading
    expect(await page.innerText('[data-alarm="DK-REF-1-CCTV:H"] .what')).toContain('H · 区域入侵 · ');
    await page.click('[data-camera="DK-REF-1-CCTV"] [data-testid=video-pin]');
    await screenshot(page, 'video-analytics-zh');
    expect((await ingest('readings', [{ sensor: 'T-LPG-02-GD1', value: 60, t: Date.now() }])).status).toBe(200);
    await page.waitForSelector(`[data-testid=video-panel][data-camera="${CAMERA}"]`, { timeout: 5000 });
    expect(await page.$('[data-camera="DK-REF-1-CCTV"][data-testid=video-panel].pinned')).not.toBeNull();
    await page.click('[data-camera="DK-REF-1-CCTV"] [data-testid=video-close]');
    await page.waitForSelector('[data-testid=video-panel][data-camera="DK-REF-1-CCTV"]', { state: 'detached', timeout: 3000 });
    // a camera clicked on the twin opens its panel
    const cam = 'DK-LNG-1-CCTV';
    await page.evaluate((id) => window.__parktwin.lookAt(id), cam);
    await page.waitForFunction(() => window.__parktwin.cameraIdle(), null, { timeout: 10_000 });
    const xy = await page.evaluate((id) => window.__parktwin.screenPosition(id), cam);
    expect(xy).not.toBeNull();
    await page.mouse.click(xy![0], xy![1]);
    await page.waitForSelector(`[data-testid=video-panel][data-camera="${cam}"][data-reason=selected]`, { timeout: 5000 });
    expect(await page.getAttribute('[data-testid=info-panel]', 'data-feature')).toBe(cam);
    await framesAdvance(page, cam);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
