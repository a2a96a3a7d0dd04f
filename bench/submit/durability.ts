/**
 * The survey submit path with SQLite's `synchronous=NORMAL` and `FULL` side
 * by side (DATABASE_SYNCHRONOUS, lib/env.ts): the same load as
 * `bench:submit` (50 connections posting signed forms with new submission
 * ids), on a fresh SQLite file per run, the two settings interleaved over
 * several rounds (NORMAL first in odd rounds, FULL first in even ones) so
 * that other work on a shared machine weighs on both alike.
 *
 *   npm run build && npm run bench:durability -- --rounds 3 --duration 20
 *
 * The aim (issue 16): FULL becomes the production default if it keeps
 * ≥ 500 stored ratings/s on this machine. Beside the rate: latency, the
 * server's CPU per request, and what the server asked the kernel to write
 * and what reached the disk (/proc/<pid>/io), which is where FULL costs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { beginRun, findFreePort, killAllStarted, pickSurveyCode, RESULTS_DIR, startApp, stopProcess, writeResults } from '../lib/processes';
import { mb, printTable } from '../lib/table';
import { discoverSubmitPath, machineBusySeconds, round, runLoad, type LoadFigures } from './load';

const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
  },
});
const ROUNDS = Number(flags.rounds);
const CONNECTIONS = Number(flags.connections);
const DURATION = Number(flags.duration);
const WARMUP = Number(flags.warmup);
if (!(Number.isInteger(ROUNDS) && ROUNDS >= 1 && ROUNDS <= 10)) throw new Error('--rounds 1…10');
if (!(CONNECTIONS > 0 && DURATION > 0 && DURATION <= 300 && WARMUP >= 0 && WARMUP <= 30)) throw new Error('connections > 0, 0 < duration ≤ 300 s, warm-up ≤ 30 s');
const AIM_STORED_PER_S = 500;

type Setting = 'normal' | 'full';
type DiskIo = { writeCallsBytes: number; diskWriteBytes: number };
type Run = { round: number; setting: Setting; load: LoadFigures; io: DiskIo; busyCoresBefore: number };

/** What a process asked to write (wchar) and what it caused to reach the block device (write_bytes), from /proc/<pid>/io. */
function readIo(pid: number): DiskIo {
  try {
    const text = fs.readFileSync(`/proc/${pid}/io`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
    return { writeCallsBytes: field('wchar'), diskWriteBytes: field('write_bytes') };
  } catch {
    return { writeCallsBytes: 0, diskWriteBytes: 0 };
  }
}

async function countStored(dbPath: string) {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const responses = (db.prepare('select count(*) as n from responses').get() as { n: number }).n;
    const answers = (db.prepare('select count(*) as n from answers').get() as { n: number }).n;
    return { responses, answers };
  } finally {
    db.close();
  }
}

async function busyCores(): Promise<number> {
  const before = machineBusySeconds();
  await new Promise((r) => setTimeout(r, 1_000));
  return round(machineBusySeconds() - before, 2);
}

