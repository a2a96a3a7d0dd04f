import { z } from 'zod';
import { filterReader, type SearchParams } from './list-filters';

export type { SearchParams } from './list-filters';

/**
 * Alerts (cảnh báo): an office's rule ("`count` ratings of 1–2 within
 * `windowMinutes`"), the acknowledgement note, and the page's URL
 * (?don-vi=&trang=&xac-nhan=). A URL value that does not parse is dropped with a note;
 * it never fails the page.
 */

export const RULE_COUNT_MIN = 2;
export const RULE_COUNT_MAX = 20;
export const RULE_WINDOW_MIN = 5;
/** A day: a longer window stops being a burst. */
export const RULE_WINDOW_MAX = 1440;
export const NOTE_MAX = 500;
export const ALERTS_PAGE_SIZE = 20;

const id = (message: string) => z.string().trim().regex(/^[1-9]\d{0,9}$/, message).transform(Number);

const wholeNumber = (label: string, min: number, max: number, unit: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,6}$/, `${label} phải là một số nguyên từ ${min} đến ${max}${unit}.`)
    .transform(Number)
    .pipe(z.number().min(min, `${label} ít nhất là ${min}${unit}.`).max(max, `${label} nhiều nhất là ${max}${unit}.`));

/** The rule form: every field checked at once; an unticked "active" box sends nothing. */
export const AlertRuleSchema = z.object({
  unitId: id('Không tìm thấy đơn vị này.'),
  count: wholeNumber('Số đánh giá thấp', RULE_COUNT_MIN, RULE_COUNT_MAX, ''),
  windowMinutes: wholeNumber('Khoảng thời gian', RULE_WINDOW_MIN, RULE_WINDOW_MAX, ' phút'),
  active: z
    .string()
    .optional()
    .transform((v) => v === 'on' || v === '1'),
});
export type AlertRuleInput = z.output<typeof AlertRuleSchema>;

/** Acknowledging an alert: what the office did about it, ≤ 500 characters, required. */
export const AcknowledgeAlertSchema = z.object({
  id: id('Không tìm thấy cảnh báo này.'),
  note: z
    .string({ error: 'Vui lòng ghi chú việc đơn vị đã làm.' })
    .transform((v) => v.replace(/\r\n/g, '\n').trim())
    .pipe(
      z
        .string()
        .min(1, 'Vui lòng ghi chú việc đơn vị đã làm (ví dụ: đã kiểm tra quầy, đã nhắc nhở cán bộ).')
        .max(NOTE_MAX, `Ghi chú tối đa ${NOTE_MAX} ký tự.`),
    ),
});
export type AcknowledgeAlertInput = z.output<typeof AcknowledgeAlertSchema>;

/** Most low ratings one "Đã xem xét" may mark at once: the alerts page lists 50. */
export const REVIEW_MAX = 100;

/**
 * "Đã xem xét" on the alerts page: one low rating (`id`, the button pressed)
 * or every one listed (`all` with `ids`, comma-separated).
 */
export const ReviewLowRatingsSchema = z
  .object({
    id: z.string().optional(),
    all: z.string().optional(),
    ids: z.string().optional(),
  })
  .transform((v, ctx) => {
    const raw = v.all ? (v.ids ?? '') : (v.id ?? '');
    const parts = raw.split(',').map((p) => p.trim()).filter(Boolean);
    if (parts.length === 0 || parts.length > REVIEW_MAX || !parts.every((p) => /^[1-9]\d{0,14}$/.test(p))) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: 'Không tìm thấy đánh giá này; vui lòng tải lại trang.' });
      return z.NEVER;
    }
    return { responseIds: parts.map(Number) };
  });
export type ReviewLowRatingsInput = z.output<typeof ReviewLowRatingsSchema>;

/** "Seen until": the instant the page was rendered (epoch ms), sent back by the page once it is shown. */
export const MarkAlertsSeenSchema = z.object({
  at: z
    .string()
    .trim()
    .regex(/^\d{1,15}$/, 'Thời điểm không hợp lệ.')
    .transform(Number),
});

export type AlertQuery = {
  /** The office whose rule is shown (administrators pick one; office heads default to their own). */
  unitId?: number;
  /** Page of the acknowledged history. */
  page: number;
  /** The alert just acknowledged (set by the acknowledge action's redirect), to confirm it. */
  acknowledgedId?: number;
};

export function parseAlertQuery(params: SearchParams): { query: AlertQuery; notes: string[] } {
  const { one, page, notes } = filterReader(params);
  const query: AlertQuery = { page: page() };
  const unit = one('don-vi', 'đơn vị');
  if (unit !== undefined) {
    if (/^[1-9]\d{0,9}$/.test(unit)) query.unitId = Number(unit);
    else notes.push('Bộ lọc “đơn vị” không hợp lệ nên đã được bỏ qua.');
  }
  // Only ever written by the app itself: a bad value is simply not confirmed.
  const done = one('xac-nhan', 'xác nhận');
  if (done !== undefined && /^[1-9]\d{0,9}$/.test(done)) query.acknowledgedId = Number(done);
  return { query, notes };
}

/** The URL query for the same office on another page of the history ("" when there is nothing to say). */
export function alertQueryString(query: AlertQuery, page: number): string {
  const p = new URLSearchParams();
  if (query.unitId) p.set('don-vi', String(query.unitId));
  if (page > 1) p.set('trang', String(page));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** "3 đánh giá 1–2 trong 60 phút" */
export function describeRule(rule: { count: number; windowMinutes: number }): string {
  return `${rule.count} đánh giá mức 1–2 trong vòng ${rule.windowMinutes} phút`;
}
