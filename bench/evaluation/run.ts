/**
 * Evaluation benchmark (issue 6): the results table of a period for a
 * country's worth of offices (default 3,500), computed from the rollups as
 * the page and the XLSX export do (server/evaluation.ts loadResults): every
 * office's satisfaction figures for the year, its sheet and points, scoring,
 * classification and rank. Aim: under 2 s. On SQLite, PostgreSQL or both,
 * side by side in one run (`--engine`, bench/lib/engines.ts).
 *
 *   npm run bench:evaluation -- [--engine sqlite|pg|both] [--db /tmp/hailong-bench-evaluation/eval-3500.db]
 *       [--database-url postgres://…] [--offices 3500] [--responses 1000000] [--months 12] [--reseed] [--runs 20] [--warmup 2]
 *
 * The databases are seeded with scripts/seed.ts and kept for the next run
 * (--reseed makes them again): SQLite in the `--db` file, PostgreSQL in
 * `hl_bench_evaluation_<offices>_<responses>_<months>` on the server of
 * BENCH_DATABASE_URL, or in the database `--database-url` names (then the
 * engine is PostgreSQL unless `--engine` says otherwise). Each is then given
 * one period of the current year on the default rubric and sheets at every
 * stage: a sixth of the offices finalised, a third reviewed, a third
 * self-assessed, the rest not started.
 *
 * The engine is chosen when db/schema.ts loads, once per process: with
 * `--engine both` this process runs itself once per engine (`--summary-out`)
 * and prints the two side by side.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { criteriaOf, RubricSchema } from '@/lib/evaluation/rubric';
import { dayKeyOf } from '@/lib/indicators/periods';
import { ms, statsOf, type Stats } from '../dashboard/stats';
import { createBenchDb, engineLabel, existingPgBenchDb, parseEngines, seedBenchDb, type BenchDb, type Engine } from '../lib/engines';
import { ROOT, timestamp, writeResults } from '../lib/processes';
import { printTable } from '../lib/table';

const AIM_MS = 2000;

const { values } = parseArgs({
  options: {
    engine: { type: 'string' },
    db: { type: 'string', default: '/tmp/hailong-bench-evaluation/eval-3500.db' },
    'database-url': { type: 'string' },
    offices: { type: 'string', default: '3500' },
    responses: { type: 'string', default: '1000000' },
    months: { type: 'string', default: '12' },
    reseed: { type: 'boolean', default: false },
    runs: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '2' },
    /** Internal (`--engine both`): write this engine's summary here instead of a results file. */
    'summary-out': { type: 'string' },
  },
});
const url = values['database-url'];
const ENGINES = parseEngines(values.engine ?? (url ? 'pg' : 'sqlite'));

type Summary = {
  engine: Engine;
  when: string;
  day: string;
  db: string;
  seedSeconds: number | null;
  offices: number;
  responses: number;
  counts: unknown;
  indicatorPeriod: { from: string; to: string } | null;
  coldMs: number;
  wall: Stats;
  cpu: Stats;
  aimMs: number;
};

async function openDb(engine: Engine): Promise<BenchDb> {
  if (engine === 'pg') {
    return url ? existingPgBenchDb(url) : createBenchDb('pg', `evaluation_${values.offices}_${values.responses}_${values.months}`, '', { keep: true });
  }
  const file = path.resolve(values.db);
  if (!file.endsWith('.db')) throw new Error('--db names a file ending in .db');
  return createBenchDb('sqlite', path.basename(file, '.db'), path.dirname(file), { keep: true });
}

/** One period and sheets at every stage, written directly (bench set-up, not the app's path). */
async function preparePeriod(now: Date): Promise<{ periodId: number; provincePath: string }> {
  const { seedDemoEvaluationIfNone } = await import('@/db/seed-evaluation');
  const { transaction } = await import('@/db/store');
  await seedDemoEvaluationIfNone({ now });
  return transaction(async (c) => {
    const period = (await c.get<{ id: number; rubric: string; path: string }>(
      'select p.id, p.rubric, u.path from evaluation_periods p join units u on u.id = p.unit_id order by p.id limit 1',
    ))!;
    const sheets = (await c.value<number>('select count(*) from evaluation_sheets where period_id = ?', [period.id])) ?? 0;
    if (sheets === 0) {
      const rubric = RubricSchema.parse(JSON.parse(period.rubric));
      const manual = criteriaOf(rubric).filter((x) => x.criterion.kind === 'manual').map((x) => x.criterion);
      const offices = await c.all<{ id: number }>('select id from units where code is not null and active = true and path >= ? and path < ? order by id', [
        period.path,
        `${period.path.slice(0, -1)}0`,
      ]);
      const t = now.getTime();
      for (const [i, o] of offices.entries()) {
        const bucket = i % 6;
        if (bucket === 5) continue;
        const status = bucket === 0 ? 'finalised' : bucket <= 2 ? 'reviewed' : 'self_assessed';
        const id = (await c.value<number>(
          'insert into evaluation_sheets (period_id, unit_id, status, final_total_x100, final_class, updated_at) values (?, ?, ?, ?, ?, ?) returning id',
          [period.id, o.id, status, status === 'finalised' ? 8000 + (i % 1500) : null, status === 'finalised' ? 'Tốt' : null, t],
        ))!;
        for (const x of manual) {
          const max = Math.round(x.max * 100);
          const self = max - (i % 5) * 50;
          await c.run('insert into evaluation_scores (sheet_id, criterion_key, self_points_x100, review_points_x100, updated_at) values (?, ?, ?, ?, ?)', [
            id,
            x.key,
            self,
            status === 'self_assessed' ? null : self - 50,
            t,
          ]);
        }
      }
    }
    return { periodId: period.id, provincePath: period.path };
  });
}

