import { describe, expect, it } from 'vitest';
import type { Role } from '@/lib/auth/roles';
import type { EvaluationStatus } from '@/lib/validation/evaluation';
import { decideFinalise, decideReopen, decideRubricEdit, decideSaveStage, finaliseTiming, tooEarlyMessage } from './workflow';

const complete = { missing: [], classification: 'Tốt' };
const gaps = { missing: [{ key: 'x' }] as never[], classification: null };

describe('decideSaveStage', () => {
  it.each<[Role, 'self' | 'review', EvaluationStatus | null, unknown]>([
    ['office_head', 'self', 'not_started', { status: 'ok', next: 'self_assessed' }],
    ['office_head', 'self', 'self_assessed', { status: 'ok', next: 'self_assessed' }],
    ['office_head', 'self', 'reviewed', { status: 'locked', why: 'reviewed' }],
    ['office_head', 'self', 'finalised', { status: 'locked', why: 'finalised' }],
    ['office_head', 'self', null, { status: 'not_found' }],
    ['office_head', 'review', 'self_assessed', { status: 'not_found' }],
    ['assessor', 'review', 'not_started', { status: 'ok', next: 'reviewed' }],
    ['assessor', 'review', 'self_assessed', { status: 'ok', next: 'reviewed' }],
    ['assessor', 'review', 'reviewed', { status: 'ok', next: 'reviewed' }],
    ['assessor', 'review', 'finalised', { status: 'locked', why: 'finalised' }],
    ['assessor', 'self', 'not_started', { status: 'not_found' }],
    ['supervisor', 'self', 'not_started', { status: 'not_found' }],
    ['admin', 'review', 'reviewed', { status: 'not_found' }],
  ])('%s saving %s on %s → %j', (role, stage, status, want) => {
    expect(decideSaveStage(role, stage, status)).toEqual(want);
  });
});

/** 2027-01-01 00:00 in Vietnam is 2026-12-31 17:00 UTC: the first instant after the 2026 period. */
const AFTER_2026 = new Date('2026-12-31T17:00:00Z');
const LAST_MINUTE_2026 = new Date('2026-12-31T16:59:00Z');
const after = { year: 2026, now: AFTER_2026 };

describe('decideFinalise', () => {
  it.each<[Role, EvaluationStatus | null, typeof complete | typeof gaps, string | null, unknown]>([
    ['assessor', 'reviewed', complete, null, { status: 'ok', classification: 'Tốt', override: false }],
    ['assessor', 'self_assessed', complete, null, { status: 'ok', classification: 'Tốt', override: false }],
    ['assessor', 'reviewed', gaps, 'thiếu x', { status: 'incomplete', message: 'thiếu x' }],
    ['assessor', 'not_started', gaps, 'thiếu x', { status: 'incomplete', message: 'thiếu x' }],
    ['assessor', 'not_started', complete, null, { status: 'incomplete', message: 'Chưa chốt được: phiếu chưa được thẩm định.' }],
    ['assessor', 'finalised', complete, null, { status: 'locked' }],
    ['assessor', null, complete, null, { status: 'not_found' }],
    ['office_head', 'reviewed', complete, null, { status: 'not_found' }],
    ['supervisor', 'reviewed', complete, null, { status: 'not_found' }],
    ['admin', 'reviewed', complete, null, { status: 'ok', classification: 'Tốt', override: false }],
  ])('after the year: %s on %s → %j', (role, status, score, problem, want) => {
    expect(decideFinalise(role, status, score, problem, after)).toEqual(want);
  });

  it.each<[string, Role, Date, string | null, string]>([
    ['assessor, last minute of the year', 'assessor', LAST_MINUTE_2026, null, 'too_early'],
    ['assessor, in June', 'assessor', new Date('2026-06-15T03:00:00Z'), 'Bất kỳ lý do nào', 'too_early'],
    ['administrator without a reason', 'admin', LAST_MINUTE_2026, null, 'reason_required'],
    ['administrator, reason of 9 characters', 'admin', LAST_MINUTE_2026, '  123456789  ', 'reason_required'],
    ['administrator, reason of 10 characters', 'admin', LAST_MINUTE_2026, '1234567890', 'ok'],
    ['assessor, first minute of the next year', 'assessor', AFTER_2026, null, 'ok'],
  ])('before the year ends: %s → %s', (_, role, now, reason, want) => {
    const got = decideFinalise(role, 'reviewed', complete, null, { year: 2026, now, reason });
    expect(got.status).toBe(want);
    if (got.status === 'ok') expect(got.override).toBe(role === 'admin' && now < AFTER_2026);
  });

  it('refuses a total other than the one confirmed, and says why', () => {
    const score = { ...complete, totalX100: 8150 };
    expect(decideFinalise('assessor', 'reviewed', score, null, { ...after, confirmedTotalX100: 8150 }).status).toBe('ok');
    const moved = decideFinalise('assessor', 'reviewed', score, null, { ...after, confirmedTotalX100: 8100 });
    expect(moved).toMatchObject({ status: 'changed', message: expect.stringMatching(/^Điểm của phiếu đã thay đổi/) });
  });

  it('tells the assessor in Vietnamese until when and whom to ask', () => {
    expect(decideFinalise('assessor', 'reviewed', complete, null, { year: 2026, now: LAST_MINUTE_2026 })).toEqual({ status: 'too_early', message: tooEarlyMessage(2026) });
    expect(tooEarlyMessage(2026)).toBe(
      'Chưa chốt được: năm 2026 chưa kết thúc, tỷ lệ hài lòng còn thay đổi đến hết ngày 31/12/2026. Hãy chốt sau ngày đó; nếu cần chốt sớm, đề nghị quản trị chốt (có ghi lý do).',
    );
  });
});

describe('finaliseTiming', () => {
  it.each<[Role, Date, boolean, string]>([
    ['assessor', LAST_MINUTE_2026, true, 'nobody'],
    ['admin', LAST_MINUTE_2026, true, 'admin_override'],
    ['assessor', AFTER_2026, false, 'normal'],
    ['admin', AFTER_2026, false, 'normal'],
    ['office_head', AFTER_2026, false, 'nobody'],
    ['supervisor', LAST_MINUTE_2026, true, 'nobody'],
  ])('%s at %s: early %s, %s', (role, now, early, who) => {
    expect(finaliseTiming(role, 2026, now)).toEqual({ early, endDay: '2026-12-31', who });
  });
});

describe('decideReopen', () => {
  it.each<[Role, EvaluationStatus | null, string]>([
    ['admin', 'finalised', 'ok'],
    ['admin', 'reviewed', 'not_finalised'],
    ['admin', 'self_assessed', 'not_finalised'],
    ['admin', 'not_started', 'not_found'],
    ['admin', null, 'not_found'],
    ['assessor', 'finalised', 'not_found'],
    ['office_head', 'finalised', 'not_found'],
  ])('%s on %s → %s', (role, status, want) => {
    expect(decideReopen(role, status)).toBe(want);
  });
});

describe('decideRubricEdit', () => {
  it.each<[Role, boolean | null, number, string]>([
    ['admin', true, 0, 'ok'],
    ['admin', true, 1, 'locked'],
    ['admin', false, 0, 'not_found'],
    ['admin', null, 0, 'not_found'],
    ['assessor', true, 0, 'not_found'],
  ])('%s (manages: %s, finalised sheets: %i) → %s', (role, manages, finalised, want) => {
    expect(decideRubricEdit(role, manages, finalised)).toBe(want);
  });
});
