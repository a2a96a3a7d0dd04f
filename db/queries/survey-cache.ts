import type { Database } from 'better-sqlite3';
import type { Db } from '../client';

/**
 * What the citizen survey's hot path keeps between requests, and nothing else:
 *
 * - prepared statements, per database connection: building SQL and asking
 *   SQLite to prepare it again on every request was a third of the server's
 *   CPU under load (bench/README.md);
 * - parsed question-set versions (see question-sets.ts), which never change
 *   once written.
 *
 * Nothing here may hold data that can change (unit names, active flags, codes,
 * procedure fields, which version is active): those are read from the
 * database on every request, so several app servers stay consistent.
 */
export function perConnection<T>(build: (sqlite: Database) => T): (db: Db) => T {
  const cache = new WeakMap<Database, T>();
  return (db) => {
    const sqlite = connectionOf(db);
    let value = cache.get(sqlite);
    if (value === undefined) {
      value = build(sqlite);
      cache.set(sqlite, value);
    }
    return value;
  };
}

/**
 * The better-sqlite3 connection behind a database or a transaction: callers
 * pass a drizzle transaction as a `Db` (`tx as unknown as Db`), which has no
 * `$client` but runs on the same connection.
 */
function connectionOf(db: Db): Database {
  return db.$client ?? (db as unknown as { session: { client: Database } }).session.client;
}

/** Freezes a value read from the database before it is shared by every request. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
