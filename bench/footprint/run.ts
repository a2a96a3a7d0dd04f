/**
 * Footprint of the whole app for one province on a small virtual machine
 * (issue 16: 1 vCPU, 1 GB): the production build (`next start`) on an
 * existing seeded SQLite database, pinned to ONE core, with the heap cap of
 * deploy/hai-long.service (its NODE_OPTIONS and MALLOC_ARENA_MAX). Reports:
 *
 *   - startup: from spawning the server to the first 200 of /s/<code> (aim ≤ 3 s), several starts;
 *   - RSS just started, and at rest after use (aim ≤ 300 MB);
 *   - RSS under 50 concurrent survey clients (bench/submit's load: signed form posts);
 *   - RSS during an export of the whole province (CSV, then XLSX: a worker thread, docs/decisions/014);
 *   - RSS during an XLSX export while the 50 clients post.
 *
 *   npm run build && npm run bench:footprint                     # 200,000 ratings, 300 offices, 24 months (seeded once, kept)
 *   npm run bench:footprint -- --responses 2000000 --node-options=   # a larger province; no heap cap
 *
 * What is emulated, and what is not: the server runs under `taskset -c 0`
 * (one core) and the load generator on the other core(s); the V8 heap is
 * capped as the service caps it (its NODE_OPTIONS and MALLOC_ARENA_MAX, read
 * from the unit file; --node-options replaces the first). The
 * 1 GB of the virtual machine is NOT enforced (no cgroup of our own here):
 * the figures say how much of it the app takes. The database is kept in
 * /tmp/hailong-bench-footprint/ (--reseed to make it again).
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { expectedExport } from '../export/shared';
import { copyKeptDb, createBenchDb, seedBenchDb, type BenchDb } from '../lib/engines';
import {
  assertBuilt, BENCH_AUTH_SECRET, beginRun, findFreePort, killAllStarted, pickSurveyCode, RESULTS_DIR, ROOT, spawnNode, stopProcess, writeResults, type Started,
} from '../lib/processes';
import { startRssSampler, type RssSummary } from '../lib/rss';
import { serviceMemoryEnv } from '../lib/service-env';
import { cookieHeader, signIn, type Jar } from '../lib/session';
import { mb, printTable } from '../lib/table';
import { discoverSubmitPath, round, runLoad, type LoadFigures } from '../submit/load';

const { values: flags } = parseArgs({
  options: {
    responses: { type: 'string', default: '200000' },
    offices: { type: 'string', default: '300' },
    months: { type: 'string', default: '24' },
    reseed: { type: 'boolean', default: false },
    'db-dir': { type: 'string', default: path.join(os.tmpdir(), 'hailong-bench-footprint') },
    starts: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '20' },
    'node-options': { type: 'string' },
    core: { type: 'string', default: '0' },
    login: { type: 'string', default: 'thamdinh' },
  },
});
const RESPONSES = Number(flags.responses);
const STARTS = Number(flags.starts);
const CONNECTIONS = Number(flags.connections);
const DURATION = Number(flags.duration);
const SERVICE_MEMORY_ENV: Record<string, string> = serviceMemoryEnv();
const NODE_OPTIONS = (flags['node-options'] ?? SERVICE_MEMORY_ENV.NODE_OPTIONS!).trim();
const CORE = Number(flags.core);
if (!(Number.isInteger(RESPONSES) && RESPONSES > 0)) throw new Error('--responses N > 0');
if (!(STARTS >= 1 && STARTS <= 10 && CONNECTIONS > 0 && DURATION > 0 && DURATION <= 300)) throw new Error('--starts 1…10, --connections > 0, 0 < --duration ≤ 300');
if (!(Number.isInteger(CORE) && CORE >= 0 && CORE < os.cpus().length)) throw new Error(`--core 0…${os.cpus().length - 1}`);
const AIM_RSS_BYTES = 300 * 1024 * 1024;
const AIM_STARTUP_MS = 3_000;

/** The server's environment: production build, the service's heap cap, test mode only so that demo accounts exist for the export. */
function serverEnv(dbPath: string, port: number): Record<string, string> {
  return {
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    HAILONG_MODE: 'test',
    DATABASE_PATH: dbPath,
    SEED_RESPONSES: '0',
    PUBLIC_BASE_URL: `http://localhost:${port}`,
    TRUST_PROXY: '1',
    AUTH_SECRET: BENCH_AUTH_SECRET,
    ...SERVICE_MEMORY_ENV,
    NODE_OPTIONS,
  };
}

