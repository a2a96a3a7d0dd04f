import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '@/lib/indicators/rates';
import { summarize } from '@/lib/indicators/summary';
import { DEFAULT_QUESTION_SET } from '@/lib/survey/question-set';
import { figureNumbersOf, formatShare, orderFigures, parsePeriodKey, periodDays, periodEnded, periodLabel, publicRate, quarterPeriod, yearPeriodKey } from './publication';

describe('period keys', () => {
  it.each([
    ['2026-Q3', { kind: 'quarter', key: '2026-Q3', year: 2026, quarter: 3 }],
    ['2026-Q1', { kind: 'quarter', key: '2026-Q1', year: 2026, quarter: 1 }],
    ['2026', { kind: 'year', key: '2026', year: 2026 }],
    ['2000', { kind: 'year', key: '2000', year: 2000 }],
    ['2026-Q5', null],
    ['2026-Q0', null],
    ['2026-q3', null],
    ['1999', null],
    ['2101', null],
    ['26', null],
    ['2026-03', null],
    [' 2026', null],
    ['', null],
  ])('%j → %j', (text, want) => expect(parsePeriodKey(text)).toEqual(want));

  it.each([
    [quarterPeriod(2026, 1), '2026-01-01', '2026-03-31', 'Quý I/2026', 'Q1 2026'],
    [quarterPeriod(2026, 2), '2026-04-01', '2026-06-30', 'Quý II/2026', 'Q2 2026'],
    [quarterPeriod(2026, 3), '2026-07-01', '2026-09-30', 'Quý III/2026', 'Q3 2026'],
    [quarterPeriod(2026, 4), '2026-10-01', '2026-12-31', 'Quý IV/2026', 'Q4 2026'],
    [yearPeriodKey(2025), '2025-01-01', '2025-12-31', 'Năm 2025', 'Year 2025'],
  ])('%j covers %s–%s, "%s" / "%s"', (p, from, to, vi, en) => {
    expect(periodDays(p)).toEqual({ from, to });
    expect(periodLabel(p)).toBe(vi);
    expect(periodLabel(p, 'en')).toBe(en);
  });

  it.each([
    [quarterPeriod(2026, 3), '2026-09-30', false],
    [quarterPeriod(2026, 3), '2026-10-01', true],
    [yearPeriodKey(2026), '2026-12-31', false],
    [yearPeriodKey(2026), '2027-01-01', true],
    [quarterPeriod(2027, 1), '2026-12-05', false],
  ])('%j has ended on %s: %s', (p, today, want) => expect(periodEnded(p, today)).toBe(want));
});

const q2 = (n: { n1?: number; n2?: number; n3?: number; n4?: number; n5?: number }) => ({ questionKey: 'q2', n1: 0, n2: 0, n3: 0, n4: 0, n5: 0, ...n });

describe('figures frozen from a summary', () => {
  it('keeps n, satisfied and the Wilson bounds ×10000 from the minimum sample on', () => {
    const f = figureNumbersOf(summarize([q2({ n5: 30, n4: 6, n2: 4 })], DEFAULT_QUESTION_SET.questions));
    const w = wilsonInterval(36, 40)!;
    expect(f).toEqual({ respondents: 40, satisfied: 36, lowX10000: Math.round(w.low * 10_000), highX10000: Math.round(w.high * 10_000) });
    expect(publicRate(f)).toEqual({ enoughData: true, rate: 0.9, low: Math.round(w.low * 10_000) / 10_000, high: Math.round(w.high * 10_000) / 10_000 });
  });

  it.each([
    ['29 answers', [q2({ n5: 29 })], { respondents: 29, satisfied: 29, lowX10000: null, highX10000: null }],
    ['exactly 30', [q2({ n5: 15, n1: 15 })], { respondents: 30, satisfied: 15 }],
    ['no answers', [], { respondents: 0, satisfied: 0, lowX10000: null, highX10000: null }],
    ['flagged answers do not count', [q2({ n5: 40 }), { ...q2({ n1: 100 }), excluded: true }], { respondents: 40, satisfied: 40 }],
  ])('%s', (_, rows, want) => expect(figureNumbersOf(summarize(rows, DEFAULT_QUESTION_SET.questions))).toMatchObject(want));

  it('under the minimum sample nothing but n is shown', () =>
    expect(publicRate({ respondents: 29, satisfied: 29, lowX10000: null, highX10000: null })).toEqual({ enoughData: false, rate: null, low: null, high: null }));

  it('no summary is no data', () => expect(figureNumbersOf(undefined)).toEqual({ respondents: 0, satisfied: 0, lowX10000: null, highX10000: null }));
});

describe('public order', () => {
  it('ranks first (ties by name), then the unranked by Vietnamese name', () => {
    const f = (name: string, rank: number | null) => ({ name, rank });
    expect(orderFigures([f('Đông', null), f('Bắc', 2), f('An', null), f('Ấp', 1), f('Ba', 2), f('Em', null)]).map((x) => x.name)).toEqual(['Ấp', 'Ba', 'Bắc', 'An', 'Đông', 'Em']);
  });
});

describe('formatting', () => {
  it.each([
    [0.9, 'vi', '90,0 %'],
    [0.9234, 'vi', '92,3 %'],
    [0.9234, 'en', '92.3 %'],
    [1, 'vi', '100,0 %'],
  ] as const)('%s (%s) → %s', (share, lang, want) => expect(formatShare(share, lang)).toBe(want));
});
