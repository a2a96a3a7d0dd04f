import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * The database a benchmark runs the app on: a fresh SQLite file, or a fresh
 * PostgreSQL database on the server named by BENCH_DATABASE_URL or
 * TEST_DATABASE_URL (an administrator connection: the benchmark creates and
 * drops its own database; a `keep` one it creates once and leaves). Without either, `--engine pg` stops with a line
 * saying how to get one: `npx tsx scripts/with-test-postgres.ts npm run bench:… -- --engine both`.
 *
 * Benchmarks on seeded data keep their database between runs instead
 * (`openKeptDb`): seeding millions of ratings takes minutes.
 */
export type Engine = 'sqlite' | 'pg';


export type BenchDb = {
  engine: Engine;
  /** What the app's environment needs to use it. */
  env: Record<string, string>;
  /** For the results: a file path, or the database's name (and server, when kept). */
  label: string;
  /** One number from the database (a count), read through a connection of the benchmark's own. */
  scalar(sql: string, params?: unknown[]): Promise<number>;
  rows<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * One statement that writes (a benchmark's set-up: pairing kiosks, adding
   * people), on a connection that waits for the app's writer; the rows of
   * its RETURNING clause, if any.
   */
  write<T = unknown>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Bytes the data takes: the SQLite file without its -wal, or `pg_database_size`. */
  sizeBytes(): Promise<number>;
  /**
   * CPU seconds used so far by the PostgreSQL backends connected to this
   * database (/proc; sample before and after): the server's share of the
   * work, which the app's own CPU time leaves out. Null on SQLite (its work
   * is the app's) or when the server's processes are not on this machine.
   */
  serverCpuSeconds(): Promise<number | null>;
  /** Lets go of the benchmark's own connections; the database stays. */
  close(): Promise<void>;
  /** Removes the database, or for a kept one (`keep`) only closes the benchmark's connections. */
  drop(): Promise<void>;
};

export type BenchDbOptions = {
  /**
   * Keep the database after the run and take it as it is when it exists
   * (SQLite `<dir>/<name>.db`, PostgreSQL `hl_bench_<name>`): a large
   * seeded database is made once and reused by later runs.
   */
  keep?: boolean;
};

export const engineLabel = (engine: Engine) => (engine === 'pg' ? 'PostgreSQL' : 'SQLite');

export function parseEngines(flag: string | undefined): Engine[] {
  const value = (flag ?? 'sqlite').toLowerCase();
  if (value === 'both') return ['sqlite', 'pg'];
  if (value === 'sqlite' || value === 'pg') return [value];
  throw new Error(`--engine must be sqlite, pg or both (got ${flag})`);
}

export function adminUrl(): string {
  const url = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'PostgreSQL benchmarks need a server: set BENCH_DATABASE_URL (an administrator URL), or run through `npx tsx scripts/with-test-postgres.ts npm run <bench> -- --engine pg`.',
    );
  }
  return url;
}

/** `hl_bench_<name>`, in the characters an unquoted PostgreSQL name allows. */
export function pgDatabaseName(name: string): string {
  return `hl_bench_${name.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}`;
}

/** `host:port` of a PostgreSQL URL, to say which server a kept database is on. */
export function pgServerOf(url: string): string {
  const u = new URL(url);
  return `${u.hostname || 'localhost'}:${u.port || '5432'}`;
}

/** The host a PostgreSQL URL connects to: its `?host=` (a socket folder) before its host name. */
function pgHostOf(url: string): string {
  const u = new URL(url);
  return u.searchParams.get('host') ?? u.hostname;
}

export async function createBenchDb(engine: Engine, name: string, dir: string, options: BenchDbOptions = {}): Promise<BenchDb> {
  return engine === 'pg' ? createPg(name, options) : createSqlite(path.join(dir, `${name}.db`), options);
}

