/**
 * Single sign-on against a real OpenID Connect provider (the npm package oidc-provider, started on a
 * free port, with its own sign-in and consent pages), not a mock: the browser's round trip is
 * followed redirect by redirect with a cookie jar, the pages' forms submitted as a person would.
 */
import type { Server } from 'node:http';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type ParktwinServer } from './app.ts';
import { DEMO_LAYOUT } from './config.ts';
import { freePort } from './__test__/services.ts';

/** The provider's accounts: the role claim as a directory would send it (groups, several values). */
const ACCOUNTS: Record<string, { parktwin_roles?: string[] | string; enterprises?: string[] }> = {
  'zhang.wei': { parktwin_roles: ['viewer', 'operator', 'unrelated-group'] },
  'lpg.shift': { parktwin_roles: 'operator', enterprises: ['E-LPG'] },
  visitor: {},
};

let provider: Server;
let server: ParktwinServer;
let base = '';
let issuer = '';

beforeAll(async () => {
  const [port, providerPort] = [await freePort(), await freePort()];
  base = `http://127.0.0.1:${port}`;
  issuer = `http://127.0.0.1:${providerPort}`;
  const oidc = new Provider(issuer, {
    clients: [
      {
        client_id: 'parktwin',
        client_secret: 'a-client-secret-of-the-test',
        redirect_uris: [`${base}/api/auth/oidc/callback`],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], profile: ['preferred_username', 'parktwin_roles', 'enterprises'] },
    conformIdTokenClaims: false, // the role claim in the ID token, as Keycloak's and ADFS's mappers put it
    cookies: { keys: ['a-cookie-key-of-the-test'] },
    findAccount: (_ctx, id) => (id in ACCOUNTS ? { accountId: id, claims: () => ({ sub: id, preferred_username: id, ...ACCOUNTS[id] }) } : undefined),
  });
  provider = oidc.listen(providerPort, '127.0.0.1');
  server = await createApp({
    layoutFile: DEMO_LAYOUT,
    dbFile: ':memory:',
    tick_ms: 0,
    oidc: {
      issuer,
      clientId: 'parktwin',
      clientSecret: 'a-client-secret-of-the-test',
      redirectUri: `${base}/api/auth/oidc/callback`,
      roleClaim: 'parktwin_roles',
      enterpriseClaim: 'enterprises',
      allowHttp: true,
    },
  });
  await server.listen(port, '127.0.0.1');
}, 60_000);

afterAll(async () => {
  await server?.close();
  await new Promise((r) => provider?.close(r));
});

/** A browser, reduced: a cookie jar (names are unique across the two servers here) and manual redirects. */
class Browser {
  jar = new Map<string, string>();
  async get(url: string, init: RequestInit = {}): Promise<Response> {
    const r = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const [k, v] = [pair.slice(0, i), pair.slice(i + 1)];
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(c) || v === '') this.jar.delete(k);
      else this.jar.set(k, v);
    }
    return r;
  }
  /** Follows redirects, filling in the provider's sign-in form as `login` and pressing its consent button, until an answer that is not a redirect or a redirect to `stopAt`. */
  async signIn(login: string, stopAt?: string): Promise<{ res: Response; url: string }> {
    let url = `${base}/api/auth/oidc/login`;
    for (let hops = 0; hops < 20; hops++) {
      if (stopAt && url.startsWith(stopAt)) return { res: undefined as unknown as Response, url };
      const res = await this.get(url);
      if (res.status >= 300 && res.status < 400) {
        url = new URL(res.headers.get('location')!, url).href;
        continue;
      }
      const html = res.headers.get('content-type')?.includes('text/html') ? await res.text() : '';
      const action = /<form[^>]*action="([^"]+)"[^>]*method="post"/.exec(html)?.[1];
      if (!action) return { res, url };
      const prompt = /name="prompt" value="(\w+)"/.exec(html)![1];
      const body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
      const posted = await this.get(new URL(action, url).href, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
      expect(posted.status, await posted.clone().text()).toBeGreaterThanOrEqual(300);
      url = new URL(posted.headers.get('location')!, url).href;
    }
    throw new Error('too many redirects');
  }
}

/** Who /api/session says this browser is, or undefined when it is nobody (401). */
const session = async (b: Browser) => {
  const r = await b.get(`${base}/api/session`);
  return { user: r.status === 200 ? ((await r.json()) as { name: string; role: string; via: string; enterprises: string[] | null }) : undefined };
};

describe('OpenID Connect sign-in against a real provider', () => {
  it('the login redirect carries a PKCE S256 challenge, a state bound to this browser and a nonce; no credential in the URL', async () => {
    const b = new Browser();
    const r = await b.get(`${base}/api/auth/oidc/login`);
    expect(r.status).toBe(302);
    const to = new URL(r.headers.get('location')!);
    expect(to.origin).toBe(issuer);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(to.searchParams.get('nonce')).toBeTruthy();
    expect(to.searchParams.get('state')).toBe(b.jar.get('parktwin_oidc'));
    expect(to.search).not.toMatch(/secret/);
    expect(r.headers.getSetCookie()[0]).toMatch(/HttpOnly; SameSite=Lax/);
  });

  it('a person whose claim names parktwin roles is signed in with the highest; the session works on the API and the socket', async () => {
    const b = new Browser();
    const { res, url } = await b.signIn('zhang.wei');
    expect(url).toBe(`${base}/`);
    expect(res.status).toBe(200);
    expect(b.jar.get('parktwin_oidc')).toBeUndefined(); // the state cookie is spent
    expect((await session(b)).user).toMatchObject({ name: 'zhang.wei', role: 'operator', via: 'oidc', enterprises: null });
    expect((await b.get(`${base}/api/alarms`)).status).toBe(200);
    const audit = await server.live.store.queryAudit({ action: 'signin', actor: 'zhang.wei' });
    expect(audit.at(-1)).toMatchObject({ action: 'signin', detail: { via: 'oidc', role: 'operator' } });
  });

  it('the enterprise claim scopes the session', async () => {
    const b = new Browser();
    await b.signIn('lpg.shift');
    expect((await session(b)).user).toMatchObject({ name: 'lpg.shift', role: 'operator', enterprises: ['E-LPG'] });
  });

  it('an account without a parktwin role is refused (403) and the refusal audited', async () => {
    const b = new Browser();
    const { res } = await b.signIn('visitor');
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/no parktwin role/);
    expect((await session(b)).user).toBeUndefined();
    expect((await server.live.store.queryAudit({ action: 'signin.failed', actor: 'visitor' })).at(-1)?.detail).toMatchObject({ via: 'oidc' });
  });

  it('a callback with a forged code, a replayed state or another browser’s state signs nobody in', async () => {
    const b = new Browser();
    const { url } = await b.signIn('zhang.wei', `${base}/api/auth/oidc/callback`);
    const back = new URL(url);
    // another browser (no state cookie) brings the genuine answer: refused, and the state is spent
    expect((await new Browser().get(url)).status).toBe(400);
    // a fresh round trip, answered with a forged code: the provider does not confirm it
    const b2 = new Browser();
    const { url: url2 } = await b2.signIn('zhang.wei', `${base}/api/auth/oidc/callback`);
    const forged = new URL(url2);
    forged.searchParams.set('code', 'forged-code-forged-code-forged-code');
    expect((await b2.get(forged.href)).status).toBe(401);
    expect((await session(b2)).user).toBeUndefined();
    // the same state a second time: refused
    expect((await b2.get(url2)).status).toBe(400);
    expect(back.searchParams.get('state')).not.toBe(forged.searchParams.get('state'));
  });
});
