/**
 * Public results benchmark (issue 15, docs/decisions/028): server time of
 * /cong-khai and its stable addresses, open data and badge for a province of
 * 3,500 offices, on the production build. Aim: p95 ≤ 100 ms.
 *
 *   npm run build && npm run bench:public -- [--engine sqlite|pg] [--offices 3500] [--responses 200000] [--months 9]
 *       [--db /tmp/hailong-bench-public/public-3500.db] [--reseed] [--runs 200]
 *
 * The database is seeded once with scripts/seed.ts (--offices adds sample
 * communes) and kept for the next run (--reseed makes it again); then the
 * last ended quarter is published through the app's own publishing path
 * (server/publishing.ts computeFigures, db/queries/publishing.ts
 * createPublication), and the year before with a classification for every
 * office (bench set-up: no evaluation sheets are needed to time the pages).
 * Each address is then fetched `--runs` times one after the other, from the
 * request to the last body byte; the first fetch of each (the publication's
 * figures read into the cache) is reported apart as "cold".
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ms, statsOf, type Stats } from '../dashboard/stats';
import { createBenchDb, engineLabel, existingPgBenchDb, parseEngines, seedBenchDb, type BenchDb, type Engine } from '../lib/engines';
import { beginRun, findFreePort, startAppOn, stopProcess, writeResults } from '../lib/processes';
import { printTable } from '../lib/table';

const AIM_MS = 100;

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'sqlite' },
    db: { type: 'string', default: '/tmp/hailong-bench-public/public-3500.db' },
    'database-url': { type: 'string' },
    offices: { type: 'string', default: '3500' },
    responses: { type: 'string', default: '200000' },
    months: { type: 'string', default: '9' },
    reseed: { type: 'boolean', default: false },
    runs: { type: 'string', default: '200' },
  },
});
const [ENGINE] = parseEngines(values.engine) as [Engine];
const RUNS = Number(values.runs);
if (!Number.isInteger(RUNS) || RUNS < 10) throw new Error('--runs must be an integer ≥ 10');

async function openDb(): Promise<BenchDb> {
  if (ENGINE === 'pg') {
    const url = values['database-url'];
    return url ? existingPgBenchDb(url) : createBenchDb('pg', `public_${values.offices}_${values.responses}_${values.months}`, '', { keep: true });
  }
  const file = path.resolve(values.db);
  if (!file.endsWith('.db')) throw new Error('--db names a file ending in .db');
  return createBenchDb('sqlite', path.basename(file, '.db'), path.dirname(file), { keep: true });
}

/** The last ended quarter and the year before this one, published through the app's own path unless they are already live. */
async function publish(db: BenchDb, now: Date): Promise<{ quarter: string; year: string; offices: number; seconds: number }> {
  Object.assign(process.env, db.env);
  const { closeStore, transaction, withConn } = await import('@/db/store');
  const { createPublication, getLivePublication } = await import('@/db/queries/publishing');
  const { computeFigures } = await import('@/server/publishing');
  const { dayKeyOf } = await import('@/lib/indicators/periods');
  const { quarterPeriod, yearPeriodKey } = await import('@/lib/publishing/publication');
  const today = dayKeyOf(now);
  const y = Number(today.slice(0, 4));
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const quarter = q === 1 ? quarterPeriod(y - 1, 4) : quarterPeriod(y, (q - 1) as 1 | 2 | 3);
  const year = yearPeriodKey(y - 1);
  const province = (await withConn((c) => c.get<{ id: number; path: string; name: string }>('select id, path, name from units where parent_id is null order by id limit 1')))!;
  const userId = (await withConn((c) => c.value<number>("select id from users where role = 'assessor' order by id limit 1"))) ?? null;
  const t0 = performance.now();
  let offices = 0;
  for (const p of [quarter, year]) {
    if (await getLivePublication({ provinceId: province.id, kind: p.kind, periodKey: p.key })) continue;
    const classes = ['Xuất sắc', 'Tốt', 'Khá', 'Đạt'];
    const ids = await withConn((c) => c.all<{ id: number }>('select id from units where code is not null'));
    const evaluation = p.kind === 'year' ? new Map(ids.map(({ id }, i) => [id, { totalX100: 9500 - (i % 40) * 100, finalClass: classes[i % 4]! }])) : null;
    const figures = await computeFigures(province, p, evaluation);
    offices = figures.length - 1;
    await transaction(() => createPublication({ provinceId: province.id, kind: p.kind, periodKey: p.key, evaluationPeriodId: null, publishedBy: userId!, now, figures }));
  }
  const seconds = (performance.now() - t0) / 1000;
  if (!offices) offices = Number(await withConn((c) => c.value<number>('select count(*) from units where code is not null')));
  await closeStore();
  return { quarter: quarter.key, year: year.key, offices, seconds };
}

