/**
 * The plans of every statement the dashboard loaders run, as they run them:
 * loadUnitDashboard (the busy office and the province) and loadOfficeTable
 * run once while their SQL is captured, then each statement is explained.
 * Also prints how many rollup rows the province-wide reads go through.
 *
 *   npx tsx bench/dashboard/explain.ts --db /tmp/hailong-bench-dashboard/seed-2000000-o300-m24.db [--period 365-ngay]
 *   npx tsx bench/dashboard/explain.ts --database-url postgres://…/hl_bench_dash_2000000_o300_m24 [--period 365-ngay] [--generic]
 *
 * SQLite: EXPLAIN QUERY PLAN of each distinct statement, with the
 * province's parameters. PostgreSQL: EXPLAIN (ANALYZE, BUFFERS) of each
 * distinct statement with the values it was run with (so it runs them once
 * more), then the statements by execution time. The app sends them as named
 * prepared statements, and after five runs on a connection PostgreSQL may
 * switch to a generic plan (one for any values): --generic also explains
 * that plan (plan_cache_mode = force_generic_plan), the one a busy server
 * may be running.
 */
import { parseArgs } from 'node:util';
import type { Database } from 'better-sqlite3';
import pg from 'pg';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    'database-url': { type: 'string' },
    period: { type: 'string', default: '365-ngay' },
    generic: { type: 'boolean', default: false },
  },
});
// The engine is chosen when db/schema.ts loads: the environment is set before anything from db/ is imported.
if (values['database-url']) process.env.DATABASE_URL = values['database-url'];
else if (values.db) {
  process.env.DATABASE_PATH = values.db;
  process.env.DATABASE_URL = '';
} else throw new Error('--db <seeded SQLite file> or --database-url <seeded PostgreSQL database> is required');

async function main() {
  const { periodsAt, pickTargets, PERIOD_NAMES } = await import('./in-process');
  const periodName = values.period as (typeof PERIOD_NAMES)[number];
  if (!PERIOD_NAMES.includes(periodName)) throw new Error(`--period: one of ${PERIOD_NAMES.join(', ')}`);
  const now = new Date();
  const period = periodsAt(now)[periodName];
  const { installStore, withConn } = await import('@/db/store');
  const { loadOfficeTable, loadUnitDashboard } = await import('@/server/dashboard');

  const runLoaders = async () => {
    const targets = await pickTargets(now);
    const viewer = { scopePath: targets.province.path };
    await loadUnitDashboard(viewer, { unitId: targets.busy.id, period });
    await loadUnitDashboard(viewer, { unitId: targets.province.id, period });
    await loadOfficeTable(viewer, { period });
    return targets;
  };

  let offices: number;
  if (values['database-url']) {
    const { openPgStore } = await import('@/db/engine/pg');
    const store = await openPgStore(values['database-url'], { migrate: false });
    installStore(store);
    offices = await explainPg(store.pool, runLoaders);
    await countPeriodRows(withConn, period, offices);
    installStore(null);
    await store.close();
  } else {
    const { openSqliteStore } = await import('@/db/engine/sqlite');
    const store = openSqliteStore(values.db!);
    installStore(store);
    offices = await explainSqlite(store.sqlite, runLoaders, period);
    await countPeriodRows(withConn, period, offices);
    installStore(null);
    await store.close();
  }
}

type Targets = { province: { path: string }; offices: number };
type Period = { from: string; to: string; start: number; end: number };

async function explainSqlite(sqlite: Database, runLoaders: () => Promise<Targets>, period: Period): Promise<number> {
  const seen = new Map<string, number>();
  const original = sqlite.prepare.bind(sqlite);
  (sqlite as unknown as { prepare: (sql: string) => unknown }).prepare = (sql: string) => {
    seen.set(sql, (seen.get(sql) ?? 0) + 1);
    return original(sql);
  };
  const targets = await runLoaders();
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
  return targets.offices;
}

