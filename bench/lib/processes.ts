import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BenchDb } from './engines';

/** Project root: bench/lib/ is two levels below it. */
export const ROOT = path.resolve(__dirname, '..', '..');
export const RESULTS_DIR = path.join(ROOT, 'bench', 'results');

export type Started = { proc: ChildProcess; pid: number; name: string; logFile: string };

const started = new Set<Started>();

/**
 * Kills every process group this benchmark started. Each child is spawned
 * detached, so it leads its own group and `-pid` reaches it and its children
 * without touching anything else on the machine.
 */
export function killAllStarted(signal: NodeJS.Signals = 'SIGKILL') {
  for (const s of started) {
    try {
      process.kill(-s.pid, signal);
    } catch {
      /* already gone */
    }
    started.delete(s);
  }
}

let handlersInstalled = false;
/** Leaves no server behind on an error, Ctrl+C or a plain exit. */
export function installCleanupHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', () => killAllStarted());
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      console.error(`\n${sig}: stopping the servers started by this benchmark`);
      killAllStarted();
      process.exit(130);
    });
  }
  process.on('uncaughtException', (err) => {
    console.error(err);
    killAllStarted();
    process.exit(1);
  });
  process.on('unhandledRejection', (err) => {
    console.error(err);
    killAllStarted();
    process.exit(1);
  });
}

/**
 * Spawns `node <args>` in its own process group, output to a log file.
 * `wrapper`: a command that execs node in its place (`['taskset', '-c', '0']`), so the pid is still node's.
 */
