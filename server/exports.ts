import { can, type Viewer } from '@/lib/auth/roles';
import { AppError, toAppError, type AppErrorCode } from '@/lib/errors';
import { attachmentHeader } from '@/lib/export/csv';
import { parseExportQuery, type ExportQuery } from '@/lib/validation/exports';
import { getCurrentViewer } from './auth/viewer';
import { errorResponse } from './error-response';
import { exportQueue, releasingWhenDone, type ExportKind, type ExportSlot } from './export-queue';
import { csvStream, xlsxStream, type TableSource } from './export-streams';

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const REFUSALS: Record<400 | 401 | 403 | 404, AppErrorCode> = { 400: 'bad_request', 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found' };

/**
 * A short Vietnamese answer for a refused export, as an AppError in plain
 * text (the link was opened directly, there is no page to show it on). Staff
 * screens are Vietnamese only, so the message stands for both languages.
 */
export function exportRefusal(status: 400 | 401 | 403 | 404, message: string): Response {
  const code = REFUSALS[status];
  return errorResponse(new AppError(code, { detail: { vi: message, en: message } }), { format: 'text' });
}

export const EXPORT_NOT_FOUND = 'Không tìm thấy dữ liệu này, hoặc bạn không có quyền xem.';

/**
 * The streamed file as a download: never cached (it may hold contact data),
 * named in ASCII and in Vietnamese. The body is either a table produced here
 * or a file already being produced elsewhere (the responses export's worker).
 */
export function exportResponse(
  format: 'csv' | 'xlsx',
  source: TableSource | ReadableStream<Uint8Array>,
  names: { ascii: string; vietnamese: string; sheet: string },
): Response {
  const body =
    source instanceof ReadableStream ? source : format === 'csv' ? csvStream(source) : xlsxStream(source, names.sheet);
  return new Response(body, {
    headers: {
      'Content-Type': CONTENT_TYPES[format],
      'Content-Disposition': attachmentHeader(`${names.ascii}.${format}`, `${names.vietnamese}.${format}`),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/**
 * Runs `start` once it is the viewer's turn among this process's exports
 * (server/export-queue.ts): at once, after a wait, or never — 429 when the
 * viewer already has a file being made, 503 when too many are waiting. The
 * answer's body keeps the place until the download ends, fails or is
 * abandoned. Call it after every check that can refuse the request, so a
 * refused request never waits in line.
 */
export async function queuedExport(req: Request, viewer: Pick<Viewer, 'userId'>, kind: ExportKind, start: () => Response | Promise<Response>): Promise<Response> {
  let slot: ExportSlot;
  try {
    slot = await exportQueue().acquire(String(viewer.userId), kind, req.signal);
  } catch (err) {
    return errorResponse(toAppError(err), { format: 'text' });
  }
  try {
    const res = await start();
    if (!res.body) {
      slot.release();
      return res;
    }
    return new Response(releasingWhenDone(res.body, slot, req.signal), { status: res.status, headers: res.headers });
  } catch (err) {
    slot.release();
    throw err;
  }
}

/**
 * The checks every export route makes first: signed in (401: a download has
 * no page to redirect to), password changed, allowed to read dashboards
 * (404, as pages), and well-formed parameters (400 in Vietnamese).
 */
export async function authorizeExport(req: Request): Promise<{ viewer: Viewer; query: ExportQuery } | { refusal: Response }> {
  const viewer = await getCurrentViewer();
  if (!viewer) return { refusal: exportRefusal(401, 'Vui lòng đăng nhập để tải dữ liệu.') };
  if (viewer.mustChangePassword) return { refusal: exportRefusal(403, 'Vui lòng đổi mật khẩu trước khi tải dữ liệu.') };
  if (!can(viewer.role, 'dashboard.read')) return { refusal: exportRefusal(404, EXPORT_NOT_FOUND) };
  const parsed = parseExportQuery(new URL(req.url).searchParams, Date.now());
  if (!parsed.ok) return { refusal: exportRefusal(400, `Không tải được dữ liệu: ${parsed.errors.join(' ')}`) };
  return { viewer, query: parsed.query };
}
