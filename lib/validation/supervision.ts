/**
 * The supervision and integrity forms (docs/decisions/028): zod schemas with
 * Vietnamese messages, shared by the actions (the real check) and the tests.
 */
import { z } from 'zod';
import { dayInput } from '@/lib/day-input';
import { INTEGRITY_FINDINGS, ORGANISATION_KINDS } from '@/lib/supervision';
import { evidenceLinks } from './recognition';

export const MAX_RECOMMENDATIONS = 20;
export const FINDINGS_MAX = 4000;
export const RECOMMENDATION_MAX = 1000;
export const ANSWER_MAX = 2000;
export const NOTE_MAX = 2000;

const id = (what: string) =>
  z
    .string({ error: `${what} không hợp lệ.` })
    .trim()
    .regex(/^[1-9]\d{0,9}$/, `${what} không hợp lệ.`)
    .transform(Number);

/** Trimmed, inner blanks of a line collapsed, line breaks kept. */
const text = (min: number, max: number, empty: string, what: string) =>
  z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(/\r?\n/)
        .map((l) => l.trim().replace(/[ \t]+/g, ' '))
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim(),
    )
    .pipe(z.string().min(min, empty).max(max, `${what} dài quá ${max} ký tự.`));

export const OrganisationSchema = z.object({
  organisationId: z
    .string()
    .trim()
    .regex(/^(?:|[1-9]\d{0,9})$/, 'Không tìm thấy tổ chức.')
    .optional()
    .transform((v) => (v ? Number(v) : null)),
  name: text(3, 200, 'Nhập tên tổ chức (ít nhất 3 ký tự).', 'Tên tổ chức').refine((s) => !s.includes('\n'), 'Tên tổ chức viết trên một dòng.'),
  kind: z.enum(ORGANISATION_KINDS, { error: 'Chọn loại tổ chức trong danh sách.' }),
  active: z.string().optional().transform((v) => v === 'on'),
});

/** One recommendation a line, each at most RECOMMENDATION_MAX characters, at most MAX_RECOMMENDATIONS. */
const recommendationLines = z
  .string()
  .default('')
  .transform((raw, ctx): string[] => {
    const lines = raw
      .split(/\r?\n/)
      .map((l) => l.trim().replace(/\s+/g, ' '))
      .filter(Boolean);
    if (lines.length > MAX_RECOMMENDATIONS) {
      ctx.addIssue({ code: 'custom', message: `Tối đa ${MAX_RECOMMENDATIONS} kiến nghị trong một lần ghi, mỗi dòng một kiến nghị.` });
      return z.NEVER;
    }
    const long = lines.find((l) => l.length > RECOMMENDATION_MAX);
    if (long) {
      ctx.addIssue({ code: 'custom', message: `Mỗi kiến nghị tối đa ${RECOMMENDATION_MAX} ký tự (kiến nghị “${long.slice(0, 40)}…” dài quá).` });
      return z.NEVER;
    }
    return lines;
  });

export const RecordVisitSchema = z.object({
  unitId: id('Đơn vị được giám sát'),
  periodId: id('Đợt đánh giá'),
  visitedOn: dayInput('Ngày giám sát'),
  findings: text(10, FINDINGS_MAX, 'Ghi kết quả giám sát (ít nhất 10 ký tự).', 'Kết quả giám sát'),
  evidence: evidenceLinks,
  recommendations: recommendationLines,
});
export type RecordVisitInput = z.output<typeof RecordVisitSchema>;

export const AnswerRecommendationSchema = z.object({
  recommendationId: id('Kiến nghị'),
  answer: text(5, ANSWER_MAX, 'Nhập nội dung trả lời kiến nghị (ít nhất 5 ký tự).', 'Nội dung trả lời'),
  done: z.string().optional().transform((v) => v === 'on'),
});

export const CloseIntegritySchema = z.object({
  reportId: id('Phản ánh'),
  finding: z.enum(INTEGRITY_FINDINGS, { error: 'Chọn kết luận: phản ánh đúng hay không đúng.' }),
  note: text(10, NOTE_MAX, 'Ghi nội dung kết luận, căn cứ xác minh (ít nhất 10 ký tự).', 'Nội dung kết luận'),
});
