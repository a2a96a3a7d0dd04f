import { listLevelCounts, listOffices } from '@/db/queries/dashboard';
import { listDossierCounts, listVerifiedLevelCounts } from '@/db/queries/dossier-figures';
import {
  getEvaluationPeriod,
  getEvaluationSheet,
  listEvaluationPoints,
  listEvaluationSheets,
  type PeriodRow,
  type SheetView,
} from '@/db/queries/evaluation';
import { listUnitsInScope } from '@/db/queries/unit-tree';
import type { Viewer } from '@/lib/auth/roles';
import { criteriaOf, type Criterion, type Rubric, type SatisfactionSource } from '@/lib/evaluation/rubric';
import { automaticPoints, pointsAtStage, scoreSheet, type SatisfactionFigure, type SheetScore, type StoredPoints } from '@/lib/evaluation/scoring';
import { dossierIndex } from '@/lib/dossier-rating';
import { DEFAULT_MIN_SAMPLE } from '@/lib/indicators/indicator';
import { customPeriod, dayKeyOf, type Period } from '@/lib/indicators/periods';
import { summarize, summarizeBy, type Summary } from '@/lib/indicators/summary';
import type { EvaluationStatus, ResultsQuery } from '@/lib/validation/evaluation';
import { questionCatalog } from './dashboard';

/**
 * The evaluation's glue between the rollups (satisfaction figures per office
 * for the year) and the pure scoring (lib/evaluation): what the results
 * table, the sheet page, the export and the finalisation use, so they agree.
 */

/** The evaluated year as a dashboard period: 1 January to 31 December, or to today while the year runs; null before it starts. */
export function yearPeriod(year: number, now: Date): Period | null {
  const today = dayKeyOf(now);
  const from = `${year}-01-01`;
  if (from > today) return null;
  const end = `${year}-12-31`;
  return customPeriod(from, end < today ? end : today);
}

/** What the dossier-based figures rest on, for one office (docs/decisions/027); absent when the rubric reads neither. */
export type DossierFigures = { verified?: Summary; dossiers?: { returned: number; rated: number; notSatisfied: number } };

/** Every figure an automatic criterion may read, from an office's summaries of the period. */
export function figuresOf(
  summary: Summary | undefined,
  period: Pick<Period, 'from' | 'to'> | null,
  yearStart: string,
  extra: DossierFigures = {},
): Record<SatisfactionSource, SatisfactionFigure> {
  const range = period ? { from: period.from, to: period.to } : { from: yearStart, to: yearStart };
  const h = summary?.headline;
  const index = summary?.index.value ?? null;
  const v = extra.verified?.headline;
  const d = dossierIndex(extra.dossiers ?? { returned: 0, rated: 0, notSatisfied: 0 });
  return {
    headline: { source: 'headline', rate: h?.rate ?? null, low: h?.low ?? null, high: h?.high ?? null, n: h?.n ?? 0, enoughData: Boolean(h?.enoughData && h.rate !== null), ...range },
    // The index is a mean of aspect rates: no interval; n is the office's valid ratings.
    index: { source: 'index', rate: index, low: null, high: null, n: summary?.responses ?? 0, enoughData: index !== null, ...range },
    verified: { source: 'verified', rate: v?.rate ?? null, low: v?.low ?? null, high: v?.high ?? null, n: v?.n ?? 0, enoughData: Boolean(v?.enoughData && v.rate !== null), ...range },
    // Every returned dossier counts (a census, not a sample): no interval; the same minimum n as the rates.
    dossier766: { source: 'dossier766', rate: d.index, low: null, high: null, n: d.n, enoughData: d.index !== null && d.n >= DEFAULT_MIN_SAMPLE, ...range },
  };
}

/** The sources a rubric's automatic criteria read. */
function sourcesOf(rubric: Rubric): Set<SatisfactionSource> {
  return new Set(criteriaOf(rubric).flatMap(({ criterion: c }) => (c.kind === 'automatic' ? [c.source] : [])));
}

