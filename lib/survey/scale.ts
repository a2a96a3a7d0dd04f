/** The national five-level scale (domain.md §3), in the one order shown everywhere: best first. */
export const SCALE_VALUES = [5, 4, 3, 2, 1] as const;
export type ScaleValue = (typeof SCALE_VALUES)[number];

export const SCALE_LABELS: Record<ScaleValue, { vi: string; en: string }> = {
  5: { vi: 'Rất hài lòng', en: 'Very satisfied' },
  4: { vi: 'Hài lòng', en: 'Satisfied' },
  3: { vi: 'Bình thường', en: 'Neutral' },
  2: { vi: 'Không hài lòng', en: 'Dissatisfied' },
  1: { vi: 'Rất không hài lòng', en: 'Very dissatisfied' },
};

/** A score at or below this asks for reasons (domain.md §4, Q10). */
export const LOW_SCORE_MAX = 3;

export function isScaleValue(n: number): n is ScaleValue {
  return Number.isInteger(n) && n >= 1 && n <= 5;
}
