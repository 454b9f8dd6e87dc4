/** Opens the configured store: PostgreSQL when a URL is given, else the SQLite file. */
import { PostgresStore } from './postgres.ts';
import { SqliteStore } from './sqlite.ts';
import type { Store, StoreLog } from './types.ts';

export type { Store } from './types.ts';

export async function openStore(opts: { databaseUrl?: string; dbFile?: string; log?: StoreLog }): Promise<Store> {
  if (opts.databaseUrl) return PostgresStore.open(opts.databaseUrl, opts.log);
  return new SqliteStore(opts.dbFile ?? ':memory:');
}
