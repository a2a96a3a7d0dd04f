import { pingStore } from '@/db/store';
import { DEFAULT_RETRY_AFTER_S, toAppError } from '@/lib/errors';
import { logger } from '@/server/log';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * 200 only when the database answers; load balancers and the e2e runner wait
 * on it. A 503 says when to look again. PostgreSQL down (or restarting):
 * 503 for as long as it is, 200 again once the pool reconnects.
 */
export async function GET() {
  let retryAfterS: number | undefined;
  try {
    await pingStore();
    return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (err) {
    logger().error({ err }, 'health check failed');
    retryAfterS = toAppError(err).retryAfterS;
  }
  return Response.json({ status: 'unavailable' }, { status: 503, headers: { 'Cache-Control': 'no-store', 'Retry-After': String(retryAfterS ?? DEFAULT_RETRY_AFTER_S) } });
}
