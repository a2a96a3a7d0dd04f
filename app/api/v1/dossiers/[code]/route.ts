import { readDossierCall } from '@/server/api-v1';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** A dossier, its rating link and its rating once given (docs/api/openapi.yaml). */
export async function GET(req: Request, { params }: { params: Promise<{ code: string }> }) {
  return readDossierCall(req, (await params).code);
}
