/**
 * Export memory: downloads the responses export of the whole province (CSV,
 * then XLSX) from the built app over a database of ≥ 1,000,000 ratings, and
 * reports rows, bytes, seconds and the server's peak RSS while streaming.
 * Target (issue 4): peak RSS < 300 MB. While a download runs, /api/health is
 * asked every 250 ms: its slowest answer shows whether the export starves
 * other requests.
 *
 *   npm run build && npm run bench:export                      # seeds 1,000,000 ratings in a temp file (~1 min)
 *   npm run bench:export -- --db /tmp/big.db                   # reuses (or creates) that file
 *   npm run bench:export -- --responses 200000 --formats csv
 *
 * The app runs as `next start` on a free port in 3400–3449, HAILONG_MODE=test
 * (demo accounts exist; a database that already has data is not reseeded),
 * signed in as the assessor `thamdinh` (whole province, phone numbers allowed).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { dayKeyOf, dayStart } from '../../lib/indicators/periods';
import { assertBuilt, buildId, findFreePort, installCleanupHandlers, killAllStarted, RESULTS_DIR, ROOT, spawnNode, stopProcess, timestamp, waitForHttp } from '../lib/processes';
import { startRssSampler } from '../lib/rss';
import { mb, printTable } from '../lib/table';
import { cookieHeader, signIn } from '../lib/session';
import { countXlsxRows } from '../lib/xlsx-rows';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    responses: { type: 'string', default: '1000000' },
    formats: { type: 'string', default: 'csv,xlsx' },
    login: { type: 'string', default: 'thamdinh' },
    'keep-files': { type: 'boolean', default: false },
  },
});
const RESPONSES = Number(values.responses);
const FORMATS = values.formats!.split(',').filter((f): f is 'csv' | 'xlsx' => f === 'csv' || f === 'xlsx');


/** The period that holds every rating, and how many valid (not excluded) ratings the export should have. */
function expected(dbPath: string) {
  const db = new Database(dbPath, { readonly: true });
  try {
    const { first, last } = db.prepare('select min(submitted_at) as first, max(submitted_at) as last from responses').get() as { first: number; last: number };
    const from = dayKeyOf(first);
    const to = dayKeyOf(Math.min(last, Date.now()));
    const { valid, all } = db
      .prepare('select sum(excluded = 0) as valid, count(*) as "all" from responses where submitted_at >= ? and submitted_at < ?')
      .get(dayStart(from), dayStart(to) + 86_400_000) as { valid: number; all: number };
    return { from, to, valid, all };
  } finally {
    db.close();
  }
}

/** Counts CSV records (CRLF outside quotes) as the bytes go by, without keeping them. */
function csvCounter() {
  let inQuotes = false;
  let records = 0;
  let prev = 0;
  return {
    push(chunk: Uint8Array) {
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i]!;
        if (b === 0x22) inQuotes = !inQuotes;
        else if (b === 0x0a && prev === 0x0d && !inQuotes) records++;
        prev = b;
      }
    },
    get records() {
      return records;
    },
  };
}


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

function vmRssMb(pid: number): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : 0;
}

