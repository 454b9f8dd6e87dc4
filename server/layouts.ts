/**
 * The park's layout as versions in the store. The layout file (PARKTWIN_LAYOUT) seeds version 1,
 * and a start with a file that changed since it was last read stores it as the next version; a
 * layout stored from the app or a script (PUT /api/layout) is validated whole first — nothing is
 * stored or applied from a layout with an error — and becomes the next version. The version in
 * force is the newest: a restart comes back with it.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { layoutDiff } from '../src/model/diff.ts';
import { loadModel, type ParkModel } from '../src/model/model.ts';
import type { Layout } from '../src/model/schema.ts';
import { LayoutFormatError, type LayoutIssue } from '../src/model/validate.ts';
import type { LayoutVersionInfo } from '../src/protocol/api.ts';
import type { Log } from './domain/log.ts';
import { type Store, VersionConflict } from './store/types.ts';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A layout in force: its model, its text as served, its version and the validator's warnings. */
export interface LayoutInForce {
  model: ParkModel;
  text: string;
  version: LayoutVersionInfo;
  warnings: LayoutIssue[];
}

/** The file's layout as read at a start (server/app.ts loadLayoutFile). */
export interface LayoutFileRead {
  file: string;
  model: ParkModel;
  text: string;
  warnings: LayoutIssue[];
}

export const FILE_AUTHOR = '(layout file)';

/** Stores the next version; a version stored meanwhile by another process is a VersionConflict. */
async function store(
  s: Store,
  v: { version: number; author: string; comment: string; source: 'file' | 'api'; text: string; model: ParkModel; before: Layout | null },
  now_ms: number,
) {
  return s.addLayoutVersion({
    version: v.version,
    t_ms: now_ms,
    author: v.author,
    comment: v.comment,
    source: v.source,
    sha256: sha256(v.text),
    features: v.model.features.length,
    summary: layoutDiff(v.before, v.model.layout),
    text: v.text,
  });
}

/**
 * The layout a start runs with: the newest stored version, unless the layout file is new to the
 * store (no version yet, or a file that differs from the one last read), which then becomes the
 * next version. A stored version that no longer validates (an older parktwin stored it) is passed
 * over with an error in the log, and the file is stored as the next version.
 */
export async function layoutAtStart(s: Store, file: LayoutFileRead, log: Log, now_ms = Date.now()): Promise<LayoutInForce> {
  for (let attempt = 0; ; attempt++) {
    try {
      const versions = await s.layoutVersions();
      const latest = versions.at(-1);
      const lastFile = versions.findLast((v) => v.source === 'file');
      const fromFile = async (comment: string, before: Layout | null) => ({
        model: file.model,
        text: file.text,
        warnings: file.warnings,
        version: await store(
          s,
          { version: (latest?.version ?? 0) + 1, author: FILE_AUTHOR, comment, source: 'file', text: file.text, model: file.model, before },
          now_ms,
        ),
      });
      const name = path.basename(file.file);
      if (!latest) return await fromFile(`PARKTWIN_LAYOUT ${name}`, null);
      const stored = await s.layoutVersion(latest.version);
      const r = stored ? loadStored(stored.text) : { ok: false as const, error: 'missing' };
      if (lastFile?.sha256 !== sha256(file.text)) return await fromFile(`PARKTWIN_LAYOUT ${name} changed`, r.ok ? r.model.layout : null);
      if (r.ok) return { model: r.model, text: stored!.text, warnings: r.warnings, version: latest };
      log.error({ version: latest.version, err: r.error }, 'the stored layout version no longer validates: the layout file is stored as the next version');
      return await fromFile(`PARKTWIN_LAYOUT ${name} (version ${latest.version} no longer validates)`, null);
    } catch (e) {
      // two processes of a cluster starting at once: the other stored first, read again
      if (e instanceof VersionConflict && attempt < 3) continue;
      throw e;
    }
  }
}

function loadStored(text: string): { ok: true; model: ParkModel; warnings: LayoutIssue[] } | { ok: false; error: string } {
  try {
    const r = loadModel(JSON.parse(text), { owned: true });
    return r.ok ? { ok: true, model: r.model, warnings: r.issues } : { ok: false, error: `${r.issues.filter((i) => i.severity === 'error').length} errors` };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/** Why a layout was not stored: a 400 with the validator's lines, or a 409 (another version came first). */
export interface LayoutRefusal {
  status: 400 | 409;
  error: string;
  issues?: { feature: string; path: string; message: string; severity: string }[];
}

export const isLayoutRefusal = (x: unknown): x is LayoutRefusal => !!x && typeof x === 'object' && 'status' in x && 'error' in x;

/**
 * Checks a layout sent whole (the body of PUT /api/layout) and stores it as the next version: every
 * error named (feature and field) and nothing stored when it does not validate, or when `check`
 * (the server's own checks: a field source feeding a sensor the layout no longer has) finds a
 * problem. `base`: the version the edit started from; another stored since is a 409. A layout the
 * same as the version in force stores nothing and answers that version.
 */
export async function proposeLayout(
  s: Store,
  current: LayoutInForce,
  body: unknown,
  who: { author: string; comment: string; base?: number },
  check: (model: ParkModel) => string[],
  now_ms = Date.now(),
): Promise<LayoutInForce | LayoutRefusal> {
  if (who.base !== undefined && who.base !== current.version.version)
    return { status: 409, error: `version ${current.version.version} was stored after version ${who.base} that this edit started from: reload and edit again` };
  let r: ReturnType<typeof loadModel>;
  try {
    r = loadModel(body);
  } catch (e) {
    if (e instanceof LayoutFormatError) return { status: 400, error: `layout: ${e.message}` };
    throw e;
  }
  if (!r.ok) {
    const errors = r.issues.filter((i) => i.severity === 'error');
    const lines = errors.map((i) => ({ feature: i.feature, path: i.path, message: i.message, severity: i.severity }));
    return {
      status: 400,
      error: `invalid layout (${errors.length} errors): ${errors[0] ? `${errors[0].feature}: ${errors[0].path}: ${errors[0].message}` : ''}`,
      issues: lines,
    };
  }
  const problems = check(r.model);
  if (problems.length) return { status: 400, error: problems.join('; ') };
  const text = JSON.stringify(body);
  if (sha256(text) === current.version.sha256) return current;
  try {
    const version = await store(
      s,
      { version: current.version.version + 1, author: who.author, comment: who.comment, source: 'api', text, model: r.model, before: current.model.layout },
      now_ms,
    );
    return { model: r.model, text, version, warnings: r.issues };
  } catch (e) {
    if (e instanceof VersionConflict) return { status: 409, error: e.message };
    throw e;
  }
}
