import { z } from 'zod';
import { dayKeyOf, parseDayInput, parsePeriod, PERIOD_PRESETS, type Period } from '@/lib/indicators/periods';

/**
 * The query of an export link (/xuat/phieu, /xuat/chi-so):
 * ?dinh-dang=csv|xlsx&ky=<preset> | &tu=YYYY-MM-DD&den=YYYY-MM-DD, &don-vi=<id>, &bi-loai=1.
 *
 * The dashboards quietly correct a bad period and say so on the page; a file
 * has nowhere to say it, and a file of the wrong period is worse than none,
 * so here anything that does not parse is refused (400) with every reason.
 * Corrections that cannot mislead are kept: dates given in the wrong order
 * are swapped and an end in the future stops at today (parsePeriod).
 */
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `verifiedOnly`: only ratings given through a dossier's link (?xac-thuc=1, docs/decisions/027). */
export type ExportQuery = { format: ExportFormat; unitId?: number; period: Period; includeFlagged: boolean; verifiedOnly: boolean };

const day = (label: string) =>
  z
    .string()
    .trim()
    .refine((v) => parseDayInput(v) !== null, `${label} phải là một ngày có thật dạng ngày/tháng/năm (ví dụ 27/11/2026) hoặc năm-tháng-ngày (2026-11-27), từ năm 2000.`);

const ExportQuerySchema = z.object({
  'dinh-dang': z.enum(EXPORT_FORMATS, { error: 'Định dạng (dinh-dang) phải là csv hoặc xlsx.' }).default('csv'),
  'don-vi': z
    .string()
    .trim()
    .regex(/^[1-9]\d{0,9}$/, 'Mã đơn vị (don-vi) phải là một số nguyên dương.')
    .transform(Number)
    .optional(),
  ky: z.enum(PERIOD_PRESETS, { error: `Kỳ báo cáo (ky) phải là một trong: ${PERIOD_PRESETS.join(', ')}.` }).optional(),
  tu: day('Ngày bắt đầu (tu)').optional(),
  den: day('Ngày kết thúc (den)').optional(),
  'bi-loai': z.enum(['0', '1'], { error: 'Tham số bi-loai chỉ nhận 0 hoặc 1.' }).default('0'),
  'xac-thuc': z.enum(['0', '1'], { error: 'Tham số xac-thuc chỉ nhận 0 hoặc 1.' }).default('0'),
});

const KNOWN = new Set(Object.keys(ExportQuerySchema.shape));

export type ExportQueryResult = { ok: true; query: ExportQuery } | { ok: false; errors: string[] };

/** Parses an export URL's query at `now` (for presets and "not in the future"); never throws. */
export function parseExportQuery(params: URLSearchParams, now: Date | number): ExportQueryResult {
  const errors: string[] = [];
  const raw: Record<string, string> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    if (!KNOWN.has(key)) continue;
    if (values.length > 1) errors.push(`Tham số ${key} xuất hiện nhiều lần.`);
    else if (values[0]!.trim() !== '') raw[key] = values[0]!;
  }
  const parsed = ExportQuerySchema.safeParse(raw);
  if (!parsed.success) errors.push(...parsed.error.issues.map((i) => i.message));
  if (errors.length || !parsed.success) return { ok: false, errors };

  const q = parsed.data;
  const today = dayKeyOf(now);
  if (q.tu && q.den ? q.tu > today && q.den > today : q.tu ? q.tu > today : false) {
    return { ok: false, errors: ['Kỳ xuất dữ liệu còn ở tương lai: chưa có đánh giá nào.'] };
  }
  const { period } = parsePeriod({ ky: q.ky, tu: q.tu, den: q.den }, now);
  return { ok: true, query: { format: q['dinh-dang'], unitId: q['don-vi'], period, includeFlagged: q['bi-loai'] === '1', verifiedOnly: q['xac-thuc'] === '1' } };
}
