import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { compareMigrations, NewerDatabaseError, newerDatabaseMessage } from '@/lib/backups';
import * as schema from '../schema.sqlite';
import { giveDigests } from './error-digests';
import { appliedSqliteMigrations, knownMigrationMillis } from './sqlite-files';
import type { SqlParams } from './sql-params';
import type { Conn, Db, RunResult, Store, TransactionOptions } from './types';

export const SQLITE_MIGRATIONS = path.join(process.cwd(), 'db', 'migrations', 'sqlite');

export type SqliteOptions = {
  busyTimeoutMs?: number;
  /**
   * `full`: the WAL is synced at every commit (a commit survives a power cut);
   * `normal` (the default here): at checkpoints only (lib/env.ts DATABASE_SYNCHRONOUS).
   */
  synchronous?: 'normal' | 'full';
  readonly?: boolean;
  /** Called before each use; throwing fails it (test mode's simulated lock, db/store.ts). */
  beforeUse?: () => void;
};

/**
 * The embedded engine: one better-sqlite3 connection per process, which is
 * synchronous. The functions of db/ are async so that they read the same on
 * PostgreSQL; here they would interleave at each `await`, and a statement of
 * one request could land inside another request's open transaction. A
 * queue lets one piece of work at a time use the connection — a transaction
 * from BEGIN to COMMIT, or one `connect` — and since every statement
 * finishes before it returns, the queue adds no wait beyond SQLite's own
 * single writer.
 */
export function openSqliteStore(file: string, options: SqliteOptions = {}): Store & { sqlite: Database.Database; db: Db } {
  if (file !== ':memory:' && !options.readonly) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  giveDigests(Database.SqliteError);
  const sqlite = options.readonly ? new Database(file, { readonly: true, fileMustExist: true }) : new Database(file);
  if (!options.readonly) {
    // A database a newer version migrated: this version would run on a schema it does not know (docs/decisions/025).
    // Checked first, so that nothing is written to it (not even the switch to WAL).
    const state = compareMigrations(appliedSqliteMigrations(sqlite), knownMigrationMillis(SQLITE_MIGRATIONS));
    if (state.state === 'newer') {
      sqlite.close();
      throw new NewerDatabaseError(newerDatabaseMessage(file, state));
    }
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  }
  sqlite.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
  // While a backup reads (docs/decisions/025) checkpoints cannot restart the WAL, which grows by every page
  // written meanwhile (≈ 400 MB in 7 s of ratings at 500/s): this gives the space back once it restarts.
  if (!options.readonly) sqlite.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  sqlite.pragma('foreign_keys = ON');
  const db = drizzle(sqlite, { schema }) as Db;
  if (!options.readonly) migrate(db, { migrationsFolder: SQLITE_MIGRATIONS });

  const statements = new Map<string, Database.Statement>();
  const prepare = (text: string) => {
    let statement = statements.get(text);
    if (!statement) {
      statement = sqlite.prepare(text);
      // Raw statements are few and fixed; the bound only guards against text built from data.
      if (statements.size >= 500) statements.delete(statements.keys().next().value!);
      statements.set(text, statement);
    }
    return statement;
  };
  const args = (params: SqlParams | undefined): unknown[] => {
    if (params === undefined) return [];
    if (Array.isArray(params)) return params.map(toSqliteValue);
    const named: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(params)) named[k] = toSqliteValue(v);
    return [named];
  };
  const conn: Conn = {
    kind: 'sqlite',
    singleWriter: true,
    db,
    async all<T>(text: string, params?: SqlParams) {
      return prepare(text).all(...args(params)) as T[];
    },
    async get<T>(text: string, params?: SqlParams) {
      return prepare(text).get(...args(params)) as T | undefined;
    },
    async value<T>(text: string, params?: SqlParams) {
      const row = prepare(text).raw(true).get(...args(params)) as unknown[] | undefined;
      prepare(text).raw(false);
      return row?.[0] as T | undefined;
    },
    async run(text: string, params?: SqlParams): Promise<RunResult> {
      return { changes: prepare(text).run(...args(params)).changes };
    },
    async runDeferred(text: string, params?: SqlParams) {
      prepare(text).run(...args(params));
    },
    async allAtCommit<T>(text: string, params?: SqlParams) {
      return prepare(text).all(...args(params)) as T[];
    },
    async lock() {},
  };

  const begin = {
    deferred: sqlite.prepare('BEGIN DEFERRED'),
    immediate: sqlite.prepare('BEGIN IMMEDIATE'),
    commit: sqlite.prepare('COMMIT'),
    rollback: sqlite.prepare('ROLLBACK'),
  };
  const queue = new Queue();
  const exclusive = async <T>(fn: () => Promise<T>): Promise<T> => {
    // Free (the usual case): no extra turn of the event loop before the work.
    const wait = queue.acquire();
    if (wait) await wait;
    try {
      options.beforeUse?.();
      return await fn();
    } finally {
      queue.release();
    }
  };

  return {
    kind: 'sqlite',
    location: file,
    sqlite,
    db,
    connect: (fn) => exclusive(() => fn(conn)),
    transaction<T>(fn: (c: Conn) => Promise<T>, txOptions: TransactionOptions = {}) {
      return exclusive(async () => {
        // Prepared once, as better-sqlite3's own transactions do: parsing BEGIN/COMMIT for every rating shows on the hot path.
        (txOptions.mode === 'read' ? begin.deferred : begin.immediate).run();
        try {
          const result = await fn(conn);
          begin.commit.run();
          return result;
        } catch (error) {
          if (sqlite.inTransaction) begin.rollback.run();
          throw error;
        }
      });
    },
    async ping() {
      await exclusive(async () => sqlite.prepare('select 1').get());
    },
    async close() {
      await queue.acquire();
      sqlite.close();
    },
  };
}

/** better-sqlite3 binds numbers, strings, bigints, buffers and null: dates are epoch ms, booleans 0/1. */
function toSqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === undefined) return null;
  return value;
}

/** A first-come first-served lock that costs nothing when free. */
class Queue {
  private held = false;
  private waiting: (() => void)[] = [];

  acquire(): Promise<void> | void {
    if (!this.held) {
      this.held = true;
      return;
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release() {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }
}
