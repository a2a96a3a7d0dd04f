/**
 * Dossier registration (issue 17), on the production build:
 *
 * 1. the integration API: `--clients` concurrent dossier systems (one key,
 *    as one province's one-stop system) POST /api/v1/dossiers with new codes
 *    (`--requests` in all, after a warm-up), then the same codes again
 *    (idempotent updates); throughput and latency percentiles per phase;
 * 2. a head's CSV of `--rows` dossiers posted to /api/ho-so/nhap (checked row
 *    by row, stored in one transaction), timed from the upload to the answer,
 *    then the same file again (every row an update).
 *
 * The key's rate limit is lifted for the run (API_CALLS_PER_SECOND). Client
 * and server share the machine's cores, as in the other benchmarks.
 *
 *   npm run build && npm run bench:dossiers -- [--requests 6000] [--clients 20] [--rows 10000] [--engine sqlite|pg|both]
 */
import { randomInt } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { makeIntegrationKey } from '../../lib/integration-key';
import { engineLabel, onEachEngine, parseEngines, type BenchDb } from '../lib/engines';
import { beginRun, findFreePort, RESULTS_DIR, startAppOn, stopProcess, writeResults, type BenchRun } from '../lib/processes';
import { cookieHeader, signIn } from '../lib/session';
import { printTable } from '../lib/table';

const { values: flags } = parseArgs({
  options: {
    requests: { type: 'string', default: '6000' },
    clients: { type: 'string', default: '20' },
    rows: { type: 'string', default: '10000' },
    engine: { type: 'string', default: 'sqlite' },
  },
});
const REQUESTS = Number(flags.requests);
const CLIENTS = Number(flags.clients);
const ROWS = Number(flags.rows);
const ENGINES = parseEngines(flags.engine);
if (!(REQUESTS >= 100 && CLIENTS >= 1 && CLIENTS <= 200 && ROWS >= 1 && ROWS <= 20_000)) throw new Error('--requests ≥ 100, --clients 1–200, --rows 1–20000');
const WARM_UP = Math.min(500, Math.ceil(REQUESTS / 10));

type Phase = { phase: string; requests: number; seconds: number; perSecond: number; p50: number; p95: number; p99: number; max: number; statuses: Record<string, number> };

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

const vn = (ms: number) => `${new Date(ms + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;

/** `total` POSTs of the codes `codeOf(i)` by `clients` loops, each waiting for its answer before the next. */
async function load(base: string, key: string, office: string, codes: string[], clients: number, phase: string): Promise<Phase> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const received = Date.now() - 3600_000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < codes.length; i = next++) {
        const body = JSON.stringify({ code: codes[i], officeCode: office, procedure: 'Đăng ký khai sinh', receivedAt: vn(received), dueAt: vn(received + 3 * 86_400_000), returnedAt: null });
        const t0 = performance.now();
        const res = await fetch(`${base}/api/v1/dossiers`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${1 + (i % 200)}` },
          body,
        });
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { phase, requests: codes.length, seconds, perSecond: codes.length / seconds, p50: pct(latencies, 50), p95: pct(latencies, 95), p99: pct(latencies, 99), max: latencies.at(-1)!, statuses };
}

type Import = { phase: string; rows: number; seconds: number; created: number; updated: number; problems: number; bytes: number };

async function importCsv(base: string, cookie: string, csv: string, phase: string): Promise<Import> {
  const form = new FormData();
  form.set('tep', new Blob([csv], { type: 'text/csv' }), 'ho-so.csv');
  const t0 = performance.now();
  const res = await fetch(`${base}/api/ho-so/nhap`, { method: 'POST', headers: { cookie }, body: form });
  const answer = (await res.json()) as { status: string; created?: number; updated?: number; problemCount?: number; message?: string };
  const seconds = (performance.now() - t0) / 1000;
  if (answer.status !== 'stored') throw new Error(`import ${phase}: HTTP ${res.status} ${JSON.stringify(answer).slice(0, 300)}`);
  return { phase, rows: ROWS, seconds, created: answer.created ?? 0, updated: answer.updated ?? 0, problems: answer.problemCount ?? 0, bytes: Buffer.byteLength(csv) };
}

