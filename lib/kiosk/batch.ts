import { z } from 'zod';
import { BEHIND_LIMIT_MS } from '@/lib/kiosk-client/clock';
import { LOW_SCORE_MAX } from '@/lib/survey/scale';
import { collapseSpaces } from '@/lib/text';
import type { KioskQuestions } from './config';

/**
 * The kiosk's batch upload (docs/kiosk-protocol.md, POST /api/kiosk/batch).
 *
 * Two levels, because the tablet must never retry a rating forever: what is
 * wrong with the batch as a whole (not JSON, no items array, no readable
 * clientId) refuses it whole and stores nothing; what is wrong with one
 * rating rejects that rating only, with a Vietnamese reason, and the tablet
 * drops it from its queue.
 */

export const BATCH_MAX_BYTES = 512 * 1024;
export const BATCH_MAX_ITEMS = 500;
export const APP_VERSION_MAX = 32;
/** Longest clientId echoed back in `rejected`; a longer one refuses the batch. */
export const CLIENT_ID_MAX = 200;
/** A tablet clock may run a little fast. */
export const TAP_MAX_FUTURE_MS = 2 * 60_000;
/** A rating queued longer than this is not believable any more (and falls outside any open period). */
export const TAP_MAX_AGE_MS = 30 * 24 * 3600_000;
/**
 * A tap before the kiosk was first paired cannot be real (a forged backdated
 * rating). The tablet sends its own clock's time unless it is more than an
 * hour behind the server (lib/kiosk-client/clock.ts), so a tablet up to an
 * hour slow would date its first ratings before the pairing: that much is
 * tolerated.
 */
export const TAP_BEFORE_PAIRING_TOLERANCE_MS = BEHIND_LIMIT_MS;

const BAD = 'Lô đánh giá không hợp lệ';

/** The batch as a whole. Items are only required to carry a string clientId here. */
export const BatchEnvelopeSchema = z.object(
  {
    appVersion: z
      .string({ error: `${BAD}: thiếu phiên bản ứng dụng (appVersion).` })
      .trim()
      .min(1, `${BAD}: thiếu phiên bản ứng dụng (appVersion).`)
      .max(APP_VERSION_MAX, `${BAD}: phiên bản ứng dụng (appVersion) dài quá ${APP_VERSION_MAX} ký tự.`),
    queued: z
      .number({ error: `${BAD}: thiếu số đánh giá đang chờ gửi (queued).` })
      .int(`${BAD}: số đánh giá đang chờ gửi (queued) phải là số nguyên.`)
      .min(0, `${BAD}: số đánh giá đang chờ gửi (queued) không được âm.`)
      .max(1_000_000_000, `${BAD}: số đánh giá đang chờ gửi (queued) quá lớn.`),
    items: z
      .array(
        z.looseObject(
          {
            clientId: z
              .string({ error: `${BAD}: có đánh giá thiếu mã (clientId).` })
              .min(1, `${BAD}: có đánh giá thiếu mã (clientId).`)
              .max(CLIENT_ID_MAX, `${BAD}: có mã đánh giá (clientId) dài quá ${CLIENT_ID_MAX} ký tự.`),
          },
          { error: `${BAD}: mỗi đánh giá phải là một đối tượng JSON.` },
        ),
        { error: `${BAD}: thiếu danh sách đánh giá (items).` },
      )
      .max(BATCH_MAX_ITEMS, `${BAD}: tối đa ${BATCH_MAX_ITEMS} đánh giá mỗi lô.`),
  },
  { error: `${BAD}: nội dung phải là một đối tượng JSON.` },
);
export type BatchEnvelope = z.output<typeof BatchEnvelopeSchema>;

export type BatchEnvelopeResult = { ok: true; value: BatchEnvelope } | { ok: false; error: string };

/** Checks the batch as a whole; on failure one message naming every problem found. */
export function parseBatchEnvelope(json: unknown): BatchEnvelopeResult {
  const parsed = BatchEnvelopeSchema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const messages = [...new Set(parsed.error.issues.map((i) => i.message))];
  return { ok: false, error: messages.length === 1 ? messages[0]! : `${BAD}: ${messages.map((m) => m.replace(`${BAD}: `, '')).join('; ')}` };
}

