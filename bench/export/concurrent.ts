/**
 * Many exports at once: N people (default 12) each download the XLSX of the
 * responses of the whole province at the same moment, from the built app
 * over a large database; reports every answer (status, rows, bytes, time to
 * the first byte and to the end), the server's peak RSS while they run, and
 * the slowest /api/health meanwhile. Target (hardening): peak RSS < 300 MB
 * whatever the number of downloads (server/export-queue.ts, ADR 014).
 *
 *   npm run build && npm run bench:export-concurrent                         # seeds 200,000 ratings in /tmp/exports-concurrent/big.db (~30 s) unless present
 *   npm run bench:export-concurrent -- --db /tmp/big.db --downloads 12 --format csv
 *
 * The people are copies of the assessor `thamdinh` (whole province, phone
 * numbers allowed) named bench-export-1 … N, added to the database file
 * once: the queue allows one file per person, so N downloads need N people.
 * The app runs as `next start` on a free port in 3400–3449, HAILONG_MODE=test.
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
    db: { type: 'string', default: '/tmp/exports-concurrent/big.db' },
    responses: { type: 'string', default: '200000' },
    downloads: { type: 'string', default: '12' },
    format: { type: 'string', default: 'xlsx' },
    'no-check': { type: 'boolean', default: false },
  },
});
const DOWNLOADS = Number(values.downloads);
const FORMAT = values.format === 'csv' ? 'csv' : 'xlsx';

/** The period that holds every rating, and how many valid ratings each file should have. */
function expected(dbPath: string) {
  const db = new Database(dbPath, { readonly: true });
  try {
    const { first, last } = db.prepare('select min(submitted_at) as first, max(submitted_at) as last from responses').get() as { first: number; last: number };
    const from = dayKeyOf(first);
    const to = dayKeyOf(Math.min(last, Date.now()));
    const valid = db
      .prepare('select count(*) from responses where excluded = 0 and submitted_at >= ? and submitted_at < ?')
      .pluck()
      .get(dayStart(from), dayStart(to) + 86_400_000) as number;
    return { from, to, valid };
  } finally {
    db.close();
  }
}

/** bench-export-1 … N: copies of the assessor, with the same password. */
function ensurePeople(dbPath: string, n: number): string[] {
  const db = new Database(dbPath);
  try {
    const logins = Array.from({ length: n }, (_, i) => `bench-export-${i + 1}`);
    const copy = db.prepare(
      `insert into users (username, display_name, password_hash, role, scope_unit_id, active, must_change_password)
        select @login, 'Benchmark ' || @login, password_hash, role, scope_unit_id, 1, 0 from users where username = 'thamdinh' and true
        on conflict (username) do update set password_hash = excluded.password_hash`,
    );
    for (const login of logins) copy.run({ login });
    return logins;
  } finally {
    db.close();
  }
}

function countCsvRecords(file: string): number {
  const bytes = fs.readFileSync(file);
  let quoted = false;
  let records = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x22) quoted = !quoted;
    else if (b === 0x0a && bytes[i - 1] === 0x0d && !quoted) records++;
  }
  return records;
}


function vmRssMb(pid: number): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : 0;
}

type Download = { who: string; status: number; bytes: number; firstByteS: number; seconds: number; rows: number | null; body: string };

