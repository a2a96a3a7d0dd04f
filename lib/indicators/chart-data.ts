/**
 * What the office dashboard's sections draw, derived from a unit dashboard
 * (server/dashboard.ts `UnitDashboard`) as plain serialisable rows: rates as
 * shares 0..1 (null below the minimum sample), counts, labels and the
 * one-line summaries screen readers hear instead of the SVG. Pure: the
 * components only lay these out.
 */
import { formatCount, formatPercent } from '@/lib/format';
import type { ChoiceQuestion, Question } from '@/lib/survey/question-set';
import { SCALE_LABELS, SCALE_VALUES, type ScaleValue } from '@/lib/survey/scale';
import { ASPECT_LABELS, buildIndicator, DEFAULT_MIN_SAMPLE, NOT_ENOUGH_DATA, type Aspect, type Indicator } from './indicator';
import { bucketLabel, dayStart, weekStart, type Bucket, type Period } from './periods';
import { aspectCounts, distributionOf, type Summary } from './summary';

/** The parts of `UnitDashboard` the sections use (lib/ does not import server/; the real type fits). */
export type DashboardInput = {
  unit: { name: string };
  period: Pick<Period, 'from' | 'to'>;
  bucket: Bucket;
  questions: readonly Question[];
  current: Summary;
  trend: readonly { key: string; label: string; summary: Summary }[];
  counters: readonly { id: number; name: string; active: boolean; summary: Summary }[];
  heatmap: { grid: readonly (readonly number[])[]; max: number; hours: readonly number[] };
  choices: readonly { question: ChoiceQuestion; options: readonly { value: string; label: string; n: number; share: number }[]; total: number }[];
  /** Offices (units with a survey code) in the unit's subtree; above one, the per-office breakdowns are left to each office. */
  offices?: number;
};

/** A rate as the charts and tables show it: shares 0..1, null below the minimum sample. */
export type RateCell = {
  n: number;
  rate: number | null;
  low: number | null;
  high: number | null;
  dissatisfied: number | null;
  enoughData: boolean;
  /** [rate − low, high − rate] for an error bar; null without a rate. */
  error: [number, number] | null;
  /** "87,5 % (n = 120)" or "Chưa đủ dữ liệu (n = 12 < 30)" or "Không có đánh giá". */
  note: string;
};

export type TrendRow = RateCell & { key: string; label: string; responses: number };
export type AspectRow = RateCell & { aspect: Aspect; label: string };
export type CounterRow = RateCell & { id: number; name: string; active: boolean };
export type LevelShare = { level: ScaleValue; label: string; n: number; share: number | null };
export type DistributionRow = {
  aspect: Aspect;
  label: string;
  /** Respondents behind the aspect (its indicator's n). */
  n: number;
  answers: number;
  enoughData: boolean;
  note: string;
  /** Levels 5 → 1, as the survey shows them; shares null below the minimum sample. */
  levels: LevelShare[];
  /** The same shares keyed for a stacked chart ("l5" … "l1"); 0 below the minimum sample. */
  stack: Record<`l${ScaleValue}`, number>;
};
export type HeatmapData = { hours: number[]; rows: { day: string; cells: { hour: number; n: number; level: number }[] }[]; max: number; total: number };
export type ChoiceBlock = {
  key: string;
  text: string;
  multiple: boolean;
  onlyWhenLow: boolean;
  total: number;
  options: { value: string; label: string; n: number; share: number }[];
};

export type Section<T> = { rows: T; summary: string };

/** Everything `<UnitSections>` draws; plain data only, so it crosses to client components. */
export type SectionsProps = {
  unitName: string;
  /** "01/01/2026 – 31/01/2026". */
  periodLabel: string;
  /** "ngày", "tuần" or "tháng". */
  bucketName: string;
  minSample: number;
  responses: number;
  /** Offices in the subtree: with more than one, counters, hours and reasons are read office by office (null: one office). */
  aggregateOf: number | null;
  trend: Section<TrendRow[]>;
  aspects: Section<AspectRow[]>;
  distribution: Section<DistributionRow[]>;
  counters: Section<CounterRow[]>;
  heatmap: Section<HeatmapData>;
  /** Choice questions asked only after a low score (reasons for dissatisfaction). */
  reasons: Section<ChoiceBlock>[];
  /** The other choice questions (trips needed, harassment…). */
  choices: Section<ChoiceBlock>[];
};

export const BUCKET_NAMES: Record<Bucket, string> = { day: 'ngày', week: 'tuần', month: 'tháng' };
export const WEEKDAY_LABELS = ['Thứ 2', 'Thứ 3', 'Thứ 4', 'Thứ 5', 'Thứ 6', 'Thứ 7', 'Chủ nhật'] as const;
export const EMPTY_PERIOD = 'Không có đánh giá nào trong kỳ này.';

