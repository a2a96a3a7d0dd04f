/**
 * The in-process part of the officials benchmark (bench/officials/run.ts) on
 * one copy of a seeded database, in a process of its own (the engine is fixed
 * when db/schema.ts loads; see bench/dashboard/measure.ts):
 *
 *   1. opens the store (which migrates the copy to this checkout's schema);
 *   2. adds `--officials` officials spread over the offices that have
 *      counters, and attributes every rating given at a counter, set-based,
 *      to an official of that counter's office: each counter serves with
 *      one official a week, the officials of the office in turn (local
 *      weeks from Monday); one comment in four of those ratings is linked to
 *      its official, as an office head would;
 *   3. builds rollup_official_days and rollup_official_months from scratch
 *      with the aggregation statements of db/queries/rollups.ts
 *      (aggregateSql().officialDays / .officialMonths) in steps of
 *      `--step` response ids, each step timed; PostgreSQL: VACUUM (ANALYZE);
 *   4. times the data reads of an official's figures page
 *      (db/queries/official-figures.ts, getOfficial) and its loader
 *      (server/official-figures.ts loadOfficialFiguresForStaff, as the demo
 *      assessor of the whole province) for the busiest official and the
 *      median one, over the dashboard benchmark's periods.
 *
 *   DATABASE_PATH=<copy> DATABASE_URL= npx tsx bench/officials/measure.ts --out /tmp/a.json --now <ISO> --officials 10000 \
 *       [--step 20000] [--runs 60] [--warmup 5] [--max-ms 4000]
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { engineKind } from '@/db/engine/kind';
import { openPgStore } from '@/db/engine/pg';
import { openSqliteStore } from '@/db/engine/sqlite';
import { getOfficial } from '@/db/queries/officials';
import { listOfficialComments, listOfficialLevelCounts, listOfficialLevelCountsByMonth } from '@/db/queries/official-figures';
import { aggregateSql } from '@/db/queries/rollups';
import { officials } from '@/db/schema';
import { installStore, withConn, type Store } from '@/db/store';
import type { Viewer } from '@/lib/auth/roles';
import { getEnv } from '@/lib/env';
import { addDays, dayKeyOf, type Period } from '@/lib/indicators/periods';
import { seedDemoAccountsIfNone } from '@/server/demo-accounts';
import { loadOfficialFiguresForStaff } from '@/server/official-figures';
import { pgBackendCpuSeconds } from '../lib/engines';
import { vacuumAnalyze } from '../dashboard/seed';
import { PERIOD_NAMES, periodsAt, time, type InProcessOptions } from '../dashboard/in-process';
import { ms } from '../dashboard/stats';
import { ASSESSOR_LOGIN, type Measurement, type OfficialTarget, type Setup, type Step, type Targets } from './shared';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    now: { type: 'string' },
    officials: { type: 'string', default: '10000' },
    step: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '5' },
    'max-ms': { type: 'string', default: '4000' },
  },
});

const NAME_PREFIX = 'Cán bộ đo ';
const WEEK_MS = 7 * 86_400_000;
/** Epoch day 0 was a Thursday: shifted by UTC+7 and three days, weeks start on a local Monday. */
const WEEK_SHIFT_MS = 7 * 3_600_000 + 3 * 86_400_000;

const seconds = (t0: number) => (performance.now() - t0) / 1000;

