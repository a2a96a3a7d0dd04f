/**
 * Throughput of the kiosk batch endpoint (POST /api/kiosk/batch) in ratings
 * per second, against the production build on a fresh database: SQLite,
 * PostgreSQL or both in one run (`--engine`, bench/lib/engines.ts).
 *
 *   npm run bench:kiosk-batch -- --duration 15 --connections 1,4 --sizes 50,500 [--engine sqlite|pg|both]
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
import path from 'node:path';
import { parseArgs } from 'node:util';
import { engineLabel, onEachEngine, parseEngines, type BenchDb } from '../lib/engines';
import { beginRun, buildId, findFreePort, killAllStarted, RESULTS_DIR, startAppOn, stopProcess, writeResults, type BenchRun } from '../lib/processes';
import { machineBusySeconds, processCpuSeconds } from '../submit/load';
import { printTable } from '../lib/table';

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '1,4' },
    sizes: { type: 'string', default: '50,500' },
    engine: { type: 'string', default: 'sqlite' },
  },
});
const ENGINES = parseEngines(flags.engine);
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

const selfCpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Kiosks paired directly in the database: a token whose SHA-256 is stored, as POST /api/kiosk/pair does. */
async function pairKiosks(db: BenchDb, n: number): Promise<Kiosk[]> {
  const [office] = await db.rows<{ id: number }>('select id from units where code is not null and active = true order by id limit 1');
  const now = Date.now();
  const kiosks: Kiosk[] = [];
  for (let i = 0; i < n; i++) {
    const token = randomBytes(32).toString('base64url');
    const hash = createHash('sha256').update(token).digest('hex');
    const [row] = await db.write<{ id: number }>(
      'insert into kiosks (unit_id, name, credential_hash, paired_at, idle_seconds, created_at) values (?, ?, ?, ?, 30, ?) returning id',
      [office!.id, `Kiosk bench ${i + 1}`, hash, now, now],
    );
    kiosks.push({ id: row!.id, cookie: `hl_kiosk=${row!.id}.${token}`, nextTap: now - 1000 });
  }
  return kiosks;
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
  const cpu0 = { server: processCpuSeconds(serverPid), self: selfCpuSeconds(), machine: machineBusySeconds() };
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
  const server = processCpuSeconds(serverPid) - cpu0.server;
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

type EngineRun = { figures: RunFigures[]; stored: number; expected: number; flagged: number };

async function measure(db: BenchDb, { work, stamp }: BenchRun): Promise<EngineRun> {
  const port = await findFreePort(3810, 3899);
  const base = `http://127.0.0.1:${port}`;
  // The endpoint's throughput, not the per-kiosk request limit (30 a minute), is measured: lift the limit.
  const app = await startAppOn(db, {
    port,
    work,
    logFile: path.join(RESULTS_DIR, `kiosk-batch-${stamp}-logs`, `${db.engine}.log`),
    env: { KIOSK_BATCHES_PER_MINUTE: '100000', KIOSK_DAILY_LIMIT: '100000' },
  });
  try {
    console.log(`${engineLabel(db.engine)} (${db.label}): app at ${base}`);
    const figures: RunFigures[] = [];
    const maxConnections = Math.max(...CONNECTIONS);
    const kiosks = await pairKiosks(db, maxConnections * SIZES.length * 2);
    let used = 0;
    // Warm-up: compile the route, prepare the statements.
    const warm = kiosks[used++]!;
    for (let i = 0; i < 5; i++) await post(base, warm, makeBatch(warm, 50));
    for (const size of SIZES) {
      for (const connections of CONNECTIONS) {
        const set = kiosks.slice(used, used + connections);
        used += connections;
        const sent = new Map<number, Item[][]>();
        figures.push(await run(base, app.pid, set, size, null, sent));
        figures.push(await run(base, app.pid, set, size, sent, new Map()));
      }
    }
    const stored = await db.scalar("select count(*) from responses where channel = 'kiosk'");
    const flagged = await db.scalar("select count(*) from responses where flags like '%kiosk_burst%'");
    const expected = 5 * 50 + figures.filter((f) => f.case === 'new ratings').reduce((s, f) => s + f.ratings, 0);
    return { figures, stored, expected, flagged };
  } finally {
    await stopProcess(app);
  }
}

async function main() {
  const run = beginRun('kiosk-batch');
  const runs = await onEachEngine(ENGINES, 'kiosk_batch', run.work, (db) => measure(db, run));
  printTable(
    `POST /api/kiosk/batch, ${DURATION_S} s per case (server, database and load generator on the same machine)`,
    ['engine', 'case', 'batch', 'conn.', 'ratings/s', 'batches/s', 'p50 ms', 'p90 ms', 'p99 ms', 'failures', 'server CPU µs/rating', 'other CPU s'],
    runs.flatMap((r) =>
      r.figures.map((f) => [
        engineLabel(r.engine),
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
    ),
  );
  console.log('');
  for (const r of runs) console.log(`${engineLabel(r.engine)}: rows in responses: ${r.stored} (expected ${r.expected}); flagged kiosk_burst: ${r.flagged}`);
  console.log(`build ${run.build}${buildId() !== run.build ? ' (REBUILT during the run!)' : ''}`);
  console.log(`results: ${writeResults('kiosk-batch', run.stamp, run.build, { durationS: DURATION_S, engines: runs })}`);
  if (runs.some((r) => r.stored !== r.expected)) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  killAllStarted();
  process.exit(1);
});
