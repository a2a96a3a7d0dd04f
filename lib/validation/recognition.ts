/**
 * The recognition forms' fields (docs/decisions/023): zod schemas with
 * Vietnamese messages, shared by the actions (the real check) and the tests.
 */
import { z } from 'zod';
import { dayInput } from '@/lib/day-input';
import { EligibilityRulesSchema, SATISFACTION_MEASURES, type EligibilityRules } from '@/lib/recognition/rules';

export const RECOGNITION_KIND_LABELS = { collective: 'Tập thể', individual: 'Cá nhân' } as const;
export const ROUND_STATUS_LABELS = { open: 'Đang nhận đề nghị', compiled: 'Đã lập tờ trình', decided: 'Đã có quyết định' } as const;
export const NOMINATION_STATUS_LABELS = { proposed: 'Chờ xem xét', accepted: 'Đồng ý đề nghị', rejected: 'Không đề nghị', withdrawn: 'Đã rút' } as const;
export const MAX_EVIDENCE_LINKS = 5;

const id = (what: string) => z.coerce.number({ error: `${what} không hợp lệ.` }).int(`${what} không hợp lệ.`).positive(`${what} không hợp lệ.`);
const text = (min: number, max: number, empty: string, what: string) =>
  z
    .string()
    .default('')
    .transform((s) => s.trim().replace(/[ \t]+/g, ' '))
    .pipe(z.string().min(min, empty).max(max, `${what} dài quá ${max} ký tự.`));

export const OpenRoundSchema = z.object({ periodId: id('Đợt đánh giá') });
export const RoundRefSchema = z.object({ roundId: id('Đợt khen thưởng') });

/** The rules form: minimum ratings, minimum satisfaction (percent) and what it compares, the integrity rule, the classes that qualify. */
export const RulesFormSchema = RoundRefSchema.extend({
  minRatings: z.string().default(''),
  minRate: z.string().default(''),
  measure: z.enum(SATISFACTION_MEASURES, { error: 'Chọn cách so sánh tỷ lệ hài lòng.' }),
  integrity: z.string().optional(),
}).catchall(z.string());

export const CLASS_FIELD_PREFIX = 'xep-loai-';

/** The rules a rules form describes, or every problem keyed by field. */
export function readRulesForm(values: z.output<typeof RulesFormSchema>): { ok: true; rules: EligibilityRules } | { ok: false; fieldErrors: Record<string, string> } {
  const fieldErrors: Record<string, string> = {};
  const individual: EligibilityRules['individual'] = [];
  const n = values.minRatings.trim();
  if (n) {
    if (!/^\d{1,6}$/.test(n) || Number(n) < 1) fieldErrors.minRatings = 'Số lượt tối thiểu là một số nguyên từ 1, hoặc để trống nếu không áp dụng.';
    else individual.push({ kind: 'minRatings', min: Number(n) });
  }
  const r = values.minRate.trim().replace(',', '.');
  if (r) {
    const x = Number(r);
    if (!/^\d{1,3}(\.\d{1,2})?$/.test(r) || x < 0 || x > 100) fieldErrors.minRate = 'Tỷ lệ tối thiểu là một số từ 0 đến 100 (phần trăm), ví dụ 90 hoặc 92,5; để trống nếu không áp dụng.';
    else individual.push({ kind: 'minSatisfaction', min: Math.round(x * 100) / 10_000, measure: values.measure });
  }
  if (values.integrity === 'on') individual.push({ kind: 'noUpheldIntegrityReport' });
  const classes = Object.entries(values)
    .filter(([k, v]) => k.startsWith(CLASS_FIELD_PREFIX) && v === 'on')
    .map(([k]) => decodeURIComponent(k.slice(CLASS_FIELD_PREFIX.length)));
  if (!classes.length) fieldErrors.classes = 'Chọn ít nhất một mức xếp loại được đề nghị khen thưởng tập thể.';
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  const parsed = EligibilityRulesSchema.safeParse({ individual, collective: [{ kind: 'officeClass', classes }] });
  if (!parsed.success) return { ok: false, fieldErrors: { form: parsed.error.issues[0]!.message } };
  return { ok: true, rules: parsed.data };
}

/** Evidence links: one http(s) address a line, at most five. */
export const evidenceLinks = z
  .string()
  .default('')
  .transform((raw, ctx): string[] => {
    const lines = raw
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    if (lines.length > MAX_EVIDENCE_LINKS) {
      ctx.addIssue({ code: 'custom', message: `Tối đa ${MAX_EVIDENCE_LINKS} đường dẫn minh chứng, mỗi dòng một đường dẫn.` });
      return z.NEVER;
    }
    for (const l of lines) {
      let ok = false;
      try {
        const u = new URL(l);
        ok = (u.protocol === 'https:' || u.protocol === 'http:') && l.length <= 500;
      } catch {
        ok = false;
      }
      if (!ok) {
        ctx.addIssue({ code: 'custom', message: `“${l.slice(0, 60)}” không phải một đường dẫn http(s) hợp lệ (tối đa 500 ký tự), mỗi dòng một đường dẫn.` });
        return z.NEVER;
      }
    }
    return lines;
  });

export const NominateIndividualSchema = RoundRefSchema.extend({
  officialId: id('Cán bộ'),
  formId: id('Hình thức khen thưởng'),
  reasons: text(10, 2000, 'Nêu thành tích, lý do đề nghị (ít nhất 10 ký tự).', 'Lý do'),
  evidence: evidenceLinks,
});

export const NominateCollectiveSchema = RoundRefSchema.extend({
  unitId: id('Đơn vị'),
  formId: id('Hình thức khen thưởng'),
  reasons: text(10, 2000, 'Nêu thành tích, lý do đề nghị (ít nhất 10 ký tự).', 'Lý do'),
});

export const ReviewSchema = z.object({
  nominationId: id('Đề nghị'),
  verdict: z.enum(['accepted', 'rejected'], { error: 'Chọn đồng ý hoặc không đồng ý đề nghị.' }),
  note: text(0, 1000, '', 'Ghi chú'),
});

export const CompileSchema = RoundRefSchema.extend({
  submissionNumber: text(1, 50, 'Nhập số tờ trình, ví dụ 125/TTr-SNV.', 'Số tờ trình'),
  submissionDate: dayInput('Ngày tờ trình', '2026-12-20'),
});

/** The decision: number, date, and per accepted nomination `hinh-thuc-<id>` the form awarded. */
export const DecideSchema = RoundRefSchema.extend({
  decisionNumber: text(1, 50, 'Nhập số quyết định, ví dụ 2001/QĐ-UBND.', 'Số quyết định'),
  decisionDate: dayInput('Ngày quyết định', '2026-12-28'),
}).catchall(z.string());

export const AWARD_FIELD_PREFIX = 'hinh-thuc-';

export const FormSchema = z.object({
  formId: z.string().optional(),
  name: text(3, 200, 'Nhập tên hình thức khen thưởng (ít nhất 3 ký tự).', 'Tên'),
  kind: z.enum(['collective', 'individual'], { error: 'Chọn khen cho tập thể hay cá nhân.' }),
  active: z.string().optional(),
});
