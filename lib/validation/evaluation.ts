import { z } from 'zod';
import { parseRubricJson, RUBRIC_PRESETS, toX100, type Criterion, type Rubric, type RubricPreset } from '@/lib/evaluation/rubric';
import { pointsProblem } from '@/lib/evaluation/scoring';
import { dayInput } from '@/lib/day-input';
import { filterReader, type SearchParams } from './list-filters';

/**
 * Forms and URL filters of the annual evaluation (issue 6). Messages say in
 * Vietnamese what to fix; the sheet's points are checked against the rubric
 * of the period (which a static schema cannot know) by readSheetEntries.
 */

/** The sheet's workflow (the same values as evaluation_sheets.status in db/schema.ts). */
export const SHEET_STATUSES = ['not_started', 'self_assessed', 'reviewed', 'finalised'] as const;
export type EvaluationStatus = (typeof SHEET_STATUSES)[number];

export const STATUS_LABELS: Record<EvaluationStatus, string> = {
  not_started: 'Chưa tự đánh giá',
  self_assessed: 'Đã tự đánh giá',
  reviewed: 'Đã thẩm định',
  finalised: 'Đã chốt',
};

const id = (what: string) => z.coerce.number({ error: `${what} không hợp lệ.` }).int(`${what} không hợp lệ.`).positive(`${what} không hợp lệ.`);
const text = (max: number, what: string) =>
  z
    .string()
    .default('')
    .transform((s) => s.trim().replace(/[ \t]+/g, ' '))
    .pipe(z.string().max(max, `${what} dài quá ${max} ký tự.`));

export const MIN_YEAR = 2020;
export const MAX_YEAR = 2100;

export type PeriodTemplate = { kind: 'preset'; preset: RubricPreset } | { kind: 'copy'; periodId: number };

export const CreatePeriodSchema = z.object({
  year: z.coerce
    .number({ error: 'Năm phải là một số, ví dụ 2026.' })
    .int('Năm phải là một số nguyên, ví dụ 2026.')
    .min(MIN_YEAR, `Năm từ ${MIN_YEAR} đến ${MAX_YEAR}.`)
    .max(MAX_YEAR, `Năm từ ${MIN_YEAR} đến ${MAX_YEAR}.`),
  name: z
    .string()
    .default('')
    .transform((s) => s.trim().replace(/\s+/g, ' '))
    .pipe(z.string().min(1, 'Nhập tên đợt đánh giá, ví dụ “Đánh giá năm 2026”.').max(200, 'Tên đợt dài quá 200 ký tự.')),
  dueDate: dayInput('Hạn tự đánh giá', '2026-12-15'),
  template: z
    .string()
    .default('')
    .transform((s, ctx): PeriodTemplate => {
      const preset = /^preset:(.+)$/.exec(s)?.[1];
      if (preset && (RUBRIC_PRESETS as readonly string[]).includes(preset)) return { kind: 'preset', preset: preset as RubricPreset };
      const copy = /^copy:([1-9]\d{0,9})$/.exec(s)?.[1];
      if (copy) return { kind: 'copy', periodId: Number(copy) };
      ctx.addIssue({ code: 'custom', message: 'Chọn một bộ tiêu chí mẫu hoặc một đợt trước để sao chép.' });
      return z.NEVER;
    }),
});

export const RubricFormSchema = z.object({
  periodId: id('Đợt đánh giá'),
  rubric: z
    .string()
    .max(100_000, 'Bộ tiêu chí dài quá 100.000 ký tự.')
    .transform((s, ctx): Rubric => {
      const parsed = parseRubricJson(s);
      if (parsed.ok) return parsed.rubric;
      // One message per line: the editor lists them.
      ctx.addIssue({ code: 'custom', message: parsed.errors.join('\n') });
      return z.NEVER;
    }),
});

/** The structured rubric editor's form: the period, then one field per value (lib/evaluation/rubric-form.ts reads them). */
export const RubricFieldsSchema = z.object({ periodId: id('Đợt đánh giá') }).catchall(z.string().max(2000, 'Một ô dài quá 2000 ký tự.'));

export const SheetRefSchema = z.object({ periodId: id('Đợt đánh giá'), unitId: id('Đơn vị') });

/** The sheet forms carry one field per criterion (diem-<key>, ghi-chu-<key>, lien-ket-<key>), read by readSheetEntries. */
export const SheetFormSchema = SheetRefSchema.catchall(z.string());

/**
 * Finalising, sent from the confirmation step only: `xac-nhan` says the
 * person saw the summary, `tong` is the total (×100) it showed, `ly-do` the
 * reason of an administrator finalising before the year ends (checked by
 * lib/evaluation/workflow.ts decideFinalise, which knows whether one is needed).
 */
export const FinaliseSchema = SheetRefSchema.extend({
  'xac-nhan': z.literal('1', { error: 'Xem bản tóm tắt và bấm “Xác nhận chốt kết quả” để chốt.' }),
  tong: z.coerce.number({ error: 'Thiếu tổng điểm đã xem; mở lại bước xác nhận.' }).int('Thiếu tổng điểm đã xem; mở lại bước xác nhận.'),
  'ly-do': text(500, 'Lý do'),
});

export const ReopenSchema = SheetRefSchema.extend({
  reason: text(500, 'Lý do').pipe(z.string().min(10, 'Ghi lý do mở lại (ít nhất 10 ký tự): lý do được lưu vào nhật ký.')),
});

