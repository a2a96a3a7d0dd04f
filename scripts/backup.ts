/**
 * A backup now, while the app serves (docs/decisions/025-backups-and-upgrades.md):
 * SQLite through the online backup API, PostgreSQL through pg_dump -Fc; into
 * BACKUP_DIR (default: `backups/` beside the database file), with a SHA-256
 * file beside it; then the retention policy (BACKUP_KEEP_DAILY, BACKUP_KEEP_MONTHLY).
 * The servers also do it daily at 01:30 (server/jobs.ts).
 *
 *   npm run backup [-- --db data/hai-long.db]           SQLite (default: DATABASE_PATH)
 *   DATABASE_URL=postgres://… npm run backup             PostgreSQL
 *   npm run backup -- --database-url postgres://… [--dir /var/backups/hai-long]
 */
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { db: { type: 'string' }, 'database-url': { type: 'string' }, dir: { type: 'string' } } });
// The engine is chosen when db/ loads: set the environment before importing it.
if (values['database-url']) process.env.DATABASE_URL = values['database-url'];
if (values.db) {
  process.env.DATABASE_PATH = values.db;
  if (!values['database-url']) delete process.env.DATABASE_URL;
}
if (values.dir) process.env.BACKUP_DIR = values.dir;

async function main() {
  // Registers where unset secrets come from (the file beside the database), which the environment's check needs.
  await import('@/db/store');
  const { describeBackup, takeBackup } = await import('@/server/backups');
  console.log(describeBackup(await takeBackup({ now: new Date() })));
}

main().catch((error: unknown) => {
  const where = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `tệp SQLite ${process.env.DATABASE_PATH ?? 'data/hai-long.db'}`;
  console.error(`Không sao lưu được ${where}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
