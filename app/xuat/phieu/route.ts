import { createExportAuditEntry, exportSource, exportsContacts, getExportUnit } from '@/db/queries/exports';
import { fileNamePart } from '@/lib/export/csv';
import { handleErrors } from '@/server/error-response';
import { authorizeExport, EXPORT_NOT_FOUND, exportRefusal, exportResponse, queuedExport } from '@/server/exports';
import { responseExportBody } from '@/server/response-export';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * GET /xuat/phieu?dinh-dang=csv|xlsx&ky=…|tu=…&den=…&don-vi=<id>&bi-loai=1&xac-thuc=1:
 * every response of a unit's subtree in a period, one row each, streamed.
 * Flagged ratings are left out unless bi-loai=1, as on the screens; phone
 * numbers only for roles that may read contacts; xac-thuc=1 keeps only verified
 * ratings (channel 'dossier'). Every export is audited.
 */
export function GET(req: Request) {
  return handleErrors('Responses export', () => exportResponses(req), { format: 'text' });
}

async function exportResponses(req: Request): Promise<Response> {
  const gate = await authorizeExport(req);
  if ('refusal' in gate) return gate.refusal;
  const { viewer } = gate;
  const { format, unitId, period, includeFlagged, verifiedOnly } = gate.query;

  // Only the unit here: the worker opens the export itself (its columns, its batches).
  const root = await getExportUnit({ viewer, unitId });
  if (!root) return exportRefusal(404, EXPORT_NOT_FOUND);
  // Each file is a worker thread with its own heap: produced a few at a time (server/export-queue.ts).
  return queuedExport(req, viewer, 'worker', async () => {
    await createExportAuditEntry({
      viewer,
      kind: 'responses',
      unit: root,
      format,
      from: period.from,
      to: period.to,
      includeFlagged,
      withContacts: exportsContacts(viewer),
      verifiedOnly,
    });

    const sheetName = 'Phiếu đánh giá';
    const body = responseExportBody({
      source: exportSource(),
      format,
      sheetName,
      options: { viewer: { userId: viewer.userId, role: viewer.role, scopePath: viewer.scopePath }, unitId: root.id, period, includeFlagged, verifiedOnly },
    });
    return exportResponse(format, body, {
      ascii: `hai-long-phieu-${fileNamePart(root.code ?? root.name)}-${period.from}-${period.to}`,
      vietnamese: `Phiếu đánh giá - ${root.name} - ${period.from} đến ${period.to}`,
      sheet: sheetName,
    });
  });
}
