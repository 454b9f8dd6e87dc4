/**
 * Single sign-on with OpenID Connect (authorization code with PKCE), for sites that have an
 * identity provider. `GET /api/auth/oidc/login` sends the browser to the provider with a fresh
 * state, nonce and PKCE challenge (bound to this browser by a short-lived cookie); the provider
 * sends it back to `/api/auth/oidc/callback`, where the code is exchanged, the ID token checked
 * (issuer, audience, nonce, signature) and a session opened with the role named by a claim.
 * Pending sign-ins live in this process for ten minutes (a cluster needs sticky sessions for them).
 */
import { randomBytes } from 'node:crypto';
import type express from 'express';
import * as client from 'openid-client';
import { ROLES, type Role } from './legacy.ts';
import type { Auth } from './auth.ts';

export interface OidcConfig {
  /** The provider's issuer URL (PARKTWIN_OIDC_ISSUER); its discovery document is read at start. */
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** Where the provider sends the browser back: <public URL>/api/auth/oidc/callback. */
  redirectUri: string;
  /** The claim that names the user's parktwin role (a string or an array; the highest role wins). */
  roleClaim: string;
  /** The claim that lists the enterprises a user is limited to (absent: the whole park). */
  enterpriseClaim?: string;
  /** Allow an http:// issuer (tests and labs only; never in production). */
  allowHttp?: boolean;
}

export interface Oidc {
  login(req: express.Request, res: express.Response): void;
  callback(req: express.Request, res: express.Response, ip: string): Promise<void>;
}

const PENDING_MS = 10 * 60_000;
const STATE_COOKIE = 'parktwin_oidc';

/** The highest parktwin role a claim names (admin > trainer > operator > viewer), or null. */
export function roleFromClaim(claim: unknown): Role | null {
  const values = Array.isArray(claim) ? claim : [claim];
  let best = -1;
  for (const v of values) if (typeof v === 'string') best = Math.max(best, ROLES.indexOf(v as Role));
  return best >= 0 ? ROLES[best] : null;
}

export async function startOidc(cfg: OidcConfig, auth: Auth): Promise<Oidc> {
  const config = await client.discovery(
    new URL(cfg.issuer),
    cfg.clientId,
    undefined,
    cfg.clientSecret ? client.ClientSecretPost(cfg.clientSecret) : client.None(),
    cfg.allowHttp ? { execute: [client.allowInsecureRequests] } : undefined,
  );
  const pending = new Map<string, { verifier: string; nonce: string; at: number }>();
  const prune = () => {
    const cut = Date.now() - PENDING_MS;
    for (const [k, v] of pending) if (v.at < cut || pending.size > 10_000) pending.delete(k);
  };
  const secure = cfg.redirectUri.startsWith('https:') ? '; Secure' : '';
  const fail = (res: express.Response, status: number, message: string) => res.status(status).type('text/plain').send(`${message}\n`);
  return {
    login(_req, res) {
      prune();
      const verifier = client.randomPKCECodeVerifier();
      const state = randomBytes(24).toString('base64url');
      const nonce = client.randomNonce();
      pending.set(state, { verifier, nonce, at: Date.now() });
      client.calculatePKCECodeChallenge(verifier).then(
        (challenge) => {
          const url = client.buildAuthorizationUrl(config, {
            redirect_uri: cfg.redirectUri,
            scope: 'openid profile',
            code_challenge: challenge,
            code_challenge_method: 'S256',
            state,
            nonce,
          });
          // Lax, not Strict: the provider's redirect back is a cross-site navigation
          res.set('set-cookie', `${STATE_COOKIE}=${state}; Path=/api/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=600${secure}`).redirect(url.href);
        },
        () => fail(res, 503, 'single sign-on is unavailable: try again'),
      );
    },
    async callback(req, res, ip) {
      const state = typeof req.query.state === 'string' ? req.query.state : '';
      const bound = /(?:^|;\s*)parktwin_oidc=([A-Za-z0-9_-]+)/.exec(req.get('cookie') ?? '')?.[1];
      const p = pending.get(state);
      if (!p || bound !== state) return void fail(res, 400, 'sign-in expired or started in another browser: start again');
      pending.delete(state);
      let claims: Record<string, unknown>;
      try {
        const current = new URL(req.originalUrl, cfg.redirectUri);
        const tokens = await client.authorizationCodeGrant(config, current, {
          pkceCodeVerifier: p.verifier,
          expectedState: state,
          expectedNonce: p.nonce,
          idTokenExpected: true,
        });
        claims = (tokens.claims() ?? {}) as Record<string, unknown>;
      } catch (e) {
        void auth.audit({ actor: '(oidc)', action: 'signin.failed', target: null, ip, detail: { via: 'oidc', reason: (e as Error).message.slice(0, 200) } });
        return void fail(res, 401, 'the identity provider did not confirm the sign-in');
      }
      const name = String(claims.preferred_username ?? claims.name ?? claims.sub).slice(0, 64);
      const role = roleFromClaim(claims[cfg.roleClaim]);
      if (!role) {
        void auth.audit({
          actor: name,
          action: 'signin.failed',
          target: null,
          ip,
          detail: { via: 'oidc', reason: `no parktwin role in claim ${cfg.roleClaim}` },
        });
        return void fail(res, 403, `your account has no parktwin role (claim "${cfg.roleClaim}"): ask the park's administrator`);
      }
      const ents = cfg.enterpriseClaim ? claims[cfg.enterpriseClaim] : undefined;
      const enterprises = Array.isArray(ents) ? ents.filter((e): e is string => typeof e === 'string').slice(0, 200) : typeof ents === 'string' ? [ents] : null;
      const s = await auth.signInOidc(name, role, enterprises, ip);
      res.set('set-cookie', [s.cookie, `${STATE_COOKIE}=; Path=/api/auth/oidc; Max-Age=0`]).redirect('/');
    },
  };
}
