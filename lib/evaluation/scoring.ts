import { satisfactionPoints } from '@/lib/indicators/points';
import type { DayKey } from '@/lib/indicators/periods';
import { criteriaOf, formatPoints, toX100, type AutomaticCriterion, type Band, type Criterion, type Rubric, type SatisfactionSource } from './rubric';

/**
 * Scoring of an evaluation sheet (domain.md §6), pure: every number is an
 * integer count of hundredths of a point (×100), so halves and quarters add
 * up exactly and a total of 89.99 is never classified as 90.
 */

/** The satisfaction figure an automatic criterion reads, with what it rests on. */
export type SatisfactionFigure = {
  source: SatisfactionSource;
  /** 0..1, or null when the office has fewer valid ratings than the minimum sample. */
  rate: number | null;
  /** 95 % Wilson interval (headline only; the index is a mean of rates and has none). */
  low: number | null;
  high: number | null;
  /** Valid ratings behind it. */
  n: number;
  enoughData: boolean;
  from: DayKey;
  to: DayKey;
};

export type AutomaticOutcome =
  | { kind: 'computed'; pointsX100: number }
  /** Not enough data and the rubric says 0. */
  | { kind: 'zero'; pointsX100: 0 }
  /** Not enough data and the rubric says the assessor decides: points come from the sheet. */
  | { kind: 'manual'; pointsX100: null };

/** Points of an automatic criterion from its figure, by the criterion's rule and its rule for "Chưa đủ dữ liệu". */
export function automaticPoints(criterion: AutomaticCriterion, figure: Pick<SatisfactionFigure, 'rate' | 'enoughData'>): AutomaticOutcome {
  if (!figure.enoughData || figure.rate === null) {
    return criterion.notEnoughData === 'manual' ? { kind: 'manual', pointsX100: null } : { kind: 'zero', pointsX100: 0 };
  }
  const points = satisfactionPoints(figure.rate, { rule: criterion.rule, max: criterion.max, steps: criterion.steps });
  return { kind: 'computed', pointsX100: Math.min(toX100(points), toX100(criterion.max)) };
}

/** The band a total falls in: `min` ≤ total < `below` (bands as validated: no gaps, no overlaps, open top). */
export function classify(bands: readonly Band[], totalX100: number): string | null {
  for (const b of bands) if (totalX100 >= toX100(b.min) && (b.below === null || totalX100 < toX100(b.below))) return b.label;
  return null;
}

/** Points stored for one criterion of a sheet (×100; null = not entered). */
export type StoredPoints = { selfX100: number | null; reviewX100: number | null };
export type Stage = 'self' | 'review';

/**
 * The points each criterion counts at a stage: entered points for manual
 * criteria; for automatic ones the points computed from `figures` (the
 * period's indicators), or, when there is not enough data and the rubric
 * leaves it to the assessor, what was entered. With `figures` null (a
 * finalised sheet) the stored points, frozen at finalisation, are used.
 */
export function pointsAtStage(
  rubric: Rubric,
  stored: ReadonlyMap<string, StoredPoints>,
  figures: Readonly<Record<SatisfactionSource, SatisfactionFigure>> | null,
  stage: Stage,
): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const { criterion } of criteriaOf(rubric)) {
    const s = stored.get(criterion.key);
    const entered = (stage === 'self' ? s?.selfX100 : s?.reviewX100) ?? null;
    if (criterion.kind === 'automatic' && figures) {
      const auto = automaticPoints(criterion, figures[criterion.source]);
      out.set(criterion.key, auto.kind === 'manual' ? entered : auto.pointsX100);
    } else out.set(criterion.key, entered);
  }
  return out;
}

export type GroupScore = { key: string; title: string; bonus: boolean; maxX100: number; pointsX100: number; missing: number };
export type SheetScore = {
  groups: GroupScore[];
  /** Sum of the groups that are not bonus. */
  baseX100: number;
  bonusX100: number;
  /** base + bonus, capped at the stated total when the rubric says so. */
  totalX100: number;
  /** Criteria without points. */
  missing: Criterion[];
  /** The band of the total, only when no criterion is missing. */
  classification: string | null;
};

/** Group sums, total and classification of points per criterion (×100). */
export function scoreSheet(rubric: Rubric, points: ReadonlyMap<string, number | null>): SheetScore {
  const missing: Criterion[] = [];
  const groups = rubric.groups.map((g) => {
    let sum = 0;
    let gaps = 0;
    for (const c of g.criteria) {
      const p = points.get(c.key) ?? null;
      if (p === null) {
        gaps++;
        missing.push(c);
      } else sum += p;
    }
    return { key: g.key, title: g.title, bonus: g.bonus, maxX100: toX100(g.max), pointsX100: sum, missing: gaps };
  });
  const baseX100 = groups.filter((g) => !g.bonus).reduce((s, g) => s + g.pointsX100, 0);
  const bonusX100 = groups.filter((g) => g.bonus).reduce((s, g) => s + g.pointsX100, 0);
  const uncapped = baseX100 + bonusX100;
  const totalX100 = rubric.bonusCap === 'total' ? Math.min(uncapped, toX100(rubric.total)) : uncapped;
  return { groups, baseX100, bonusX100, totalX100, missing, classification: missing.length ? null : classify(rubric.bands, totalX100) };
}

/** Why entered points are refused, in Vietnamese, or null when they fit the criterion (0..max, two decimals at most). */
export function pointsProblem(criterion: Pick<Criterion, 'title' | 'max'>, points: number): string | null {
  if (!Number.isFinite(points)) return `“${criterion.title}”: điểm phải là một số.`;
  if (points < 0) return `“${criterion.title}”: điểm không được âm; nhập từ 0 đến ${formatPoints(criterion.max)}.`;
  if (points > criterion.max) return `“${criterion.title}”: tối đa ${formatPoints(criterion.max)} điểm; Ông/Bà đã nhập ${formatPoints(points)}.`;
  if (Math.abs(points * 100 - Math.round(points * 100)) > 1e-6) return `“${criterion.title}”: điểm chỉ có tối đa hai chữ số thập phân (ví dụ 12,5 hoặc 12,25).`;
  return null;
}

/** The refusal of a finalisation with criteria not scored, naming them, or null. */
export function finaliseProblem(score: Pick<SheetScore, 'missing'>): string | null {
  if (!score.missing.length) return null;
  const names = score.missing.map((c) => `“${c.title}”`).join(', ');
  return `Chưa chốt được: còn ${score.missing.length} tiêu chí chưa có điểm thẩm định (${names}). Chấm đủ các tiêu chí này rồi chốt lại.`;
}

/** ×100 → points. */
export const fromX100 = (x100: number | null | undefined): number | null => (x100 === null || x100 === undefined ? null : x100 / 100);
