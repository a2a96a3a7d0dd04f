import {
  countUnansweredComments,
  listChoiceCounts,
  listCounterScores,
  listCountersOf,
  listFlagCounts,
  listLevelCounts,
  listLevelCountsByPeriod,
  listOffices,
  listQuestionDefinitions,
  listRatingsByHour,
  type DashboardScope,
  type OfficeRow,
} from '@/db/queries/dashboard';
import { listVerifiedLevelCounts, listVerifiedLevelCountsByDay, listVerifiedRatingsByHour } from '@/db/queries/dossier-figures';
import { getActiveQuestionSetVersion } from '@/db/queries/question-sets';
import { getUnitInScope } from '@/db/queries/unit-tree';
import type { Viewer } from '@/lib/auth/roles';
import { countByFlag, type ExclusionReason } from '@/lib/indicators/counts';
import { rankOffices, type Ranked } from '@/lib/indicators/ranking';
import {
  bucketKey,
  bucketLabel,
  eachDay,
  previousPeriod,
  splitByMonths,
  type Bucket,
  type Period,
  type RangePart,
} from '@/lib/indicators/periods';
import { chooseChartBucket } from '@/lib/indicators/chart-data';
import { changeOf, hourGrid, summarize, summarizeBy, type LevelCounts, type Summary } from '@/lib/indicators/summary';
import { QuestionSetDefinitionSchema, type ChoiceQuestion, type Question } from '@/lib/survey/question-set';

/**
 * Loads what the dashboards show, from the rollups (db/queries/dashboard.ts)
 * through the pure summaries (lib/indicators/summary.ts): the same numbers on
 * every screen, report and export.
 */

/**
 * What each question key means: the unit's active version first, then every
 * other version, newest first (a key keeps its meaning across versions; a key
 * no longer asked still has old answers to show).
 */
export async function questionCatalog(unitPath: string): Promise<Question[]> {
  const seen = new Map<string, Question>();
  const [active, definitions] = await Promise.all([getActiveQuestionSetVersion({ unitPath }), listQuestionDefinitions()]);
  for (const q of active?.definition.questions ?? []) seen.set(q.key, q);
  for (const json of definitions) {
    const parsed = QuestionSetDefinitionSchema.safeParse(JSON.parse(json));
    if (parsed.success) for (const q of parsed.data.questions) if (!seen.has(q.key)) seen.set(q.key, q);
  }
  return [...seen.values()];
}

/** The top of the tree a unit belongs to ("/1/4/9/" → "/1/"): the province whose average is the reference. */
export function rootPathOf(path: string): string {
  return `/${path.split('/')[1]}/`;
}

export type TrendPoint = { key: string; label: string; summary: Summary };

/** Per bucket, the valid answers summarised; buckets without ratings are there, empty. */
async function loadTrend(scope: DashboardScope, period: Period, bucket: Bucket, questions: readonly Question[], verified = false): Promise<TrendPoint[]> {
  const rows: (LevelCounts & { key: string })[] = [];
  if (verified) {
    // Verified ratings are few and kept per day only (rollup_scores): every bucket from days.
    for (const r of await listVerifiedLevelCountsByDay(scope, period)) rows.push({ ...r, key: bucketKey(r.period, bucket) });
  }
  // Months through the same split as the level reads (whole months and halves, less a few days); days and weeks from days.
  const parts: RangePart[] = verified ? [] : bucket === 'month' ? splitByMonths(period.from, period.to) : [{ kind: 'days' as const, from: period.from, to: period.to, sign: 1 as const }];
  const read = await Promise.all(parts.map((part) => listLevelCountsByPeriod(scope, part)));
  parts.forEach((part, i) => {
    for (const r of read[i]!) rows.push({ ...r, key: part.kind === 'days' ? bucketKey(r.period, bucket) : r.period.slice(0, 7) });
  });
  const byKey = summarizeBy(rows, questions);
  const keys = [...new Set(eachDay(period).map((d) => bucketKey(d, bucket)))];
  return keys.map((key) => ({ key, label: bucketLabel(key), summary: byKey.get(key) ?? summarize([], questions) }));
}

export type CounterSummary = { id: number; name: string; active: boolean; summary: Summary };
export type ChannelSummary = { channel: string; responses: number };
export type ChoiceSummary = { question: ChoiceQuestion; options: { value: string; label: string; n: number; share: number }[]; total: number };

