import { describe, expect, it } from 'vitest';
import { deadlineOf, evaluationTasks, hasEvaluationWork, ratingsMissing, waitedFor, type OfficeSheet } from './staff-home';

const T = Date.UTC(2026, 11, 5, 3, 0, 0);
const MIN = 60_000;

describe('waitedFor', () => {
  it.each([
    [0, 'dưới 1 phút'],
    [-5 * MIN, 'dưới 1 phút'],
    [59_999, 'dưới 1 phút'],
    [MIN, '1 phút'],
    [59 * MIN + 59_999, '59 phút'],
    [60 * MIN, '1 giờ'],
    [23 * 60 * MIN + 59 * MIN, '23 giờ'],
    [24 * 60 * MIN, '1 ngày'],
    [1234 * 24 * 60 * MIN, '1.234 ngày'],
  ])('%i ms → %s', (ms, want) => expect(waitedFor(T - ms, T)).toBe(want));
});

describe('deadlineOf', () => {
  it.each([
    ['2026-12-15', '2026-12-05', { daysLeft: 10, overdue: false, text: 'còn 10 ngày' }],
    ['2026-12-15', '2026-12-14', { daysLeft: 1, overdue: false, text: 'còn 1 ngày' }],
    ['2026-12-15', '2026-12-15', { daysLeft: 0, overdue: false, text: 'hạn là hôm nay' }],
    ['2026-12-15', '2026-12-16', { daysLeft: -1, overdue: true, text: 'đã quá hạn 1 ngày' }],
    ['2026-03-01', '2026-02-28', { daysLeft: 1, overdue: false, text: 'còn 1 ngày' }],
    ['2027-01-10', '2026-12-31', { daysLeft: 10, overdue: false, text: 'còn 10 ngày' }],
  ])('due %s seen on %s', (due, today, want) => expect(deadlineOf(due, today)).toEqual(want));
});

describe('evaluationTasks', () => {
  const offices: OfficeSheet[] = [
    { unitId: 1, name: 'A', status: 'not_started' },
    { unitId: 2, name: 'B', status: 'self_assessed' },
    { unitId: 3, name: 'C', status: 'reviewed' },
    { unitId: 4, name: 'D', status: 'finalised' },
  ];
  const kinds = (role: Parameters<typeof evaluationTasks>[0], list = offices) => evaluationTasks(role, list).map((t) => [t.kind, t.offices.map((o) => o.unitId)]);

  it('asks each role for its own step only', () => {
    expect(kinds('office_head')).toEqual([['self_assess', [1]]]);
    expect(kinds('assessor')).toEqual([
      ['review', [2]],
      ['finalise', [3]],
    ]);
    expect(kinds('admin')).toEqual([['not_reported', [1]]]);
    expect(kinds('supervisor')).toEqual([]);
  });

  it('leaves out steps with nothing to do', () => {
    expect(kinds('office_head', [{ unitId: 1, name: 'A', status: 'self_assessed' }])).toEqual([]);
    expect(kinds('assessor', [{ unitId: 4, name: 'D', status: 'finalised' }])).toEqual([]);
  });

  it('knows which roles have evaluation work', () => {
    expect(['admin', 'assessor', 'office_head', 'supervisor'].map((r) => hasEvaluationWork(r as never))).toEqual([true, true, true, false]);
  });
});

describe('ratingsMissing', () => {
  it.each([
    [0, 30],
    [29, 1],
    [30, 0],
    [500, 0],
  ])('%i ratings → %i missing', (n, want) => expect(ratingsMissing(n)).toBe(want));
  it('takes another minimum', () => expect(ratingsMissing(10, 50)).toBe(40));
});
