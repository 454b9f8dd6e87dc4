/**
 * Server configuration from environment variables (documented in the README).
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parseUsers, UsersError, type User } from './auth.ts';

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEMO_LAYOUT = path.join(ROOT_DIR, 'public/parks/demo.geojson');

export interface Config {
  port: number;
  layoutFile: string;
  staticDir: string;
  dbFile: string;
  ingestToken?: string;
  simulator: boolean;
  mqttUrl?: string;
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
    throw new ConfigError(`${name} is not a URL: "${v}"`);
  }
  if (!protocols.includes(u.protocol)) throw new ConfigError(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}, not "${u.protocol}//"`);
  return v;
}

function simulatorFlag(v: string | undefined): boolean {
  if (v === undefined || v === '' || v === 'on') return true;
  if (v === 'off') return false;
  throw new ConfigError(`PARKTWIN_SIMULATOR must be on or off, not "${v}"`);
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT === undefined || env.PORT === '' ? 8080 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number (0–65535), not "${env.PORT}"`);
  return {
    port,
    layoutFile: env.PARKTWIN_LAYOUT ? path.resolve(env.PARKTWIN_LAYOUT) : DEMO_LAYOUT,
    staticDir: path.join(ROOT_DIR, 'dist'),
    dbFile: env.PARKTWIN_DB ? path.resolve(env.PARKTWIN_DB) : path.join(ROOT_DIR, 'data', 'parktwin.db'),
    ingestToken: env.PARKTWIN_INGEST_TOKEN || undefined,
    simulator: simulatorFlag(env.PARKTWIN_SIMULATOR),
    mqttUrl: env.PARKTWIN_MQTT_URL || undefined,
    databaseUrl: urlOrFail('DATABASE_URL', env.DATABASE_URL, ['postgres:', 'postgresql:']),
    redisUrl: urlOrFail('REDIS_URL', env.REDIS_URL, ['redis:', 'rediss:']),
    users: env.PARKTWIN_USERS ? usersOrFail(env.PARKTWIN_USERS) : undefined,
  };
}
