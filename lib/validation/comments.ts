import { z } from 'zod';
import { CODE_ALPHABET, RECEIPT_CODE_LENGTH } from '@/lib/codes';
import { searchWords } from '@/lib/search-pattern';
import { collapseSpaces } from '@/lib/text';
import { filterReader, type SearchParams } from './list-filters';

export type { SearchParams } from './list-filters';

/**
 * Comments (góp ý) and the office's replies: the staff list's URL filters
 * (?trang-thai=&diem-thap=1&lien-he=1&tu=&den=&ma=&tim=&sap-xep=&trang=),
 * the reply and status forms and the public look-up code. A filter value
 * that does not parse is dropped with a note; it never fails the page.
 */

export const COMMENT_STATUS_VALUES = ['new', 'in_progress', 'answered'] as const;
export type CommentStatusValue = (typeof COMMENT_STATUS_VALUES)[number];

export const COMMENT_STATUS_LABELS: Record<CommentStatusValue, string> = {
  new: 'Mới',
  in_progress: 'Đang xử lý',
  answered: 'Đã trả lời',
};

/** The status filter: one status, or 'unanswered' (new or in progress: what still needs a reply). */
export const COMMENT_STATUS_FILTERS = [...COMMENT_STATUS_VALUES, 'unanswered'] as const;
export type CommentStatusFilter = (typeof COMMENT_STATUS_FILTERS)[number];
export const COMMENT_STATUS_FILTER_LABELS: Record<CommentStatusFilter, string> = {
  ...COMMENT_STATUS_LABELS,
  unanswered: 'Chưa trả lời',
};

/** The list's order: newest first (default) or oldest first ("sap-xep=cu-nhat", the longest-waiting comment on top). */
export const COMMENT_ORDERS = ['newest', 'oldest'] as const;
export type CommentOrder = (typeof COMMENT_ORDERS)[number];
const ORDER_PARAM: Record<CommentOrder, string> = { newest: 'moi-nhat', oldest: 'cu-nhat' };
export const COMMENT_ORDER_LABELS: Record<CommentOrder, string> = { newest: 'Mới nhất trước', oldest: 'Cũ nhất trước' };

export const COMMENTS_PAGE_SIZE = 20;
export const REPLY_MAX = 1000;
export const COMMENT_SEARCH_MAX = 100;
/** "Low" as in the survey's reasons question: a score of 1 or 2 on q1 or q2. */
export const LOW_SCORE_MAX = 2;

export type CommentQuery = {
  status?: CommentStatusFilter;
  lowOnly: boolean;
  hasContact: boolean;
  fromDay?: string;
  toDay?: string;
  /** [from, to): start of `fromDay` and start of the day after `toDay`, Asia/Ho_Chi_Minh. */
  from?: Date;
  to?: Date;
  /** A receipt code in its stored form (upper case, no spaces). */
  receiptCode?: string;
  /** Free text as typed (spaces collapsed); matched word by word, accent- and case-insensitively. */
  text?: string;
  order: CommentOrder;
  page: number;
};

const isStatusFilter = (v: string): v is CommentStatusFilter => (COMMENT_STATUS_FILTERS as readonly string[]).includes(v);

const RECEIPT = new RegExp(`^[${CODE_ALPHABET}]{${RECEIPT_CODE_LENGTH}}$`);

/** The "Mã tra cứu" filter: a receipt code as typed (any case, spaces anywhere). */
export const ReceiptFilterSchema = z
  .string()
  .transform((v) => v.replace(/\s+/g, '').toUpperCase())
  .pipe(
    z
      .string()
      .regex(RECEIPT, `Mã tra cứu gồm ${RECEIPT_CODE_LENGTH} ký tự chữ và số (như in trên trang cảm ơn của người dân) nên bộ lọc mã tra cứu đã được bỏ qua.`),
  );

/** The "Tìm trong nội dung" filter: words to find in the comment text. */
export const TextFilterSchema = z
  .string()
  .transform(collapseSpaces)
  .pipe(
    z
      .string()
      .max(COMMENT_SEARCH_MAX, `Nội dung cần tìm dài quá ${COMMENT_SEARCH_MAX} ký tự nên đã được bỏ qua.`)
      .refine((v) => searchWords(v).length > 0, 'Nội dung cần tìm không có chữ hay số nào nên đã được bỏ qua.'),
  );

