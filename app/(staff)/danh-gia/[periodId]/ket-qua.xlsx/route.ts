import { createEvaluationExportAuditEntry } from '@/db/queries/evaluation';
import { can } from '@/lib/auth/roles';
import { fileNamePart, type Cell } from '@/lib/export/csv';
import { STATUS_LABELS, parseResultsQuery } from '@/lib/validation/evaluation';
import { getCurrentViewer } from '@/server/auth/viewer';
import { loadResults, type ResultLine } from '@/server/evaluation';
import { EXPORT_NOT_FOUND, exportRefusal, exportResponse, queuedExport } from '@/server/exports';
import { redirectToSignIn } from '@/server/redirect';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const HEADERS = ['Hạng', 'Đơn vị', 'Thuộc', 'Trạng thái', 'Tổng điểm', 'Điểm theo', 'Tiêu chí chưa chấm', 'Xếp loại', 'Tỷ lệ hài lòng (%)', 'Cận dưới (%)', 'Cận trên (%)', 'Số lượt đánh giá (n)', 'Điểm hài lòng'];
const STAGE = { final: 'Đã chốt', review: 'Thẩm định (chưa chốt)', self: 'Tự chấm (chưa thẩm định)' } as const;
const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);

function cells(l: ResultLine): Cell[] {
  return [
    l.rank,
    l.name,
    l.parentName,
    STATUS_LABELS[l.status],
    l.totalX100 === null ? null : l.totalX100 / 100,
    l.stage ? STAGE[l.stage] : null,
    l.stage && l.stage !== 'final' ? l.missing : null,
    l.classification,
    l.figure.enoughData ? pct(l.figure.rate) : 'Chưa đủ dữ liệu',
    pct(l.figure.low),
    pct(l.figure.high),
    l.figure.n,
    l.automaticX100 === null ? null : l.automaticX100 / 100,
  ];
}

/**
 * GET /danh-gia/<id>/ket-qua.xlsx?don-vi=&trang-thai=: the results table as
 * on the page (same loader, same filters), one row per office; audited.
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
    const source = {
      headers: HEADERS,
      nextRows: () => {
        if (sent) return [];
        sent = true;
        return results.lines.map(cells);
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