/** Runs `measure` on each engine in turn, each on its own database (`createBenchDb`), dropped (or, kept, closed) afterwards. */
export async function onEachEngine<T>(
  engines: Engine[],
  name: string,
  dir: string,
  measure: (db: BenchDb) => Promise<T>,
  options: BenchDbOptions = {},
): Promise<(T & { engine: Engine })[]> {
  const results: (T & { engine: Engine })[] = [];
  for (const engine of engines) {
    const db = await createBenchDb(engine, name, dir, options);
    try {
      results.push({ ...(await measure(db)), engine });
    } finally {
      await db.drop();
    }
  }
  return results;
}

/** Ratings in the database; 0 before the app or the seed has made its tables. */
export async function countRatings(db: BenchDb): Promise<number> {
  try {
    return await db.scalar('select count(*) from responses');
  } catch {
    return 0;
  }
}

export type SeedOptions = { responses: number; offices?: number; months?: number; /** Seed again even when it holds ratings. */ reseed?: boolean };

/**
 * Seeds the demo province and `responses` ratings with scripts/seed.ts
 * (`--fresh`, on the SQLite file or with `--database-url`), unless the
 * database already holds ratings (a kept one) and `reseed` is not set.
 * Returns the seconds it took, or null when it was taken as it is.
 */
export async function seedBenchDb(db: BenchDb, o: SeedOptions): Promise<number | null> {
  if (!o.reseed && (await countRatings(db)) > 0) return null;
  const root = path.resolve(__dirname, '..', '..');
  const target = db.engine === 'pg' ? ['--database-url', db.env.DATABASE_URL!] : ['--db', db.env.DATABASE_PATH!];
  const extra = [...(o.offices ? ['--offices', String(o.offices)] : []), ...(o.months ? ['--months', String(o.months)] : [])];
  console.log(`Seeding ${o.responses.toLocaleString('en-US')} ratings into ${db.label} (${engineLabel(db.engine)}) …`);
  const t0 = performance.now();
  const seed = spawnSync('npx', ['tsx', 'scripts/seed.ts', ...target, '--fresh', '--responses', String(o.responses), ...extra], {
    cwd: root,
    env: { ...process.env, ...db.env },
    stdio: 'inherit',
  });
  if (seed.status !== 0) throw new Error(`seeding ${db.label} failed`);
  return (performance.now() - t0) / 1000;
}

function createSqlite(file: string, options: BenchDbOptions): BenchDb {
  if (!options.keep) removeSqlite(file);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return sqliteDb(file, !options.keep);
}

/**
 * A database kept between runs: the SQLite file `file`, or the PostgreSQL
 * database `database` on the server of adminUrl(). Opened as it is, nothing
 * is deleted; `exists` says whether there is one yet (a kept PostgreSQL
 * database is created empty when missing, ready for a seeder), `fresh`
 * deletes what is there first. `secretsDir`: where the app keeps its own
 * secrets file when the environment sets none (db/local-secrets.ts, beside
 * the SQLite file); on PostgreSQL nothing else is written there.
 */
export async function openKeptDb(
  engine: Engine,
  where: { file: string; database: string; secretsDir: string },
  { fresh = false }: { fresh?: boolean } = {},
): Promise<BenchDb & { exists: boolean }> {
  if (engine === 'sqlite') {
    if (fresh) removeSqlite(where.file);
    fs.mkdirSync(path.dirname(where.file), { recursive: true });
    return { ...sqliteDb(where.file, false), exists: fs.existsSync(where.file) };
  }
  const admin = adminUrl();
  if (fresh) await adminQuery(admin, `drop database if exists ${where.database} with (force)`);
  const exists = await pgDatabaseExists(admin, where.database);
  if (!exists) await adminQuery(admin, `create database ${where.database}`);
  const db = pgBenchDb(pgDatabaseUrl(admin, where.database), where.database, null, `${where.database} on ${pgServerOf(admin)}`);
  const secretsPlace = path.join(where.secretsDir, 'postgresql-secrets-only.db');
  return { ...db, env: { ...db.env, DATABASE_PATH: secretsPlace }, exists };
}

