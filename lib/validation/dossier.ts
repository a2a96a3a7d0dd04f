import { z } from 'zod';
import { normalizeCode } from '@/lib/codes';
import { parseDayInput, dayStart } from '@/lib/indicators/periods';
import { collapseSpaces } from '@/lib/text';

/**
 * A dossier as the dossier system or a head's CSV registers it (issue 17,
 * docs/decisions/027), checked the same way on both paths: the API reports
 * each problem as a problem-details error with a JSON pointer, the CSV import
 * as a row, a column and a message.
 *
 * Dossier codes (mã hồ sơ) are printed on the receipt, e.g.
 * "000.00.12.H56-241205-0001": the agency's code, the day and a number. They
 * are stored in upper case (the systems print them so; a code typed in lower
 * case is the same dossier) and hold letters, digits, '.', '-' and '_';
 * 64 characters leave room for every format seen while refusing a pasted
 * paragraph.
 */

export const DOSSIER_CODE_MAX = 64;
export const DOSSIER_PROCEDURE_MAX = 300;
const CODE_SHAPE = /^[A-Z0-9][A-Z0-9._-]*$/;
/** A clock a little ahead on the dossier system's side is not an error. */
export const DOSSIER_CLOCK_SKEW_MS = 5 * 60_000;
const EARLIEST = Date.UTC(2000, 0, 1);

export const DOSSIER_FIELDS = ['code', 'officeCode', 'procedure', 'receivedAt', 'dueAt', 'returnedAt'] as const;
export type DossierField = (typeof DOSSIER_FIELDS)[number];

/** What a head reads beside a field (the CSV's column, the API's field). */
export const DOSSIER_FIELD_LABELS: Record<DossierField, string> = {
  code: 'Mã hồ sơ',
  officeCode: 'Mã đơn vị',
  procedure: 'Thủ tục',
  receivedAt: 'Ngày tiếp nhận',
  dueAt: 'Ngày hẹn trả',
  returnedAt: 'Ngày trả kết quả',
};

export type DossierInput = {
  code: string;
  /** The survey code of the office, or of one of its counters (the one QR poster codes use). */
  officeCode: string;
  procedure: string;
  receivedAt: Date;
  dueAt: Date | null;
  returnedAt: Date | null;
};

export type DossierProblem = { field: DossierField | null; message: string };

/** The code as stored, or a Vietnamese reason it cannot be one. */
export function checkDossierCode(raw: unknown): { ok: true; code: string } | { ok: false; message: string } {
  if (typeof raw !== 'string' || raw.trim() === '') return { ok: false, message: 'Thiếu mã hồ sơ.' };
  const code = raw.trim().toUpperCase();
  if (code.length > DOSSIER_CODE_MAX) return { ok: false, message: `Mã hồ sơ dài ${code.length} ký tự, quá ${DOSSIER_CODE_MAX} ký tự cho phép.` };
  if (!CODE_SHAPE.test(code)) {
    return { ok: false, message: 'Mã hồ sơ chỉ gồm chữ cái không dấu, chữ số và các dấu “.”, “-”, “_” (ví dụ 000.00.12.H56-241205-0001).' };
  }
  return { ok: true, code };
}

