import { describe, expect, it } from 'vitest';
import { DEFAULT_QUESTION_SET } from '@/lib/survey/question-set';
import { parseBatchEnvelope, parseBatchItems, TAP_BEFORE_PAIRING_TOLERANCE_MS, TAP_MAX_AGE_MS, TAP_MAX_FUTURE_MS } from './batch';
import { kioskQuestions } from './config';

const NOW = Date.UTC(2026, 10, 23, 3, 0, 0);
const ctx = { questions: kioskQuestions(DEFAULT_QUESTION_SET), now: NOW };
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const item = (over: Record<string, unknown> = {}) => ({ clientId: id(1), tappedAt: NOW - 60_000, score: 5, reasons: [], comment: null, lang: 'vi', ...over });

describe('parseBatchEnvelope', () => {
  it('accepts a heartbeat and a batch, trimming the version', () => {
    expect(parseBatchEnvelope({ appVersion: ' 1.2.0 ', queued: 0, items: [] })).toEqual({ ok: true, value: { appVersion: '1.2.0', queued: 0, items: [] } });
    const r = parseBatchEnvelope({ appVersion: '1', queued: 3, items: [item(), { clientId: 'x', junk: true }] });
    expect(r.ok && r.value.items).toEqual([item(), { clientId: 'x', junk: true }]);
  });

  it.each([
    ['not an object', [], /đối tượng JSON/],
    ['null', null, /đối tượng JSON/],
    ['a string', 'hello', /đối tượng JSON/],
    ['no items', { appVersion: '1', queued: 0 }, /items/],
    ['items not an array', { appVersion: '1', queued: 0, items: {} }, /items/],
    ['too many items', { appVersion: '1', queued: 0, items: Array.from({ length: 501 }, (_, i) => item({ clientId: id(i) })) }, /tối đa 500/],
    ['no appVersion', { queued: 0, items: [] }, /appVersion/],
    ['empty appVersion', { appVersion: '  ', queued: 0, items: [] }, /appVersion/],
    ['appVersion too long', { appVersion: 'x'.repeat(33), queued: 0, items: [] }, /32 ký tự/],
    ['appVersion a number', { appVersion: 1, queued: 0, items: [] }, /appVersion/],
    ['no queued', { appVersion: '1', items: [] }, /queued/],
    ['queued negative', { appVersion: '1', queued: -1, items: [] }, /âm/],
    ['queued fractional', { appVersion: '1', queued: 1.5, items: [] }, /số nguyên/],
    ['queued a string', { appVersion: '1', queued: '3', items: [] }, /queued/],
    ['an item not an object', { appVersion: '1', queued: 0, items: [item(), 5] }, /đối tượng JSON/],
    ['an item without clientId', { appVersion: '1', queued: 0, items: [{ score: 5 }] }, /clientId/],
    ['an item with a numeric clientId', { appVersion: '1', queued: 0, items: [{ clientId: 5 }] }, /clientId/],
    ['a huge clientId', { appVersion: '1', queued: 0, items: [{ clientId: 'x'.repeat(201) }] }, /200 ký tự/],
  ])('refuses %s', (_name, body, message) => {
    const r = parseBatchEnvelope(body);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(/^Lô đánh giá không hợp lệ: /);
      expect(r.error).toMatch(message);
    }
  });

  it('names every problem at once', () => {
    const r = parseBatchEnvelope({ appVersion: '', queued: -1 });
    expect(r.ok).toBe(false);
    if (!r.ok) for (const m of [/appVersion/, /queued/, /items/]) expect(r.error).toMatch(m);
  });
});

