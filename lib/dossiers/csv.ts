import { foldForSearch } from '@/lib/text';
import { checkDossier, CSV_TIME_FORMAT, DOSSIER_FIELD_LABELS, parseCsvTime, type DossierField, type DossierInput } from '@/lib/validation/dossier';

/**
 * The dossier CSV an office head uploads (issue 17 point 2): a header row,
 * then one dossier per row, checked row by row with the API's rules
 * (lib/validation/dossier.ts). Pure: the office codes' existence and scope
 * are checked in server/dossiers.ts, which adds its problems to the same list.
 *
 * Columns are recognised by their Vietnamese names with or without
 * diacritics, in any order ("Mã hồ sơ", "ma ho so", "ma_ho_so"); the
 * separator is a comma or, as Excel writes it in some locales, a semicolon.
 */

export const CSV_MAX_BYTES = 5 * 1024 * 1024;
export const CSV_MAX_ROWS = 20_000;

const COLUMN_NAMES: Record<DossierField, string[]> = {
  code: ['ma ho so', 'so ho so', 'code'],
  officeCode: ['ma don vi', 'ma quay', 'ma don vi hoac quay', 'office code', 'officecode'],
  procedure: ['thu tuc', 'ten thu tuc', 'thu tuc hanh chinh', 'procedure'],
  receivedAt: ['ngay tiep nhan', 'ngay nhan', 'thoi diem tiep nhan', 'received at', 'receivedat'],
  dueAt: ['ngay hen tra', 'hen tra', 'han tra', 'due at', 'dueat'],
  returnedAt: ['ngay tra ket qua', 'ngay tra', 'returned at', 'returnedat'],
};
const REQUIRED: DossierField[] = ['code', 'officeCode', 'receivedAt'];

/** One problem of the file: its line (1 is the header), the column, what is wrong. */
export type CsvProblem = { line: number; column: string | null; message: string };
export type CsvRow = { line: number; dossier: DossierInput };
export type CsvCheck = { rows: CsvRow[]; problems: CsvProblem[]; total: number; fileProblem: string | null };

/** RFC 4180 records: quoted fields may hold separators, quotes ("") and line breaks. */
export function parseCsvRecords(text: string, separator: ',' | ';'): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = [];
  let field = '';
  let fields: string[] = [];
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0]!.trim() === '')) out.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === separator) {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += c;
    i++;
  }
  if (field !== '' || fields.length) endRecord();
  return out;
}

function columnOf(header: string): DossierField | null {
  const name = foldForSearch(header.replace(/_/g, ' '));
  for (const [field, names] of Object.entries(COLUMN_NAMES) as [DossierField, string[]][]) if (names.includes(name)) return field;
  return null;
}

/**
 * Every row's problems at once (row, column, message), and the valid rows
 * ready to store. A code twice in the file is a problem on each later row
 * (which line holds it first is said). `fileProblem` is set when the file
 * itself cannot be read as the template (no header, a missing column, too many rows).
 */
export function checkDossierCsv(raw: string, now: Date): CsvCheck {
  const text = raw.replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const separator = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const records = parseCsvRecords(text, separator);
  const empty = { rows: [], problems: [], total: 0 };
  if (!records.length) return { ...empty, fileProblem: 'Tệp trống: cần một dòng tiêu đề và ít nhất một dòng hồ sơ.' };

  const header = records[0]!;
  const columns = header.fields.map(columnOf);
  const missing = REQUIRED.filter((f) => !columns.includes(f));
  if (missing.length) {
    return {
      ...empty,
      fileProblem: `Dòng tiêu đề thiếu cột ${missing.map((f) => `“${DOSSIER_FIELD_LABELS[f]}”`).join(', ')}. Các cột của mẫu: ${Object.values(DOSSIER_FIELD_LABELS).join(', ')}.`,
    };
  }
  const dataRecords = records.slice(1);
  if (!dataRecords.length) return { ...empty, fileProblem: 'Tệp chỉ có dòng tiêu đề, chưa có hồ sơ nào.' };
  if (dataRecords.length > CSV_MAX_ROWS) {
    return { ...empty, total: dataRecords.length, fileProblem: `Tệp có ${dataRecords.length.toLocaleString('vi-VN')} dòng hồ sơ, quá ${CSV_MAX_ROWS.toLocaleString('vi-VN')} dòng một lần. Vui lòng chia thành nhiều tệp.` };
  }

  const rows: CsvRow[] = [];
  const problems: CsvProblem[] = [];
  const firstLineOfCode = new Map<string, number>();
  for (const record of dataRecords) {
    const value = (f: DossierField) => {
      const i = columns.indexOf(f);
      return i < 0 ? undefined : (record.fields[i] ?? '');
    };
    if (record.fields.length > header.fields.length && record.fields.slice(header.fields.length).some((f) => f.trim() !== '')) {
      problems.push({ line: record.line, column: null, message: `Dòng có ${record.fields.length} cột, nhiều hơn dòng tiêu đề (${header.fields.length} cột).` });
      continue;
    }
    const check = checkDossier(
      { code: value('code'), officeCode: value('officeCode'), procedure: value('procedure'), receivedAt: value('receivedAt'), dueAt: value('dueAt'), returnedAt: value('returnedAt') },
      now,
      parseCsvTime,
      CSV_TIME_FORMAT,
    );
    if (!check.ok) {
      for (const p of check.problems) problems.push({ line: record.line, column: p.field ? DOSSIER_FIELD_LABELS[p.field] : null, message: p.message });
      continue;
    }
    const first = firstLineOfCode.get(check.dossier.code);
    if (first !== undefined) {
      problems.push({ line: record.line, column: DOSSIER_FIELD_LABELS.code, message: `Mã hồ sơ ${check.dossier.code} trùng với dòng ${first} của tệp.` });
      continue;
    }
    firstLineOfCode.set(check.dossier.code, record.line);
    rows.push({ line: record.line, dossier: check.dossier });
  }
  return { rows, problems, total: dataRecords.length, fileProblem: null };
}

/** The template a head downloads: the header and one example row. */
export function dossierCsvTemplate(officeCode: string): string {
  const header = Object.values(DOSSIER_FIELD_LABELS).join(',');
  return `\uFEFF${header}\r\n000.00.12.H56-241205-0001,${officeCode},Đăng ký khai sinh,05/12/2026 08:30,10/12/2026,\r\n`;
}

/** What the import answers the /ho-so page (server/dossier-import.ts). */
export type ImportAnswer =
  | { status: 'refused'; message: string }
  | {
      status: 'checked' | 'stored';
      total: number;
      created: number;
      updated: number;
      /** Rows that can be stored (those stored, once stored). */
      validRows: number;
      problemCount: number;
      problems: CsvProblem[];
      /** The instant the stored rows were written with, for their sticker sheet (/ho-so/in-tem?lan=…). */
      at: number | null;
    };