/** The survey code of an office or counter (lib/codes.ts), or a reason it cannot be one. */
export function checkOfficeCode(raw: unknown): { ok: true; code: string } | { ok: false; message: string } {
  if (typeof raw !== 'string' || raw.trim() === '') return { ok: false, message: 'Thiếu mã đơn vị (mã trên áp phích QR của đơn vị hoặc quầy).' };
  const code = normalizeCode(raw);
  return code ? { ok: true, code } : { ok: false, message: `Mã đơn vị “${raw.trim().slice(0, 20)}” không đúng dạng (mã trên áp phích QR của đơn vị hoặc quầy, ví dụ TTHC22).` };
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const VN_DATE_TIME = /^(\d{1,2}[/.-]\d{1,2}[/.-]\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A time as the API takes it: RFC 3339 with its offset ("2026-12-05T08:30:00+07:00"
 * or "…Z"), a real instant from 2000 on. Null for anything else.
 */
export function parseApiTime(raw: string): Date | null {
  const m = ISO.exec(raw.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0'] = m;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  const date = new Date(raw.trim());
  if (Number.isNaN(date.getTime()) || date.getTime() < EARLIEST) return null;
  // 2026-02-30 rolls over in Date: compare the calendar day in the given offset.
  const offset = m[7] === 'Z' ? 0 : (m[7]!.startsWith('-') ? -1 : 1) * (Number(m[7]!.slice(1, 3)) * 60 + Number(m[7]!.slice(4, 6)));
  const local = new Date(date.getTime() + offset * 60_000);
  if (local.getUTCFullYear() !== Number(y) || local.getUTCMonth() + 1 !== Number(mo) || local.getUTCDate() !== Number(d)) return null;
  return date;
}

/**
 * A time as a head's spreadsheet writes it, in Vietnam's time: "05/12/2026",
 * "05/12/2026 08:30" (day first, as every date field of the app), or the
 * API's RFC 3339. A day without a time means its start, except for the due
 * day (`endOfDay`), which a dossier meets until the day ends.
 */
export function parseCsvTime(raw: string, { endOfDay = false } = {}): Date | null {
  const s = raw.trim();
  const vn = VN_DATE_TIME.exec(s);
  if (vn) {
    const day = parseDayInput(vn[1]!);
    if (!day) return null;
    if (vn[2] === undefined) return new Date(dayStart(day) + (endOfDay ? 24 * 3600_000 - 1 : 0));
    const [h, mi, sec = '0'] = [vn[2], vn[3]!, vn[4]];
    if (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) return null;
    return new Date(dayStart(day) + ((Number(h) * 60 + Number(mi)) * 60 + Number(sec)) * 1000);
  }
  const day = parseDayInput(s);
  if (day) return new Date(dayStart(day) + (endOfDay ? 24 * 3600_000 - 1 : 0));
  return parseApiTime(s);
}

/**
 * The problems of times already parsed: received first, due and returned
 * not before it, nothing received or returned in the future (beyond a few
 * minutes of clock difference).
 */
export function dossierTimeProblems(t: { receivedAt: Date; dueAt: Date | null; returnedAt: Date | null }, now: Date): DossierProblem[] {
  const out: DossierProblem[] = [];
  const latest = now.getTime() + DOSSIER_CLOCK_SKEW_MS;
  if (t.receivedAt.getTime() > latest) out.push({ field: 'receivedAt', message: 'Ngày tiếp nhận ở trong tương lai.' });
  if (t.dueAt && t.dueAt.getTime() < t.receivedAt.getTime()) out.push({ field: 'dueAt', message: 'Ngày hẹn trả trước ngày tiếp nhận: thứ tự thời gian không đúng.' });
  if (t.returnedAt && t.returnedAt.getTime() < t.receivedAt.getTime()) {
    out.push({ field: 'returnedAt', message: 'Ngày trả kết quả trước ngày tiếp nhận: thứ tự thời gian không đúng.' });
  } else if (t.returnedAt && t.returnedAt.getTime() > latest) {
    out.push({ field: 'returnedAt', message: 'Ngày trả kết quả ở trong tương lai.' });
  }
  return out;
}

export type DossierCheck = { ok: true; dossier: DossierInput } | { ok: false; problems: DossierProblem[] };

type RawTimes = { receivedAt: unknown; dueAt: unknown; returnedAt: unknown };

/**
 * Checks one dossier's fields (strings as they arrived) and returns it ready
 * to store, or every problem at once. `parseTime` is the API's or the CSV's.
 */
export function checkDossier(
  raw: { code: unknown; officeCode: unknown; procedure: unknown } & RawTimes,
  now: Date,
  parseTime: (raw: string, opts?: { endOfDay?: boolean }) => Date | null,
  timeFormat: string,
): DossierCheck {
  const problems: DossierProblem[] = [];
  const code = checkDossierCode(raw.code);
  if (!code.ok) problems.push({ field: 'code', message: code.message });
  const office = checkOfficeCode(raw.officeCode);
  if (!office.ok) problems.push({ field: 'officeCode', message: office.message });

  let procedure = '';
  if (raw.procedure != null && typeof raw.procedure !== 'string') problems.push({ field: 'procedure', message: 'Thủ tục phải là một chuỗi ký tự.' });
  else {
    procedure = collapseSpaces(raw.procedure ?? '');
    if (procedure.length > DOSSIER_PROCEDURE_MAX) problems.push({ field: 'procedure', message: `Tên thủ tục quá ${DOSSIER_PROCEDURE_MAX} ký tự.` });
  }

  const time = (field: 'receivedAt' | 'dueAt' | 'returnedAt', required: boolean): Date | null | undefined => {
    const v = raw[field];
    if (v == null || (typeof v === 'string' && v.trim() === '')) {
      if (required) problems.push({ field, message: `Thiếu ${DOSSIER_FIELD_LABELS[field].toLowerCase()}.` });
      return null;
    }
    const parsed = typeof v === 'string' ? parseTime(v, { endOfDay: field === 'dueAt' }) : null;
    if (!parsed) {
      problems.push({ field, message: `${DOSSIER_FIELD_LABELS[field]} “${String(v).slice(0, 40)}” không phải thời điểm hợp lệ (${timeFormat}).` });
      return undefined;
    }
    return parsed;
  };
  const receivedAt = time('receivedAt', true);
  const dueAt = time('dueAt', false);
  const returnedAt = time('returnedAt', false);
  if (receivedAt && dueAt !== undefined && returnedAt !== undefined) problems.push(...dossierTimeProblems({ receivedAt, dueAt, returnedAt }, now));

  if (problems.length || !code.ok || !office.ok || !receivedAt || dueAt === undefined || returnedAt === undefined) return { ok: false, problems };
  return { ok: true, dossier: { code: code.code, officeCode: office.code, procedure, receivedAt, dueAt, returnedAt } };
}

export const API_TIME_FORMAT = 'RFC 3339 có múi giờ, ví dụ 2026-12-05T08:30:00+07:00';
export const CSV_TIME_FORMAT = 'ngày/tháng/năm, có thể kèm giờ:phút, ví dụ 05/12/2026 08:30';

/** The API's body: a JSON object whose fields are checked by `checkDossier`; other fields are ignored. */
export const DossierApiBodySchema = z.object(
  {
    // Every field optional here: a missing one is reported by checkDossier beside the others, by its name.
    code: z.unknown().optional(),
    officeCode: z.unknown().optional(),
    procedure: z.unknown().optional(),
    receivedAt: z.unknown().optional(),
    dueAt: z.unknown().optional(),
    returnedAt: z.unknown().optional(),
  },
  { error: 'Nội dung phải là một đối tượng JSON có các trường code, officeCode, receivedAt (và procedure, dueAt, returnedAt nếu có).' },
);

/** A dossier posted to the API, checked: `now` bounds the times (nothing in the future). */
export function checkApiDossier(body: unknown, now: Date): DossierCheck {
  const parsed = DossierApiBodySchema.safeParse(body);
  if (!parsed.success || Array.isArray(body)) {
    return { ok: false, problems: [{ field: null, message: parsed.success ? 'Nội dung phải là một đối tượng JSON, không phải mảng.' : parsed.error.issues[0]!.message }] };
  }
  const b = parsed.data;
  const asText = (v: unknown) => (typeof v === 'string' || v == null ? v : `${JSON.stringify(v)}`);
  return checkDossier(
    { code: b.code, officeCode: b.officeCode, procedure: b.procedure, receivedAt: asText(b.receivedAt), dueAt: asText(b.dueAt), returnedAt: asText(b.returnedAt) },
    now,
    (raw) => parseApiTime(raw),
    API_TIME_FORMAT,
  );
}

/** The key's id in a path segment of /api/v1/dossiers/{code}: the code as stored, or null. */
export function parseDossierCodeParam(raw: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  const c = checkDossierCode(decoded);
  return c.ok ? c.code : null;
}
