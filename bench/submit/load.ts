/**
 * The survey-post load of the submit benchmarks (bench/submit/run.ts,
 * bench/submit/engines.ts): autocannon posts signed survey forms, each with a
 * new submission id and a random benchmarking address, to one or several
 * servers; the figures count what the database stored and the CPU the
 * servers used.
 */
import { randomInt, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import autocannon from 'autocannon';
import { deriveKey, FORM_TOKEN_TTL_MS, signFormToken } from '../../lib/survey/form-token';
import { BENCH_AUTH_SECRET } from '../lib/processes';
import { latencySummary, runOpenLoop } from './open-loop';

export type LoadFigures = {
  durationS: number;
  requests: number;
  requestsPerS: number;
  storedBefore: number;
  storedAfter: number;
  stored: number;
  storedPerS: number;
  answersPerResponse: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  statusCodes: Record<string, number>;
  non303: number;
  errors: number;
  timeouts: number;
  /** CPU seconds used during the run: the server's (from /proc) and this process's (the load generator). */
  cpu: { serverS: number; loadGeneratorS: number; otherS: number; machineCores: number; serverMsPerRequest: number };
  /** When the load ran, on the monotonic clock (µs), to cut the CPU profile to it. */
  window: { startUs: number; endUs: number };
};

export type LoadOptions = {
  ports: number[];
  /** Several: each post goes to one of them at random (ratings spread over offices). */
  submitPath: string | readonly string[];
  seconds: number;
  connections: number;
  /** Rows stored so far (responses, answers); null for a warm-up that counts nothing. */
  count: (() => Promise<{ responses: number; answers: number }>) | null;
  serverPids: number[];
  /** The answers posted (AnswerMix); 'uniform' unless said. */
  answers?: AnswerMix;
  /**
   * Posts per second offered over all connections, as citizens arrive whatever the server's pace,
   * each timed from when it was due (open-loop.ts); absent: each connection posts again as soon as
   * it is answered (the server's ceiling).
   */
  rate?: number;
};

export async function runLoad({ ports, submitPath, seconds, connections, count, serverPids, answers = 'uniform', rate }: LoadOptions): Promise<LoadFigures> {
  const paths = typeof submitPath === 'string' ? [submitPath] : submitPath;
  if (paths.length === 0) throw new Error('no submit path');
  const none = async () => ({ responses: 0, answers: 0 });
  const counted = count ?? none;
  const before = await counted();
  const serverCpu = () => serverPids.reduce((sum, pid) => sum + processCpuSeconds(pid), 0);
  const serverCpu0 = serverCpu();
  const machineCpu0 = machineBusySeconds();
  const clientCpu0 = process.cpuUsage();
  const t0 = performance.now();
  const startUs = monotonicUs();
  // One post as a browser without cookies sends it, to one of the offices at random.
  const post = () => ({
    path: paths.length === 1 ? paths[0]! : paths[randomInt(paths.length)]!,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-forwarded-for': benchmarkAddress(),
      'user-agent': 'hailong-bench/1',
    },
    // A new id every time: a repeated one would be stored once (idempotency).
    body: benchmarkForm(answers),
  });
  const result = rate ? await openLoop(ports, rate, seconds, connections, post) : await closedLoop(ports, seconds, connections, paths[0]!, post);
  const durationS = (performance.now() - t0) / 1000;
  const window = { startUs, endUs: monotonicUs() };
  const serverCpuS = serverCpu() - serverCpu0;
  const clientCpu = process.cpuUsage(clientCpu0);
  const clientCpuS = (clientCpu.user + clientCpu.system) / 1e6;
  const machineCpuS = machineBusySeconds() - machineCpu0;
  // Requests cut off at the deadline may still commit: give them a moment.
  await new Promise((r) => setTimeout(r, 500));
  const after = await counted();
  const { statusCodes } = result;
  const requests = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  const stored = after.responses - before.responses;
  return {
    durationS: round(durationS, 2),
    requests,
    requestsPerS: requests / durationS,
    storedBefore: before.responses,
    storedAfter: after.responses,
    stored,
    storedPerS: stored / durationS,
    answersPerResponse: stored ? round((after.answers - before.answers) / stored, 3) : 0,
    latencyMs: result.latencyMs,
    statusCodes,
    non303: requests - (statusCodes['303'] ?? 0),
    errors: result.errors,
    timeouts: result.timeouts,
    cpu: {
      serverS: round(serverCpuS, 2),
      loadGeneratorS: round(clientCpuS, 2),
      // What neither the server nor the load generator used: other work on the machine (and the kernel's share of loopback).
      otherS: round(Math.max(0, machineCpuS - serverCpuS - clientCpuS), 2),
      machineCores: os.cpus().length,
      serverMsPerRequest: requests ? round((serverCpuS * 1000) / requests, 3) : 0,
    },
    window,
  };
}

