import type { NextRequest } from 'next/server';
import { guarded, handleBatch } from '@/server/kiosk';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** A batch of queued ratings (or an empty heartbeat) from a paired kiosk (docs/kiosk-protocol.md). */
export function POST(req: NextRequest) {
  return guarded('batch', () => handleBatch(req));
}
