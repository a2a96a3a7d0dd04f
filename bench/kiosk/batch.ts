/**
 * Throughput of the kiosk batch endpoint (POST /api/kiosk/batch) in ratings
 * per second, against the production build on a fresh SQLite file.
 *
 *   npm run bench:kiosk-batch -- --duration 15 --connections 1,4 --sizes 50,500
 *
 * Each connection is its own paired kiosk (a credential written into the
 * database before the run, as pairing would), sending batches back to back:
 * new UUIDs, tap times spaced 15 s apart going back from now (so the burst
 * rule flags nothing and every tap is within the 30-day bound), random
 * scores, reasons on a third of the low ones. A batch counts when it answers
 * 200 with every id under `stored`. Then the retry case: the same batches
 * sent again, all answered as duplicates. Only 127.0.0.1 is contacted, on a
 * free port in 3810–3899; the server is stopped on exit, error or Ctrl+C.
 */
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { buildId, findFreePort, installCleanupHandlers, RESULTS_DIR, startApp, stopProcess, timestamp } from '../lib/processes';
import { printTable } from '../lib/table';

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '1,4' },
    sizes: { type: 'string', default: '50,500' },
  },
});
const DURATION_S = Number(flags.duration);
const CONNECTIONS = flags.connections.split(',').map(Number);
const SIZES = flags.sizes.split(',').map(Number);
if (!(DURATION_S > 0 && DURATION_S <= 120) || CONNECTIONS.some((c) => !(c >= 1 && c <= 16)) || SIZES.some((s) => !(s >= 1 && s <= 500))) {
  throw new Error('duration 1–120 s, connections 1–16, sizes 1–500');
}

const REASONS = ['attitude', 'guidance', 'waiting', 'trips', 'extra_papers', 'late', 'other'];
const TAP_GAP_MS = 15_000;

type Kiosk = { id: number; cookie: string; nextTap: number };
type Item = { clientId: string; tappedAt: number; score: number; reasons: string[]; comment: string | null; lang: 'vi' };
type RunFigures = {
  case: string;
  batchSize: number;
  connections: number;
  durationS: number;
  batches: number;
  ratings: number;
  ratingsPerS: number;
  batchesPerS: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  failures: number;
  /** Server CPU (user + system) per rating: the figure least disturbed by other work on a shared machine. */
  serverCpuUsPerRating: number;
  /** Busy CPU seconds of the whole machine during the case, minus the server's and this process's. */
  otherCpuS: number;
};

/** User + system CPU seconds of a process (/proc/<pid>/stat, clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Busy CPU seconds of the whole machine (every core): /proc/stat without idle and iowait. */
function machineBusySeconds(): number {
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return (cpu.reduce((a, b) => a + b, 0) - cpu[3]! - cpu[4]!) / 100;
}

const selfCpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Kiosks paired directly in the database: a token whose SHA-256 is stored, as POST /api/kiosk/pair does. */
function pairKiosks(dbPath: string, n: number): Kiosk[] {
  const db = new Database(dbPath);
  try {
    const office = db.prepare('select id from units where code is not null and active = 1 order by id limit 1').get() as { id: number };
    const now = Date.now();
    return Array.from({ length: n }, (_, i) => {
      const token = randomBytes(32).toString('base64url');
      const hash = createHash('sha256').update(token).digest('hex');
      const id = Number(
        db
          .prepare('insert into kiosks (unit_id, name, credential_hash, paired_at, idle_seconds, created_at) values (?, ?, ?, ?, 30, ?)')
          .run(office.id, `Kiosk bench ${i + 1}`, hash, now, now).lastInsertRowid,
      );
      return { id, cookie: `hl_kiosk=${id}.${token}`, nextTap: now - 1000 };
    });
  } finally {
    db.close();
  }
}

function makeBatch(k: Kiosk, size: number): Item[] {
  return Array.from({ length: size }, () => {
    const score = randomInt(1, 6);
    k.nextTap -= TAP_GAP_MS;
    return {
      clientId: randomUUID(),
      tappedAt: k.nextTap,
      score,
      reasons: score <= 3 && randomInt(3) === 0 ? [REASONS[randomInt(REASONS.length)]!] : [],
      comment: null,
      lang: 'vi',
    };
  });
}

