/**
 * An open-loop load: posts arrive at a constant rate whatever the server's
 * pace, as citizens do, and each latency counts from when its post was due,
 * not from when a free connection could send it (wrk2's "constant throughput";
 * Gil Tene's coordinated omission). autocannon's `overallRate` does neither:
 * each of its connections sends its share of a second back to back at the
 * start of the second, then waits, and it times a post from when it was
 * written, so a stall that delays the next posts is not counted in them.
 */
import http from 'node:http';
import { percentile } from '../dashboard/stats';

export type OpenLoopResult = {
  /** Milliseconds from due to answered, one per answered post. */
  latenciesMs: number[];
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
  /** Posts due that were sent (all of them; a post waits for a free connection rather than being dropped). */
  sent: number;
};

export type OpenLoopOptions = {
  ports: number[];
  /** Posts per second over all ports. */
  rate: number;
  seconds: number;
  /** Keep-alive connections over all ports, as autocannon's `connections`. */
  connections: number;
  /** Each post's path, headers and body. */
  request: () => { path: string; headers: Record<string, string>; body: string };
  timeoutMs?: number;
};

export async function runOpenLoop({ ports, rate, seconds, connections, request, timeoutMs = 10_000 }: OpenLoopOptions): Promise<OpenLoopResult> {
  // A proxy sends each request to the next server in turn; each server gets its share of the connections.
  // FIFO: every connection takes its turn, so none idles past the server's keep-alive timeout (5 s) and
  // is closed by it just as a post goes out on it (LIFO, Node's default, left most of them idle: a
  // few posts in a run then failed with ECONNRESET, before the server saw them).
  const agents = ports.map(() => new http.Agent({ keepAlive: true, scheduling: 'fifo', maxSockets: Math.max(1, Math.ceil(connections / ports.length)) }));
  const result: OpenLoopResult = { latenciesMs: [], statusCodes: {}, errors: 0, timeouts: 0, sent: 0 };
  const intervalMs = 1000 / rate;
  const total = Math.floor(rate * seconds);
  const inFlight = new Set<Promise<void>>();

  const post = (dueAt: number, n: number) => {
    const i = n % ports.length;
    const { path, headers, body } = request();
    const done = new Promise<void>((resolve) => {
      const req = http.request({ host: '127.0.0.1', port: ports[i], path, method: 'POST', agent: agents[i], headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => {
          result.latenciesMs.push(performance.now() - dueAt);
          const code = String(res.statusCode);
          result.statusCodes[code] = (result.statusCodes[code] ?? 0) + 1;
          resolve();
        });
      });
      // The whole exchange, counted from when the post was due.
      const timer = setTimeout(() => req.destroy(new TimeoutError()), Math.max(1, dueAt + timeoutMs - performance.now()));
      req.on('error', (err) => {
        if (err instanceof TimeoutError) result.timeouts++;
        else result.errors++;
        resolve();
      });
      req.on('close', () => clearTimeout(timer));
      req.end(body);
    });
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
  };

  const t0 = performance.now();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      // Every post due by now goes out now, stamped with its own due time.
      while (result.sent < total && t0 + result.sent * intervalMs <= now) {
        post(t0 + result.sent * intervalMs, result.sent);
        result.sent++;
      }
      if (result.sent >= total) return resolve();
      setTimeout(tick, Math.max(0, t0 + result.sent * intervalMs - performance.now()));
    };
    tick();
  });
  // Every post is answered or timed out before the figures are read: a late answer counts in full.
  await Promise.all(inFlight);
  for (const agent of agents) agent.destroy();
  return result;
}

class TimeoutError extends Error {}

/** p50, p90, p99, max and mean of latencies in ms, rounded to whole ms as autocannon reports them. */
export function latencySummary(values: readonly number[]): { p50: number; p90: number; p99: number; max: number; mean: number } {
  if (values.length === 0) return { p50: 0, p90: 0, p99: 0, max: 0, mean: 0 };
  const at = (p: number) => Math.round(percentile(values, p));
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { p50: at(50), p90: at(90), p99: at(99), max: at(100), mean: Math.round(mean * 100) / 100 };
}