async function main() {
  installCleanupHandlers();
  assertBuilt();
  const stamp = timestamp();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hailong-bench-export-'));
  const dbPath = path.resolve(values.db ?? path.join(tmp, 'bench.db'));
  if (!fs.existsSync(dbPath)) {
    console.log(`Seeding ${RESPONSES.toLocaleString('en-US')} ratings into ${dbPath} …`);
    const seed = spawnSync('npm', ['run', 'seed', '--', '--db', dbPath, '--fresh', '--responses', String(RESPONSES)], { cwd: ROOT, stdio: 'inherit' });
    if (seed.status !== 0) throw new Error('seeding failed');
  }
  const want = expected(dbPath);
  console.log(`Period ${want.from} → ${want.to}: ${want.all.toLocaleString('en-US')} ratings, ${want.valid.toLocaleString('en-US')} valid.`);

  const port = await findFreePort(3400, 3449);
  const base = `http://127.0.0.1:${port}`;
  const build = buildId();
  const logFile = path.join(RESULTS_DIR, `export-${stamp}.log`);
  const nextBin = require.resolve('next/dist/bin/next', { paths: [ROOT] });
  const app = spawnNode('next start', [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    HAILONG_MODE: 'test',
    DATABASE_PATH: dbPath,
    SEED_RESPONSES: '0',
    PUBLIC_BASE_URL: `http://localhost:${port}`,
  }, logFile);
  const runs: Run[] = [];
  let startedRssMb = 0;
  try {
    await waitForHttp(`${base}/api/health`, app);
    startedRssMb = vmRssMb(app.pid);
    const jar = await signIn(base, values.login!);
    for (const format of FORMATS) {
      // Warm the route (first request compiles nothing in production, but loads the modules).
      await (await fetch(`${base}/xuat/phieu?dinh-dang=${format}&ky=7-ngay`, { headers: { cookie: cookieHeader(jar) } })).arrayBuffer();
      await new Promise((r) => setTimeout(r, 1_000));
      const sampler = startRssSampler(app.pid, 100);
      const idle = sampler.stop().peakBytes;
      const rss = startRssSampler(app.pid, 100);
      let healthMax = 0;
      let healthCount = 0;
      let exporting = true;
      const pinger = (async () => {
        while (exporting) {
          const t = performance.now();
          await (await fetch(`${base}/api/health`)).arrayBuffer();
          healthMax = Math.max(healthMax, performance.now() - t);
          healthCount++;
          await new Promise((r) => setTimeout(r, 250));
        }
      })();
      const timeline: number[] = [];
      const tick = setInterval(() => timeline.push(vmRssMb(app.pid)), 1_000);
      const t0 = performance.now();
      const res = await fetch(`${base}/xuat/phieu?dinh-dang=${format}&tu=${want.from}&den=${want.to}`, { headers: { cookie: cookieHeader(jar) } });
      const file = path.join(tmp, `export.${format}`);
      const sink = format === 'xlsx' ? fs.createWriteStream(file) : null;
      const counter = csvCounter();
      let bytes = 0;
      for await (const chunk of Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>)) {
        bytes += chunk.length;
        if (sink) {
          if (!sink.write(chunk)) await new Promise<void>((r) => sink.once('drain', () => r()));
        } else counter.push(chunk);
      }
      const seconds = (performance.now() - t0) / 1000;
      clearInterval(tick);
      exporting = false;
      await pinger;
      if (sink) await new Promise<void>((r) => sink.end(() => r()));
      const peak = rss.stop().peakBytes;
      const rows = format === 'csv' ? counter.records - 1 : (await countXlsxRows(file)) - 1;
      if (!values['keep-files']) fs.rmSync(file, { force: true });
      runs.push({ format, status: res.status, rows, bytes, seconds, peakRssBytes: peak, idleRssBytes: idle, rssTimelineMb: timeline, healthMaxMs: healthMax, healthCount });
      console.log(`${format}: HTTP ${res.status}, ${rows.toLocaleString('en-US')} rows, ${mb(bytes)}, ${seconds.toFixed(1)} s, peak RSS ${mb(peak)}`);
    }
  } finally {
    await stopProcess(app);
    if (!values.db) fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`server RSS just after start: ${startedRssMb} MB`);
  printTable(`Export of the whole province, ${want.from} → ${want.to} (${want.valid.toLocaleString('en-US')} valid ratings expected)`, [
    'format', 'rows', 'size', 'seconds', 'rows/s', 'server RSS idle → peak', '/api/health max', 'rows = expected',
  ], runs.map((r) => [
    r.format, r.rows, mb(r.bytes), r.seconds.toFixed(1), Math.round(r.rows / r.seconds), `${mb(r.idleRssBytes)} → ${mb(r.peakRssBytes)}`,
    `${r.healthMaxMs.toFixed(0)} ms (${r.healthCount})`, r.rows === want.valid ? 'yes' : 'NO',
  ]));
  const worst = Math.max(...runs.map((r) => r.peakRssBytes));
  console.log(`target: peak RSS < 300 MB → ${worst < 300 * 1024 * 1024 ? 'met' : 'NOT met'} (${mb(worst)})`);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(
    path.join(RESULTS_DIR, `export-${stamp}.json`),
    JSON.stringify({ buildId: build, startedRssMb, rebuiltDuringRun: buildId() !== build, db: values.db ? dbPath : 'temporary', expected: want, runs }, null, 2),
  );
  if (runs.some((r) => r.status !== 200 || r.rows !== want.valid)) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  killAllStarted();
  process.exit(1);
});