describe('parseBatchItems', () => {
  it('keeps valid ratings, normalising reasons and comment', () => {
    const r = parseBatchItems(
      [
        item({ clientId: id(1) }),
        item({ clientId: id(2), score: 2, reasons: ['waiting', 'waiting', 'late'], comment: '  Chờ   quá lâu \n', lang: 'en' }),
        item({ clientId: id(3), score: 3, comment: '   ' }),
        item({ clientId: id(4), comment: 'Tốt' }),
      ],
      ctx,
    );
    expect(r.rejected).toEqual([]);
    expect(r.valid).toEqual([
      { clientId: id(1), tappedAt: NOW - 60_000, score: 5, reasons: [], comment: null, lang: 'vi' },
      { clientId: id(2), tappedAt: NOW - 60_000, score: 2, reasons: ['waiting', 'late'], comment: 'Chờ quá lâu', lang: 'en' },
      { clientId: id(3), tappedAt: NOW - 60_000, score: 3, reasons: [], comment: null, lang: 'vi' },
      { clientId: id(4), tappedAt: NOW - 60_000, score: 5, reasons: [], comment: 'Tốt', lang: 'vi' },
    ]);
  });

  it.each([
    ['score 0', { score: 0 }, /từ 1 đến 5/],
    ['score 6', { score: 6 }, /từ 1 đến 5/],
    ['score 4.5', { score: 4.5 }, /từ 1 đến 5/],
    ['score as a string', { score: '5' }, /score/],
    ['an unknown reason', { score: 2, reasons: ['rude'] }, /không có trong danh sách/],
    ['reasons with a score of 4', { score: 4, reasons: ['waiting'] }, /từ 3 trở xuống/],
    ['reasons not an array', { score: 2, reasons: 'waiting' }, /mảng/],
    ['a tap 2 minutes and 1 ms ahead', { tappedAt: NOW + TAP_MAX_FUTURE_MS + 1 }, /tương lai/],
    ['a tap older than 30 days', { tappedAt: NOW - TAP_MAX_AGE_MS - 1 }, /30 ngày/],
    ['a fractional tap time', { tappedAt: NOW - 0.5 }, /số nguyên/],
    ['no tap time', { tappedAt: undefined }, /tappedAt/],
    ['a comment too long', { comment: 'a'.repeat(501) }, /500 ký tự/],
    ['a comment that is a number', { comment: 5 }, /comment/],
    ['no comment key', { comment: undefined }, /comment/],
    ['a bad UUID', { clientId: 'not-a-uuid' }, /UUID/],
    ['a bad language', { lang: 'fr' }, /lang/],
  ])('rejects %s', (_name, over, message) => {
    const r = parseBatchItems([item(over)], ctx);
    expect(r.valid).toEqual([]);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]!.clientId).toBe(item(over).clientId);
    expect(r.rejected[0]!.reason).toMatch(/^Đánh giá bị loại: /);
    expect(r.rejected[0]!.reason).toMatch(message);
  });

  it('accepts the boundaries of the tap window and of the comment', () => {
    const r = parseBatchItems(
      [
        item({ clientId: id(1), tappedAt: NOW + TAP_MAX_FUTURE_MS }),
        item({ clientId: id(2), tappedAt: NOW - TAP_MAX_AGE_MS }),
        item({ clientId: id(3), comment: 'ạ'.repeat(500) }),
      ],
      ctx,
    );
    expect(r.rejected).toEqual([]);
    expect(r.valid).toHaveLength(3);
  });

  it('rejects the later of two items with the same clientId', () => {
    const r = parseBatchItems([item({ score: 5 }), item({ score: 1 })], ctx);
    expect(r.valid.map((v) => v.score)).toEqual([5]);
    expect(r.rejected).toEqual([{ clientId: id(1), reason: expect.stringMatching(/bị lặp/) }]);
  });

  it('without a reasons question or comment box, any reason or comment is rejected', () => {
    const none = { questions: { reasons: null, commentMaxLength: 0 }, now: NOW };
    const r = parseBatchItems([item({ clientId: id(1), score: 1, reasons: ['waiting'] }), item({ clientId: id(2), comment: 'x' }), item({ clientId: id(3), score: 1 })], none);
    expect(r.valid.map((v) => v.clientId)).toEqual([id(3)]);
    expect(r.rejected.map((x) => x.reason)).toEqual([expect.stringMatching(/không có trong danh sách/), expect.stringMatching(/không nhận góp ý/)]);
  });
});

describe('parseBatchItems: taps before the kiosk was first paired', () => {
  it('tolerates exactly what the tablet leaves uncorrected', () => expect(TAP_BEFORE_PAIRING_TOLERANCE_MS).toBe(60 * 60_000));
  const paired = NOW - 3 * 24 * 3600_000;
  it.each([
    ['a day before pairing', paired - 24 * 3600_000, false],
    ['just past the one-hour clock tolerance', paired - TAP_BEFORE_PAIRING_TOLERANCE_MS - 1, false],
    ['within the tolerance (a tablet clock up to an hour slow is not corrected)', paired - TAP_BEFORE_PAIRING_TOLERANCE_MS, true],
    ['at pairing', paired, true],
    ['after pairing', paired + 1, true],
  ])('%s → valid %s', (_name, tappedAt, valid) => {
    const r = parseBatchItems([item({ tappedAt })], { ...ctx, firstPairedAt: paired });
    expect(r.valid.length).toBe(valid ? 1 : 0);
    if (!valid) expect(r.rejected).toEqual([{ clientId: id(1), reason: 'Đánh giá bị loại: thời điểm chạm trước khi máy tính bảng được ghép nối.' }]);
  });

  it('no pairing time known: no such check', () => expect(parseBatchItems([item({ tappedAt: NOW - TAP_MAX_AGE_MS })], { ...ctx, firstPairedAt: null }).valid).toHaveLength(1));
});