async function measure(engine: Engine): Promise<Summary> {
  const db = await openDb(engine);
  try {
    const seedSeconds = await seedBenchDb(db, { responses: Number(values.responses), offices: Number(values.offices), months: Number(values.months), reseed: values.reseed });
    // The engine is chosen when db/schema.ts loads: the environment is set before anything from db/ is imported.
    Object.assign(process.env, db.env);
    const { closeStore, withConn } = await import('@/db/store');
    const { loadResults } = await import('@/server/evaluation');
    const now = new Date();
    const { periodId, provincePath } = await preparePeriod(now);
    const viewer = { scopePath: provincePath };
    const run = async () => {
      const r = await loadResults(viewer, { periodId, query: {}, now });
      if (!r) throw new Error('no results');
      return r;
    };

    const t0 = performance.now();
    const first = await run();
    const cold = performance.now() - t0;
    for (let i = 0; i < Number(values.warmup); i++) await run();
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < Number(values.runs); i++) {
      const c0 = process.cpuUsage();
      const s = performance.now();
      await run();
      wall.push(performance.now() - s);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    const responses = (await withConn((c) => c.value<number>('select count(*) from responses'))) ?? 0;
    await closeStore();
    return {
      engine,
      when: now.toISOString(),
      day: dayKeyOf(now),
      db: db.engine === 'pg' ? db.env.DATABASE_URL!.replace(/:[^:@/]*@/, ':***@') : db.label,
      seedSeconds,
      offices: first.lines.length,
      responses: Number(responses),
      counts: first.counts,
      indicatorPeriod: first.indicatorPeriod && { from: first.indicatorPeriod.from, to: first.indicatorPeriod.to },
      coldMs: cold,
      wall: statsOf(wall),
      cpu: statsOf(cpu),
      aimMs: AIM_MS,
    };
  } finally {
    await db.drop();
  }
}

function print(s: Summary) {
  console.log(`\n${engineLabel(s.engine)} loadResults: ${s.offices} offices, ${s.responses.toLocaleString('en')} ratings, year ${s.indicatorPeriod?.from}..${s.indicatorPeriod?.to}`);
  console.log(`  statuses: ${JSON.stringify(s.counts)}`);
  console.log(`  first call ${ms(s.coldMs)} ms; ${s.wall.n} runs: p50 ${ms(s.wall.p50)} ms, p95 ${ms(s.wall.p95)} ms, max ${ms(s.wall.max)} ms (CPU p50 ${ms(s.cpu.p50)} ms, p95 ${ms(s.cpu.p95)} ms)`);
  console.log(`  aim < ${AIM_MS} ms: ${s.wall.p95 < AIM_MS ? 'met' : 'NOT met'}`);
}

/** `--engine both`: this benchmark once per engine, each in a process of its own. */
function measureInChild(engine: Engine, dir: string): Summary {
  const out = path.join(dir, `${engine}.json`);
  const forwarded = process.argv.slice(2).filter((_, i, all) => all[i] !== '--engine' && all[i - 1] !== '--engine' && !all[i]!.startsWith('--engine='));
  const r = spawnSync('npx', ['tsx', 'bench/evaluation/run.ts', ...forwarded, '--engine', engine, '--summary-out', out], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`the ${engineLabel(engine)} run failed`);
  return JSON.parse(fs.readFileSync(out, 'utf8')) as Summary;
}

async function main() {
  let summaries: Summary[];
  if (ENGINES.length === 1) {
    const summary = await measure(ENGINES[0]!);
    if (values['summary-out']) {
      fs.writeFileSync(values['summary-out'], JSON.stringify(summary));
      return;
    }
    summaries = [summary];
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hailong-bench-evaluation-'));
    try {
      summaries = ENGINES.map((engine) => measureInChild(engine, dir));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  for (const s of summaries) print(s);
  if (summaries.length > 1) {
    const row = (name: string, value: (s: Summary) => string | number) => [name, ...summaries.map(value)];
    printTable(`loadResults (${values.runs} runs after ${values.warmup} warm-up; ${os.cpus().length} cores, database server on the same machine)`, ['', ...summaries.map((s) => engineLabel(s.engine))], [
      row('offices / ratings', (s) => `${s.offices} / ${s.responses.toLocaleString('en')}`),
      row('first call (ms)', (s) => ms(s.coldMs)),
      row('wall p50 / p95 / max (ms)', (s) => `${ms(s.wall.p50)} / ${ms(s.wall.p95)} / ${ms(s.wall.max)}`),
      row('CPU of this process p50 (ms)', (s) => ms(s.cpu.p50)),
      row(`aim p95 < ${AIM_MS} ms`, (s) => (s.wall.p95 < AIM_MS ? 'met' : 'NOT met')),
    ]);
  }
  console.log(`  → ${writeResults('evaluation', timestamp(), undefined, { settings: { runs: Number(values.runs), warmup: Number(values.warmup) }, engines: summaries })}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
