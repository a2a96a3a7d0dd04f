import fs from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { PG_TYPES } from '../db/engine/pg-types';
import { bindValues, toPositional, type SqlParams } from '../db/engine/sql-params';
import { dayStart, type DayKey } from '../lib/indicators/periods';
import { E2E_DB, E2E_DB_BUSY_FLAG, E2E_DATABASE, type E2eDatabase } from '../playwright.config';

/**
 * The e2e servers' own database, reached directly by the specs to check what
 * a person's action really stored (or to set up what no screen can). The same
 * SQL on both engines, written as in db/: SQLite's placeholders (`?` or
 * `@name`, rewritten to `$n` for PostgreSQL), aliases in double quotes,
 * booleans and counts back as numbers (0/1) on both.
 */
export interface Sql {
  all<T = Record<string, unknown>>(text: string, params?: SqlParams): Promise<T[]>;
  get<T = Record<string, unknown>>(text: string, params?: SqlParams): Promise<T | undefined>;
  /** The first column of the first row. */
  value<T = unknown>(text: string, params?: SqlParams): Promise<T | undefined>;
  run(text: string, params?: SqlParams): Promise<{ changes: number }>;
  close(): Promise<void>;
}

/**
 * Opens a server's database (the main e2e server's unless told): read-only on
 * SQLite unless `write` (WAL lets us read while the server writes).
 */
export async function openSql(target: E2eDatabase = E2E_DATABASE, options: { write?: boolean } = {}): Promise<Sql> {
  if (target.kind === 'pg') {
    const client = await pgClient(target.url);
    const query = (text: string, params?: SqlParams) => {
      const statement = toPositional(text);
      return client.query({ text: statement.text, values: bindValues(statement, params) });
    };
    return {
      all: async <T>(text: string, params?: SqlParams) => (await query(text, params)).rows as T[],
      get: async <T>(text: string, params?: SqlParams) => (await query(text, params)).rows[0] as T | undefined,
      value: async <T>(text: string, params?: SqlParams) => {
        const result = await query(text, params);
        const row = result.rows[0] as Record<string, unknown> | undefined;
        return (row ? row[result.fields[0]!.name] : undefined) as T | undefined;
      },
      run: async (text: string, params?: SqlParams) => ({ changes: (await query(text, params)).rowCount ?? 0 }),
      close: () => client.end(),
    };
  }
  const db = new Database(target.path, { readonly: !options.write, fileMustExist: true });
  if (options.write) db.pragma('busy_timeout = 5000');
  const args = (params?: SqlParams) => (params === undefined ? [] : Array.isArray(params) ? params : [params]);
  return {
    all: async <T>(text: string, params?: SqlParams) => db.prepare(text).all(...args(params)) as T[],
    get: async <T>(text: string, params?: SqlParams) => db.prepare(text).get(...args(params)) as T | undefined,
    value: async <T>(text: string, params?: SqlParams) => {
      const statement = db.prepare(text);
      return (statement.reader ? statement.pluck().get(...args(params)) : undefined) as T | undefined;
    },
    run: async (text: string, params?: SqlParams) => ({ changes: db.prepare(text).run(...args(params)).changes }),
    close: async () => {
      db.close();
    },
  };
}

async function pgClient(url: string) {
  const client = new pg.Client({ connectionString: url, types: PG_TYPES, application_name: 'hai-long-e2e' });
  await client.connect();
  return client;
}

/**
 * Another connection holding the database as a long export or a second app
 * server would, until `release()`:
 * - `writes`: writers wait past the server's busy timeout and get "busy",
 *   readers go on (SQLite: the write lock, BEGIN IMMEDIATE in WAL mode;
 *   PostgreSQL: every table locked EXCLUSIVE, which still admits reads; the
 *   e2e databases have lock_timeout = the busy timeout, see playwright.config.ts);
 * - `everything`: every use of the database is "busy", reads included
 *   (SQLite: the server's test-mode switch `<db>.busy`, db/store.ts
 *   failWhileHeld, since a lock never stops WAL readers; PostgreSQL: every
 *   table locked ACCESS EXCLUSIVE).
 */
export async function holdDatabase(what: 'writes' | 'everything', target: E2eDatabase = E2E_DATABASE): Promise<{ release(): Promise<void> }> {
  if (target.kind === 'pg') {
    const client = await pgClient(target.url);
    await client.query('BEGIN');
    // Our own wait for a lock the server holds a moment must not fail like the server's.
    await client.query("SET LOCAL lock_timeout = '20s'");
    const { rows } = await client.query<{ name: string }>("select quote_ident(tablename) as name from pg_tables where schemaname = 'public' order by tablename");
    await client.query(`LOCK TABLE ${rows.map((r) => r.name).join(', ')} IN ${what === 'writes' ? 'EXCLUSIVE' : 'ACCESS EXCLUSIVE'} MODE`);
    return {
      async release() {
        await client.query('ROLLBACK');
        await client.end();
      },
    };
  }
  if (what === 'everything') {
    const flag = target.path === E2E_DB ? E2E_DB_BUSY_FLAG : `${target.path}.busy`;
    fs.writeFileSync(flag, '');
    return { release: async () => fs.rmSync(flag, { force: true }) };
  }
  const other = new Database(target.path, { fileMustExist: true });
  other.exec('BEGIN IMMEDIATE');
  return {
    async release() {
      other.exec('ROLLBACK');
      other.close();
    },
  };
}

