import fs from 'node:fs';
import path from 'node:path';
import { NewerDatabaseError, newerDatabaseMessage } from '@/lib/backups';
import { backupDirFor, newBackupPath, sqliteBackupMigrationState, writeChecksum } from './backup-files';
import { backupSqliteFile } from './engine/sqlite-files';

/**
 * Before this version applies its migrations to an existing SQLite database,
 * a copy of the database as the previous version left it goes into the
 * backup folder as `pre-migrate-…` (with its checksum): a failed or
 * regretted upgrade is undone with `npm run restore -- <that file>`. A new
 * database, or one already current, is not copied. A database written by a
 * newer version is refused here, before any copy (db/engine/sqlite.ts
 * refuses it too, for every other opener). Returns the backup made, if any.
 */
export async function backupBeforeMigrations(
  env: { DATABASE_PATH: string; BACKUP_DIR?: string; DATABASE_BUSY_TIMEOUT_MS?: number },
  now = new Date(),
  /** Where the sentence about the copy goes: the console for scripts, the JSON log for servers (db/store.ts). */
  say: (message: string) => void = (message) => console.log(message),
): Promise<string | null> {
  const file = env.DATABASE_PATH;
  if (file === ':memory:' || !fs.existsSync(file) || fs.statSync(file).size === 0) return null;
  const state = sqliteBackupMigrationState(file);
  if (state.state === 'newer') throw new NewerDatabaseError(newerDatabaseMessage(file, state));
  if (state.state !== 'pending') return null;
  const dest = newBackupPath(backupDirFor(env), 'pre-migrate', now, 'db');
  await backupSqliteFile(file, dest, { busyTimeoutMs: env.DATABASE_BUSY_TIMEOUT_MS });
  await writeChecksum(dest);
  const shown = path.relative(process.cwd(), dest);
  say(`Cơ sở dữ liệu cần ${state.pending} bước nâng cấp cấu trúc: đã sao lưu trước vào ${shown.startsWith('..') ? dest : shown}.`);
  return dest;
}
