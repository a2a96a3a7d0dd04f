/**
 * Many exports at once: N people (default 12) each download the XLSX of the
 * responses of the whole province at the same moment, from the built app
 * over a large database, on SQLite, PostgreSQL or both in one run; reports
 * every answer (status, rows, bytes, time to the first byte and to the end),
 * the server's peak RSS while they run, and the slowest /api/health
 * meanwhile. Target (hardening): peak RSS < 300 MB whatever the number of
 * downloads (server/export-queue.ts, ADR 014).
 *
 *   npm run build && npm run bench:export-concurrent                         # SQLite, 200,000 ratings seeded into a temporary file (~30 s)
 *   BENCH_DATABASE_URL=postgres://admin@host/postgres npm run bench:export-concurrent -- --engine both --reuse
 *   npm run bench:export-concurrent -- --downloads 12 --format csv
 *
 * --reuse keeps the seeded databases (SQLite `/tmp/hailong-bench-export/export_<N>.db`,
 * PostgreSQL `hl_bench_export_<N>`, shared with bench:export) and takes them
 * as they are next time; --reseed seeds them again. The people are copies of
 * the assessor `thamdinh` (whole province, phone numbers allowed) named
 * bench-export-1 … N: the queue allows one file per person, so N downloads
 * need N people. The app runs as `next start` on a free port in 3400–3449,
 * HAILONG_MODE=test.
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
    responses: { type: 'string', default: '200000' },
    downloads: { type: 'string', default: '12' },
    format: { type: 'string', default: 'xlsx' },
    'no-check': { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    reseed: { type: 'boolean', default: false },
    'db-dir': { type: 'string', default: EXPORT_DB_DIR },
  },
});
const ENGINES = parseEngines(values.engine);
const RESPONSES = Number(values.responses);
const DOWNLOADS = Number(values.downloads);
const FORMAT = values.format === 'csv' ? 'csv' : 'xlsx';
if (!(Number.isInteger(RESPONSES) && RESPONSES > 0) || !(DOWNLOADS >= 1 && DOWNLOADS <= 50)) throw new Error('--responses N > 0, --downloads 1–50');
const AIM_BYTES = 300 * 1024 * 1024;

/** bench-export-1 … N: copies of the assessor, with the same password (set by the app at start in test mode). */
async function ensurePeople(db: BenchDb, n: number): Promise<string[]> {
  const logins = Array.from({ length: n }, (_, i) => `bench-export-${i + 1}`);
  for (const login of logins) {
    await db.write(
      `insert into users (username, display_name, password_hash, role, scope_unit_id, active, must_change_password)
        select ?, 'Benchmark ' || ?, password_hash, role, scope_unit_id, true, false from users where username = 'thamdinh'
        on conflict (username) do update set password_hash = excluded.password_hash`,
      [login, login],
    );
  }
  return logins;
}

/** CSV records of a downloaded file, read as a stream. */
async function countCsvRecords(file: string): Promise<number> {
  const counter = csvRecordCounter();
  for await (const chunk of fs.createReadStream(file)) counter.push(chunk as Buffer);
  return counter.records;
}

type Download = { who: string; status: number; bytes: number; firstByteS: number; seconds: number; rows: number | null; body: string };

type EngineRun = {
  engine: Engine;
  db: string;
  seedSeconds: number | null;
  expected: Expected;
  idleRssBytes: number;
  peakRssBytes: number;
  /** The server's RSS once a second while the downloads ran, in MB. */
  rssTimelineMb: number[];
  wallS: number;
  healthMaxMs: number;
  healthCount: number;
  downloads: Download[];
};

