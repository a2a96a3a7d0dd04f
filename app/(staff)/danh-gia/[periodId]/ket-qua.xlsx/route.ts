import { createEvaluationExportAuditEntry } from '@/db/queries/evaluation';
import { can } from '@/lib/auth/roles';
import { fileNamePart } from '@/lib/export/csv';
import { evaluationCells, evaluationFormats, evaluationHeaders } from '@/lib/export/evaluation';
import { parseResultsQuery } from '@/lib/validation/evaluation';
import { getCurrentViewer } from '@/server/auth/viewer';
import { loadResults } from '@/server/evaluation';
import { EXPORT_NOT_FOUND, exportRefusal, exportResponse, queuedExport } from '@/server/exports';
import { redirectToSignIn } from '@/server/redirect';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * GET /danh-gia/<id>/ket-qua.xlsx?don-vi=&trang-thai=: the results table as
 * on the page (same loader, same filters), one row per office, then its
 * points per criterion (lib/export/evaluation.ts); audited.
 */
export async function GET(req: Request, { params }: { params: Promise<{ periodId: string }> }) {
  const viewer = await getCurrentViewer();
  // A download link opened while signed out goes to sign-in, like the pages.
  if (!viewer) return redirectToSignIn();
  if (viewer.mustChangePassword) return exportRefusal(403, 'Vui lòng đổi mật khẩu trước khi tải dữ liệu.');
  if (!can(viewer.role, 'dashboard.read')) return exportRefusal(404, EXPORT_NOT_FOUND);
  const { periodId } = await params;
  if (!/^[1-9]\d{0,9}$/.test(periodId)) return exportRefusal(404, EXPORT_NOT_FOUND);
  const url = new URL(req.url);
  const { query, notes } = parseResultsQuery(Object.fromEntries(url.searchParams));
  if (notes.length) return exportRefusal(400, `Không tải được dữ liệu: ${notes.join(' ')}`);

  const results = await loadResults(viewer, { periodId: Number(periodId), query, now: new Date() });
  if (!results || (query.unitId !== undefined && !results.unit)) return exportRefusal(404, EXPORT_NOT_FOUND);
  // exceljs on this thread: one of this process's few exports at a time (server/export-queue.ts).
  const res = await queuedExport(req, viewer, 'inline', () => {
    let sent = false;
    const { rubric } = results.period;
    const source = {
      headers: evaluationHeaders(rubric),
      formats: evaluationFormats(rubric),
      nextRows: () => {
        if (sent) return [];
        sent = true;
        return results.lines.map((l) => evaluationCells(l, rubric));
      },
    };
    const scope = results.unit?.name ?? results.period.unitName;
    return exportResponse('xlsx', source, {
      ascii: `hai-long-danh-gia-${results.period.year}-${fileNamePart(scope)}`,
      vietnamese: `Kết quả đánh giá ${results.period.year} - ${scope}`,
      sheet: 'Kết quả đánh giá',
    });
  });
  // Recorded once the queue let the file start (a refusal is no download), before its first byte leaves.
  if (res.ok) await createEvaluationExportAuditEntry({ viewer, periodId: results.period.id, unitId: results.unit?.id ?? null, status: query.status ?? null, rows: results.lines.length });
  return res;
}
