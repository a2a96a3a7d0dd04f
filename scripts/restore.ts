/**
 * Puts a backup back (docs/decisions/025-backups-and-upgrades.md). Stop the
 * servers first: it refuses while the database is in use.
 *
 *   npm run restore -- backups/hai-long-2026-12-05_013000.db [--db data/hai-long.db]
 *   DATABASE_URL=postgres://… npm run restore -- backups/hai-long-2026-12-05_013000.dump
 *
 * Checks the SHA-256 file beside the backup, its integrity (SQLite) or that it
 * is a readable pg_dump archive (PostgreSQL), that it was not written by a
 * newer version, and that its rollups equal a rebuild (--rebuild-rollups:
 * rebuild them instead of refusing). Keeps what it replaces: the SQLite file
 * renamed aside (`<db>.pre-restore-…`), or a pg_dump of the current content
 * in the backup folder (`pre-restore-….dump`).
 */
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { db: { type: 'string' }, 'database-url': { type: 'string' }, dir: { type: 'string' }, 'rebuild-rollups': { type: 'boolean', default: false } },
});
if (values['database-url']) process.env.DATABASE_URL = values['database-url'];
if (values.db) {
  process.env.DATABASE_PATH = values.db;
  if (!values['database-url']) delete process.env.DATABASE_URL;
}
if (values.dir) process.env.BACKUP_DIR = values.dir;

async function main() {
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    console.error('Cách dùng: npm run restore -- <tệp sao lưu> [--db data/hai-long.db | --database-url postgres://…] [--rebuild-rollups]');
    process.exit(2);
  }
  // Registers where unset secrets come from (the file beside the database), which the environment's check needs.
  await import('@/db/store');
  const { getEnv } = await import('@/lib/env');
  const { engineKind } = await import('@/db/engine/kind');
  const { backupDirFor, restorePostgres, restoreSqlite, RestoreRefused } = await import('@/server/restore');
  const env = getEnv();
  const common = { file, now: new Date(), rebuildRollups: values['rebuild-rollups'], say: (line: string) => console.log(line) };
  try {
    if (engineKind() === 'pg') {
      await restorePostgres({ ...common, url: env.DATABASE_URL!, backupDir: backupDirFor(env), pgDump: env.PG_DUMP_PATH, pgRestore: env.PG_RESTORE_PATH });
    } else {
      await restoreSqlite({ ...common, databasePath: env.DATABASE_PATH, busyTimeoutMs: env.DATABASE_BUSY_TIMEOUT_MS });
    }
  } catch (error) {
    if (error instanceof RestoreRefused) {
      console.error(`Không khôi phục: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error(`Khôi phục thất bại: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
