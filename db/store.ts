import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { getEnv, provideLocalSecrets } from '@/lib/env';
import { digestOf } from '@/lib/error-digest';
import { engineKind } from './engine/kind';
import { openPgStore } from './engine/pg';
import { openSqliteStore } from './engine/sqlite';
import type { Conn, Store, TransactionOptions } from './engine/types';
import { readOrCreateLocalSecrets } from './local-secrets';
import { backupBeforeMigrations } from './upgrade';

export type { Conn, Db, Store } from './engine/types';
export { changesOf } from './engine/types';

// Every process that opens the database (server, scripts, benchmarks, tests) reads unset secrets from the same file.
provideLocalSecrets(readOrCreateLocalSecrets);

/**
 * The storage boundary's plumbing. Query functions in db/queries are async
 * and take plain arguments; each runs its statements through `withConn` (one
 * unit of work outside a transaction) or `transaction` (all or nothing).
 * A transaction is carried by the async context, so a use-case in server/
 * can wrap several query functions in one transaction without passing a
 * handle: inside it, `withConn` and nested `transaction`s (savepoints) use
 * the same connection.
 */
type Scope = { conn: Conn; depth: number; open: boolean; inTransaction: boolean };
const current = new AsyncLocalStorage<Scope>();

const cache = globalThis as unknown as {
  __hailongStore?: Promise<Store>;
  __hailongStoreOpen?: Store;
  __hailongStoreOverride?: Store;
  __hailongStoreNotices?: StoreNotices;
};

/** What the store says without failing: a copy made before migrating, a pooled connection lost and replaced. */
export type StoreNotices = { info(message: string): void; warn(message: string, error: unknown): void };

const CONSOLE_NOTICES: StoreNotices = { info: (m) => console.log(m), warn: (m) => console.warn(m) };

/**
 * Where those notices go: the console (scripts, tests) unless a server
 * installs its JSON log (server/start.ts; db/ does not depend on server/).
 */
export function reportStoreNoticesTo(notices: StoreNotices) {
  cache.__hailongStoreNotices = notices;
}

const notices = () => cache.__hailongStoreNotices ?? CONSOLE_NOTICES;

/** The process's store: the one a test or script installed, else opened (and migrated) from the environment on first use. */
export function getStore(): Promise<Store> {
  if (cache.__hailongStoreOverride) return Promise.resolve(cache.__hailongStoreOverride);
  cache.__hailongStore ??= openStoreFromEnv().then((store) => (cache.__hailongStoreOpen = store)).catch((error: unknown) => {
    // A failed open (PostgreSQL down at that moment) is tried again by the next request.
    cache.__hailongStore = undefined;
    throw error;
  });
  return cache.__hailongStore;
}

/** The store when it is already open: the hot path skips a turn of the event loop per query. */
function openStore(): Store | undefined {
  return cache.__hailongStoreOverride ?? cache.__hailongStoreOpen;
}

/** Tests and scripts: use this store for everything in this process (null: back to the environment's). */
export function installStore(store: Store | null) {
  cache.__hailongStoreOverride = store ?? undefined;
}

async function openStoreFromEnv(): Promise<Store> {
  const env = getEnv();
  if (engineKind() === 'pg') {
    if (!env.DATABASE_URL) throw new Error('DATABASE_URL is not a postgres:// URL');
    return openPgStore(env.DATABASE_URL, {
      poolSize: env.DATABASE_POOL_SIZE,
      connectTimeoutMs: env.DATABASE_BUSY_TIMEOUT_MS || 5000,
      onIdleError: (error) => notices().warn(`PostgreSQL: một kết nối rảnh bị đóng (${error.message}); sẽ mở lại khi cần.`, error),
    });
  }
  await backupBeforeMigrations(env, new Date(), (m) => notices().info(m));
  return openSqliteStore(env.DATABASE_PATH, {
    busyTimeoutMs: env.DATABASE_BUSY_TIMEOUT_MS,
    synchronous: env.DATABASE_SYNCHRONOUS,
    beforeUse: env.HAILONG_MODE === 'test' ? () => failWhileHeld(env.DATABASE_PATH) : undefined,
  });
}

/**
 * A store on a database named here rather than by the environment (a restore
 * checking the copy it will put in place, a drill checking what it restored),
 * migrated like the app's. Install it with `installStore` to use db/queries on it.
 */
export async function openStoreAt(source: { kind: 'sqlite'; path: string; busyTimeoutMs?: number } | { kind: 'pg'; url: string }): Promise<Store> {
  return source.kind === 'pg' ? openPgStore(source.url, { poolSize: 2 }) : openSqliteStore(source.path, { busyTimeoutMs: source.busyTimeoutMs });
}

