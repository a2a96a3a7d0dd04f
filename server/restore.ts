import fs from 'node:fs';
import path from 'node:path';
import { backupDirFor, newBackupPath, pgDumpMigrationState, sqliteBackupMigrationState, verifyChecksum, writeChecksum } from '@/db/backup-files';
import { dumpPg, otherPgSessions, restorePg } from '@/db/engine/pg-files';
import { lockSqliteExclusively, sqliteIntegrity } from '@/db/engine/sqlite-files';
import { rebuildRollupsAndCompare, type RollupCheck } from '@/db/queries/rollups';
import { closeStore, installStore, openStoreAt } from '@/db/store';
import { backupFileName, newerDatabaseMessage, type MigrationState } from '@/lib/backups';
import { redactDatabaseUrl } from '@/lib/start-failure';

/**
 * `npm run restore -- FILE` (docs/decisions/025-backups-and-upgrades.md):
 * puts a backup back in place of the database, after checking everything
 * that can be checked without the server, and keeps what it replaces.
 */

/** A restore that did not happen; the message says why and what to do, in Vietnamese. Nothing was changed. */
export class RestoreRefused extends Error {
  override name = 'RestoreRefused';
}

export type RestoreReport = { steps: string[]; keptAside: string | null; rollups: RollupCheck };

type Options = {
  file: string;
  now: Date;
  /** Rebuild the rollups in the restored database when they do not match its ratings (instead of refusing). */
  rebuildRollups?: boolean;
  /** Progress lines, as they happen. */
  say?: (line: string) => void;
};

async function checkFile(file: string, say: (line: string) => void) {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new RestoreRefused(`Không tìm thấy tệp sao lưu ${file}.`);
  const sum = await verifyChecksum(file);
  if (sum === 'missing') {
    throw new RestoreRefused(
      `Không có tệp kiểm tra ${path.basename(file)}.sha256 bên cạnh bản sao lưu, nên không biết tệp có còn nguyên vẹn không. ` +
        'Chép cả tệp .sha256 đi kèm (mỗi bản sao lưu đều có) vào cùng thư mục rồi chạy lại.',
    );
  }
  if (sum === 'mismatch') {
    throw new RestoreRefused(`Tệp ${path.basename(file)} không khớp mã SHA-256 ghi trong tệp .sha256: tệp đã bị hỏng hoặc bị sửa. Hãy dùng một bản sao lưu khác.`);
  }
  say(`Mã SHA-256 khớp: ${path.basename(file)}.`);
}

function refuseByMigrations(state: MigrationState, where: string) {
  if (state.state === 'empty') throw new RestoreRefused(`${where} không phải một cơ sở dữ liệu Hài Lòng (không có bảng ghi các bước nâng cấp cấu trúc).`);
  if (state.state === 'newer') {
    throw new RestoreRefused(
      `${newerDatabaseMessage(where, state)}\n  Bản sao lưu này do một phiên bản mới hơn tạo ra: khôi phục nó bằng phiên bản đó, hoặc chọn một bản sao lưu cũ hơn.`,
    );
  }
}

async function checkRollups(rebuild: boolean, say: (line: string) => void): Promise<RollupCheck> {
  const check = await rebuildRollupsAndCompare({ dryRun: !rebuild });
  if (check.changed.length === 0) say('Số liệu tổng hợp khớp với dữ liệu gốc (rollups:rebuild không có gì phải sửa).');
  else if (rebuild) say(`Đã tính lại số liệu tổng hợp trong bản khôi phục: ${check.changed.join(', ')} không khớp với dữ liệu gốc.`);
  return check;
}

/** A local time for the name of the file kept aside: "hai-long.db.pre-restore-2026-12-05_013000". */
const asideName = (db: string, now: Date) => `${db}.${backupFileName('pre-restore', now, 'db').replace(/\.db$/, '')}`;

/**
 * SQLite: refuses while any process has the database open (a server, a
 * script, a backup: SQLite's own locks, see lockSqliteExclusively); verifies
 * the checksum, `pragma integrity_check`, that its migrations are not newer
 * than this app's, and — on a copy beside the database, migrated as the app
 * would — that its rollups equal a rebuild. Then, holding the old file's
 * exclusive lock, renames it aside (never deleted), removes its -wal/-shm
 * and renames the checked copy into place. The old file's lock is held a
 * little longer than a server's busy timeout, so a server that started
 * during the swap and opened the old file fails instead of using it.
 */
