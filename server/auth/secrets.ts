/**
 * Secrets, compared and kept safely — the one credential check of HTTP, the socket and MQTT.
 *
 * - `sameSecret` compares any given value with a secret in constant time: both sides are hashed
 *   (SHA-256) first, so lengths never differ and nothing about the secret's length leaks; a value
 *   that is not a string (an object, an array, a number) is simply not the secret — nothing throws.
 * - Bearer tokens are kept as their SHA-256 (they are long random strings: a slow hash adds nothing);
 *   people's passwords as scrypt hashes (node:crypto) with a salt of their own.
 * - `redactUrl` and `logText` keep secrets and forged lines out of logs.
 */
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const digest = (s: string | Buffer) => createHash('sha256').update(s).digest();

/** The stored form of a token: `sha256:<hex>`. */
export const hashToken = (token: string): string => `sha256:${digest(token).toString('hex')}`;

/** A new random token (24 bytes, base64url: 32 characters). */
export const newToken = (): string => randomBytes(24).toString('base64url');

/** The SHA-256 of a presented token, or null for anything that cannot be one (not a string, empty, over 4 096 characters). */
export const tokenDigest = (given: unknown): Buffer | null => (typeof given === 'string' && given.length > 0 && given.length <= 4096 ? digest(given) : null);

/** True when a token's digest (tokenDigest) is the stored `sha256:<hex>`; constant time, never throws. */
export function digestMatches(given: Buffer, hash: string): boolean {
  const m = /^sha256:([0-9a-f]{64})$/.exec(hash);
  return !!m && timingSafeEqual(given, Buffer.from(m[1], 'hex'));
}

/** True when `given` is the string `secret`; constant time whatever the lengths or types, never throws. */
export function sameSecret(given: unknown, secret: string): boolean {
  if (typeof given !== 'string' || given.length > 4096) return false;
  return timingSafeEqual(digest(given), digest(secret));
}

/** The bearer credential of an Authorization header, or undefined (not a string, not Bearer). */
export function bearerOf(header: unknown): string | undefined {
  if (typeof header !== 'string' || header.length > 4200) return undefined;
  const m = /^Bearer ([\x21-\x7e]+)$/.exec(header);
  return m?.[1];
}

// scrypt parameters: N 2^15, r 8, p 1 (OWASP's password storage cheat sheet minimum for scrypt
// is N 2^17 with 64 MiB; 2^15 keeps a sign-in near 50 ms on this project's 2-core machines and is
// stored with each hash, so it can be raised without invalidating existing ones)
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keylen: 32 };

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password, salt, keylen, { ...opts, maxmem: 128 * opts.N! * opts.r! * 2 }, (e, k) => (e ? reject(e) : resolve(k))),
  );
}

/** The stored form of a password: `scrypt$N$r$p$<salt b64>$<key b64>`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, SCRYPT.keylen, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export const PASSWORD_HASH = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

/** True when `password` matches a stored scrypt hash; false (never a throw) for anything else. */
export async function verifyPassword(password: unknown, stored: string): Promise<boolean> {
  const m = PASSWORD_HASH.exec(stored);
  if (!m || typeof password !== 'string' || password.length > 1024) return false;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (N > 2 ** 20 || r > 32 || p > 16) return false;
  const key = Buffer.from(m[5], 'base64');
  try {
    const got = await scrypt(password.normalize('NFC'), Buffer.from(m[4], 'base64'), key.length, { N, r, p });
    return timingSafeEqual(got, key);
  } catch {
    return false;
  }
}

/** A URL with its password (and any token-like query value) replaced by ***, for logs; text that is no URL is returned as `(unparsable URL)`. */
export function redactUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return '(unparsable URL)';
  }
  if (u.password) u.password = '***';
  for (const k of [...u.searchParams.keys()]) if (/token|secret|password|key/i.test(k)) u.searchParams.set(k, '***');
  return u.toString();
}

/** Text from outside (a park name, an id) made safe for one log line: control characters (newlines, ANSI escapes) shown as \u escapes. */
export const logText = (s: string): string =>
  s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
