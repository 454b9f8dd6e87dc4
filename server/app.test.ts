/**
 * The real server on port 0: health, layout, unknown API routes, and refusing a bad layout file
 * with the feature and field named.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, LayoutLoadError, type ParktwinServer } from './app.ts';
import { DEMO_LAYOUT, readConfig } from './config.ts';

describe('server with the demo park', () => {
  let server: ParktwinServer;
  let base: string;
  beforeAll(async () => {
    server = await createApp({ layoutFile: DEMO_LAYOUT });
    base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  });
  afterAll(() => server.close());

  it('GET /api/health answers ok with the layout summary', async () => {
    const res = await fetch(`${base}/api/health`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe('ok');
    expect(body.layout.features).toBe(1094);
    expect(body.layout.counts.tank).toBe(158);
  });

  it('GET /api/layout returns the layout as GeoJSON', async () => {
    expect((await fetch(`${base}/api/layout`)).status).toBe(401);
    const res = await fetch(`${base}/api/layout`, { headers: { authorization: `Bearer ${server.users[0].token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    const body = await res.json();
    expect(body.type).toBe('FeatureCollection');
    expect(body.parktwin.version).toBe(1);
    expect(body.features).toHaveLength(1094);
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await fetch(`${base}/api/nope`, { headers: { authorization: `Bearer ${server.users[0].token}` } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'no such API route' });
  });

  it('without a built front end, says how to build it', async () => {
    const res = await fetch(`${base}/`);
    expect(await res.text()).toContain('npm run build');
  });
});

describe('server configuration and bad layouts', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'parktwin-server-'));

  it('refuses an invalid layout, naming feature and field', async () => {
    const file = path.join(tmp, 'bad.geojson');
    writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        parktwin: { version: 1 },
        features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [117.5, 38.7] }, properties: { kind: 'tank', id: 'T-1' } }],
      }),
    );
    try {
      await createApp({ layoutFile: file });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LayoutLoadError);
      const issues = (e as LayoutLoadError).issues;
      expect(issues).toContainEqual({ severity: 'error', feature: 'T-1', path: 'properties.substance', message: 'missing; required for a tank' });
    }
  });

  it('keeps the layout warnings (the server prints them at start)', async () => {
    const layout = JSON.parse(readFileSync(DEMO_LAYOUT, 'utf8'));
    layout.features.find((f: { properties: { id: string } }) => f.properties.id === 'B-REF-CCR').properties.heigth_m = 3;
    const file = path.join(tmp, 'warn.geojson');
    writeFileSync(file, JSON.stringify(layout));
    const s = await createApp({ layoutFile: file, tick_ms: 0 });
    expect(s.warnings).toEqual([expect.objectContaining({ feature: 'B-REF-CCR', path: 'properties.heigth_m' })]);
    await s.close();
  });

  it('refuses a missing or non-JSON layout file with a one-line reason', async () => {
    await expect(createApp({ layoutFile: path.join(tmp, 'missing.geojson') })).rejects.toThrow(/cannot read \(no such file\)/);
    const file = path.join(tmp, 'text.geojson');
    writeFileSync(file, 'hello');
    await expect(createApp({ layoutFile: file })).rejects.toThrow(/not JSON/);
  });

  it('reads PORT and PARKTWIN_LAYOUT, defaulting to 8080 and the demo park', () => {
    expect(readConfig({})).toMatchObject({ port: 8080, layoutFile: DEMO_LAYOUT });
    expect(readConfig({ PORT: '9000', PARKTWIN_LAYOUT: 'x.geojson' })).toMatchObject({ port: 9000, layoutFile: path.resolve('x.geojson') });
    expect(() => readConfig({ PORT: 'http' })).toThrow(/PORT must be a port number/);
    expect(readConfig({}).simulator).toBe(true);
    expect(readConfig({ PARKTWIN_SIMULATOR: 'off' }).simulator).toBe(false);
    expect(() => readConfig({ PARKTWIN_SIMULATOR: 'maybe' })).toThrow(/PARKTWIN_SIMULATOR must be on, off or opcua, not "maybe"/);
    expect(readConfig({ DATABASE_URL: 'postgres://u@h:5432/db', REDIS_URL: 'redis://127.0.0.1:6380' })).toMatchObject({
      databaseUrl: 'postgres://u@h:5432/db',
      redisUrl: 'redis://127.0.0.1:6380',
    });
    expect(() => readConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must start with postgres:\/\/ or postgresql:\/\//);
    expect(() => readConfig({ REDIS_URL: 'localhost' })).toThrow(/REDIS_URL is not a URL/);
  });
});
