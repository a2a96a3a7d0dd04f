/**
 * Officials benchmark (issue 14, "Benchmarks"): with 2M ratings and 10,000
 * officials, an official's figures page p95 ≤ 300 ms and its data reads
 * p95 ≤ 50 ms, flat from 200k to 2M. For each engine and size it
 *   a) takes the dashboard benchmark's kept database of that size
 *      (bench/dashboard/seed.ts: seeded there first when absent) and works on
 *      a COPY (a file copy, or `create database … template …`), never on the
 *      kept one;
 *   b) in a child process on the copy (measure.ts): migrates it, adds
 *      --officials officials over the offices that have counters, attributes
 *      the ratings at counters to them (set-based: each counter's official of
 *      the week), builds rollup_official_days/months in id steps (each step
 *      timed), then times each data read of the figures page and its loader
 *      for the busiest official and the median one over the dashboard
 *      benchmark's periods (p50/p95, CPU);
 *   c) times the page `/can-bo/<id>/ket-qua?…` on a production build
 *      (`next start` of --app-dir, bench/dashboard/http.ts) signed in as the
 *      demo assessor, unless --no-http;
 *   d) drops the copy, prints tables and writes bench/results/officials-<time>.md
 *      (+ .json), with the aims marked and the first size against the last.
 *
 *   npm run bench:officials -- [--engine sqlite|pg|both] [--sizes 200000,2000000] [--officials 10000]
 *       [--offices 300] [--months 24] [--db-dir /tmp/hailong-bench-dashboard] [--runs 60] [--warmup 5]
 *       [--http-runs 40] [--no-http] [--app-dir /tmp/bench-wt] [--port 3700] [--step 20000]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dayKeyOf } from '@/lib/indicators/periods';
import { copyKeptDb, engineLabel, parseEngines, pgDatabaseName, type BenchDb, type Engine, type PgServer } from '../lib/engines';
import { markdownTable } from '../lib/markdown';
import { runSizedBenchmark } from '../lib/sized-run';
import { printTable } from '../lib/table';
import { runHttp, type HttpRun, type PageResult } from '../dashboard/http';
import { CUSTOM_PERIODS, PERIOD_NAMES, periodsAt, type PeriodName } from '../dashboard/in-process';
import { ensureSeeded, keptPlace, type SeedInfo, type SeedPlan } from '../dashboard/seed';
import { ms, sizeLabel, sizeMb } from '../dashboard/stats';
import { ASSESSOR_LOGIN, LOADERS, type Measurement, type Setup, type Targets } from './shared';

const ROOT = path.resolve(__dirname, '..', '..');
const READ_AIM_MS = 50;
const PAGE_AIM_MS = 300;

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'sqlite' },
    sizes: { type: 'string', default: '200000,2000000' },
    officials: { type: 'string', default: '10000' },
    offices: { type: 'string', default: '300' },
    months: { type: 'string', default: '24' },
    'db-dir': { type: 'string', default: path.join(os.tmpdir(), 'hailong-bench-dashboard') },
    step: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '5' },
    'max-ms': { type: 'string', default: '4000' },
    'http-runs': { type: 'string', default: '40' },
    'http-warmup': { type: 'string', default: '3' },
    'no-http': { type: 'boolean', default: false },
    'app-dir': { type: 'string', default: '/tmp/bench-wt' },
    port: { type: 'string', default: '3700' },
  },
});
const num = (name: keyof typeof values) => {
  const n = Number(values[name]);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number (got ${values[name]})`);
  return n;
};
const ENGINES = parseEngines(values.engine);
const SIZES = String(values.sizes)
  .split(',')
  .map((s) => Number(s.trim()));
const OFFICIALS = num('officials');
const DB_DIR = path.resolve(String(values['db-dir']));
const PLAN: SeedPlan = { dbDir: DB_DIR, offices: num('offices'), months: num('months'), reseed: false };

type SizeResult = {
  engine: Engine;
  seed: SeedInfo;
  /** The copy the benchmark wrote to and measured (dropped at the end). */
  copy: string;
  copySeconds: number;
  setup: Setup;
  targets: Targets;
  measurements: Measurement[];
  http?: HttpRun;
  httpError?: string;
};

