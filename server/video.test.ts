/**
 * Video against the real server: analytics events with their snapshots in by HTTP (a bad batch —
 * unknown camera, a picture that is not what it says, one too large, a kind no analytics reports —
 * is a 400 with every reason and stores nothing); the event and its picture read back, the picture
 * only by those who see the camera; by the rules, smoke raises the camera's HH alarm and it clears
 * when the hold is over, a missing helmet is an event only; the demo cameras' live streams behind
 * sign-in, and the content security policy admitting the layout's video hosts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LiveAlarm, LiveEvent } from '../src/protocol/events.ts';
import { useServers } from './__test__/server.ts';
import { hashToken } from './auth/secrets.ts';
import { writeUsersFile } from './auth/usersFile.ts';
import { DEMO_LAYOUT } from './config.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'parktwin-video-'));
const usersFile = path.join(dir, 'users.json');
const token = (k: string) => `${k}-token-0123456789`;
writeUsersFile(usersFile, {
  users: [],
  tokens: [
    { name: 'park-office', scope: 'read', hash: hashToken(token('park')) },
    { name: 'lpg-op', scope: 'read', hash: hashToken(token('lpg')), enterprises: ['E-LPG'] },
    { name: 'ref-op', scope: 'read', hash: hashToken(token('ref')), enterprises: ['E-REF'] },
  ],
  shared: [],
});
const rulesFile = path.join(dir, 'rules.json');
// smoke holds its alarm 1 s (the default is 5 min); intrusion from 0.6
writeFileSync(
  rulesFile,
  JSON.stringify([
    { kind: 'smoke_flame', value: 2, hold_s: 1 },
    { kind: 'intrusion', value: 1, min_confidence: 0.6 },
  ]),
);

// a 1×1 PNG
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const CAMERA = 'DK-LPG-1-CCTV';

const post = (base: string, body: unknown) =>
  fetch(`${base}/api/ingest/video`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer ingest-token-0123' },
    body: JSON.stringify(body),
  });
const get = (base: string, who: string, route: string) => fetch(`${base}${route}`, { headers: { authorization: `Bearer ${token(who)}` } });
const videoEvents = async (base: string): Promise<LiveEvent[]> => (await (await get(base, 'park', '/api/events?type=video')).json()) as LiveEvent[];
const alarmsOf = async (base: string, sensor: string): Promise<LiveAlarm[]> =>
  ((await (await get(base, 'park', '/api/alarms')).json()) as LiveAlarm[]).filter((a) => a.sensor === sensor);
const until = async (cond: () => Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('video', () => {
  const start = useServers(() => ({
    dbFile: ':memory:',
    usersFile,
    ingestToken: 'ingest-token-0123',
    videoRulesFile: rulesFile,
    video: { snapshotMax_bytes: 2048 },
  }));

  it('takes an analytics event with its picture, keeps both, raises the alarm by rule and clears it after the hold', async () => {
    const { base } = await start();
    const t = Date.now();
    const r = await post(base, {
      camera: CAMERA,
      kind: 'smoke_flame',
      t,
      confidence: 0.92,
      label: '烟雾',
      source_id: 'ivs-77',
      snapshot: { media_type: 'image/png', data_base64: PNG },
    });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ accepted: 1, alarms: 1, events: 1 });
    const [e] = await videoEvents(base);
    expect(e).toMatchObject({ type: 'video.smoke_flame', subject: CAMERA, place: 'DK-LPG-1' });
    expect(e.detail).toMatchObject({ kind: 'smoke_flame', confidence: 0.92, label: '烟雾', source_id: 'ivs-77', via: 'http', priority: 'high', alarm: true });
    // the picture, byte for byte, to those who see the camera
    const id = e.detail.snapshot as number;
    const pic = await get(base, 'park', `/api/video/snapshots/${id}`);
    expect(pic.status).toBe(200);
    expect(pic.headers.get('content-type')).toBe('image/png');
    expect(Buffer.compare(Buffer.from(await pic.arrayBuffer()), Buffer.from(PNG, 'base64'))).toBe(0);
    expect((await get(base, 'lpg', `/api/video/snapshots/${id}`)).status).toBe(200);
    expect((await get(base, 'ref', `/api/video/snapshots/${id}`)).status).toBe(404); // another enterprise's camera
    expect((await fetch(`${base}/api/video/snapshots/${id}`)).status).toBe(401);
    expect((await get(base, 'park', '/api/video/snapshots/99999')).status).toBe(404);
    // the camera's HH alarm (high priority), then back to normal once the hold is over
    const [a] = await alarmsOf(base, CAMERA);
    expect(a).toMatchObject({ level: 'HH', priority: 'high', state: 'unacknowledged', value: 2 });
    await until(async () => (await alarmsOf(base, CAMERA)).every((x) => x.state === 'rtn_unacknowledged'));
  });

  it('an event below its rule, or of a kind without one, is an event only', async () => {
    const { base } = await start();
    const t = Date.now();
    const r = await post(base, [
      { camera: 'DK-REF-1-CCTV', kind: 'no_helmet', t, label: '未戴安全帽 1' },
      { camera: 'DK-REF-1-CCTV', kind: 'intrusion', t, confidence: 0.3 },
    ]);
    expect(await r.json()).toMatchObject({ accepted: 2, alarms: 0, events: 2 });
    const es = await videoEvents(base);
    expect(es.map((e) => e.type).sort()).toEqual(['video.intrusion', 'video.no_helmet']);
    expect(es.every((e) => e.detail.snapshot === null && !('priority' in e.detail))).toBe(true);
    expect(await alarmsOf(base, 'DK-REF-1-CCTV')).toEqual([]);
    // the same intrusion seen surely is the camera's H alarm
    await post(base, { camera: 'DK-REF-1-CCTV', kind: 'intrusion', t: t + 1, confidence: 0.9 });
    expect((await alarmsOf(base, 'DK-REF-1-CCTV')).map((a) => [a.level, a.priority])).toEqual([['H', 'medium']]);
  });

  it('a bad batch is refused whole, with every reason, and stores nothing', async () => {
    const { base } = await start();
    const t = Date.now();
    const big = Buffer.concat([Buffer.from(PNG, 'base64'), Buffer.alloc(4096)]).toString('base64');
    const r = await post(base, [
      { camera: CAMERA, kind: 'smoke_flame', t },
      { camera: 'T-NOPE', kind: 'intrusion', t },
      { camera: CAMERA, kind: 'gas_cloud', t, snapshot: { media_type: 'image/jpeg', data_base64: PNG } },
      { camera: CAMERA, kind: 'gas_cloud', t, snapshot: { media_type: 'image/png', data_base64: big } },
      { camera: 'DK-LPG-1-GT', kind: 'intrusion', t },
    ]);
    expect(r.status).toBe(400);
    const body = await r.json();
    expect(body.error).toBe('batch rejected, nothing applied');
    expect(body.reasons).toEqual([
      '1.camera: T-NOPE is no video sensor of the layout',
      '2.snapshot: the data is not image/jpeg',
      '3.snapshot: 5 kB, at most 2 kB',
      '4.camera: DK-LPG-1-GT is no video sensor of the layout',
    ]);
    const schema = await post(base, { camera: CAMERA, kind: 'fire_alarm', t, confidence: 2 });
    expect(schema.status).toBe(400);
    expect((await schema.json()).reasons).toHaveLength(2);
    expect(await videoEvents(base)).toEqual([]);
    expect(await alarmsOf(base, CAMERA)).toEqual([]);
  });

  it('serves the demo cameras as live HLS to those signed in; the CSP admits the layout video hosts', async () => {
    // a layout whose camera streams from an NVR on another host
    const layout = JSON.parse(readFileSync(DEMO_LAYOUT, 'utf8'));
    const cam = layout.features.find((f: { properties: { id: string } }) => f.properties.id === CAMERA);
    cam.properties.camera.hls_url = 'http://10.20.0.5:8080/live/lpg1.m3u8';
    const file = path.join(dir, 'nvr.geojson');
    writeFileSync(file, JSON.stringify(layout));
    const { base } = await start();
    expect((await fetch(`${base}/api/video/demo/a.m3u8`)).status).toBe(401);
    const pl = await get(base, 'park', '/api/video/demo/a.m3u8');
    expect(pl.headers.get('content-type')).toMatch(/mpegurl/);
    const text = await pl.text();
    const segs = text.split('\n').filter((l) => l.endsWith('.ts'));
    expect(segs).toHaveLength(4);
    const seg = await get(base, 'park', `/api/video/demo/${segs[0]}`);
    expect(seg.status).toBe(200);
    expect((await seg.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    expect((await get(base, 'park', '/api/video/demo/../../package.json')).status).toBe(404);
    expect((await get(base, 'park', '/api/video/demo/d.m3u8')).status).toBe(404);
    expect(pl.headers.get('content-security-policy')).toMatch(/media-src 'self' blob:/);
    // another server on the NVR layout: its origin is admitted for streams
    const other = await useServersOnce(file);
    const csp = (await fetch(`${other.base}/api/health`)).headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/media-src 'self' blob: http:\/\/10\.20\.0\.5:8080/);
    expect(csp).toMatch(/connect-src [^;]*http:\/\/10\.20\.0\.5:8080/);
    await other.s.close();
  });
});

async function useServersOnce(layoutFile: string) {
  const { createApp } = await import('./app.ts');
  const s = await createApp({ layoutFile, dbFile: ':memory:', tick_ms: 0, usersFile });
  return { s, base: `http://127.0.0.1:${await s.listen(0, '127.0.0.1')}` };
}
