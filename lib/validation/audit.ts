import { filterReader, type SearchParams } from './list-filters';

export type { SearchParams } from './list-filters';

/**
 * The audit log's filters live in the URL (?action=&actor=&tu=&den=&trang=).
 * A value that does not parse is dropped with a note for the reader; it never
 * fails the page.
 */

export const AUDIT_PAGE_SIZE = 50;

export type AuditQuery = {
  action?: string;
  actorId?: number;
  /** The days as typed ("YYYY-MM-DD", Vietnamese calendar), kept for the form and links. */
  fromDay?: string;
  toDay?: string;
  /** Start of `fromDay` and start of the day after `toDay` in Asia/Ho_Chi_Minh: the range is [from, to). */
  from?: Date;
  to?: Date;
  page: number;
};

const ACTION = /^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*$/;
const POSITIVE = /^[1-9]\d{0,9}$/;

export function parseAuditQuery(params: SearchParams): { query: AuditQuery; notes: string[] } {
  const { one, dayRange, page, notes } = filterReader(params);
  const query: AuditQuery = { page: 1 };

  const action = one('action', 'hành động');
  if (action !== undefined) {
    if (action.length <= 64 && ACTION.test(action)) query.action = action;
    else notes.push('Bộ lọc “hành động” không hợp lệ nên đã được bỏ qua.');
  }

  const actor = one('actor', 'người thực hiện');
  if (actor !== undefined) {
    if (POSITIVE.test(actor)) query.actorId = Number(actor);
    else notes.push('Bộ lọc “người thực hiện” không hợp lệ nên đã được bỏ qua.');
  }
  Object.assign(query, dayRange());
  query.page = page();
  return { query, notes };
}

/** The URL query for the same filters on another page ("" when there is nothing to say). */
export function auditQueryString(query: AuditQuery, page: number): string {
  const p = new URLSearchParams();
  if (query.action) p.set('action', query.action);
  if (query.actorId) p.set('actor', String(query.actorId));
  if (query.fromDay) p.set('tu', query.fromDay);
  if (query.toDay) p.set('den', query.toDay);
  if (page > 1) p.set('trang', String(page));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function pageCount(total: number, pageSize = AUDIT_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