async function measure(db: BenchDb, { seedSeconds, expected: want }: Seeded, { work, stamp }: BenchRun): Promise<Omit<EngineRun, 'engine'>> {
  const engine = db.engine;
  console.log(`${engineLabel(engine)}: period ${want.from} → ${want.to}: ${want.valid.toLocaleString('en-US')} valid ratings; ${DOWNLOADS} ${FORMAT.toUpperCase()} downloads at once.`);
  const files = path.join(work, engine);
  fs.mkdirSync(files, { recursive: true });
  const downloads: Download[] = [];
  try {
    const port = await findFreePort(3400, 3449);
    const base = `http://127.0.0.1:${port}`;
    const app = await startAppOn(db, { port, work, logFile: path.join(RESULTS_DIR, `export-concurrent-${stamp}-logs`, `${engine}.log`) });
    let figures: Omit<EngineRun, 'engine' | 'db' | 'seedSeconds' | 'expected' | 'downloads'>;
    try {
      // After the start: in test mode the app sets the demo accounts' password, which the copies take.
      const people = await ensurePeople(db, DOWNLOADS);
      const jars: Awaited<ReturnType<typeof signIn>>[] = [];
      for (const login of people) jars.push(await signIn(base, login));
      // Warm the route and exceljs with one small file, then let the server settle.
      await (await fetch(`${base}/xuat/phieu?dinh-dang=${FORMAT}&ky=7-ngay`, { headers: { cookie: cookieHeader(jars[0]!) } })).arrayBuffer();
      await new Promise((r) => setTimeout(r, 2_000));
      const before = startRssSampler(app.pid, 100);
      await new Promise((r) => setTimeout(r, 500));
      const idle = before.stop().peakBytes;

      const rss = startRssSampler(app.pid, 100);
      const health = startHealthProbe(base);
      const timeline: number[] = [];
      const tick = setInterval(() => timeline.push(rssMb(app.pid)), 1_000);
      const t0 = performance.now();
      const url = `${base}/xuat/phieu?dinh-dang=${FORMAT}&tu=${want.from}&den=${want.to}`;
      await Promise.all(
        people.map(async (who, i) => {
          const start = performance.now();
          const res = await fetch(url, { headers: { cookie: cookieHeader(jars[i]!) } });
          const firstByteS = (performance.now() - start) / 1000;
          const file = path.join(files, `${who}.${FORMAT}`);
          const sink = fs.createWriteStream(file);
          let bytes = 0;
          for await (const chunk of Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>)) {
            bytes += chunk.length;
            if (!sink.write(chunk)) await new Promise<void>((r) => sink.once('drain', () => r()));
          }
          await new Promise<void>((r) => sink.end(() => r()));
          const body = res.status === 200 ? '' : fs.readFileSync(file, 'utf8');
          downloads.push({ who, status: res.status, bytes, firstByteS, seconds: (performance.now() - start) / 1000, rows: null, body });
        }),
      );
      const wallS = (performance.now() - t0) / 1000;
      clearInterval(tick);
      const probed = await health.stop();
      figures = { idleRssBytes: idle, peakRssBytes: rss.stop().peakBytes, rssTimelineMb: timeline, wallS, healthMaxMs: probed.maxMs, healthCount: probed.count };
    } finally {
      await stopProcess(app);
    }
    if (!values['no-check']) {
      for (const d of downloads) {
        if (d.status !== 200) continue;
        const file = path.join(files, `${d.who}.${FORMAT}`);
        d.rows = (FORMAT === 'csv' ? await countCsvRecords(file) : await countXlsxRows(file)) - 1;
      }
    }
    downloads.sort((a, b) => a.seconds - b.seconds);
    return { db: db.label, seedSeconds, expected: want, ...figures, downloads };
  } finally {
    fs.rmSync(files, { recursive: true, force: true });
  }
}

async function main() {
  const run = beginRun('export-concurrent');
  const flags = { responses: RESPONSES, reuse: values.reuse!, reseed: values.reseed!, dbDir: values['db-dir']! };
  const runs: EngineRun[] = await onEachExportDb(ENGINES, flags, run.work, (db, seeded) => measure(db, seeded, run));

  for (const r of runs) {
    printTable(
      `${engineLabel(r.engine)}: ${DOWNLOADS} concurrent ${FORMAT.toUpperCase()} exports of the whole province, ${r.expected.from} → ${r.expected.to} (${r.expected.valid.toLocaleString('en-US')} valid ratings each)`,
      ['person', 'status', 'first byte s', 'done s', 'size', 'rows = expected'],
      r.downloads.map((d) => [
        d.who,
        d.status === 200 ? 200 : `${d.status} ${d.body.slice(0, 60)}`,
        d.firstByteS.toFixed(1),
        d.seconds.toFixed(1),
        mb(d.bytes),
        d.rows === null ? '—' : d.rows === r.expected.valid ? 'yes' : `NO (${d.rows})`,
      ]),
    );
    console.log(`RSS each second (MB): ${r.rssTimelineMb.join(' ')}`);
  }
  const row = (name: string, value: (r: EngineRun) => string | number) => [name, ...runs.map(value)];
  const answered = (r: EngineRun, ok: boolean) => r.downloads.filter((d) => (d.status === 200) === ok).length;
  printTable(
    `${DOWNLOADS} concurrent ${FORMAT.toUpperCase()} exports (${RESPONSES.toLocaleString('en-US')} ratings seeded; ${os.cpus().length} cores)`,
    ['', ...runs.map((r) => engineLabel(r.engine))],
    [
      row('answers 200 / other', (r) => `${answered(r, true)} / ${answered(r, false)}`),
      row('files with the expected rows', (r) => (values['no-check'] ? '—' : `${r.downloads.filter((d) => d.rows === r.expected.valid).length} of ${answered(r, true)}`)),
      row('first file done (s)', (r) => (r.downloads.find((d) => d.status === 200)?.seconds ?? NaN).toFixed(1)),
      row('all answered after (s)', (r) => r.wallS.toFixed(1)),
      row('server RSS idle → peak', (r) => `${mb(r.idleRssBytes)} → ${mb(r.peakRssBytes)}`),
      row('peak RSS < 300 MB', (r) => (r.peakRssBytes < AIM_BYTES ? 'met' : 'NOT met')),
      row('/api/health max (asked)', (r) => `${r.healthMaxMs.toFixed(0)} ms (${r.healthCount})`),
    ],
  );
  const out = writeResults('export-concurrent', run.stamp, run.build, {
    settings: { responses: RESPONSES, downloads: DOWNLOADS, format: FORMAT, reuse: values.reuse },
    engines: runs.map(({ downloads, ...r }) => ({ ...r, downloads: downloads.map(({ body: _b, ...d }) => d) })),
  });
  console.log(`wrote ${out}`);
  if (runs.some((r) => r.downloads.some((d) => d.status === 200 && d.rows !== null && d.rows !== r.expected.valid))) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  killAllStarted();
  process.exit(1);
});