export type UnitDashboard = {
  unit: NonNullable<Awaited<ReturnType<typeof getUnitInScope>>>;
  period: Period;
  previous: Period;
  bucket: Bucket;
  /** Why `bucket` is not the one asked for (a long period, lib/indicators/chart-data.ts chooseChartBucket); null when it is. */
  bucketNote: string | null;
  questions: Question[];
  current: Summary;
  before: Summary;
  province: Summary;
  changes: { headline: number | null; index: number | null };
  exclusions: Record<ExclusionReason, number>;
  trend: TrendPoint[];
  counters: CounterSummary[];
  channels: ChannelSummary[];
  heatmap: ReturnType<typeof hourGrid>;
  choices: ChoiceSummary[];
  /** Null for a unit holding several offices (counted per office, from the list of comments). */
  comments: { total: number; unanswered: number } | null;
  /** Offices in the unit's subtree; with more than one, counters, channels, hours and choices are left empty (read per office). */
  offices: number;
  /**
   * Only verified ratings (channel 'dossier', docs/decisions/027): choices,
   * exclusion reasons and comments are not kept per channel, so they are left empty.
   */
  verified: boolean;
};

/**
 * Everything one unit's dashboard shows (the unit and its subtree), or null
 * when the unit is outside the viewer's scope (callers answer 404). The
 * province's average is an aggregate of the whole tree the unit belongs to:
 * a reference every office may see, not another office's data.
 */
export async function loadUnitDashboard(
  viewer: Pick<Viewer, 'scopePath'>,
  { unitId, period, bucket, verified = false }: { unitId: number; period: Period; bucket?: Bucket; verified?: boolean },
): Promise<UnitDashboard | null> {
  const unit = await getUnitInScope({ viewer, unitId });
  if (!unit) return null;
  const scope: DashboardScope = { viewer, unitPath: unit.path };
  const previous = previousPeriod(period);
  const root = rootPathOf(unit.path);
  const levels = verified ? listVerifiedLevelCounts : listLevelCounts;
  // Independent reads side by side: on PostgreSQL each takes its own pooled connection; SQLite's one connection takes them in turn.
  const [questions, currentRows, beforeRows, provinceRows, officeRows, flagRows] = await Promise.all([
    questionCatalog(unit.path),
    levels(scope, period, { byUnit: false }),
    levels(scope, previous, { byUnit: false }),
    root === unit.path ? null : levels({ viewer: { scopePath: root } }, period, { byUnit: false }),
    listOffices(scope),
    verified ? [] : listFlagCounts(scope, period),
  ]);
  const current = summarize(currentRows, questions);
  const before = summarize(beforeRows, questions);
  const province = provinceRows === null ? current : summarize(provinceRows, questions);
  // Over several offices, counters, hours and reasons are read office by office: summed over a province
  // they say little and cost a scan of every office's daily breakdowns (bench/README.md, Dashboard).
  const offices = officeRows.length;
  const aggregate = offices > 1;
  const chart = chooseChartBucket({ requested: bucket ?? null, period, offices });
  const [trend, breakdowns, comments] = await Promise.all([
    loadTrend(scope, period, chart.bucket, questions, verified),
    aggregate
      ? { counters: [], channels: [], heatmap: hourGrid([]), choices: [] }
      : Promise.all([
          loadBreakdowns(scope, period, questions, verified),
          verified ? listVerifiedRatingsByHour(scope, period) : listRatingsByHour(scope, period),
          verified ? [] : loadChoices(scope, period, questions),
        ]).then(([b, hours, choices]) => ({ ...b, heatmap: hourGrid(hours.filter((r) => !r.excluded)), choices })),
    aggregate || verified ? null : countUnansweredComments(scope, period),
  ]);

  return {
    unit,
    period,
    previous,
    bucket: chart.bucket,
    bucketNote: chart.note,
    questions,
    current,
    before,
    province,
    changes: { headline: changeOf(current.headline, before.headline), index: indexChange(current, before) },
    exclusions: countByFlag(flagRows),
    trend,
    offices,
    ...breakdowns,
    comments,
    verified,
  };
}

function indexChange(current: Summary, before: Summary): number | null {
  const [a, b] = [current.index.value, before.index.value];
  return a === null || b === null ? null : (a - b) * 100;
}