/**
 * Most points a trend chart draws. Every point is a bar, a line vertex and a
 * row of the data table under the chart, twice over in the page (HTML and the
 * chart's props): a daily chart over 26 years was 9,500 points and 5.9 MB.
 * 400 keeps a year and a month by day, seven years by week, and the longest
 * period a URL may ask for (from 2000, lib/indicators/periods.ts) by month.
 */
export const MAX_CHART_POINTS = 400;

/**
 * Longest period drawn by day or by week for a unit holding several offices:
 * those buckets read every office's daily rollup rows (≈ 57 ms for a quarter,
 * ≈ 0.6 s for a year of a province, ADR 013), months read the monthly rollup.
 */
export const MAX_AGGREGATE_DAILY_DAYS = 92;

const BUCKET_ORDER: readonly Bucket[] = ['day', 'week', 'month'];
const WEEK_MS = 7 * 86_400_000;

/** How many buckets (chart points) a period has: its days, its ISO weeks touched, or its calendar months touched. */
export function chartPoints(period: Pick<Period, 'from' | 'to' | 'days'>, bucket: Bucket): number {
  if (bucket === 'day') return period.days;
  if (bucket === 'week') return (dayStart(weekStart(period.to)) - dayStart(weekStart(period.from))) / WEEK_MS + 1;
  const months = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7));
  return months(period.to) - months(period.from) + 1;
}

/**
 * The bucket a unit's trend chart uses, and a Vietnamese note when it is not
 * the one asked for (?nhom=). Unasked: days for two weeks, weeks up to four
 * months, then months (over several offices: days up to 31 days, then
 * months). Asked: that bucket unless the chart would have more than
 * MAX_CHART_POINTS points or, over several offices, read daily rows for more
 * than MAX_AGGREGATE_DAILY_DAYS days; then the next coarser bucket that fits.
 */
export function chooseChartBucket({
  requested,
  period,
  offices,
}: {
  requested: Bucket | null;
  period: Pick<Period, 'from' | 'to' | 'days'>;
  /** Offices in the unit's subtree (0 or 1: one office). */
  offices: number;
}): { bucket: Bucket; note: string | null } {
  const aggregate = offices > 1;
  if (!requested) {
    const bucket = aggregate ? (period.days <= 31 ? 'day' : 'month') : period.days <= 14 ? 'day' : period.days <= 120 ? 'week' : 'month';
    return { bucket, note: null };
  }
  const fits = (b: Bucket) =>
    b === 'month' || (chartPoints(period, b) <= MAX_CHART_POINTS && (!aggregate || period.days <= MAX_AGGREGATE_DAILY_DAYS));
  const bucket = BUCKET_ORDER.slice(BUCKET_ORDER.indexOf(requested)).find(fits) ?? 'month';
  if (bucket === requested) return { bucket, note: null };
  const why =
    chartPoints(period, requested) > MAX_CHART_POINTS
      ? `theo ${BUCKET_NAMES[requested]} sẽ có ${formatCount(chartPoints(period, requested))} điểm, quá ${formatCount(MAX_CHART_POINTS)} điểm một biểu đồ có thể hiển thị rõ`
      : `biểu đồ gộp nhiều đơn vị chỉ hiển thị theo ngày hoặc tuần cho kỳ tối đa ${formatCount(MAX_AGGREGATE_DAILY_DAYS)} ngày`;
  return { bucket, note: `Khoảng thời gian dài: biểu đồ hiển thị theo ${BUCKET_NAMES[bucket]} thay vì theo ${BUCKET_NAMES[requested]} (${why}).` };
}

/** "Chưa đủ dữ liệu (n = 12 < 30)". */
export function lowDataNote(n: number, minSample = DEFAULT_MIN_SAMPLE): string {
  return `${NOT_ENOUGH_DATA} (n = ${formatCount(n)} < ${formatCount(minSample)})`;
}

/** "01/01/2026 – 31/01/2026" for a period of day keys. */
export function periodLabel(period: Pick<Period, 'from' | 'to'>): string {
  return `${bucketLabel(period.from)} – ${bucketLabel(period.to)}`;
}

/** "95 % CI" text of a rate: "80,1 – 92,3 %"; "—" without one. */
export function intervalText(cell: Pick<RateCell, 'low' | 'high'>): string {
  if (cell.low === null || cell.high === null) return '—';
  return `${formatPercent(cell.low).replace(' %', '')} – ${formatPercent(cell.high)}`;
}

