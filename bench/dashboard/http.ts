/**
 * Full page renders of the dashboards on a production build: `next start`
 * from a separate copy of the project (not /work/main's .next, which other
 * sessions rebuild), on the seeded database (a SQLite file or a PostgreSQL
 * database: the environment of its BenchDb), signed in as the demo
 * administrator. Times each GET from the request to the last body byte.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { startRssSampler, type RssSummary } from '../lib/rss';
import { statsOf, type Stats } from './stats';
import { cookieHeader, signIn, type Jar } from '../lib/session';

export type App = { proc: ChildProcess; pid: number; port: number; logFile: string; base: string };

let running: App | null = null;

/** Stops the one server this benchmark started (its process group), on any exit path. */
export function stopAppNow() {
  if (!running) return;
  try {
    process.kill(-running.pid, 'SIGKILL');
  } catch {
    /* gone */
  }
  running = null;
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

export function assertBuiltIn(appDir: string) {
  if (!fs.existsSync(path.join(appDir, '.next', 'BUILD_ID'))) {
    throw new Error(
      `No production build in ${appDir}/.next. Make one outside /work/main:\n` +
        `  rsync -a --exclude node_modules --exclude .next --exclude e2e/.data /work/main/ ${appDir}/ && ln -sfn /work/main/node_modules ${appDir}/node_modules\n` +
        `  (cd ${appDir} && NEXT_TELEMETRY_DISABLED=1 npx next build)`,
    );
  }
}

export function buildIdOf(appDir: string): string | null {
  try {
    return fs.readFileSync(path.join(appDir, '.next', 'BUILD_ID'), 'utf8').trim();
  } catch {
    return null;
  }
}

/**
 * `next start` of `appDir` on `port` on the seeded database (`dbEnv`:
 * DATABASE_PATH, or DATABASE_URL for PostgreSQL, as BenchDb.env gives them):
 * test mode, so the demo accounts are created on either engine (server/start.ts).
 */
export async function startApp(appDir: string, port: number, dbEnv: Record<string, string>, logFile: string): Promise<App> {
  assertBuiltIn(appDir);
  if (!(await portIsFree(port))) throw new Error(`port ${port} is taken; pass --port or stop what listens there`);
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, 'a');
  const nextBin = path.join(appDir, 'node_modules', 'next', 'dist', 'bin', 'next');
  const proc = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: appDir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      HAILONG_MODE: 'test',
      ...dbEnv,
      SEED_RESPONSES: '0',
      PUBLIC_BASE_URL: `http://localhost:${port}`,
    },
    detached: true,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  if (!proc.pid) throw new Error('could not start next');
  const app: App = { proc, pid: proc.pid, port, logFile, base: `http://127.0.0.1:${port}` };
  running = app;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`next start exited (code ${proc.exitCode}); see ${logFile}`);
    try {
      const res = await fetch(`${app.base}/api/health`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return app;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`next start did not answer on /api/health within 60 s; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function stopApp(app: App) {
  if (app.proc.exitCode === null && app.proc.signalCode === null) {
    const exited = new Promise<void>((resolve) => app.proc.once('exit', () => resolve()));
    try {
      process.kill(app.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
    const t = setTimeout(() => {
      try {
        process.kill(-app.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 10_000);
    await exited;
    clearTimeout(t);
  }
  try {
    process.kill(-app.pid, 'SIGKILL');
  } catch {
    /* group empty */
  }
  if (running === app) running = null;
}


/**
 * CPU seconds (user + system) used so far by every process in a process
 * group (the server is started as a group leader): /proc/<pid>/stat fields
 * 14-15 and the group id, field 5, in clock ticks of 1/100 s.
 */
export function groupCpuSeconds(pgid: number): number {
  let ticks = 0;
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // f[0] is field 3 (state): field n is f[n - 3].
      if (Number(f[2]) === pgid) ticks += Number(f[11]) + Number(f[12]);
    } catch {
      /* exited while scanning */
    }
  }
  return ticks / 100;
}

/**
 * `serverCpuMs`: the app server's CPU time per request, averaged over the
 * timed runs (the figure least disturbed by other work); `dbCpuMs`: on
 * PostgreSQL, its backends' CPU time per request, which `serverCpuMs` leaves out.
 */
export type PageResult = {
  page: string;
  url: string;
  status: number;
  bytes: number;
  stats: Stats | null;
  serverCpuMs?: number;
  dbCpuMs?: number;
  note?: string;
};

/**
 * `runs` sequential GETs after `warmup`, each timed to its last body byte
 * (fewer, at least 5, once `maxMs` is spent: the province's own dashboard
 * takes seconds at 2M); null stats when the page does
 * not answer 200.
 */
export async function timePage(
  base: string,
  jar: Jar,
  page: string,
  url: string,
  runs: number,
  warmup: number,
  {
    maxMs = 30_000,
    serverPid,
    dbCpuSeconds,
  }: { maxMs?: number; serverPid?: number; dbCpuSeconds?: () => Promise<number | null> } = {},
): Promise<PageResult> {
  const get = async () => {
    const t0 = performance.now();
    const res = await fetch(base + url, { headers: { cookie: cookieHeader(jar) }, redirect: 'manual' });
    const body = await res.arrayBuffer();
    return { ms: performance.now() - t0, status: res.status, bytes: body.byteLength };
  };
  const first = await get();
  if (first.status !== 200) return { page, url, status: first.status, bytes: first.bytes, stats: null, note: `HTTP ${first.status}` };
  for (let i = 1; i < warmup; i++) await get();
  const xs: number[] = [];
  let bytes = first.bytes;
  const started = performance.now();
  const cpu0 = serverPid ? groupCpuSeconds(serverPid) : 0;
  const db0 = (await dbCpuSeconds?.()) ?? null;
  for (let i = 0; i < runs; i++) {
    const r = await get();
    if (r.status !== 200) throw new Error(`${url} answered ${r.status} on run ${i + 1}`);
    xs.push(r.ms);
    bytes = r.bytes;
    if (xs.length >= 5 && performance.now() - started > maxMs) break;
  }
  const serverCpuMs = serverPid ? ((groupCpuSeconds(serverPid) - cpu0) * 1000) / xs.length : undefined;
  const db1 = db0 === null ? null : ((await dbCpuSeconds?.()) ?? null);
  const dbCpuMs = db0 !== null && db1 !== null ? ((db1 - db0) * 1000) / xs.length : undefined;
  return { page, url, status: 200, bytes, stats: statsOf(xs), serverCpuMs, dbCpuMs };
}

export type HttpRun = { pages: PageResult[]; rss: RssSummary; buildId: string | null };

/** Starts the app on the database of `dbEnv`, signs in (`login`), times every page, stops the app. */
export async function runHttp(o: {
  appDir: string;
  port: number;
  dbEnv: Record<string, string>;
  /** CPU seconds used so far by the database server (BenchDb.serverCpuSeconds). */
  dbCpuSeconds?: () => Promise<number | null>;
  logFile: string;
  pages: { page: string; url: string }[];
  runs: number;
  warmup: number;
  /** The demo account to sign in as (default the administrator). */
  login?: string;
  onProgress?: (r: PageResult) => void;
}): Promise<HttpRun> {
  const app = await startApp(o.appDir, o.port, o.dbEnv, o.logFile);
  const rss = startRssSampler(app.pid);
  const pages: PageResult[] = [];
  try {
    const jar = await signIn(app.base, o.login);
    for (const p of o.pages) {
      const r = await timePage(app.base, jar, p.page, p.url, o.runs, o.warmup, { serverPid: app.pid, dbCpuSeconds: o.dbCpuSeconds });
      pages.push(r);
      o.onProgress?.(r);
    }
  } finally {
    await stopApp(app);
  }
  return { pages, rss: rss.stop(), buildId: buildIdOf(o.appDir) };
}
