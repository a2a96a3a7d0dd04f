import { describe, expect, it } from 'vitest';
import { MAX_BATCH, classifyBatchResponse, parseBatchReply, reconcile, selectBatch, toBatchItem } from './batch';
import { backoffDelayMs, retryAfterMs } from './backoff';
import type { QueuedRating } from './types';

const rating = (i: number, over: Partial<QueuedRating> = {}): QueuedRating => ({
  clientId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  tappedAt: 1_700_000_000_000 + i * 1000,
  score: 5,
  reasons: [],
  comment: null,
  lang: 'vi',
  kioskId: 7,
  ready: true,
  ...over,
});

describe('selectBatch', () => {
  it('takes at most MAX_BATCH, oldest tap first', () => {
    const queue = Array.from({ length: 450 }, (_, i) => rating(450 - i));
    const batch = selectBatch(queue, 7);
    expect(batch).toHaveLength(MAX_BATCH);
    expect(batch[0]?.tappedAt).toBe(rating(1).tappedAt);
    expect(batch.every((r, i) => i === 0 || batch[i - 1]!.tappedAt <= r.tappedAt)).toBe(true);
  });

  it.each([
    ['another kiosk', { kioskId: 8 }, 0],
    ['a low score still waiting for its reasons', { ready: false, score: 2 as const }, 0],
    ['a finished one', {}, 1],
  ])('leaves out %s', (_name, over, want) => {
    expect(selectBatch([rating(1, over)], 7)).toHaveLength(want);
  });

  it.each([[0, 0], [-1, 0], [3, 3]])('max %i → %i', (max, want) => {
    expect(selectBatch([rating(1), rating(2), rating(3), rating(4)], 7, max)).toHaveLength(want);
  });
});

describe('toBatchItem', () => {
  it('sends the answers with the version they were asked from; reasons when any answer is low', () => {
    const r = rating(1, { score: undefined, questionSetVersionId: 12, answers: [{ questionKey: 'q1', score: 2 }, { questionKey: 'q2', score: 5 }], reasons: ['cho_lau'] });
    expect(toBatchItem(r)).toEqual({
      clientId: r.clientId,
      tappedAt: r.tappedAt,
      questionSetVersionId: 12,
      answers: [{ questionKey: 'q1', score: 2 }, { questionKey: 'q2', score: 5 }],
      reasons: ['cho_lau'],
      comment: null,
      lang: 'vi',
    });
    expect(toBatchItem({ ...r, answers: [{ questionKey: 'q1', score: 4 }] }).reasons).toEqual([]);
    // A config cached by an older app version named no version: the server checks against the office's current one.
    expect(toBatchItem({ ...r, questionSetVersionId: null })).not.toHaveProperty('questionSetVersionId');
  });

  it('sends a rating queued by the one-question app as its bare score', () => {
    expect(Object.keys(toBatchItem(rating(1))).sort()).toEqual(['clientId', 'comment', 'lang', 'reasons', 'score', 'tappedAt']);
  });

  it.each([
    ['drops reasons above 3', rating(1, { score: 4, reasons: ['cho_lau'] }), { reasons: [], comment: null }],
    ['keeps reasons at 3', rating(1, { score: 3, reasons: ['cho_lau'] }), { reasons: ['cho_lau'], comment: null }],
    ['trims the comment', rating(1, { score: 1, comment: '  chờ lâu  ' }), { reasons: [], comment: 'chờ lâu' }],
    ['a blank comment is null', rating(1, { score: 1, comment: '   ' }), { reasons: [], comment: null }],
    ['keeps the tap time of a right clock', rating(1, { clockOffset: 2_000 }), { tappedAt: rating(1).tappedAt }],
    ['corrects a clock 10 minutes fast', rating(1, { clockOffset: -600_000 }), { tappedAt: rating(1).tappedAt - 600_000 }],
  ])('%s', (_name, r, want) => {
    const item = toBatchItem(r);
    expect(item).toMatchObject(want);
    expect(Object.keys(item).sort()).toEqual(['clientId', 'comment', 'lang', 'reasons', 'score', 'tappedAt']);
  });
});

describe('reconcile', () => {
  const ids = ['a', 'b', 'c', 'd'];
  it.each([
    ['all stored', { stored: ids, duplicates: [], rejected: [] }, ids, []],
    ['stored, duplicate and rejected all leave', { stored: ['a'], duplicates: ['b'], rejected: [{ clientId: 'c', reason: 'x' }] }, ['a', 'b', 'c'], ['d']],
    ['unknown ids are ignored', { stored: ['z'], duplicates: [], rejected: [] }, [], ids],
    ['an empty reply keeps everything', { stored: [], duplicates: [], rejected: [] }, [], ids],
    [
      'a rating tapped before pairing is rejected for good, not retried',
      { stored: [], duplicates: [], rejected: [{ clientId: 'a', reason: 'Đánh giá bị loại: thời điểm chạm trước khi máy tính bảng được ghép nối.' }] },
      ['a'],
      ['b', 'c', 'd'],
    ],
  ])('%s', (_name, reply, remove, kept) => {
    const r = reconcile(ids, { ...reply, serverTime: 0 });
    expect(r.remove).toEqual(remove);
    expect(r.kept).toEqual(kept);
  });
});

describe('parseBatchReply', () => {
  it.each([
    [null, false],
    [{}, false],
    [{ stored: [], duplicates: [], rejected: [] }, true],
    [{ stored: [1], duplicates: [], rejected: [] }, false],
    [{ stored: [], duplicates: [], rejected: [{ reason: 'x' }] }, false],
    [{ stored: ['a'], duplicates: ['b'], rejected: [{ clientId: 'c', reason: 'sai' }], serverTime: 5 }, true],
  ])('%j → valid %s', (body, valid) => {
    expect(parseBatchReply(body) !== null).toBe(valid);
  });
});

describe('classifyBatchResponse', () => {
  it.each([
    [200, { stored: [], duplicates: [], rejected: [], serverTime: 1 }, 'ok'],
    [200, { oops: true }, 'retry'],
    [200, null, 'retry'],
    [401, { code: 'unpaired', error: 'x' }, 'unpaired'],
    [400, { code: 'bad_batch', error: 'Lô không hợp lệ' }, 'refused'],
    [413, null, 'refused'],
    [429, { code: 'throttled' }, 'retry'],
    [500, null, 'retry'],
    [502, 'Bad gateway', 'retry'],
    [0, null, 'retry'],
  ])('%i %j → %s', (status, body, kind) => {
    expect(classifyBatchResponse(status, body).kind).toBe(kind);
  });

  it('a throttled batch (429) is retried after the server’s Retry-After, the queue kept', () => {
    const outcome = classifyBatchResponse(429, { code: 'throttled', error: 'Máy tính bảng gửi quá nhiều lô…' }, '37');
    expect(outcome).toEqual({ kind: 'retry', retryAfter: '37' });
    // The sync engine waits max(Retry-After, its own backoff): 37 s rather than a 2-second retry.
    expect(retryAfterMs(outcome.kind === 'retry' ? outcome.retryAfter : null, backoffDelayMs(1, 0.5))).toBe(37_000);
  });

  it('keeps the server message of a refused batch for the log', () => {
    expect(classifyBatchResponse(400, { code: 'bad_batch', error: 'Lô không hợp lệ' })).toEqual({ kind: 'refused', message: 'bad_batch: Lô không hợp lệ' });
  });
});
