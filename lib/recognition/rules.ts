/**
 * Eligibility rules of a recognition round, as data (recognition_rounds.rules,
 * docs/decisions/023): what an individual's advisory figures or an office's
 * final class must meet for the assessor to accept a nomination. Pure: the
 * figures and the class are passed in.
 *
 * The satisfaction threshold compares the Wilson lower bound by default, not
 * the rate: an official with 12 ratings all at 4–5 has a rate of 100 % but a
 * lower bound near 76 %, and the bound says how sure the figure is, as the
 * office ranking already does (lib/indicators/ranking.ts). The round may
 * switch to the plain rate (`measure: 'rate'`).
 */
import { z } from 'zod';
import { formatPercent } from '@/lib/format';

export const SATISFACTION_MEASURES = ['lowerBound', 'rate'] as const;
export type SatisfactionMeasure = (typeof SATISFACTION_MEASURES)[number];
export const SATISFACTION_MEASURE_LABELS: Record<SatisfactionMeasure, string> = {
  lowerBound: 'cận dưới khoảng tin cậy 95 % (Wilson)',
  rate: 'tỷ lệ hài lòng',
};

const IndividualRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('minRatings'), min: z.number().int('Số lượt tối thiểu phải là số nguyên.').min(1, 'Số lượt tối thiểu ít nhất là 1.').max(100_000, 'Số lượt tối thiểu quá lớn.') }),
  z.object({
    kind: z.literal('minSatisfaction'),
    min: z.number().min(0, 'Tỷ lệ tối thiểu từ 0 đến 100 %.').max(1, 'Tỷ lệ tối thiểu từ 0 đến 100 %.'),
    measure: z.enum(SATISFACTION_MEASURES).default('lowerBound'),
  }),
  /** No integrity report the inspectorate upheld about a rating attributed to the official in the year (docs/decisions/028). */
  z.object({ kind: z.literal('noUpheldIntegrityReport') }),
]);

const CollectiveRuleSchema = z.object({
  kind: z.literal('officeClass'),
  classes: z.array(z.string().trim().min(1).max(100)).min(1, 'Chọn ít nhất một mức xếp loại.').max(20),
});

export const EligibilityRulesSchema = z.object({
  individual: z.array(IndividualRuleSchema).max(10),
  collective: z.array(CollectiveRuleSchema).max(5),
});

export type EligibilityRules = z.output<typeof EligibilityRulesSchema>;
export type IndividualRule = EligibilityRules['individual'][number];
export type CollectiveRule = EligibilityRules['collective'][number];

export const DEFAULT_RULES: EligibilityRules = {
  individual: [{ kind: 'minRatings', min: 30 }, { kind: 'minSatisfaction', min: 0.9, measure: 'lowerBound' }, { kind: 'noUpheldIntegrityReport' }],
  collective: [{ kind: 'officeClass', classes: ['Xuất sắc'] }],
};

/** Stored rules, parsed again so defaults added later apply; unreadable rules fall back to the defaults. */
export function parseRules(json: string): EligibilityRules {
  try {
    const parsed = EligibilityRulesSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : DEFAULT_RULES;
  } catch {
    return DEFAULT_RULES;
  }
}

/** The advisory figures of an official for the year, as attached to a nomination. */
export type OfficialFigures = {
  n: number;
  rate: number | null;
  low: number | null;
  high: number | null;
  /** n reaches the minimum sample of the office figures (lib/indicators DEFAULT_MIN_SAMPLE). */
  enoughData: boolean;
  minSample: number;
  year: number;
};

export type CheckStatus = 'pass' | 'fail' | 'unchecked';
export type RuleCheck = { rule: string; status: CheckStatus; message: string };
export type Eligibility = {
  /** No checkable rule fails (rules that cannot be checked yet do not count against). */
  eligible: boolean;
  checks: RuleCheck[];
  /** The first failing rule's message, for a refusal. */
  firstFailure: string | null;
};

const pct = (x: number) => formatPercent(x);

