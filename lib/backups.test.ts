import { describe, expect, it } from 'vitest';
import {
  backupFileName,
  checksumLine,
  compareMigrations,
  parseBackupFileName,
  parseChecksumFile,
  planRetention,
  type BackupFile,
} from './backups';

/** A Vietnamese local time "2026-12-05 01:30" as an instant. */
const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
const regular = (local: string): BackupFile => {
  const takenAt = vn(local);
  return parseBackupFileName(backupFileName('hai-long', takenAt, 'db'))!;
};

describe('backup file names', () => {
  it('are in Vietnamese time and parse back to the same instant', () => {
    const at = new Date('2026-12-04T18:30:05Z'); // 01:30:05 on 5 December in Hà Nội
    expect(backupFileName('hai-long', at, 'db')).toBe('hai-long-2026-12-05_013005.db');
    expect(backupFileName('pre-migrate', at, 'dump')).toBe('pre-migrate-2026-12-05_013005.dump');
    expect(parseBackupFileName('hai-long-2026-12-05_013005.db')).toEqual({ name: 'hai-long-2026-12-05_013005.db', kind: 'hai-long', takenAt: at, extension: 'db' });
  });

  it.each(['hai-long.db', 'hai-long-2026-02-31_010000.db', 'hai-long-2026-12-05_013005.db.sha256', 'other-2026-12-05_013005.db', 'hai-long-2026-12-05_013005.sql'])(
    'ignores %s',
    (name) => expect(parseBackupFileName(name)).toBeNull(),
  );
});

describe('checksum files', () => {
  it('use the sha256sum format and are read back for the named file only', () => {
    const hex = 'ab'.repeat(32);
    const text = checksumLine(hex, 'hai-long-2026-12-05_013005.db');
    expect(text).toBe(`${hex}  hai-long-2026-12-05_013005.db\n`);
    expect(parseChecksumFile(text, 'hai-long-2026-12-05_013005.db')).toBe(hex);
    expect(parseChecksumFile(text, 'hai-long-2026-12-06_013005.db')).toBeNull();
    expect(parseChecksumFile('garbage', 'x')).toBeNull();
  });
});

describe('planRetention', () => {
  const now = vn('2026-12-05 02:00');

  it('keeps the newest backup of each of the last 14 days and 12 months', () => {
    const files: BackupFile[] = [];
    // Two backups a day (01:30 and a manual one at 15:00) for 500 days.
    for (let i = 0; i < 500; i++) {
      const day = new Date(vn('2026-12-05 01:30').getTime() - i * 86_400_000);
      files.push(parseBackupFileName(backupFileName('hai-long', day, 'db'))!);
      files.push(parseBackupFileName(backupFileName('hai-long', new Date(day.getTime() + 13.5 * 3600_000), 'db'))!);
    }
    const { keep, remove } = planRetention(files, now);
    expect(keep.length + remove.length).toBe(files.length);
    expect(keep).toContain('hai-long-2026-12-05_150000.db'); // after now (a clock set back): kept
    expect(keep).toContain('hai-long-2026-12-05_013000.db');
    expect(keep).toContain('hai-long-2026-11-22_150000.db'); // 14th day, its newest
    expect(keep).not.toContain('hai-long-2026-11-22_013000.db');
    expect(keep).not.toContain('hai-long-2026-11-21_150000.db'); // 15th day, not a month's newest
    expect(keep).toContain('hai-long-2026-10-31_150000.db'); // October's newest
    expect(keep).toContain('hai-long-2026-01-31_150000.db'); // the 12th month
    expect(keep).not.toContain('hai-long-2025-12-31_150000.db'); // the 13th month
    // The future one, 14 days (December's and November's newest among them), October back to January.
    expect(keep.length).toBe(1 + 14 + 10);
  });

  it('keeps a backup dated after now, and always the newest one', () => {
    const files = [regular('2026-12-06 01:30'), regular('2025-01-01 01:30'), regular('2024-01-01 01:30')];
    expect(planRetention(files, now, { daily: 0, monthly: 0 })).toEqual({
      keep: ['hai-long-2026-12-06_013000.db'],
      remove: ['hai-long-2025-01-01_013000.db', 'hai-long-2024-01-01_013000.db'],
    });
    expect(planRetention(files.slice(1), now, { daily: 0, monthly: 0 }).keep).toEqual(['hai-long-2025-01-01_013000.db']);
  });

  it('never removes backups made before a migration or a restore', () => {
    const old = parseBackupFileName(backupFileName('pre-migrate', vn('2020-01-01 00:00'), 'db'))!;
    const restore = parseBackupFileName(backupFileName('pre-restore', vn('2020-01-01 00:00'), 'dump'))!;
    expect(planRetention([old, restore, regular('2026-12-05 01:30')], now).remove).toEqual([]);
  });

  it('counts days and months in Vietnamese time', () => {
    // 23:30 UTC on 30 November is 06:30 on 1 December in Hà Nội: December's, not November's.
    const a = parseBackupFileName(backupFileName('hai-long', new Date('2026-11-30T23:30:00Z'), 'db'))!;
    const b = regular('2026-11-30 20:00');
    const c = regular('2026-11-29 20:00');
    const { keep } = planRetention([a, b, c], vn('2026-12-01 08:00'), { daily: 1, monthly: 2 });
    expect(keep).toEqual([a.name, b.name]);
  });
});

describe('compareMigrations', () => {
  const known = [100, 200, 300];
  it.each([
    [[], { state: 'empty' }],
    [[100, 200, 300], { state: 'current' }],
    [[100], { state: 'pending', pending: 2 }],
    [[100, 200, 300, 400, 500], { state: 'newer', unknown: 2, newestInDatabase: new Date(500), newestKnown: new Date(300) }],
  ])('%j → %j', (applied, want) => expect(compareMigrations(applied, known)).toEqual(want));
});
