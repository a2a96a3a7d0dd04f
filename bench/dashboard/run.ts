/**
 * Dashboard benchmark (issues 4 and 12): seeds a database per engine and size
 * (default 200,000 and 2,000,000 ratings, ≥ 300 offices, 24 months), then
 *   a) times every data query of db/queries/dashboard.ts and the loaders of
 *      server/dashboard.ts, for one busy office, one median office and the
 *      whole province, over five periods (measure.ts, a process per database:
 *      the engine is fixed when db/schema.ts loads);
 *   b) times full page renders of the unit dashboard and the province view
 *      on a production build (`next start` of a copy, see http.ts) on that
 *      database;
 *   c) prints a table per engine and size, and writes
 *      bench/results/dashboard-<time>.md (+ .json), with SQLite and
 *      PostgreSQL side by side at each size when both ran.
 *
 *   npm run bench:dashboard -- [--engine sqlite|pg|both] [--sizes 200000,2000000] [--offices 300] [--months 24]
 *       [--db-dir /tmp/hailong-bench-dashboard] [--reseed] [--runs 60] [--warmup 5]
 *       [--http-runs 40] [--no-http] [--no-in-process] [--app-dir /tmp/bench-wt] [--port 3700]
 *       [--in-process-from bench/results/dashboard-<time>.json]
 *
 * Seeded databases are kept and reused when their size, offices and months
 * match; --reseed makes them again. SQLite: files in --db-dir (outside git)
 * with a .json beside each. PostgreSQL (`--engine pg|both`, on the server of
 * BENCH_DATABASE_URL or TEST_DATABASE_URL, an administrator URL): databases
 * `hl_bench_dash_<ratings>_o<offices>_m<months>`, never dropped by the
 * benchmark, each with its record as the database's comment (bench/README.md
 * says how to list and drop them). Seeding 2M takes a few minutes. Periods
 * are relative to the time the benchmark runs: reuse databases seeded the
 * same day. --in-process-from takes part (a) from an earlier run's JSON (same
 * engines and sizes), to redo only the pages after the app changed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROLLUP_TABLES } from '@/db/queries/rollups';
import { dayKeyOf } from '@/lib/indicators/periods';
import { engineLabel, parseEngines, type BenchDb, type Engine, type PgServer } from '../lib/engines';
import { markdownTable } from '../lib/markdown';
import { runSizedBenchmark } from '../lib/sized-run';
import { printTable } from '../lib/table';
import { runHttp, type HttpRun, type PageResult } from './http';
import { CUSTOM_PERIODS, LOADERS, PERIOD_NAMES, periodsAt, type Measurement, type PeriodName, type pickTargets } from './in-process';
import { ensureSeeded as ensureSeededWith, fileSize, type SeedInfo } from './seed';
import { ms, sizeLabel, sizeMb } from './stats';

const ROOT = path.resolve(__dirname, '..', '..');
const RESULTS_DIR = path.join(ROOT, 'bench', 'results');
const QUERY_AIM_MS = 50;
const PAGE_AIM_MS = 300;

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'sqlite' },
    sizes: { type: 'string', default: '200000,2000000' },
    offices: { type: 'string', default: '300' },
    months: { type: 'string', default: '24' },
    'db-dir': { type: 'string', default: path.join(os.tmpdir(), 'hailong-bench-dashboard') },
    reseed: { type: 'boolean', default: false },
    runs: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '5' },
    'max-ms': { type: 'string', default: '4000' },
    'http-runs': { type: 'string', default: '40' },
    'http-warmup': { type: 'string', default: '3' },
    'no-http': { type: 'boolean', default: false },
    'no-in-process': { type: 'boolean', default: false },
    'app-dir': { type: 'string', default: '/tmp/bench-wt' },
    port: { type: 'string', default: '3700' },
    'in-process-from': { type: 'string' },
  },
});
const num = (name: keyof typeof values) => {
  const n = Number(values[name]);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number (got ${values[name]})`);
  return n;
};
const ENGINES = parseEngines(values.engine);
const SIZES = String(values.sizes).split(',').map((s) => Number(s.trim()));
const OFFICES = num('offices');
const MONTHS = num('months');
const DB_DIR = path.resolve(String(values['db-dir']));
const APP_DIR = path.resolve(String(values['app-dir']));
const PORT = num('port');

// ---------------------------------------------------------------------------
// Seeding: seed.ts (shared with bench/officials)

const seedPlan = { dbDir: DB_DIR, offices: OFFICES, months: MONTHS, reseed: Boolean(values.reseed) };
const ensureSeeded = (engine: Engine, responses: number) => ensureSeededWith(seedPlan, engine, responses);

// ---------------------------------------------------------------------------
// One engine at one size

type Targets = Awaited<ReturnType<typeof pickTargets>>;

type SizeResult = {
  engine: Engine;
  seed: SeedInfo;
  rows: Record<string, number>;
  targets?: Targets;
  measurements: Measurement[];
  /** The JSON file part (a) was taken from, when not measured in this run. */
  inProcessFrom?: string;
  http?: HttpRun;
  httpError?: string;
  /** The data's bytes after the run: file (and -wal) on SQLite, pg_database_size on PostgreSQL. */
  after: { dbBytes: number; walBytes?: number };
};

