/**
 * The publishing forms' fields (docs/decisions/028): zod schemas with
 * Vietnamese messages, shared by the actions (the real check) and the tests.
 */
import { z } from 'zod';
import { PHOTO_MAX_BYTES } from '@/lib/officials/photo';
import { FIRST_YEAR, LAST_YEAR } from '@/lib/publishing/publication';

export const GOOD_EXAMPLE_LIMITS = { title: 150, body: 3000, periodLabel: 40 } as const;

const id = (what: string) => z.coerce.number({ error: `${what} không hợp lệ.` }).int(`${what} không hợp lệ.`).positive(`${what} không hợp lệ.`);

/** One line: trimmed, runs of spaces made one. */
const line = (max: number, empty: string, what: string) =>
  z
    .string()
    .default('')
    .transform((s) => s.trim().replace(/\s+/g, ' '))
    .pipe(z.string().min(1, empty).max(max, `${what} dài quá ${max} ký tự.`));

/** Several paragraphs: each line trimmed, at most one empty line between paragraphs. */
const paragraphs = (max: number, empty: string, what: string) =>
  z
    .string()
    .default('')
    .transform((s) =>
      s
        .replace(/\r\n?/g, '\n')
        .split('\n')
        .map((l) => l.trim().replace(/[ \t]+/g, ' '))
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim(),
    )
    .pipe(z.string().min(1, empty).max(max, `${what} dài quá ${max} ký tự.`));

export const PublishQuarterSchema = z.object({
  year: z.coerce
    .number({ error: 'Chọn năm.' })
    .int('Chọn năm.')
    .min(FIRST_YEAR, 'Chọn năm.')
    .max(LAST_YEAR, 'Chọn năm.'),
  quarter: z.enum(['1', '2', '3', '4'], { error: 'Chọn quý.' }).transform((q) => Number(q) as 1 | 2 | 3 | 4),
});

export const PublishYearSchema = z.object({ periodId: id('Đợt đánh giá') });

export const PublicationRefSchema = z.object({ publicationId: id('Kỳ công bố') });

export const GoodExampleSchema = z.object({
  unitId: id('Đơn vị'),
  title: line(GOOD_EXAMPLE_LIMITS.title, 'Nhập tiêu đề của gương điển hình.', 'Tiêu đề'),
  body: paragraphs(GOOD_EXAMPLE_LIMITS.body, 'Nhập nội dung giới thiệu gương điển hình: việc làm tốt, kết quả, cách làm.', 'Nội dung'),
  periodLabel: line(GOOD_EXAMPLE_LIMITS.periodLabel, 'Nhập kỳ của gương điển hình, ví dụ "Quý III/2026" hoặc "Năm 2026".', 'Kỳ'),
  published: z
    .string()
    .optional()
    .transform((v) => v === 'on'),
});
export type GoodExampleInput = z.output<typeof GoodExampleSchema>;

export const GoodExampleRefSchema = z.object({ exampleId: id('Gương điển hình') });

export const GoodExamplePublishSchema = GoodExampleRefSchema.extend({ published: z.enum(['0', '1'], { error: 'Lựa chọn không hợp lệ.' }).transform((v) => v === '1') });

/** What the staff page says after a good example's photo upload (/api/cong-bo/vi-du/<id>/anh answers with ?anh=…). */
export const EXAMPLE_PHOTO_OUTCOMES = {
  'da-luu': 'Đã lưu ảnh của gương điển hình.',
  'chua-chon': 'Vui lòng chọn một tệp ảnh.',
  'qua-lon': `Ảnh quá lớn: tối đa ${PHOTO_MAX_BYTES / 1024 / 1024} MB. Vui lòng chọn ảnh nhỏ hơn.`,
  'khong-phai-anh': 'Tệp đã chọn không phải là ảnh JPEG, PNG hoặc WebP đọc được. Vui lòng chọn một ảnh khác.',
} as const;
export type ExamplePhotoOutcome = keyof typeof EXAMPLE_PHOTO_OUTCOMES;

export function isExamplePhotoOutcome(value: unknown): value is ExamplePhotoOutcome {
  return typeof value === 'string' && Object.hasOwn(EXAMPLE_PHOTO_OUTCOMES, value);
}
