/**
 * EXPLAIN QUERY PLAN of every statement the dashboard loaders run, as they
 * run them: the SQL is captured by wrapping the connection's `prepare` while
 * loadUnitDashboard (an office and the province) and loadOfficeTable run once.
 * Also prints how many rollup rows the province-wide reads go through.
 *
 *   npx tsx bench/dashboard/explain.ts --db /tmp/hailong-bench-dashboard/seed-2000000-o300-m24.db [--period 365-ngay]
 */
import { parseArgs } from 'node:util';
import type { Database } from 'better-sqlite3';
import { openSqliteStore } from '@/db/engine/sqlite';
import { installStore } from '@/db/store';
import { loadOfficeTable, loadUnitDashboard } from '@/server/dashboard';
import { periodsAt, pickTargets, PERIOD_NAMES, type PeriodName } from './in-process';

const { values } = parseArgs({ options: { db: { type: 'string' }, period: { type: 'string', default: '365-ngay' } } });
if (!values.db) throw new Error('--db <seeded file> is required');
const periodName = values.period as PeriodName;
if (!PERIOD_NAMES.includes(periodName)) throw new Error(`--period: one of ${PERIOD_NAMES.join(', ')}`);

const store = openSqliteStore(values.db);
installStore(store);
const sqlite = store.sqlite as Database;
const seen = new Map<string, number>();
const original = sqlite.prepare.bind(sqlite);
(sqlite as unknown as { prepare: (sql: string) => unknown }).prepare = (sql: string) => {
  seen.set(sql, (seen.get(sql) ?? 0) + 1);
  return original(sql);
};

const now = new Date();
const period = periodsAt(now)[periodName];
async function main() {
  const targets = await pickTargets(now);
  const viewer = { scopePath: targets.province.path };
  await loadUnitDashboard(viewer, { unitId: targets.busy.id, period });
  await loadUnitDashboard(viewer, { unitId: targets.province.id, period });
  await loadOfficeTable(viewer, { period });

  // Named parameters only: the dashboard's statements (not pickTargets' own).
  const rollupSql = [...seen.keys()].filter((s) => /rollup_|comment_threads/.test(s) && s.includes('@'));
  for (const sql of rollupSql) {
    console.log(`\n${sql.replace(/\s+/g, ' ').trim()}`);
    const plan = original(`explain query plan ${sql}`).all({
      path: targets.province.path,
      pathEnd: `${targets.province.path.slice(0, -1)}0`,
      from: period.from,
      to: period.to,
      start: period.start,
      end: period.end,
    }) as { detail: string }[];
    for (const p of plan) console.log(`  ${p.detail}`);
  }

  console.log(`\nRows in ${period.from}..${period.to} for the whole province (${targets.offices} offices):`);
  for (const t of ['rollup_scores', 'rollup_responses', 'rollup_choices', 'rollup_flags', 'rollup_office_days']) {
    const n = original(`select count(*) from ${t} where day between ? and ?`).pluck().get(period.from, period.to) as number;
    console.log(`  ${t}: ${n.toLocaleString('en-US')}`);
  }
  const months = original('select count(*) from rollup_office_months where month between ? and ?')
    .pluck()
    .get(period.from.slice(0, 7), period.to.slice(0, 7)) as number;
  console.log(`  rollup_office_months (months touching the period): ${months.toLocaleString('en-US')}`);
  sqlite.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