/** Older JSON (before PostgreSQL) has no engine: SQLite. */
const engineOf = (r: { engine?: Engine }): Engine => r.engine ?? 'sqlite';

async function countRows(db: BenchDb): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['responses', 'answers', ...ROLLUP_TABLES]) out[t] = await db.scalar(`select count(*) from ${t}`);
  out.offices = await db.scalar('select count(*) from units where code is not null and active = true');
  return out;
}

let measuring: ChildProcess | null = null;

/** Part (a) in a process on the database's environment (measure.ts); only the targets with `targetsOnly`. */
async function measureInChild(db: BenchDb, now: Date, targetsOnly: boolean): Promise<{ targets: Targets; measurements: Measurement[] }> {
  const out = path.join(os.tmpdir(), `hailong-bench-dashboard-${process.pid}-${db.engine}.json`);
  fs.rmSync(out, { force: true });
  const tsx = require.resolve('tsx/cli', { paths: [ROOT] });
  const args = [tsx, 'bench/dashboard/measure.ts', '--out', out, '--now', now.toISOString()];
  if (targetsOnly) args.push('--targets-only');
  else args.push('--runs', String(num('runs')), '--warmup', String(num('warmup')), '--max-ms', String(num('max-ms')));
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...db.env }, stdio: ['ignore', 'inherit', 'inherit'] });
  measuring = child;
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  measuring = null;
  if (code !== 0) throw new Error(`the in-process part on ${engineLabel(db.engine)} failed (exit ${code})`);
  try {
    return JSON.parse(fs.readFileSync(out, 'utf8')) as { targets: Targets; measurements: Measurement[] };
  } finally {
    fs.rmSync(out, { force: true });
  }
}

function pageUrls(targets: Targets, now: Date): { page: string; url: string }[] {
  const periods = periodsAt(now);
  const query = (p: PeriodName) => (CUSTOM_PERIODS.includes(p) ? `?tu=${periods[p].from}&den=${periods[p].to}` : `?ky=${p}`);
  const out: { page: string; url: string }[] = [];
  for (const p of PERIOD_NAMES) {
    out.push({ page: `unit dashboard, busy office · ${p}`, url: `/thong-ke/don-vi/${targets.busy.id}${query(p)}` });
    out.push({ page: `unit dashboard, median office · ${p}`, url: `/thong-ke/don-vi/${targets.median.id}${query(p)}` });
    out.push({ page: `province view · ${p}`, url: `/thong-ke${query(p)}` });
    // Not asked for by the issue, but one click away for an administrator: the province's own dashboard.
    out.push({ page: `unit dashboard, province unit · ${p}`, url: `/thong-ke/don-vi/${targets.province.id}${query(p)}` });
  }
  return out;
}

