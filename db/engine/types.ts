import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type * as schema from '../schema.sqlite';
import type { EngineKind } from './kind';
import type { SqlParams } from './sql-params';

/**
 * drizzle's query builder on the current connection, typed as SQLite's: the
 * tables of db/schema.ts are the engine's own at run time, so a query built
 * here runs on either engine. Always `await` a query; the SQLite driver's
 * synchronous `.all()`, `.get()`, `.run()` and `.values()` do not exist on
 * PostgreSQL (eslint refuses them in db/).
 */
export type Db = BetterSQLite3Database<typeof schema>;

export type RunResult = { changes: number };

/** One connection's view of the database: inside a transaction, or autocommit statements. */
export interface Conn {
  readonly kind: EngineKind;
  /**
   * One write transaction at a time (SQLite): nothing another transaction
   * writes can appear between two statements of this one, so what a lock or
   * a commit-time statement guards on PostgreSQL needs no such care here.
   */
  readonly singleWriter: boolean;
  readonly db: Db;
  /**
   * Raw SQL, for what the builder says badly or what the hot path prepares
   * once: SQLite's placeholders (`?` or `@name`) on both engines; aliases in
   * double quotes (PostgreSQL folds bare ones to lower case); booleans come
   * back as 0/1 and bigint counts as numbers on both.
   */
  all<T>(text: string, params?: SqlParams): Promise<T[]>;
  get<T>(text: string, params?: SqlParams): Promise<T | undefined>;
  /** The first column of the first row (better-sqlite3's `.pluck().get()`). */
  value<T>(text: string, params?: SqlParams): Promise<T | undefined>;
  run(text: string, params?: SqlParams): Promise<RunResult>;
  /**
   * A write whose result nobody reads. Inside a PostgreSQL transaction it is
   * sent with the next statement's turn or with COMMIT (one round trip for
   * the write and the commit; the transaction still reads its own writes);
   * otherwise, and on SQLite, it runs now. Its values are quoted by the
   * driver into the statement: numbers, strings, booleans and nulls only.
   */
  runDeferred(text: string, params?: SqlParams): Promise<void>;
  /**
   * The transaction's last statement, whose rows are read after it commits.
   * In an outermost PostgreSQL transaction it goes in one message with
   * everything owed (BEGIN, the locks asked for, deferred writes) and COMMIT:
   * locks taken for it are held only while the database runs that message,
   * never across a turn of this process's event loop. The transaction has
   * ended when it returns: nothing may run on it after. In a savepoint, on
   * SQLite and outside a transaction it runs now, as `all`.
   */
  allAtCommit<T>(text: string, params?: SqlParams): Promise<T[]>;
  /**
   * Inside a transaction: waits until no other transaction holds any of these
   * keys, and holds them until this one ends. PostgreSQL takes an advisory
   * lock per key, so two servers counting the same device, network, office or
   * kiosk take turns while everything else runs side by side; SQLite has one
   * writer already and does nothing.
   */
  lock(...keys: string[]): Promise<void>;
}

export type TransactionOptions = {
  /**
   * `read`: a consistent snapshot for several reads (PostgreSQL REPEATABLE
   * READ READ ONLY; SQLite a deferred transaction). Default `write` (SQLite
   * BEGIN IMMEDIATE, PostgreSQL READ COMMITTED plus the locks asked for).
   */
  mode?: 'write' | 'read';
};

export interface Store {
  readonly kind: EngineKind;
  /** Where the data is, for messages (a file path, or a URL without its password). */
  readonly location: string;
  /** Statements outside a transaction. */
  connect<T>(fn: (conn: Conn) => Promise<T>): Promise<T>;
  transaction<T>(fn: (conn: Conn) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Answers whether the database can be reached right now (health checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The number of rows an awaited drizzle insert/update/delete changed, whichever the engine. */
export function changesOf(result: unknown): number {
  const r = result as { changes?: number; rowCount?: number | null };
  return Number(r.changes ?? r.rowCount ?? 0);
}
