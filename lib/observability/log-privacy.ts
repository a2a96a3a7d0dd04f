import { maskContactDetails } from '@/lib/privacy/mask';

/**
 * What may reach the log (docs/decisions/029-logs-and-metrics.md): never a
 * citizen's phone number or comment, never an address except as the salted
 * network hash. The app's own log calls pass ids, codes, counts and flags
 * only; this is the net under them, for text the app does not write itself —
 * error messages. A drizzle error's message carries the failed statement and
 * its parameters (a rating's comment and phone among them), and on
 * PostgreSQL a statement sent as a simple query carries its values inline
 * (db/engine/pg.ts), so the statement of a failed query is never logged;
 * PostgreSQL's `detail` ("Key (x)=(…)") is masked like a comment.
 */

/** From drizzle's marker to the first stack frame (or the end). */
const STATEMENT_MARKER = /Failed query:[\s\S]*?(?=\n\s+at |$)/;
/** Error properties that hold a statement or its values. */
const DROPPED_KEYS = new Set(['query', 'params', 'parameters', 'sql', 'internalQuery', 'where', 'values']);

/** Free text from outside the app's own log calls, with statements cut off and contact details masked. */
export function scrubLogText(text: string): string {
  return maskContactDetails(text.replace(STATEMENT_MARKER, 'Failed query: [câu lệnh không ghi vào nhật ký]'));
}

export type SerializedError = Record<string, unknown>;

/**
 * An error as pino serialises it (type, message, stack, own properties,
 * cause…), scrubbed: strings through scrubLogText, statement-bearing keys
 * dropped, nested objects (cause, aggregated errors) the same, at most a few
 * levels deep.
 */
export function scrubSerializedError(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubLogText(value);
  if (value === null || typeof value !== 'object' || depth > 4) return value;
  if (Array.isArray(value)) return value.map((v) => scrubSerializedError(v, depth + 1));
  const out: SerializedError = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (DROPPED_KEYS.has(key)) continue;
    out[key] = scrubSerializedError(v, depth + 1);
  }
  return out;
}
