import type Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { getEnv } from '@/lib/env';
import type * as schema from './schema.sqlite';
import { openSqliteStore } from './engine/sqlite';
import { failWhileHeld, sqliteStoreFromEnv } from './store';

/**
 * TRANSITIONAL (issue 12): the synchronous SQLite handle that query modules
 * not yet moved behind db/store.ts still take. It is the default store's own
 * connection, so old and new code never wait on each other's locks. Removed
 * when the last caller is gone.
 */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const cache = globalThis as unknown as { __hailongDb?: Db };

export function openDb(file: string, opts: { busyTimeoutMs?: number } = {}): Db {
  const store = openSqliteStore(file, opts);
  return Object.assign(store.db, { $client: store.sqlite }) as Db;
}

export function openReadOnlyDb(file: string): Db {
  const store = openSqliteStore(file, { readonly: true });
  return Object.assign(store.db, { $client: store.sqlite }) as Db;
}

export function getDb(): Db {
  const env = getEnv();
  if (env.HAILONG_MODE === 'test') failWhileHeld(env.DATABASE_PATH);
  if (cache.__hailongDb) return cache.__hailongDb;
  const store = sqliteStoreFromEnv();
  cache.__hailongDb = Object.assign(store.db, { $client: store.sqlite }) as Db;
  return cache.__hailongDb;
}
