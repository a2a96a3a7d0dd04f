import { createHash } from 'node:crypto';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { NewerDatabaseError, newerDatabaseMessage } from '@/lib/backups';
import { redactDatabaseUrl } from '@/lib/start-failure';
import { PLAN_EACH_TIME } from './dialect';
import { giveDigests } from './error-digests';
import { pgMigrationState } from './pg-files';
import { PG_TYPES } from './pg-types';
import { bindValues, inlineValues, toPositional, type PositionalSql, type SqlParams } from './sql-params';
import type { Conn, Db, RunResult, Store, TransactionOptions } from './types';

export const PG_MIGRATIONS = path.join(process.cwd(), 'db', 'migrations', 'pg');

export type PgOptions = {
  /** Connections this process keeps at most (several app servers share the server's max_connections). */
  poolSize?: number;
  /** How long a request waits for a connection before it answers 503 "busy". */
  connectTimeoutMs?: number;
  /** Statements running longer are cancelled (57014, answered as "busy"). */
  statementTimeoutMs?: number;
  /** Called with errors of idle connections (a restarted server); the pool replaces them. */
  onIdleError?: (error: Error) => void;
  /** Skip migrations (a read-only worker that must not race the app's start). */
  migrate?: boolean;
};

/**
 * PostgreSQL: a pool of connections shared by this process's requests; every
 * transaction takes its own connection from BEGIN to COMMIT. What SQLite
 * guarantees by having one writer, the statements and locks of db/ guarantee
 * here (docs/decisions/017-storage-boundary-and-postgresql.md).
 */