export const pointsField = (key: string) => `diem-${key}`;
export const noteField = (key: string) => `ghi-chu-${key}`;
export const linksField = (key: string) => `lien-ket-${key}`;

export const MAX_LINKS = 5;
export const MAX_NOTE = 2000;

export type SheetEntry = { key: string; pointsX100: number | null; note: string | null; links: string[] };

/** "12,5" or "12.5" → 12.5; empty → null; anything else → NaN. */
export function parsePointsText(raw: string | undefined): number | null {
  const s = (raw ?? '').trim().replace(/\s/g, '');
  if (!s) return null;
  if (!/^-?\d{1,4}([.,]\d+)?$/.test(s)) return Number.NaN;
  return Number(s.replace(',', '.'));
}

function readLinks(raw: string | undefined): { links: string[]; problem: string | null } {
  const lines = (raw ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length > MAX_LINKS) return { links: [], problem: `Tối đa ${MAX_LINKS} đường dẫn minh chứng, mỗi dòng một đường dẫn.` };
  for (const l of lines) {
    let ok = false;
    try {
      const u = new URL(l);
      ok = (u.protocol === 'https:' || u.protocol === 'http:') && l.length <= 500;
    } catch {
      ok = false;
    }
    if (!ok) return { links: [], problem: `“${l.slice(0, 60)}” không phải một đường dẫn http(s) hợp lệ (tối đa 500 ký tự), mỗi dòng một đường dẫn.` };
  }
  return { links: lines, problem: null };
}

/**
 * The points, notes and links a sheet form sent for `criteria` (those the
 * person may enter at this stage), each checked against its maximum; every
 * problem at once, keyed by field name. Links only at self-assessment.
 */
export function readSheetEntries(
  criteria: readonly Criterion[],
  values: Readonly<Record<string, string | undefined>>,
  { withLinks }: { withLinks: boolean },
): { ok: true; entries: SheetEntry[] } | { ok: false; fieldErrors: Record<string, string> } {
  const fieldErrors: Record<string, string> = {};
  const entries: SheetEntry[] = [];
  for (const c of criteria) {
    const points = parsePointsText(values[pointsField(c.key)]);
    if (points !== null) {
      const problem = Number.isNaN(points) ? `“${c.title}”: nhập điểm bằng chữ số, ví dụ 12,5.` : pointsProblem(c, points);
      if (problem) fieldErrors[pointsField(c.key)] = problem;
    }
    const note = (values[noteField(c.key)] ?? '').trim();
    if (note.length > MAX_NOTE) fieldErrors[noteField(c.key)] = `Ghi chú dài quá ${MAX_NOTE} ký tự.`;
    const { links, problem } = withLinks ? readLinks(values[linksField(c.key)]) : { links: [], problem: null };
    if (problem) fieldErrors[linksField(c.key)] = problem;
    entries.push({ key: c.key, pointsX100: points === null || Number.isNaN(points) ? null : toX100(points), note: note || null, links });
  }
  return Object.keys(fieldErrors).length ? { ok: false, fieldErrors } : { ok: true, entries };
}

// ---------------------------------------------------------------------------
// The results table's URL filters: ?don-vi=<id>&trang-thai=<status>

export const STATUS_PARAMS: Record<string, EvaluationStatus> = {
  'chua-bat-dau': 'not_started',
  'tu-danh-gia': 'self_assessed',
  'tham-dinh': 'reviewed',
  'da-chot': 'finalised',
};
export const PARAM_OF_STATUS = Object.fromEntries(Object.entries(STATUS_PARAMS).map(([k, v]) => [v, k])) as Record<EvaluationStatus, string>;

export type ResultsQuery = { unitId?: number; status?: EvaluationStatus };

/** Offices per page of the results table (the XLSX has them all): a country-wide period has thousands. */
export const RESULTS_PAGE_SIZE = 100;

/** The results filters and the page of the table (?don-vi=&trang-thai=&trang=); a bad value is dropped with a note. */
export function parseResultsQuery(params: SearchParams): { query: ResultsQuery; page: number; notes: string[] } {
  const r = filterReader(params);
  const query: ResultsQuery = {};
  const unit = r.one('don-vi', 'đơn vị');
  if (unit !== undefined) {
    if (/^[1-9]\d{0,9}$/.test(unit)) query.unitId = Number(unit);
    else r.notes.push('Mã đơn vị không hợp lệ nên bộ lọc đơn vị đã được bỏ qua.');
  }
  const status = r.one('trang-thai', 'trạng thái');
  if (status !== undefined) {
    if (STATUS_PARAMS[status]) query.status = STATUS_PARAMS[status];
    else r.notes.push(`Trạng thái “${status.slice(0, 30)}” không có nên bộ lọc trạng thái đã được bỏ qua.`);
  }
  const page = r.page();
  return { query, page, notes: r.notes };
}

export function resultsQueryString(q: ResultsQuery, page = 1): string {
  const p = new URLSearchParams();
  if (q.unitId) p.set('don-vi', String(q.unitId));
  if (q.status) p.set('trang-thai', PARAM_OF_STATUS[q.status]);
  if (page > 1) p.set('trang', String(page));
  const s = p.toString();
  return s ? `?${s}` : '';
}
