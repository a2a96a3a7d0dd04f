import { createExportAuditEntry, getExportUnit } from '@/db/queries/exports';
import { fileNamePart, type Cell } from '@/lib/export/csv';
import { INDICATOR_FORMATS, INDICATOR_HEADERS, indicatorCells } from '@/lib/export/indicators';
import { loadOfficeTable } from '@/server/dashboard';
import { handleErrors } from '@/server/error-response';
import { authorizeExport, EXPORT_NOT_FOUND, exportRefusal, exportResponse, queuedExport } from '@/server/exports';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * GET /xuat/chi-so?dinh-dang=csv|xlsx&ky=…|tu=…&den=…&don-vi=<id>: the
 * province view's table (every office in the subtree with n, rate, 95 %
 * interval, index, dissatisfied rate, mean, change, exclusions, rank) and a
 * total row, from the same loader as the screen. Holds no contact data.
 */
export function GET(req: Request) {
  return handleErrors('Indicators export', () => exportIndicators(req), { format: 'text' });
}

async function exportIndicators(req: Request): Promise<Response> {
  const gate = await authorizeExport(req);
  if ('refusal' in gate) return gate.refusal;
  const { viewer } = gate;
  const { format, unitId, period, verifiedOnly } = gate.query;

  const unit = await getExportUnit({ viewer, unitId });
  const table = unit && (await loadOfficeTable(viewer, { period, unitId: unit.id, verified: verifiedOnly }));
  if (!unit || !table) return exportRefusal(404, EXPORT_NOT_FOUND);
  // An XLSX is built by exceljs on this thread: it takes a place among the exports like the others (server/export-queue.ts).
  return queuedExport(req, viewer, 'inline', async () => {
    await createExportAuditEntry({ viewer, kind: 'indicators', unit, format, from: period.from, to: period.to, includeFlagged: false, withContacts: false, verifiedOnly });

    const rows: Cell[][] = table.lines.map((l) =>
      indicatorCells({
        rank: l.rank,
        name: l.office.name,
        kind: l.office.kind,
        parentName: l.office.parentName,
        active: l.office.active,
        responses: l.summary.responses,
        indicator: l.indicator,
        index: l.summary.index.value,
        change: l.change,
        excluded: l.exclusions,
      }),
    );
    const total = table.total;
    rows.push(
      indicatorCells({
        rank: null,
        name: `Tổng: ${unit.name}`,
        kind: null,
        parentName: null,
        active: true,
        responses: total.responses,
        indicator: total.headline ?? { n: 0, rate: null, low: null, high: null, dissatisfiedRate: null, mean: null, enoughData: false },
        index: total.index.value,
        change: null,
        excluded: total.excludedResponses,
      }),
    );
    let sent = false;
    const source = { headers: [...INDICATOR_HEADERS], formats: INDICATOR_FORMATS, nextRows: () => (sent ? [] : ((sent = true), rows)) };
    return exportResponse(format, source, {
      ascii: `hai-long-chi-so-${fileNamePart(unit.code ?? unit.name)}-${period.from}-${period.to}`,
      vietnamese: `Chỉ số hài lòng - ${unit.name} - ${period.from} đến ${period.to}`,
      sheet: 'Chỉ số theo đơn vị',
    });
  });
}
