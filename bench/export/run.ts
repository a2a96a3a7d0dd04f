/**
 * Export memory: downloads the responses export of the whole province (CSV,
 * then XLSX) from the built app over a database of ≥ 1,000,000 ratings, on
 * SQLite, PostgreSQL or both in one run, and reports rows, bytes, seconds and
 * the server's peak RSS while streaming (the export runs in a worker thread
 * of the server: server/response-export.ts; on PostgreSQL it reads through a
 * server-side cursor, db/queries/exports.ts). Target (issue 4): peak RSS
 * < 300 MB. While a download runs, /api/health is asked every 250 ms: its
 * slowest answer shows whether the export starves other requests.
 *
 *   npm run build && npm run bench:export                                   # SQLite, 1,000,000 ratings seeded into a temporary file
 *   BENCH_DATABASE_URL=postgres://admin@host/postgres npm run bench:export -- --engine both --reuse
 *   npm run bench:export -- --responses 200000 --formats csv
 *
 * --reuse keeps the seeded databases (SQLite `/tmp/hailong-bench-export/export_<N>.db`,
 * PostgreSQL `hl_bench_export_<N>`) and takes them as they are next time;
 * --reseed seeds them again. The app runs as `next start` on a free port in
 * 3400–3449 (HAILONG_MODE=test: demo accounts exist), signed in as the
 * assessor `thamdinh` (whole province, phone numbers allowed).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { engineLabel, parseEngines, type BenchDb, type Engine } from '../lib/engines';
import { beginRun, findFreePort, killAllStarted, RESULTS_DIR, startAppOn, stopProcess, writeResults, type BenchRun } from '../lib/processes';
import { rssMb, startRssSampler } from '../lib/rss';
import { cookieHeader, signIn } from '../lib/session';
import { mb, printTable } from '../lib/table';
import { countXlsxRows } from '../lib/xlsx-rows';
import { csvRecordCounter, EXPORT_DB_DIR, onEachExportDb, startHealthProbe, type Expected, type Seeded } from './shared';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'sqlite' },
    responses: { type: 'string', default: '1000000' },
    formats: { type: 'string', default: 'csv,xlsx' },
    login: { type: 'string', default: 'thamdinh' },
    'keep-files': { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    reseed: { type: 'boolean', default: false },
    'db-dir': { type: 'string', default: EXPORT_DB_DIR },
  },
});
const ENGINES = parseEngines(values.engine);
const RESPONSES = Number(values.responses);
const FORMATS = values.formats!.split(',').filter((f): f is 'csv' | 'xlsx' => f === 'csv' || f === 'xlsx');
if (!(Number.isInteger(RESPONSES) && RESPONSES > 0) || !FORMATS.length) throw new Error('--responses N > 0, --formats csv,xlsx');
const AIM_BYTES = 300 * 1024 * 1024;

type Run = {
  format: string;
  status: number;
  rows: number;
  bytes: number;
  seconds: number;
  peakRssBytes: number;
  idleRssBytes: number;
  /** The server's VmRSS once a second while the file streamed, in MB: flat means memory does not grow with the rows. */
  rssTimelineMb: number[];
  healthMaxMs: number;
  healthCount: number;
};

type EngineRuns = { engine: Engine; db: string; seedSeconds: number | null; startedRssMb: number; expected: Expected; runs: Run[] };

