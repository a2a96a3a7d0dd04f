import { z } from 'zod';
import { RECEIPT_CODE_LENGTH } from '@/lib/codes';
import { parseReceiptCode } from './comments';

/**
 * Requests to erase a citizen's phone number (PDPL 2025, domain.md §7): the
 * citizen's own form (the receipt code) and the staff form for a request
 * received by phone (the receipt code or the number itself, and a note).
 */

export const ERASURE_NOTE_MAX = 300;

export const RECEIPT_CODE_MESSAGE = `Mã tra cứu gồm ${RECEIPT_CODE_LENGTH} ký tự (chữ và số), như in trên trang cảm ơn. Ông/Bà vui lòng kiểm tra lại.`;

/** Vietnamese mobile and landline numbers, as the survey accepts them (lib/validation/survey-response.ts). */
const PHONE = /^(?:0|\+84)(?:[35789]\d{8}|2\d{9})$/;

/**
 * The forms a number may be stored in ("0912345678" and "+84912345678"),
 * after removing spaces, dots, dashes and brackets; null when it is not a
 * Vietnamese phone number.
 */
export function phoneVariants(raw: string): string[] | null {
  const v = raw.replace(/[\s.\-()]/g, '');
  if (!PHONE.test(v)) return null;
  const national = v.startsWith('+84') ? `0${v.slice(3)}` : v;
  return [national, `+84${national.slice(1)}`];
}

const receiptCode = z
  .string()
  .transform((v, ctx) => {
    const code = parseReceiptCode(v);
    if (!code) ctx.addIssue({ code: 'custom', message: RECEIPT_CODE_MESSAGE });
    return code ?? '';
  });

/** The citizen's request: the receipt code, and the box saying they understand it cannot be undone. */
export const CitizenErasureSchema = z.object({
  ma: receiptCode,
  dongY: z.literal('on', { error: 'Ông/Bà vui lòng đánh dấu ô xác nhận trước khi gửi yêu cầu.' }),
});

/** Staff recording a request received by phone or in person: the receipt code or the number, and how the request came. */
export const StaffErasureSchema = z
  .object({
    receiptCode: z.string().trim().max(32, RECEIPT_CODE_MESSAGE).optional().default(''),
    phone: z.string().trim().max(32, 'Số điện thoại không hợp lệ.').optional().default(''),
    note: z
      .string()
      .transform((v) => v.replace(/\s+/g, ' ').trim())
      .pipe(
        z
          .string()
          .min(5, 'Vui lòng ghi cách nhận yêu cầu (ví dụ: “Người dân gọi điện lúc 9 giờ ngày 5/12”).')
          .max(ERASURE_NOTE_MAX, `Ghi chú tối đa ${ERASURE_NOTE_MAX} ký tự.`),
      ),
  })
  .superRefine((v, ctx) => {
    if (!v.receiptCode && !v.phone) {
      ctx.addIssue({ code: 'custom', path: ['receiptCode'], message: 'Nhập mã tra cứu hoặc số điện thoại người dân yêu cầu xoá.' });
      return;
    }
    if (v.receiptCode && v.phone) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'Chỉ nhập một trong hai: mã tra cứu hoặc số điện thoại.' });
    }
    if (v.receiptCode && !parseReceiptCode(v.receiptCode)) ctx.addIssue({ code: 'custom', path: ['receiptCode'], message: RECEIPT_CODE_MESSAGE });
    if (v.phone && !phoneVariants(v.phone)) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'Số điện thoại không hợp lệ: 10 chữ số bắt đầu bằng 0 (hoặc +84), ví dụ 0912 345 678.' });
    }
  })
  .transform((v) =>
    v.receiptCode ? { by: 'receipt' as const, receiptCode: parseReceiptCode(v.receiptCode)!, note: v.note } : { by: 'phone' as const, phones: phoneVariants(v.phone)!, note: v.note },
  );

export type StaffErasureInput = z.output<typeof StaffErasureSchema>;

export const ERASURE_CHANNEL_LABELS: Record<string, string> = {
  citizen: 'Người dân tự yêu cầu trên trang xoá số điện thoại',
  staff: 'Cán bộ ghi nhận yêu cầu (điện thoại, trực tiếp)',
};