type ResponseRow = {
  id: number;
  unit_id: number;
  counter_id: number | null;
  channel: string;
  comment: string | null;
  receipt_code: string | null;
  flags: string | null;
  excluded: number;
  lang: string;
  device_hash: string | null;
  network_hash: string | null;
};

/** The questions specs ask most, over `openSql`. */
export async function openTestDb(target: E2eDatabase = E2E_DATABASE) {
  const sql = await openSql(target);
  const need = <T>(row: T | undefined, what: string): T => {
    if (row === undefined) throw new Error(`e2e db: no ${what}`);
    return row;
  };
  return {
    sql,
    async countResponses(): Promise<number> {
      return (await sql.value<number>('select count(*) from responses'))!;
    },
    responseByClientId(clientId: string) {
      return sql.get<ResponseRow>('select * from responses where client_id = ?', [clientId]);
    },
    async responsesByClientId(clientId: string): Promise<number> {
      return (await sql.value<number>('select count(*) from responses where client_id = ?', [clientId]))!;
    },
    answersOf(responseId: number) {
      return sql.all<{ questionKey: string; score: number | null; choice: string | null }>(
        'select question_key as "questionKey", score, choice from answers where response_id = ? order by id',
        [responseId],
      );
    },
    contactOf(responseId: number) {
      return sql.get<{ phone: string; consentVersion: string }>('select phone, consent_version as "consentVersion" from contacts where response_id = ?', [responseId]);
    },
    unitByCode(code: string) {
      return sql.get<{ id: number; name: string }>('select id, name from units where code = ?', [code]);
    },
    counterByCode(code: string) {
      return sql.get<{ id: number; unitId: number; name: string }>('select id, unit_id as "unitId", name from counters where code = ?', [code]);
    },
    async userIdByUsername(username: string): Promise<number> {
      return need(await sql.value<number>('select id from users where username = ?', [username]), `user ${username}`);
    },
    async unitIdByName(name: string): Promise<number> {
      return need(await sql.value<number>('select id from units where name = ? order by id', [name]), `unit ${name}`);
    },
    async anyEvaluationPeriodId(): Promise<number> {
      return need(await sql.value<number>('select id from evaluation_periods order by id'), 'evaluation period');
    },
    async anyQuestionSetId(): Promise<number> {
      return need(await sql.value<number>('select id from question_sets order by id'), 'question set');
    },
    async firstCodeUnder(unitId: number): Promise<string> {
      return need(await sql.value<string>('select code from units where id = ? and code is not null', [unitId]), `code of unit ${unitId}`);
    },
    auditActions(entityType: string, entityId: number) {
      return sql.all<{ action: string; before: string | null; after: string | null }>(
        'select action, before, after from audit_log where entity_type = ? and entity_id = ? order by id',
        [entityType, String(entityId)],
      );
    },
    close: () => sql.close(),
  };
}
export type TestDb = Awaited<ReturnType<typeof openTestDb>>;

/** One query on a server's database, on a connection opened and closed for it. */
export async function queryAll<T = Record<string, unknown>>(text: string, params?: SqlParams, target: E2eDatabase = E2E_DATABASE): Promise<T[]> {
  const sql = await openSql(target);
  try {
    return await sql.all<T>(text, params);
  } finally {
    await sql.close();
  }
}

/** The first row of one query (see queryAll); fails when there is none. */
export async function queryOne<T = Record<string, unknown>>(text: string, params?: SqlParams, target: E2eDatabase = E2E_DATABASE): Promise<T> {
  const [row] = await queryAll<T>(text, params, target);
  if (row === undefined) throw new Error(`e2e db: no row for ${text}`);
  return row;
}

/** The valid (unflagged) ratings of a unit and everything below it, submitted from `from` to `to` inclusive: what an export of that period must hold. */
export async function countValidRatings(unitId: number, from: DayKey, to: DayKey): Promise<number> {
  const db = await openSql();
  try {
    const { path } = (await db.get<{ path: string }>('select path from units where id = ?', [unitId]))!;
    return (await db.value<number>(
      `select count(*) as n from responses r join units u on u.id = r.unit_id
        where u.path >= ? and u.path < ? and r.excluded = false and r.submitted_at >= ? and r.submitted_at < ?`,
      [path, `${path.slice(0, -1)}0`, dayStart(from), dayStart(to) + 86_400_000],
    ))!;
  } finally {
    await db.close();
  }
}
