import { startOfVietnamDay } from '@/lib/format';

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

export type SearchParams = Record<string, string | string[] | undefined>;

const ACTION = /^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*$/;
const POSITIVE = /^[1-9]\d{0,9}$/;
const DAY_MS = 86_400_000;

export function parseAuditQuery(params: SearchParams): { query: AuditQuery; notes: string[] } {
  const notes: string[] = [];
  const one = (name: string, label: string): string | undefined => {
    const raw = params[name];
    if (Array.isArray(raw)) {
      notes.push(`Bộ lọc “${label}” xuất hiện nhiều lần nên đã được bỏ qua.`);
      return undefined;
    }
    const v = raw?.trim();
    return v ? v : undefined;
  };
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

  const tu = one('tu', 'từ ngày');
  const from = tu === undefined ? null : startOfVietnamDay(tu);
  if (tu !== undefined && !from) notes.push(`“Từ ngày” (${tu.slice(0, 20)}) không phải một ngày hợp lệ dạng YYYY-MM-DD nên đã được bỏ qua.`);
  const den = one('den', 'đến ngày');
  const toStart = den === undefined ? null : startOfVietnamDay(den);
  if (den !== undefined && !toStart) notes.push(`“Đến ngày” (${den.slice(0, 20)}) không phải một ngày hợp lệ dạng YYYY-MM-DD nên đã được bỏ qua.`);
  if (from && toStart && from > toStart) {
    notes.push('“Từ ngày” sau “Đến ngày” nên bộ lọc ngày đã được bỏ qua.');
  } else {
    if (from) Object.assign(query, { from, fromDay: tu });
    if (toStart) Object.assign(query, { to: new Date(toStart.getTime() + DAY_MS), toDay: den });
  }

  const trang = one('trang', 'trang');
  if (trang !== undefined) {
    if (/^[1-9]\d{0,5}$/.test(trang)) query.page = Number(trang);
    else notes.push('Số trang không hợp lệ nên đang hiển thị trang 1.');
  }
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
