import { describe, expect, it } from 'vitest';
import { DEFAULT_QUESTION_SET } from '@/lib/survey/question-set';
import { batchVersionIds, BATCH_MAX_VERSIONS, parseBatchEnvelope, parseBatchItems, TAP_BEFORE_PAIRING_TOLERANCE_MS, TAP_MAX_AGE_MS, TAP_MAX_FUTURE_MS, type VersionQuestions } from './batch';
import { kioskQuestions } from './config';

const NOW = Date.UTC(2026, 10, 23, 3, 0, 0);
const current: VersionQuestions = { versionId: 7, ...kioskQuestions(DEFAULT_QUESTION_SET) };
const ctx = { current, now: NOW };
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
    // A bare score (a queue of the one-question app) answers the set's overall question (Q2).
    const rated = (score: number) => ({ questionSetVersionId: 7, answers: [{ questionKey: 'q2', score }] });
    expect(r.valid).toEqual([
      { clientId: id(1), tappedAt: NOW - 60_000, ...rated(5), reasons: [], reasonsKey: null, comment: null, lang: 'vi' },
      { clientId: id(2), tappedAt: NOW - 60_000, ...rated(2), reasons: ['waiting', 'late'], reasonsKey: 'q10', comment: 'Chờ quá lâu', lang: 'en' },
      { clientId: id(3), tappedAt: NOW - 60_000, ...rated(3), reasons: [], reasonsKey: null, comment: null, lang: 'vi' },
      { clientId: id(4), tappedAt: NOW - 60_000, ...rated(5), reasons: [], reasonsKey: null, comment: 'Tốt', lang: 'vi' },
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
    expect(r.valid.map((v) => v.answers[0]!.score)).toEqual([5]);
    expect(r.rejected).toEqual([{ clientId: id(1), reason: expect.stringMatching(/bị lặp/) }]);
  });

  it('without a reasons question or comment box, any reason or comment is rejected', () => {
    const none = { current: { ...current, reasons: null, commentMaxLength: 0 }, now: NOW };
    const r = parseBatchItems([item({ clientId: id(1), score: 1, reasons: ['waiting'] }), item({ clientId: id(2), comment: 'x' }), item({ clientId: id(3), score: 1 })], none);
    expect(r.valid.map((v) => v.clientId)).toEqual([id(3)]);
    expect(r.rejected.map((x) => x.reason)).toEqual([expect.stringMatching(/không có trong danh sách/), expect.stringMatching(/không nhận góp ý/)]);
  });
});

describe('parseBatchItems: the answers of the kiosk questions, with the version they were asked from', () => {
  const answersItem = (answers: unknown, over: Record<string, unknown> = {}) => ({ ...item(over), score: undefined, answers });
  // A set edited since: version 9 asks only Q1 on the kiosk, and offers other reasons.
  const older: VersionQuestions = {
    versionId: 9,
    questions: [current.questions[0]!],
    question: current.question,
    reasons: { key: 'q10', text: { vi: 'Lý do', en: 'Why' }, options: [{ value: 'queue', label: { vi: 'Xếp hàng', en: 'Queue' } }] },
    commentMaxLength: 100,
  };
  const withOlder = { ...ctx, versions: new Map([[9, older]]) };

  it('asks Q1 (attitude) then Q2 (overall) on the default set', () => expect(current.questions.map((q) => q.key)).toEqual(['q1', 'q2']));

  it('stores each answer under its question, with the version the tablet named', () => {
    const r = parseBatchItems(
      [
        answersItem([{ questionKey: 'q1', score: 2 }, { questionKey: 'q2', score: 4 }], { clientId: id(1), reasons: ['attitude'], questionSetVersionId: 7 }),
        // Walked away after the first face: what was answered is kept.
        answersItem([{ questionKey: 'q1', score: 5 }], { clientId: id(2) }),
        answersItem([{ questionKey: 'q1', score: 1 }], { clientId: id(3), questionSetVersionId: 9, reasons: ['queue'] }),
      ],
      withOlder,
    );
    expect(r.rejected).toEqual([]);
    expect(r.valid.map((v) => [v.questionSetVersionId, v.answers, v.reasons, v.reasonsKey])).toEqual([
      [7, [{ questionKey: 'q1', score: 2 }, { questionKey: 'q2', score: 4 }], ['attitude'], 'q10'],
      [7, [{ questionKey: 'q1', score: 5 }], [], null],
      [9, [{ questionKey: 'q1', score: 1 }], ['queue'], 'q10'],
    ]);
  });

  it.each([
    ['a version the office may not use (or unknown)', { questionSetVersionId: 8 }, [{ questionKey: 'q1', score: 5 }], /phiên bản bộ câu hỏi/],
    ['a version id that is not a number', { questionSetVersionId: '7' }, [{ questionKey: 'q1', score: 5 }], /phiên bản bộ câu hỏi/],
    ['a question the kiosk does not ask', {}, [{ questionKey: 'q3', score: 5 }], /không thuộc các câu hỏi kiosk/],
    ['a question of the current set that the named version did not ask', { questionSetVersionId: 9 }, [{ questionKey: 'q2', score: 5 }], /không thuộc/],
    ['a reason of another version', { questionSetVersionId: 9, reasons: ['waiting'] }, [{ questionKey: 'q1', score: 1 }], /không có trong danh sách/],
    ['one question answered twice', {}, [{ questionKey: 'q1', score: 5 }, { questionKey: 'q1', score: 4 }], /hai lần/],
    ['no answer', {}, [], /ít nhất một/],
    ['a score out of range', {}, [{ questionKey: 'q1', score: 0 }], /từ 1 đến 5/],
    ['reasons without a low score', { reasons: ['waiting'] }, [{ questionKey: 'q1', score: 4 }, { questionKey: 'q2', score: 5 }], /từ 3 trở xuống/],
    ['answers not an array', {}, { q1: 5 }, /mảng/],
  ])('rejects %s', (_name, over, answers, message) => {
    const r = parseBatchItems([answersItem(answers, over)], withOlder);
    expect(r.valid).toEqual([]);
    expect(r.rejected[0]!.reason).toMatch(message);
  });

  it('rejects both answers and a bare score, and neither', () => {
    const both = item({ clientId: id(1), answers: [{ questionKey: 'q1', score: 5 }] });
    const neither = item({ clientId: id(2), score: undefined });
    const r = parseBatchItems([both, neither], ctx);
    expect(r.valid).toEqual([]);
    expect(r.rejected.map((x) => x.reason)).toEqual([expect.stringMatching(/đúng một trong hai/), expect.stringMatching(/đúng một trong hai/)]);
  });

  it('lists the distinct versions a batch names, at most BATCH_MAX_VERSIONS', () => {
    expect(batchVersionIds([{ questionSetVersionId: 3 }, { questionSetVersionId: 3 }, {}, { questionSetVersionId: '4' }, { questionSetVersionId: -1 }, { questionSetVersionId: 5 }])).toEqual([3, 5]);
    expect(batchVersionIds(Array.from({ length: 30 }, (_, i) => ({ questionSetVersionId: i + 1 })))).toHaveLength(BATCH_MAX_VERSIONS);
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
