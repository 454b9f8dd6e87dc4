/**
 * bench/render: the plant view in headless Chromium (Debian's, WebGL through SwiftShader) on
 * generated parks at 1×, 10× and 40× the demo: draw calls, triangles, time to first frame and the
 * median frame time while orbiting — against the naive baseline (`?naive=1`, one mesh per object) in
 * the same run. Also the JavaScript the plant view loads before its first frame (Cesium excluded),
 * the shader programs compiled for it, and at 1× when each step of the first load was done (the
 * page's performance marks: entry script, app code, session, layout validated, first frame drawn).
 * "First frame" is the time the first frame has been drawn (a mark made after its render, which
 * compiles the shaders), from navigation, each page a new browser context (an empty cache).
 *
 * SwiftShader renders on the CPU: absolute frame times are far above a GPU's; read the ratios. Each
 * scale is measured BENCH_REPEAT times (default 3), alternating the two, and the medians reported.
 *
 * Live overlays: on a park of scale BENCH_LIVE_SCALE (27: about 20 000 sensors) the frame time with
 * BENCH_LIVE_PEOPLE (10 000) people and vehicles and every sensor updating at 1 Hz (a tenth of them
 * per frame, at ten frames a second) against the same scene without live data, alternating.
 * BENCH_SCALES=none runs only this part.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { launchChromium } from '../e2e/browser.ts';
import { generatePark } from '../src/generate/park.ts';
import { stringifyLayout } from '../src/model/serialize.ts';
import { createApp } from '../server/app.ts';
import { ROOT_DIR } from '../server/config.ts';

const SCALES = process.env.BENCH_SCALES === 'none' ? [] : (process.env.BENCH_SCALES ?? '1,10,40').split(',').map(Number);
/** The live-overlay measurement: a park of this scale (27: about 20 000 sensors) and this many people. */
const LIVE_SCALE = Number(process.env.BENCH_LIVE_SCALE ?? 27);
const LIVE_PEOPLE = Number(process.env.BENCH_LIVE_PEOPLE ?? 10_000);
const FRAMES = Number(process.env.BENCH_FRAMES ?? 12);
/** Each scale is measured REPEAT times, alternating parktwin and baseline; the medians are reported. */
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const [VW, VH] = (process.env.BENCH_VIEWPORT ?? '1600x900').split('x').map(Number);
const dist = path.join(ROOT_DIR, 'dist');
if (!existsSync(path.join(dist, 'index.html')) || process.env.BENCH_BUILD !== '0')
  await build({ logLevel: 'warn', configFile: path.join(ROOT_DIR, 'vite.config.ts') });
const tmp = mkdtempSync(path.join(tmpdir(), 'parktwin-bench-render-'));
const browser = await launchChromium();

/** The page's load marks (src/main.tsx, src/ui/App.tsx, src/scene/plant/FirstFrame.tsx), ms from navigation. */
const MARKS = ['parktwin:script', 'parktwin:app-code', 'parktwin:session', 'parktwin:model', 'parktwin:first-frame'] as const;