/** The rate cell of an indicator; null (no ratings) is an empty cell. */
export function rateCell(indicator: Indicator | null | undefined, minSample = DEFAULT_MIN_SAMPLE): RateCell {
  const n = indicator?.n ?? 0;
  const enough = Boolean(indicator?.enoughData && indicator.rate !== null);
  const rate = enough ? indicator!.rate : null;
  const low = enough ? indicator!.low : null;
  const high = enough ? indicator!.high : null;
  const note = n === 0 ? 'Không có đánh giá' : rate === null ? lowDataNote(n, minSample) : `${formatPercent(rate)} (n = ${formatCount(n)})`;
  return {
    n,
    rate,
    low,
    high,
    dissatisfied: enough ? (indicator!.dissatisfiedRate ?? null) : null,
    enoughData: enough,
    error: rate !== null && low !== null && high !== null ? [Math.max(0, rate - low), Math.max(0, high - rate)] : null,
    note,
  };
}

/** Shade 0 (no ratings) to 6 (the busiest hours) of a heatmap cell. */
export function heatLevel(n: number, max: number): number {
  if (n <= 0 || max <= 0) return 0;
  return Math.min(6, 1 + Math.floor((n / max) * 6));
}

export function toTrendSection(trend: DashboardInput['trend'], bucket: Bucket, minSample = DEFAULT_MIN_SAMPLE): Section<TrendRow[]> {
  const rows = trend.map((p) => ({ key: p.key, label: p.label, responses: p.summary.responses, ...rateCell(p.summary.headline, minSample) }));
  const total = rows.reduce((s, r) => s + r.responses, 0);
  const rated = rows.filter((r) => r.rate !== null);
  const name = BUCKET_NAMES[bucket];
  let summary = `${formatCount(rows.length)} ${name}, tổng ${formatCount(total)} đánh giá hợp lệ.`;
  if (total === 0) summary = `${formatCount(rows.length)} ${name}, không có đánh giá nào.`;
  else if (rated.length === 0) summary += ` Không ${name} nào đủ ${formatCount(minSample)} đánh giá để tính tỷ lệ hài lòng.`;
  else {
    const rates = rated.map((r) => r.rate!);
    summary += ` Tỷ lệ hài lòng chung từ ${formatPercent(Math.min(...rates))} đến ${formatPercent(Math.max(...rates))} ở ${formatCount(rated.length)} ${name} đủ dữ liệu`;
    summary += rated.length < rows.length ? `; ${formatCount(rows.length - rated.length)} ${name} chưa đủ dữ liệu.` : '.';
  }
  return { rows, summary };
}

function rateSummary(rows: readonly (RateCell & { label: string })[], what: string): string {
  if (rows.every((r) => r.n === 0)) return `${what}: ${EMPTY_PERIOD}`;
  return `${what}: ${rows.map((r) => `${r.label} ${r.note}`).join('; ')}.`;
}

export function toAspectSection(current: Summary, minSample = DEFAULT_MIN_SAMPLE): Section<AspectRow[]> {
  const rows = current.aspects.map((a) => ({ aspect: a.aspect, label: ASPECT_LABELS[a.aspect].vi, ...rateCell(a, minSample) }));
  return { rows, summary: rateSummary(rows, 'Tỷ lệ hài lòng theo khía cạnh') };
}

export function toCounterSection(counters: DashboardInput['counters'], minSample = DEFAULT_MIN_SAMPLE): Section<CounterRow[]> {
  const rows = counters.map((c) => ({ id: c.id, name: c.name, active: c.active, ...rateCell(c.summary.headline, minSample) }));
  return { rows, summary: rateSummary(rows.map((r) => ({ ...r, label: r.name })), 'Tỷ lệ hài lòng chung theo quầy') };
}

export function toDistributionSection(current: Summary, minSample = DEFAULT_MIN_SAMPLE): Section<DistributionRow[]> {
  const rows = current.aspects.map((a): DistributionRow => {
    const counts = aspectCounts(current, a);
    const dist = distributionOf(counts);
    const enough = a.enoughData;
    const levels = SCALE_VALUES.map((level) => {
      const d = dist.find((x) => x.level === level)!;
      return { level, label: SCALE_LABELS[level].vi, n: d.n, share: enough ? d.share : null };
    });
    const stack = Object.fromEntries(levels.map((l) => [`l${l.level}`, l.share ?? 0])) as DistributionRow['stack'];
    return {
      aspect: a.aspect,
      label: ASPECT_LABELS[a.aspect].vi,
      n: a.n,
      answers: a.answers,
      enoughData: enough,
      note: a.n === 0 ? 'Không có đánh giá' : enough ? `n = ${formatCount(a.n)}` : lowDataNote(a.n, minSample),
      levels,
      stack,
    };
  });
  const summary = rows.every((r) => r.n === 0)
    ? `Phân bố năm mức đánh giá: ${EMPTY_PERIOD}`
    : `Phân bố năm mức đánh giá theo khía cạnh: ${rows
        .map((r) => (r.enoughData ? `${r.label}: ${r.levels.map((l) => `${l.label} ${formatPercent(l.share)}`).join(', ')}` : `${r.label}: ${r.note}`))
        .join('; ')}.`;
  return { rows, summary };
}

