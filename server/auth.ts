/**
 * Users and roles: viewer, operator, trainer, admin, each with a bearer token. From
 * PARKTWIN_USERS ("name:role:token;name:role:token…"); without it the server makes one user per role
 * with a random token and prints them at start.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const ROLES = ['viewer', 'operator', 'trainer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  name: string;
  role: Role;
  token: string;
}

export class UsersError extends Error {}

export function parseUsers(spec: string): User[] {
  return spec
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry, i) => {
      const [name, role, token] = entry.split(':');
      if (!name || !token || !(ROLES as readonly string[]).includes(role)) {
        throw new UsersError(`PARKTWIN_USERS entry ${i + 1} must be name:role:token with role one of ${ROLES.join(', ')}`);
      }
      if (token.length < 12) throw new UsersError(`PARKTWIN_USERS entry ${i + 1}: a token has at least 12 characters`);
      return { name, role: role as Role, token };
    });
}

export const defaultUsers = (): User[] => ROLES.map((role) => ({ name: `demo-${role}`, role, token: randomBytes(15).toString('base64url') }));

/** The user a bearer header names, or null. Compares in constant time. */
export function authenticate(users: readonly User[], header: string | undefined): User | null {
  const m = /^Bearer (.+)$/.exec(header ?? '');
  if (!m) return null;
  const given = Buffer.from(m[1]);
  for (const u of users) {
    const t = Buffer.from(u.token);
    if (t.length === given.length && timingSafeEqual(t, given)) return u;
  }
  return null;
}
