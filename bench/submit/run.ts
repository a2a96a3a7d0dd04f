/**
 * Load test of the survey submit path (the form's POST, a plain form post),
 * against the production build on a fresh SQLite file, compared with a bare
 * node:http + better-sqlite3 ceiling, and followed by a CPU profile that says
 * where the server's time goes.
 *
 *   npm run bench:submit -- --connections 50 --duration 20
 *   (--direct posts to /s/<code> instead of the form's action; --no-ceiling, --no-profile skip phases)
 *
 * Only 127.0.0.1 is ever contacted. X-Forwarded-For values from 198.18.0.0/15
 * (the benchmarking range) are only header text, so that the app's per-address
 * rate limit (120 per 10 min) does not turn the test into a 429 test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import ts from 'typescript';
import {
  buildId, findFreePort, installCleanupHandlers, killAllStarted, pickSurveyCode, RESULTS_DIR, ROOT, spawnNode, startApp, stopProcess,
  timestamp, waitForHttp, type Started,
} from '../lib/processes';
import { startRssSampler, type RssSummary } from '../lib/rss';
import { mb, pct, printTable } from '../lib/table';
import { analyseProfiles, printProfile, waitForProfiles, type ProfileBreakdown } from './profile';
import { discoverSubmitPath, machineBusySeconds, round, runLoad, type LoadFigures } from './load';

const { values: flags } = parseArgs({
  options: {
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
    'profile-duration': { type: 'string', default: '10' },
    'no-ceiling': { type: 'boolean', default: false },
    'no-profile': { type: 'boolean', default: false },
    'keep-db': { type: 'boolean', default: false },
    direct: { type: 'boolean', default: false },
  },
});
const CONNECTIONS = positiveInt(flags.connections, 'connections');
const DURATION = positiveInt(flags.duration, 'duration');
const WARMUP = Number(flags.warmup);
const PROFILE_DURATION = positiveInt(flags['profile-duration'], 'profile-duration');
// Every phase is bounded: nothing here may run for more than a few minutes.
if (DURATION > 300 || PROFILE_DURATION > 120 || !(WARMUP >= 0 && WARMUP <= 30)) throw new Error('duration ≤ 300 s, profile ≤ 120 s, warm-up ≤ 30 s');

type Target = { code: string; submitPath: string; unitId: number; counterId: number | null; questionSetVersionId: number; questionKeys: string[] };

async function main() {
  installCleanupHandlers();
  const stamp = timestamp();
  const work = path.join(os.tmpdir(), `hailong-bench-submit-${stamp}`);
  fs.mkdirSync(work, { recursive: true });
  // Databases go with the run, also when it fails or is interrupted.
  if (!flags['keep-db']) process.on('exit', () => fs.rmSync(work, { recursive: true, force: true }));
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const logs = path.join(RESULTS_DIR, `submit-${stamp}-logs`);
  const port = await findFreePort(3300, 3399);
  console.log(`submit benchmark: ${CONNECTIONS} connections, ${DURATION} s (+${WARMUP} s warm-up), port ${port}, work dir ${work}`);
  const backgroundCores = await measureBackgroundLoad();
  const build = buildId();

  // 1. The app.
  const appDb = path.join(work, 'app.db');
  const app = await startApp({ port, dbPath: appDb, logFile: path.join(logs, 'app.log') });
  const code = pickSurveyCode(appDb);
  const submitPath = await discoverSubmitPath(port, code, flags.direct);
  // A seeded, migrated copy before any load: the ceiling starts from the same database.
  const ceilingDb = path.join(work, 'ceiling.db');
  await backup(appDb, ceilingDb);
  const idleRss = startRssSampler(app.pid).stop().finalBytes;
  const appSampler = startRssSampler(app.pid);
  console.log(`app up (pid ${app.pid}, ${mb(idleRss)} idle), survey code ${code}, the form posts to ${submitPath}; loading…`);
  const appLoad = await measure(port, submitPath, appDb, app.pid);
  const appRssSummary = appSampler.stop();
  const target = readTarget(appDb, code, submitPath);
  await stopProcess(app);
  printLoad(`App: POST ${submitPath.replace(code, '<code>')} (next start)`, appLoad, appRssSummary);

  // 2. The ceiling: the same rows, no framework, no ORM.
  let ceiling: { load: LoadFigures; rss: RssSummary } | null = null;
  if (!flags['no-ceiling']) {
    const srv = startCeiling(port, ceilingDb, target, path.join(logs, 'ceiling.log'));
    await waitForHttp(`http://127.0.0.1:${port}/health`, srv);
    const sampler = startRssSampler(srv.pid);
    console.log(`\nceiling server up (pid ${srv.pid}); loading…`);
    const load = await measure(port, submitPath, ceilingDb, srv.pid);
    const rss = sampler.stop();
    await stopProcess(srv);
    ceiling = { load, rss };
    printLoad('Ceiling: bare node:http + better-sqlite3 prepared statements', load, rss);
  }

  // 3. Where the app's CPU time goes.
  let profile: (ProfileBreakdown & { profileDir: string; load: LoadFigures }) | null = null;
  if (!flags['no-profile']) {
    const profileDir = path.join(RESULTS_DIR, `submit-${stamp}-cpuprofile`);
    const profDb = path.join(work, 'profile.db');
    const prof = await startApp({
      port,
      dbPath: profDb,
      logFile: path.join(logs, 'app-profile.log'),
      nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
    });
    console.log(`\nprofiling the app for ${PROFILE_DURATION} s (pid ${prof.pid})…`);
    const profPath = await discoverSubmitPath(port, pickSurveyCode(profDb), flags.direct);
    if (WARMUP > 0) await runLoad({ ports: [port], submitPath: profPath, seconds: WARMUP, connections: CONNECTIONS, count: null, serverPids: [prof.pid] });
    const load = await runLoad({ ports: [port], submitPath: profPath, seconds: PROFILE_DURATION, connections: CONNECTIONS, count: () => countStored(profDb), serverPids: [prof.pid] });
    await stopProcess(prof, 'SIGTERM', 30_000);
    const files = await waitForProfiles(profileDir, prof.pid);
    // Only the samples taken under the measured load: start-up and warm-up (module loading, JIT) stay out.
    profile = { ...analyseProfiles(files, load.window), profileDir, load };
    printProfile(profile);
  }

  // Summary.
  const rows: (string | number)[][] = [
    ['stored responses / s', round(appLoad.storedPerS), ceiling ? round(ceiling.load.storedPerS) : '–', ceiling ? pct(appLoad.storedPerS / ceiling.load.storedPerS) : '–'],
    ['requests / s', round(appLoad.requestsPerS), ceiling ? round(ceiling.load.requestsPerS) : '–', ''],
    ['p50 latency (ms)', appLoad.latencyMs.p50, ceiling?.load.latencyMs.p50 ?? '–', ''],
    ['p90 latency (ms)', appLoad.latencyMs.p90, ceiling?.load.latencyMs.p90 ?? '–', ''],
    ['p99 latency (ms)', appLoad.latencyMs.p99, ceiling?.load.latencyMs.p99 ?? '–', ''],
    ['non-303 responses', appLoad.non303, ceiling?.load.non303 ?? '–', ''],
    ['errors + timeouts', appLoad.errors + appLoad.timeouts, ceiling ? ceiling.load.errors + ceiling.load.timeouts : '–', ''],
    ['server CPU ms per request', appLoad.cpu.serverMsPerRequest, ceiling?.load.cpu.serverMsPerRequest ?? '–', ceiling ? `${round(appLoad.cpu.serverMsPerRequest / ceiling.load.cpu.serverMsPerRequest, 1)}×` : '–'],
    ['load generator CPU s', appLoad.cpu.loadGeneratorS, ceiling?.load.cpu.loadGeneratorS ?? '–', ''],
    ['other CPU s on the machine', appLoad.cpu.otherS, ceiling?.load.cpu.otherS ?? '–', ''],
    ['server RSS peak', mb(appRssSummary.peakBytes), ceiling ? mb(ceiling.rss.peakBytes) : '–', ''],
    ['server RSS final', mb(appRssSummary.finalBytes), ceiling ? mb(ceiling.rss.finalBytes) : '–', ''],
  ];
  printTable(`Summary (${CONNECTIONS} connections, ${DURATION} s, ${os.cpus().length} cores, load generator on the same machine)`, ['', 'app', 'ceiling', 'app / ceiling'], rows);

  const rebuilt = buildId() !== build;
  if (rebuilt) console.warn('\nWARNING: .next was rebuilt during the benchmark: phases may have run different builds, and the profile\'s source mapping may be off.');

  const out = path.join(RESULTS_DIR, `submit-${stamp}.json`);
  const report = {
    kind: 'submit',
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version, backgroundCoresBusyAtStart: backgroundCores },
    build: { id: build, rebuiltDuringRun: rebuilt },
    settings: { connections: CONNECTIONS, durationS: DURATION, warmupS: WARMUP, profileDurationS: PROFILE_DURATION, port },
    target,
    app: { ...appLoad, rss: { idleBytes: idleRss, ...appRssSummary } },
    ceiling: ceiling ? { ...ceiling.load, rss: ceiling.rss } : null,
    ratioStoredPerS: ceiling ? appLoad.storedPerS / ceiling.load.storedPerS : null,
    profile,
    logs,
  };
  fs.writeFileSync(out, JSON.stringify(report, null, 2));
  console.log(`\nwrote ${path.relative(ROOT, out)}`);
  if (flags['keep-db']) console.log(`kept databases in ${work}`);
}

/** Warm-up (not counted), then the measured run. */
async function measure(port: number, submitPath: string, dbPath: string, serverPid: number): Promise<LoadFigures> {
  if (WARMUP > 0) await runLoad({ ports: [port], submitPath, seconds: WARMUP, connections: CONNECTIONS, count: null, serverPids: [serverPid] });
  return runLoad({ ports: [port], submitPath, seconds: DURATION, connections: CONNECTIONS, count: () => countStored(dbPath), serverPids: [serverPid] });
}


