import { getEnv } from '@/lib/env';
import { bearerMatches } from '@/lib/observability/bearer';
import { renderMetrics } from '@/server/metrics';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * Prometheus metrics (docs/decisions/029-logs-and-metrics.md): only with
 * METRICS_TOKEN set (otherwise this address does not exist: 404), and only
 * for a request that carries it as `Authorization: Bearer <token>` (401).
 */
export async function GET(req: Request) {
  const token = getEnv().METRICS_TOKEN;
  if (!token) return new Response('Không tìm thấy.', { status: 404, headers: { ...NO_STORE, 'Content-Type': 'text/plain; charset=utf-8' } });
  if (!bearerMatches(req.headers.get('authorization'), token)) {
    return new Response('Cần mã truy cập số liệu giám sát (Authorization: Bearer …).', {
      status: 401,
      headers: { ...NO_STORE, 'Content-Type': 'text/plain; charset=utf-8', 'WWW-Authenticate': 'Bearer realm="hai-long-metrics"' },
    });
  }
  const { contentType, body } = await renderMetrics();
  return new Response(body, { headers: { ...NO_STORE, 'Content-Type': contentType } });
}
