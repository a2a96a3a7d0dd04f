import fs from 'node:fs';
import path from 'node:path';
import { backupDirFor, listBackups, newBackupPath, removeBackup, writeChecksum } from '@/db/backup-files';
import { engineKind } from '@/db/engine/kind';
import { dumpPg } from '@/db/engine/pg-files';
import { backupSqliteFile } from '@/db/engine/sqlite-files';
import { planRetention, type BackupKind, type RetentionPolicy } from '@/lib/backups';
import { getEnv } from '@/lib/env';
import { formatDuration } from '@/lib/scheduler';

export type BackupResult = { file: string; bytes: number; durationMs: number; removed: string[]; kept: number };

/** What to back up, where to, and how many to keep: this installation's environment, or a test's. */
export type BackupTarget = {
  source: { kind: 'sqlite'; path: string; busyTimeoutMs?: number } | { kind: 'pg'; url: string; pgDump: string };
  dir: string;
  policy: RetentionPolicy;
};

export function backupTargetFromEnv(): BackupTarget {
  const env = getEnv();
  return {
    source:
      engineKind() === 'pg'
        ? { kind: 'pg', url: env.DATABASE_URL!, pgDump: env.PG_DUMP_PATH }
        : { kind: 'sqlite', path: env.DATABASE_PATH, busyTimeoutMs: env.DATABASE_BUSY_TIMEOUT_MS },
    dir: backupDirFor(env),
    policy: { daily: env.BACKUP_KEEP_DAILY, monthly: env.BACKUP_KEEP_MONTHLY },
  };
}

/**
 * Takes a backup of the database into the backup folder
 * (docs/decisions/025-backups-and-upgrades.md) while the app keeps serving:
 * SQLite through the online backup API in a worker thread, PostgreSQL through
 * `pg_dump -Fc`. Writes its SHA-256 beside it, then applies the retention
 * policy to the regular backups (never to pre-migrate/pre-restore ones). A
 * failed backup leaves no file and removes nothing.
 */
export async function takeBackup({
  now = new Date(),
  kind = 'hai-long',
  target = backupTargetFromEnv(),
}: { now?: Date; kind?: BackupKind; target?: BackupTarget } = {}): Promise<BackupResult> {
  const { source, dir, policy } = target;
  const t0 = performance.now();
  const file = newBackupPath(dir, kind, now, source.kind === 'pg' ? 'dump' : 'db');
  if (source.kind === 'pg') {
    try {
      await dumpPg(source.pgDump, source.url, file);
    } catch (error) {
      fs.rmSync(file, { force: true });
      throw error;
    }
  } else {
    await backupSqliteFile(source.path, file, { busyTimeoutMs: source.busyTimeoutMs });
  }
  await writeChecksum(file);
  const durationMs = performance.now() - t0;
  const { keep, remove } = planRetention(listBackups(dir), now, policy);
  for (const name of remove) removeBackup(dir, name);
  return { file, bytes: fs.statSync(file).size, durationMs, removed: remove, kept: keep.length };
}

/** "1,4 GB" */
export function formatBytes(bytes: number): string {
  const units = ['byte', 'KB', 'MB', 'GB', 'TB'];
  let n = bytes;
  let i = 0;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n.toLocaleString('vi-VN', { maximumFractionDigits: i === 0 ? 0 : 1 })} ${units[i]}`;
}

/** The job's and the command's one-line Vietnamese summary. */
export function describeBackup(r: BackupResult, policy: RetentionPolicy = backupTargetFromEnv().policy): string {
  const removed = r.removed.length ? `đã xoá ${r.removed.length} bản cũ` : 'không xoá bản nào';
  return (
    `Đã sao lưu vào ${path.basename(r.file)} (${formatBytes(r.bytes)}, ${formatDuration(r.durationMs)}) trong ${path.dirname(r.file)}; ` +
    `giữ ${r.kept} bản thường kỳ, ${removed} (giữ bản mới nhất của mỗi ngày trong ${policy.daily} ngày và mỗi tháng trong ${policy.monthly} tháng gần nhất).`
  );
}