async function runSize(engine: Engine, responses: number, stamp: string, now: Date): Promise<SizeResult> {
  const { seed, db } = await ensureSeeded(engine, responses);
  try {
    const rows = await countRows(db);
    const result: SizeResult = { engine, seed, rows, measurements: [], after: { dbBytes: 0 } };
    const wal = engine === 'sqlite' ? `, wal ${sizeMb(seed.walBytes ?? 0)} after seeding (peak ${sizeMb(seed.peakWalBytes ?? 0)})` : '';
    console.log(
      `\n== ${engineLabel(engine)}, ${sizeLabel(responses)}: ${rows.responses!.toLocaleString('en-US')} ratings, ${rows.offices} offices, ` +
        `${engine === 'sqlite' ? 'db' : 'database'} ${sizeMb(seed.dbBytes)}${wal} (${db.label})`,
    );

    const from = values['in-process-from'];
    const earlier = from
      ? (JSON.parse(fs.readFileSync(String(from), 'utf8')) as { results: SizeResult[] }).results.find(
          (r) => engineOf(r) === engine && r.seed.responses === responses && r.measurements.length > 0,
        )
      : undefined;
    if (from && !earlier) throw new Error(`no in-process figures for ${engineLabel(engine)} at ${responses} in ${from}`);
    if (earlier) {
      result.targets = earlier.targets;
      result.measurements = earlier.measurements;
      result.inProcessFrom = String(from);
    } else {
      const measured = await measureInChild(db, now, Boolean(values['no-in-process']));
      result.targets = measured.targets;
      result.measurements = measured.measurements;
    }

    if (!values['no-http']) {
      try {
        result.http = await runHttp({
          appDir: APP_DIR,
          port: PORT,
          dbEnv: db.env,
          dbCpuSeconds: () => db.serverCpuSeconds(),
          logFile: path.join(RESULTS_DIR, `dashboard-${stamp}-logs`, `next-${engine}-${sizeLabel(responses)}.log`),
          pages: pageUrls(result.targets!, now),
          runs: num('http-runs'),
          warmup: num('http-warmup'),
          onProgress: (r) =>
            console.log(
              `  GET ${r.url}: ${
                r.stats
                  ? `p50 ${ms(r.stats.p50)} p95 ${ms(r.stats.p95)} ms, server CPU ${ms(r.serverCpuMs ?? NaN)} ms/request` +
                    `${r.dbCpuMs !== undefined ? ` + PostgreSQL ${ms(r.dbCpuMs)}` : ''}, ${(r.bytes / 1024).toFixed(0)} KB`
                  : r.note
              }`,
            ),
        });
      } catch (err) {
        result.httpError = err instanceof Error ? err.message : String(err);
        console.error(`  HTTP part skipped: ${result.httpError}`);
      }
    }
    result.after = engine === 'sqlite' ? { dbBytes: await db.sizeBytes(), walBytes: fileSize(`${seed.where}-wal`) } : { dbBytes: await db.sizeBytes() };
    return result;
  } finally {
    await db.close();
  }
}

// ---------------------------------------------------------------------------
// Report

const find = (r: SizeResult, what: string, scope: string, period: PeriodName) =>
  r.measurements.find((m) => m.what === what && m.scope === scope && m.period === period);

type Combo = { what: string; scope: Measurement['scope'] };

const combos = (...rs: SizeResult[]) => {
  const seen = new Set<string>();
  const out: Combo[] = [];
  for (const r of rs) {
    for (const m of r.measurements) {
      const k = `${m.what}\u0000${m.scope}`;
      if (!seen.has(k)) {
        seen.add(k);
        out.push({ what: m.what, scope: m.scope });
      }
    }
  }
  return out;
};

const aimOf = (what: string) => (LOADERS.includes(what) ? PAGE_AIM_MS : QUERY_AIM_MS);
const cell = (m: Measurement | undefined) => (m ? `${ms(m.stats.p50)} / ${ms(m.stats.p95)}${m.stats.p95 > aimOf(m.what) ? ' ✗' : ''}` : '–');
const p95Cell = (m: Measurement | undefined) => (m ? `${ms(m.stats.p95)}${m.stats.p95 > aimOf(m.what) ? ' ✗' : ''}` : '–');
const pageCell = (p: PageResult | undefined) => (p?.stats ? `${ms(p.stats.p50)} / ${ms(p.stats.p95)}${p.stats.p95 > PAGE_AIM_MS ? ' ✗' : ''}` : (p?.note ?? '–'));
/** The CPU a read or page cost: the app's (this process or the server), plus PostgreSQL's backends where measured. */
const cpuCell = (own: number | undefined, db: number | undefined) => (own === undefined ? '–' : db === undefined ? ms(own) : `${ms(own)} + ${ms(db)}`);
const engineName = (r: SizeResult) => engineLabel(engineOf(r));
const title = (r: SizeResult) => `${engineName(r)}, ${sizeLabel(r.seed.responses)} ratings`;



