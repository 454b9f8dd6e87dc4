/**
 * The browser's sign-in: an HttpOnly session cookie the page never sees, set by the server when a
 * person signs in (password, single sign-on, or a demo role in demo mode). The page keeps only the
 * session's CSRF token, sent with every write. No credential is ever put in a URL or in storage.
 */
export interface SessionInfo {
  name: string;
  role: string;
  via: string;
  enterprises: string[] | null;
  csrf: string | null;
  demo: boolean;
}

/** How one can sign in here, when not signed in. */
export interface SignInOptions {
  demo: boolean;
  oidc: boolean;
  password: boolean;
  error?: string;
}

let csrf: string | null = null;

/** Headers of a write: the session's CSRF token. */
export const writeHeaders = (): Record<string, string> => (csrf ? { 'x-csrf-token': csrf } : {});

const remember = (s: SessionInfo) => {
  csrf = s.csrf;
  return s;
};

/** Who is signed in, or how to sign in. */
export async function getSession(): Promise<{ ok: true; session: SessionInfo } | { ok: false; options: SignInOptions }> {
  const r = await fetch('/api/session');
  const body = (await r.json().catch(() => ({}))) as SessionInfo & SignInOptions;
  if (r.ok) return { ok: true, session: remember(body) };
  return { ok: false, options: { demo: !!body.demo, oidc: !!body.oidc, password: !!body.password, error: r.status === 429 ? body.error : undefined } };
}

async function post(url: string, body: unknown): Promise<{ ok: true; session: SessionInfo } | { ok: false; status: number; error: string }> {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...writeHeaders() }, body: JSON.stringify(body) });
  const j = (await r.json().catch(() => ({}))) as SessionInfo & { error?: string };
  return r.ok ? { ok: true, session: remember(j) } : { ok: false, status: r.status, error: j.error ?? `HTTP ${r.status}` };
}

export const signInPassword = (name: string, password: string) => post('/api/sign-in', { name, password });
/** Demo mode only: signs in as the demo user of a role. */
export const signInDemo = (role: string) => post('/api/demo/sign-in', { role });

/** The demo roles, in demo mode (else none). */
export async function demoRoles(): Promise<{ name: string; role: string }[]> {
  const r = await fetch('/api/demo/users').catch(() => null);
  return r?.ok ? ((await r.json()) as { name: string; role: string }[]) : [];
}

export async function signOutSession(): Promise<void> {
  await fetch('/api/sign-out', { method: 'POST', headers: writeHeaders() }).catch(() => undefined);
  csrf = null;
}