async function countStored(dbPath: string): Promise<{ responses: number; answers: number }> {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const responses = (db.prepare('select count(*) as n from responses').get() as { n: number }).n;
    const answers = (db.prepare('select count(*) as n from answers').get() as { n: number }).n;
    return { responses, answers };
  } finally {
    db.close();
  }
}

async function backup(from: string, to: string) {
  const db = new Database(from, { readonly: true, fileMustExist: true });
  try {
    await db.backup(to);
  } finally {
    db.close();
  }
}

/** What the app stored, so the ceiling can insert identical rows. */
function readTarget(dbPath: string, code: string, submitPath: string): Target {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('select id, unit_id, counter_id, question_set_version_id from responses order by id desc limit 1').get() as
      | { id: number; unit_id: number; counter_id: number | null; question_set_version_id: number }
      | undefined;
    if (!row) throw new Error('the app stored no response: nothing to compare the ceiling with');
    const keys = db.prepare('select question_key from answers where response_id = ? order by id').all(row.id) as { question_key: string }[];
    return { code, submitPath, unitId: row.unit_id, counterId: row.counter_id, questionSetVersionId: row.question_set_version_id, questionKeys: keys.map((k) => k.question_key) };
  } finally {
    db.close();
  }
}

/**
 * Runs the ceiling as plain JavaScript: under tsx it would carry tsx's esbuild
 * service process, whose memory would be counted as the server's.
 */
