import { importDossierCsv } from '@/server/dossier-import';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** POST /api/ho-so/nhap (multipart: the CSV as "tep", "luu-hop-le" to store the valid rows of a file with errors): see server/dossier-import.ts. */
export function POST(req: Request) {
  return importDossierCsv(req);
}
