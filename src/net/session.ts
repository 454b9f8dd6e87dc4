/**
 * The browser's sign-in: an HttpOnly session cookie the page never sees, set by the server when a
 * person signs in (password, single sign-on, or a demo role in demo mode). The page keeps only the
 * session's CSRF token (in the API client), sent with every write. No credential is ever put in a
 * URL or in storage.
 */
import type { SessionInfo, SignInOptions as SignInChoices } from '../protocol/api.ts';
import { ROLES, type Role } from '../protocol/roles.ts';
import { api, setCsrf } from './api.ts';
import { useSession } from '../state/session.ts';

export type { SessionInfo };

/** How one can sign in here, when not signed in (and the reason to wait, after too many tries). */
export interface SignInOptions extends SignInChoices {
  error?: string;
}

const remember = (s: SessionInfo) => {
  setCsrf(s.csrf);
  useSession.setState({ user: { name: s.name, role: s.role } });
  return s;
};

/** Who is signed in, or how to sign in. */
export async function getSession(): Promise<{ ok: true; session: SessionInfo } | { ok: false; options: SignInOptions }> {
  const r = await api('GET /api/session');
  if (r.ok) return { ok: true, session: remember(r.data) };
  const b = r.body as Partial<SignInOptions>;
  return { ok: false, options: { demo: !!b.demo, oidc: !!b.oidc, password: !!b.password, error: r.status === 429 ? r.error : undefined } };
}

type SignedIn = { ok: true; session: SessionInfo } | { ok: false; status: number; error: string };
const signedIn = (r: Awaited<ReturnType<typeof api<'POST /api/sign-in'>>>): SignedIn =>
  r.ok ? { ok: true, session: remember(r.data) } : { ok: false, status: r.status, error: r.error };

export const signInPassword = async (name: string, password: string) => signedIn(await api('POST /api/sign-in', { body: { name, password } }));
/** Demo mode only: signs in as the demo user of a role. */
export const signInDemo = async (role: Role) => signedIn(await api('POST /api/demo/sign-in', { body: { role } }));

/**
 * Signs the page in before anything is read: with the session cookie it has, else — in demo mode —
 * as the demo role the URL names (`?demo=operator`) or the demo viewer. False: a person must sign in.
 */
export async function ensureSession(): Promise<boolean> {
  const s = await getSession();
  if (s.ok) return true;
  if (!s.options.demo) return false;
  const asked = new URLSearchParams(window.location.search).get('demo');
  const role = ROLES.find((r) => r === asked) ?? 'viewer';
  return (await signInDemo(role)).ok || (await signInDemo('viewer')).ok;
}

/** The demo roles, in demo mode (else none). */
export async function demoRoles(): Promise<{ name: string; role: Role }[]> {
  const r = await api('GET /api/demo/users');
  return r.ok ? r.data : [];
}

export async function signOutSession(): Promise<void> {
  await api('POST /api/sign-out');
  setCsrf(null);
  useSession.setState({ user: null });
}
