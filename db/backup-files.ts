import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { dumpMigrationState } from './engine/pg-files';
import { PG_MIGRATIONS } from './engine/pg';
import { SQLITE_MIGRATIONS } from './engine/sqlite';
import { sqliteFileMigrationState } from './engine/sqlite-files';
import { backupFileName, checksumFileName, checksumLine, parseBackupFileName, parseChecksumFile, type BackupExtension, type BackupFile, type BackupKind, type MigrationState } from '@/lib/backups';

/** Files of the backup folder (docs/decisions/025-backups-and-upgrades.md): where it is, checksums, listing. */

/** BACKUP_DIR, else a `backups` folder beside the database file. */
export function backupDirFor({ BACKUP_DIR, DATABASE_PATH }: { BACKUP_DIR?: string; DATABASE_PATH: string }): string {
  return path.resolve(BACKUP_DIR ?? path.join(path.dirname(path.resolve(DATABASE_PATH)), 'backups'));
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

/** Writes `<backup>.sha256` beside the backup. */
export async function writeChecksum(file: string): Promise<string> {
  const digest = await sha256OfFile(file);
  fs.writeFileSync(path.join(path.dirname(file), checksumFileName(path.basename(file))), checksumLine(digest, path.basename(file)));
  return digest;
}

/** Whether a backup matches the checksum file beside it: `missing` when there is none. */
export async function verifyChecksum(file: string): Promise<'ok' | 'missing' | 'mismatch'> {
  const sumFile = path.join(path.dirname(file), checksumFileName(path.basename(file)));
  if (!fs.existsSync(sumFile)) return 'missing';
  const stated = parseChecksumFile(fs.readFileSync(sumFile, 'utf8'), path.basename(file));
  if (!stated) return 'missing';
  return (await sha256OfFile(file)) === stated ? 'ok' : 'mismatch';
}

/** A new backup's path in `dir` (made if needed); a second within the same second waits for the next one's name. */
export function newBackupPath(dir: string, kind: BackupKind, now: Date, extension: BackupExtension): string {
  fs.mkdirSync(dir, { recursive: true });
  let at = now;
  let file = path.join(dir, backupFileName(kind, at, extension));
  while (fs.existsSync(file)) {
    at = new Date(at.getTime() + 1000);
    file = path.join(dir, backupFileName(kind, at, extension));
  }
  return file;
}

/** The backups in `dir` (files named as lib/backups.ts names them). */
export function listBackups(dir: string): BackupFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map(parseBackupFileName)
    .filter((f): f is BackupFile => f !== null);
}

/** Removes a backup and its checksum file. */
export function removeBackup(dir: string, name: string) {
  fs.rmSync(path.join(dir, name), { force: true });
  fs.rmSync(path.join(dir, checksumFileName(name)), { force: true });
}

/** What the migrations in a SQLite backup say about the version that wrote it (read without changing it). */
export function sqliteBackupMigrationState(file: string): MigrationState {
  return sqliteFileMigrationState(file, SQLITE_MIGRATIONS);
}

/** The same for a `pg_dump -Fc` archive, read with `pg_restore` without restoring it. */
export function pgDumpMigrationState(pgRestore: string, file: string): Promise<MigrationState> {
  return dumpMigrationState(pgRestore, file, PG_MIGRATIONS);
}
