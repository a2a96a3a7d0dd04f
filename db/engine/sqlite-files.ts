import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { compareMigrations, type MigrationState } from '@/lib/backups';

/**
 * What backups, restores and upgrades do to a SQLite database file
 * (docs/decisions/025-backups-and-upgrades.md), beside the store itself.
 */

/** The `when` of every migration this app ships for an engine (drizzle's `created_at`). */
export function knownMigrationMillis(folder: string): number[] {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return journal.entries.map((e) => e.when);
}

/** The migrations recorded in an open SQLite database (none when the table is missing). */
export function appliedSqliteMigrations(sqlite: Database.Database): number[] {
  const table = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get();
  if (!table) return [];
  return (sqlite.prepare('select created_at from __drizzle_migrations').pluck().all() as unknown[]).map(Number);
}

/** The migration state of a database file, read without changing it. */
export function sqliteFileMigrationState(file: string, migrationsFolder: string): MigrationState {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return compareMigrations(appliedSqliteMigrations(sqlite), knownMigrationMillis(migrationsFolder));
  } finally {
    sqlite.close();
  }
}

/** `pragma integrity_check` on a file: "ok", or the problems SQLite lists. */
export function sqliteIntegrity(file: string): string[] {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (sqlite.pragma('integrity_check') as Record<string, unknown>[]).map((row) => String(Object.values(row)[0]));
  } finally {
    sqlite.close();
  }
}

/**
 * The backup, run in a worker thread so the server's event loop keeps
 * serving for the seconds it takes: its own read-only connection copies every
 * page in one `sqlite3_backup_step`, which reads one snapshot (WAL: writers go
 * on, nothing restarts the copy), into a temporary file that is then switched
 * to rollback-journal mode (a self-contained file: opening it later creates
 * no -wal beside it) and renamed into place.
 */
const BACKUP_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const Database = require(workerData.driver);
(async () => {
  const source = new Database(workerData.source, { readonly: true, fileMustExist: true, timeout: workerData.busyTimeoutMs });
  try {
    await source.backup(workerData.temp, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  const copy = new Database(workerData.temp);
  copy.pragma('journal_mode = delete');
  copy.close();
  fs.renameSync(workerData.temp, workerData.dest);
  parentPort.postMessage({ ok: true });
})().catch((error) => {
  try { fs.rmSync(workerData.temp, { force: true }); } catch {}
  parentPort.postMessage({ ok: false, message: error && error.message ? error.message : String(error) });
});
`;

/** Copies the database at `source` into the new file `dest` while others keep using it. */
export function backupSqliteFile(source: string, dest: string, { busyTimeoutMs = 5000 }: { busyTimeoutMs?: number } = {}): Promise<void> {
  if (!fs.existsSync(source)) return Promise.reject(new Error(`không tìm thấy tệp cơ sở dữ liệu ${source}`));
  const driver = createRequire(path.join(process.cwd(), 'package.json')).resolve('better-sqlite3');
  const temp = `${dest}.partial`;
  fs.rmSync(temp, { force: true });
  return new Promise((resolve, reject) => {
    const worker = new Worker(BACKUP_WORKER, { eval: true, workerData: { driver, source, dest, temp, busyTimeoutMs } });
    let answered = false;
    worker.on('message', (m: { ok: boolean; message?: string }) => {
      answered = true;
      void worker.terminate();
      if (m.ok) resolve();
      else reject(new Error(m.message));
    });
    worker.on('error', (error) => {
      answered = true;
      reject(error);
    });
    worker.on('exit', () => {
      if (!answered) reject(new Error('luồng sao lưu đã dừng giữa chừng'));
    });
  });
}

/**
 * Holds SQLite's exclusive lock on a database file, or returns null when
 * another connection has it open — a server (every server keeps its
 * connection from start to stop, its export workers too), a script, a
 * backup. SQLite's locks are the kernel's: they go away with the process
 * that held them, so a crashed server leaves nothing stale behind.
 */
export function lockSqliteExclusively(file: string): { release(): void; sqlite: Database.Database } | null {
  const sqlite = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    sqlite.pragma('locking_mode = exclusive');
    sqlite.exec('begin exclusive');
    sqlite.exec('commit');
  } catch (error) {
    sqlite.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY' || (error as { code?: string }).code === 'SQLITE_LOCKED') return null;
    throw error;
  }
  return { sqlite, release: () => sqlite.close() };
}
