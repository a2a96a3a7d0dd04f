import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listBackups, sqliteBackupMigrationState, verifyChecksum } from '@/db/backup-files';
import { engineKind } from '@/db/engine/kind';
import { openPgStore } from '@/db/engine/pg';
import { openSqliteStore, SQLITE_MIGRATIONS } from '@/db/engine/sqlite';
import { adminQuery, withDatabase } from '@/db/test-engines';
import { backupBeforeMigrations } from '@/db/upgrade';

/**
 * Upgrades (docs/decisions/025-backups-and-upgrades.md): a database that a
 * newer version migrated stops the server with a message saying what to do,
 * and changes nothing; SQLite is backed up before this version migrates it.
 */

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hailong-upgrade-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const FUTURE = Date.parse('2099-01-01T00:00:00Z');

function startServer(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', '-e', "require('./server/start').startUp().then(() => process.exit(0))"], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', HAILONG_MODE: 'development', DATABASE_PATH: path.join(dir, 'hai-long.db'), BACKUP_DIR: path.join(dir, 'backups'), ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

function expectRefusal(run: ReturnType<typeof startServer>) {
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('đã được một phiên bản mới hơn của Hài Lòng nâng cấp (1 bước nâng cấp cấu trúc mà phiên bản này không biết)');
  expect(run.stderr).toContain('Cách xử lý:');
  expect(run.stderr).toContain('npm run restore');
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

it('stops the server, with a Vietnamese message saying what to do, on a database a newer version migrated', async () => {
  if (engineKind() === 'pg') {
    const admin = process.env.TEST_DATABASE_URL!;
    const name = `hl_newer_${randomUUID().slice(0, 8)}`;
    await adminQuery(admin, `create database ${name} template ${process.env.HAILONG_PG_TEMPLATE}`);
    try {
      const url = withDatabase(admin, name);
      await adminQuery(url, `insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-a-newer-version', ${FUTURE})`);
      const before = Number((await adminQuery(url, 'select count(*) as n from drizzle.__drizzle_migrations')).rows[0].n);
      expectRefusal(startServer({ DATABASE_URL: url }));
      // Nothing was migrated or seeded.
      expect(Number((await adminQuery(url, 'select count(*) as n from drizzle.__drizzle_migrations')).rows[0].n)).toBe(before);
      expect(Number((await adminQuery(url, 'select count(*) as n from units')).rows[0].n)).toBe(0);
      // Any other opener refuses too (scripts, tests).
      await expect(openPgStore(url, { poolSize: 1 })).rejects.toThrow(/phiên bản mới hơn/);
    } finally {
      await adminQuery(admin, `drop database if exists ${name} with (force)`);
    }
    return;
  }
  const file = path.join(dir, 'hai-long.db');
  const store = openSqliteStore(file);
  await store.connect((c) => c.run('insert into __drizzle_migrations (hash, created_at) values (?, ?)', ['from-a-newer-version', FUTURE]));
  await store.close();
  const bytes = fs.readFileSync(file);
  expectRefusal(startServer({ DATABASE_URL: '' }));
  expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  expect(() => openSqliteStore(file)).toThrow(/phiên bản mới hơn/);
}, 90_000);

describe.skipIf(engineKind() === 'pg')('SQLite: before migrating', () => {
  /** A database as the previous version left it: every migration but the newest. */
  function previousVersionDatabase(file: string) {
    const folder = path.join(dir, 'migrations');
    fs.cpSync(SQLITE_MIGRATIONS, folder, { recursive: true });
    const journalFile = path.join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: unknown[] };
    journal.entries.pop();
    fs.writeFileSync(journalFile, JSON.stringify(journal));
    const sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
    migrate(drizzle(sqlite), { migrationsFolder: folder });
    sqlite.prepare("insert into units (name, search_name, kind, path) values ('Tỉnh Thử', 'tinh thu', 'province', '/')").run();
    sqlite.close();
  }

  it('takes a pre-migrate backup of an existing database, then migrates it', async () => {
    const file = path.join(dir, 'hai-long.db');
    previousVersionDatabase(file);
    const backups = path.join(dir, 'backups');
    const made = await backupBeforeMigrations({ DATABASE_PATH: file, BACKUP_DIR: backups });
    expect(made).not.toBeNull();
    expect(listBackups(backups).map((b) => b.kind)).toEqual(['pre-migrate']);
    expect(await verifyChecksum(made!)).toBe('ok');
    // The copy is the database as the previous version left it.
    expect(sqliteBackupMigrationState(made!)).toEqual({ state: 'pending', pending: 1 });
    const store = openSqliteStore(file);
    expect(await store.connect((c) => c.value('select name from units'))).toBe('Tỉnh Thử');
    await store.close();
    expect(sqliteBackupMigrationState(file)).toEqual({ state: 'current' });
    // Current now: the next start copies nothing.
    expect(await backupBeforeMigrations({ DATABASE_PATH: file, BACKUP_DIR: backups })).toBeNull();
  });

  it('copies nothing for a new database', async () => {
    expect(await backupBeforeMigrations({ DATABASE_PATH: path.join(dir, 'new.db'), BACKUP_DIR: path.join(dir, 'backups') })).toBeNull();
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  });
});