let measuring: ChildProcess | null = null;

async function measureInChild(db: BenchDb, now: Date): Promise<{ setup: Setup; targets: Targets; measurements: Measurement[] }> {
  const out = path.join(os.tmpdir(), `hailong-bench-officials-${process.pid}-${db.engine}.json`);
  fs.rmSync(out, { force: true });
  const tsx = require.resolve('tsx/cli', { paths: [ROOT] });
  const args = [tsx, 'bench/officials/measure.ts', '--out', out, '--now', now.toISOString(), '--officials', String(OFFICIALS), '--step', String(num('step'))];
  args.push('--runs', String(num('runs')), '--warmup', String(num('warmup')), '--max-ms', String(num('max-ms')));
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...db.env }, stdio: ['ignore', 'inherit', 'inherit'] });
  measuring = child;
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  measuring = null;
  if (code !== 0) throw new Error(`the in-process part on ${engineLabel(db.engine)} failed (exit ${code})`);
  try {
    return JSON.parse(fs.readFileSync(out, 'utf8')) as { setup: Setup; targets: Targets; measurements: Measurement[] };
  } finally {
    fs.rmSync(out, { force: true });
  }
}

function pageUrls(targets: Targets, now: Date): { page: string; url: string }[] {
  const periods = periodsAt(now);
  const query = (p: PeriodName) => (CUSTOM_PERIODS.includes(p) ? `?tu=${periods[p].from}&den=${periods[p].to}` : `?ky=${p}`);
  return PERIOD_NAMES.flatMap((p) => [
    { page: `figures page, busy official · ${p}`, url: `/can-bo/${targets.busy.id}/ket-qua${query(p)}` },
    { page: `figures page, median official · ${p}`, url: `/can-bo/${targets.median.id}/ket-qua${query(p)}` },
  ]);
}

async function runSize(engine: Engine, responses: number, stamp: string, now: Date): Promise<SizeResult> {
  const { seed, db: kept } = await ensureSeeded(PLAN, engine, responses);
  // `create database … template` needs the kept database to have no one connected.
  await kept.close();
  const place = keptPlace(PLAN, responses);
  const copyName = `officials-${responses}-o${PLAN.offices}-m${PLAN.months}-${process.pid}`;
  const t0 = performance.now();
  const db = await copyKeptDb(engine, place, { file: path.join(DB_DIR, `${copyName}.db`), database: pgDatabaseName(copyName), secretsDir: DB_DIR });
  const copySeconds = (performance.now() - t0) / 1000;
  try {
    console.log(`\n== ${engineLabel(engine)}, ${sizeLabel(responses)} ratings, ${OFFICIALS.toLocaleString('en-US')} officials: copy ${db.label} (${copySeconds.toFixed(1)} s)`);
    const measured = await measureInChild(db, now);
    const result: SizeResult = { engine, seed, copy: db.label, copySeconds, ...measured };
    if (!values['no-http']) {
      try {
        result.http = await runHttp({
          appDir: path.resolve(String(values['app-dir'])),
          port: num('port'),
          dbEnv: db.env,
          dbCpuSeconds: engine === 'pg' ? () => db.serverCpuSeconds() : undefined,
          logFile: path.join(os.tmpdir(), `hailong-bench-officials-${stamp}-${engine}-${responses}.log`),
          pages: pageUrls(measured.targets, now),
          runs: num('http-runs'),
          warmup: num('http-warmup'),
          login: ASSESSOR_LOGIN,
          onProgress: (p) => console.log(`  GET ${p.url}: ${p.stats ? `p50 ${ms(p.stats.p50)} p95 ${ms(p.stats.p95)} ms` : p.note}`),
        });
      } catch (err) {
        result.httpError = err instanceof Error ? err.message : String(err);
        console.error(`  HTTP part not run: ${result.httpError}`);
      }
    }
    return result;
  } finally {
    await db.drop();
  }
}