export function parseCommentQuery(params: SearchParams): { query: CommentQuery; notes: string[] } {
  const { one, dayRange, page, notes } = filterReader(params);
  const flag = (name: string, label: string): boolean => {
    const v = one(name, label);
    if (v === undefined) return false;
    if (v === '1' || v === 'on') return true;
    notes.push(`Bộ lọc “${label}” không hợp lệ nên đã được bỏ qua.`);
    return false;
  };
  /** A value checked by `schema`, or undefined with the schema's message as the note. */
  const checked = <T>(name: string, label: string, schema: z.ZodType<T, string>): T | undefined => {
    const v = one(name, label);
    if (v === undefined) return undefined;
    const r = schema.safeParse(v);
    if (r.success) return r.data;
    notes.push(r.error.issues[0]!.message);
    return undefined;
  };
  const query: CommentQuery = { lowOnly: flag('diem-thap', 'chỉ điểm thấp'), hasContact: flag('lien-he', 'có số liên hệ'), order: 'newest', page: 1 };

  const status = one('trang-thai', 'trạng thái');
  if (status !== undefined) {
    if (isStatusFilter(status)) query.status = status;
    else notes.push('Bộ lọc “trạng thái” không hợp lệ nên đã được bỏ qua.');
  }
  Object.assign(query, dayRange());
  const receiptCode = checked('ma', 'mã tra cứu', ReceiptFilterSchema);
  if (receiptCode) query.receiptCode = receiptCode;
  const text = checked('tim', 'tìm trong nội dung', TextFilterSchema);
  if (text) query.text = text;
  const order = one('sap-xep', 'sắp xếp');
  if (order === ORDER_PARAM.oldest) query.order = 'oldest';
  else if (order !== undefined && order !== ORDER_PARAM.newest) notes.push('Cách sắp xếp không hợp lệ nên danh sách xếp mới nhất trước.');
  query.page = page();
  return { query, notes };
}

/** Whether any filter narrows the list (the order and the page do not). */
export function isFiltered(query: CommentQuery): boolean {
  return Boolean(query.status || query.lowOnly || query.hasContact || query.from || query.to || query.receiptCode || query.text);
}

/** The URL query for the same filters on another page ("" when there is nothing to say). */
export function commentQueryString(query: CommentQuery, page: number): string {
  const p = new URLSearchParams();
  if (query.status) p.set('trang-thai', query.status);
  if (query.lowOnly) p.set('diem-thap', '1');
  if (query.hasContact) p.set('lien-he', '1');
  if (query.fromDay) p.set('tu', query.fromDay);
  if (query.toDay) p.set('den', query.toDay);
  if (query.receiptCode) p.set('ma', query.receiptCode);
  if (query.text) p.set('tim', query.text);
  if (query.order !== 'newest') p.set('sap-xep', ORDER_PARAM[query.order]);
  if (page > 1) p.set('trang', String(page));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The value of the order select for a query ("moi-nhat" or "cu-nhat"). */
export const orderParam = (order: CommentOrder) => ORDER_PARAM[order];

const responseIdField = z
  .string()
  .trim()
  .regex(/^[1-9]\d{0,9}$/, 'Không tìm thấy góp ý này.')
  .transform(Number);

/**
 * The reply form: sending a reply marks the comment "Đã trả lời" (lib/comments.ts),
 * so there is no status to choose first. Every error is returned at once.
 */
export const ReplyCommentSchema = z.object({
  responseId: responseIdField,
  reply: z
    .string()
    .optional()
    .transform((v) => (v ?? '').replace(/\r\n/g, '\n').trim())
    .pipe(z.string().min(1, 'Vui lòng nhập nội dung trả lời.').max(REPLY_MAX, `Nội dung trả lời tối đa ${REPLY_MAX} ký tự.`)),
});
export type ReplyCommentInput = z.output<typeof ReplyCommentSchema>;

/** The status form (a stored reply is kept; "Đã trả lời" needs one, checked by lib/comments.ts). */
export const CommentStatusSchema = z.object({
  responseId: responseIdField,
  status: z.enum(COMMENT_STATUS_VALUES, { error: 'Vui lòng chọn một trạng thái trong danh sách.' }),
});
export type CommentStatusInput = z.output<typeof CommentStatusSchema>;

/** A receipt code as typed (any case, spaces around): the stored form, or null when it cannot be one. */
export function parseReceiptCode(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const code = raw.replace(/\s+/g, '').toUpperCase();
  return RECEIPT.test(code) ? code : null;
}
