/**
 * Server configuration from environment variables (documented in the README).
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { parseUsers, UsersError, type User } from './auth/legacy.ts';
import type { OidcConfig } from './auth/oidc.ts';

/** The checkout: the nearest folder above this module with a package.json (from server/ or from the built dist-node/). */
export const ROOT_DIR = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
})();
export const DEMO_LAYOUT = path.join(ROOT_DIR, 'public/parks/demo.geojson');

export interface Config {
  port: number;
  /** The interface to listen on (HOST); undefined: loopback in demo mode, every interface otherwise. */
  host?: string;
  usersFile?: string;
  tls?: { cert: Buffer; key: Buffer };
  oidc?: OidcConfig;
  trackRetention_ms: number;
  clockAhead_ms: number;
  layoutFile: string;
  staticDir: string;
  dbFile: string;
  ingestToken?: string;
  /** The built-in simulator: on, off, or on with its gas detectors over an embedded OPC UA server. */
  simulator: boolean | 'opcua';
  mqttUrl?: string;
  /** The field sources file (OPC UA, Modbus). */
  sourcesFile?: string;
  /** The OPC UA PKI folder. */
  pkiDir: string;
  /** Video analytics rules (a JSON file), the largest snapshot kept and how long. */
  videoRulesFile?: string;
  snapshotMax_bytes: number;
  snapshotRetention_ms: number;
  databaseUrl?: string;
  redisUrl?: string;
  users?: User[];
}

export class ConfigError extends Error {}

function usersOrFail(spec: string): User[] {
  try {
    return parseUsers(spec);
  } catch (e) {
    if (e instanceof UsersError) throw new ConfigError(e.message);
    throw e;
  }
}

function urlOrFail(name: string, v: string | undefined, protocols: string[]): string | undefined {
  if (!v) return undefined;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new ConfigError(`${name} is not a URL`);
  }
  if (!protocols.includes(u.protocol)) throw new ConfigError(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}, not "${u.protocol}//"`);
  return v;
}

function simulatorFlag(v: string | undefined): boolean | 'opcua' {
  if (v === undefined || v === '' || v === 'on') return true;
  if (v === 'off') return false;
  if (v === 'opcua') return 'opcua';
  throw new ConfigError(`PARKTWIN_SIMULATOR must be on, off or opcua, not "${v}"`);
}

function positive(name: string, v: string | undefined, dflt: number, max: number): number {
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!(n > 0 && n <= max)) throw new ConfigError(`${name} must be a number above 0 and at most ${max}, not "${v}"`);
  return n;
}

function pem(name: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new ConfigError(`${name}: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

function oidcOf(env: NodeJS.ProcessEnv, port: number): OidcConfig | undefined {
  const issuer = urlOrFail('PARKTWIN_OIDC_ISSUER', env.PARKTWIN_OIDC_ISSUER, ['https:', 'http:']);
  if (!issuer) return undefined;
  if (!env.PARKTWIN_OIDC_CLIENT_ID) throw new ConfigError('PARKTWIN_OIDC_ISSUER needs PARKTWIN_OIDC_CLIENT_ID (and usually PARKTWIN_OIDC_CLIENT_SECRET)');
  const base = urlOrFail('PARKTWIN_PUBLIC_URL', env.PARKTWIN_PUBLIC_URL, ['https:', 'http:']) ?? `http://localhost:${port}`;
  return {
    issuer,
    clientId: env.PARKTWIN_OIDC_CLIENT_ID,
    clientSecret: env.PARKTWIN_OIDC_CLIENT_SECRET || undefined,
    redirectUri: new URL('/api/auth/oidc/callback', base).href,
    roleClaim: env.PARKTWIN_OIDC_ROLE_CLAIM || 'parktwin_role',
    enterpriseClaim: env.PARKTWIN_OIDC_ENTERPRISE_CLAIM || undefined,
    allowHttp: issuer.startsWith('http:'),
  };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT === undefined || env.PORT === '' ? 8080 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number (0–65535), not "${env.PORT}"`);
  if (!!env.TLS_CERT !== !!env.TLS_KEY) throw new ConfigError('TLS_CERT and TLS_KEY go together: give both files (PEM) or neither');
  return {
    port,
    host: env.HOST || undefined,
    usersFile: env.PARKTWIN_USERS_FILE ? path.resolve(env.PARKTWIN_USERS_FILE) : undefined,
    tls: env.TLS_CERT && env.TLS_KEY ? { cert: pem('TLS_CERT', env.TLS_CERT), key: pem('TLS_KEY', env.TLS_KEY) } : undefined,
    oidc: oidcOf(env, port),
    trackRetention_ms: positive('PARKTWIN_TRACK_RETENTION_DAYS', env.PARKTWIN_TRACK_RETENTION_DAYS, 30, 3650) * 24 * 3600_000,
    clockAhead_ms: positive('PARKTWIN_CLOCK_TOLERANCE_S', env.PARKTWIN_CLOCK_TOLERANCE_S, 300, 86_400) * 1000,
    layoutFile: env.PARKTWIN_LAYOUT ? path.resolve(env.PARKTWIN_LAYOUT) : DEMO_LAYOUT,
    staticDir: path.join(ROOT_DIR, 'dist'),
    dbFile: env.PARKTWIN_DB ? path.resolve(env.PARKTWIN_DB) : path.join(ROOT_DIR, 'data', 'parktwin.db'),
    ingestToken: env.PARKTWIN_INGEST_TOKEN || undefined,
    simulator: simulatorFlag(env.PARKTWIN_SIMULATOR),
    mqttUrl: env.PARKTWIN_MQTT_URL || undefined,
    sourcesFile: env.PARKTWIN_SOURCES ? path.resolve(env.PARKTWIN_SOURCES) : undefined,
    pkiDir: env.PARKTWIN_PKI ? path.resolve(env.PARKTWIN_PKI) : path.join(ROOT_DIR, 'data', 'pki'),
    videoRulesFile: env.PARKTWIN_VIDEO_RULES ? path.resolve(env.PARKTWIN_VIDEO_RULES) : undefined,
    snapshotMax_bytes: positive('PARKTWIN_SNAPSHOT_MAX_KB', env.PARKTWIN_SNAPSHOT_MAX_KB, 512, 16_384) * 1024,
    snapshotRetention_ms: positive('PARKTWIN_SNAPSHOT_RETENTION_DAYS', env.PARKTWIN_SNAPSHOT_RETENTION_DAYS, 90, 3650) * 24 * 3600_000,
    databaseUrl: urlOrFail('DATABASE_URL', env.DATABASE_URL, ['postgres:', 'postgresql:']),
    redisUrl: urlOrFail('REDIS_URL', env.REDIS_URL, ['redis:', 'rediss:']),
    users: env.PARKTWIN_USERS ? usersOrFail(env.PARKTWIN_USERS) : undefined,
  };
}
