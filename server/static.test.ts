/**
 * The app's files as the server sends them: the build's own brotli and gzip copies (vite.config.ts)
 * chosen by the client's Accept-Encoding, the file itself to a client that takes neither; names with a
 * content hash cached for good, the page itself not. Raw HTTP, so the encoding is seen as sent.
 */
import http from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type ParktwinServer } from './app.ts';
import { DEMO_LAYOUT } from './config.ts';

const script = `export const x = ${JSON.stringify('parktwin '.repeat(2000))};\n`;

function get(url: string, acceptEncoding?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('static files', () => {
  let server: ParktwinServer;
  let base: string;
  const br = brotliCompressSync(script);
  const gz = gzipSync(script);
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parktwin-static-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>parktwin</title>');
    writeFileSync(path.join(dir, 'assets', 'app-AbC_12-x.js'), script);
    writeFileSync(path.join(dir, 'assets', 'app-AbC_12-x.js.br'), br);
    writeFileSync(path.join(dir, 'assets', 'app-AbC_12-x.js.gz'), gz);
    server = await createApp({ layoutFile: DEMO_LAYOUT, staticDir: dir, simulator: false });
    base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  });
  afterAll(() => server.close());

  it('sends the brotli copy to a client that takes it, as it was built (not compressed again)', async () => {
    const r = await get(`${base}/assets/app-AbC_12-x.js`, 'gzip, deflate, br');
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['content-type']).toContain('javascript');
    expect(r.body.equals(br)).toBe(true);
  });

  it('the gzip copy to a client that takes gzip only, the file itself to one that takes neither', async () => {
    const g = await get(`${base}/assets/app-AbC_12-x.js`, 'gzip');
    expect(g.headers['content-encoding']).toBe('gzip');
    expect(g.body.equals(gz)).toBe(true);
    const plain = await get(`${base}/assets/app-AbC_12-x.js`, 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });

  it('caches a file named by its content for good, and asks for the page itself each time (an upgrade is seen at once)', async () => {
    const asset = await get(`${base}/assets/app-AbC_12-x.js`, 'br');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await get(`${base}/`, 'br');
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    const route = await get(`${base}/some/view`, 'br'); // the app's own routes get the page too
    expect(route.status).toBe(200);
    expect(route.headers['cache-control']).toBe('no-cache');
  });
});
