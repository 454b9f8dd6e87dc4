/**
 * Roles, and the credentials of deployments from before the users file: `PARKTWIN_USERS`
 * ("name:role:token;…") and `PARKTWIN_INGEST_TOKEN`. They are still accepted — each token kept
 * only as its hash — and the server warns at start how to migrate (docs/security.md).
 */
import { randomBytes } from 'node:crypto';
import { CONTROL_CHARS } from '../../src/protocol/ingest.ts';
import { hashToken } from './secrets.ts';

import { ROLES, type Role } from '../../src/protocol/api.ts';

export { ROLES, type Role };

export interface User {
  name: string;
  role: Role;
  /** The bearer token in clear: only for demo users the server made itself (tests use them); configured tokens are kept hashed. */
  token?: string;
  /** SHA-256 of the token (`sha256:<hex>`). */
  hash: string;
}

export class UsersError extends Error {}

/**
 * Parses `PARKTWIN_USERS`. A token is the rest of the entry after the second colon — a token
 * holding ":" is refused rather than cut — and two users may not share a token.
 */
export function parseUsers(spec: string): User[] {
  const seen = new Set<string>();
  return spec
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry, i) => {
      const parts = entry.split(':');
      const [name, role, token] = parts;
      if (parts.length > 3)
        throw new UsersError(`PARKTWIN_USERS entry ${i + 1} has ${parts.length - 1} colons: a name or token may not contain ":" (name:role:token)`);
      if (!name || !token || !(ROLES as readonly string[]).includes(role)) {
        throw new UsersError(`PARKTWIN_USERS entry ${i + 1} must be name:role:token with role one of ${ROLES.join(', ')}`);
      }
      if (CONTROL_CHARS.test(name) || name.length > 64)
        throw new UsersError(`PARKTWIN_USERS entry ${i + 1}: a name has at most 64 characters and no control characters`);
      if (token.length < 12) throw new UsersError(`PARKTWIN_USERS entry ${i + 1}: a token has at least 12 characters`);
      const hash = hashToken(token);
      if (seen.has(hash)) throw new UsersError(`PARKTWIN_USERS entry ${i + 1}: the same token as an earlier entry (every user needs a token of their own)`);
      seen.add(hash);
      return { name, role: role as Role, hash };
    });
}

/** The demo users of a server without configured users: one per role, each with a random token (never served; tests use it). */
export const defaultUsers = (): User[] =>
  ROLES.map((role) => {
    const token = randomBytes(15).toString('base64url');
    return { name: `demo-${role}`, role, token, hash: hashToken(token) };
  });