export function toHeatmapSection(heatmap: DashboardInput['heatmap']): Section<HeatmapData> {
  const hours = [...heatmap.hours];
  const rows = WEEKDAY_LABELS.map((day, i) => ({
    day,
    cells: hours.map((hour) => {
      const n = heatmap.grid[i]?.[hour] ?? 0;
      return { hour, n, level: heatLevel(n, heatmap.max) };
    }),
  }));
  const total = heatmap.grid.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);
  let summary = `Đánh giá theo giờ và ngày trong tuần: ${EMPTY_PERIOD}`;
  if (total > 0) {
    let best = { day: '', hour: 0, n: -1 };
    heatmap.grid.forEach((row, i) => row.forEach((n, hour) => n > best.n && (best = { day: WEEKDAY_LABELS[i] ?? '', hour, n })));
    summary = `Đánh giá theo giờ và ngày trong tuần: tổng ${formatCount(total)} đánh giá; nhiều nhất ${best.day} lúc ${best.hour}h (${formatCount(best.n)} đánh giá).`;
  }
  return { rows: { hours, rows, max: heatmap.max, total }, summary };
}

/** The text as a sentence: a question or statement keeps its mark, a bare title gets a full stop. */
export function asSentence(text: string): string {
  const t = text.trim();
  return /[.?!…:]$/.test(t) ? t : `${t}.`;
}

export function toChoiceSection(choice: DashboardInput['choices'][number]): Section<ChoiceBlock> {
  const block: ChoiceBlock = {
    key: choice.question.key,
    text: choice.question.text.vi,
    multiple: choice.question.multiple,
    onlyWhenLow: choice.question.onlyWhenLow,
    total: choice.total,
    options: choice.options.map((o) => ({ value: o.value, label: o.label, n: o.n, share: o.share })),
  };
  const what = choice.question.multiple ? 'lượt chọn' : 'câu trả lời';
  const summary =
    choice.total === 0
      ? `${asSentence(block.text)} ${EMPTY_PERIOD}`
      : `${asSentence(block.text)} Tổng ${formatCount(choice.total)} ${what}: ${block.options.map((o) => `${o.label} ${formatCount(o.n)} (${formatPercent(o.share)})`).join('; ')}.`;
  return { rows: block, summary };
}

/** The props of `<UnitSections>` from a unit dashboard. */
export function toSectionsProps(d: DashboardInput, { minSample = DEFAULT_MIN_SAMPLE }: { minSample?: number } = {}): SectionsProps {
  return {
    unitName: d.unit.name,
    periodLabel: periodLabel(d.period),
    bucketName: BUCKET_NAMES[d.bucket],
    minSample,
    responses: d.current.responses,
    aggregateOf: d.offices !== undefined && d.offices > 1 ? d.offices : null,
    trend: toTrendSection(d.trend, d.bucket, minSample),
    aspects: toAspectSection(d.current, minSample),
    distribution: toDistributionSection(d.current, minSample),
    counters: toCounterSection(d.counters, minSample),
    heatmap: toHeatmapSection(d.heatmap),
    reasons: d.choices.filter((c) => c.question.onlyWhenLow).map(toChoiceSection),
    choices: d.choices.filter((c) => !c.question.onlyWhenLow).map(toChoiceSection),
  };
}

export type QuestionRow = RateCell & {
  key: string;
  /** "Q2" style number in the set's order, then the question's text. */
  number: number;
  text: string;
  aspect: Aspect;
  /** Valid answers at 5 → 1. */
  levels: { level: ScaleValue; n: number }[];
};

/**
 * One row per scale question of the set (the summary report's table 1): its
 * valid answers at each level and its own rate; a question nobody answered
 * is listed with n = 0.
 */
export function toQuestionRows(questions: readonly Question[], current: Summary, minSample = DEFAULT_MIN_SAMPLE): QuestionRow[] {
  return questions.flatMap((q) => {
    if (q.kind !== 'scale5') return [];
    const counts = current.byQuestion[q.key] ?? { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
    const number = questions.indexOf(q) + 1;
    return [
      {
        key: q.key,
        number,
        text: q.text.vi,
        aspect: q.aspect,
        levels: SCALE_VALUES.map((level) => ({ level, n: counts[level] ?? 0 })),
        ...rateCell(buildIndicator(counts, { minSample }), minSample),
      },
    ];
  });
}