/**
 * The dossier-based figures of every office under `path` for the year, read
 * only when the rubric uses them (verified ratings are read day by day).
 */
async function dossierFiguresByOffice(
  viewer: Pick<Viewer, 'scopePath'>,
  path: string,
  period: Period | null,
  sources: Set<SatisfactionSource>,
): Promise<Map<number, DossierFigures>> {
  const out = new Map<number, DossierFigures>();
  if (!period) return out;
  const entry = (id: number) => out.get(id) ?? (out.set(id, {}), out.get(id)!);
  if (sources.has('verified')) {
    const questions = await questionCatalog(path);
    const rows = await listVerifiedLevelCounts({ viewer, unitPath: path }, period, { byUnit: true });
    for (const [id, summary] of summarizeBy(rows.map((r) => ({ ...r, key: r.unitId })), questions)) entry(id).verified = summary;
  }
  if (sources.has('dossier766')) {
    for (const c of await listDossierCounts({ viewer, unitPath: path }, period)) entry(c.unitId).dossiers = c;
  }
  return out;
}

/** Summaries of every office under `path` for the year, from the rollups (one grouped read). */
async function summariesByOffice(viewer: Pick<Viewer, 'scopePath'>, path: string, period: Period | null): Promise<Map<number, Summary>> {
  if (!period) return new Map();
  const questions = await questionCatalog(path);
  const rows = await listLevelCounts({ viewer, unitPath: path }, period, { byUnit: true });
  return summarizeBy(
    rows.map((r) => ({ ...r, key: r.unitId })),
    questions,
  );
}

/** Where the viewer and the period's province meet: the narrower of the two paths. */
function commonPath(viewer: Pick<Viewer, 'scopePath'>, period: Pick<PeriodRow, 'unitPath'>): string {
  return viewer.scopePath.startsWith(period.unitPath) ? viewer.scopePath : period.unitPath;
}

export type Stage = 'final' | 'review' | 'self';
export type ResultLine = {
  unitId: number;
  name: string;
  parentName: string | null;
  status: EvaluationStatus;
  /** Which points the total is made of: frozen at finalisation, the assessor's, or the office's own. */
  stage: Stage | null;
  totalX100: number | null;
  classification: string | null;
  /** Competition ranking (1, 2, 2, 4) of the lines with a total, highest first. */
  rank: number | null;
  /** The headline satisfaction figure of the year, and the points it earns under the first automatic criterion. */
  figure: SatisfactionFigure;
  automaticX100: number | null;
  missing: number;
  /** Points each criterion counts at `stage` (×100; null = not scored), by criterion key: the XLSX's columns. */
  points: ReadonlyMap<string, number | null>;
  /** When the sheet was finalised; null otherwise. */
  finalisedAt: Date | null;
};

export type Results = {
  period: PeriodRow;
  indicatorPeriod: Period | null;
  lines: ResultLine[];
  /** Before the status filter: how many offices are at each status. */
  counts: Record<EvaluationStatus, number>;
  /** Units to filter by (those that group offices), in tree order. */
  units: { id: number; name: string; depth: number }[];
  /** The unit filter, when it was valid. */
  unit: { id: number; name: string } | null;
};

/** The score of an office's sheet at its current stage (live automatic points until finalised). */
export function currentScore(
  rubric: Rubric,
  status: EvaluationStatus,
  stored: ReadonlyMap<string, StoredPoints>,
  figures: Record<SatisfactionSource, SatisfactionFigure>,
): { stage: Stage | null; score: SheetScore | null; points: ReadonlyMap<string, number | null> } {
  if (status === 'not_started') return { stage: null, score: null, points: new Map() };
  if (status === 'finalised') {
    const points = pointsAtStage(rubric, stored, null, 'review');
    return { stage: 'final', score: scoreSheet(rubric, points), points };
  }
  const stage = status === 'reviewed' ? 'review' : 'self';
  const points = pointsAtStage(rubric, stored, figures, stage);
  return { stage, score: scoreSheet(rubric, points), points };
}

