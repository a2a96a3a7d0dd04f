/**
 * Rates over valid answers (the definition is in ./counts.ts): satisfied means
 * 4 or 5, dissatisfied 1 or 2 (domain.md §3, §5). Rates are fractions 0..1.
 * No answers is "no data" (null), never 0 %.
 */
import { totalAnswers, type ScoreCounts } from './counts';

export type Interval = { low: number; high: number };

export function satisfiedCount(counts: ScoreCounts): number {
  return (counts[4] ?? 0) + (counts[5] ?? 0);
}

export function dissatisfiedCount(counts: ScoreCounts): number {
  return (counts[1] ?? 0) + (counts[2] ?? 0);
}

/** Share (0..1) of answers at 4–5, or null when there are none. */
export function satisfactionRate(counts: ScoreCounts): number | null {
  const n = totalAnswers(counts);
  return n === 0 ? null : satisfiedCount(counts) / n;
}

/** Share (0..1) of answers at 1–2, or null when there are none. */
export function dissatisfactionRate(counts: ScoreCounts): number | null {
  const n = totalAnswers(counts);
  return n === 0 ? null : dissatisfiedCount(counts) / n;
}

/** Mean score on the 1..5 scale, or null when there are no answers. */
export function meanScore(counts: ScoreCounts): number | null {
  const n = totalAnswers(counts);
  if (n === 0) return null;
  let sum = 0;
  for (const level of [1, 2, 3, 4, 5] as const) sum += level * (counts[level] ?? 0);
  return sum / n;
}

/**
 * Wilson score interval for `successes` out of `n` (fractions 0..1; z = 1.96
 * gives 95 %), or null for n = 0. Exactly 0 below no successes and exactly 1
 * above all successes. `successes` may be fractional (a rate times an
 * effective sample size).
 */
export function wilsonInterval(successes: number, n: number, z = 1.96): Interval | null {
  if (!(n >= 0) || !(successes >= 0) || successes > n || !(z > 0)) {
    throw new RangeError(`Wilson interval needs 0 ≤ successes ≤ n and z > 0, got ${successes}/${n}, z = ${z}`);
  }
  if (n === 0) return null;
  const p = successes / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  return {
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === n ? 1 : Math.min(1, centre + half),
  };
}
