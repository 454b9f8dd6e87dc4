/**
 * The browser's one client of the REST API: every call names its route as src/protocol/api.ts does
 * (`'GET /api/events'`), and its parameters, query, body and answer are typed by that contract. The
 * session's CSRF token goes with every write; on a drill page the drill-aware routes read the
 * drill's data (`?drill=<id>`). A failure is a value, not an exception: `{ ok: false, status, error }`.
 */
import type { ApiErrorBody, ApiRoute, ApiRoutes } from '../protocol/api.ts';
import { DRILL_AWARE } from '../protocol/roles.ts';
import { withDrill } from '../state/drill.ts';

/** The session's CSRF token (set when the session is read or signed in), sent with every write. */
const session: { csrf: string | null } = { csrf: null };

export const setCsrf = (token: string | null) => {
  session.csrf = token;
};

type Spec<R extends ApiRoute> = ApiRoutes[R];
type Field<R extends ApiRoute, K extends string> = Spec<R> extends Record<K, infer V> ? V : undefined;
/** What a call of the route takes: path parameters, query and body where the route has them. */
export type CallOptions<R extends ApiRoute> = (Field<R, 'params'> extends undefined ? { params?: undefined } : { params: Field<R, 'params'> }) &
  (Field<R, 'query'> extends undefined ? { query?: undefined } : { query?: Field<R, 'query'> }) &
  (Field<R, 'body'> extends undefined ? { body?: undefined } : { body: Field<R, 'body'> });

export type ApiResult<T> = { ok: true; status: number; data: T; headers: Headers } | { ok: false; status: number; error: string; body: Partial<ApiErrorBody> };

/** The URL of a call: path parameters filled in and encoded, the query's set values, the drill. */
export function urlOf(route: ApiRoute, params?: Record<string, string>, query?: object): string {
  const path = route.slice(route.indexOf(' ') + 1).replace(/:([a-z_]+)/gi, (_, name: string) => encodeURIComponent(params?.[name] ?? ''));
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const url = q.size ? `${path}?${q}` : path;
  return DRILL_AWARE.has(route) ? withDrill(url) : url;
}

/** Calls a route; resolves with its typed answer or the failure's status and message (a network failure is status 0). */
export async function api<R extends ApiRoute>(
  route: R,
  ...[opts]: Record<string, never> extends CallOptions<R> ? [CallOptions<R>?] : [CallOptions<R>]
): Promise<ApiResult<Spec<R>['response']>> {
  const o = (opts ?? {}) as { params?: Record<string, string>; query?: object; body?: unknown };
  const first = await send<Spec<R>['response']>(route, o);
  // the session's token is not the one this page holds (the cookie was replaced: a sign-in in another
  // tab, a session started again): the server refused before doing anything — read the session, send once more
  if (!first.ok && first.status === 403 && first.body.code === 'csrf' && (await refreshCsrf())) return send(route, o);
  return first;
}

/** One request of a route, its answer read. */
async function send<T>(route: ApiRoute, o: { params?: Record<string, string>; query?: object; body?: unknown }): Promise<ApiResult<T>> {
  const method = route.slice(0, route.indexOf(' '));
  const headers: Record<string, string> = {};
  if (method !== 'GET' && session.csrf) headers['x-csrf-token'] = session.csrf;
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(urlOf(route, o.params, o.query), { method, headers, body: o.body === undefined ? undefined : JSON.stringify(o.body) });
  } catch (e) {
    return { ok: false, status: 0, error: (e as Error).message, body: {} };
  }
  const json: unknown = await res.json().catch(() => undefined);
  if (res.ok) return { ok: true, status: res.status, data: json as T, headers: res.headers };
  const body = (json && typeof json === 'object' ? json : {}) as Partial<ApiErrorBody>;
  return { ok: false, status: res.status, error: body.error ?? `HTTP ${res.status}`, body };
}

/** Reads the session's CSRF token again; false when there is no session (signed out: nothing to retry). */
async function refreshCsrf(): Promise<boolean> {
  const r = await api('GET /api/session');
  if (!r.ok || typeof r.data.csrf !== 'string') return false;
  session.csrf = r.data.csrf;
  return true;
}