async function measureOne(setting: Setting, roundNo: number, work: string, logs: string): Promise<Run> {
  const port = await findFreePort(3300, 3399);
  const dbPath = path.join(work, `${setting}-${roundNo}.db`);
  const busyCoresBefore = await busyCores();
  const app = await startApp({ port, dbPath, logFile: path.join(logs, `${setting}-${roundNo}.log`), env: { DATABASE_SYNCHRONOUS: setting } });
  try {
    const code = pickSurveyCode(dbPath);
    const submitPath = await discoverSubmitPath(port, code);
    if (WARMUP > 0) await runLoad({ ports: [port], submitPath, seconds: WARMUP, connections: CONNECTIONS, count: null, serverPids: [app.pid] });
    const io0 = readIo(app.pid);
    const load = await runLoad({ ports: [port], submitPath, seconds: DURATION, connections: CONNECTIONS, count: () => countStored(dbPath), serverPids: [app.pid] });
    const io1 = readIo(app.pid);
    const io = { writeCallsBytes: io1.writeCallsBytes - io0.writeCallsBytes, diskWriteBytes: io1.diskWriteBytes - io0.diskWriteBytes };
    console.log(
      `round ${roundNo} ${setting.toUpperCase()}: ${round(load.storedPerS)} stored/s, p50 ${load.latencyMs.p50} ms, p99 ${load.latencyMs.p99} ms, ` +
        `non-303 ${load.non303}, errors ${load.errors + load.timeouts}, disk writes ${mb(io.diskWriteBytes)} (${busyCoresBefore} cores busy before)`,
    );
    return { round: roundNo, setting, load, io, busyCoresBefore };
  } finally {
    await stopProcess(app);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbPath + suffix, { force: true });
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function main() {
  const run = beginRun('durability');
  const logs = path.join(RESULTS_DIR, `durability-${run.stamp}-logs`);
  console.log(`durability benchmark: ${ROUNDS} round(s) of NORMAL and FULL, ${CONNECTIONS} connections, ${DURATION} s each (+${WARMUP} s warm-up), work dir ${run.work}`);
  const runs: Run[] = [];
  for (let r = 1; r <= ROUNDS; r++) {
    const order: Setting[] = r % 2 === 1 ? ['normal', 'full'] : ['full', 'normal'];
    for (const setting of order) runs.push(await measureOne(setting, r, run.work, logs));
  }

  const of = (s: Setting) => runs.filter((r) => r.setting === s);
  const summary = (s: Setting) => {
    const rs = of(s);
    return {
      storedPerS: round(median(rs.map((r) => r.load.storedPerS))),
      storedPerSRange: [round(Math.min(...rs.map((r) => r.load.storedPerS))), round(Math.max(...rs.map((r) => r.load.storedPerS)))],
      p50Ms: median(rs.map((r) => r.load.latencyMs.p50)),
      p99Ms: median(rs.map((r) => r.load.latencyMs.p99)),
      serverCpuMsPerRequest: round(median(rs.map((r) => r.load.cpu.serverMsPerRequest)), 3),
      diskBytesPerRating: round(median(rs.map((r) => r.io.diskWriteBytes / Math.max(1, r.load.stored)))),
      failures: rs.reduce((n, r) => n + r.load.non303 + r.load.errors + r.load.timeouts, 0),
      otherCpuS: round(median(rs.map((r) => r.load.cpu.otherS)), 1),
    };
  };
  const normal = summary('normal');
  const full = summary('full');
  printTable(
    `Submit path, SQLite synchronous NORMAL vs FULL (median of ${ROUNDS} interleaved round(s); ${CONNECTIONS} connections, ${DURATION} s; ${os.cpus().length} cores, load generator on the same machine)`,
    ['', 'NORMAL', 'FULL', 'FULL / NORMAL'],
    [
      ['stored ratings / s (median)', normal.storedPerS, full.storedPerS, `${round((full.storedPerS / normal.storedPerS) * 100)} %`],
      ['stored ratings / s (min – max)', normal.storedPerSRange.join(' – '), full.storedPerSRange.join(' – '), ''],
      ['p50 latency (ms)', normal.p50Ms, full.p50Ms, ''],
      ['p99 latency (ms)', normal.p99Ms, full.p99Ms, ''],
      ['server CPU ms per request', normal.serverCpuMsPerRequest, full.serverCpuMsPerRequest, ''],
      ['bytes written to disk per rating', normal.diskBytesPerRating, full.diskBytesPerRating, ''],
      ['non-303 + errors + timeouts (all rounds)', normal.failures, full.failures, ''],
      ['other CPU s on the machine (median)', normal.otherCpuS, full.otherCpuS, ''],
    ],
  );
  const meets = full.storedPerS >= AIM_STORED_PER_S && full.failures === 0;
  console.log(`FULL keeps ≥ ${AIM_STORED_PER_S} stored/s with no failure: ${meets ? 'yes' : 'NO'} (${full.storedPerS}/s)`);
  const out = writeResults('durability', run.stamp, run.build, {
    settings: { rounds: ROUNDS, connections: CONNECTIONS, durationS: DURATION, warmupS: WARMUP },
    summary: { normal, full, fullMeetsAim: meets, aimStoredPerS: AIM_STORED_PER_S },
    runs,
    logs,
  });
  console.log(`wrote ${out}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    killAllStarted();
    process.exit(1);
  },
);