/** `taskset -c <core> node next start`: taskset execs node, so the pid is the server's. */
function spawnPinnedServer(dbPath: string, port: number, logFile: string): Started {
  const nextBin = require.resolve('next/dist/bin/next', { paths: [ROOT] });
  return spawnNode('next start (1 core)', [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], { NODE_OPTIONS: '', ...serverEnv(dbPath, port) }, logFile, [
    'taskset',
    '-c',
    String(CORE),
  ]);
}

/** Milliseconds from `t0` to the first 200 of `url`, asking every 20 ms. */
async function firstOk(url: string, s: Started, t0: number, timeoutMs = 60_000): Promise<number> {
  while (performance.now() - t0 < timeoutMs) {
    if (s.proc.exitCode !== null) throw new Error(`${s.name} exited (code ${s.proc.exitCode}); see ${s.logFile}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - t0;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms; see ${s.logFile}`);
}

/** Samples the server's RSS while `work` runs. */
async function rssDuring<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; rss: RssSummary }> {
  const sampler = startRssSampler(pid, 100);
  const result = await work();
  return { result, rss: sampler.stop() };
}

const rest = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function download(base: string, jar: Jar, format: 'csv' | 'xlsx', from: string, to: string): Promise<{ status: number; bytes: number; seconds: number }> {
  const t0 = performance.now();
  const res = await fetch(`${base}/xuat/phieu?dinh-dang=${format}&tu=${from}&den=${to}`, { headers: { cookie: cookieHeader(jar) } });
  let bytes = 0;
  if (res.body) for await (const chunk of Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>)) bytes += (chunk as Buffer).length;
  return { status: res.status, bytes, seconds: round((performance.now() - t0) / 1000, 1) };
}

/** The load generator (this process, all its threads) on the other cores, so it does not take the server's one. */
function pinSelfAwayFrom(core: number) {
  const others = os.cpus().map((_, i) => i).filter((i) => i !== core);
  if (!others.length) return console.warn('warning: one core only: the load generator shares it with the server');
  const r = spawnSync('taskset', ['-a', '-p', '-c', others.join(','), String(process.pid)], { encoding: 'utf8' });
  if (r.status !== 0) console.warn(`warning: could not pin the load generator: ${r.stderr.trim()}`);
}