async function measure(db: BenchDb, run: BenchRun) {
  const port = await findFreePort(3760, 3799);
  const app = await startAppOn(db, {
    port,
    work: run.work,
    logFile: path.join(RESULTS_DIR, `dossiers-${run.stamp}-logs`, `app-${db.engine}.log`),
    env: { API_CALLS_PER_SECOND: '1000' },
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    const [root] = await db.rows<{ id: number }>('select id from units where parent_id is null order by id limit 1');
    const made = makeIntegrationKey();
    await db.write('insert into integrations (name, unit_id, key_prefix, key_hash, created_at) values (?, ?, ?, ?, ?)', ['Bench', root!.id, made.prefix, made.hash, Date.now()]);
    const office = 'TTHC22';
    const tag = randomInt(1e9).toString(36).toUpperCase();
    const codes = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${tag}-${String(i).padStart(6, '0')}`);
    console.log(`dossier API on ${engineLabel(db.engine)}: ${CLIENTS} clients, ${WARM_UP} warm-up + ${REQUESTS} registrations, then the same again; app at ${base}`);
    await load(base, made.key, office, codes('WARM', WARM_UP), CLIENTS, 'warm-up');
    const fresh = codes('API', REQUESTS);
    const phases = [await load(base, made.key, office, fresh, CLIENTS, 'new dossiers'), await load(base, made.key, office, fresh, CLIENTS, 'same codes again (updates)')];

    const cookie = cookieHeader(await signIn(base, 'thutruong.tthc'));
    const day = new Date(Date.now() + 7 * 3600_000);
    const dmy = `${String(day.getUTCDate()).padStart(2, '0')}/${String(day.getUTCMonth() + 1).padStart(2, '0')}/${day.getUTCFullYear()}`;
    const csv = ['Mã hồ sơ,Mã đơn vị,Thủ tục,Ngày tiếp nhận,Ngày hẹn trả,Ngày trả kết quả', ...codes('CSV', ROWS).map((c, i) => `${c},${i % 3 ? 'TTHC23' : office},Chứng thực bản sao từ bản chính,${dmy} 07:30,${dmy},`)].join('\r\n');
    const imports = [await importCsv(base, cookie, csv, 'new file'), await importCsv(base, cookie, csv, 'same file again (updates)')];
    const stored = await db.scalar('select count(*) from dossiers');
    return { phases, imports, stored };
  } finally {
    await stopProcess(app);
  }
}

async function main() {
  const run = beginRun('dossiers');
  const runs = await onEachEngine(ENGINES, 'dossiers', run.work, (db) => measure(db, run));
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  printTable(
    `POST /api/v1/dossiers, ${CLIENTS} concurrent clients (aim: ≥ 300/s, p99 < 100 ms)`,
    ['engine', 'phase', 'requests', 'seconds', 'per second', 'p50', 'p95', 'p99', 'max', 'statuses'],
    runs.flatMap((r) =>
      r.phases.map((p) => [engineLabel(r.engine), p.phase, p.requests, p.seconds.toFixed(1), p.perSecond.toFixed(0), ms(p.p50), ms(p.p95), ms(p.p99), ms(p.max), JSON.stringify(p.statuses)]),
    ),
  );
  printTable(
    `CSV import of ${ROWS.toLocaleString('en-US')} rows through /api/ho-so/nhap (aim: < 10 s)`,
    ['engine', 'file', 'rows', 'size', 'seconds', 'created', 'updated', 'problems'],
    runs.flatMap((r) => r.imports.map((i) => [engineLabel(r.engine), i.phase, i.rows, `${(i.bytes / 1024).toFixed(0)} KB`, i.seconds.toFixed(2), i.created, i.updated, i.problems])),
  );
  console.log(`results: ${writeResults('dossiers', run.stamp, run.build, { clients: CLIENTS, requests: REQUESTS, rows: ROWS, engines: runs })}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
