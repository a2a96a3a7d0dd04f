/**
 * One indicator (domain.md §5): rate, 95 % Wilson interval, dissatisfaction
 * and mean, reported only from a minimum sample; below it the numbers are
 * null and the UI shows NOT_ENOUGH_DATA. Aspects come from the question set
 * (`aspect` on each scale question), never from hard-coded keys.
 *
 * An aspect with several questions (attitude: q1, q3) pools their answers for
 * the rates, but one respondent answers both, so its sample size `n` is the
 * largest per-question count (the respondents behind the aspect, at least)
 * rather than the pooled answers: the minimum sample and the interval are not
 * flattered by asking two questions instead of one.
 */
import type { Question, ScaleQuestion } from '@/lib/survey/question-set';
import { mergeCounts, totalAnswers, type ScoreCounts } from './counts';
import { dissatisfactionRate, meanScore, satisfactionRate, satisfiedCount, wilsonInterval } from './rates';

export const DEFAULT_MIN_SAMPLE = 30;
export const NOT_ENOUGH_DATA = 'Chưa đủ dữ liệu';

export type Indicator = {
  /** Valid answers (respondents, for an aspect) behind the numbers. */
  n: number;
  /** Share 0..1 at 4–5; null when n is below the minimum sample. */
  rate: number | null;
  low: number | null;
  high: number | null;
  dissatisfiedRate: number | null;
  mean: number | null;
  enoughData: boolean;
};

export type IndicatorOptions = { minSample?: number };

function indicatorOf(counts: ScoreCounts, n: number, minSample: number): Indicator {
  const rate = satisfactionRate(counts);
  if (n < Math.max(1, minSample) || rate === null) {
    return { n, rate: null, low: null, high: null, dissatisfiedRate: null, mean: null, enoughData: false };
  }
  // For a pooled aspect the successes are scaled to its respondents.
  const answers = totalAnswers(counts);
  const interval = wilsonInterval(n === answers ? satisfiedCount(counts) : rate * n, n);
  return {
    n,
    rate,
    low: interval?.low ?? null,
    high: interval?.high ?? null,
    dissatisfiedRate: dissatisfactionRate(counts),
    mean: meanScore(counts),
    enoughData: true,
  };
}

/** The indicator of one question's counts; below `minSample` answers (default 30) only n is reported. */
export function buildIndicator(counts: ScoreCounts, { minSample = DEFAULT_MIN_SAMPLE }: IndicatorOptions = {}): Indicator {
  return indicatorOf(counts, totalAnswers(counts), minSample);
}

export type Aspect = ScaleQuestion['aspect'];

export const ASPECT_LABELS: Record<Aspect, { vi: string; en: string }> = {
  attitude: { vi: 'Thái độ phục vụ', en: 'Attitude' },
  guidance: { vi: 'Hướng dẫn, trả lời', en: 'Guidance' },
  waiting: { vi: 'Thời gian chờ', en: 'Waiting time' },
  facilities: { vi: 'Cơ sở vật chất', en: 'Facilities' },
  overall: { vi: 'Hài lòng chung', en: 'Overall' },
};

/** Every aspect, in the order dashboards show them (the labels' order, which the type keeps complete). */
export const ASPECTS = Object.keys(ASPECT_LABELS) as readonly Aspect[];

/** The scale question keys behind each aspect, in the set's order; aspects the set does not ask are absent. */
export function aspectQuestionKeys(questions: readonly Question[]): Partial<Record<Aspect, string[]>> {
  const out: Partial<Record<Aspect, string[]>> = {};
  for (const q of questions) if (q.kind === 'scale5') (out[q.aspect] ??= []).push(q.key);
  return out;
}

export type AspectIndicator = Indicator & { aspect: Aspect; questionKeys: string[]; answers: number };

export type SatisfactionIndex = {
  /** Mean (0..1) of the aspect rates that have enough data; null when none has. */
  value: number | null;
  /** The aspects that went into `value`. */
  aspects: Aspect[];
};

/**
 * Per-aspect indicators and the satisfaction index (domain.md §5) from counts
 * per question key. When no aspect has enough data the index is null
 * ("Chưa đủ dữ liệu"), never a mean of nothing.
 */
export function buildAspectIndicators(
  countsByQuestion: Readonly<Record<string, ScoreCounts | undefined>>,
  questions: readonly Question[],
  { minSample = DEFAULT_MIN_SAMPLE }: IndicatorOptions = {},
): { aspects: AspectIndicator[]; index: SatisfactionIndex } {
  const keysByAspect = aspectQuestionKeys(questions);
  const aspects: AspectIndicator[] = [];
  for (const aspect of ASPECTS) {
    const questionKeys = keysByAspect[aspect];
    if (!questionKeys) continue;
    const perQuestion = questionKeys.map((k) => countsByQuestion[k] ?? {});
    const pooled = mergeCounts(...perQuestion);
    const respondents = Math.max(...perQuestion.map(totalAnswers));
    aspects.push({ aspect, questionKeys, answers: totalAnswers(pooled), ...indicatorOf(pooled, respondents, minSample) });
  }
  const used = aspects.filter((a) => a.enoughData && a.rate !== null);
  const value = used.length ? used.reduce((sum, a) => sum + (a.rate ?? 0), 0) / used.length : null;
  return { aspects, index: { value, aspects: used.map((a) => a.aspect) } };
}
