import { listUnitsInScope } from '@/db/queries/unit-tree';
import { can } from '@/lib/auth/roles';
import { dossierCsvTemplate } from '@/lib/dossiers/csv';
import { getCurrentViewer } from '@/server/auth/viewer';
import { redirectToSignIn } from '@/server/redirect';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET /ho-so/mau.csv: the CSV template (header and one example row with one of the head's office codes). */
export async function GET() {
  const viewer = await getCurrentViewer();
  if (!viewer) return redirectToSignIn();
  if (viewer.mustChangePassword || !can(viewer.role, 'dossiers.manage')) return new Response('Không tìm thấy.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const office = (await listUnitsInScope({ viewer })).find((u) => u.code && u.active);
  return new Response(dossierCsvTemplate(office?.code ?? 'TTHC22'), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="mau-ho-so.csv"',
      'Cache-Control': 'no-store',
    },
  });
}