async function explainPg(pool: pg.Pool, runLoaders: () => Promise<Targets>): Promise<number> {
  const seen = new Map<string, { text: string; values: unknown[] }>();
  const original = pg.Client.prototype.query;
  let capturing = true;
  // Every statement of the store goes through a pooled client's query(): config objects ({ name, text, values }) or text and values.
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [first, second] = args as [string | { text?: string; values?: unknown[] }, unknown];
    const text = typeof first === 'string' ? first : first?.text;
    const params = (typeof first === 'string' ? second : first?.values) as unknown[] | undefined;
    if (capturing && text && /^\s*(\/\*[^*]*\*\/\s*)?(select|with)\b/i.test(text) && /rollup_|comment_threads/.test(text)) {
      seen.set(`${text}\u0000${JSON.stringify(params ?? [])}`, { text, values: params ?? [] });
    }
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  const targets = await runLoaders();
  capturing = false;
  pg.Client.prototype.query = original;

  const times: { ms: number; generic?: number; sql: string }[] = [];
  const client = await pool.connect();
  try {
    for (const { text, values: params } of seen.values()) {
      const sql = text.replace(/\s+/g, ' ').trim();
      console.log(`\n${sql}\n  values: ${JSON.stringify(params)}`);
      const plan = (await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${text}`, params)).rows.map((r) => r['QUERY PLAN']);
      for (const line of plan) console.log(`  ${line}`);
      const entry: (typeof times)[number] = { ms: executionMs(plan), sql };
      if (values.generic) {
        await client.query("set plan_cache_mode = 'force_generic_plan'");
        await client.query(`prepare hl_explain as ${text}`);
        try {
          const list = params.map(sqlLiteral).join(', ');
          const generic = (await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) execute hl_explain${params.length ? `(${list})` : ''}`)).rows.map(
            (r) => r['QUERY PLAN'],
          );
          console.log('  -- generic plan:');
          for (const line of generic) console.log(`  ${line}`);
          entry.generic = executionMs(generic);
        } finally {
          await client.query('deallocate hl_explain');
          await client.query('reset plan_cache_mode');
        }
      }
      times.push(entry);
    }
  } finally {
    client.release();
  }
  console.log('\nBy execution time (EXPLAIN ANALYZE, ms; custom plan' + (values.generic ? ' / generic plan' : '') + '):');
  for (const t of times.sort((a, b) => b.ms - a.ms)) {
    console.log(`  ${t.ms.toFixed(2)}${t.generic !== undefined ? ` / ${t.generic.toFixed(2)}` : ''}  ${t.sql.slice(0, 160)}${t.sql.length > 160 ? '…' : ''}`);
  }
  return targets.offices;
}

/** A bound value written into EXECUTE's argument list (the types come from the prepared statement). */
function sqlLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    const items = v.map((x) => (x === null || x === undefined ? 'NULL' : `"${String(x).replace(/["\\]/g, (c) => `\\${c}`)}"`));
    return pg.escapeLiteral(`{${items.join(',')}}`);
  }
  return pg.escapeLiteral(String(v));
}

const executionMs = (plan: string[]) => Number(/Execution Time: ([\d.]+) ms/.exec(plan.join('\n'))?.[1] ?? NaN);

async function countPeriodRows(
  withConn: (fn: (c: { value<T>(sql: string, params?: unknown[]): Promise<T | undefined> }) => Promise<void>) => Promise<void>,
  period: Period,
  offices: number,
) {
  await withConn(async (c) => {
    console.log(`\nRows in ${period.from}..${period.to} for the whole province (${offices} offices):`);
    for (const t of ['rollup_scores', 'rollup_responses', 'rollup_choices', 'rollup_flags', 'rollup_office_days']) {
      const n = (await c.value<number>(`select count(*) from ${t} where day between ? and ?`, [period.from, period.to])) ?? 0;
      console.log(`  ${t}: ${n.toLocaleString('en-US')}`);
    }
    for (const t of ['rollup_office_months', 'rollup_counter_months', 'rollup_response_months', 'rollup_choice_months', 'rollup_flag_months']) {
      const n = (await c.value<number>(`select count(*) from ${t} where month between ? and ?`, [period.from.slice(0, 7), period.to.slice(0, 7)])) ?? 0;
      console.log(`  ${t} (months touching the period): ${n.toLocaleString('en-US')}`);
    }
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
