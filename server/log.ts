import { AsyncLocalStorage } from 'node:async_hooks';
import { Writable } from 'node:stream';
import pino, { type Level, type Logger, type LoggerOptions } from 'pino';
import { getEnv } from '@/lib/env';
import { scrubSerializedError } from '@/lib/observability/log-privacy';

/**
 * The app's log (docs/decisions/029-logs-and-metrics.md): one JSON object
 * per line on standard output (pino), for journald or any log shipper.
 * Every line written while a request is handled carries that request's id
 * (`reqId`, server/request-observer.ts), wherever in the code it is written,
 * through an AsyncLocalStorage. Nothing personal goes in: log calls pass ids,
 * codes, counts, flags and the salted network hash, never a phone number, a
 * comment or an address; errors go through lib/observability/log-privacy.ts,
 * and the usual names of personal fields are redacted as a last net.
 *
 * CLI scripts keep printing their human sentences; this is the servers' log.
 */

export type RequestContext = { requestId: string };

/** On globalThis: Next bundles instrumentation, pages and route handlers apart, and all must share one context and one logger. */
const state = globalThis as unknown as { __hailongRequestContext?: AsyncLocalStorage<RequestContext>; __hailongLogger?: Logger };

export function requestContext(): AsyncLocalStorage<RequestContext> {
  state.__hailongRequestContext ??= new AsyncLocalStorage<RequestContext>();
  return state.__hailongRequestContext;
}

/** The id of the request being handled, if any. */
export function currentRequestId(): string | null {
  return requestContext().getStore()?.requestId ?? null;
}

const REDACTED = [
  'phone',
  'comment',
  'contact',
  'email',
  'password',
  'address',
  '*.phone',
  '*.comment',
  '*.contact',
  '*.email',
  '*.password',
  '*.address',
  'headers.cookie',
  'headers.authorization',
  '*.headers.cookie',
  '*.headers.authorization',
];

function options(level: string): LoggerOptions {
  return {
    level,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { reqId: requestId } : {};
    },
    serializers: { err: (e: Error) => scrubSerializedError(pino.stdSerializers.err(e)) as ReturnType<typeof pino.stdSerializers.err> },
    redact: { paths: REDACTED, censor: '[ẩn]' },
  };
}

function configuredLevel(): string {
  try {
    return getEnv().LOG_LEVEL;
  } catch {
    // An invalid configuration is reported by server/start.ts; logging still works meanwhile.
    return 'info';
  }
}

/** The process's logger. */
export function logger(): Logger {
  state.__hailongLogger ??= pino(options(configuredLevel()));
  return state.__hailongLogger;
}

export type LogLine = Record<string, unknown> & { level: Level; msg?: string };

/**
 * Tests: every line from now on is also kept (parsed) until `stop()`,
 * at `level` and above, and nothing reaches standard output.
 */
export function captureLogs(level: Level = 'debug'): { lines(): LogLine[]; stop(): void } {
  const previous = state.__hailongLogger;
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString('utf8').split('\n')) if (text) lines.push(JSON.parse(text) as LogLine);
      done();
    },
  });
  state.__hailongLogger = pino(options(level), sink);
  return {
    lines: () => lines,
    stop: () => {
      state.__hailongLogger = previous;
    },
  };
}
