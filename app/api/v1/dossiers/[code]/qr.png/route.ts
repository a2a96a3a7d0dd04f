import { dossierQrCall } from '@/server/api-v1';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The dossier's rating link as a receipt-sized QR code (docs/api/openapi.yaml). */
export async function GET(req: Request, { params }: { params: Promise<{ code: string }> }) {
  return dossierQrCall(req, (await params).code, 'png');
}
