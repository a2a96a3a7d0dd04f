import { registerDossierCall } from '@/server/api-v1';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Register a dossier, or update the one with this code (docs/api/openapi.yaml). */
export function POST(req: Request) {
  return registerDossierCall(req);
}
