import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engineKind } from '@/db/engine/kind';
import { openSqliteStore } from '@/db/engine/sqlite';
import { adminQuery, withDatabase } from '@/db/test-engines';
import { openTestStore } from '@/db/testing';
import { takeBackup, type BackupTarget } from './backups';
import { restorePostgres, restoreSqlite } from './restore';

/** What `npm run restore` refuses, and what it keeps (docs/decisions/025-backups-and-upgrades.md). The whole way through: backup-drill.test.ts. */

const now = new Date('2026-12-05T03:00:00Z');
const FUTURE = Date.parse('2099-01-01T00:00:00Z');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hailong-restore-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const policy = { daily: 14, monthly: 12 };
const addUnit = (name: string) =>
  `insert into units (name, search_name, kind, path) values ('${name}', '${name.toLowerCase()}', 'province', '/')`;

describe.skipIf(engineKind() === 'pg')('SQLite', () => {
  async function backupOf(name: string, extra?: string): Promise<string> {
    const file = path.join(dir, `${name}.db`);
    const store = openSqliteStore(file);
    await store.connect((c) => c.run(addUnit(name)));
    if (extra) await store.connect((c) => c.run(extra));
    const target: BackupTarget = { source: { kind: 'sqlite', path: file }, dir: path.join(dir, 'backups'), policy };
    const { file: backup } = await takeBackup({ now, target });
    await store.close();
    return backup;
  }

  it('refuses while the database is open, then replaces it and keeps the old file aside', async () => {
    const backup = await backupOf('Backup');
    const live = path.join(dir, 'live', 'hai-long.db');
    const server = openSqliteStore(live);
    await server.connect((c) => c.run(addUnit('Live')));
    await expect(restoreSqlite({ file: backup, now, databasePath: live, busyTimeoutMs: 0 })).rejects.toThrow(/đang được dùng.*Dừng máy chủ trước/);
    expect(fs.existsSync(`${live}.restoring`)).toBe(false);
    await server.close();

    const report = await restoreSqlite({ file: backup, now, databasePath: live, busyTimeoutMs: 0 });
    expect(report.keptAside).toBe(`${live}.pre-restore-2026-12-05_100000`);
    expect(fs.existsSync(`${live}-wal`)).toBe(false);
    const restored = openSqliteStore(live);
    expect(await restored.connect((c) => c.all('select name from units'))).toEqual([{ name: 'Backup' }]);
    await restored.close();
    const old = openSqliteStore(report.keptAside!);
    expect(await old.connect((c) => c.all('select name from units'))).toEqual([{ name: 'Live' }]);
    await old.close();
  });

  it('refuses a file whose checksum is missing or does not match, and a backup a newer version wrote', async () => {
    const backup = await backupOf('Backup');
    const live = path.join(dir, 'hai-long.db');
    const copy = path.join(dir, 'copy.db');
    fs.copyFileSync(backup, copy);
    await expect(restoreSqlite({ file: copy, now, databasePath: live, busyTimeoutMs: 0 })).rejects.toThrow(/Không có tệp kiểm tra copy\.db\.sha256/);
    fs.writeFileSync(`${copy}.sha256`, fs.readFileSync(`${backup}.sha256`, 'utf8').replace(path.basename(backup), 'copy.db'));
    const fd = fs.openSync(copy, 'r+');
    fs.writeSync(fd, Buffer.from([0x42]), 0, 1, 5000);
    fs.closeSync(fd);
    await expect(restoreSqlite({ file: copy, now, databasePath: live, busyTimeoutMs: 0 })).rejects.toThrow(/không khớp mã SHA-256/);

    const newer = await backupOf('Newer', `insert into __drizzle_migrations (hash, created_at) values ('from-a-newer-version', ${FUTURE})`);
    await expect(restoreSqlite({ file: newer, now, databasePath: live, busyTimeoutMs: 0 })).rejects.toThrow(/phiên bản mới hơn/);
    expect(fs.existsSync(live)).toBe(false);
  });
});

describe.skipIf(engineKind() !== 'pg')('PostgreSQL', () => {
  it('refuses while other sessions use the database, and a dump a newer version wrote', async () => {
    const t = await openTestStore();
    const admin = process.env.TEST_DATABASE_URL!;
    const fresh = `hl_restore_${randomUUID().slice(0, 8)}`;
    try {
      await t.conn.run(addUnit('Backup'));
      // Trust authentication in the test cluster: the location is the URL itself.
      const target: BackupTarget = { source: { kind: 'pg', url: t.location, pgDump: 'pg_dump' }, dir: path.join(dir, 'backups'), policy };
      const { file } = await takeBackup({ now, target });
      const o = { file, now, backupDir: path.join(dir, 'backups'), pgDump: 'pg_dump', pgRestore: 'pg_restore' };
      await expect(restorePostgres({ ...o, url: t.location })).rejects.toThrow(/đang được dùng: \d+ kết nối hai-long/);

      await t.conn.run(`insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-a-newer-version', ${FUTURE})`);
      const { file: newer } = await takeBackup({ now: new Date(now.getTime() + 1000), target });
      await adminQuery(admin, `create database ${fresh}`);
      await expect(restorePostgres({ ...o, file: newer, url: withDatabase(admin, fresh) })).rejects.toThrow(/phiên bản mới hơn/);
      expect(Number((await adminQuery(withDatabase(admin, fresh), "select count(*) as n from pg_tables where schemaname = 'public'")).rows[0].n)).toBe(0);
    } finally {
      await t.dispose();
      await adminQuery(admin, `drop database if exists ${fresh} with (force)`);
    }
  });
});
