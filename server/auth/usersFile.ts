/**
 * The users file (`PARKTWIN_USERS_FILE`, JSON): people with scrypt password hashes, machine tokens
 * with a scope and an optional expiry — both kept hashed, never in plain text — and the park-wide
 * features shared with enterprise-scoped users. Maintained with `parktwin user …` and
 * `parktwin token …`; the server re-reads it when it changes.
 *
 *   { "users":  [{ "name": "王伟", "role": "operator", "password": "scrypt$…", "enterprises": ["ENT-01"] }],
 *     "tokens": [{ "name": "dcs-gateway", "scope": "ingest", "hash": "sha256:…", "expires": "2027-06-30T00:00:00+08:00" }],
 *     "shared": ["GD-PARK-01"] }
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { WireId, wireText } from '../../src/protocol/ingest.ts';
import { ROLES } from './legacy.ts';
import { PASSWORD_HASH } from './secrets.ts';

export const SCOPES = ['ingest', 'read', 'operate', 'plan'] as const;
export type Scope = (typeof SCOPES)[number];

const enterprises = z.array(WireId).min(1).max(200).optional();

export const FileUser = z.strictObject({
  name: wireText(64),
  role: z.enum(ROLES),
  password: z.string().regex(PASSWORD_HASH, { error: 'must be an scrypt hash (set it with `parktwin user passwd`)' }),
  /** Enterprises (enterprise feature ids) the user is limited to; absent: the whole park. */
  enterprises,
  disabled: z.boolean().optional(),
});
export type FileUser = z.infer<typeof FileUser>;

export const FileToken = z.strictObject({
  name: wireText(64),
  scope: z.enum(SCOPES),
  hash: z.string().regex(/^sha256:[0-9a-f]{64}$/, { error: 'must be sha256:<64 hex digits> (make tokens with `parktwin token add`)' }),
  expires: z.iso.datetime({ offset: true }).optional(),
  enterprises,
});
export type FileToken = z.infer<typeof FileToken>;

export const UsersFileSchema = z
  .strictObject({
    users: z.array(FileUser).max(10_000).default([]),
    tokens: z.array(FileToken).max(10_000).default([]),
    /** Park-wide features (ids) that enterprise-scoped users see too. */
    shared: z.array(WireId).max(10_000).default([]),
  })
  .superRefine((f, ctx) => {
    const names = new Set<string>();
    for (const [list, i, name] of [...f.users.map((u, i) => ['users', i, u.name] as const), ...f.tokens.map((t, i) => ['tokens', i, t.name] as const)]) {
      if (names.has(name))
        ctx.addIssue({ code: 'custom', path: [list, i, 'name'], message: `"${name}" is named twice (users and tokens share one name space)` });
      names.add(name);
    }
    const hashes = new Set<string>();
    f.tokens.forEach((t, i) => {
      if (hashes.has(t.hash)) ctx.addIssue({ code: 'custom', path: ['tokens', i, 'hash'], message: 'the same token as an earlier one' });
      hashes.add(t.hash);
    });
  });
export type UsersFile = z.infer<typeof UsersFileSchema>;

export class UsersFileError extends Error {}

/** Reads and validates a users file; a missing file is an empty one when `missingOk`. */
export function readUsersFile(file: string, missingOk = false): UsersFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (missingOk && (e as NodeJS.ErrnoException).code === 'ENOENT') return { users: [], tokens: [], shared: [] };
    throw new UsersFileError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsersFileError(`${file}: not JSON: ${(e as Error).message}`);
  }
  const r = UsersFileSchema.safeParse(json);
  if (!r.success) throw new UsersFileError(`${file}: ${r.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ')}`);
  return r.data;
}

/** Writes a users file whole (a temporary file renamed over it: a reader never sees half a file), readable by its owner only. */
export function writeUsersFile(file: string, f: UsersFile): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(f, null, 2) + '\n', { mode: 0o600 });
  renameSync(tmp, file);
}
