/**
 * CSV as Excel and LibreOffice read it (RFC 4180): fields separated by
 * commas, records by CRLF, every text field quoted (quotes doubled), numbers
 * bare. The file starts with a UTF-8 byte-order mark, without which Excel
 * decodes Vietnamese text in the machine's code page.
 *
 * Why every text field is quoted, not only those holding a comma: a
 * spreadsheet whose locale separates lists with `;` (or that is told to split
 * on it) cuts an unquoted `a;=1+1` into `a` and `=1+1`, a cell starting with
 * `=` that the formula guard below never saw. Inside quotes no separator
 * splits the text, so the cell the guard checked is the cell the user gets.
 */

export const CSV_BOM = '\uFEFF';
export const CSV_EOL = '\r\n';

/**
 * A cell value: text, a number, an instant (a Date: shown in Vietnam's time,
 * as text in a CSV and as a real date in an XLSX), or nothing (an empty field).
 */
export type Cell = string | number | Date | null | undefined;

/**
 * How a column reads in a spreadsheet: text, or a number or date with its
 * display format (XLSX number formats; a CSV has none). Dates show day first.
 */
export const COLUMN_FORMATS = {
  text: null,
  /** A code or identifier: a number without grouping. */
  id: '0',
  integer: '#,##0',
  decimal1: '0.0',
  decimal2: '0.00',
  date: 'dd/mm/yyyy',
  datetime: 'dd/mm/yyyy hh:mm:ss',
} as const;
export type ColumnFormat = keyof typeof COLUMN_FORMATS;

const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * "27/11/2026 09:05:07" in Asia/Ho_Chi_Minh (UTC+7 all year, no daylight
 * saving), by arithmetic rather than Intl: a million rows would spend
 * seconds in formatToParts.
 */
export function formatVietnamTime(ms: number): string {
  const d = new Date(ms + VIETNAM_OFFSET_MS);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/**
 * Text that a spreadsheet would run as a formula when it starts with one of
 * these (OWASP "CSV injection"): `=`, `+`, `-`, `@`, tab or carriage return.
 * Such text gets a leading apostrophe, which Excel shows as plain text.
 * Numbers are never touched: -3 stays a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field: a number bare, nothing as an empty field, an instant as quoted Vietnam time, text protected against formulas and always quoted. */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : `"${formatVietnamTime(value.getTime())}"`;
  return `"${neutraliseFormula(value).replaceAll('"', '""')}"`;
}

/** One record, CRLF included. */
export function csvRow(cells: readonly Cell[]): string {
  let out = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) out += ',';
    out += csvField(cells[i]);
  }
  return out + CSV_EOL;
}

/** A whole (small) document: BOM, then every row. For tests and short tables. */
export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return CSV_BOM + rows.map(csvRow).join('');
}

// XML 1.0 cannot hold these control characters: an XLSX with one does not open.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * A cell for a spreadsheet file (XLSX): numbers as numbers; an instant as a
 * date whose clock reads Vietnam's time (a spreadsheet date has no zone: the
 * writer stores the UTC fields of the Date it is given, so it gets the
 * instant moved by +7 hours); text protected against formulas and stripped
 * of characters XML refuses.
 */
export function sheetCell(value: Cell): string | number | Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : new Date(value.getTime() + VIETNAM_OFFSET_MS);
  return neutraliseFormula(value.replace(XML_INVALID, ''));
}

/**
 * An ASCII file name part: Vietnamese letters without their marks (đ → d),
 * anything else but letters, digits and dots turned into single hyphens.
 */
export function fileNamePart(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .replace(/[^A-Za-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'du-lieu';
}

/**
 * A Content-Disposition header for a download: an ASCII `filename` every
 * browser takes, and the Vietnamese one in `filename*` (RFC 6266 / 5987) for
 * those that read it.
 */
export function attachmentHeader(asciiName: string, utf8Name: string): string {
  const encoded = encodeURIComponent(utf8Name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiName.replace(/["\\]/g, '')}"; filename*=UTF-8''${encoded}`;
}
