import { getEvaluationPeriod } from '@/db/queries/evaluation';
import { can } from '@/lib/auth/roles';
import { attachmentHeader, fileNamePart } from '@/lib/export/csv';
import { getCurrentViewer } from '@/server/auth/viewer';
import { EXPORT_NOT_FOUND, exportRefusal } from '@/server/exports';
import { redirectToSignIn } from '@/server/redirect';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * GET /danh-gia/<id>/tieu-chi.json: the period's rubric as the JSON the
 * import box of the rubric page (and any other province's) takes back; for
 * everyone who may read the period.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ periodId: string }> }) {
  const viewer = await getCurrentViewer();
  if (!viewer) return redirectToSignIn();
  if (!can(viewer.role, 'dashboard.read')) return exportRefusal(404, EXPORT_NOT_FOUND);
  const { periodId } = await params;
  if (!/^[1-9]\d{0,9}$/.test(periodId)) return exportRefusal(404, EXPORT_NOT_FOUND);
  const period = await getEvaluationPeriod({ viewer, periodId: Number(periodId) });
  if (!period) return exportRefusal(404, EXPORT_NOT_FOUND);
  return new Response(`${JSON.stringify(period.rubric, null, 2)}\n`, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': attachmentHeader(`bo-tieu-chi-${period.year}-${fileNamePart(period.name)}.json`, `Bộ tiêu chí - ${period.name}.json`),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