// ---------------------------------------------------------------------------
// Report

const aimOf = (what: string) => (LOADERS.includes(what) ? PAGE_AIM_MS : READ_AIM_MS);
const over = (p95: number, aim: number) => (p95 > aim ? ' ✗' : '');
const cell = (m: Measurement | undefined) => (m ? `${ms(m.stats.p50)} / ${ms(m.stats.p95)}${over(m.stats.p95, aimOf(m.what))}` : '–');
const pageCell = (p: PageResult | undefined) => (p?.stats ? `${ms(p.stats.p50)} / ${ms(p.stats.p95)}${over(p.stats.p95, PAGE_AIM_MS)}` : (p?.note ?? '–'));
const cpuCell = (own: number | undefined, dbMs: number | undefined) => (own === undefined ? '–' : dbMs === undefined ? ms(own) : `${ms(own)} + ${ms(dbMs)}`);
const find = (r: SizeResult, what: string, scope: string, period: PeriodName) => r.measurements.find((m) => m.what === what && m.scope === scope && m.period === period);
const title = (r: SizeResult) => `${engineLabel(r.engine)}, ${sizeLabel(r.seed.responses)} ratings`;
const combos = (r: SizeResult) => [...new Map(r.measurements.map((m) => [`${m.what}\u0000${m.scope}`, { what: m.what, scope: m.scope }])).values()];