/** A valid rating from a kiosk, as stored. */
export type KioskRating = {
  clientId: string;
  tappedAt: number;
  score: number;
  reasons: string[];
  comment: string | null;
  lang: 'vi' | 'en';
};

export type RejectedItem = { clientId: string; reason: string };

export type ItemContext = {
  questions: Pick<KioskQuestions, 'reasons' | 'commentMaxLength'>;
  /** Epoch ms on the server. */
  now: number;
  /** When the kiosk was first paired (epoch ms; kept when re-paired, ADR 011); null for none. */
  firstPairedAt?: number | null;
};

function itemSchema({ questions, now, firstPairedAt = null }: ItemContext) {
  const allowed = new Set(questions.reasons?.options.map((o) => o.value) ?? []);
  const max = questions.commentMaxLength;
  return z
    .object({
      clientId: z.uuid('mã đánh giá (clientId) không phải UUID'),
      tappedAt: z
        .number({ error: 'thiếu thời điểm chạm (tappedAt)' })
        .int('thời điểm chạm (tappedAt) phải là số nguyên mili giây')
        .refine((t) => t <= now + TAP_MAX_FUTURE_MS, 'thời điểm chạm ở tương lai (đồng hồ máy tính bảng bị sai?)')
        .refine((t) => t >= now - TAP_MAX_AGE_MS, 'thời điểm chạm cũ hơn 30 ngày')
        .refine(
          (t) => firstPairedAt === null || t >= firstPairedAt - TAP_BEFORE_PAIRING_TOLERANCE_MS,
          'thời điểm chạm trước khi máy tính bảng được ghép nối',
        ),
      score: z.number({ error: 'thiếu mức đánh giá (score)' }).int('mức đánh giá phải từ 1 đến 5').min(1, 'mức đánh giá phải từ 1 đến 5').max(5, 'mức đánh giá phải từ 1 đến 5'),
      reasons: z
        .array(z.string({ error: 'lý do không hợp lệ' }), { error: 'danh sách lý do (reasons) phải là một mảng' })
        .refine((rs) => rs.every((r) => allowed.has(r)), 'có lý do không có trong danh sách của đơn vị')
        .transform((rs) => [...new Set(rs)]),
      comment: z
        .string({ error: 'góp ý (comment) phải là chuỗi hoặc null' })
        .nullable()
        .transform((c) => (c === null ? null : collapseSpaces(c.normalize('NFC')) || null))
        .refine((c) => c === null || [...c].length <= max, max === 0 ? 'đơn vị không nhận góp ý qua kiosk' : `góp ý dài quá ${max} ký tự`),
      lang: z.enum(['vi', 'en'], 'ngôn ngữ (lang) phải là "vi" hoặc "en"'),
    })
    .refine((i) => i.reasons.length === 0 || i.score <= LOW_SCORE_MAX, {
      message: `chỉ chọn lý do khi mức đánh giá từ ${LOW_SCORE_MAX} trở xuống`,
      path: ['reasons'],
    });
}

export type ParsedItems = { valid: KioskRating[]; rejected: RejectedItem[] };

/**
 * Each item on its own: the valid ratings, and the rest with a Vietnamese
 * reason naming every problem. A clientId seen earlier in the same batch
 * rejects the later item.
 */
export function parseBatchItems(items: readonly { clientId: string }[], ctx: ItemContext): ParsedItems {
  const schema = itemSchema(ctx);
  const seen = new Set<string>();
  const out: ParsedItems = { valid: [], rejected: [] };
  for (const item of items) {
    if (seen.has(item.clientId)) {
      out.rejected.push({ clientId: item.clientId, reason: 'Đánh giá bị loại: mã đánh giá (clientId) bị lặp trong cùng một lô.' });
      continue;
    }
    seen.add(item.clientId);
    const parsed = schema.safeParse(item);
    if (parsed.success) out.valid.push(parsed.data);
    else {
      const messages = [...new Set(parsed.error.issues.map((i) => i.message))];
      out.rejected.push({ clientId: item.clientId, reason: `Đánh giá bị loại: ${messages.join('; ')}.` });
    }
  }
  return out;
}