async function setUp(count: number, step: number): Promise<Omit<Setup, 'migrateSeconds' | 'vacuumSeconds'>> {
  const now = new Date();
  // Offices with an active counter, and the officials they get: i → office i mod n.
  const offices = await withConn((c) =>
    c.all<{ unitId: number }>('select distinct c.unit_id as "unitId" from counters c join units u on u.id = c.unit_id where c.active = true and u.active = true order by 1'),
  );
  if (offices.length === 0) throw new Error('no office has a counter: nothing to attribute');
  let t0 = performance.now();
  const firstId = await withConn(async (c) => {
    const before = Number((await c.value<number>('select coalesce(max(id), 0) from officials')) ?? 0);
    for (let i = 0; i < count; i += 500) {
      const batch = Array.from({ length: Math.min(500, count - i) }, (_, k) => {
        const n = i + k + 1;
        const label = String(n).padStart(5, '0');
        return {
          unitId: offices[(n - 1) % offices.length]!.unitId,
          fullName: `${NAME_PREFIX}${label}`,
          searchName: `can bo do ${label}`,
          position: 'chuyên viên',
          createdAt: now,
          updatedAt: now,
        };
      });
      await c.db.insert(officials).values(batch);
    }
    return before + 1;
  });
  const insertOfficialsSeconds = seconds(t0);

  // Attribution, set-based: a counter's slot s (its local week mod the office's officials) is its office's official of
  // rank (s + the counter's rank in the office) mod m. Everything before (the demo's own attributions) is cleared first.
  t0 = performance.now();
  const week = `((responses.submitted_at + ${WEEK_SHIFT_MS}) / ${WEEK_MS})`;
  const attributed = await withConn(async (c) => {
    await c.run('drop table if exists bench_counter_slots');
    await c.run('drop table if exists bench_counter_sizes');
    await c.run('create table bench_counter_sizes (counter_id integer primary key, m integer not null)');
    await c.run('create table bench_counter_slots (counter_id integer not null, slot integer not null, official_id integer not null, primary key (counter_id, slot))');
    const ranked = `(select id, unit_id, row_number() over (partition by unit_id order by id) - 1 as r, count(*) over (partition by unit_id) as m
        from officials where id >= @firstId)`;
    const counters = '(select id, unit_id, row_number() over (partition by unit_id order by id) - 1 as j from counters)';
    await c.run(`insert into bench_counter_sizes (counter_id, m) select k.id, max(o.m) from ${counters} k join ${ranked} o on o.unit_id = k.unit_id group by k.id`, {
      firstId,
    });
    await c.run(
      `insert into bench_counter_slots (counter_id, slot, official_id)
       select k.id, (o.r - k.j % o.m + o.m) % o.m, o.id from ${counters} k join ${ranked} o on o.unit_id = k.unit_id`,
      { firstId },
    );
    await c.run('update responses set official_id = null where official_id is not null');
    const range = await c.get<{ first: number | null; last: number | null }>('select min(id) as "first", max(id) as "last" from responses');
    let n = 0;
    for (let from = Number(range?.first ?? 1); from <= Number(range?.last ?? 0); from += 100_000) {
      const r = await c.run(
        `update responses set official_id = s.official_id
         from bench_counter_sizes z, bench_counter_slots s
         where responses.id between @from and @to and z.counter_id = responses.counter_id
           and s.counter_id = responses.counter_id and s.slot = ${week} % z.m`,
        { from, to: from + 99_999 },
      );
      n += r.changes;
    }
    await c.run('drop table bench_counter_slots');
    await c.run('drop table bench_counter_sizes');
    return n;
  });
  const attributeSeconds = seconds(t0);

  // One comment in four of the attributed ratings linked to its official (existing threads keep their status).
  t0 = performance.now();
  const linkedComments = await withConn(async (c) => {
    await c.run('update comment_threads set official_id = null where official_id is not null');
    const r = await c.run(
      `insert into comment_threads (response_id, status, official_id, updated_at)
       select r.id, 'new', r.official_id, r.submitted_at from responses r
       where r.official_id is not null and r.comment is not null and r.comment <> '' and r.id % 4 = 0
       on conflict (response_id) do update set official_id = excluded.official_id`,
    );
    return r.changes;
  });
  const linkSeconds = seconds(t0);

  // The per-official rollups from scratch, step by step as a rebuild does.
  const sql = aggregateSql();
  const steps: Step[] = [];
  t0 = performance.now();
  await withConn(async (c) => {
    await c.run('delete from rollup_official_days');
    await c.run('delete from rollup_official_months');
    const range = await c.get<{ first: number | null; last: number | null }>('select min(id) as "first", max(id) as "last" from responses');
    for (let from = Number(range?.first ?? 1); from <= Number(range?.last ?? 0); from += step) {
      const params = { from, to: from + step - 1 };
      const a = performance.now();
      await c.run(sql.officialDays, params);
      const b = performance.now();
      await c.run(sql.officialMonths, params);
      steps.push({ ...params, officialDaysMs: b - a, officialMonthsMs: performance.now() - b });
    }
  });
  const rollupSeconds = seconds(t0);
  const rows = await withConn(async (c) => ({
    officialDays: Number(await c.value('select count(*) from rollup_official_days')),
    officialMonths: Number(await c.value('select count(*) from rollup_official_months')),
  }));
  return {
    officials: count,
    officesWithCounters: offices.length,
    insertOfficialsSeconds,
    attributed,
    attributeSeconds,
    linkedComments,
    linkSeconds,
    rollupStep: step,
    steps,
    rollupSeconds,
    rows,
  };
}

/** The benchmark's officials with the most ratings over the last 365 days, and the median one. */
async function pickTargets(now: Date): Promise<Targets> {
  const today = dayKeyOf(now);
  return withConn(async (c) => {
    const provincePath = (await c.value<string>("select path from units where kind = 'province' order by id limit 1"))!;
    // q1 is answered by every rating: its level counts add up to the ratings.
    const rows = await c.all<OfficialTarget>(
      `select o.id as id, o.full_name as name, u.name as office, coalesce(sum(r.n1 + r.n2 + r.n3 + r.n4 + r.n5), 0) as "responses365"
       from officials o join units u on u.id = o.unit_id
       left join rollup_official_days r on r.official_id = o.id and r.question_key = 'q1' and r.day between @from and @to
       where o.full_name like @prefix
       group by o.id, o.full_name, u.name order by 4 desc, o.id`,
      { from: addDays(today, -364), to: today, prefix: `${NAME_PREFIX}%` },
    );
    if (rows.length === 0) throw new Error('no benchmark officials');
    const byCount = rows.map((r) => ({ ...r, responses365: Number(r.responses365) }));
    return { busy: byCount[0]!, median: byCount[Math.floor(byCount.length / 2)]!, officials: byCount.length, provincePath };
  });
}

