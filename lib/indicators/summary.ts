/**
 * What a dashboard says about one office (or a subtree, or a counter) in one
 * period, built from rollup rows: the headline rate, the aspects and index,
 * the distribution of the five levels, and how many ratings were left out.
 *
 * The headline rate is the rate of the "overall" aspect (Q2, "Nhìn chung…",
 * asked of every citizen, on every channel), so it is a per-respondent rate
 * with an honest Wilson interval; the index (mean of aspect rates,
 * domain.md §5) is shown beside it. Offices are ranked by the headline's
 * lower bound (ranking.ts).
 */
import type { Question } from '@/lib/survey/question-set';
import type { ScaleValue } from '@/lib/survey/scale';
import { LEVELS, emptyCounts, mergeCounts, totalAnswers, type ScoreCounts } from './counts';
import { buildAspectIndicators, DEFAULT_MIN_SAMPLE, type Aspect, type AspectIndicator, type Indicator, type SatisfactionIndex } from './indicator';

/** Answers at levels 1..5 of one question, as the rollups keep them. */
export type LevelCounts = { questionKey: string; excluded?: boolean; n1: number; n2: number; n3: number; n4: number; n5: number };

export type Summary = {
  /** Valid ratings: the most answers any one question got (every rating answers the required ones). */
  responses: number;
  /** Ratings left out because they were flagged (lib/abuse.ts), counted the same way. */
  excludedResponses: number;
  /** The overall aspect's indicator, else the first aspect's: the office's rate. */
  headline: AspectIndicator | null;
  aspects: AspectIndicator[];
  index: SatisfactionIndex;
  /** Valid answers per question key. */
  byQuestion: Record<string, Record<ScaleValue, number>>;
};

export function levelsOf(row: Omit<LevelCounts, 'questionKey'>): Record<ScaleValue, number> {
  return { 1: row.n1, 2: row.n2, 3: row.n3, 4: row.n4, 5: row.n5 };
}

/** The aspect whose rate heads the dashboard and the ranking. */
export const HEADLINE_ASPECT: Aspect = 'overall';

/** A summary of level rows of one scope (any number of rows per question: they add up). */
export function summarize(rows: readonly LevelCounts[], questions: readonly Question[], { minSample = DEFAULT_MIN_SAMPLE } = {}): Summary {
  const valid: Record<string, Record<ScaleValue, number>> = {};
  const excluded: Record<string, number> = {};
  for (const row of rows) {
    if (row.excluded) excluded[row.questionKey] = (excluded[row.questionKey] ?? 0) + totalAnswers(levelsOf(row));
    else valid[row.questionKey] = mergeCounts(valid[row.questionKey] ?? {}, levelsOf(row));
  }
  const { aspects, index } = buildAspectIndicators(valid, questions, { minSample });
  const headline = aspects.find((a) => a.aspect === HEADLINE_ASPECT) ?? aspects[0] ?? null;
  return {
    responses: Math.max(0, ...Object.values(valid).map(totalAnswers)),
    excludedResponses: Math.max(0, ...Object.values(excluded)),
    headline,
    aspects,
    index,
    byQuestion: valid,
  };
}

/** Rows grouped by a key (office, counter, bucket), each group summarised. */
export function summarizeBy<K>(rows: readonly (LevelCounts & { key: K })[], questions: readonly Question[], opts: { minSample?: number } = {}): Map<K, Summary> {
  const groups = new Map<K, LevelCounts[]>();
  for (const row of rows) {
    const group = groups.get(row.key);
    if (group) group.push(row);
    else groups.set(row.key, [row]);
  }
  return new Map([...groups].map(([key, group]) => [key, summarize(group, questions, opts)]));
}

/** The five levels of an aspect's pooled answers, as counts and shares (0..1) of its answers. */
export type Distribution = { level: ScaleValue; n: number; share: number }[];

export function distributionOf(counts: ScoreCounts): Distribution {
  const total = totalAnswers(counts);
  return [...LEVELS].reverse().map((level) => ({ level, n: counts[level] ?? 0, share: total ? (counts[level] ?? 0) / total : 0 }));
}

/** The pooled answers of an aspect's questions. */
export function aspectCounts(summary: Summary, aspect: AspectIndicator): Record<ScaleValue, number> {
  return mergeCounts(...aspect.questionKeys.map((k) => summary.byQuestion[k] ?? emptyCounts()));
}

/** A change between two rates in percentage points, or null unless both have enough data. */
export function changeOf(current: Indicator | null | undefined, previous: Indicator | null | undefined): number | null {
  if (!current?.enoughData || !previous?.enoughData || current.rate === null || previous.rate === null) return null;
  return (current.rate - previous.rate) * 100;
}

/** Ratings per weekday (1 = Monday … 7 = Sunday) × hour (0..23): a 7 × 24 grid of counts, with the hours that have any. */
export function hourGrid(rows: readonly { weekday: number; hour: number; n: number }[]): { grid: number[][]; max: number; hours: number[] } {
  const grid = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
  for (const r of rows) {
    if (r.weekday >= 1 && r.weekday <= 7 && r.hour >= 0 && r.hour <= 23) grid[r.weekday - 1]![r.hour]! += r.n;
  }
  const used = Array.from({ length: 24 }, (_, h) => h).filter((h) => grid.some((row) => row[h]! > 0));
  // Office hours at least, so an empty period still draws a readable grid.
  const first = Math.min(7, ...used);
  const last = Math.max(17, ...used);
  return { grid, max: Math.max(0, ...grid.flat()), hours: Array.from({ length: last - first + 1 }, (_, i) => first + i) };
}