/**
 * A throwaway copy of a kept database, for a benchmark that writes to it
 * (bench/officials): the SQLite file (and its -wal) copied to `to.file`, or
 * a PostgreSQL database made with `create database … template …` (which
 * needs no one else connected to the kept one). The kept database is never
 * written; drop() removes the copy.
 */
export async function copyKeptDb(
  engine: Engine,
  from: { file: string; database: string },
  to: { file: string; database: string; secretsDir: string },
): Promise<BenchDb> {
  if (engine === 'sqlite') {
    removeSqlite(to.file);
    fs.mkdirSync(path.dirname(to.file), { recursive: true });
    fs.copyFileSync(from.file, to.file);
    if (fs.existsSync(`${from.file}-wal`)) fs.copyFileSync(`${from.file}-wal`, `${to.file}-wal`);
    return sqliteDb(to.file, true);
  }
  const admin = adminUrl();
  await adminQuery(admin, `drop database if exists ${to.database} with (force)`);
  await adminQuery(admin, `create database ${to.database} template ${from.database}`);
  const db = pgBenchDb(pgDatabaseUrl(admin, to.database), to.database, admin, `${to.database} on ${pgServerOf(admin)}`);
  return { ...db, env: { ...db.env, DATABASE_PATH: path.join(to.secretsDir, 'postgresql-secrets-only.db') } };
}

/**
 * The note kept on a PostgreSQL database (`COMMENT ON DATABASE`): a seeded
 * benchmark database records how it was made on itself, so the record goes
 * wherever the database goes and nowhere else. Null when there is none.
 */
export async function readPgNote(database: string): Promise<string | null> {
  const rows = await adminRows<{ note: string | null }>(
    adminUrl(),
    "select shobj_description(oid, 'pg_database') as note from pg_database where datname = $1",
    [database],
  );
  return rows[0]?.note ?? null;
}

export async function writePgNote(database: string, note: string): Promise<void> {
  await adminQuery(adminUrl(), `comment on database ${database} is ${pg.escapeLiteral(note)}`);
}

function removeSqlite(file: string) {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}

/** `removeOnDrop`: drop() deletes the file (a fresh benchmark database), else leaves it. */
function sqliteDb(file: string, removeOnDrop: boolean): BenchDb {
  const open = () => new Database(file, { readonly: true, fileMustExist: true });
  return {
    engine: 'sqlite',
    env: { DATABASE_PATH: file, DATABASE_URL: '' },
    label: file,
    async scalar(sql, params = []) {
      const db = open();
      try {
        return Number(db.prepare(sql).pluck().get(...params));
      } finally {
        db.close();
      }
    },
    async rows<T>(sql: string, params: unknown[] = []) {
      const db = open();
      try {
        return db.prepare(sql).all(...params) as T[];
      } finally {
        db.close();
      }
    },
    async write<T>(sql: string, params: unknown[] = []) {
      // The app holds the file open: wait for its writer rather than fail (better-sqlite3's `timeout` is SQLite's busy timeout).
      const db = new Database(file, { fileMustExist: true, timeout: 10_000 });
      try {
        const statement = db.prepare(sql);
        if (statement.reader) return statement.all(...params) as T[];
        statement.run(...params);
        return [];
      } finally {
        db.close();
      }
    },
    async sizeBytes() {
      return fs.existsSync(file) ? fs.statSync(file).size : 0;
    },
    async serverCpuSeconds() {
      return null;
    },
    async close() {},
    async drop() {
      if (removeOnDrop) removeSqlite(file);
    },
  };
}

async function createPg(name: string, options: BenchDbOptions): Promise<BenchDb> {
  const admin = adminUrl();
  const database = pgDatabaseName(name);
  if (!options.keep || !(await pgDatabaseExists(admin, database))) {
    await adminQuery(admin, `drop database if exists ${database} with (force)`);
    await adminQuery(admin, `create database ${database}`);
  }
  return pgBenchDb(pgDatabaseUrl(admin, database), database, options.keep ? null : admin);
}