function report(results: SizeResult[], stamp: string, now: Date, pgServer: PgServer | null): string {
  const lines: string[] = [];
  const cpu = os.cpus();
  lines.push(`# Officials benchmark ${stamp}`, '');
  lines.push(
    `Machine: ${cpu.length} × ${cpu[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, ` +
      `load average at the end ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' / ')} (take figures on a quiet machine).`,
    '',
    `Command: \`npm run bench:officials -- ${process.argv.slice(2).join(' ')}\`. In-process: ${num('runs')} runs after ${num('warmup')} warm-up ` +
      `(fewer when one item passed ${num('max-ms')} ms, at least 10), as the demo assessor (${ASSESSOR_LOGIN}); HTTP: ${num('http-runs')} sequential GETs after ` +
      `${num('http-warmup')} warm-up, signed in as ${ASSESSOR_LOGIN}. Cells are p50 / p95 in ms; ✗ marks a p95 over the aim ` +
      `(${READ_AIM_MS} ms per data read, ${PAGE_AIM_MS} ms per loader or page).`,
    '',
  );
  if (pgServer) {
    lines.push(
      `PostgreSQL: ${pgServer.version}; ${Object.entries(pgServer.settings)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}. CPU cells on PostgreSQL read "app + PostgreSQL".`,
      '',
    );
  }
  const periods = periodsAt(now);
  lines.push(`Periods (today ${dayKeyOf(now)}): ${PERIOD_NAMES.map((p) => `\`${p}\` ${periods[p].from}..${periods[p].to} (${periods[p].days} d)`).join(', ')}.`, '');

  lines.push('## Databases and set-up', '');
  const slowest = (r: SizeResult) => {
    const s = r.setup.steps.reduce((a, b) => (b.officialDaysMs + b.officialMonthsMs > a.officialDaysMs + a.officialMonthsMs ? b : a));
    return `${ms(s.officialDaysMs)} + ${ms(s.officialMonthsMs)} (ids ${s.from}..${s.to})`;
  };
  const sum = (r: SizeResult, k: 'officialDaysMs' | 'officialMonthsMs') => r.setup.steps.reduce((a, s) => a + s[k], 0) / 1000;
  lines.push(
    markdownTable(
      ['', ...results.map((r) => `${sizeLabel(r.seed.responses)} ${engineLabel(r.engine)}`)],
      [
        ['kept database (copied from)', ...results.map((r) => `\`${r.seed.where}\``)],
        ['copy (dropped at the end)', ...results.map((r) => `\`${r.copy}\` (${r.copySeconds.toFixed(1)} s)`)],
        ['ratings', ...results.map((r) => r.seed.responses)],
        ['opening the copy (migrations)', ...results.map((r) => `${r.setup.migrateSeconds.toFixed(1)} s`)],
        ['officials added / offices with counters', ...results.map((r) => `${r.setup.officials.toLocaleString('en-US')} / ${r.setup.officesWithCounters}`)],
        ['adding them', ...results.map((r) => `${r.setup.insertOfficialsSeconds.toFixed(1)} s`)],
        ['ratings attributed (at counters)', ...results.map((r) => `${r.setup.attributed.toLocaleString('en-US')} (${r.setup.attributeSeconds.toFixed(1)} s)`)],
        ['comments linked', ...results.map((r) => `${r.setup.linkedComments.toLocaleString('en-US')} (${r.setup.linkSeconds.toFixed(1)} s)`)],
        ['rollups: steps × ids', ...results.map((r) => `${r.setup.steps.length} × ${r.setup.rollupStep.toLocaleString('en-US')}`)],
        ['rollups: total (officialDays + officialMonths)', ...results.map((r) => `${r.setup.rollupSeconds.toFixed(1)} s (${sum(r, 'officialDaysMs').toFixed(1)} + ${sum(r, 'officialMonthsMs').toFixed(1)} s)`)],
        ['rollups: slowest step, ms (days + months)', ...results.map(slowest)],
        ['rollup_official_days / _months rows', ...results.map((r) => `${r.setup.rows.officialDays.toLocaleString('en-US')} / ${r.setup.rows.officialMonths.toLocaleString('en-US')}`)],
        ['VACUUM (ANALYZE) after', ...results.map((r) => (r.setup.vacuumSeconds !== undefined ? `${r.setup.vacuumSeconds.toFixed(1)} s` : '–'))],
        ['busy official (ratings in 365 d)', ...results.map((r) => `#${r.targets.busy.id} ${r.targets.busy.name}, ${r.targets.busy.office} (${r.targets.busy.responses365.toLocaleString('en-US')})`)],
        ['median official (ratings in 365 d)', ...results.map((r) => `#${r.targets.median.id} ${r.targets.median.name}, ${r.targets.median.office} (${r.targets.median.responses365.toLocaleString('en-US')})`)],
      ],
    ),
    '',
  );

  for (const r of results) {
    const withPg = r.measurements.some((m) => m.serverCpuMs !== undefined);
    lines.push(`## In-process, ${title(r)} (p50 / p95 ms)`, '');
    lines.push(
      markdownTable(
        ['read', 'official', ...PERIOD_NAMES, `CPU p50 365 d${withPg ? ' (app + PostgreSQL)' : ''}`, 'rows (365 d)'],
        combos(r).map(({ what, scope }) => {
          const y = find(r, what, scope, '365-ngay');
          return [LOADERS.includes(what) ? `**${what}**` : what, scope, ...PERIOD_NAMES.map((p) => cell(find(r, what, scope, p))), cpuCell(y?.cpu.p50, y?.serverCpuMs), y?.rows ?? '–'];
        }),
      ),
      '',
    );
  }
  for (const r of results.filter((x) => x.http)) {
    lines.push(`## Pages, ${title(r)} (build ${r.http!.buildId}; server RSS peak ${sizeMb(r.http!.rss.peakBytes)})`, '');
    lines.push(
      markdownTable(
        ['page', 'URL', 'runs', 'p50 / p95 ms', 'max ms', 'server CPU ms / request', 'HTML KB'],
        r.http!.pages.map((p) => [p.page, `\`${p.url}\``, p.stats?.n ?? 0, pageCell(p), p.stats ? ms(p.stats.max) : '–', cpuCell(p.serverCpuMs, p.dbCpuMs), (p.bytes / 1024).toFixed(0)]),
      ),
      '',
    );
  }
  for (const r of results) if (r.httpError) lines.push(`HTTP part on ${title(r)} not run: ${r.httpError}`, '');

  // Flat from the first size to the last, engine by engine.
  for (const engine of [...new Set(results.map((r) => r.engine))]) {
    const mine = results.filter((r) => r.engine === engine);
    if (mine.length < 2) continue;
    const [a, b] = [mine[0]!, mine[mine.length - 1]!];
    const [la, lb] = [sizeLabel(a.seed.responses), sizeLabel(b.seed.responses)];
    lines.push(`## ${engineLabel(engine)}: ${la} against ${lb}, p95 ms and the ratio`, '');
    const rows: (string | number)[][] = [];
    for (const { what, scope } of combos(b)) {
      for (const p of ['30-ngay', '365-ngay'] as PeriodName[]) {
        const [ma, mb] = [find(a, what, scope, p), find(b, what, scope, p)];
        if (ma && mb) rows.push([what, scope, p, ms(ma.stats.p95), ms(mb.stats.p95), `${(mb.stats.p95 / ma.stats.p95).toFixed(2)}×`, `${(mb.cpu.p50 / ma.cpu.p50).toFixed(2)}×`]);
      }
    }
    for (const pb of b.http?.pages ?? []) {
      const pa = a.http?.pages.find((x) => x.page === pb.page);
      if (pa?.stats && pb.stats) rows.push([`GET ${pb.page}`, '', '', ms(pa.stats.p95), ms(pb.stats.p95), `${(pb.stats.p95 / pa.stats.p95).toFixed(2)}×`, '–']);
    }
    lines.push(markdownTable(['read or page', 'official', 'period', `p95 ${la}`, `p95 ${lb}`, `p95 ${lb} / ${la}`, 'CPU p50 ratio'], rows), '');
  }

  const misses: string[] = [];
  for (const r of results) {
    for (const m of r.measurements) if (m.stats.p95 > aimOf(m.what)) misses.push(`${title(r)} · ${m.what} · ${m.scope} · ${m.period}: p95 ${ms(m.stats.p95)} ms`);
    for (const p of r.http?.pages ?? []) if (p.stats && p.stats.p95 > PAGE_AIM_MS) misses.push(`${title(r)} · GET ${p.url}: p95 ${ms(p.stats.p95)} ms`);
  }
  lines.push('## Over the aims', '', ...(misses.length ? misses.map((m) => `- ${m}`) : ['none']), '');
  return lines.join('\n');
}

function printConsoleTables(results: SizeResult[]) {
  for (const r of results) {
    printTable(
      `In-process, ${title(r)}, ${r.setup.officials.toLocaleString('en-US')} officials — p50 / p95 ms (✗ over the aim)`,
      ['read', 'official', ...PERIOD_NAMES],
      combos(r).map(({ what, scope }) => [what, scope, ...PERIOD_NAMES.map((p) => cell(find(r, what, scope, p)))]),
    );
    if (r.http) {
      printTable(
        `Pages, ${title(r)}`,
        ['page', 'p50 / p95 ms', 'max ms', 'server CPU ms'],
        r.http.pages.map((p) => [p.page, pageCell(p), p.stats ? ms(p.stats.max) : '–', cpuCell(p.serverCpuMs, p.dbCpuMs)]),
      );
    }
  }
}

runSizedBenchmark({
  name: 'officials',
  engines: ENGINES,
  sizes: SIZES,
  measuring: () => measuring,
  runSize,
  print: printConsoleTables,
  report,
});
