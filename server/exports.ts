import { PassThrough, Readable } from 'node:stream';
import { can, type Viewer } from '@/lib/auth/roles';
import { attachmentHeader, CSV_BOM, csvRow, sheetCell, type Cell } from '@/lib/export/csv';
import { parseExportQuery, type ExportQuery } from '@/lib/validation/exports';
import { getCurrentViewer } from './auth/viewer';

/**
 * Streams a table (a header and rows produced in synchronous batches) as a
 * CSV or XLSX response body. A batch is read only when the previous one has
 * left (back-pressure), so memory stays flat however many rows there are,
 * and no database statement stays open across an await (db/queries/exports.ts).
 */

export type TableSource = {
  headers: readonly string[];
  /** The next rows; an empty array when there are no more. */
  nextRows(): Cell[][];
};

const encoder = new TextEncoder();

/** CSV (lib/export/csv.ts): one batch per pull of the reader. */
export function csvStream(source: TableSource): ReadableStream<Uint8Array> {
  let headerSent = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // Let other requests in between batches: a fast client would otherwise
        // keep this loop in microtasks and starve the event loop.
        await new Promise((resolve) => setImmediate(resolve));
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(CSV_BOM + csvRow(source.headers)));
          return;
        }
        const rows = source.nextRows();
        if (rows.length === 0) {
          controller.close();
          return;
        }
        let text = '';
        for (const row of rows) text += csvRow(row);
        controller.enqueue(encoder.encode(text));
      },
    },
    { highWaterMark: 1 },
  );
}

/** Bytes the zip output may hold before the next batch waits for the client. */
const XLSX_BUFFER_LIMIT = 1 << 20;

type Buffered = { _readableState?: { length: number }; _writableState?: { length: number } };
/** Bytes waiting in a Node or readable-stream stream (archiver uses the latter, which has no readableLength). */
const bufferedIn = (s: Buffered | undefined) => (s?._readableState?.length ?? 0) + (s?._writableState?.length ?? 0);

/**
 * XLSX through exceljs's streaming writer (docs/decisions/010-exceljs.md):
 * each row is committed as it is added, strings are inline (no shared
 * string table to grow), and the header row is frozen. exceljs ignores
 * back-pressure inside (its StreamBuf never says "full"), so after each batch
 * this waits until what sits between the sheet and the client (archiver's
 * input, the zip, the output) has drained below 1 MB.
 */
export function xlsxStream(source: TableSource, sheetName: string): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  void (async () => {
    try {
      // Loaded on first use: CSV exports and every other page never pay for exceljs (≈ 30 MB of memory).
      const { default: ExcelJS } = await import('exceljs');
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
      workbook.creator = 'Hài Lòng';
      const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
      const zip = (workbook as unknown as { zip?: Buffered }).zip;
      // The sheet's XML goes through exceljs's StreamBuf into the PassThrough that
      // archiver reads; that is where rows pile up when compression lags behind.
      const sheetPipes = () => (sheet as unknown as { stream?: { pipes?: Buffered[] } }).stream?.pipes ?? [];
      const buffered = () => bufferedIn(out as unknown as Buffered) + bufferedIn(zip) + sheetPipes().reduce((sum, p) => sum + bufferedIn(p), 0);
      const drained = async () => {
        await new Promise((resolve) => setImmediate(resolve));
        while (!out.destroyed && buffered() > XLSX_BUFFER_LIMIT) {
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      };

      sheet.addRow([...source.headers]).commit();
      for (;;) {
        if (out.destroyed) return; // the client went away
        const rows = source.nextRows();
        if (rows.length === 0) break;
        for (const row of rows) sheet.addRow(row.map(sheetCell)).commit();
        await drained();
      }
      sheet.commit();
      await workbook.commit();
    } catch (err) {
      console.error('XLSX export failed', err);
      out.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  })();
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** A short Vietnamese answer for a refused export (plain text: the link was opened directly). */
export function exportRefusal(status: 400 | 401 | 403 | 404, message: string): Response {
  return new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

export const EXPORT_NOT_FOUND = 'Không tìm thấy dữ liệu này, hoặc bạn không có quyền xem.';

/** The streamed file as a download: never cached (it may hold contact data), named in ASCII and in Vietnamese. */
export function exportResponse(
  format: 'csv' | 'xlsx',
  source: TableSource,
  names: { ascii: string; vietnamese: string; sheet: string },
): Response {
  const body = format === 'csv' ? csvStream(source) : xlsxStream(source, names.sheet);
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