/**
 * Runs `fn` on the current connection: the enclosing transaction's, or one
 * taken from the store for the length of `fn` (on SQLite, the connection
 * itself: query functions called inside `fn` reuse it instead of queueing
 * behind it).
 */
export async function withConn<T>(fn: (conn: Conn) => Promise<T>): Promise<T> {
  const scope = current.getStore();
  if (scope?.open) return fn(scope.conn);
  const store = openStore() ?? (await getStore());
  return marked(() => store.connect((conn) => inScope(conn, false, fn)));
}

/** Whether the caller runs inside a transaction: what it writes commits with the caller's, not when its own call returns. */
export function inTransaction(): boolean {
  const scope = current.getStore();
  return Boolean(scope?.open && scope.inTransaction);
}

/**
 * Runs `fn` in one transaction: everything or nothing. Inside another
 * transaction it is a savepoint: its failure undoes only its own work.
 * Keep slow work (hashing, network) out: on SQLite a transaction holds the
 * only writer, on PostgreSQL a pooled connection.
 */
export async function transaction<T>(fn: (conn: Conn) => Promise<T>, options?: TransactionOptions): Promise<T> {
  const scope = current.getStore();
  if (scope?.open && scope.inTransaction) return savepoint(scope, fn);
  if (scope?.open && scope.conn.kind === 'sqlite') return sqliteTransactionOn(scope.conn, fn, options);
  const store = openStore() ?? (await getStore());
  return marked(() => store.transaction((conn) => inScope(conn, true, fn), options));
}

async function inScope<T>(conn: Conn, inTransaction: boolean, fn: (conn: Conn) => Promise<T>): Promise<T> {
  const scope: Scope = { conn, depth: 0, open: true, inTransaction };
  try {
    return await current.run(scope, () => fn(conn));
  } finally {
    // Work started inside and left running must not use a connection that is back in the pool.
    scope.open = false;
  }
}

/** A transaction begun on the SQLite connection a `withConn` already holds. */
async function sqliteTransactionOn<T>(conn: Conn, fn: (conn: Conn) => Promise<T>, options?: TransactionOptions): Promise<T> {
  await conn.run(options?.mode === 'read' ? 'begin deferred' : 'begin immediate');
  try {
    const result = await inScope(conn, true, fn);
    await conn.run('commit');
    return result;
  } catch (error) {
    await conn.run('rollback').catch(() => undefined);
    throw error;
  }
}

async function savepoint<T>(scope: Scope, fn: (conn: Conn) => Promise<T>): Promise<T> {
  const name = `sp${++scope.depth}`;
  await scope.conn.run(`savepoint ${name}`);
  try {
    const result = await fn(scope.conn);
    await scope.conn.run(`release savepoint ${name}`);
    return result;
  } catch (error) {
    await scope.conn.run(`rollback to savepoint ${name}`);
    await scope.conn.run(`release savepoint ${name}`);
    throw error;
  } finally {
    scope.depth--;
  }
}

/** Whether the database answers now (/api/health). */
export async function pingStore(): Promise<void> {
  const store = await getStore();
  await marked(() => store.ping());
}

/** Closes the process's store (scripts, before they exit). */
export async function closeStore() {
  const store = cache.__hailongStoreOverride ?? (cache.__hailongStore ? await cache.__hailongStore.catch(() => undefined) : undefined);
  cache.__hailongStore = undefined;
  cache.__hailongStoreOpen = undefined;
  cache.__hailongStoreOverride = undefined;
  await store?.close();
}

/**
 * Errors that mean "busy" or "unavailable" get a digest naming that
 * (lib/error-digest.ts), whichever driver threw them, so the App Router's
 * error pages, which see only the digest, can say "try again".
 */
async function marked<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error && typeof error === 'object' && !(error as { digest?: string }).digest) {
      const digest = digestOf(error);
      if (digest) {
        try {
          (error as { digest?: string }).digest = digest;
        } catch {
          // A frozen error keeps Next's own digest.
        }
      }
    }
    throw error;
  }
}

/**
 * Test mode only: while the file `<database path>.busy` exists, every use of
 * the database fails as when another connection holds its lock past the busy
 * timeout. A real lock held by another process blocks only writers in WAL
 * mode, never readers, so this is how an end-to-end test reaches the busy
 * pages of read-only screens (e2e/errors.spec.ts). A file, not process
 * memory, so every server agrees.
 */
export function failWhileHeld(file: string) {
  if (fs.existsSync(`${file}.busy`)) throw new Database.SqliteError('database is locked', 'SQLITE_BUSY');
}