function startCeiling(port: number, dbPath: string, target: Target, logFile: string): Started {
  const source = fs.readFileSync(path.join(__dirname, 'ceiling-server.ts'), 'utf8');
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
  // Inside the project, so that `require('better-sqlite3')` resolves; removed on exit.
  const file = path.join(RESULTS_DIR, `.ceiling-server-${process.pid}.cjs`);
  fs.writeFileSync(file, js);
  process.on('exit', () => fs.rmSync(file, { force: true }));
  return spawnNode('ceiling server', [file], {
    NODE_ENV: 'production',
    CEILING_PORT: String(port),
    CEILING_DB: dbPath,
    CEILING_TARGET: JSON.stringify(target),
  }, logFile);
}

/** V8 writes the profile as the process exits; the file name carries the pid. */
function printLoad(title: string, l: LoadFigures, rss: RssSummary) {
  printTable(title, ['measure', 'value'], [
    ['duration', `${l.durationS} s`],
    ['requests (rate)', `${l.requests} (${round(l.requestsPerS)}/s)`],
    ['stored responses (rate)', `${l.stored} (${round(l.storedPerS)}/s)`],
    ['answers per stored response', l.answersPerResponse],
    ['latency p50 / p90 / p99 / max', `${l.latencyMs.p50} / ${l.latencyMs.p90} / ${l.latencyMs.p99} / ${l.latencyMs.max} ms`],
    ['status codes', Object.entries(l.statusCodes).map(([k, v]) => `${k}: ${v}`).join(', ')],
    ['non-303 / errors / timeouts', `${l.non303} / ${l.errors} / ${l.timeouts}`],
    ['CPU: server / load generator / other', `${l.cpu.serverS} s / ${l.cpu.loadGeneratorS} s / ${l.cpu.otherS} s of ${round(l.durationS * l.cpu.machineCores)} s (server ${l.cpu.serverMsPerRequest} ms per request)`],
    ['server RSS peak / final', `${mb(rss.peakBytes)} / ${mb(rss.finalBytes)} (${rss.samples} samples, ${rss.processes} process(es))`],
  ]);
}

/** Cores already busy before the benchmark starts (other sessions, builds, tests). */
async function measureBackgroundLoad(): Promise<number> {
  const before = machineBusySeconds();
  await new Promise((r) => setTimeout(r, 2_000));
  const cores = round((machineBusySeconds() - before) / 2, 2);
  if (cores > 0.2) console.warn(`warning: ${cores} of ${os.cpus().length} cores were busy before the benchmark started: other work will skew the figures`);
  return cores;
}

function positiveInt(v: string | undefined, name: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer`);
  return n;
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    killAllStarted();
    process.exit(1);
  },
);