type Driven = { latencyMs: LoadFigures['latencyMs']; statusCodes: Record<string, number>; errors: number; timeouts: number };
type Post = () => { path: string; headers: Record<string, string>; body: string };

/** Each connection posts again as soon as it is answered: the server's ceiling. */
async function closedLoop(ports: number[], seconds: number, connections: number, firstPath: string, post: Post): Promise<Driven> {
  const result = await autocannon({
    // Several servers: autocannon spreads the connections over the URLs.
    url: ports.length === 1 ? `http://127.0.0.1:${ports[0]}` : ports.map((p) => `http://127.0.0.1:${p}`),
    connections,
    duration: seconds,
    timeout: 10,
    requests: [{ method: 'POST', path: firstPath, setupRequest: (req) => ({ ...req, ...post() }) }],
  });
  const { p50, p90, p99, max, mean } = result.latency;
  return {
    latencyMs: { p50, p90, p99, max, mean },
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([k, v]) => [k, v.count])),
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** `rate` posts per second whatever the server's pace, each timed from when it was due (open-loop.ts). */
async function openLoop(ports: number[], rate: number, seconds: number, connections: number, post: Post): Promise<Driven> {
  const r = await runOpenLoop({ ports, rate, seconds, connections, request: post });
  return { latencyMs: latencySummary(r.latenciesMs), statusCodes: r.statusCodes, errors: r.errors, timeouts: r.timeouts };
}

/** User + system CPU time of a process, from /proc/<pid>/stat (in clock ticks of 1/100 s on Linux). */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the command name.
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
const CLOCK_TICKS = 100;

/** Busy CPU seconds of the whole machine, all cores (/proc/stat: everything but idle and iowait). */
export function machineBusySeconds(): number {
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = cpu;
  return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS;
}

/** CLOCK_MONOTONIC in µs: the clock V8 stamps .cpuprofile samples with, on Linux. */
export function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** A random address in 198.18.0.0/15 (RFC 2544 benchmarking range); only ever a header value. */
function benchmarkAddress(): string {
  const r = randomInt(0, 1 << 17);
  return `198.${18 + (r >> 16)}.${(r >> 8) & 255}.${r & 255}`;
}

const FORM_KEY = deriveKey(BENCH_AUTH_SECRET, 'survey-form');

/**
 * The answers a benchmark posts, each of its two questions drawn on its own:
 * - `citizens`: the levels in the shares citizens give nationally — SIPAS found 80–84 % at 4–5
 *   in 2022–2024 (docs/domain); here 83 %, and 8 % at 1–2, so 15 % of ratings have a low answer
 *   and take the alert step, as a real office's do;
 * - `uniform`: every level equally likely, so 64 % of ratings have a low answer: the alert
 *   step's worst case, an office where most citizens are unhappy (the figures before session 11).
 */
export type AnswerMix = 'citizens' | 'uniform';
export const ANSWER_MIXES: readonly AnswerMix[] = ['citizens', 'uniform'];

/** Share of each level 1–5 among citizens' answers (`citizens`). */
const CITIZEN_LEVELS = [0.03, 0.05, 0.09, 0.38, 0.45];

function level(mix: AnswerMix): number {
  if (mix === 'uniform') return randomInt(1, 6);
  let r = Math.random();
  for (let i = 0; i < CITIZEN_LEVELS.length - 1; i++) {
    r -= CITIZEN_LEVELS[i]!;
    if (r < 0) return i + 1;
  }
  return CITIZEN_LEVELS.length;
}

/** A survey post as a browser without cookies sends it: a new id, signed as the server would sign its form. */
export function benchmarkForm(answers: AnswerMix = 'uniform'): string {
  const id = randomUUID();
  const formToken = signFormToken({ id, expiresAt: Date.now() + FORM_TOKEN_TTL_MS, deviceId: null }, FORM_KEY);
  return `submissionId=${id}&formToken=${formToken}&lang=vi&kenh=qr&q1=${level(answers)}&q2=${level(answers)}`;
}

export function round(n: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/**
 * Where the survey form posts, read from the page a phone gets (it was /s/<code>,
 * then /s/<code>/gui through a rewrite): the benchmark follows the real path.
 */
export async function discoverSubmitPath(port: number, code: string, direct = false): Promise<string> {
  if (direct) return `/s/${code}`;
  const html = await (await fetch(`http://127.0.0.1:${port}/s/${code}`)).text();
  const form = /<form\b[^>]*>/i.exec(html)?.[0] ?? '';
  const action = /\saction="([^"]*)"/i.exec(form)?.[1]?.replace(/&amp;/g, '&');
  if (!action) {
    console.warn(`warning: no form action found on /s/${code}; posting to /s/${code}`);
    return `/s/${code}`;
  }
  return new URL(action, `http://127.0.0.1:${port}/s/${code}`).pathname;
}
