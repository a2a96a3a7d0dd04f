import { describe, expect, it } from 'vitest';
import { formatCount, formatDate, formatDateTime, formatDecimal, formatPercent, formatPointChange, startOfVietnamDay, toIsoDay } from './format';

describe('formatDateTime (Asia/Ho_Chi_Minh, UTC+7)', () => {
  it.each([
    ['just before midnight in Vietnam', '2026-11-26T16:59:00Z', '26/11/2026 23:59'],
    ['midnight in Vietnam is 17:00 UTC the day before', '2026-11-26T17:00:00Z', '27/11/2026 00:00'],
    ['midnight UTC is 07:00 in Vietnam', '2026-11-27T00:00:00Z', '27/11/2026 07:00'],
    ['a UTC date still on the previous Vietnamese day is not', '2026-12-31T17:30:00Z', '01/01/2027 00:30'],
    ['leap day', '2028-02-28T18:15:00Z', '29/02/2028 01:15'],
    ['afternoon, 24-hour clock', '2026-07-01T08:05:00Z', '01/07/2026 15:05'],
  ])('%s: %s → %s', (_name, iso, want) => {
    expect(formatDateTime(new Date(iso))).toBe(want);
  });

  it.each([
    ['epoch milliseconds', Date.parse('2026-11-26T17:00:00Z'), '27/11/2026 00:00'],
    ['an ISO string (as dates come back from JSON)', '2026-11-26T17:00:00.000Z', '27/11/2026 00:00'],
    ['null', null, '—'],
    ['undefined', undefined, '—'],
    ['not a date', 'hôm qua', '—'],
  ])('accepts %s', (_name, input, want) => {
    expect(formatDateTime(input)).toBe(want);
  });
});

describe('formatDate and toIsoDay', () => {
  it.each([
    ['2026-11-26T16:59:59Z', '26/11/2026', '2026-11-26'],
    ['2026-11-26T17:00:00Z', '27/11/2026', '2026-11-27'],
  ])('%s → %s / %s', (iso, shown, day) => {
    expect(formatDate(new Date(iso))).toBe(shown);
    expect(toIsoDay(new Date(iso))).toBe(day);
  });
});

describe('startOfVietnamDay', () => {
  it.each([
    ['2026-11-27', '2026-11-26T17:00:00.000Z'],
    ['2027-01-01', '2026-12-31T17:00:00.000Z'],
    ['2028-02-29', '2028-02-28T17:00:00.000Z'],
  ])('%s starts at %s', (day, want) => {
    expect(startOfVietnamDay(day)?.toISOString()).toBe(want);
  });

  it.each(['2026-02-30', '2027-02-29', '2026-13-01', '2026-1-5', '27/11/2026', '', '2026-11-27T00:00'])('refuses %j', (day) => {
    expect(startOfVietnamDay(day)).toBeNull();
  });
});

describe('numbers in vi-VN', () => {
  it.each([
    [0, '0'],
    [1234, '1.234'],
    [2_000_000, '2.000.000'],
  ])('count %s → %s', (n, want) => expect(formatCount(n)).toBe(want));

  it.each<[number | null, string]>([
    [0.8747, '87,5 %'],
    [1, '100,0 %'],
    [0, '0,0 %'],
    [0.00049, '0,0 %'],
    [null, '—'],
    [Number.NaN, '—'],
  ])('percent %s → %s', (share, want) => expect(formatPercent(share)).toBe(want));

  it.each<[number | null, string]>([
    [1.23, '+1,2 điểm %'],
    [-0.44, '−0,4 điểm %'],
    [0.04, '0,0 điểm %'],
    [-0.04, '0,0 điểm %'],
    [null, '—'],
  ])('change %s → %s', (points, want) => expect(formatPointChange(points)).toBe(want));

  it('decimals', () => {
    expect(formatDecimal(4.3248)).toBe('4,3');
    expect(formatDecimal(null)).toBe('—');
  });
});
