import { AppError, toAppError } from '@/lib/errors';
import type { Lang } from '@/lib/i18n';
import { scrubLogText } from '@/lib/observability/log-privacy';
import { logger } from './log';

/**
 * An AppError as an HTTP answer for programs and direct links: JSON
 * `{ code, error }` (the kiosk protocol's shape) or plain text, never cached,
 * with Retry-After on 429 and 503. Pages render AppErrors themselves.
 */
export function errorResponse(err: AppError, opts: { lang?: Lang; format?: 'json' | 'text'; headers?: HeadersInit } = {}): Response {
  const message = err.messageIn(opts.lang ?? 'vi');
  const headers = new Headers(opts.headers);
  headers.set('Cache-Control', 'no-store');
  if (err.retryAfterS !== undefined) headers.set('Retry-After', String(Math.max(1, Math.ceil(err.retryAfterS))));
  if (opts.format === 'text') {
    headers.set('Content-Type', 'text/plain; charset=utf-8');
    return new Response(message, { status: err.status, headers });
  }
  headers.set('Content-Type', 'application/json; charset=utf-8');
  return new Response(JSON.stringify({ code: err.code, error: message }), { status: err.status, headers });
}

/**
 * Runs a route handler: an AppError it throws is answered as such; anything
 * else is logged with its stack and answered without one (503 for a busy or
 * unreachable database, 500 otherwise).
 */
export async function handleErrors(what: string, handler: () => Promise<Response> | Response, opts: { format?: 'json' | 'text' } = {}): Promise<Response> {
  try {
    return await handler();
  } catch (err) {
    const appError = toAppError(err);
    // A bug gets its stack in the log; a busy or unreachable database, one line (it is the database's story, not ours).
    if (appError.code === 'internal') logger().error({ err, what }, `${what} failed`);
    else if (appError.status >= 500) logger().warn({ what, code: appError.code, reason: scrubLogText(err instanceof Error ? err.message : String(err)) }, `${what}: ${appError.code}`);
    return errorResponse(appError, opts);
  }
}
