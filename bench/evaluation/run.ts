/**
 * Evaluation benchmark (issue 6): the results table of a period for a
 * country's worth of offices (default 3,500), computed from the rollups as
 * the page and the XLSX export do (server/evaluation.ts loadResults): every
 * office's satisfaction figures for the year, its sheet and points, scoring,
 * classification and rank. Aim: under 2 s.
 *
 *   npm run bench:evaluation -- [--db /tmp/hailong-bench-evaluation/eval-3500.db | --database-url postgres://…]
 *       [--offices 3500] [--responses 1000000] [--months 12] [--reseed] [--runs 20] [--warmup 2]
 *
 * The database is seeded with scripts/seed.ts (kept and reused when present,
 * on PostgreSQL when it holds ratings; --reseed makes it again), then given one period of the current year on
 * the default rubric and sheets at every stage: a sixth of the offices
 * finalised, a third reviewed, a third self-assessed, the rest not started.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { criteriaOf, RubricSchema } from '@/lib/evaluation/rubric';
import { dayKeyOf } from '@/lib/indicators/periods';
import { ms, statsOf } from '../dashboard/stats';

const ROOT = path.resolve(__dirname, '..', '..');
const AIM_MS = 2000;

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: '/tmp/hailong-bench-evaluation/eval-3500.db' },
    'database-url': { type: 'string' },
    offices: { type: 'string', default: '3500' },
    responses: { type: 'string', default: '1000000' },
    months: { type: 'string', default: '12' },
    reseed: { type: 'boolean', default: false },
    runs: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '2' },
  },
});

const url = values['database-url'];
// The engine is chosen when db/schema.ts loads: the environment is set before anything from db/ is imported.
if (url) process.env.DATABASE_URL = url;
else process.env.DATABASE_PATH = values.db;
const where = url ?? values.db;

async function seed(seeded: boolean) {
  if (seeded && !values.reseed) return;
  console.log(`Seeding ${where}: ${values.offices} offices, ${values.responses} ratings over ${values.months} months…`);
  const target = url ? ['--database-url', url] : ['--db', values.db];
  const r = spawnSync(
    'npx',
    ['tsx', 'scripts/seed.ts', ...target, '--fresh', '--offices', values.offices, '--responses', values.responses, '--months', values.months],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (r.status !== 0) throw new Error('seeding failed');
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

async function main() {
  await seed(url ? false : fs.existsSync(values.db));
  const { closeStore, withConn } = await import('@/db/store');
  if (url && ((await withConn((c) => c.value<number>('select count(*) from responses'))) ?? 0) === 0) {
    await closeStore();
    await seed(false);
  }
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
  const w = statsOf(wall);
  const c = statsOf(cpu);
  const counts = first.counts;
  const responses = (await withConn((c) => c.value<number>('select count(*) from responses'))) ?? 0;
  const summary = {
    when: now.toISOString(),
    day: dayKeyOf(now),
    db: url ? url.replace(/:[^:@/]*@/, ':***@') : values.db,
    offices: first.lines.length,
    responses,
    counts,
    indicatorPeriod: first.indicatorPeriod && { from: first.indicatorPeriod.from, to: first.indicatorPeriod.to },
    coldMs: cold,
    wall: w,
    cpu: c,
    aimMs: AIM_MS,
  };
  console.log(`\nloadResults: ${first.lines.length} offices, ${responses.toLocaleString('en')} ratings, year ${summary.indicatorPeriod?.from}..${summary.indicatorPeriod?.to}`);
  console.log(`  statuses: ${JSON.stringify(counts)}`);
  console.log(`  first call ${ms(cold)} ms; ${w.n} runs: p50 ${ms(w.p50)} ms, p95 ${ms(w.p95)} ms, max ${ms(w.max)} ms (CPU p50 ${ms(c.p50)} ms, p95 ${ms(c.p95)} ms)`);
  console.log(`  aim < ${AIM_MS} ms: ${w.p95 < AIM_MS ? 'met' : 'NOT met'}`);
  const dir = path.join(ROOT, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `evaluation-${now.toISOString().slice(0, 16).replace(/[:T]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(summary, null, 2));
  console.log(`  → ${path.relative(ROOT, file)}`);
  await closeStore();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
