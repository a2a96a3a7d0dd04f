import { getDb } from '@/db/client';
import { createExportAuditEntry, openResponseExport } from '@/db/queries/exports';
import { can } from '@/lib/auth/roles';
import { fileNamePart } from '@/lib/export/csv';
import { questionColumns, responseCells, responseHeaders, type ResponseLayout } from '@/lib/export/responses';
import { parseExportQuery } from '@/lib/validation/exports';
import { getCurrentViewer } from '@/server/auth/viewer';
import { EXPORT_NOT_FOUND, exportRefusal, exportResponse } from '@/server/exports';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * GET /xuat/phieu?dinh-dang=csv|xlsx&ky=…|tu=…&den=…&don-vi=<id>&bi-loai=1:
 * every response of a unit's subtree in a period, one row each, streamed.
 * Flagged ratings are left out unless bi-loai=1, as on the screens; phone
 * numbers only for roles that may read contacts. Every export is audited.
 */
export async function GET(req: Request) {
  const viewer = await getCurrentViewer();
  if (!viewer) return exportRefusal(401, 'Vui lòng đăng nhập để tải dữ liệu.');
  if (viewer.mustChangePassword) return exportRefusal(403, 'Vui lòng đổi mật khẩu trước khi tải dữ liệu.');
  if (!can(viewer.role, 'dashboard.read')) return exportRefusal(404, EXPORT_NOT_FOUND);
  const parsed = parseExportQuery(new URL(req.url).searchParams, Date.now());
  if (!parsed.ok) return exportRefusal(400, `Không tải được dữ liệu: ${parsed.errors.join(' ')}`);
  const { format, unitId, period, includeFlagged } = parsed.query;

  const db = getDb();
  const exp = openResponseExport(db, { viewer, unitId, period, includeFlagged });
  if (!exp) return exportRefusal(404, EXPORT_NOT_FOUND);
  createExportAuditEntry(db, {
    viewer,
    kind: 'responses',
    unit: exp.root,
    format,
    from: period.from,
    to: period.to,
    includeFlagged,
    withContacts: exp.withContacts,
  });

  const layout: ResponseLayout = { questions: questionColumns(exp.definitions), includeFlagged, withContacts: exp.withContacts };
  const source = { headers: responseHeaders(layout), nextRows: () => exp.nextBatch().map((r) => responseCells(r, layout)) };
  return exportResponse(format, source, {
    ascii: `hai-long-phieu-${fileNamePart(exp.root.code ?? exp.root.name)}-${period.from}-${period.to}`,
    vietnamese: `Phiếu đánh giá - ${exp.root.name} - ${period.from} đến ${period.to}`,
    sheet: 'Phiếu đánh giá',
  });
}
