import { LOW_SCORE_MAX } from '@/lib/survey/scale';
import { correctedTapTime } from './clock';
import type { BatchItem, BatchReply, QueuedRating } from './types';

/** The protocol allows 500 per batch; 200 keeps one request well under its 512 KB limit and a few hundred ms. */
export const MAX_BATCH = 200;

/**
 * The ratings to send next under `kioskId`: only finished ones taken by that
 * same kiosk, oldest tap first, at most `max`.
 */
export function selectBatch(queue: readonly QueuedRating[], kioskId: number, max = MAX_BATCH): QueuedRating[] {
  return queue
    .filter((r) => r.ready && r.kioskId === kioskId)
    .sort((a, b) => a.tappedAt - b.tappedAt || (a.clientId < b.clientId ? -1 : 1))
    .slice(0, Math.max(0, max));
}

/** The wire form of a queued rating: its answers with their version (or an older queue's bare score), reasons only with a low score, an empty comment as null, the tap time corrected for a clearly wrong clock. */
export function toBatchItem(r: QueuedRating): BatchItem {
  const comment = r.comment?.trim() ? r.comment.trim() : null;
  const answers = r.answers?.length ? r.answers.map((a) => ({ questionKey: a.questionKey, score: a.score })) : null;
  const scores = answers ? answers.map((a) => a.score) : r.score === undefined ? [] : [r.score];
  const item: BatchItem = {
    clientId: r.clientId,
    tappedAt: Math.round(correctedTapTime(r.tappedAt, r.clockOffset)),
    reasons: scores.some((s) => s <= LOW_SCORE_MAX) ? [...r.reasons] : [],
    comment,
    lang: r.lang,
  };
  if (answers) {
    item.answers = answers;
    if (r.questionSetVersionId != null) item.questionSetVersionId = r.questionSetVersionId;
  } else if (r.score !== undefined) item.score = r.score;
  return item;
}

/**
 * Which sent ids leave the queue after a 200: every id the server listed as
 * stored, duplicate or rejected (a rejected item would be refused forever).
 * Ids the server did not mention stay queued (`kept`); ids it listed that we
 * did not send are ignored.
 */
export function reconcile(sentIds: readonly string[], reply: BatchReply): { remove: string[]; kept: string[]; rejected: BatchReply['rejected'] } {
  const listed = new Set<string>([...reply.stored, ...reply.duplicates, ...reply.rejected.map((r) => r.clientId)]);
  const remove: string[] = [];
  const kept: string[] = [];
  for (const id of sentIds) (listed.has(id) ? remove : kept).push(id);
  const sent = new Set(sentIds);
  return { remove, kept, rejected: reply.rejected.filter((r) => sent.has(r.clientId)) };
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** A 200 body, checked by hand (no schema library in the kiosk bundle); null when it is not the protocol's reply. */
export function parseBatchReply(body: unknown): BatchReply | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  if (!isStringArray(b.stored) || !isStringArray(b.duplicates) || !Array.isArray(b.rejected)) return null;
  const rejected: BatchReply['rejected'] = [];
  for (const r of b.rejected as unknown[]) {
    if (!r || typeof r !== 'object' || typeof (r as { clientId?: unknown }).clientId !== 'string') return null;
    const reason = (r as { reason?: unknown }).reason;
    rejected.push({ clientId: (r as { clientId: string }).clientId, reason: typeof reason === 'string' ? reason : '' });
  }
  return { stored: b.stored, duplicates: b.duplicates, rejected, serverTime: typeof b.serverTime === 'number' ? b.serverTime : NaN };
}

export type SendOutcome =
  | { kind: 'ok'; reply: BatchReply }
  /** 401: the credential is gone; show the pairing screen, keep the queue. */
  | { kind: 'unpaired' }
  /** 400 bad_batch: refused whole, nothing stored; keep the items, log, back off. */
  | { kind: 'refused'; message: string }
  /** Network error, timeout, 5xx, 429, an unreadable reply: retry later. */
  | { kind: 'retry'; retryAfter: string | null };

/** Sorts an HTTP answer to POST /api/kiosk/batch into what the sync loop does next. */
export function classifyBatchResponse(status: number, body: unknown, retryAfter: string | null = null): SendOutcome {
  const code = body && typeof body === 'object' ? (body as { code?: unknown }).code : undefined;
  if (status === 200) {
    const reply = parseBatchReply(body);
    return reply ? { kind: 'ok', reply } : { kind: 'retry', retryAfter: null };
  }
  if (status === 401) return { kind: 'unpaired' };
  if (status === 400 || status === 413 || status === 415) {
    const message = body && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string' ? (body as { error: string }).error : `HTTP ${status}`;
    return { kind: 'refused', message: `${String(code ?? status)}: ${message}` };
  }
  return { kind: 'retry', retryAfter };
}