export async function openPgStore(url: string, options: PgOptions = {}): Promise<Store & { pool: pg.Pool }> {
  giveDigests(pg.DatabaseError);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    idle_in_transaction_session_timeout: 60_000,
    application_name: 'hai-long',
    // The rollups a dashboard reads are small and stay in memory: PostgreSQL's default cost of a
    // random page (4, for spinning disks) made it scan a whole monthly rollup rather than seek one
    // month of each office, 20 ms instead of 3 at 2M ratings (ADR 017, "Planner costs").
    options: '-c random_page_cost=1.1',
    types: PG_TYPES,
  });
  // An idle connection killed by a restart emits 'error' on the pool; unhandled, it would end the process.
  pool.on('error', (error) => options.onIdleError?.(error));

  if (options.migrate !== false) {
    try {
      await migrateOnce(pool, url);
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  const poolDb = drizzle(pool) as unknown as Db;
  const connOn = (client: Queryable, db: () => Db, tx: TxConnection | null): Conn => {
    const query = async (text: string, params?: SqlParams): Promise<pg.QueryResult> => {
      if (tx) return tx.statement(text, params);
      const statement = positional(text);
      return client.query({ name: statement.name || undefined, text: statement.text, values: bindValues(statement, params).map(toPgValue) });
    };
    return {
      kind: 'pg',
      singleWriter: false,
      get db() {
        return db();
      },
      async all<T>(text: string, params?: SqlParams) {
        return (await query(text, params)).rows as T[];
      },
      async get<T>(text: string, params?: SqlParams) {
        return (await query(text, params)).rows[0] as T | undefined;
      },
      async value<T>(text: string, params?: SqlParams) {
        const result = await query(text, params);
        const row = result.rows[0] as Record<string, unknown> | undefined;
        return (row ? row[result.fields[0]?.name ?? ""] : undefined) as T | undefined;
      },
      async run(text: string, params?: SqlParams): Promise<RunResult> {
        return { changes: (await query(text, params)).rowCount ?? 0 };
      },
      async lock(...keys: string[]) {
        if (!tx) throw new Error('lock() outside a transaction would hold nothing');
        const sorted = [...new Set(keys)].sort();
        if (sorted.length === 0) return;
        // All the keys in one statement, taken in sorted order, so two transactions asking for the same keys cannot wait on each other in a cycle.
        tx.lock(sorted);
      },
      async runDeferred(text: string, params?: SqlParams) {
        if (tx) tx.defer(text, params);
        else await query(text, params);
      },
      async allAtCommit<T>(text: string, params?: SqlParams) {
        return (tx ? await tx.statementAndCommit(text, params) : await query(text, params)).rows as T[];
      },
    };
  };
  const autocommit = connOn(pool, () => poolDb, null);

  return {
    kind: 'pg',
    location: redactDatabaseUrl(url),
    pool,
    connect: (fn) => fn(autocommit),
    async transaction<T>(fn: (c: Conn) => Promise<T>, txOptions: TransactionOptions = {}) {
      const client = await pool.connect();
      const tx = txConnection(client, txOptions.mode === 'read' ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN');
      let broken: Error | undefined;
      try {
        // drizzle's builder is made only for a transaction that uses it: the submit path's statements are raw.
        let txDb: Db | undefined;
        const result = await fn(connOn(tx.client, () => (txDb ??= drizzle(tx.client as pg.PoolClient) as unknown as Db), tx));
        await tx.commit();
        return result;
      } catch (error) {
        try {
          await tx.rollback();
        } catch (rollbackError) {
          broken = rollbackError as Error;
        }
        throw error;
      } finally {
        // A connection that failed its ROLLBACK is closed rather than handed to the next request.
        client.release(broken);
      }
    },
    async ping() {
      await pool.query('select 1');
    },
    async close() {
      await pool.end();
    },
  };
}

/**
 * Migrations run once even when several app servers start together: a
 * session advisory lock on one connection, and drizzle's migrator on it.
 */
async function migrateOnce(pool: pg.Pool, url: string) {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock(hashtextextended($1, 0))', ['hai-long:migrate']);
    try {
      // A database a newer version migrated: this version would run on a schema it does not know (docs/decisions/025).
      const state = await pgMigrationState(client, PG_MIGRATIONS);
      if (state.state === 'newer') throw new NewerDatabaseError(newerDatabaseMessage(redactDatabaseUrl(url), state));
      await migrate(drizzle(client), { migrationsFolder: PG_MIGRATIONS });
    } finally {
      await client.query('select pg_advisory_unlock(hashtextextended($1, 0))', ['hai-long:migrate']);
    }
  } finally {
    client.release();
  }
}

type Queryable = Pick<pg.PoolClient, 'query'>;

type TxConnection = {
  /** The connection, for drizzle's statements: each first sends what is still owed (BEGIN, locks, deferred writes). */
  client: Queryable;
  /** A raw statement (Conn's all/get/value/run), sent with what is still owed in one message when it can be. */
  statement(text: string, params?: SqlParams): Promise<pg.QueryResult>;
  /** Keys to lock before the next statement runs. */
  lock(sortedKeys: string[]): void;
  /** A write to send with the next statement or with COMMIT (Conn.runDeferred). */
  defer(text: string, params?: SqlParams): void;
  /** The last statement, sent with COMMIT when no savepoint is open (Conn.allAtCommit). */
  statementAndCommit(text: string, params?: SqlParams): Promise<pg.QueryResult>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
};

const LOCK_KEYS_SQL = (keys: string) =>
  `select count(pg_advisory_xact_lock(hashtextextended(k, 0))) from (select k from unnest(${keys}::text[]) as k order by k) as sorted`;

/**
 * A transaction's connection that saves round trips — most of what a short
 * transaction cost here, and, while it holds an office's hot lock or rollup
 * rows, what every other rating of that office waits for. What the
 * transaction owes before its next statement (BEGIN, the locks asked for,
 * deferred writes) travels with that statement in one simple query, values
 * quoted by the driver, and runs in order before it: PostgreSQL runs each
 * statement of a simple query on its own snapshot, so the statement still
 * reads everything committed before the locks were granted. Deferred writes
 * left at the end go with COMMIT. A statement whose values cannot be written
 * as literals (drizzle's, arrays) is sent on its own after what is owed. A
 * transaction that runs no statement sends nothing at all.
 */
function txConnection(connection: pg.PoolClient, beginSql: string): TxConnection {
  let begun = false;
  let pending: string[] = [];
  let lockKeys: string[] = [];
  // Orders messages: what is owed goes out before any later statement. A failure reaches the
  // caller whose message failed (which may go on after a savepoint's rollback), not every later one.
  let ready: Promise<unknown> = Promise.resolve();
  const plans = sqlPlansOf(connection);
  const send = (parts: string[]) => {
    const sent = ready.then(() => connection.query(parts.join(';\n')) as Promise<pg.QueryResult | pg.QueryResult[]>);
    // A failed message may have stopped before some of its PREPAREs: new names from here on.
    ready = sent.catch(() => plans.forget());
    return sent;
  };
  /** A statement with its values, as EXECUTE of a plan prepared once per connection (PREPARE goes first, the first time). */
  const inline = (statement: PositionalSql & { name: string }, values: readonly unknown[]): string | null => {
    const args = tryLiterals(values);
    if (args === null) return null;
    // Only queries have plans to keep (SAVEPOINT and the like cannot be prepared).
    return PLANNABLE.test(statement.text) && statement.name ? plans.execute(statement, args) : inlineValues(statement, values, pgLiteral);
  };
  let savepoints = 0;
  let ended = false;
  const owed = (): string[] => {
    if (ended) throw new Error('This transaction has ended with its last statement (Conn.allAtCommit)');
    // The locks first: a deferred write's rows are then locked after them, in the order every
    // transaction takes them (a lock asked for after a deferred write would invert it).
    const parts = begun ? [] : [beginSql];
    if (lockKeys.length) parts.push(LOCK_KEYS_SQL(arrayLiteral(lockKeys)));
    parts.push(...pending);
    begun = true;
    pending = [];
    lockKeys = [];
    return parts;
  };
  const sendOwed = async () => {
    const parts = owed();
    if (parts.length) await send(parts);
    else await ready;
  };
  const prepared = async (statement: PositionalSql & { name: string }, values: unknown[]) => {
    await sendOwed();
    return connection.query({ name: statement.name || undefined, text: statement.text, values: values.map(toPgValue) });
  };
  return {
    client: {
      query: (async (...args: unknown[]) => {
        await sendOwed();
        return (connection.query as (...a: unknown[]) => unknown).apply(connection, args);
      }) as pg.PoolClient['query'],
    },
    async statement(text, params) {
      // Savepoints come from db/store.ts as plain statements: counted, so allAtCommit knows it is nested.
      if (/^savepoint /i.test(text)) savepoints++;
      else if (/^release savepoint /i.test(text)) savepoints--;
      const statement = positional(text);
      const values = bindValues(statement, params);
      const nothingOwed = begun && pending.length === 0 && lockKeys.length === 0;
      const inlined = nothingOwed ? null : inline(statement, values);
      if (inlined === null) return prepared(statement, values);
      // A simple query of several statements answers with one result each: this statement's is the last.
      const results = await send([...owed(), inlined]);
      return Array.isArray(results) ? results[results.length - 1]! : results;
    },
    lock(sortedKeys) {
      lockKeys = [...new Set([...lockKeys, ...sortedKeys])].sort();
    },
    defer(text, params) {
      const statement = positional(text);
      const values = bindValues(statement, params);
      pending.push(inline(statement, values) ?? inlineValues(statement, values, pgLiteral));
    },
    async statementAndCommit(text, params) {
      if (savepoints > 0) return this.statement(text, params);
      const statement = positional(text);
      const values = bindValues(statement, params);
      const inlined = inline(statement, values);
      if (inlined === null) {
        const result = await prepared(statement, values);
        await this.commit();
        return result;
      }
      const results = await send([...owed(), inlined, 'COMMIT']);
      ended = true;
      // One result per statement of the message: this statement's is the one before COMMIT's.
      return Array.isArray(results) ? results[results.length - 2]! : results;
    },
    async commit() {
      if (ended) return;
      if (!begun && pending.length === 0 && lockKeys.length === 0) return;
      await send([...owed(), 'COMMIT']);
    },
    async rollback() {
      // Deferred writes never sent: their PREPAREs did not run either.
      if (pending.length) plans.forget();
      pending = [];
      lockKeys = [];
      if (!begun || ended) return;
      await ready;
      await connection.query('ROLLBACK');
    },
  };
}

/** The values as SQL literals, or null when one of them has no literal form here. */
function tryLiterals(values: readonly unknown[]): string[] | null {
  try {
    return values.map(pgLiteral);
  } catch {
    return null;
  }
}

/**
 * The plans a connection has prepared with SQL's PREPARE, for statements sent
 * in a simple query with what a transaction owes (txConnection): PostgreSQL
 * would otherwise parse and plan each such statement afresh — on the submit
 * path, the rollup upserts and the alert step, a third of its CPU per rating.
 * `EXECUTE name(literals…)` travels in the same message, so nothing is added
 * to the round trips. Names differ from node-postgres's own prepared
 * statements (`hl_…`), and change after a failed message, which may have
 * stopped before one of its PREPAREs ran.
 */
function sqlPlansOf(connection: object) {
  let plans = sqlPlans.get(connection);
  if (!plans) sqlPlans.set(connection, (plans = new SqlPlans()));
  return plans;
}
const sqlPlans = new WeakMap<object, SqlPlans>();
const PLANNABLE = /^\s*(select|insert|update|delete|with)\b/i;

class SqlPlans {
  private names = new Set<string>();
  private generation = 0;

  execute(statement: PositionalSql & { name: string }, args: string[]): string {
    const name = `hs${this.generation}_${statement.name.slice(3)}`;
    const execute = `EXECUTE ${name}${args.length ? `(${args.join(', ')})` : ''}`;
    if (this.names.has(name)) return execute;
    this.names.add(name);
    return `PREPARE ${name} AS ${statement.text};\n${execute}`;
  }

  forget() {
    this.names.clear();
    this.generation++;
  }
}

/** A text[] literal of lock keys, quoted for the simple query protocol. */
function arrayLiteral(keys: string[]): string {
  return pg.escapeLiteral(`{${keys.map((k) => `"${k.replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
}

/**
 * A value as an SQL literal, for the simple query protocol. A bare value in a
 * select list then has its literal's type (a number comes back a number, not text).
 */
function pgLiteral(value: unknown): string {
  const v = toPgValue(value);
  if (v === null) return 'NULL';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`Not a finite number: ${v}`);
    // In brackets, a negative number stays one value before a cast or an operator.
    return v < 0 ? `(${v})` : String(v);
  }
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return pg.escapeLiteral(v);
  throw new Error(`No literal for a ${typeof v} in a deferred write`);
}

const rewritten = new Map<string, PositionalSql & { name: string }>();

/** Each raw statement is rewritten once and prepared once per connection (a named statement). */
function positional(text: string) {
  let statement = rewritten.get(text);
  if (!statement) {
    const converted = toPositional(text);
    // An empty name is node-postgres's unnamed statement: parsed and planned with its values each time (dialect.ts PLAN_EACH_TIME).
    const name = text.startsWith(PLAN_EACH_TIME) ? '' : `hl_${createHash('sha1').update(converted.text).digest('hex').slice(0, 16)}`;
    statement = { ...converted, name };
    if (rewritten.size >= 1000) rewritten.delete(rewritten.keys().next().value!);
    rewritten.set(text, statement);
  }
  return statement;
}

/** Dates are epoch milliseconds in this schema, as in SQLite's. */
function toPgValue(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (value === undefined) return null;
  return value;
}