export function spawnNode(name: string, args: string[], env: Record<string, string>, logFile: string, wrapper: string[] = []): Started {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, 'a');
  const [command, ...before] = [...wrapper, process.execPath];
  const proc = spawn(command!, [...before, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  if (!proc.pid) throw new Error(`could not start ${name}`);
  const s: Started = { proc, pid: proc.pid, name, logFile };
  started.add(s);
  proc.on('exit', () => started.delete(s));
  return s;
}

/** Asks a process (group) to stop, then kills it if it has not exited within `graceMs`. */
export async function stopProcess(s: Started, signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<void> {
  if (s.proc.exitCode !== null || s.proc.signalCode !== null) {
    started.delete(s);
    return;
  }
  const exited = new Promise<void>((resolve) => s.proc.once('exit', () => resolve()));
  try {
    process.kill(s.pid, signal);
  } catch {
    /* gone */
  }
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
  if ((await Promise.race([exited, timer])) === 'timeout') {
    try {
      process.kill(-s.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
    await exited;
  }
  // Anything the process itself started (none for `next start` today) goes with its group.
  try {
    process.kill(-s.pid, 'SIGKILL');
  } catch {
    /* group already empty */
  }
  started.delete(s);
}

/**
 * The first port in [from, to] that nobody listens on (127.0.0.1).
 * `BENCH_PORTS=3770-3789` replaces every benchmark's own range, so runs
 * sharing a machine can each keep to their own ports.
 */
export async function findFreePort(from: number, to: number): Promise<number> {
  const range = /^(\d+)-(\d+)$/.exec(process.env.BENCH_PORTS ?? '');
  if (range) [from, to] = [Number(range[1]), Number(range[2])];
  for (let port = from; port <= to; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${from}-${to}`);
}

export async function waitForHttp(url: string, s: Started, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (s.proc.exitCode !== null) throw new Error(`${s.name} exited (code ${s.proc.exitCode}); see ${s.logFile}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${s.name} did not answer 200 on ${url} within ${timeoutMs} ms; see ${s.logFile}`);
}

export function assertBuilt() {
  if (!fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) {
    throw new Error('No production build in .next/ (or a build is running right now): run `npm run build` first.');
  }
}

/** The build's id, to notice a rebuild (by someone else) in the middle of a benchmark. */
export function buildId(): string | null {
  try {
    return fs.readFileSync(path.join(ROOT, '.next', 'BUILD_ID'), 'utf8').trim();
  } catch {
    return null;
  }
}

export type AppOptions = {
  port: number;
  dbPath: string;
  logFile: string;
  /**
   * Extra node flags for the server process, e.g. `--cpu-prof`. Given on the
   * command line: Node 20 refuses `--cpu-prof` in NODE_OPTIONS (allowed from 22).
   */
  nodeArgs?: string[];
  /** More environment for the server (e.g. a limit a benchmark must not hit). */
  env?: Record<string, string>;
  /** Start on the SQLite file as it is (seeded by the benchmark) instead of a new one. */
  keepDb?: boolean;
};

/**
 * Starts the production build the way the brief of the benchmark describes:
 * a fresh database file, test mode (demo province seeded, no demo responses),
 * one trusted proxy hop so each request can bring its own address.
 */
/** The app's AUTH_SECRET in benchmarks, so a load generator can sign survey forms as the server would. */
export const BENCH_AUTH_SECRET = 'hai-long-benchmark-secret-not-for-production-use';

export async function startApp(o: AppOptions): Promise<Started> {
  assertBuilt();
  if (!o.keepDb) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(o.dbPath + suffix, { force: true });
  fs.mkdirSync(path.dirname(o.dbPath), { recursive: true });
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    HAILONG_MODE: 'test',
    DATABASE_PATH: o.dbPath,
    SEED_RESPONSES: '0',
    PUBLIC_BASE_URL: `http://localhost:${o.port}`,
    TRUST_PROXY: '1',
    // Known to the load generator, which signs each survey form itself (bench/submit/run.ts).
    AUTH_SECRET: BENCH_AUTH_SECRET,
    ...o.env,
  };
  const nextBin = require.resolve('next/dist/bin/next', { paths: [ROOT] });
  const s = spawnNode('next start', [...(o.nodeArgs ?? []), nextBin, 'start', '-p', String(o.port), '-H', '127.0.0.1'], env, o.logFile);
  await waitForHttp(`http://127.0.0.1:${o.port}/api/health`, s);
  return s;
}

/**
 * `startApp` on a benchmark's database (bench/lib/engines.ts) as it is,
 * fresh or seeded: the SQLite file, or PostgreSQL through DATABASE_URL. On
 * PostgreSQL the app still wants a file path, only to place its
 * local-secrets file: `work` (a temporary folder) holds it.
 */
export function startAppOn(db: BenchDb, o: Omit<AppOptions, 'dbPath' | 'keepDb'> & { work: string }): Promise<Started> {
  const { work, ...rest } = o;
  const dbPath = db.engine === 'sqlite' ? db.env.DATABASE_PATH! : path.join(work, `${db.label}.secrets-only.db`);
  return startApp({ ...rest, dbPath, keepDb: true, env: { ...db.env, ...o.env } });
}

/** A rateable QR code of the seeded province. */
export function pickSurveyCode(dbPath: string): string {
  const db = new Database(dbPath, { readonly: true });
  try {
    const row = db.prepare('select code from units where code is not null and active = 1 limit 1').get() as { code: string } | undefined;
    if (!row) throw new Error('the seeded database has no unit with a code');
    return row.code;
  } finally {
    db.close();
  }
}

export function timestamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-').replace('T', '_').slice(0, 19);
}

/** What the files of one benchmark run share: the stamp in their names, a temporary work folder, the build it started on. */
export type BenchRun = { stamp: string; work: string; build: string | null };

/**
 * Starts a benchmark run: every server it starts is stopped on any exit, a
 * stamp names its result files, a temporary work folder (databases, the
 * app's local secrets, downloads) goes on exit unless `keepWork`, and the
 * build's id is taken to notice a rebuild meanwhile.
 */
export function beginRun(name: string, keepWork = false): BenchRun {
  installCleanupHandlers();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `hailong-bench-${name}-`));
  if (!keepWork) process.on('exit', () => fs.rmSync(work, { recursive: true, force: true }));
  return { stamp: timestamp(), work, build: buildId() };
}

/**
 * Writes `bench/results/<kind>-<stamp>.json`: `data` after what every result
 * records (when, the machine, and for a run on the production build the
 * build it started on and whether it was rebuilt meanwhile; `build`
 * undefined: no build was used). Returns the path, relative to the working folder.
 */
export function writeResults(kind: string, stamp: string, build: string | null | undefined, data: Record<string, unknown>): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const out = path.join(RESULTS_DIR, `${kind}-${stamp}.json`);
  const head = {
    kind,
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version },
    ...(build === undefined ? {} : { buildId: build, rebuiltDuringRun: buildId() !== build }),
  };
  fs.writeFileSync(out, JSON.stringify({ ...head, ...data }, null, 2));
  return path.relative(process.cwd(), out);
}
