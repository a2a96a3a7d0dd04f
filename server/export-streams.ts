import { PassThrough, Readable } from 'node:stream';
import { COLUMN_FORMATS, CSV_BOM, csvRow, sheetCell, type Cell, type ColumnFormat } from '@/lib/export/csv';
import { logger } from './log';

/**
 * Streams a table (a header and rows produced in batches) as a CSV or XLSX
 * response body. A batch is read only when the previous one has left
 * (back-pressure), so memory stays flat however many rows there are
 * (db/queries/exports.ts reads them batch by batch).
 */

export type TableSource = {
  headers: readonly string[];
  /** Per column, how a spreadsheet shows it (number and date formats); text when left out. The CSV ignores it. */
  formats?: readonly ColumnFormat[];
  /** The next rows; an empty array when there are no more. */
  nextRows(): Cell[][] | Promise<Cell[][]>;
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
        const rows = await source.nextRows();
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
      // Styles on: a number or date shows in its format. Each column's style is one shared
      // object, which exceljs remembers by identity, so a million rows cost one lookup each.
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
      workbook.creator = 'Hài Lòng';
      const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
      const styles = source.headers.map((_, i) => {
        const numFmt = COLUMN_FORMATS[source.formats?.[i] ?? 'text'];
        return numFmt ? { numFmt } : {};
      });
      source.headers.forEach((h, i) => {
        const format = source.formats?.[i] ?? 'text';
        sheet.getColumn(i + 1).width = format === 'datetime' ? 20 : format === 'date' ? 12 : format === 'text' ? Math.min(40, Math.max(12, h.length + 2)) : Math.min(24, Math.max(10, h.length + 2));
      });
      const headerStyle = { font: { bold: true }, alignment: { wrapText: true, vertical: 'top' as const } };
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

      const header = sheet.addRow([...source.headers]);
      header.eachCell((cell) => {
        cell.style = headerStyle;
      });
      header.commit();
      for (;;) {
        if (out.destroyed) return; // the client went away
        const rows = await source.nextRows();
        if (rows.length === 0) break;
        for (const cells of rows) {
          const row = sheet.addRow(cells.map(sheetCell));
          for (let i = 0; i < cells.length; i++) if (cells[i] !== null && cells[i] !== undefined) row.getCell(i + 1).style = styles[i]!;
          row.commit();
        }
        await drained();
      }
      sheet.commit();
      await workbook.commit();
    } catch (err) {
      logger().error({ err }, 'XLSX export failed');
      out.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  })();
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