/** The administrator URL with another database: same server, user and options (a socket's `?host=`). */
function pgDatabaseUrl(admin: string, database: string): string {
  const url = new URL(admin);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * A BenchDb on a PostgreSQL database that already exists (named by its URL,
 * e.g. a benchmark's `--database-url`): used as it is, never dropped.
 */
export function existingPgBenchDb(databaseUrl: string): BenchDb {
  return pgBenchDb(databaseUrl, new URL(databaseUrl).pathname.slice(1), null);
}

/** `dropWith`: the administrator URL that drops the database at the end; null to leave it. */
function pgBenchDb(databaseUrl: string, database: string, dropWith: string | null, label = database): BenchDb {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  // An idle connection ended by the database (a server stopping, `drop … with (force)`) must not end the benchmark.
  pool.on('error', () => undefined);
  // Raw SQL in the benchmarks is written with `?` as for SQLite.
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await pool.end();
  };
  return {
    engine: 'pg',
    env: { DATABASE_URL: databaseUrl },
    label,
    async scalar(sql, params = []) {
      const result = await pool.query({ text: numbered(sql), values: params, rowMode: 'array' });
      return Number(result.rows[0]?.[0]);
    },
    async rows<T>(sql: string, params: unknown[] = []) {
      return (await pool.query(numbered(sql), params)).rows as T[];
    },
    async write<T>(sql: string, params: unknown[] = []) {
      return (await pool.query(numbered(sql), params)).rows as T[];
    },
    async sizeBytes() {
      return Number((await pool.query<{ n: string }>('select pg_database_size(current_database()) as n')).rows[0]!.n);
    },
    async serverCpuSeconds() {
      return pgBackendCpuSeconds(async (sql) => (await pool.query<{ pid: number }>(sql)).rows, pgHostOf(databaseUrl));
    },
    close,
    async drop() {
      await close();
      if (dropWith) await adminQuery(dropWith, `drop database if exists ${database} with (force)`);
    },
  };
}

/**
 * CPU seconds (user + system) used so far by every backend connected to the
 * database that `query` runs on, from /proc/<pid>/stat (fields 14-15, clock
 * ticks of 1/100 s). Null unless the server is on this machine
 * (`host`: loopback or a socket) and its backends can be read here. A backend
 * that ends between two samples takes its CPU time with it: app pools keep
 * their connections far longer than a measurement lasts.
 */
export async function pgBackendCpuSeconds(query: (sql: string) => Promise<{ pid: number }[]>, host: string): Promise<number | null> {
  if (!(host === '' || host === 'localhost' || host.startsWith('127.') || host === '[::1]' || host === '::1' || host.startsWith('/'))) return null;
  const pids = await query('select pid from pg_stat_activity where datname = current_database()');
  let ticks = 0;
  let seen = 0;
  for (const { pid } of pids) {
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);
      seen++;
    } catch {
      /* ended meanwhile, or not ours to read */
    }
  }
  return seen > 0 ? ticks / 100 : null;
}

async function pgDatabaseExists(admin: string, database: string): Promise<boolean> {
  return (await adminRows(admin, 'select 1 from pg_database where datname = $1', [database])).length > 0;
}

async function adminQuery(url: string, text: string) {
  await adminRows(url, text);
}

async function adminRows<T>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

export type PgServer = { version: string; settings: Record<string, string> };

/** The server's version and the settings that shape read times, for the report. */
export async function describePgServer(): Promise<PgServer> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    const version = (await client.query<{ v: string }>("select split_part(version(), ' on ', 1) as v")).rows[0]!.v;
    const names = ['shared_buffers', 'work_mem', 'effective_cache_size', 'random_page_cost', 'jit', 'max_parallel_workers_per_gather', 'fsync', 'synchronous_commit'];
    const rows = (await client.query<{ name: string; setting: string }>('select name, current_setting(name) as setting from pg_settings where name = any($1)', [names]))
      .rows;
    return { version, settings: Object.fromEntries(names.map((n) => [n, rows.find((r) => r.name === n)?.setting ?? '?'])) };
  } finally {
    await client.end();
  }
}
