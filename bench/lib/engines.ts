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
 */
export type Engine = 'sqlite' | 'pg';

export type BenchDb = {
  engine: Engine;
  /** What the app's environment needs to use it. */
  env: Record<string, string>;
  /** For the results: a file path, or the database's name. */
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
  const removeFiles = () => {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  };
  if (!options.keep) removeFiles();
  fs.mkdirSync(path.dirname(file), { recursive: true });
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
    async drop() {
      if (!options.keep) removeFiles();
    },
  };
}

async function createPg(name: string, options: BenchDbOptions): Promise<BenchDb> {
  const admin = adminUrl();
  const database = `hl_bench_${name.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}`;
  const exists = async () => (await adminQuery(admin, 'select 1 from pg_database where datname = $1', [database])).rowCount === 1;
  if (!options.keep || !(await exists())) {
    await adminQuery(admin, `drop database if exists ${database} with (force)`);
    await adminQuery(admin, `create database ${database}`);
  }
  const url = new URL(admin);
  url.pathname = `/${database}`;
  return pgBenchDb(url.toString(), database, options.keep ? null : admin);
}

/**
 * A BenchDb on a PostgreSQL database that already exists (named by its URL,
 * e.g. a benchmark's `--database-url`): used as it is, never dropped.
 */
export function existingPgBenchDb(databaseUrl: string): BenchDb {
  return pgBenchDb(databaseUrl, new URL(databaseUrl).pathname.slice(1), null);
}

/** `dropWith`: the administrator URL that drops the database at the end; null to leave it. */
function pgBenchDb(databaseUrl: string, database: string, dropWith: string | null): BenchDb {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  // An idle connection ended by the database (a server stopping, `drop … with (force)`) must not end the benchmark.
  pool.on('error', () => undefined);
  // Raw SQL in the benchmarks is written with `?` as for SQLite.
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    engine: 'pg',
    env: { DATABASE_URL: databaseUrl },
    label: database,
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
    async drop() {
      await pool.end();
      if (dropWith) await adminQuery(dropWith, `drop database if exists ${database} with (force)`);
    },
  };
}

async function adminQuery(url: string, text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}
