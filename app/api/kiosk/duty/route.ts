import type { NextRequest } from 'next/server';
import { guarded, handleDutySwitch } from '@/server/kiosk';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** An official's PIN puts them on duty at the paired kiosk's counter (docs/decisions/023). */
export function POST(req: NextRequest) {
  return guarded('duty', () => handleDutySwitch(req));
}
