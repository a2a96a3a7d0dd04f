import { describe, expect, it } from 'vitest';
import { DEFAULT_QUESTION_SET, type Question } from '@/lib/survey/question-set';
import type { ScoreCounts } from './counts';
import { ASPECTS, aspectQuestionKeys, buildAspectIndicators, buildIndicator, DEFAULT_MIN_SAMPLE, type Indicator } from './indicator';

const notEnough = (n: number): Indicator => ({ n, rate: null, low: null, high: null, dissatisfiedRate: null, mean: null, enoughData: false });

describe('buildIndicator', () => {
  it.each<[string, ScoreCounts, number | undefined, Indicator]>([
    ['no answers', {}, undefined, notEnough(0)],
    ['one under the minimum sample', { 5: 20, 4: 9 }, undefined, notEnough(29)],
    ['small sample, however good', { 5: 3 }, undefined, notEnough(3)],
    ['no answers even with no minimum', {}, 0, notEnough(0)],
    ['one under a custom minimum', { 5: 8, 1: 1 }, 10, notEnough(9)],
  ])('%s → Chưa đủ dữ liệu', (_name, counts, minSample, want) => {
    expect(buildIndicator(counts, minSample === undefined ? {} : { minSample })).toEqual(want);
  });

  it.each<[string, ScoreCounts, number, Omit<Indicator, 'enoughData'>]>([
    // Wilson bounds by hand (rates.test.ts); n, rate, low, high, dissatisfied, mean
    ['exactly the minimum', { 5: 14, 4: 10, 3: 4, 2: 1, 1: 1 }, 30, { n: 30, rate: 0.8, low: 0.6269, high: 0.905, dissatisfiedRate: 2 / 30, mean: 4.1667 }],
    ['8 of 10 at a minimum of 10', { 5: 5, 4: 3, 3: 1, 1: 1 }, 10, { n: 10, rate: 0.8, low: 0.4902, high: 0.9433, dissatisfiedRate: 0.1, mean: 4.1 }],
    ['one level only: all 5', { 5: 30 }, 30, { n: 30, rate: 1, low: 0.8865, high: 1, dissatisfiedRate: 0, mean: 5 }],
    ['one level only: all 1', { 1: 30 }, 30, { n: 30, rate: 0, low: 0, high: 0.1135, dissatisfiedRate: 1, mean: 1 }],
    ['one answer, no minimum', { 4: 1 }, 0, { n: 1, rate: 1, low: 0.2065, high: 1, dissatisfiedRate: 0, mean: 4 }],
  ])('%s', (_name, counts, minSample, want) => {
    const got = buildIndicator(counts, { minSample });
    expect(got.enoughData).toBe(true);
    expect(got.n).toBe(want.n);
    for (const key of ['rate', 'low', 'high', 'dissatisfiedRate', 'mean'] as const) expect(got[key]).toBeCloseTo(want[key]!, 4);
  });

  it('defaults to a minimum of 30', () => expect(DEFAULT_MIN_SAMPLE).toBe(30));
});

describe('aspects from the question set', () => {
  it('maps the default set as domain.md §5 says', () => {
    expect(aspectQuestionKeys(DEFAULT_QUESTION_SET.questions)).toEqual({
      attitude: ['q1', 'q3'],
      overall: ['q2'],
      guidance: ['q4', 'q5'],
      waiting: ['q6'],
      facilities: ['q7'],
    });
    expect(ASPECTS).toEqual(['attitude', 'guidance', 'waiting', 'facilities', 'overall']);
  });

  it('pools an aspect’s answers but counts its respondents, and averages aspects with enough data', () => {
    const { aspects, index } = buildAspectIndicators(
      {
        q1: { 5: 20, 4: 10, 3: 5, 2: 5 }, // 40 respondents
        q3: { 5: 10, 3: 10 }, // 20 of them also answered q3
        q2: { 4: 30, 1: 10 },
        q5: { 5: 10 },
        q7: { 5: 29 },
        q99: { 5: 1000 }, // not in the set: ignored
      },
      DEFAULT_QUESTION_SET.questions,
    );
    const by = Object.fromEntries(aspects.map((a) => [a.aspect, a]));
    expect(aspects.map((a) => a.aspect)).toEqual(ASPECTS);
    // attitude: 40 satisfied of 60 answers = 2/3, from 40 respondents: Wilson of 26.67/40
    expect(by.attitude).toMatchObject({ questionKeys: ['q1', 'q3'], answers: 60, n: 40, enoughData: true, dissatisfiedRate: 5 / 60 });
    expect(by.attitude!.rate).toBeCloseTo(2 / 3, 10);
    expect(by.attitude!.low).toBeCloseTo(0.5118, 4);
    expect(by.attitude!.high).toBeCloseTo(0.7924, 4);
    expect(by.overall).toMatchObject({ n: 40, rate: 0.75, enoughData: true });
    expect(by.overall!.low).toBeCloseTo(0.5981, 4);
    expect(by.guidance).toMatchObject({ questionKeys: ['q4', 'q5'], answers: 10, n: 10, rate: null, enoughData: false });
    expect(by.waiting).toMatchObject({ answers: 0, n: 0, rate: null, enoughData: false });
    expect(by.facilities).toMatchObject({ n: 29, enoughData: false });
    expect(index.aspects).toEqual(['attitude', 'overall']);
    expect(index.value).toBeCloseTo((2 / 3 + 0.75) / 2, 10);
  });

  it('has no index when no aspect has enough data', () => {
    const { aspects, index } = buildAspectIndicators({ q1: { 5: 29 }, q2: { 5: 29 } }, DEFAULT_QUESTION_SET.questions);
    expect(aspects.every((a) => !a.enoughData)).toBe(true);
    expect(index).toEqual({ value: null, aspects: [] });
    expect(buildAspectIndicators({}, DEFAULT_QUESTION_SET.questions).index).toEqual({ value: null, aspects: [] });
  });

  it('takes the mapping from the definitions, not from the keys', () => {
    const scale = (key: string, aspect: 'attitude' | 'overall' | 'waiting'): Question => ({
      key, kind: 'scale5', required: true, aspect, text: { vi: key, en: key }, short: { vi: key, en: key },
    });
    const questions = [scale('chung', 'overall'), scale('q1', 'waiting')];
    const { aspects, index } = buildAspectIndicators({ chung: { 5: 30 }, q1: { 1: 30 } }, questions);
    expect(aspects.map((a) => [a.aspect, a.questionKeys, a.rate])).toEqual([
      ['waiting', ['q1'], 0],
      ['overall', ['chung'], 1],
    ]);
    expect(index).toEqual({ value: 0.5, aspects: ['waiting', 'overall'] });
  });

  it('honours a custom minimum sample', () => {
    const { index } = buildAspectIndicators({ q2: { 5: 4, 1: 1 } }, DEFAULT_QUESTION_SET.questions, { minSample: 5 });
    expect(index).toEqual({ value: 0.8, aspects: ['overall'] });
  });
});