/**
 * The results table of a period: every office in the viewer's part of the
 * province (and under the unit filter), with its status, total, class and
 * rank; offices that have not started are listed too. Null when the period
 * (or the unit filter's unit) is outside the viewer's scope.
 */
export async function loadResults(viewer: Pick<Viewer, 'scopePath'>, { periodId, query, now }: { periodId: number; query: ResultsQuery; now: Date }): Promise<Results | null> {
  const period = await getEvaluationPeriod({ viewer, periodId });
  if (!period) return null;
  const base = commonPath(viewer, period);
  const groupUnits = (await listUnitsInScope({ viewer: { scopePath: base } }))
    .filter((u) => u.code === null)
    .map((u) => ({ id: u.id, name: u.name, depth: u.depth, path: '' }));
  let path = base;
  let unit: Results['unit'] = null;
  if (query.unitId !== undefined) {
    const picked = (await listUnitsInScope({ viewer: { scopePath: base } })).find((u) => u.id === query.unitId);
    if (picked) {
      path = picked.path;
      unit = { id: picked.id, name: picked.name };
    }
  }
  const indicatorPeriod = yearPeriod(period.year, now);
  const [summaries, dossierFigures] = await Promise.all([
    summariesByOffice(viewer, path, indicatorPeriod),
    dossierFiguresByOffice(viewer, path, indicatorPeriod, sourcesOf(period.rubric)),
  ]);
  const sheets = new Map((await listEvaluationSheets({ periodId, path })).map((s) => [s.unitId, s]));
  const points = await listEvaluationPoints({ periodId, path });
  const firstAuto = criteriaOf(period.rubric).find((c) => c.criterion.kind === 'automatic')?.criterion;
  const yearStart = `${period.year}-01-01`;

  const lines: ResultLine[] = [];
  for (const office of await listOffices({ viewer, unitPath: path })) {
    const sheet = sheets.get(office.id);
    if (!office.active && !sheet) continue;
    const status = sheet?.status ?? 'not_started';
    const figures = figuresOf(summaries.get(office.id), indicatorPeriod, yearStart, dossierFigures.get(office.id));
    const { stage, score, points: criterionPoints } = currentScore(period.rubric, status, points.get(office.id) ?? new Map(), figures);
    const totalX100 = status === 'finalised' ? (sheet?.finalTotal ?? null) : (score?.totalX100 ?? null);
    lines.push({
      unitId: office.id,
      name: office.name,
      parentName: office.parentName,
      status,
      stage,
      totalX100,
      classification: status === 'finalised' ? (sheet?.finalClass ?? null) : (score?.classification ?? null),
      rank: null,
      figure: figures[firstAuto?.kind === 'automatic' ? firstAuto.source : 'headline'],
      automaticX100: firstAuto?.kind === 'automatic' ? automaticPoints(firstAuto, figures[firstAuto.source]).pointsX100 : null,
      missing: score?.missing.length ?? 0,
      points: criterionPoints,
      finalisedAt: status === 'finalised' ? (sheet?.finalisedAt ?? null) : null,
    });
  }
  rankLines(lines);
  const counts: Record<EvaluationStatus, number> = { not_started: 0, self_assessed: 0, reviewed: 0, finalised: 0 };
  for (const l of lines) counts[l.status]++;
  return {
    period,
    indicatorPeriod,
    lines: query.status ? lines.filter((l) => l.status === query.status) : lines,
    counts,
    units: groupUnits.map(({ id, name, depth }) => ({ id, name, depth })),
    unit,
  };
}

