/**
 * The park's layout from the server: the version in force (GET /api/layout, its number in
 * X-Layout-Version), the list of versions, and storing the planner's edits as a new version
 * (PUT /api/layout, from the version the edits started from: another stored meanwhile is refused).
 */
import { loadModel, type ParkModel } from '../model/model.ts';
import type { LayoutVersionInfo } from '../protocol/api.ts';
import { useLayoutVersion } from '../state/layoutVersion.ts';
import { api } from './api.ts';
import { type LayoutAnswer, requestLayout } from './boot.ts';

/**
 * Reads and validates the layout in force (or validates the answer already received, `requested`:
 * the page's first script asks before the app has loaded); throws with the validator's lines when it
 * does not load.
 */
export async function fetchLayout(requested?: LayoutAnswer): Promise<{ model: ParkModel; version: number | null }> {
  const res = requested ?? (await requestLayout());
  if (!res.ok) throw new Error(res.error);
  performance.mark('parktwin:layout-fetched');
  const r = loadModel(res.data, { owned: true }); // parsed from the answer for this, kept nowhere else
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.feature}: ${i.path}: ${i.message}`).join('\n'));
  const v = Number(res.headers.get('x-layout-version'));
  return { model: r.model, version: Number.isInteger(v) && v > 0 ? v : null };
}

export async function layoutVersions(): Promise<LayoutVersionInfo[]> {
  const r = await api('GET /api/layout/versions');
  return r.ok ? r.data : [];
}

/** Stores a layout as the next version; the answer's error says why not (the validator's first line, or a version stored meanwhile). */
export async function saveLayoutVersion(
  layout: unknown,
  comment: string,
): Promise<{ ok: true; version: LayoutVersionInfo } | { ok: false; status: number; error: string }> {
  const base = useLayoutVersion.getState().version ?? undefined;
  useLayoutVersion.setState({ saving: true });
  try {
    const r = await api('PUT /api/layout', { query: { comment, base: base === undefined ? undefined : String(base) }, body: layout });
    if (!r.ok) return { ok: false, status: r.status, error: r.error };
    useLayoutVersion.setState({ savedVersion: r.data.version });
    return { ok: true, version: r.data };
  } finally {
    useLayoutVersion.setState({ saving: false });
  }
}