function report(results: SizeResult[], stamp: string, now: Date, pgServer: PgServer | null): string {
  const lines: string[] = [];
  const cpu = os.cpus();
  const engines = [...new Set(results.map(engineOf))];
  lines.push(`# Dashboard benchmark ${stamp}`, '');
  lines.push(
    `Machine: ${cpu.length} × ${cpu[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, ` +
      `load average at the end ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} (other sessions share the machine).`,
    '',
    `Command: \`npm run bench:dashboard -- ${process.argv.slice(2).join(' ')}\`. In-process: ${num('runs')} runs after ${num('warmup')} warm-up ` +
      `(fewer when one item passed ${num('max-ms')} ms, at least 10); HTTP: ${num('http-runs')} sequential GETs after ${num('http-warmup')} warm-up. ` +
      `Cells are p50 / p95 in ms; ✗ marks a p95 over the aim (${QUERY_AIM_MS} ms per data query, ${PAGE_AIM_MS} ms per loader or page).`,
    '',
  );
  if (pgServer) {
    lines.push(
      `PostgreSQL: ${pgServer.version}; ${Object.entries(pgServer.settings)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}. It runs on the same cores as the app and the benchmark. ` +
        'CPU cells on PostgreSQL read "app + PostgreSQL": the Node process\'s CPU, then its backends\' (/proc), per call or request.',
      '',
    );
  }
  const today = dayKeyOf(now);
  const periods = periodsAt(now);
  lines.push(
    `Periods (today ${today}): ${PERIOD_NAMES.map((p) => `\`${p}\` ${periods[p].from}..${periods[p].to} (${periods[p].days} d)`).join(', ')}.`,
    '',
  );

  lines.push('## Databases', '');
  const dash = (r: SizeResult, f: (r: SizeResult) => string) => (engineOf(r) === 'sqlite' ? f(r) : '–');
  lines.push(
    markdownTable(
      ['', ...results.map((r) => `${sizeLabel(r.seed.responses)} ${engineName(r)}`)],
      [
        ['database', ...results.map((r) => `\`${r.seed.where}\``)],
        ['ratings', ...results.map((r) => r.rows.responses!)],
        ['answers', ...results.map((r) => r.rows.answers!)],
        ['active rateable offices', ...results.map((r) => r.rows.offices!)],
        ...ROLLUP_TABLES.map((t) => [`${t} rows`, ...results.map((r) => r.rows[t]!)]),
        [
          'seeding time',
          ...results.map(
            (r) =>
              `${r.seed.seconds.toFixed(0)} s${r.seed.vacuumSeconds !== undefined ? ` + VACUUM (ANALYZE) ${r.seed.vacuumSeconds.toFixed(0)} s` : ''}` +
              `${r.seed.reused ? ` (seeded ${r.seed.seededAt.slice(0, 16)})` : ''}`,
          ),
        ],
        ['data after seeding (SQLite: the file; PostgreSQL: pg_database_size)', ...results.map((r) => sizeMb(r.seed.dbBytes))],
        ['-wal: peak while seeding / after', ...results.map((r) => dash(r, (x) => `${sizeMb(x.seed.peakWalBytes ?? 0)} / ${sizeMb(x.seed.walBytes ?? 0)}`))],
        [
          'data after the benchmark (SQLite: db / -wal)',
          ...results.map((r) => (engineOf(r) === 'sqlite' ? `${sizeMb(r.after.dbBytes)} / ${sizeMb(r.after.walBytes ?? 0)}` : sizeMb(r.after.dbBytes))),
        ],
        [
          'busy office (ratings in 365 d)',
          ...results.map((r) => (r.targets ? `#${r.targets.busy.id} ${r.targets.busy.name} (${r.targets.busy.responses365.toLocaleString('en-US')})` : '–')),
        ],
        [
          'median office (ratings in 365 d)',
          ...results.map((r) => (r.targets ? `#${r.targets.median.id} ${r.targets.median.name} (${r.targets.median.responses365.toLocaleString('en-US')})` : '–')),
        ],
      ],
    ),
    '',
  );

  const sizes = [...new Set(results.map((r) => r.seed.responses))];
  const at = (engine: Engine, size: number) => results.find((r) => engineOf(r) === engine && r.seed.responses === size);

  // SQLite and PostgreSQL side by side, size by size.
  if (engines.length >= 2) {
    for (const size of sizes) {
      const [a, b] = [at(engines[0]!, size), at(engines[1]!, size)];
      if (!a || !b) continue;
      const [na, nb] = [engineName(a), engineName(b)];
      if (a.measurements.length && b.measurements.length) {
        lines.push(`## ${na} and ${nb} side by side, ${sizeLabel(size)} ratings: data queries, p95 ms (${na} / ${nb})`, '');
        lines.push(
          markdownTable(
            ['query', 'scope', ...PERIOD_NAMES, `CPU p50 365 d: ${na} / ${nb}`, `${nb} / ${na}, p95 365 d`],
            combos(a, b).map(({ what, scope }) => {
              const [ya, yb] = [find(a, what, scope, '365-ngay'), find(b, what, scope, '365-ngay')];
              return [
                LOADERS.includes(what) ? `**${what}**` : what,
                scope,
                ...PERIOD_NAMES.map((p) => `${p95Cell(find(a, what, scope, p))} / ${p95Cell(find(b, what, scope, p))}`),
                `${cpuCell(ya?.cpu.p50, ya?.serverCpuMs)} / ${cpuCell(yb?.cpu.p50, yb?.serverCpuMs)}`,
                ya && yb ? `${(yb.stats.p95 / ya.stats.p95).toFixed(2)}×` : '–',
              ];
            }),
          ),
          '',
        );
      }
      if (a.http && b.http) {
        lines.push(`### Pages side by side, ${sizeLabel(size)} ratings: p50 / p95 ms`, '');
        lines.push(
          markdownTable(
            ['page', na, nb, `p95 ${nb} / ${na}`, `server CPU ms / request: ${na} / ${nb}`],
            a.http.pages.map((pa) => {
              const pb = b.http!.pages.find((x) => x.page === pa.page);
              return [
                pa.page,
                pageCell(pa),
                pageCell(pb),
                pa.stats && pb?.stats ? `${(pb.stats.p95 / pa.stats.p95).toFixed(2)}×` : '–',
                `${cpuCell(pa.serverCpuMs, pa.dbCpuMs)} / ${cpuCell(pb?.serverCpuMs, pb?.dbCpuMs)}`,
              ];
            }),
          ),
          '',
        );
      }
    }
  }

  for (const r of results) {
    if (r.measurements.length === 0) continue;
    lines.push(`## In-process, ${title(r)} (p50 / p95 ms)${r.inProcessFrom ? ` — from ${path.basename(r.inProcessFrom)}` : ''}`, '');
    const withPg = r.measurements.some((m) => m.serverCpuMs !== undefined);
    lines.push(
      markdownTable(
        ['query', 'scope', ...PERIOD_NAMES, `CPU p50 30 d / 365 d${withPg ? ' (app + PostgreSQL)' : ''}`, 'rows (365 d)'],
        combos(r).map(({ what, scope }) => {
          const [m30, m365] = [find(r, what, scope, '30-ngay'), find(r, what, scope, '365-ngay')];
          return [
            LOADERS.includes(what) ? `**${what}**` : what,
            scope,
            ...PERIOD_NAMES.map((p) => cell(find(r, what, scope, p))),
            `${cpuCell(m30?.cpu.p50 ?? NaN, m30?.serverCpuMs)} / ${cpuCell(m365?.cpu.p50 ?? NaN, m365?.serverCpuMs)}`,
            m365?.rows ?? '–',
          ];
        }),
      ),
      '',
    );
  }

  for (const r of results.filter((x) => x.http)) {
    const withPg = r.http!.pages.some((p) => p.dbCpuMs !== undefined);
    lines.push(`## Page renders, ${title(r)} (build ${r.http!.buildId}; server RSS peak ${sizeMb(r.http!.rss.peakBytes)})`, '');
    lines.push(
      markdownTable(
        ['page', 'URL', 'runs', 'p50 ms', 'p95 ms', 'max ms', `server CPU ms / request${withPg ? ' (app + PostgreSQL)' : ''}`, 'HTML KB'],
        r.http!.pages.map((p) => [
          p.page,
          `\`${p.url}\``,
          p.stats?.n ?? 0,
          p.stats ? ms(p.stats.p50) : (p.note ?? '–'),
          p.stats ? `${ms(p.stats.p95)}${p.stats.p95 > PAGE_AIM_MS ? ' ✗' : ''}` : '–',
          p.stats ? ms(p.stats.max) : '–',
          cpuCell(p.serverCpuMs, p.dbCpuMs),
          (p.bytes / 1024).toFixed(0),
        ]),
      ),
      '',
    );
  }
  for (const r of results) if (r.httpError) lines.push(`HTTP part on ${title(r)} not run: ${r.httpError}`, '');

  // Growth with the number of ratings, engine by engine: the first size against the last.
  for (const engine of engines) {
    const mine = results.filter((r) => engineOf(r) === engine);
    if (mine.length < 2) continue;
    const [a, b] = [mine[0]!, mine[mine.length - 1]!];
    const [la, lb] = [sizeLabel(a.seed.responses), sizeLabel(b.seed.responses)];
    const name = engineLabel(engine);
    if (a.measurements.length && b.measurements.length) {
      lines.push(`## ${name}: ${la} against ${lb}, p95 ms and the ratio`, '');
      const rows: (string | number)[][] = [];
      for (const { what, scope } of combos(b)) {
        for (const p of ['30-ngay', '365-ngay'] as PeriodName[]) {
          const [ma, mb] = [find(a, what, scope, p), find(b, what, scope, p)];
          if (!ma || !mb) continue;
          rows.push([
            what,
            scope,
            p,
            ms(ma.stats.p95),
            ms(mb.stats.p95),
            `${(mb.stats.p95 / ma.stats.p95).toFixed(2)}×`,
            `${ms(ma.cpu.p50)} / ${ms(mb.cpu.p50)}`,
            `${(mb.cpu.p50 / ma.cpu.p50).toFixed(2)}×`,
          ]);
        }
      }
      lines.push(
        markdownTable(['query', 'scope', 'period', `p95 ${la}`, `p95 ${lb}`, `p95 ${lb} / ${la}`, `app CPU p50 ${la} / ${lb}`, 'CPU ratio'], rows),
        '',
      );
    }
    if (a.http && b.http) {
      lines.push(`### ${name}: pages, ${la} against ${lb}`, '');
      const rows = b.http.pages.map((pb) => {
        const pa = a.http!.pages.find((x) => x.page === pb.page);
        const f = (p: PageResult | undefined) => (p?.stats ? `${ms(p.stats.p50)} / ${ms(p.stats.p95)}` : (p?.note ?? '–'));
        const ratio = pa?.stats && pb.stats ? `${(pb.stats.p95 / pa.stats.p95).toFixed(2)}×` : '–';
        return [pb.page, f(pa), f(pb), ratio, `${cpuCell(pa?.serverCpuMs, pa?.dbCpuMs)} / ${cpuCell(pb.serverCpuMs, pb.dbCpuMs)}`];
      });
      lines.push(markdownTable(['page', `p50 / p95 ${la}`, `p50 / p95 ${lb}`, 'p95 ratio', `server CPU ms / request ${la} / ${lb}`], rows), '');
    }
  }

  const misses: string[] = [];
  for (const r of results) {
    const where = `${engineName(r)} · ${sizeLabel(r.seed.responses)}`;
    for (const m of r.measurements) if (m.stats.p95 > aimOf(m.what)) misses.push(`${where} · ${m.what} · ${m.scope} · ${m.period}: p95 ${ms(m.stats.p95)} ms`);
    for (const p of r.http?.pages ?? []) if (p.stats && p.stats.p95 > PAGE_AIM_MS) misses.push(`${where} · GET ${p.url}: p95 ${ms(p.stats.p95)} ms`);
  }
  lines.push('## Over the aims', '', ...(misses.length ? misses.map((m) => `- ${m}`) : ['none']), '');
  return lines.join('\n');
}

function printConsoleTables(results: SizeResult[]) {
  for (const r of results) {
    if (r.measurements.length === 0) continue;
    printTable(
      `In-process, ${title(r)} — p50 / p95 ms (✗ over the aim)`,
      ['query', 'scope', ...PERIOD_NAMES],
      combos(r).map(({ what, scope }) => [what, scope, ...PERIOD_NAMES.map((p) => cell(find(r, what, scope, p)))]),
    );
    if (r.http) {
      printTable(
        `Pages, ${title(r)}`,
        ['page', 'p50 ms', 'p95 ms', 'max ms', 'server CPU ms'],
        r.http.pages.map((p) => [
          p.page,
          p.stats ? ms(p.stats.p50) : (p.note ?? '–'),
          p.stats ? ms(p.stats.p95) : '–',
          p.stats ? ms(p.stats.max) : '–',
          cpuCell(p.serverCpuMs, p.dbCpuMs),
        ]),
      );
    }
  }
}


runSizedBenchmark({
  name: 'dashboard',
  engines: ENGINES,
  sizes: SIZES,
  measuring: () => measuring,
  runSize,
  print: printConsoleTables,
  report,
});