async function post(base: string, k: Kiosk, items: Item[]): Promise<{ ok: boolean; stored: number; duplicates: number; ms: number }> {
  const t0 = performance.now();
  const res = await fetch(`${base}/api/kiosk/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: k.cookie },
    body: JSON.stringify({ appVersion: 'bench', queued: items.length, items }),
  });
  const json = (await res.json()) as { stored?: string[]; duplicates?: string[] };
  return { ok: res.status === 200, stored: json.stored?.length ?? 0, duplicates: json.duplicates?.length ?? 0, ms: performance.now() - t0 };
}

const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0);

/**
 * `connections` kiosks send new batches back to back for the duration (or,
 * with `replay`, send those batches again, expecting all duplicates).
 */
async function run(
  base: string,
  serverPid: number,
  kiosks: Kiosk[],
  size: number,
  replay: Map<number, Item[][]> | null,
  record: Map<number, Item[][]>,
): Promise<RunFigures> {
  const cpu0 = { server: cpuSeconds(serverPid), self: selfCpuSeconds(), machine: machineBusySeconds() };
  const latencies: number[] = [];
  let batches = 0;
  let ratings = 0;
  let failures = 0;
  const started = performance.now();
  const deadline = started + DURATION_S * 1000;
  await Promise.all(
    kiosks.map(async (k) => {
      const queue = replay?.get(k.id) ?? [];
      const sent: Item[][] = [];
      while (performance.now() < deadline) {
        const items = replay ? queue.shift() : makeBatch(k, size);
        if (!items) break;
        const r = await post(base, k, items);
        const counted = replay ? r.duplicates : r.stored;
        if (!r.ok || counted !== items.length) failures++;
        else {
          batches++;
          ratings += counted;
          latencies.push(r.ms);
        }
        if (!replay) sent.push(items);
      }
      if (!replay) record.set(k.id, sent);
    }),
  );
  const durationS = (performance.now() - started) / 1000;
  const server = cpuSeconds(serverPid) - cpu0.server;
  const self = selfCpuSeconds() - cpu0.self;
  const machine = machineBusySeconds() - cpu0.machine;
  latencies.sort((a, b) => a - b);
  return {
    case: replay ? 'retry (all duplicates)' : 'new ratings',
    batchSize: size,
    connections: kiosks.length,
    durationS,
    batches,
    ratings,
    ratingsPerS: ratings / durationS,
    batchesPerS: batches / durationS,
    latencyMs: { p50: quantile(latencies, 0.5), p90: quantile(latencies, 0.9), p99: quantile(latencies, 0.99), max: latencies.at(-1) ?? 0 },
    failures,
    serverCpuUsPerRating: ratings ? (server * 1e6) / ratings : 0,
    otherCpuS: Math.max(0, machine - server - self),
  };
}

async function main() {
  installCleanupHandlers();
  const stamp = timestamp();
  const work = path.join(os.tmpdir(), `hailong-bench-kiosk-batch-${stamp}`);
  fs.mkdirSync(work, { recursive: true });
  process.on('exit', () => fs.rmSync(work, { recursive: true, force: true }));
  const dbPath = path.join(work, 'bench.db');
  const port = await findFreePort(3810, 3899);
  const base = `http://127.0.0.1:${port}`;
  const build = buildId();
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  // The endpoint's throughput, not the per-kiosk request limit (30 a minute), is measured: lift the limit.
  const app = await startApp({ port, dbPath, logFile: path.join(RESULTS_DIR, `kiosk-batch-${stamp}.log`), env: { KIOSK_BATCHES_PER_MINUTE: '100000', KIOSK_DAILY_LIMIT: '100000' } });
  const figures: RunFigures[] = [];
  try {
    const maxConnections = Math.max(...CONNECTIONS);
    const kiosks = pairKiosks(dbPath, maxConnections * SIZES.length * 2);
    let used = 0;
    // Warm-up: compile the route, prepare the statements.
    const warm = kiosks[used++]!;
    for (let i = 0; i < 5; i++) await post(base, warm, makeBatch(warm, 50));
    for (const size of SIZES) {
      for (const connections of CONNECTIONS) {
        const set = kiosks.slice(used, used + connections);
        used += connections;
        const sent = new Map<number, Item[][]>();
        const fresh = await run(base, app.pid, set, size, null, sent);
        figures.push(fresh);
        figures.push(await run(base, app.pid, set, size, sent, new Map()));
      }
    }
    const db = new Database(dbPath, { readonly: true });
    const stored = (db.prepare("select count(*) as n from responses where channel = 'kiosk'").get() as { n: number }).n;
    const flagged = (db.prepare("select count(*) as n from responses where flags like '%kiosk_burst%'").get() as { n: number }).n;
    db.close();
    const expected = 5 * 50 + figures.filter((f) => f.case === 'new ratings').reduce((s, f) => s + f.ratings, 0);
    printTable(
      `POST /api/kiosk/batch, ${DURATION_S} s per case (server and load generator on the same machine)`,
      ['case', 'batch', 'conn.', 'ratings/s', 'batches/s', 'p50 ms', 'p90 ms', 'p99 ms', 'failures', 'server CPU µs/rating', 'other CPU s'],
      figures.map((f) => [
        f.case,
        f.batchSize,
        f.connections,
        Math.round(f.ratingsPerS),
        Number(f.batchesPerS.toFixed(1)),
        Number(f.latencyMs.p50.toFixed(1)),
        Number(f.latencyMs.p90.toFixed(1)),
        Number(f.latencyMs.p99.toFixed(1)),
        f.failures,
        Math.round(f.serverCpuUsPerRating),
        Number(f.otherCpuS.toFixed(1)),
      ]),
    );
    console.log(`\nrows in responses: ${stored} (expected ${expected}); flagged kiosk_burst: ${flagged}; build ${build}${buildId() !== build ? ' (REBUILT during the run!)' : ''}`);
    const out = path.join(RESULTS_DIR, `kiosk-batch-${stamp}.json`);
    fs.writeFileSync(out, JSON.stringify({ stamp, build, rebuilt: buildId() !== build, durationS: DURATION_S, figures, stored, expected, flagged }, null, 2));
    console.log(`results: ${path.relative(process.cwd(), out)}`);
    if (stored !== expected) process.exitCode = 1;
  } finally {
    await stopProcess(app);
  }
}

void main();