async function timeGet(url: string): Promise<{ ms: number; status: number; bytes: number }> {
  const t0 = performance.now();
  const res = await fetch(url);
  const body = await res.arrayBuffer();
  return { ms: performance.now() - t0, status: res.status, bytes: body.byteLength };
}

async function main() {
  const run = beginRun('public');
  const db = await openDb();
  const seedSeconds = await seedBenchDb(db, { responses: Number(values.responses), offices: Number(values.offices), months: Number(values.months), reseed: values.reseed });
  const published = await publish(db, new Date());
  const code = (await db.rows<{ code: string }>("select code from units where code is not null and active = true and name like 'Xã Mẫu%' order by id desc limit 1"))[0]?.code
    ?? (await db.rows<{ code: string }>('select code from units where code is not null order by id desc limit 1'))[0]!.code;
  const port = await findFreePort(3860, 3899);
  const app = await startAppOn(db, { port, work: run.work, logFile: path.join(run.work, 'app.log') });
  const base = `http://127.0.0.1:${port}`;
  const q = published.quarter;
  const pages = [
    { name: 'overview', path: '/cong-khai' },
    { name: 'overview (English)', path: '/cong-khai?lang=en' },
    { name: 'quarter, page 1', path: `/cong-khai/${q}` },
    { name: 'quarter, page 20', path: `/cong-khai/${q}?trang=20` },
    { name: 'year, page 1', path: `/cong-khai/${published.year}` },
    { name: 'office', path: `/cong-khai/${q}/${code}` },
    { name: 'badge (SVG)', path: `/cong-khai/${q}/${code}/huy-hieu.svg` },
    { name: 'open data (CSV)', path: `/cong-khai/${q}/du-lieu.csv` },
    { name: 'open data (JSON)', path: `/cong-khai/${q}/du-lieu.json` },
  ];
  const results: { name: string; path: string; coldMs: number; bytes: number; stats: Stats }[] = [];
  try {
    for (const p of pages) {
      const cold = await timeGet(base + p.path);
      if (cold.status !== 200) throw new Error(`${p.path}: HTTP ${cold.status} (see ${app.logFile})`);
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) times.push((await timeGet(base + p.path)).ms);
      results.push({ name: p.name, path: p.path, coldMs: cold.ms, bytes: cold.bytes, stats: statsOf(times) });
    }
  } finally {
    await stopProcess(app);
    await db.close();
  }

  printTable(
    `Public results on ${engineLabel(ENGINE)}: ${published.offices.toLocaleString('en-US')} offices, ${RUNS} sequential GETs per address after one cold GET (aim p95 ≤ ${AIM_MS} ms)`,
    ['address', 'path', 'bytes', 'cold', 'p50', 'p95', 'max', 'aim'],
    results.map((r) => [r.name, r.path.replace(code, '<code>'), r.bytes.toLocaleString('en-US'), ms(r.coldMs), ms(r.stats.p50), ms(r.stats.p95), ms(r.stats.max), r.stats.p95 <= AIM_MS ? 'met' : 'MISSED']),
  );
  console.log(`published ${published.quarter} and ${published.year} in ${published.seconds.toFixed(1)} s (${published.offices} offices); load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const out = writeResults('public', run.stamp, run.build, {
    engine: ENGINE,
    db: db.label,
    seedSeconds,
    offices: published.offices,
    responses: Number(values.responses),
    published,
    runs: RUNS,
    aimMs: AIM_MS,
    loadAverage: os.loadavg(),
    results,
  });
  console.log(`wrote ${out}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