/** Highest total first; equal totals share a rank; lines without a total (or with missing criteria) are unranked, last, by name. */
function rankLines(lines: ResultLine[]) {
  const ranked = (l: ResultLine) => l.totalX100 !== null && l.missing === 0;
  lines.sort((a, b) => Number(ranked(b)) - Number(ranked(a)) || (b.totalX100 ?? -1) - (a.totalX100 ?? -1) || a.name.localeCompare(b.name, 'vi'));
  let rank = 0;
  lines.forEach((l, i) => {
    if (!ranked(l)) return;
    if (i === 0 || lines[i - 1]!.totalX100 !== l.totalX100) rank = i + 1;
    l.rank = rank;
  });
}

export type SheetPage = SheetView & {
  indicatorPeriod: Period | null;
  figures: Record<SatisfactionSource, SatisfactionFigure>;
  /** Points each criterion counts at each stage (×100; automatic ones computed until finalised). */
  selfPoints: Map<string, number | null>;
  reviewPoints: Map<string, number | null>;
  self: SheetScore;
  review: SheetScore;
  /** What the results table shows for this office. */
  current: { stage: Stage | null; score: SheetScore | null };
};

/** One office's sheet with the year's figures and both stages scored; null outside the viewer's scope. */
export async function loadSheetPage(viewer: Pick<Viewer, 'scopePath'>, { periodId, unitId, now }: { periodId: number; unitId: number; now: Date }): Promise<SheetPage | null> {
  const view = await getEvaluationSheet({ viewer, periodId, unitId });
  if (!view) return null;
  return { ...view, ...(await scoresOf(viewer, view, now)) };
}

/** The year's figures of one office (computed now), as finalisation and saving freeze them. */
export async function officeFigures(
  viewer: Pick<Viewer, 'scopePath'>,
  { unitPath, unitId, year, now, rubric }: { unitPath: string; unitId: number; year: number; now: Date; rubric?: Rubric },
) {
  const indicatorPeriod = yearPeriod(year, now);
  const extra = rubric ? (await dossierFiguresByOffice(viewer, unitPath, indicatorPeriod, sourcesOf(rubric))).get(unitId) : undefined;
  const questions = await questionCatalog(unitPath);
  const summary = indicatorPeriod
    ? summarize(
        (await listLevelCounts({ viewer, unitPath }, indicatorPeriod, { byUnit: true })).filter((r) => r.unitId === unitId),
        questions,
      )
    : undefined;
  return { indicatorPeriod, figures: figuresOf(summary, indicatorPeriod, `${year}-01-01`, extra) };
}

async function scoresOf(viewer: Pick<Viewer, 'scopePath'>, view: SheetView, now: Date) {
  const { indicatorPeriod, figures } = await officeFigures(viewer, {
    unitPath: view.unit.path,
    unitId: view.unit.id,
    year: view.period.year,
    now,
    rubric: view.period.rubric,
  });
  const stored = new Map([...view.scores].map(([k, s]) => [k, { selfX100: s.selfPoints, reviewX100: s.reviewPoints }]));
  const finalised = view.sheet?.status === 'finalised';
  const rubric = view.period.rubric;
  const selfPoints = pointsAtStage(rubric, stored, finalised ? null : figures, 'self');
  const reviewPoints = pointsAtStage(rubric, stored, finalised ? null : figures, 'review');
  return {
    indicatorPeriod,
    figures,
    selfPoints,
    reviewPoints,
    self: scoreSheet(rubric, selfPoints),
    review: scoreSheet(rubric, reviewPoints),
    current: currentScore(rubric, view.sheet?.status ?? 'not_started', stored, figures),
  };
}

/**
 * The criteria a person enters points for: every manual one, and an
 * automatic one only when there is not enough data and its rubric leaves it
 * to people (notEnoughData "manual"); otherwise its points are computed.
 */
export function enterableCriteria(page: Pick<SheetPage, 'period' | 'figures'>): Criterion[] {
  return criteriaOf(page.period.rubric)
    .map(({ criterion }) => criterion)
    .filter((c) => c.kind === 'manual' || automaticPoints(c, page.figures[c.source]).kind === 'manual');
}
