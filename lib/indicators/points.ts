/**
 * Satisfaction points of the model's evaluation (domain.md §6), out of a
 * maximum M (default 20), from a satisfaction rate (a fraction 0..1, or null
 * for not enough data, which scores 0). Two rules, chosen by the rubric:
 * proportional, M × rate rounded to the nearest 0.5 (halves up: 16.25 → 16.5);
 * or a step table, M times the share of the highest step the rate reaches.
 */
export type PointsRule = 'proportional' | 'steps';
/** A rate of at least `min` (0..1) earns `share` of the maximum. */
export type PointsStep = { min: number; share: number };

export const DEFAULT_MAX_POINTS = 20;

/** ≥ 95 % → M; 90–< 95 → 0.9 M; 85–< 90 → 0.8 M; 80–< 85 → 0.7 M; 70–< 80 → 0.5 M; 50–< 70 → 0.25 M; < 50 % → 0. */
export const DEFAULT_STEPS: readonly PointsStep[] = [
  { min: 0.95, share: 1 },
  { min: 0.9, share: 0.9 },
  { min: 0.85, share: 0.8 },
  { min: 0.8, share: 0.7 },
  { min: 0.7, share: 0.5 },
  { min: 0.5, share: 0.25 },
];

// A rate this close below a boundary is on it: averaging aspect rates leaves float noise (0.95 can come out 0.9499999999999998).
const EPSILON = 1e-9;

export type PointsOptions = { rule: PointsRule; max?: number; steps?: readonly PointsStep[] };

/** Points out of `max` for a rate 0..1; null (not enough data) gives 0. */
export function satisfactionPoints(rate: number | null, { rule, max = DEFAULT_MAX_POINTS, steps = DEFAULT_STEPS }: PointsOptions): number {
  if (!(max >= 0)) throw new RangeError(`The maximum must be ≥ 0, got ${max}`);
  if (rate === null) return 0;
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`A rate is a fraction 0..1, got ${rate}`);
  if (rule === 'proportional') return Math.round(max * rate * 2 + EPSILON) / 2;
  const step = [...steps].sort((a, b) => b.min - a.min).find((s) => rate >= s.min - EPSILON);
  // Rounded to remove float noise (0.8 × 15 = 12.000000000000002), not to halves: 0.25 × 15 stays 3.75.
  return step ? Math.round(max * step.share * 1e6) / 1e6 : 0;
}
