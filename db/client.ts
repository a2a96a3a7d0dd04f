import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { getEnv, provideLocalSecrets } from '@/lib/env';
import { readOrCreateLocalSecrets } from './local-secrets';
import * as schema from './schema';

// Every process that opens the database (server, scripts, benchmarks, tests) reads unset secrets from the same file.
provideLocalSecrets(readOrCreateLocalSecrets);

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const MIGRATIONS = path.join(process.cwd(), 'db', 'migrations');
const cache = globalThis as unknown as { __hailongDb?: Db };

/**
 * Opens (and migrates) a database file. Used by the app through `getDb()` and
 * directly by scripts and tests that need their own file.
 */
export function openDb(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = drizzle(sqlite, { schema }) as Db;
  migrate(db, { migrationsFolder: MIGRATIONS });
  return db;
}

/**
 * A second, read-only connection to the app's file for work that runs off
 * the main thread (the responses export's worker): it never migrates, and
 * in WAL mode it reads beside the writer without blocking it.
 */
export function openReadOnlyDb(file: string): Db {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  return drizzle(sqlite, { schema }) as Db;
}

/**
 * The app's database, opened on first use rather than at import time so that
 * `next build` never creates the file while collecting page data.
 */
export function getDb(): Db {
  cache.__hailongDb ??= openDb(getEnv().DATABASE_PATH);
  return cache.__hailongDb;
}