async function main() {
  installCleanupHandlers();
  assertBuilt();
  const stamp = timestamp();
  const dbPath = path.resolve(values.db!);
  if (!fs.existsSync(dbPath)) {
    fs.mkdirSync(path.dirname(dbPath), { recursive: true });
    console.log(`Seeding ${Number(values.responses).toLocaleString('en-US')} ratings into ${dbPath} …`);
    const seed = spawnSync('npm', ['run', 'seed', '--', '--db', dbPath, '--fresh', '--responses', values.responses!], { cwd: ROOT, stdio: 'inherit' });
    if (seed.status !== 0) throw new Error('seeding failed');
  }
  const want = expected(dbPath);
  console.log(`Period ${want.from} → ${want.to}: ${want.valid.toLocaleString('en-US')} valid ratings; ${DOWNLOADS} ${FORMAT.toUpperCase()} downloads at once.`);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hailong-bench-export-concurrent-'));
  const port = await findFreePort(3400, 3449);
  const base = `http://127.0.0.1:${port}`;
  const build = buildId();
  const logFile = path.join(RESULTS_DIR, `export-concurrent-${stamp}.log`);
  const nextBin = require.resolve('next/dist/bin/next', { paths: [ROOT] });
  const app = spawnNode(
    'next start',
    [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'],
    { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', HAILONG_MODE: 'test', DATABASE_PATH: dbPath, SEED_RESPONSES: '0', PUBLIC_BASE_URL: `http://localhost:${port}` },
    logFile,
  );
  const downloads: Download[] = [];
  let people: string[] = [];
  let idle = 0;
  let peak = 0;
  let healthMax = 0;
  let healthCount = 0;
  let wallS = 0;
  /** The server's RSS once a second while the downloads ran, in MB. */
  const timeline: number[] = [];
  try {
    await waitForHttp(`${base}/api/health`, app);
    // After the start: in test mode the app sets the demo accounts' password, which the copies take.
    people = ensurePeople(dbPath, DOWNLOADS);
    const jars: Awaited<ReturnType<typeof signIn>>[] = [];
    for (const login of people) jars.push(await signIn(base, login));
    // Warm the route and exceljs with one small file, then let the server settle.
    await (await fetch(`${base}/xuat/phieu?dinh-dang=${FORMAT}&ky=7-ngay`, { headers: { cookie: cookieHeader(jars[0]!) } })).arrayBuffer();
    await new Promise((r) => setTimeout(r, 2_000));
    const before = startRssSampler(app.pid, 100);
    await new Promise((r) => setTimeout(r, 500));
    idle = before.stop().peakBytes;

    const rss = startRssSampler(app.pid, 100);
    let running = true;
    const pinger = (async () => {
      while (running) {
        const t = performance.now();
        await (await fetch(`${base}/api/health`)).arrayBuffer();
        healthMax = Math.max(healthMax, performance.now() - t);
        healthCount++;
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    const tick = setInterval(() => timeline.push(vmRssMb(app.pid)), 1_000);
    const t0 = performance.now();
    const url = `${base}/xuat/phieu?dinh-dang=${FORMAT}&tu=${want.from}&den=${want.to}`;
    await Promise.all(
      people.map(async (who, i) => {
        const start = performance.now();
        const res = await fetch(url, { headers: { cookie: cookieHeader(jars[i]!) } });
        const firstByteS = (performance.now() - start) / 1000;
        const file = path.join(tmp, `${who}.${FORMAT}`);
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
    wallS = (performance.now() - t0) / 1000;
    clearInterval(tick);
    running = false;
    await pinger;
    peak = rss.stop().peakBytes;
  } finally {
    await stopProcess(app);
  }
  if (!values['no-check']) {
    for (const d of downloads) {
      if (d.status !== 200) continue;
      const file = path.join(tmp, `${d.who}.${FORMAT}`);
      d.rows = (FORMAT === 'csv' ? countCsvRecords(file) : await countXlsxRows(file)) - 1;
    }
  }
  fs.rmSync(tmp, { recursive: true, force: true });

  downloads.sort((a, b) => a.seconds - b.seconds);
  printTable(
    `${DOWNLOADS} concurrent ${FORMAT.toUpperCase()} exports of the whole province, ${want.from} → ${want.to} (${want.valid.toLocaleString('en-US')} valid ratings each)`,
    ['person', 'status', 'first byte s', 'done s', 'size', 'rows = expected'],
    downloads.map((d) => [d.who, d.status === 200 ? 200 : `${d.status} ${d.body.slice(0, 60)}`, d.firstByteS.toFixed(1), d.seconds.toFixed(1), mb(d.bytes), d.rows === null ? '—' : d.rows === want.valid ? 'yes' : `NO (${d.rows})`]),
  );
  console.log(`all done in ${wallS.toFixed(1)} s; server RSS idle ${mb(idle)} → peak ${mb(peak)}; /api/health max ${healthMax.toFixed(0)} ms (${healthCount} asked)`);
  console.log(`RSS each second (MB): ${timeline.join(' ')}`);
  console.log(`target: peak RSS < 300 MB → ${peak < 300 * 1024 * 1024 ? 'met' : 'NOT met'}`);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(
    path.join(RESULTS_DIR, `export-concurrent-${stamp}.json`),
    JSON.stringify({ buildId: build, rebuiltDuringRun: buildId() !== build, db: dbPath, format: FORMAT, expected: want, idleRssBytes: idle, peakRssBytes: peak, rssTimelineMb: timeline, wallS, healthMaxMs: healthMax, downloads: downloads.map(({ body: _b, ...d }) => d) }, null, 2),
  );
  if (downloads.some((d) => d.status === 200 && d.rows !== null && d.rows !== want.valid)) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  killAllStarted();
  process.exit(1);
});
