import { describe, expect, it } from 'vitest';
import { DEFAULT_QUESTION_SET } from '@/lib/survey/question-set';
import { changeOf, distributionOf, hourGrid, summarize, summarizeBy, type LevelCounts } from './summary';

const Q = DEFAULT_QUESTION_SET.questions;
const row = (questionKey: string, levels: [number, number, number, number, number], excluded = false): LevelCounts => ({
  questionKey,
  excluded,
  n1: levels[0],
  n2: levels[1],
  n3: levels[2],
  n4: levels[3],
  n5: levels[4],
});

describe('summarize', () => {
  it('no data: nothing counted, not enough data, no index', () => {
    const s = summarize([], Q);
    expect(s.responses).toBe(0);
    expect(s.excludedResponses).toBe(0);
    expect(s.headline).toMatchObject({ aspect: 'overall', n: 0, enoughData: false, rate: null });
    expect(s.index.value).toBeNull();
  });

  it.each([
    [29, false],
    [30, true],
  ])('n = %s answers to the overall question: enough data = %s', (n, enough) => {
    const s = summarize([row('q2', [0, 0, 0, 0, n])], Q);
    expect(s.headline?.enoughData).toBe(enough);
    expect(s.headline?.rate).toBe(enough ? 1 : null);
    expect(s.responses).toBe(n);
  });

  it('all flagged: nothing valid, everything counted as excluded', () => {
    const s = summarize([row('q1', [5, 5, 5, 5, 20], true), row('q2', [5, 5, 5, 5, 20], true)], Q);
    expect(s.responses).toBe(0);
    expect(s.excludedResponses).toBe(40);
    expect(s.headline?.enoughData).toBe(false);
  });

  it('one level only: the rate is 0 or 1 with an interval that still has width', () => {
    const low = summarize([row('q2', [40, 0, 0, 0, 0])], Q).headline!;
    expect(low.rate).toBe(0);
    expect(low.dissatisfiedRate).toBe(1);
    expect(low.low).toBe(0);
    expect(low.high!).toBeGreaterThan(0.05);
    const high = summarize([row('q2', [0, 0, 0, 0, 40])], Q).headline!;
    expect(high.low!).toBeLessThan(0.95);
  });

  it('adds rows of the same question (days, months) and keeps flagged ones apart', () => {
    const s = summarize([row('q2', [1, 1, 2, 6, 10]), row('q2', [0, 1, 1, 4, 10]), row('q2', [3, 0, 0, 0, 0], true), row('q1', [0, 0, 0, 5, 31])], Q);
    expect(s.byQuestion.q2).toEqual({ 1: 1, 2: 2, 3: 3, 4: 10, 5: 20 });
    expect(s.responses).toBe(36);
    expect(s.excludedResponses).toBe(3);
    expect(s.headline?.rate).toBe(30 / 36);
    // Attitude (q1) and overall (q2) have enough data; the index is their mean.
    expect(s.index.aspects).toEqual(['attitude', 'overall']);
    expect(s.index.value).toBeCloseTo((1 + 30 / 36) / 2, 12);
  });

  it('groups by a key', () => {
    const by = summarizeBy([{ ...row('q2', [0, 0, 0, 0, 3]), key: 7 }, { ...row('q2', [1, 0, 0, 0, 0]), key: 8 }], Q);
    expect(by.get(7)?.responses).toBe(3);
    expect(by.get(8)?.byQuestion.q2?.[1]).toBe(1);
  });
});

describe('helpers', () => {
  it('distribution from 5 down to 1 with shares', () => {
    expect(distributionOf({ 5: 3, 4: 1 })).toEqual([
      { level: 5, n: 3, share: 0.75 },
      { level: 4, n: 1, share: 0.25 },
      { level: 3, n: 0, share: 0 },
      { level: 2, n: 0, share: 0 },
      { level: 1, n: 0, share: 0 },
    ]);
    expect(distributionOf({}).every((d) => d.share === 0)).toBe(true);
  });

  it('change in points only when both periods have enough data', () => {
    const ok = { n: 50, rate: 0.9, low: 0.8, high: 0.95, dissatisfiedRate: 0, mean: 4.5, enoughData: true };
    expect(changeOf(ok, { ...ok, rate: 0.85 })).toBeCloseTo(5, 10);
    expect(changeOf(ok, { ...ok, rate: null, enoughData: false })).toBeNull();
    expect(changeOf(null, ok)).toBeNull();
  });

  it('hour grid: Monday first, office hours at least, out-of-range rows ignored', () => {
    const g = hourGrid([
      { weekday: 1, hour: 9, n: 4 },
      { weekday: 7, hour: 19, n: 1 },
      { weekday: 8, hour: 9, n: 100 },
    ]);
    expect(g.grid[0]![9]).toBe(4);
    expect(g.grid[6]![19]).toBe(1);
    expect(g.max).toBe(4);
    expect(g.hours[0]).toBe(7);
    expect(g.hours.at(-1)).toBe(19);
    expect(hourGrid([]).hours).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
  });
});