/** The rule in one Vietnamese phrase, as the round page lists it. */
export function describeRule(rule: IndividualRule | CollectiveRule): string {
  switch (rule.kind) {
    case 'minRatings':
      return `Có ít nhất ${rule.min} lượt đánh giá trong năm`;
    case 'minSatisfaction':
      return `${rule.measure === 'rate' ? 'Tỷ lệ hài lòng' : 'Cận dưới khoảng tin cậy 95 % của tỷ lệ hài lòng'} từ ${pct(rule.min)} trở lên`;
    case 'noUpheldIntegrityReport':
      return 'Không có phản ánh về liêm chính được xác minh là đúng';
    case 'officeClass':
      return `Đơn vị được xếp loại ${rule.classes.map((c) => `“${c}”`).join(' hoặc ')}`;
  }
}

function checkIndividualRule(rule: IndividualRule, f: OfficialFigures, upheld: number | null): RuleCheck {
  const name = describeRule(rule);
  switch (rule.kind) {
    case 'minRatings':
      return f.n >= rule.min
        ? { rule: name, status: 'pass', message: `Có ${f.n} lượt đánh giá (tối thiểu ${rule.min}).` }
        : { rule: name, status: 'fail', message: `Chưa đủ số lượt đánh giá: có ${f.n}, cần ít nhất ${rule.min}.` };
    case 'minSatisfaction': {
      const value = rule.measure === 'rate' ? f.rate : f.low;
      const label = rule.measure === 'rate' ? 'Tỷ lệ hài lòng' : 'Cận dưới khoảng tin cậy của tỷ lệ hài lòng';
      if (value === null) return { rule: name, status: 'fail', message: `Chưa đủ dữ liệu để tính tỷ lệ hài lòng (cần ít nhất ${f.minSample} lượt).` };
      return value >= rule.min
        ? { rule: name, status: 'pass', message: `${label} là ${pct(value)} (tối thiểu ${pct(rule.min)}).` }
        : { rule: name, status: 'fail', message: `${label} là ${pct(value)}, thấp hơn mức tối thiểu ${pct(rule.min)}.` };
    }
    case 'noUpheldIntegrityReport':
      if (upheld === null) return { rule: name, status: 'unchecked', message: 'Chưa kiểm tra được: chưa đọc được các phản ánh liêm chính của năm.' };
      return upheld === 0
        ? { rule: name, status: 'pass', message: `Không có phản ánh liêm chính nào được Thanh tra kết luận đúng về các lượt đánh giá gắn với cán bộ trong năm ${f.year}.` }
        : { rule: name, status: 'fail', message: `Có ${upheld} phản ánh liêm chính được Thanh tra kết luận đúng về các lượt đánh giá gắn với cán bộ trong năm ${f.year}.` };
  }
}

function summarise(checks: RuleCheck[]): Eligibility {
  const failed = checks.find((c) => c.status === 'fail');
  return { eligible: !failed, checks, firstFailure: failed?.message ?? null };
}

/**
 * An individual nominee against the round's rules: each rule passed, failed
 * (and why) or not checkable. `upheldIntegrityReports`: the upheld reports
 * about ratings attributed to the official in the figures' year; null when
 * not known, which leaves the integrity rule unchecked.
 */
export function evaluateIndividual(rules: EligibilityRules, figures: OfficialFigures, upheldIntegrityReports: number | null = null): Eligibility {
  return summarise(rules.individual.map((r) => checkIndividualRule(r, figures, upheldIntegrityReports)));
}

/** An office against the round's rules, from its final class (null: not finalised). */
export function evaluateCollective(rules: EligibilityRules, finalClass: string | null): Eligibility {
  return summarise(
    rules.collective.map((rule): RuleCheck => {
      const name = describeRule(rule);
      if (finalClass === null) return { rule: name, status: 'fail', message: 'Đơn vị chưa được chốt kết quả đánh giá.' };
      return rule.classes.includes(finalClass)
        ? { rule: name, status: 'pass', message: `Đơn vị được xếp loại “${finalClass}”.` }
        : { rule: name, status: 'fail', message: `Đơn vị được xếp loại “${finalClass}”, chưa đạt mức ${rule.classes.map((c) => `“${c}”`).join(' hoặc ')}.` };
    }),
  );
}

/** The classes a collective must reach (the first officeClass rule's; none: any finalised class). */
export function qualifyingClasses(rules: EligibilityRules): string[] | null {
  return rules.collective[0]?.classes ?? null;
}