async function measure(db: BenchDb, { seedSeconds, expected: want }: Seeded, { work, stamp }: BenchRun): Promise<Omit<EngineRuns, 'engine'>> {
  const engine = db.engine;
  console.log(`${engineLabel(engine)}: period ${want.from} → ${want.to}: ${want.all.toLocaleString('en-US')} ratings, ${want.valid.toLocaleString('en-US')} valid.`);
  const runs: Run[] = [];
  let startedRssMb = 0;
  const port = await findFreePort(3400, 3449);
  const base = `http://127.0.0.1:${port}`;
  const app = await startAppOn(db, { port, work, logFile: path.join(RESULTS_DIR, `export-${stamp}-logs`, `${engine}.log`) });
  try {
    startedRssMb = rssMb(app.pid);
    const jar = await signIn(base, values.login!);
    for (const format of FORMATS) {
      // Warm the route (first request compiles nothing in production, but loads the modules).
      await (await fetch(`${base}/xuat/phieu?dinh-dang=${format}&ky=7-ngay`, { headers: { cookie: cookieHeader(jar) } })).arrayBuffer();
      await new Promise((r) => setTimeout(r, 1_000));
      const idle = startRssSampler(app.pid, 100).stop().peakBytes;
      const rss = startRssSampler(app.pid, 100);
      const health = startHealthProbe(base);
      const timeline: number[] = [];
      const tick = setInterval(() => timeline.push(rssMb(app.pid)), 1_000);
      const t0 = performance.now();
      const res = await fetch(`${base}/xuat/phieu?dinh-dang=${format}&tu=${want.from}&den=${want.to}`, { headers: { cookie: cookieHeader(jar) } });
      const file = path.join(work, `export-${engine}.${format}`);
      const sink = format === 'xlsx' ? fs.createWriteStream(file) : null;
      const counter = csvRecordCounter();
      let bytes = 0;
      for await (const chunk of Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>)) {
        bytes += chunk.length;
        if (sink) {
          if (!sink.write(chunk)) await new Promise<void>((r) => sink.once('drain', () => r()));
        } else counter.push(chunk);
      }
      const seconds = (performance.now() - t0) / 1000;
      clearInterval(tick);
      const probed = await health.stop();
      if (sink) await new Promise<void>((r) => sink.end(() => r()));
      const peak = rss.stop().peakBytes;
      const rows = format === 'csv' ? counter.records - 1 : (await countXlsxRows(file)) - 1;
      if (values['keep-files']) console.log(`kept ${file}`);
      else fs.rmSync(file, { force: true });
      runs.push({ format, status: res.status, rows, bytes, seconds, peakRssBytes: peak, idleRssBytes: idle, rssTimelineMb: timeline, healthMaxMs: probed.maxMs, healthCount: probed.count });
      console.log(`${engineLabel(engine)} ${format}: HTTP ${res.status}, ${rows.toLocaleString('en-US')} rows, ${mb(bytes)}, ${seconds.toFixed(1)} s, peak RSS ${mb(peak)}`);
    }
  } finally {
    await stopProcess(app);
  }
  return { db: db.label, seedSeconds, startedRssMb, expected: want, runs };
}

async function main() {
  // With --keep-files the downloaded files stay in the work folder for a look.
  const run = beginRun('export', values['keep-files']);
  const flags = { responses: RESPONSES, reuse: values.reuse!, reseed: values.reseed!, dbDir: values['db-dir']! };
  const engines: EngineRuns[] = await onEachExportDb(ENGINES, flags, run.work, (db, seeded) => measure(db, seeded, run));

  const columns = FORMATS.flatMap((format) => engines.map((e) => ({ e, r: e.runs.find((r) => r.format === format)! })));
  const row = (name: string, value: (r: Run, e: EngineRuns) => string | number) => [name, ...columns.map(({ e, r }) => value(r, e))];
  printTable(
    `Export of the whole province (${RESPONSES.toLocaleString('en-US')} ratings seeded; ${os.cpus().length} cores, database server and client on the same machine)`,
    ['', ...columns.map(({ e, r }) => `${engineLabel(e.engine)} ${r.format.toUpperCase()}`)],
    [
      row('HTTP status', (r) => r.status),
      row('rows (= valid ratings?)', (r, e) => `${r.rows.toLocaleString('en-US')} ${r.rows === e.expected.valid ? '✓' : `✗ (want ${e.expected.valid})`}`),
      row('size', (r) => mb(r.bytes)),
      row('seconds', (r) => r.seconds.toFixed(1)),
      row('rows / s', (r) => Math.round(r.rows / r.seconds)),
      row('server RSS just after start', (_r, e) => `${e.startedRssMb} MB`),
      row('server RSS before → peak', (r) => `${mb(r.idleRssBytes)} → ${mb(r.peakRssBytes)}`),
      row('peak − before', (r) => mb(r.peakRssBytes - r.idleRssBytes)),
      row('/api/health max (asked)', (r) => `${r.healthMaxMs.toFixed(0)} ms (${r.healthCount})`),
    ],
  );
  for (const e of engines) {
    const worst = Math.max(...e.runs.map((r) => r.peakRssBytes));
    console.log(`${engineLabel(e.engine)}: target peak RSS < 300 MB → ${worst < AIM_BYTES ? 'met' : 'NOT met'} (${mb(worst)})`);
  }
  const out = writeResults('export', run.stamp, run.build, { settings: { responses: RESPONSES, formats: FORMATS, login: values.login, reuse: values.reuse }, engines });
  console.log(`wrote ${out}`);
  if (engines.some((e) => e.runs.some((r) => r.status !== 200 || r.rows !== e.expected.valid))) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  killAllStarted();
  process.exit(1);
});
