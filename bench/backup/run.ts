/**
 * Backup of a large SQLite database (docs/decisions/025-backups-and-upgrades.md):
 * how long the online backup (and its checksum) takes, and what it does to
 * the submit path's latency while the production build serves ratings.
 *
 *   npx tsx bench/backup/run.ts [--source /tmp/hailong-bench-dashboard/seed-2000000-o300-m24.db]
 *                               [--repeat 2] [--seconds 20] [--connections 10] [--no-load]
 *
 * The source is only read: it is copied into a work folder first, and
 * everything (backups, the server's writes) happens on the copy. The backup
 * under load runs in this process (as `npm run backup` would, beside the
 * server), in a worker thread, started 3 s into the load window.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeChecksum } from '@/db/backup-files';
import { backupSqliteFile } from '@/db/engine/sqlite-files';
import { beginRun, findFreePort, pickSurveyCode, startApp, stopProcess, writeResults } from '../lib/processes';
import { discoverSubmitPath, round, runLoad, type LoadFigures } from '../submit/load';

const { values: flags } = parseArgs({
  options: {
    source: { type: 'string', default: '/tmp/hailong-bench-dashboard/seed-2000000-o300-m24.db' },
    repeat: { type: 'string', default: '2' },
    seconds: { type: 'string', default: '20' },
    connections: { type: 'string', default: '10' },
    'no-load': { type: 'boolean', default: false },
  },
});

async function timedBackup(db: string, dest: string) {
  const t0 = performance.now();
  await backupSqliteFile(db, dest);
  const backupS = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  await writeChecksum(dest);
  const checksumS = (performance.now() - t1) / 1000;
  return { backupS: round(backupS, 2), checksumS: round(checksumS, 2), bytes: fs.statSync(dest).size };
}

async function main() {
  const run = beginRun('backup');
  const db = path.join(run.work, 'hai-long.db');
  const t0 = performance.now();
  fs.copyFileSync(flags.source, db);
  console.log(`copied ${flags.source} (${(fs.statSync(db).size / 1e9).toFixed(2)} GB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const idle: Awaited<ReturnType<typeof timedBackup>>[] = [];
  for (let i = 0; i < Number(flags.repeat); i++) {
    const dest = path.join(run.work, `idle-${i}.db`);
    idle.push(await timedBackup(db, dest));
    console.log(`idle backup ${i + 1}: ${idle[i]!.backupS} s + checksum ${idle[i]!.checksumS} s`);
    fs.rmSync(dest, { force: true });
    fs.rmSync(`${dest}.sha256`, { force: true });
  }

  let baseline: LoadFigures | null = null;
  let during: LoadFigures | null = null;
  let underLoad: Awaited<ReturnType<typeof timedBackup>> | null = null;
  let walBefore = 0;
  let walMax = 0;
  let walAfter = 0;
  if (!flags['no-load']) {
    const port = await findFreePort(4400, 4403);
    const app = await startApp({ port, dbPath: db, keepDb: true, logFile: path.join(run.work, 'app.log'), env: { BACKUP_DIR: path.join(run.work, 'backups') } });
    try {
      const submitPath = await discoverSubmitPath(port, pickSurveyCode(db));
      const load = { ports: [port], submitPath, connections: Number(flags.connections), count: null, serverPids: [app.pid] };
      await runLoad({ ...load, seconds: 3 });
      baseline = await runLoad({ ...load, seconds: Number(flags.seconds) });
      console.log(`baseline: ${baseline.requestsPerS} req/s, p99 ${baseline.latencyMs.p99} ms`);
      const loading = runLoad({ ...load, seconds: Number(flags.seconds) });
      await new Promise((r) => setTimeout(r, 3000));
      // The WAL cannot be checkpointed past the backup's snapshot: how far it grows meanwhile.
      const walSize = () => (fs.existsSync(`${db}-wal`) ? fs.statSync(`${db}-wal`).size : 0);
      walBefore = walSize();
      const sampler = setInterval(() => (walMax = Math.max(walMax, walSize())), 200);
      underLoad = await timedBackup(db, path.join(run.work, 'under-load.db'));
      clearInterval(sampler);
      during = await loading;
      walAfter = walSize();
      console.log(`WAL: ${walBefore} bytes before the backup, at most ${walMax} during, ${walAfter} at the end of the load`);
      console.log(`during a backup (${underLoad.backupS} s of the ${flags.seconds} s window): ${during.requestsPerS} req/s, p99 ${during.latencyMs.p99} ms`);
    } finally {
      await stopProcess(app);
    }
  }
  const out = writeResults('backup', run.stamp, flags['no-load'] ? undefined : run.build, { source: flags.source, idle, underLoad, wal: { beforeBytes: walBefore, maxDuringBytes: walMax, afterBytes: walAfter }, baseline, during });
  console.log(`results: ${out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
