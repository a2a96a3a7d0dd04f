import { z } from 'zod';
import { CODE_ALPHABET, RECEIPT_CODE_LENGTH } from '@/lib/codes';
import { filterReader, type SearchParams } from './list-filters';

export type { SearchParams } from './list-filters';

/**
 * Comments (góp ý) and the office's replies: the staff list's URL filters
 * (?trang-thai=&diem-thap=1&lien-he=1&tu=&den=&trang=), the reply form and
 * the public look-up code. A filter value that does not parse is dropped
 * with a note; it never fails the page.
 */

export const COMMENT_STATUS_VALUES = ['new', 'in_progress', 'answered'] as const;
export type CommentStatusValue = (typeof COMMENT_STATUS_VALUES)[number];

export const COMMENT_STATUS_LABELS: Record<CommentStatusValue, string> = {
  new: 'Mới',
  in_progress: 'Đang xử lý',
  answered: 'Đã trả lời',
};

export const COMMENTS_PAGE_SIZE = 50;
export const REPLY_MAX = 1000;
/** "Low" as in the survey's reasons question: a score of 1 or 2 on q1 or q2. */
export const LOW_SCORE_MAX = 2;

export type CommentQuery = {
  status?: CommentStatusValue;
  lowOnly: boolean;
  hasContact: boolean;
  fromDay?: string;
  toDay?: string;
  /** [from, to): start of `fromDay` and start of the day after `toDay`, Asia/Ho_Chi_Minh. */
  from?: Date;
  to?: Date;
  page: number;
};


const isStatus = (v: string): v is CommentStatusValue => (COMMENT_STATUS_VALUES as readonly string[]).includes(v);

export function parseCommentQuery(params: SearchParams): { query: CommentQuery; notes: string[] } {
  const { one, dayRange, page, notes } = filterReader(params);
  const flag = (name: string, label: string): boolean => {
    const v = one(name, label);
    if (v === undefined) return false;
    if (v === '1' || v === 'on') return true;
    notes.push(`Bộ lọc “${label}” không hợp lệ nên đã được bỏ qua.`);
    return false;
  };
  const query: CommentQuery = { lowOnly: flag('diem-thap', 'chỉ điểm thấp'), hasContact: flag('lien-he', 'có số liên hệ'), page: 1 };

  const status = one('trang-thai', 'trạng thái');
  if (status !== undefined) {
    if (isStatus(status)) query.status = status;
    else notes.push('Bộ lọc “trạng thái” không hợp lệ nên đã được bỏ qua.');
  }
  Object.assign(query, dayRange());
  query.page = page();
  return { query, notes };
}

/** The URL query for the same filters on another page ("" when there is nothing to say). */
export function commentQueryString(query: CommentQuery, page: number): string {
  const p = new URLSearchParams();
  if (query.status) p.set('trang-thai', query.status);
  if (query.lowOnly) p.set('diem-thap', '1');
  if (query.hasContact) p.set('lien-he', '1');
  if (query.fromDay) p.set('tu', query.fromDay);
  if (query.toDay) p.set('den', query.toDay);
  if (page > 1) p.set('trang', String(page));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/**
 * The per-comment form: a status and, for "Đã trả lời", the reply. A reply
 * needs that status and that status needs a reply, so nothing typed is
 * silently dropped. Every error is returned at once.
 */
export const HandleCommentSchema = z
  .object({
    responseId: z
      .string()
      .trim()
      .regex(/^[1-9]\d{0,9}$/, 'Không tìm thấy góp ý này.')
      .transform(Number),
    status: z.enum(COMMENT_STATUS_VALUES, { error: 'Vui lòng chọn một trạng thái trong danh sách.' }),
    reply: z
      .string()
      .optional()
      .transform((v) => (v ?? '').replace(/\r\n/g, '\n').trim())
      .pipe(z.string().max(REPLY_MAX, `Nội dung trả lời tối đa ${REPLY_MAX} ký tự.`)),
  })
  .superRefine((v, ctx) => {
    if (v.status === 'answered' && v.reply === '') {
      ctx.addIssue({ code: 'custom', path: ['reply'], message: 'Vui lòng nhập nội dung trả lời để đánh dấu “Đã trả lời”.' });
    }
    if (v.status !== 'answered' && v.reply !== '') {
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'Để gửi nội dung trả lời, hãy chọn trạng thái “Đã trả lời” (hoặc xoá nội dung trả lời).' });
    }
  });
export type HandleCommentInput = z.output<typeof HandleCommentSchema>;

const RECEIPT = new RegExp(`^[${CODE_ALPHABET}]{${RECEIPT_CODE_LENGTH}}$`);

/** A receipt code as typed (any case, spaces around): the stored form, or null when it cannot be one. */
export function parseReceiptCode(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const code = raw.replace(/\s+/g, '').toUpperCase();
  return RECEIPT.test(code) ? code : null;
}
