import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { toAppError } from '@/lib/errors';
import { codeOfDigest } from '@/lib/error-digest';
import { openDb } from './client';
import { openTestDb } from './testing';

/**
 * A database held by another connection, for real: the app's connection
 * gives up after its busy timeout, and the error it throws is one the error
 * pages recognise (its digest names "busy"; lib/error-digest.ts).
 */
describe('openDb with another connection holding the write lock', () => {
  const opened: { close(): void }[] = [];
  afterEach(() => opened.splice(0).forEach((c) => c.close()));

  it('waits busyTimeoutMs, then fails with an error the pages read as busy', () => {
    const test = openTestDb();
    const file = test.$client.name;
    test.$client.close();
    const app = openDb(file, { busyTimeoutMs: 150 });
    const other = new Database(path.resolve(file));
    opened.push(app.$client, other, { close: () => fs.rmSync(path.dirname(file), { recursive: true, force: true }) });
    other.exec('BEGIN IMMEDIATE');

    const started = Date.now();
    let thrown: unknown;
    try {
      app.$client.exec("insert into throttle_events (scope, key, at) values ('test', 'k', 0)");
    } catch (err) {
      thrown = err;
    }
    const waited = Date.now() - started;

    expect(thrown).toBeInstanceOf(Database.SqliteError);
    expect((thrown as { code: string }).code).toBe('SQLITE_BUSY');
    expect(waited).toBeGreaterThanOrEqual(100);
    expect(waited).toBeLessThan(3000);
    expect(toAppError(thrown).code).toBe('busy');
    expect(codeOfDigest((thrown as { digest?: string }).digest)).toBe('busy');

    // Reading is never blocked in WAL mode, which is why e2e tests of read-only pages use the test-mode switch.
    expect(app.$client.prepare('select count(*) as n from units').get()).toEqual({ n: 0 });
    other.exec('ROLLBACK');
    app.$client.exec("insert into throttle_events (scope, key, at) values ('test', 'k', 0)");
  });

  it('lets Next set its own digest on other SQLite errors', () => {
    const db = openTestDb();
    opened.push({ close: () => db.dispose() });
    let thrown: { digest?: string } = {};
    try {
      db.$client.exec('select * from no_such_table');
    } catch (err) {
      thrown = err as { digest?: string };
    }
    expect(thrown.digest).toBeUndefined();
    thrown.digest = '12345';
    expect(thrown.digest).toBe('12345');
  });
});