type Item = { what: string; run: (officialId: number, p: Period) => Promise<unknown> };

function items(viewer: Viewer, now: Date): Item[] {
  return [
    { what: 'getOfficial', run: (officialId) => getOfficial({ viewer, officialId }) },
    { what: 'listOfficialLevelCounts', run: (officialId, p) => listOfficialLevelCounts({ officialId, range: { from: p.from, to: p.to } }) },
    { what: 'listOfficialLevelCountsByMonth', run: (officialId, p) => listOfficialLevelCountsByMonth({ officialId, range: { from: p.from, to: p.to } }) },
    { what: 'listOfficialComments', run: (officialId, p) => listOfficialComments({ officialId, start: new Date(p.start), end: new Date(p.end) }) },
    {
      what: 'loadOfficialFiguresForStaff',
      run: async (officialId, p) => {
        const d = await loadOfficialFiguresForStaff(viewer, officialId, p, now);
        if (!d) throw new Error(`official ${officialId} not visible to the assessor`);
        return d;
      },
    },
  ];
}

async function main() {
  if (!values.out || !values.now) throw new Error('--out <file> and --now <ISO time> are required');
  const now = new Date(values.now);
  if (Number.isNaN(now.getTime())) throw new Error(`--now: not a time (${values.now})`);
  const env = getEnv();
  const pg = engineKind() === 'pg';
  let t0 = performance.now();
  // Opening migrates the copy (the kept databases may predate the officials' tables).
  const store: Store = pg ? await openPgStore(env.DATABASE_URL!, { poolSize: env.DATABASE_POOL_SIZE }) : openSqliteStore(env.DATABASE_PATH);
  installStore(store);
  try {
    await withConn((c) => c.value('select 1'));
    const migrateSeconds = seconds(t0);
    // The demo accounts, as the app makes them in test mode (a freshly seeded database has none): the assessor reads the figures.
    await seedDemoAccountsIfNone();
    const built = await setUp(Number(values.officials), Number(values.step));
    let vacuumSeconds: number | undefined;
    if (pg) {
      t0 = performance.now();
      await vacuumAnalyze(env.DATABASE_URL!);
      vacuumSeconds = seconds(t0);
    }
    const setup: Setup = { migrateSeconds, ...built, vacuumSeconds };
    const slowest = Math.max(...setup.steps.map((s) => s.officialDaysMs + s.officialMonthsMs));
    console.log(
      `  set-up: ${setup.officials} officials over ${setup.officesWithCounters} offices (${setup.insertOfficialsSeconds.toFixed(1)} s), ` +
        `${setup.attributed.toLocaleString('en-US')} ratings attributed (${setup.attributeSeconds.toFixed(1)} s), ${setup.linkedComments} comments linked, ` +
        `rollups ${setup.rollupSeconds.toFixed(1)} s in ${setup.steps.length} steps of ${setup.rollupStep} ids (slowest ${ms(slowest)} ms)` +
        `${vacuumSeconds !== undefined ? `, VACUUM (ANALYZE) ${vacuumSeconds.toFixed(1)} s` : ''}`,
    );

    const targets = await pickTargets(now);
    const assessor = await withConn((c) => c.get<{ id: number }>('select id from users where username = @login', { login: ASSESSOR_LOGIN }));
    const viewer: Viewer = {
      userId: assessor?.id ?? 0,
      role: 'assessor',
      displayName: 'benchmark',
      scopeUnitId: 0,
      scopePath: targets.provincePath,
      scopeName: '',
      mustChangePassword: false,
    } as Viewer;
    if (!assessor) throw new Error(`no account ${ASSESSOR_LOGIN} in the database: the loader's audit entry needs an actor`);
    const host = pg ? new URL(env.DATABASE_URL!).hostname : '';
    const o: InProcessOptions = {
      runs: Number(values.runs),
      warmup: Number(values.warmup),
      maxMsPerItem: Number(values['max-ms']),
      serverCpuSeconds: pg ? () => pgBackendCpuSeconds((sql) => withConn((c) => c.all<{ pid: number }>(sql)), host) : undefined,
    };
    const periods = periodsAt(now);
    const measurements: Measurement[] = [];
    for (const item of items(viewer, now)) {
      for (const [scope, target] of [
        ['busy official', targets.busy],
        ['median official', targets.median],
      ] as const) {
        for (const period of PERIOD_NAMES) {
          const m: Measurement = { what: item.what, scope, period, ...(await time(() => item.run(target.id, periods[period]), o)) };
          measurements.push(m);
          process.stdout.write(
            `  ${m.what} · ${m.scope} · ${m.period}: p50 ${ms(m.stats.p50)} p95 ${ms(m.stats.p95)} ms (CPU p50 ${ms(m.cpu.p50)} ms` +
              `${m.serverCpuMs !== undefined ? `, PostgreSQL ${ms(m.serverCpuMs)} ms/call` : ''})\n`,
          );
        }
      }
    }
    fs.writeFileSync(values.out, JSON.stringify({ setup, targets, measurements }));
  } finally {
    installStore(null);
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