export async function restoreSqlite(o: Options & { databasePath: string; busyTimeoutMs: number }): Promise<RestoreReport> {
  const say = o.say ?? (() => {});
  const db = path.resolve(o.databasePath);
  const steps: string[] = [];
  const log = (line: string) => {
    steps.push(line);
    say(line);
  };
  const refuseIfInUse = () => {
    if (!fs.existsSync(db)) return null;
    const lock = lockSqliteExclusively(db);
    if (!lock) {
      throw new RestoreRefused(
        `Cơ sở dữ liệu ${db} đang được dùng (máy chủ Hài Lòng hoặc một lệnh khác đang mở nó). ` +
          'Dừng máy chủ trước (ví dụ: systemctl stop hai-long), chờ các lệnh khác xong, rồi chạy lại.',
      );
    }
    return lock;
  };

  await checkFile(o.file, log);
  refuseIfInUse()?.release();

  const staging = `${db}.restoring`;
  for (const f of [staging, `${staging}-wal`, `${staging}-shm`, `${staging}-journal`]) fs.rmSync(f, { force: true });
  fs.mkdirSync(path.dirname(db), { recursive: true });
  fs.copyFileSync(o.file, staging);
  let rollups: RollupCheck;
  try {
    const problems = sqliteIntegrity(staging);
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw new RestoreRefused(`Bản sao lưu bị hỏng (pragma integrity_check): ${problems.slice(0, 5).join('; ')}. Hãy dùng một bản sao lưu khác.`);
    }
    log('Kiểm tra toàn vẹn (integrity_check): ok.');
    const state = sqliteBackupMigrationState(staging);
    refuseByMigrations(state, `Bản sao lưu ${path.basename(o.file)}`);
    log(state.state === 'pending' ? `Bản sao lưu cũ hơn phiên bản này: đã áp dụng ${state.pending} bước nâng cấp cấu trúc lên bản khôi phục.` : 'Cấu trúc dữ liệu cùng phiên bản với ứng dụng.');
    const store = await openStoreAt({ kind: 'sqlite', path: staging, busyTimeoutMs: o.busyTimeoutMs });
    installStore(store);
    try {
      rollups = await checkRollups(o.rebuildRollups ?? false, log);
    } finally {
      await closeStore();
    }
    if (rollups.changed.length && !o.rebuildRollups) {
      throw new RestoreRefused(
        `Số liệu tổng hợp trong bản sao lưu không khớp với dữ liệu gốc (${rollups.changed.join(', ')}). ` +
          'Chạy lại với --rebuild-rollups để tính lại chúng trong bản khôi phục, hoặc dùng một bản sao lưu khác.',
      );
    }
  } catch (error) {
    for (const f of [staging, `${staging}-wal`, `${staging}-shm`]) fs.rmSync(f, { force: true });
    throw error;
  }

  let keptAside: string | null = null;
  const lock = refuseIfInUse();
  if (lock) {
    try {
      // Folds the WAL into the file, so what is kept aside is one complete file.
      lock.sqlite.pragma('journal_mode = delete');
      keptAside = asideName(db, o.now);
      fs.renameSync(db, keptAside);
      for (const f of [`${db}-wal`, `${db}-shm`, `${db}-journal`]) fs.rmSync(f, { force: true });
      fs.renameSync(staging, db);
      await new Promise((r) => setTimeout(r, o.busyTimeoutMs + 1000));
    } finally {
      lock.release();
    }
    log(`Đã giữ lại cơ sở dữ liệu trước khi khôi phục: ${keptAside} (không xoá; xoá bằng tay khi chắc chắn không cần).`);
  } else {
    // No database here, but a -wal left beside its name would be replayed into the restored file.
    for (const f of [`${db}-wal`, `${db}-shm`, `${db}-journal`]) fs.rmSync(f, { force: true });
    fs.renameSync(staging, db);
  }
  log(`Đã khôi phục ${path.basename(o.file)} vào ${db}. Khởi động lại máy chủ Hài Lòng.`);
  return { steps, keptAside, rollups };
}

/**
 * PostgreSQL: refuses while other sessions use the database (app servers
 * included); verifies the checksum, that the file is a readable pg_dump
 * archive and that its migrations are not newer than this app's; dumps the
 * current content first (`pre-restore-…dump` in the backup folder, never
 * deleted), then replaces the content in one transaction and checks the
 * rollups against a rebuild.
 */
export async function restorePostgres(o: Options & { url: string; backupDir: string; pgDump: string; pgRestore: string }): Promise<RestoreReport> {
  const say = o.say ?? (() => {});
  const steps: string[] = [];
  const log = (line: string) => {
    steps.push(line);
    say(line);
  };
  await checkFile(o.file, log);
  let state: MigrationState;
  try {
    state = await pgDumpMigrationState(o.pgRestore, o.file);
  } catch (error) {
    throw new RestoreRefused(`Không đọc được ${path.basename(o.file)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  refuseByMigrations(state, `Bản sao lưu ${path.basename(o.file)}`);
  log('Tệp là một bản pg_dump đọc được; cấu trúc dữ liệu không mới hơn phiên bản này.');
  const others = await otherPgSessions(o.url);
  if (others.length) {
    throw new RestoreRefused(
      `Cơ sở dữ liệu ${redactDatabaseUrl(o.url)} đang được dùng: ${others.map((s) => `${s.count} kết nối ${s.application}`).join(', ')}. ` +
        'Dừng mọi máy chủ Hài Lòng (và đóng các phiên psql) rồi chạy lại.',
    );
  }
  const aside = newBackupPath(o.backupDir, 'pre-restore', o.now, 'dump');
  await dumpPg(o.pgDump, o.url, aside);
  await writeChecksum(aside);
  log(`Đã sao lưu nội dung hiện tại trước khi khôi phục: ${aside} (không bị chính sách giữ xoá).`);
  await restorePg(o.pgRestore, o.url, o.file);
  log(`Đã khôi phục ${path.basename(o.file)} vào ${redactDatabaseUrl(o.url)}.`);
  const store = await openStoreAt({ kind: 'pg', url: o.url });
  installStore(store);
  let rollups: RollupCheck;
  try {
    rollups = await checkRollups(o.rebuildRollups ?? false, log);
  } finally {
    await closeStore();
  }
  if (rollups.changed.length && !o.rebuildRollups) {
    log(`Cảnh báo: số liệu tổng hợp không khớp với dữ liệu gốc (${rollups.changed.join(', ')}); chạy npm run rollups:rebuild trước khi khởi động máy chủ.`);
  }
  return { steps, keptAside: aside, rollups };
}

export { backupDirFor };
