import { createRecognitionAuditEntry } from '@/db/queries/recognition';
import { can } from '@/lib/auth/roles';
import { fileNamePart } from '@/lib/export/csv';
import { proposalFormats, proposalHeaders, proposalRows } from '@/lib/export/recognition';
import { getCurrentViewer } from '@/server/auth/viewer';
import { EXPORT_NOT_FOUND, exportRefusal, exportResponse, queuedExport } from '@/server/exports';
import { loadProposal } from '@/server/recognition';
import { redirectToSignIn } from '@/server/redirect';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET /khen-thuong/<id>/to-trinh.xlsx: the accepted nominations of a round as on the printed proposal (assessors); audited. */
export async function GET(req: Request, { params }: { params: Promise<{ roundId: string }> }) {
  const viewer = await getCurrentViewer();
  if (!viewer) return redirectToSignIn();
  if (viewer.mustChangePassword) return exportRefusal(403, 'Vui lòng đổi mật khẩu trước khi tải dữ liệu.');
  if (!can(viewer.role, 'recognition.manage')) return exportRefusal(404, EXPORT_NOT_FOUND);
  const { roundId } = await params;
  if (!/^[1-9]\d{0,9}$/.test(roundId)) return exportRefusal(404, EXPORT_NOT_FOUND);
  const proposal = await loadProposal(viewer, Number(roundId));
  if (!proposal) return exportRefusal(404, EXPORT_NOT_FOUND);
  const { round } = proposal;
  const lines = [...proposal.collectives, ...proposal.individuals];
  const res = await queuedExport(req, viewer, 'inline', () => {
    let sent = false;
    return exportResponse(
      'xlsx',
      {
        headers: proposalHeaders(),
        formats: proposalFormats(),
        nextRows: () => {
          if (sent) return [];
          sent = true;
          return proposalRows(lines, round);
        },
      },
      {
        ascii: `hai-long-khen-thuong-${round.period.year}-${fileNamePart(round.period.unitName)}`,
        vietnamese: `Đề nghị khen thưởng ${round.period.year} - ${round.period.unitName}`,
        sheet: 'Đề nghị khen thưởng',
      },
    );
  });
  if (res.ok) {
    await createRecognitionAuditEntry({
      actorId: viewer.userId,
      action: 'export.recognition',
      entityType: 'recognition_round',
      entityId: round.id,
      unitId: round.period.unitId,
      after: { format: 'xlsx', rows: lines.length, officialIds: proposal.individuals.map((n) => n.officialId) },
    });
  }
  return res;
}
