import type { NextRequest } from 'next/server';
import { guarded, handlePair } from '@/server/kiosk';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** POST { code } → the kiosk's config and its device cookie (docs/kiosk-protocol.md). */
export function POST(req: NextRequest) {
  return guarded('pair', () => handlePair(req));
}
