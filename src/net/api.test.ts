/**
 * The typed API client: URLs built from the route's name (parameters encoded, empty query values
 * left out, the drill on drill-aware routes), the CSRF token on writes only, failures as values.
 * The routes' types are checked by the compiler: the `@ts-expect-error` lines fail the type check
 * when a required part of a call could be left out.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useDrill } from '../state/drill.ts';
import { api, setCsrf, urlOf } from './api.ts';

afterEach(() => {
  vi.unstubAllGlobals();
  useDrill.setState({ id: null });
  setCsrf(null);
});

describe('the API client', () => {
  it('builds the URL from the route: parameters encoded, empty query values left out', () => {
    expect(urlOf('GET /api/sensors/:id/history', { id: 'GD 1/ä' }, { since: 5 })).toBe('/api/sensors/GD%201%2F%C3%A4/history?since=5');
    expect(urlOf('GET /api/events', undefined, { type: '', limit: 10, until: undefined })).toBe('/api/events?limit=10');
  });

  it('on a drill page, reads the drill on the drill-aware routes only', () => {
    useDrill.setState({ id: 'd-1' });
    expect(urlOf('GET /api/events', undefined, { limit: 1 })).toBe('/api/events?limit=1&drill=d-1');
    expect(urlOf('POST /api/alarms/:id/ack', { id: 'A:HH' })).toBe('/api/alarms/A%3AHH/ack?drill=d-1');
    expect(urlOf('GET /api/drills/:id', { id: 'd-1' })).toBe('/api/drills/d-1');
  });

  it('sends the CSRF token with writes only, the body as JSON, and answers a failure as a value', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return url.endsWith('/shelve')
        ? new Response(JSON.stringify({ error: 'alarm A:HH is normal' }), { status: 409 })
        : new Response(JSON.stringify([]), { status: 200 });
    });
    setCsrf('tok');
    expect(await api('GET /api/alarms')).toMatchObject({ ok: true, status: 200, data: [] });
    expect(await api('POST /api/alarms/:id/shelve', { params: { id: 'A:HH' }, body: { minutes: 30 } })).toEqual({
      ok: false,
      status: 409,
      error: 'alarm A:HH is normal',
      body: { error: 'alarm A:HH is normal' },
    });
    expect(calls[0].init.headers).toEqual({});
    expect(calls[1].init).toMatchObject({ method: 'POST', headers: { 'x-csrf-token': 'tok', 'content-type': 'application/json' }, body: '{"minutes":30}' });
  });

  it('a write refused for a stale CSRF token reads the session again and is sent once more; without a session it is not', async () => {
    const calls: { url: string; token?: string }[] = [];
    let current = 'new-token';
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      const token = (init?.headers as Record<string, string> | undefined)?.['x-csrf-token'];
      calls.push({ url, token });
      if (url === '/api/session')
        return current ? new Response(JSON.stringify({ name: 'op', role: 'operator', csrf: current })) : new Response('{}', { status: 401 });
      return token === 'new-token'
        ? new Response(JSON.stringify({ events: [] }))
        : new Response(JSON.stringify({ error: 'a write with the session cookie needs its X-CSRF-Token header (from GET /api/session)', code: 'csrf' }), {
            status: 403,
          });
    });
    setCsrf('old-token');
    expect(await api('POST /api/alarms/:id/ack', { params: { id: 'A:HH' } })).toMatchObject({ ok: true });
    expect(calls.map((c) => `${c.url} ${c.token ?? ''}`)).toEqual(['/api/alarms/A%3AHH/ack old-token', '/api/session ', '/api/alarms/A%3AHH/ack new-token']);
    // signed out meanwhile: the refusal stands, sent once
    calls.length = 0;
    setCsrf('old-token');
    current = '';
    expect(await api('POST /api/alarms/:id/ack', { params: { id: 'A:HH' } })).toMatchObject({ ok: false, status: 403 });
    expect(calls.map((c) => c.url)).toEqual(['/api/alarms/A%3AHH/ack', '/api/session']);
  });

  it('a write refused for another reason (the role) is not sent again', async () => {
    const calls: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      calls.push(url);
      return url === '/api/session'
        ? new Response(JSON.stringify({ name: 'v', role: 'viewer', csrf: 'tok' }))
        : new Response(JSON.stringify({ error: 'acknowledging alarms needs the operator role' }), { status: 403 });
    });
    setCsrf('tok');
    expect(await api('POST /api/alarms/:id/ack', { params: { id: 'A:HH' } })).toMatchObject({ ok: false, status: 403 });
    expect(calls).toEqual(['/api/alarms/A%3AHH/ack']);
  });

  it('answers a network failure as status 0', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await api('GET /api/status')).toEqual({ ok: false, status: 0, error: 'Failed to fetch', body: {} });
  });

  it('will not compile a call without what its route requires', () => {
    const never = false as boolean;
    if (never) {
      // @ts-expect-error the drill's id is required
      void api('GET /api/drills/:id');
      // @ts-expect-error a shelve needs its minutes
      void api('POST /api/alarms/:id/shelve', { params: { id: 'x' } });
      // @ts-expect-error no such route
      void api('GET /api/nothing');
    }
    expect(never).toBe(false);
  });
});