interface Run {
  drawCalls: number;
  /** Shader programs compiled by the first frame. */
  programs: number;
  /** When each load mark was made, ms from navigation. */
  marks: Record<string, number>;
  triangles: number;
  firstFrame_ms: number;
  medianFrame_ms: number;
  objects: number;
  js_kB: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(base: string, naive: boolean): Promise<Run> {
  const page = await browser.newPage({ viewport: { width: VW, height: VH } });
  let js = 0;
  page.on('response', async (r) => {
    if (r.url().endsWith('.js')) js += Number(r.headers()['content-length'] ?? (await r.body().catch(() => Buffer.alloc(0))).length);
  });
  await page.goto(`${base}/?lang=en${naive ? '&naive=1' : ''}`);
  await page.waitForFunction(() => window.__parktwin?.firstFrameAt_ms !== undefined, null, {
    timeout: 600_000,
  });
  const firstFrame_ms = (await page.evaluate(() => window.__parktwin.firstFrameAt_ms)) ?? Number.NaN;
  const jsBeforeFirstFrame = js;
  const programs = (await page.evaluate(() => window.__parktwin.inspect())).programs;
  const marks = await page.evaluate(
    (names) => Object.fromEntries(names.map((n) => [n, Math.round(performance.getEntriesByName(n, 'mark')[0]?.startTime ?? Number.NaN)])),
    [...MARKS],
  );
  const times = await page.evaluate((n) => window.__parktwin.benchOrbit(n), FRAMES);
  const stats = await page.evaluate(() => window.__parktwin.inspect());
  await page.close();
  const objects = Object.entries(stats.layers)
    .filter(([k]) => ['tank', 'naive-tank', 'sensor', 'naive-sensor', 'building', 'naive-prism', 'process_unit', 'dike'].includes(k))
    .reduce((s, [, n]) => s + n, 0);
  return {
    drawCalls: stats.drawCalls,
    programs,
    marks,
    triangles: stats.triangles,
    firstFrame_ms: Math.round(firstFrame_ms),
    medianFrame_ms: Math.round(median(times) * 10) / 10,
    objects,
    js_kB: Math.round(jsBeforeFirstFrame / 1024),
  };
}

const results: Record<string, { scale: number; tanks: number; parktwin: Run; naive: Run; frame_speedup: number }> = {};
for (const scale of SCALES) {
  const park = generatePark({ seed: 'bench-render', scale });
  const file = path.join(tmp, `park-${scale}.geojson`);
  writeFileSync(file, stringifyLayout(park));
  const server = await createApp({ layoutFile: file, staticDir: dist });
  const base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  const tanks = server.model.ofKind('tank').length;
  const runs: { p: Run; n: Run }[] = [];
  for (let k = 0; k < REPEAT; k++) runs.push({ p: await measure(base, false), n: await measure(base, true) });
  const pick = (which: 'p' | 'n'): Run => {
    const sorted = [...runs].sort((a, b) => a[which].medianFrame_ms - b[which].medianFrame_ms);
    const marks = Object.fromEntries(MARKS.map((m) => [m, median(runs.map((r) => r[which].marks[m]))]));
    return { ...sorted[Math.floor(sorted.length / 2)][which], firstFrame_ms: median(runs.map((r) => r[which].firstFrame_ms)), marks };
  };
  const parktwin = pick('p');
  const naive = pick('n');
  await server.close();
  results[`${scale}x`] = { scale, tanks, parktwin, naive, frame_speedup: Math.round((naive.medianFrame_ms / parktwin.medianFrame_ms) * 10) / 10 };
  process.stderr.write(`scale ${scale} done: ${JSON.stringify(results[`${scale}x`])}\n`);
}
// --- live overlays ---
let live: { scale: number; sensors: number; people: number; without_ms: number; with_ms: number; ratio: number } | null = null;
if (LIVE_PEOPLE > 0) {
  const park = generatePark({ seed: 'bench-render', scale: LIVE_SCALE });
  const file = path.join(tmp, `park-live-${LIVE_SCALE}.geojson`);
  writeFileSync(file, stringifyLayout(park));
  const server = await createApp({ layoutFile: file, staticDir: dist });
  const base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  const page = await browser.newPage({ viewport: { width: VW, height: VH } });
  await page.goto(`${base}/?lang=en`);
  await page.waitForFunction(() => window.__parktwin?.firstFrameAt_ms !== undefined, null, {
    timeout: 600_000,
  });
  const orbit = (people: number) => page.evaluate(([n, p]) => window.__parktwin.benchLiveOrbit(n, p), [FRAMES, people] as const);
  await orbit(0); // warm up
  const without: number[] = [];
  const withLive: number[] = [];
  for (let k = 0; k < REPEAT; k++) {
    without.push(median(await orbit(0)));
    withLive.push(median(await orbit(LIVE_PEOPLE)));
  }
  await page.close();
  const sensors = server.model.ofKind('sensor').length;
  await server.close();
  const a = median(without);
  const b = median(withLive);
  live = {
    scale: LIVE_SCALE,
    sensors,
    people: LIVE_PEOPLE,
    without_ms: Math.round(a * 10) / 10,
    with_ms: Math.round(b * 10) / 10,
    ratio: Math.round((b / a) * 100) / 100,
  };
  process.stderr.write('live overlays done\n');
}
await browser.close();

const header = ['scale', 'tanks', 'draw calls', 'triangles', 'first frame', 'median frame', 'naive draw calls', 'naive median frame', 'frame ×', 'initial JS'];
const rows = Object.values(results).map((r) => [
  `${r.scale}×`,
  String(r.tanks),
  String(r.parktwin.drawCalls),
  String(r.parktwin.triangles),
  `${r.parktwin.firstFrame_ms} ms`,
  `${r.parktwin.medianFrame_ms} ms`,
  String(r.naive.drawCalls),
  `${r.naive.medianFrame_ms} ms`,
  `${r.frame_speedup}×`,
  `${r.parktwin.js_kB} kB`,
]);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
for (const r of [header, ...rows]) process.stdout.write(r.map((c, i) => c.padEnd(widths[i])).join('  ') + '\n');
if (results['1x']) {
  const m = results['1x'].parktwin.marks;
  process.stdout.write(
    `\nfirst load at 1× (medians, ms from navigation): entry script ${m['parktwin:script']}, app code evaluated ${m['parktwin:app-code']}, signed in ${m['parktwin:session']}, layout validated ${m['parktwin:model']}, first frame drawn ${m['parktwin:first-frame']} (${results['1x'].parktwin.programs} shader programs)\n`,
  );
}
if (live)
  process.stdout.write(
    `\nlive overlays, scale ${live.scale} (${live.sensors} sensors), ${live.people} people and vehicles at 1 Hz: median frame ${live.with_ms} ms vs ${live.without_ms} ms without live data → ${live.ratio}× (goal ≤ 1.5×)\n`,
  );
process.stdout.write(JSON.stringify({ bench: 'render', frames: FRAMES, repeat: REPEAT, viewport: `${VW}x${VH}`, results, live }) + '\n');