/** Per counter and per channel, from the one rollup that keeps them. */
async function loadBreakdowns(scope: DashboardScope, period: Period, questions: readonly Question[], verified = false) {
  const [all, counterRows] = await Promise.all([listCounterScores(scope, period), listCountersOf(scope)]);
  const rows = verified ? all.filter((r) => r.channel === 'dossier') : all;
  const byCounter = summarizeBy(rows.map((r) => ({ ...r, key: r.counterId })), questions);
  const byChannel = summarizeBy(rows.map((r) => ({ ...r, key: r.channel })), questions);
  const counters: CounterSummary[] = counterRows
    .filter((c) => c.active || byCounter.has(c.id))
    .map((c) => ({ id: c.id, name: c.name, active: c.active, summary: byCounter.get(c.id) ?? summarize([], questions) }));
  const atOffice = byCounter.get(0);
  if (atOffice) counters.push({ id: 0, name: 'Không theo quầy (QR chung của đơn vị)', active: true, summary: atOffice });
  const channels = [...byChannel].map(([channel, s]) => ({ channel, responses: s.responses }));
  return { counters, channels };
}

async function loadChoices(scope: DashboardScope, period: Period, questions: readonly Question[]): Promise<ChoiceSummary[]> {
  const rows = await listChoiceCounts(scope, period);
  return questions
    .filter((q): q is ChoiceQuestion => q.kind === 'choice')
    .map((question) => {
      const mine = rows.filter((r) => r.questionKey === question.key);
      const total = mine.reduce((s, r) => s + r.n, 0);
      const options = question.options.map((o) => {
        const n = mine.find((r) => r.choice === o.value)?.n ?? 0;
        return { value: o.value, label: o.label.vi, n, share: total ? n / total : 0 };
      });
      return { question, options, total };
    });
}

// ---------------------------------------------------------------------------
// The province view: every office in scope, side by side

export type OfficeLine = {
  office: OfficeRow;
  summary: Summary;
  /** Percentage points against the previous period of the same length. */
  change: number | null;
  exclusions: number;
};

export type OfficeTable = {
  period: Period;
  questions: Question[];
  /** Ranked by the headline's lower bound (lib/indicators/ranking.ts); unranked (not enough data) last. */
  lines: Ranked<OfficeLine & { name: string; indicator: NonNullable<Summary['headline']> | ReturnType<typeof emptyIndicator> }>[];
  total: Summary;
};

const emptyIndicator = () => ({ n: 0, rate: null, low: null, high: null, dissatisfiedRate: null, mean: null, enoughData: false });

/**
 * Every office in the viewer's scope (or below `unitId`, when it is in
 * scope) with its headline rate, interval, n, index and change, ranked.
 * Null when `unitId` is outside the viewer's scope.
 */
export async function loadOfficeTable(
  viewer: Pick<Viewer, 'scopePath'>,
  { period, unitId, kind, verified = false }: { period: Period; unitId?: number; kind?: string; verified?: boolean },
): Promise<OfficeTable | null> {
  const levels = verified ? listVerifiedLevelCounts : listLevelCounts;
  let scope: DashboardScope = { viewer };
  if (unitId !== undefined) {
    const unit = await getUnitInScope({ viewer, unitId });
    if (!unit) return null;
    scope = { viewer, unitPath: unit.path };
  }
  const [questions, officeRows, current, beforeRows] = await Promise.all([
    questionCatalog(scope.unitPath ?? viewer.scopePath),
    listOffices(scope),
    levels(scope, period, { byUnit: true }),
    levels(scope, previousPeriod(period), { byUnit: true }),
  ]);
  const offices = officeRows.filter((o) => !kind || o.kind === kind);
  const before = summarizeBy(
    beforeRows.map((r) => ({ ...r, key: r.unitId })),
    questions,
  );
  const byOffice = summarizeBy(current.map((r) => ({ ...r, key: r.unitId })), questions);

  const lines = offices.map((office) => {
    const summary = byOffice.get(office.id) ?? summarize([], questions);
    return {
      office,
      name: office.name,
      summary,
      indicator: summary.headline ?? emptyIndicator(),
      change: changeOf(summary.headline, before.get(office.id)?.headline),
      exclusions: summary.excludedResponses,
    };
  });
  const shown = new Set(offices.map((o) => o.id));
  return {
    period,
    questions,
    lines: rankOffices(lines),
    total: summarize(current.filter((r) => shown.has(r.unitId)), questions),
  };
}
