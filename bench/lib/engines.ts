import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * The database a benchmark runs the app on: a fresh SQLite file, or a fresh
 * PostgreSQL database on the server named by BENCH_DATABASE_URL or
 * TEST_DATABASE_URL (an administrator connection: the benchmark creates and
 * drops its own database). Without either, `--engine pg` stops with a line
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
  drop(): Promise<void>;
};

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

export async function createBenchDb(engine: Engine, name: string, dir: string): Promise<BenchDb> {
  return engine === 'pg' ? createPg(name) : createSqlite(path.join(dir, `${name}.db`));
}

function createSqlite(file: string): BenchDb {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
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
    async drop() {
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    },
  };
}

async function createPg(name: string): Promise<BenchDb> {
  const admin = adminUrl();
  const database = `hl_bench_${name.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}`;
  await adminQuery(admin, `drop database if exists ${database} with (force)`);
  await adminQuery(admin, `create database ${database}`);
  const url = new URL(admin);
  url.pathname = `/${database}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  // An idle connection ended by the database (a server stopping, `drop … with (force)`) must not end the benchmark.
  pool.on('error', () => undefined);
  // Raw SQL in the benchmarks is written with `?` as for SQLite.
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    engine: 'pg',
    env: { DATABASE_URL: url.toString() },
    label: database,
    async scalar(sql, params = []) {
      const result = await pool.query({ text: numbered(sql), values: params, rowMode: 'array' });
      return Number(result.rows[0]?.[0]);
    },
    async rows<T>(sql: string, params: unknown[] = []) {
      return (await pool.query(numbered(sql), params)).rows as T[];
    },
    async drop() {
      await pool.end();
      await adminQuery(admin, `drop database if exists ${database} with (force)`);
    },
  };
}

async function adminQuery(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
