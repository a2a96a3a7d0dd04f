/**
 * Evaluation benchmark (issue 6): the results table of a period for a
 * country's worth of offices (default 3,500), computed from the rollups as
 * the page and the XLSX export do (server/evaluation.ts loadResults): every
 * office's satisfaction figures for the year, its sheet and points, scoring,
 * classification and rank. Aim: under 2 s.
 *
 *   npm run bench:evaluation -- [--db /tmp/hailong-bench-evaluation/eval-3500.db] [--offices 3500]
 *       [--responses 1000000] [--months 12] [--reseed] [--runs 20] [--warmup 2]
 *
 * The database is seeded with scripts/seed.ts (kept and reused when present;
 * --reseed makes it again), then given one period of the current year on
 * the default rubric and sheets at every stage: a sixth of the offices
 * finalised, a third reviewed, a third self-assessed, the rest not started.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDb, type Db } from '@/db/client';
import { seedDemoEvaluationIfNone } from '@/db/seed-evaluation';
import { criteriaOf, RubricSchema } from '@/lib/evaluation/rubric';
import { dayKeyOf } from '@/lib/indicators/periods';
import { openSqliteStore } from '@/db/engine/sqlite';
import { closeStore, installStore } from '@/db/store';
import { loadResults } from '@/server/evaluation';
import { ms, statsOf } from '../dashboard/stats';

const ROOT = path.resolve(__dirname, '..', '..');
const AIM_MS = 2000;

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: '/tmp/hailong-bench-evaluation/eval-3500.db' },
    offices: { type: 'string', default: '3500' },
    responses: { type: 'string', default: '1000000' },
    months: { type: 'string', default: '12' },
    reseed: { type: 'boolean', default: false },
    runs: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '2' },
  },
});

function seed() {
  if (fs.existsSync(values.db) && !values.reseed) return;
  console.log(`Seeding ${values.db}: ${values.offices} offices, ${values.responses} ratings over ${values.months} months…`);
  const r = spawnSync(
    'npx',
    ['tsx', 'scripts/seed.ts', '--db', values.db, '--fresh', '--offices', values.offices, '--responses', values.responses, '--months', values.months],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (r.status !== 0) throw new Error('seeding failed');
}

/** One period and sheets at every stage, written directly (bench set-up, not the app's path). */
function preparePeriod(db: Db, now: Date): { periodId: number; provincePath: string } {
  seedDemoEvaluationIfNone(db, { now });
  const sqlite = db.$client;
  const period = sqlite.prepare('select p.id, p.rubric, u.path from evaluation_periods p join units u on u.id = p.unit_id order by p.id limit 1').get() as { id: number; rubric: string; path: string };
  const sheets = (sqlite.prepare('select count(*) as n from evaluation_sheets where period_id = ?').get(period.id) as { n: number }).n;
  if (sheets === 0) {
    const rubric = RubricSchema.parse(JSON.parse(period.rubric));
    const manual = criteriaOf(rubric).filter((c) => c.criterion.kind === 'manual').map((c) => c.criterion);
    const offices = sqlite.prepare("select id from units where code is not null and active = 1 and path >= ? and path < ? order by id").all(period.path, `${period.path.slice(0, -1)}0`) as { id: number }[];
    const t = now.getTime();
    const insertSheet = sqlite.prepare(
      'insert into evaluation_sheets (period_id, unit_id, status, final_total_x100, final_class, updated_at) values (?, ?, ?, ?, ?, ?) returning id',
    );
    const insertScore = sqlite.prepare('insert into evaluation_scores (sheet_id, criterion_key, self_points_x100, review_points_x100, updated_at) values (?, ?, ?, ?, ?)');
    sqlite.transaction(() => {
      offices.forEach((o, i) => {
        const bucket = i % 6;
        if (bucket === 5) return;
        const status = bucket === 0 ? 'finalised' : bucket <= 2 ? 'reviewed' : 'self_assessed';
        const { id } = insertSheet.get(period.id, o.id, status, status === 'finalised' ? 8000 + (i % 1500) : null, status === 'finalised' ? 'Tốt' : null, t) as { id: number };
        for (const c of manual) {
          const max = Math.round(c.max * 100);
          const self = max - (i % 5) * 50;
          insertScore.run(id, c.key, self, status === 'self_assessed' ? null : self - 50, t);
        }
      });
    })();
  }
  return { periodId: period.id, provincePath: period.path };
}

async function main() {
  seed();
  const db = openDb(values.db);
  // TRANSITIONAL (issue 12): the dashboard reads inside loadResults go through the installed store.
  installStore(openSqliteStore(values.db));
  const now = new Date();
  const { periodId, provincePath } = preparePeriod(db, now);
  const viewer = { scopePath: provincePath };
  const run = async () => {
    const r = await loadResults(db, viewer, { periodId, query: {}, now });
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
  const responses = (db.$client.prepare('select count(*) as n from responses').get() as { n: number }).n;
  const summary = {
    when: now.toISOString(),
    day: dayKeyOf(now),
    db: values.db,
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
  db.$client.close();
  await closeStore();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
