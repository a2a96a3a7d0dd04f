/**
 * Part (a) of the dashboard benchmark for one seeded database, in a process
 * of its own: db/schema.ts picks the engine's tables from DATABASE_URL when it
 * loads, so SQLite and PostgreSQL cannot share one process. run.ts starts it
 * with the database's environment (BenchDb.env) and reads the JSON it writes:
 *
 *   DATABASE_URL=postgres://…/hl_bench_dash_200000_o300_m24 npx tsx bench/dashboard/measure.ts \
 *       --out /tmp/a.json --now 2026-12-05T00:00:00Z [--runs 60] [--warmup 5] [--max-ms 4000] [--targets-only]
 *
 * (DATABASE_PATH=<file> and an empty DATABASE_URL for SQLite.) The store is
 * opened with the engine's opener and installed for the process, so the
 * loaders read that database as the app's would.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { engineKind } from '@/db/engine/kind';
import { openPgStore } from '@/db/engine/pg';
import { openSqliteStore } from '@/db/engine/sqlite';
import { installStore, withConn, type Store } from '@/db/store';
import { getEnv } from '@/lib/env';
import { pgBackendCpuSeconds } from '../lib/engines';
import { pickTargets, runInProcess } from './in-process';
import { ms } from './stats';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    now: { type: 'string' },
    runs: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '5' },
    'max-ms': { type: 'string', default: '4000' },
    'targets-only': { type: 'boolean', default: false },
  },
});

async function main() {
  if (!values.out || !values.now) throw new Error('--out <file> and --now <ISO time> are required');
  const now = new Date(values.now);
  if (Number.isNaN(now.getTime())) throw new Error(`--now: not a time (${values.now})`);
  const env = getEnv();
  const pg = engineKind() === 'pg';
  // The app's pool size: the loaders run their reads in parallel, as on a page.
  const store: Store = pg ? await openPgStore(env.DATABASE_URL!, { poolSize: env.DATABASE_POOL_SIZE }) : openSqliteStore(env.DATABASE_PATH);
  installStore(store);
  try {
    if (values['targets-only']) {
      fs.writeFileSync(values.out, JSON.stringify({ targets: await pickTargets(now), measurements: [] }));
      return;
    }
    const host = pg ? new URL(env.DATABASE_URL!).hostname : '';
    const result = await runInProcess(
      now,
      {
        runs: Number(values.runs),
        warmup: Number(values.warmup),
        maxMsPerItem: Number(values['max-ms']),
        serverCpuSeconds: pg ? () => pgBackendCpuSeconds((sql) => withConn((c) => c.all<{ pid: number }>(sql)), host) : undefined,
      },
      (m) =>
        process.stdout.write(
          `  ${m.what} · ${m.scope} · ${m.period}: p50 ${ms(m.stats.p50)} p95 ${ms(m.stats.p95)} ms (CPU p50 ${ms(m.cpu.p50)} ms` +
            `${m.serverCpuMs !== undefined ? `, PostgreSQL ${ms(m.serverCpuMs)} ms/call` : ''})\n`,
        ),
    );
    fs.writeFileSync(values.out, JSON.stringify(result));
  } finally {
    installStore(null);
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
