import type { NextRequest } from 'next/server';
import { guarded, handleConfig } from '@/server/kiosk';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The paired kiosk's config, or 401 unpaired (docs/kiosk-protocol.md). */
export function GET(req: NextRequest) {
  return guarded('config', () => handleConfig(req));
}
