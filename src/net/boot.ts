/**
 * The page's first requests — the session (a demo sign-in where the server offers one), then the
 * layout's JSON — started by the entry script (src/main.tsx) while the app's code is still loading and
 * compiling, so they are answered by the time the app needs them. The app validates the layout with
 * the model code when it has loaded (src/net/layout.ts). This module and what it imports carry no
 * schema library and no view code: they are all the page runs before its requests go out.
 */
import { type ApiResult, api } from './api.ts';
import { ensureSession } from './session.ts';

/** GET /api/layout's answer, not yet validated. */
export type LayoutAnswer = ApiResult<unknown>;
export interface Boot {
  /** Signed in (the session's cookie, or a demo sign-in); false: a person must sign in. */
  signedIn: boolean;
  /** The layout in force as the server answered, when signed in. */
  layout: LayoutAnswer | null;
}

/** The layout in force, as the server answers it (the one place the page asks for it). */
export const requestLayout = (): Promise<LayoutAnswer> => api('GET /api/layout');

/** Signs in and asks for the layout. */
export async function startBoot(): Promise<Boot> {
  const signedIn = await ensureSession();
  return { signedIn, layout: signedIn ? await requestLayout() : null };
}

let started: Promise<Boot> | null = null;
/** The entry script's boot, for the app to take once (the next time it signs in, it starts another). */
export function bootEarly(): void {
  started = startBoot();
  // a failure is the app's to show when it takes the boot; until then it is not unhandled
  started.catch(() => {});
}
export function takeBoot(): Promise<Boot> | null {
  const b = started;
  started = null;
  return b;
}
