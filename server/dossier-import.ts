import { can } from '@/lib/auth/roles';
import { checkDossierCsv, CSV_MAX_BYTES, type ImportAnswer } from '@/lib/dossiers/csv';
import { DOSSIER_FIELD_LABELS } from '@/lib/validation/dossier';
import { getCurrentViewer } from './auth/viewer';
import { importDossiers, type RegistrationMode } from './dossiers';
import { handleErrors } from './error-response';

/**
 * A head's CSV of dossiers (issue 17 point 2), posted by the /ho-so page's
 * form. Under /api so that proxy.ts does not take it for a server action
 * bound by the actions' 1 MB limit: 10,000 rows are about 1 MB. The answer
 * is JSON the page shows: every problem with its line and column, and what
 * was stored. Nothing is stored from a file with problems unless the head
 * asked to store the valid rows ("luu-hop-le").
 */

/** What a multipart body may carry beyond the file itself. */
const FORM_OVERHEAD_BYTES = 16 * 1024;
/** Problems listed in one answer; the count says how many there were. */
export const MAX_LISTED_PROBLEMS = 1000;

const answer = (status: number, body: ImportAnswer) => Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
const refuse = (status: number, message: string) => answer(status, { status: 'refused', message });

export function importDossierCsv(req: Request): Promise<Response> {
  return handleErrors('dossier CSV import', async () => {
    const viewer = await getCurrentViewer();
    if (!viewer || viewer.mustChangePassword || !can(viewer.role, 'dossiers.manage')) return refuse(404, 'Không tìm thấy.');
    const origin = req.headers.get('origin');
    if (origin && origin !== new URL(req.url).origin && origin !== process.env.NEXTAUTH_URL?.replace(/\/$/, '')) return refuse(403, 'Yêu cầu không hợp lệ.');
    const tooLarge = `Tệp lớn hơn ${CSV_MAX_BYTES / 1024 / 1024} MB. Vui lòng chia thành nhiều tệp.`;
    if (Number(req.headers.get('content-length') ?? 0) > CSV_MAX_BYTES + FORM_OVERHEAD_BYTES) return refuse(413, tooLarge);
    let form: FormData;
    try {
      form = await req.formData();
    } catch {
      return refuse(400, 'Không đọc được tệp gửi lên. Vui lòng chọn lại tệp CSV.');
    }
    const file = form.get('tep');
    if (!(file instanceof File) || file.size === 0) return refuse(400, 'Vui lòng chọn một tệp CSV có dữ liệu.');
    if (file.size > CSV_MAX_BYTES) return refuse(413, tooLarge);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
    } catch {
      return refuse(422, 'Tệp không ở mã UTF-8. Trong Excel, hãy lưu bằng “CSV UTF-8 (Comma delimited)”.');
    }

    const now = new Date();
    const check = checkDossierCsv(text, now);
    if (check.fileProblem) return refuse(422, check.fileProblem);
    const storeValid = form.get('luu-hop-le') === '1';
    const mode: RegistrationMode = storeValid ? 'valid_only' : check.problems.length ? 'check' : 'all_or_nothing';
    const result = await importDossiers({
      viewer,
      rows: check.rows.map((r) => r.dossier),
      mode,
      fileName: file.name.slice(0, 200),
      now,
    });
    const problems = [
      ...check.problems,
      ...result.problems.map((p) => ({ line: check.rows[p.index]!.line, column: DOSSIER_FIELD_LABELS[p.field], message: p.message })),
    ].sort((a, b) => a.line - b.line);
    const stored = result.stored.length > 0;
    return answer(200, {
      status: stored ? 'stored' : 'checked',
      total: check.total,
      created: result.created,
      updated: result.updated,
      validRows: check.rows.length - result.problems.length,
      problemCount: problems.length,
      problems: problems.slice(0, MAX_LISTED_PROBLEMS),
      at: stored ? result.at.getTime() : null,
    });
  });
}
