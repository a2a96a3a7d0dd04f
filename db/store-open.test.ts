import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { codeOfDigest } from '@/lib/error-digest';
import { toAppError } from '@/lib/errors';
import { engineKind } from './engine/kind';
import { openPgStore, PG_MIGRATIONS } from './engine/pg';
import { openSqliteStore, SQLITE_MIGRATIONS } from './engine/sqlite';
import type { Store } from './engine/types';
import { adminQuery, withDatabase } from './test-engines';

/**
 * Opening the store: the first open of an empty database applies every
 * migration, a later open applies none and keeps the data, several servers
 * opening one empty PostgreSQL database at once migrate it once, and a
 * database held by someone else past the wait gives an error the error
 * pages read as "busy" (lib/error-digest.ts).
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const journalLength = (folder: string) => (JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;
const tablesOf = async (store: Store) =>
  store.connect((c) =>
    c.all<{ name: string }>(
      c.kind === 'pg'
        ? "select table_name as name from information_schema.tables where table_schema = 'public' order by 1"
        : "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by 1",
    ),
  );
const appliedMigrations = (store: Store) =>
  store.connect((c) => c.value<number>(c.kind === 'pg' ? 'select count(*) from drizzle.__drizzle_migrations' : 'select count(*) from __drizzle_migrations'));

describe.runIf(engineKind() === 'sqlite')('opening the SQLite store', () => {
  const freshFile = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hailong-open-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    return path.join(dir, 'sub', 'app.db');
  };
  const open = (file: string, options?: Parameters<typeof openSqliteStore>[1]) => {
    const store = openSqliteStore(file, options);
    cleanups.push(() => store.close());
    return store;
  };

  it('creates the file and its folder, applies every migration once, and keeps the data when opened again', async () => {
    const file = freshFile();
    const first = open(file);
    expect(await appliedMigrations(first)).toBe(journalLength(SQLITE_MIGRATIONS));
    expect((await tablesOf(first)).map((t) => t.name)).toEqual(expect.arrayContaining(['units', 'users', 'audit_log', 'sign_in_attempts', 'user_sessions']));
    await first.connect((c) => c.run("insert into throttle_events (scope, key, at) values ('test', 'k', 0)"));
    await first.close();
    cleanups.pop();

    const again = open(file);
    expect(await appliedMigrations(again)).toBe(journalLength(SQLITE_MIGRATIONS));
    expect(await again.connect((c) => c.value<number>('select count(*) from throttle_events'))).toBe(1);
  });

  it('syncs at checkpoints by default and at every commit when asked for full (DATABASE_SYNCHRONOUS)', async () => {
    // SQLite reports synchronous as 1 (NORMAL) or 2 (FULL).
    expect(open(freshFile()).sqlite.pragma('synchronous', { simple: true })).toBe(1);
    expect(open(freshFile(), { synchronous: 'normal' }).sqlite.pragma('synchronous', { simple: true })).toBe(1);
    expect(open(freshFile(), { synchronous: 'full' }).sqlite.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('runs in WAL mode with foreign keys enforced and the busy timeout asked for', async () => {
    const store = open(freshFile(), { busyTimeoutMs: 1234 });
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.sqlite.pragma('busy_timeout', { simple: true })).toBe(1234);
    await expect(store.connect((c) => c.run("insert into counters (unit_id, code, name) values (999, 'X1', 'Quầy')"))).rejects.toThrow(/FOREIGN KEY/);
  });

  it('waits busyTimeoutMs for a write lock held by another connection, then fails with an error the pages read as busy', async () => {
    const file = freshFile();
    const app = open(file, { busyTimeoutMs: 150 });
    const other = new Database(file);
    cleanups.push(() => void other.close());
    other.exec('BEGIN IMMEDIATE');

    const started = Date.now();
    const thrown = await app.connect((c) => c.run("insert into throttle_events (scope, key, at) values ('test', 'k', 0)")).catch((err: unknown) => err);
    const waited = Date.now() - started;

    expect(thrown).toBeInstanceOf(Database.SqliteError);
    expect((thrown as { code: string }).code).toBe('SQLITE_BUSY');
    expect(waited).toBeGreaterThanOrEqual(100);
    expect(waited).toBeLessThan(3000);
    expect(toAppError(thrown).code).toBe('busy');
    expect(codeOfDigest((thrown as { digest?: string }).digest)).toBe('busy');

    // Reading is never blocked in WAL mode, which is why e2e tests of read-only pages use the test-mode switch.
    expect(await app.connect((c) => c.value<number>('select count(*) from units'))).toBe(0);
    other.exec('ROLLBACK');
    await app.connect((c) => c.run("insert into throttle_events (scope, key, at) values ('test', 'k', 0)"));
  });

  it('lets Next set its own digest on other SQLite errors', async () => {
    const store = open(freshFile());
    const thrown = (await store.connect((c) => c.run('select * from no_such_table')).catch((err: unknown) => err)) as { digest?: string };
    expect(thrown).toBeInstanceOf(Database.SqliteError);
    expect(thrown.digest).toBeUndefined();
    thrown.digest = '12345';
    expect(thrown.digest).toBe('12345');
  });
});

describe.runIf(engineKind() === 'pg')('opening the PostgreSQL store', () => {
  const admin = process.env.TEST_DATABASE_URL!;
  const emptyDatabase = async () => {
    const name = `hl_open_${randomBytes(5).toString('hex')}`;
    await adminQuery(admin, `create database ${name}`);
    cleanups.push(() => adminQuery(admin, `drop database if exists ${name} with (force)`).then(() => undefined));
    return withDatabase(admin, name);
  };
  const open = async (url: string, options?: Parameters<typeof openPgStore>[1]) => {
    const store = await openPgStore(url, options);
    cleanups.push(() => store.close());
    return store;
  };

  it('migrates an empty database on first open, and applies nothing again on the next', async () => {
    const url = await emptyDatabase();
    const first = await open(url, { poolSize: 1 });
    expect(await appliedMigrations(first)).toBe(journalLength(PG_MIGRATIONS));
    expect((await tablesOf(first)).map((t) => t.name)).toEqual(expect.arrayContaining(['units', 'users', 'audit_log', 'sign_in_attempts', 'user_sessions']));
    await first.connect((c) => c.run("insert into throttle_events (scope, key, at) values ('test', 'k', 0)"));
    const again = await open(url, { poolSize: 1 });
    expect(await appliedMigrations(again)).toBe(journalLength(PG_MIGRATIONS));
    expect(await again.connect((c) => c.value<number>('select count(*) from throttle_events'))).toBe(1);
  });

  it('migrates once when several app servers open one empty database at the same moment', async () => {
    const url = await emptyDatabase();
    const stores = await Promise.all([1, 2, 3].map(() => open(url, { poolSize: 1 })));
    for (const store of stores) expect(await appliedMigrations(store)).toBe(journalLength(PG_MIGRATIONS));
  });

  it('cancels a statement waiting on a lock past its timeout, with an error the pages read as busy', async () => {
    const url = await emptyDatabase();
    const app = await open(url, { poolSize: 1, statementTimeoutMs: 150 });
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    cleanups.push(() => other.end());
    await other.query('begin');
    await other.query('lock table throttle_events in access exclusive mode');

    const started = Date.now();
    const thrown = await app.connect((c) => c.run("insert into throttle_events (scope, key, at) values ('test', 'k', 0)")).catch((err: unknown) => err);
    const waited = Date.now() - started;
    expect((thrown as { code?: string }).code).toBe('57014');
    expect(waited).toBeGreaterThanOrEqual(100);
    expect(waited).toBeLessThan(3000);
    expect(toAppError(thrown).code).toBe('busy');
    expect(codeOfDigest((thrown as { digest?: string }).digest)).toBe('busy');

    await other.query('rollback');
    await app.connect((c) => c.run("insert into throttle_events (scope, key, at) values ('test', 'k', 0)"));
  });

  it('fails to open an unreachable server with an error the pages read as unavailable', async () => {
    const thrown = await openPgStore('postgres://hl@127.0.0.1:1/nothing', { poolSize: 1, connectTimeoutMs: 500 }).catch((err: unknown) => err);
    expect(toAppError(thrown).code).toBe('unavailable');
  });
});
