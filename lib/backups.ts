/**
 * Backups, pure (docs/decisions/025-backups-and-upgrades.md): how a backup
 * file is named, which ones the retention policy keeps, and what a
 * database's applied migrations say about the version that wrote it. Times
 * are Vietnamese time (UTC+7, no daylight saving), as everywhere in the app;
 * the caller passes the clock.
 */

const OFFSET_MS = 7 * 3600_000;

/** What a backup was taken for: the daily job or `npm run backup`, before migrations, before a restore replaced the database. */
export const BACKUP_KINDS = ['hai-long', 'pre-migrate', 'pre-restore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/** `.db`: a SQLite file; `.dump`: a `pg_dump -Fc` archive. */
export type BackupExtension = 'db' | 'dump';

export type BackupFile = { name: string; kind: BackupKind; takenAt: Date; extension: BackupExtension };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "hai-long-2026-12-05_0130.db" style, in Vietnamese time; seconds keep two backups of one minute apart. */
export function backupFileName(kind: BackupKind, takenAt: Date, extension: BackupExtension): string {
  const d = new Date(takenAt.getTime() + OFFSET_MS);
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
  return `${kind}-${day}_${time}.${extension}`;
}

const NAME = /^(hai-long|pre-migrate|pre-restore)-(\d{4})-(\d{2})-(\d{2})_(\d{2})(\d{2})(\d{2})\.(db|dump)$/;

/** The backup a file name stands for, or null for anything else (never touched by retention). */
export function parseBackupFileName(name: string): BackupFile | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, kind, y, mo, d, h, mi, s, extension] = m;
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const takenAt = new Date(local - OFFSET_MS);
  // 2026-02-31 parses to March: not one of our names.
  if (backupFileName(kind as BackupKind, takenAt, extension as BackupExtension) !== name) return null;
  return { name, kind: kind as BackupKind, takenAt, extension: extension as BackupExtension };
}

/** The SHA-256 file beside a backup, in `sha256sum` format (so `sha256sum -c` checks it too). */
export function checksumFileName(backupName: string): string {
  return `${backupName}.sha256`;
}

export function checksumLine(hexDigest: string, backupName: string): string {
  return `${hexDigest}  ${backupName}\n`;
}

/** The digest a checksum file states for `backupName`, or null when it states none. */
export function parseChecksumFile(text: string, backupName: string): string | null {
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]{64}) [ *](.+)$/i.exec(line.trim());
    if (m && m[2] === backupName && m[1]) return m[1].toLowerCase();
  }
  return null;
}

export type RetentionPolicy = {
  /** Keep the newest backup of each of this many days, today included. */
  daily: number;
  /** Keep the newest backup of each of this many calendar months, this month included. */
  monthly: number;
};

export const DEFAULT_RETENTION: RetentionPolicy = { daily: 14, monthly: 12 };

const dayKey = (t: Date) => new Date(t.getTime() + OFFSET_MS).toISOString().slice(0, 10);
const monthKey = (t: Date) => dayKey(t).slice(0, 7);

function monthsBetween(from: string, to: string): number {
  const [fy = 0, fm = 0] = from.split('-').map(Number);
  const [ty = 0, tm = 0] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm);
}

/**
 * Which of the regular backups (`hai-long-…`) to keep at `now`: the newest
 * of each of the last `daily` days and of each of the last `monthly` months
 * (Vietnamese calendar), and always the newest of all, so a policy of 0/0
 * or a clock set back never leaves no backup. A backup dated after `now`
 * (a clock that went back) is kept. Backups made before a migration or a
 * restore, and files that are not backups, are never removed here: the
 * operator removes them by hand. Returns the names to remove.
 */
export function planRetention(files: readonly BackupFile[], now: Date, policy: RetentionPolicy = DEFAULT_RETENTION): { keep: string[]; remove: string[] } {
  const regular = files.filter((f) => f.kind === 'hai-long').sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
  const keep = new Set<string>();
  if (regular[0]) keep.add(regular[0].name);
  const today = dayKey(now);
  const thisMonth = monthKey(now);
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  const days = new Set<string>();
  const months = new Set<string>();
  for (const f of regular) {
    if (f.takenAt.getTime() > now.getTime()) {
      keep.add(f.name);
      continue;
    }
    const day = dayKey(f.takenAt);
    const ageDays = Math.round((todayMs - Date.parse(`${day}T00:00:00Z`)) / 86_400_000);
    // Newest first: the first backup seen of a day or month is its newest.
    if (ageDays < policy.daily && !days.has(day)) {
      days.add(day);
      keep.add(f.name);
    }
    const month = monthKey(f.takenAt);
    if (monthsBetween(month, thisMonth) < policy.monthly && !months.has(month)) {
      months.add(month);
      keep.add(f.name);
    }
  }
  return { keep: regular.filter((f) => keep.has(f.name)).map((f) => f.name), remove: regular.filter((f) => !keep.has(f.name)).map((f) => f.name) };
}

/**
 * What the migrations recorded in a database say, compared with the ones
 * this app ships (drizzle's `created_at` is the migration's `when`, and
 * drizzle applies every migration newer than the newest recorded):
 * `empty` — a new database; `current`; `pending` — this app will migrate it;
 * `newer` — written by a newer version of the app, whose migrations this one
 * does not know and would run on a schema it does not understand.
 */
export type MigrationState =
  | { state: 'empty' }
  | { state: 'current' }
  | { state: 'pending'; pending: number }
  | { state: 'newer'; unknown: number; newestInDatabase: Date; newestKnown: Date };

export function compareMigrations(appliedMillis: readonly number[], knownMillis: readonly number[]): MigrationState {
  if (appliedMillis.length === 0) return { state: 'empty' };
  const newestApplied = Math.max(...appliedMillis);
  const newestKnown = knownMillis.length ? Math.max(...knownMillis) : 0;
  if (newestApplied > newestKnown) {
    return { state: 'newer', unknown: appliedMillis.filter((t) => t > newestKnown).length, newestInDatabase: new Date(newestApplied), newestKnown: new Date(newestKnown) };
  }
  const pending = knownMillis.filter((t) => t > newestApplied).length;
  return pending ? { state: 'pending', pending } : { state: 'current' };
}

/** Opening a database written by a newer version: the message says what to do. */
export class NewerDatabaseError extends Error {
  override name = 'NewerDatabaseError';
}

/** The message when the database was written by a newer version (start-up, restore). */
export function newerDatabaseMessage(where: string, state: Extract<MigrationState, { state: 'newer' }>): string {
  return (
    `Hài Lòng không mở được cơ sở dữ liệu ${where}: nó đã được một phiên bản mới hơn của Hài Lòng nâng cấp ` +
    `(${state.unknown} bước nâng cấp cấu trúc mà phiên bản này không biết). Phiên bản này có thể đọc sai hoặc làm hỏng dữ liệu nên đã dừng, không thay đổi gì.\n` +
    '  Cách xử lý:\n' +
    '    - cài lại phiên bản Hài Lòng mới hơn đã dùng với cơ sở dữ liệu này (không hạ phiên bản), hoặc\n' +
    '    - nếu thật sự phải quay về phiên bản này: khôi phục một bản sao lưu làm trước khi nâng cấp (tệp pre-migrate-… hoặc hai-long-… trong thư mục sao lưu) bằng npm run restore -- <tệp>.'
  );
}
