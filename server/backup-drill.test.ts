import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { listBackups } from '@/db/backup-files';
import { openPgStore } from '@/db/engine/pg';
import { openSqliteStore } from '@/db/engine/sqlite';
import { rebuildRollupsAndCompare } from '@/db/queries/rollups';
import { closeStore, installStore, type Store } from '@/db/store';
import { adminQuery, withDatabase } from '@/db/test-engines';
import { openDemoTestStore, testResponse, type TestStore } from '@/db/testing';
import { DEFAULT_ABUSE_RULES } from '@/lib/abuse';
import { takeBackup, type BackupTarget } from './backups';
import { storeRating } from './ratings';
import { restorePostgres, restoreSqlite } from './restore';

/**
 * The restore drill (docs/decisions/025-backups-and-upgrades.md), on this
 * run's engine: ratings keep arriving through the real submit path while the
 * backup runs; the backup is restored into a fresh location; every rating
 * acknowledged before the backup started is there, and a rollup rebuild
 * finds nothing to fix.
 */

const now = new Date('2026-12-05T03:00:00Z');
let t: TestStore;
let dir: string;
const extraDatabases: string[] = [];

beforeEach(async () => {
  ({ t } = await openDemoTestStore({ responses: 3000, now }));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hailong-drill-'));
});

afterEach(async () => {
  await t.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
  const admin = process.env.TEST_DATABASE_URL;
  for (const name of extraDatabases.splice(0)) if (admin) await adminQuery(admin, `drop database if exists ${name} with (force)`);
});

it('restores a backup taken under load: every rating acknowledged before it is there, rollups need no fix', async () => {
  const office = (await t.conn.get<{ id: number }>("select id from units where code is not null and active = true order by id limit 1"))!;
  const version = Number(await t.conn.value('select id from question_set_versions order by id limit 1'));
  const acknowledged: string[] = [];
  let stop = false;
  let backupStarted = false;
  let duringBackup = 0;
  const rate = async () => {
    while (!stop) {
      const clientId = randomUUID();
      const submittedAt = new Date(now.getTime() + acknowledged.length * 1000);
      await storeRating({ ...testResponse({ unitId: office.id, questionSetVersionId: version, submittedAt, q1: 1 + (acknowledged.length % 5) }), clientId, rules: DEFAULT_ABUSE_RULES });
      if (backupStarted) duringBackup++;
      else acknowledged.push(clientId);
      await new Promise((r) => setImmediate(r));
    }
  };
  const load = [rate(), rate()];
  while (acknowledged.length < 50) await new Promise((r) => setTimeout(r, 5));

  const target: BackupTarget = {
    source: t.kind === 'pg' ? { kind: 'pg', url: t.location, pgDump: 'pg_dump' } : { kind: 'sqlite', path: t.location },
    dir,
    policy: { daily: 14, monthly: 12 },
  };
  // Ratings acknowledged up to here must be in the backup; those stored from here on may or may not.
  const before = [...acknowledged];
  backupStarted = true;
  const backup = await takeBackup({ now, target });
  const afterBackup = duringBackup;
  await new Promise((r) => setTimeout(r, 20));
  stop = true;
  await Promise.all(load);
  expect(afterBackup).toBeGreaterThan(0); // the load really ran while the backup did
  expect(listBackups(dir).map((b) => b.name)).toEqual([path.basename(backup.file)]);
  expect(fs.existsSync(`${backup.file}.sha256`)).toBe(true);
  installStore(null);

  let restored: Store;
  if (t.kind === 'pg') {
    const admin = process.env.TEST_DATABASE_URL!;
    const name = `hl_drill_${randomUUID().slice(0, 8)}`;
    extraDatabases.push(name);
    await adminQuery(admin, `create database ${name}`);
    const url = withDatabase(admin, name);
    const report = await restorePostgres({ file: backup.file, now, url, backupDir: dir, pgDump: 'pg_dump', pgRestore: 'pg_restore' });
    expect(report.rollups.changed).toEqual([]);
    // What the restore replaced (here an empty database) was dumped first, with its checksum.
    expect(path.basename(report.keptAside!)).toMatch(/^pre-restore-.*\.dump$/);
    expect(fs.existsSync(`${report.keptAside}.sha256`)).toBe(true);
    restored = await openPgStore(url, { poolSize: 2 });
  } else {
    const fresh = path.join(dir, 'fresh', 'hai-long.db');
    const report = await restoreSqlite({ file: backup.file, now, databasePath: fresh, busyTimeoutMs: 100 });
    expect(report.rollups.changed).toEqual([]);
    expect(report.keptAside).toBeNull();
    restored = openSqliteStore(fresh);
  }
  installStore(restored);
  try {
    const ids = new Set(
      (await restored.connect((c) => c.all<{ client_id: string }>('select client_id from responses where client_id is not null'))).map((r) => r.client_id),
    );
    expect(before.filter((id) => !ids.has(id))).toEqual([]);
    expect((await rebuildRollupsAndCompare({ dryRun: true })).changed).toEqual([]);
  } finally {
    await closeStore();
  }
  installStore(t);
}, 120_000);