async function main() {
  assertBuilt();
  if (spawnSync('taskset', ['-V']).status !== 0) throw new Error('taskset (util-linux) is needed to pin the server to one core');
  const run = beginRun('footprint');
  const name = `footprint-${RESPONSES}-o${flags.offices}-m${flags.months}`;
  const db: BenchDb = await createBenchDb('sqlite', name, flags['db-dir']!, { keep: true });
  const logs = path.join(RESULTS_DIR, `footprint-${run.stamp}-logs`);
  try {
    const seedSeconds = await seedBenchDb(db, { responses: RESPONSES, offices: Number(flags.offices), months: Number(flags.months), reseed: flags.reseed });
    if (seedSeconds === null) console.log(`reusing ${db.label}`);
    const dbBytes = await db.sizeBytes();
    const ratings = await db.scalar('select count(*) from responses');
    const offices = await db.scalar('select count(*) from units where code is not null');
    const expected = await expectedExport(db);
    // The run adds ratings: it works on a copy, and the kept database stays as seeded.
    const work = await copyKeptDb('sqlite', { file: db.env.DATABASE_PATH!, database: '' }, { file: path.join(run.work, 'footprint.db'), database: '', secretsDir: run.work });
    const dbPath = work.env.DATABASE_PATH!;
    const code = pickSurveyCode(dbPath);
    pinSelfAwayFrom(CORE);
    const port = await findFreePort(3450, 3499);
    const base = `http://127.0.0.1:${port}`;
    console.log(
      `footprint: ${ratings.toLocaleString('en-US')} ratings, ${offices} offices, ${mb(dbBytes)} database; server on core ${CORE}, NODE_OPTIONS ${NODE_OPTIONS || 'none'}, MALLOC_ARENA_MAX ${SERVICE_MEMORY_ENV.MALLOC_ARENA_MAX ?? 'unset'}, port ${port}`,
    );

    // 1. Startup to the first survey served, on the existing database (the first start also makes the demo accounts if missing).
    const startupsMs: number[] = [];
    for (let i = 0; i <= STARTS; i++) {
      const t0 = performance.now();
      const s = spawnPinnedServer(dbPath, port, path.join(logs, `start-${i}.log`));
      const ms = await firstOk(`${base}/s/${code}`, s, t0);
      await stopProcess(s);
      // Start 0 warms the page cache and makes what test mode needs; the measured starts are the ones after it.
      if (i > 0) startupsMs.push(Math.round(ms));
      console.log(`start ${i}${i === 0 ? ' (warm-up, not counted)' : ''}: first 200 of /s/<code> after ${Math.round(ms)} ms`);
    }

    // 2. One server for the memory phases.
    const t0 = performance.now();
    const app = spawnPinnedServer(dbPath, port, path.join(logs, 'server.log'));
    try {
      await firstOk(`${base}/s/${code}`, app, t0);
      await rest(5_000);
      const justStarted = startRssSampler(app.pid).stop().finalBytes;
      console.log(`just started: ${mb(justStarted)}`);

      const jar = await signIn(base, flags.login);
      for (const p of ['/', `/s/${code}`, '/tong-quan', '/thong-ke', '/gop-y']) await (await fetch(`${base}${p}`, { headers: { cookie: cookieHeader(jar) } })).arrayBuffer();
      await rest(10_000);
      const restAfterPages = (await rssDuring(app.pid, () => rest(5_000))).rss;
      console.log(`at rest after staff pages: ${mb(restAfterPages.peakBytes)}`);

      const submitPath = await discoverSubmitPath(port, code);
      const countStored = async () => ({ responses: await work.scalar('select count(*) from responses'), answers: await work.scalar('select count(*) from answers') });
      const surveys = await rssDuring(app.pid, () =>
        runLoad({ ports: [port], submitPath, seconds: DURATION, connections: CONNECTIONS, count: countStored, serverPids: [app.pid] }),
      );
      console.log(`${CONNECTIONS} survey clients: peak ${mb(surveys.rss.peakBytes)}, ${round(surveys.result.storedPerS)} stored/s, p99 ${surveys.result.latencyMs.p99} ms`);
      await rest(10_000);
      const restAfterLoad = (await rssDuring(app.pid, () => rest(5_000))).rss;
      console.log(`at rest after the load: ${mb(restAfterLoad.peakBytes)}`);

      const exports: { format: string; status: number; bytes: number; seconds: number; rss: RssSummary }[] = [];
      for (const format of ['csv', 'xlsx'] as const) {
        const { result, rss } = await rssDuring(app.pid, () => download(base, jar, format, expected.from, expected.to));
        exports.push({ format, ...result, rss });
        console.log(`export ${format}: HTTP ${result.status}, ${mb(result.bytes)} in ${result.seconds} s, peak ${mb(rss.peakBytes)}`);
        await rest(5_000);
      }

      const together = await rssDuring(app.pid, () =>
        Promise.all([
          download(base, jar, 'xlsx', expected.from, expected.to),
          runLoad({ ports: [port], submitPath, seconds: DURATION, connections: CONNECTIONS, count: countStored, serverPids: [app.pid] }),
        ]),
      );
      const [togetherExport, togetherLoad] = together.result;
      console.log(`XLSX export + ${CONNECTIONS} clients: peak ${mb(together.rss.peakBytes)}, ${round(togetherLoad.storedPerS)} stored/s, p99 ${togetherLoad.latencyMs.p99} ms`);
      await rest(10_000);
      const restAtEnd = (await rssDuring(app.pid, () => rest(5_000))).rss;

      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const startupMedian = median(startupsMs);
      const rows: (string | number)[][] = [
        ['startup to the first survey served (median; each)', `${startupMedian} ms (${startupsMs.join(', ')})`, '≤ 3,000 ms', startupMedian <= AIM_STARTUP_MS ? 'met' : 'NOT met'],
        ['RSS just started', mb(justStarted), '≤ 300 MB', justStarted <= AIM_RSS_BYTES ? 'met' : 'NOT met'],
        ['RSS at rest after staff pages', mb(restAfterPages.peakBytes), '≤ 300 MB', restAfterPages.peakBytes <= AIM_RSS_BYTES ? 'met' : 'NOT met'],
        [`RSS under ${CONNECTIONS} survey clients (peak)`, mb(surveys.rss.peakBytes), '≤ 300 MB', surveys.rss.peakBytes <= AIM_RSS_BYTES ? 'met' : 'NOT met'],
        ['  stored ratings / s, p99 (one core)', `${round(surveys.result.storedPerS)}/s, ${surveys.result.latencyMs.p99} ms, ${surveys.result.non303 + surveys.result.errors} failed`, '', ''],
        ['RSS at rest after the load', mb(restAfterLoad.peakBytes), '≤ 300 MB', restAfterLoad.peakBytes <= AIM_RSS_BYTES ? 'met' : 'NOT met'],
        ...exports.map((e) => [
          `RSS during the ${e.format.toUpperCase()} export (peak)`,
          `${mb(e.rss.peakBytes)} (HTTP ${e.status}, ${mb(e.bytes)}, ${e.seconds} s)`,
          '≤ 300 MB',
          e.rss.peakBytes <= AIM_RSS_BYTES && e.status === 200 ? 'met' : 'NOT met',
        ]),
        [
          `RSS during an XLSX export + ${CONNECTIONS} clients (peak)`,
          `${mb(together.rss.peakBytes)} (export ${togetherExport.seconds} s; ${round(togetherLoad.storedPerS)} stored/s, p99 ${togetherLoad.latencyMs.p99} ms)`,
          '≤ 300 MB',
          together.rss.peakBytes <= AIM_RSS_BYTES ? 'met' : 'NOT met',
        ],
        ['RSS at rest at the end', mb(restAtEnd.peakBytes), '≤ 300 MB', restAtEnd.peakBytes <= AIM_RSS_BYTES ? 'met' : 'NOT met'],
      ];
      printTable(
        `Footprint (${ratings.toLocaleString('en-US')} ratings, ${offices} offices, ${mb(dbBytes)} SQLite; server pinned to core ${CORE} of ${os.cpus().length}, NODE_OPTIONS ${NODE_OPTIONS || 'none'}, MALLOC_ARENA_MAX ${SERVICE_MEMORY_ENV.MALLOC_ARENA_MAX ?? 'unset'}; 1 GB not enforced)`,
        ['', 'measured', 'aim', ''],
        rows,
      );
      const out = writeResults('footprint', run.stamp, run.build, {
        settings: { responses: RESPONSES, offices, months: Number(flags.months), nodeOptions: NODE_OPTIONS, mallocArenaMax: SERVICE_MEMORY_ENV.MALLOC_ARENA_MAX ?? null, core: CORE, connections: CONNECTIONS, durationS: DURATION, starts: STARTS },
        database: { label: db.label, bytes: dbBytes, ratings, seedSeconds },
        startupsMs,
        rssBytes: {
          justStarted,
          restAfterPages: restAfterPages.peakBytes,
          underSurveys: surveys.rss.peakBytes,
          restAfterLoad: restAfterLoad.peakBytes,
          exports: Object.fromEntries(exports.map((e) => [e.format, e.rss.peakBytes])),
          exportWithSurveys: together.rss.peakBytes,
          restAtEnd: restAtEnd.peakBytes,
        },
        surveys: surveys.result satisfies LoadFigures,
        exports: exports.map(({ rss, ...e }) => ({ ...e, peakRssBytes: rss.peakBytes })),
        exportWithSurveys: { export: togetherExport, load: togetherLoad },
        logs,
      });
      console.log(`wrote ${out}`);
    } finally {
      await stopProcess(app);
    }
  } finally {
    await db.drop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    killAllStarted();
    process.exit(1);
  },
);
