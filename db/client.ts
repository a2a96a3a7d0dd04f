import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { getEnv, provideLocalSecrets } from '@/lib/env';
import { digestOf } from '@/lib/error-digest';
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
export function openDb(file: string, opts: { busyTimeoutMs?: number } = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  markDriverErrors();
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma(`busy_timeout = ${Math.max(0, Math.trunc(opts.busyTimeoutMs ?? 5000))}`);
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
  const env = getEnv();
  if (env.HAILONG_MODE === 'test') failWhileHeld(env.DATABASE_PATH);
  cache.__hailongDb ??= openDb(env.DATABASE_PATH, { busyTimeoutMs: env.DATABASE_BUSY_TIMEOUT_MS });
  return cache.__hailongDb;
}

/**
 * Test mode only: while the file `<database>.busy` exists, every use of the
 * database fails as SQLite does when another connection holds its lock past
 * the busy timeout. In WAL mode a real lock held by another process blocks
 * only writers, never readers, so this is how an end-to-end test reaches the
 * busy pages of read-only screens (e2e/errors.spec.ts; writers are tested
 * with a real lock). A file, not process memory, so every server agrees.
 */
function failWhileHeld(file: string) {
  if (fs.existsSync(`${file}.busy`)) throw new Database.SqliteError('database is locked', 'SQLITE_BUSY');
}

/**
 * In production Next sends the browser only an error's `digest`, never its
 * message or code, so the App Router error pages could not tell a busy
 * database from a bug. A database error that means "busy" or "unavailable"
 * gets a digest naming that (lib/error-digest.ts); Next keeps a digest it
 * finds on a thrown error and sets its own hash on any other.
 */
function markDriverErrors() {
  const proto = Database.SqliteError.prototype as { digest?: string };
  if (Object.getOwnPropertyDescriptor(proto, 'digest')) return;
  const own = new WeakMap<object, string>();
  Object.defineProperty(proto, 'digest', {
    configurable: true,
    get(this: Error) {
      return own.get(this) ?? digestOf(this);
    },
    set(this: Error, value: string) {
      own.set(this, value);
    },
  });
}
