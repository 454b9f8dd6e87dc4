/**
 * HTTPS: with TLS_CERT / TLS_KEY the one port speaks TLS (a certificate made for the test), a plain
 * HTTP request on it is redirected to https://, cookies are Secure, HSTS is sent, and the live
 * socket runs over wss://.
 */
import https from 'node:https';
import net from 'node:net';
import selfsigned from 'selfsigned';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type ParktwinServer } from './app.ts';
import { DEMO_LAYOUT } from './config.ts';

let server: ParktwinServer;
let port = 0;
let ca = '';

beforeAll(async () => {
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'parktwin.test' }], {
    keySize: 2048,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  ca = pems.cert;
  server = await createApp({ layoutFile: DEMO_LAYOUT, dbFile: ':memory:', tick_ms: 0, tls: { cert: pems.cert, key: pems.private } });
  port = await server.listen(0, '127.0.0.1');
}, 60_000);
afterAll(() => server?.close());

/** An HTTPS request trusting the test's certificate (and nothing else). */
function request(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: init.headers, ca }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** A plain-HTTP request on the same port, written by hand. */
function plain(text: string) {
  return new Promise<string>((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(text));
    let out = '';
    s.on('data', (d) => (out += d));
    s.on('end', () => resolve(out));
    s.on('error', reject);
    s.setTimeout(5000, () => (s.destroy(), reject(new Error('no answer'))));
  });
}

describe('HTTPS', () => {
  it('serves the API over TLS with HSTS; a certificate it was not given is not trusted by a strict client', async () => {
    const r = await request('/api/health');
    expect(r.status).toBe(200);
    expect(r.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(r.headers['content-security-policy']).toMatch(/upgrade-insecure-requests/);
    await expect(fetch(`https://127.0.0.1:${port}/api/health`)).rejects.toThrow(); // the default trust store does not know the test's CA
  });

  it('redirects plain HTTP on the same port to https:// (301), a forged Host cleaned of what could split the header', async () => {
    const answer = await plain('GET /api/health?x=1 HTTP/1.1\r\nHost: 127.0.0.1:' + port + '\r\nConnection: close\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 301/);
    expect(answer).toMatch(new RegExp(`location: https://127\\.0\\.0\\.1:${port}/api/health\\?x=1\\r\\n`, 'i'));
    const forged = await plain('GET / HTTP/1.1\r\nHost: evil"<x>\r\nConnection: close\r\n\r\n');
    expect(forged).toMatch(/location: https:\/\/evilx\//i);
  });

  it('session cookies are Secure (and HttpOnly, SameSite=Strict); the live socket works over wss://', async () => {
    const r = await request('/api/demo/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'viewer' }) });
    expect(r.status).toBe(200);
    const cookie = (r.headers['set-cookie'] as string[])[0];
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const c = connect(`https://127.0.0.1:${port}`, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      ca,
      extraHeaders: { cookie: cookie.split(';')[0] },
    });
    try {
      const snap = await new Promise<{ user: { role: string } }>((resolve, reject) => (c.once('snapshot', resolve), c.once('connect_error', reject)));
      expect(snap.user.role).toBe('viewer');
    } finally {
      c.close();
    }
  });
});
