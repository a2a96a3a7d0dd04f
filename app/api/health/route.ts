import { getDb } from '@/db/client';
import { pingDb } from '@/db/queries/health';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** 200 only when the database answers; load balancers and the e2e runner wait on it. */
export function GET() {
  try {
    if (pingDb(getDb())) return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (err) {
    console.error('health check failed', err);
  }
  return Response.json({ status: 'unavailable' }, { status: 503, headers: { 'Cache-Control': 'no-store' } });
}
