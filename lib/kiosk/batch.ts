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

/** A valid rating from a kiosk, as stored: its answers under the keys of the version it was taken with. */
export type KioskRating = {
  clientId: string;
  tappedAt: number;
  questionSetVersionId: number;
  answers: { questionKey: string; score: number }[];
  reasons: string[];
  /** The version's reasons question, when the rating carries reasons. */
  reasonsKey: string | null;
  comment: string | null;
  lang: 'vi' | 'en';
};

export type RejectedItem = { clientId: string; reason: string };

/** The kiosk questions of one question set version. */
export type VersionQuestions = Pick<KioskQuestions, 'questions' | 'question' | 'reasons' | 'commentMaxLength'> & { versionId: number };

export type ItemContext = {
  /** The version the office uses now: items that name no version (tablets of older app versions) are checked against it. */
  current: VersionQuestions;
  /** Other versions items may name (those the office's tablets may have been shown); any other is rejected. */
  versions?: ReadonlyMap<number, VersionQuestions>;
  /** Epoch ms on the server. */
  now: number;
  /** When the kiosk was first paired (epoch ms; kept when re-paired, ADR 011); null for none. */
  firstPairedAt?: number | null;
};

/** At most this many distinct versions are looked up for one batch; a tablet holds a few at most. */
export const BATCH_MAX_VERSIONS = 10;

const isVersionId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** The distinct question set versions a batch's items name (at most BATCH_MAX_VERSIONS), for the server to look up. */
export function batchVersionIds(items: readonly object[]): number[] {
  const ids = new Set<number>();
  for (const item of items) {
    const v = (item as { questionSetVersionId?: unknown }).questionSetVersionId;
    if (isVersionId(v) && ids.size < BATCH_MAX_VERSIONS) ids.add(v);
  }
  return [...ids];
}

const Score = z.number({ error: 'thiếu mức đánh giá (score)' }).int('mức đánh giá phải từ 1 đến 5').min(1, 'mức đánh giá phải từ 1 đến 5').max(5, 'mức đánh giá phải từ 1 đến 5');

function itemSchema(version: VersionQuestions, { now, firstPairedAt = null }: Pick<ItemContext, 'now' | 'firstPairedAt'>) {
  const allowed = new Set(version.reasons?.options.map((o) => o.value) ?? []);
  const keys = new Set(version.questions.map((q) => q.key));
  const max = version.commentMaxLength;
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
      // A rating of the one-question app: the score of its one question.
      score: Score.optional(),
      answers: z
        .array(
          z.object(
            { questionKey: z.string({ error: 'thiếu mã câu hỏi (questionKey)' }).refine((k) => keys.has(k), 'có câu hỏi không thuộc các câu hỏi kiosk của bộ câu hỏi'), score: Score },
            { error: 'mỗi câu trả lời (answers) phải là một đối tượng JSON' },
          ),
          { error: 'danh sách câu trả lời (answers) phải là một mảng' },
        )
        .min(1, 'cần ít nhất một câu trả lời')
        .refine((as) => new Set(as.map((a) => a.questionKey)).size === as.length, 'một câu hỏi được trả lời hai lần')
        .optional(),
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
    .refine((i) => (i.answers === undefined) !== (i.score === undefined), { message: 'cần đúng một trong hai: câu trả lời (answers) hoặc mức đánh giá (score)', path: ['answers'] })
    .transform(
      (i): KioskRating => ({
        clientId: i.clientId,
        tappedAt: i.tappedAt,
        questionSetVersionId: version.versionId,
        answers: i.answers ?? [{ questionKey: version.question.key, score: i.score ?? 0 }],
        reasons: i.reasons,
        reasonsKey: i.reasons.length ? (version.reasons?.key ?? null) : null,
        comment: i.comment,
        lang: i.lang,
      }),
    )
    .refine((r) => r.reasons.length === 0 || r.answers.some((a) => a.score <= LOW_SCORE_MAX), {
      message: `chỉ chọn lý do khi có mức đánh giá từ ${LOW_SCORE_MAX} trở xuống`,
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
  const schemas = new Map<number, ReturnType<typeof itemSchema>>();
  const schemaFor = (version: VersionQuestions) => {
    let schema = schemas.get(version.versionId);
    if (!schema) schemas.set(version.versionId, (schema = itemSchema(version, ctx)));
    return schema;
  };
  const seen = new Set<string>();
  const out: ParsedItems = { valid: [], rejected: [] };
  for (const item of items) {
    if (seen.has(item.clientId)) {
      out.rejected.push({ clientId: item.clientId, reason: 'Đánh giá bị loại: mã đánh giá (clientId) bị lặp trong cùng một lô.' });
      continue;
    }
    seen.add(item.clientId);
    const named = (item as { questionSetVersionId?: unknown }).questionSetVersionId;
    const version = named === undefined || named === null ? ctx.current : isVersionId(named) ? (named === ctx.current.versionId ? ctx.current : ctx.versions?.get(named)) : undefined;
    if (!version) {
      out.rejected.push({ clientId: item.clientId, reason: 'Đánh giá bị loại: phiên bản bộ câu hỏi (questionSetVersionId) không dùng được ở đơn vị của kiosk.' });
      continue;
    }
    const parsed = schemaFor(version).safeParse(item);
    if (parsed.success) out.valid.push(parsed.data);
    else {
      const messages = [...new Set(parsed.error.issues.map((i) => i.message))];
      out.rejected.push({ clientId: item.clientId, reason: `Đánh giá bị loại: ${messages.join('; ')}.` });
    }
  }
  return out;
}
