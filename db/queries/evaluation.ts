import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { can, type Viewer } from '@/lib/auth/roles';
import { RubricSchema, rubricPreset, criteriaOf, type Rubric, type SatisfactionSource } from '@/lib/evaluation/rubric';
import { finaliseProblem, pointsAtStage, scoreSheet, type SatisfactionFigure, type Stage, type StoredPoints } from '@/lib/evaluation/scoring';
import type { PeriodTemplate, SheetEntry } from '@/lib/validation/evaluation';
import type { Db } from '../client';
import { evaluationPeriods, evaluationScores, evaluationSheets, units, type EvaluationStatus } from '../schema';
import { createAuditEntry } from './audit';
import { inSubtree } from './unit-tree';

/**
 * The model's annual evaluation (issue 6): periods with their rubric, one
 * sheet per office and period, points per criterion (×100).
 *
 * Scope: a period belongs to a province (its unit); a viewer sees the periods
 * of the province they are in (or below them, for a wider scope), and within
 * a period only the offices of their own subtree: an office head only their
 * office. Every change is audited in its own transaction; a finalised sheet
 * is read-only until an administrator reopens it with a reason; a rubric is
 * read-only once any sheet of the period is finalised.
 */

export type ScopedViewer = Pick<Viewer, 'userId' | 'role' | 'scopePath'>;

/** A period and its province, for a viewer whose scope overlaps that province. */
export type PeriodRow = {
  id: number;
  year: number;
  name: string;
  unitId: number;
  unitName: string;
  unitPath: string;
  dueDate: string;
  rubric: Rubric;
  updatedAt: Date;
  /** Sheets finalised: the rubric is locked from the first. */
  finalised: number;
};

const periodFields = {
  id: evaluationPeriods.id,
  year: evaluationPeriods.year,
  name: evaluationPeriods.name,
  unitId: evaluationPeriods.unitId,
  unitName: units.name,
  unitPath: units.path,
  dueDate: evaluationPeriods.dueDate,
  rubric: evaluationPeriods.rubric,
  updatedAt: evaluationPeriods.updatedAt,
  finalised: sql<number>`(select count(*) from evaluation_sheets s where s.period_id = ${evaluationPeriods.id} and s.status = 'finalised')`,
};

/** The period's province and the viewer's scope overlap: one lies inside the other. */
const overlaps = (viewer: Pick<Viewer, 'scopePath'>, unitPath: string) => unitPath.startsWith(viewer.scopePath) || viewer.scopePath.startsWith(unitPath);

function toPeriod(row: Omit<PeriodRow, 'rubric'> & { rubric: string }): PeriodRow {
  // Stored rubrics were validated on the way in; parse again so defaults added later apply.
  return { ...row, rubric: RubricSchema.parse(JSON.parse(row.rubric)) };
}

/** Periods the viewer may see, newest year first. */
export function listEvaluationPeriods(db: Db, { viewer }: { viewer: Pick<Viewer, 'scopePath'> }): PeriodRow[] {
  return db
    .select(periodFields)
    .from(evaluationPeriods)
    .innerJoin(units, eq(units.id, evaluationPeriods.unitId))
    .orderBy(desc(evaluationPeriods.year), desc(evaluationPeriods.id))
    .all()
    .filter((p) => overlaps(viewer, p.unitPath))
    .map(toPeriod);
}

/** One period, or null when missing or outside the viewer's province. */
export function getEvaluationPeriod(db: Db, { viewer, periodId }: { viewer: Pick<Viewer, 'scopePath'>; periodId: number }): PeriodRow | null {
  const row = db.select(periodFields).from(evaluationPeriods).innerJoin(units, eq(units.id, evaluationPeriods.unitId)).where(eq(evaluationPeriods.id, periodId)).get();
  return row && overlaps(viewer, row.unitPath) ? toPeriod(row) : null;
}

export type CreatePeriodResult = { status: 'ok'; id: number } | { status: 'not_found' } | { status: 'duplicate' };

/**
 * A new period for the province the administrator manages (their scope
 * unit), with a preset rubric or a copy of an earlier period's.
 */
export function createEvaluationPeriod(
  db: Db,
  { viewer, year, name, dueDate, template, now = new Date() }: { viewer: ScopedViewer & Pick<Viewer, 'scopeUnitId'>; year: number; name: string; dueDate: string; template: PeriodTemplate; now?: Date },
): CreatePeriodResult {
  if (!can(viewer.role, 'evaluation.manage')) return { status: 'not_found' };
  let rubric: Rubric;
  let copiedFrom: number | null = null;
  if (template.kind === 'copy') {
    const source = getEvaluationPeriod(db, { viewer, periodId: template.periodId });
    if (!source) return { status: 'not_found' };
    rubric = source.rubric;
    copiedFrom = source.id;
  } else rubric = rubricPreset(template.preset);
  return db.transaction((tx): CreatePeriodResult => {
    const rows = tx
      .insert(evaluationPeriods)
      .values({ year, name, unitId: viewer.scopeUnitId, dueDate, rubric: JSON.stringify(rubric), createdBy: viewer.userId, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning({ id: evaluationPeriods.id })
      .all();
    const id = rows[0]?.id;
    if (id === undefined) return { status: 'duplicate' };
    createAuditEntry(tx, {
      actorId: viewer.userId,
      action: 'evaluation_period.create',
      entityType: 'evaluation_period',
      entityId: id,
      after: { year, name, dueDate, template: template.kind === 'copy' ? `copy:${copiedFrom}` : template.preset },
      at: now,
    });
    return { status: 'ok', id };
  });
}

/** The most recent period of an earlier year the viewer can see: what "copy last year's rubric" offers first. */
export function getPreviousPeriod(db: Db, { viewer, year }: { viewer: Pick<Viewer, 'scopePath'>; year: number }): PeriodRow | null {
  return listEvaluationPeriods(db, { viewer }).find((p) => p.year < year) ?? null;
}

export type UpdateRubricResult = 'ok' | 'not_found' | 'locked';

/** Replaces a period's rubric; refused once any office of the period is finalised. */
export function updateEvaluationRubric(db: Db, { viewer, periodId, rubric, now = new Date() }: { viewer: ScopedViewer; periodId: number; rubric: Rubric; now?: Date }): UpdateRubricResult {
  if (!can(viewer.role, 'evaluation.manage')) return 'not_found';
  return db.transaction((tx): UpdateRubricResult => {
    const period = getEvaluationPeriod(tx as unknown as Db, { viewer, periodId });
    if (!period || !period.unitPath.startsWith(viewer.scopePath)) return 'not_found';
    if (period.finalised > 0) return 'locked';
    tx.update(evaluationPeriods).set({ rubric: JSON.stringify(rubric), updatedAt: now }).where(eq(evaluationPeriods.id, periodId)).run();
    createAuditEntry(tx, {
      actorId: viewer.userId,
      action: 'evaluation_period.update_rubric',
      entityType: 'evaluation_period',
      entityId: periodId,
      before: period.rubric,
      after: rubric,
      at: now,
    });
    return 'ok';
  });
}

// ---------------------------------------------------------------------------
// Sheets

export type SheetRow = typeof evaluationSheets.$inferSelect;
export type ScoreRow = Omit<typeof evaluationScores.$inferSelect, 'selfLinks' | 'source'> & { selfLinks: string[]; source: SatisfactionFigure | null };

function toScore(r: typeof evaluationScores.$inferSelect): ScoreRow {
  return { ...r, selfLinks: r.selfLinks ? (JSON.parse(r.selfLinks) as string[]) : [], source: r.source ? (JSON.parse(r.source) as SatisfactionFigure) : null };
}

/** An office of the period's province inside the viewer's subtree, or null. */
function getOffice(db: Db, viewer: Pick<Viewer, 'scopePath'>, period: Pick<PeriodRow, 'unitPath'>, unitId: number) {
  const unit = db
    .select({ id: units.id, name: units.name, path: units.path, code: units.code, kind: units.kind, parentId: units.parentId })
    .from(units)
    .where(and(eq(units.id, unitId), inSubtree(viewer.scopePath), inSubtree(period.unitPath), isNotNull(units.code)))
    .get();
  return unit ?? null;
}

export type SheetView = {
  period: PeriodRow;
  unit: NonNullable<ReturnType<typeof getOffice>>;
  /** Null while the office has not started. */
  sheet: SheetRow | null;
  scores: Map<string, ScoreRow>;
};

/** One office's sheet in a period, or null when the period or the office is outside the viewer's scope. */
export function getEvaluationSheet(db: Db, { viewer, periodId, unitId }: { viewer: Pick<Viewer, 'scopePath'>; periodId: number; unitId: number }): SheetView | null {
  const period = getEvaluationPeriod(db, { viewer, periodId });
  if (!period) return null;
  const unit = getOffice(db, viewer, period, unitId);
  if (!unit) return null;
  const sheet = db.select().from(evaluationSheets).where(and(eq(evaluationSheets.periodId, periodId), eq(evaluationSheets.unitId, unitId))).get() ?? null;
  const scores = sheet ? db.select().from(evaluationScores).where(eq(evaluationScores.sheetId, sheet.id)).orderBy(asc(evaluationScores.criterionKey)).all().map(toScore) : [];
  return { period, unit, sheet, scores: new Map(scores.map((s) => [s.criterionKey, s])) };
}

/** Sheets of the period for the offices of a subtree (the results table). */
export function listEvaluationSheets(db: Db, { periodId, path }: { periodId: number; path: string }) {
  return db
    .select({ id: evaluationSheets.id, unitId: evaluationSheets.unitId, status: evaluationSheets.status, finalTotal: evaluationSheets.finalTotal, finalClass: evaluationSheets.finalClass, updatedAt: evaluationSheets.updatedAt })
    .from(evaluationSheets)
    .innerJoin(units, eq(units.id, evaluationSheets.unitId))
    .where(and(eq(evaluationSheets.periodId, periodId), inSubtree(path)))
    .all();
}

/** Points per criterion of every sheet of the period in a subtree, as stored points by unit. */
export function listEvaluationPoints(db: Db, { periodId, path }: { periodId: number; path: string }): Map<number, Map<string, StoredPoints>> {
  const rows = db
    .select({ unitId: evaluationSheets.unitId, key: evaluationScores.criterionKey, selfX100: evaluationScores.selfPoints, reviewX100: evaluationScores.reviewPoints })
    .from(evaluationScores)
    .innerJoin(evaluationSheets, eq(evaluationSheets.id, evaluationScores.sheetId))
    .innerJoin(units, eq(units.id, evaluationSheets.unitId))
    .where(and(eq(evaluationSheets.periodId, periodId), inSubtree(path)))
    .all();
  const out = new Map<number, Map<string, StoredPoints>>();
  for (const r of rows) {
    let m = out.get(r.unitId);
    if (!m) out.set(r.unitId, (m = new Map()));
    m.set(r.key, { selfX100: r.selfX100, reviewX100: r.reviewX100 });
  }
  return out;
}

export type SaveResult = { status: 'ok'; sheetId: number } | { status: 'not_found' } | { status: 'locked'; why: 'finalised' | 'reviewed' };

/** Points of an automatic criterion as computed now, with the figure behind them. */
export type AutomaticEntry = { key: string; pointsX100: number | null; source: SatisfactionFigure };

const STAGE_PERMISSION = { self: 'evaluation.selfAssess', review: 'evaluation.review' } as const;

/**
 * Saves a stage of a sheet: the office head's self-assessment (points, notes,
 * links) or the assessor's review (points, notes), with the automatic
 * criteria's computed points and their source. Refused on a finalised
 * sheet, and for the self-assessment once the assessor has reviewed.
 */
export function saveEvaluationStage(
  db: Db,
  {
    viewer,
    periodId,
    unitId,
    stage,
    entries,
    automatic,
    now = new Date(),
  }: { viewer: ScopedViewer; periodId: number; unitId: number; stage: Stage; entries: readonly SheetEntry[]; automatic: readonly AutomaticEntry[]; now?: Date },
): SaveResult {
  if (!can(viewer.role, STAGE_PERMISSION[stage])) return { status: 'not_found' };
  return db.transaction((tx): SaveResult => {
    const view = getEvaluationSheet(tx as unknown as Db, { viewer, periodId, unitId });
    if (!view) return { status: 'not_found' };
    const status = view.sheet?.status ?? 'not_started';
    if (status === 'finalised') return { status: 'locked', why: 'finalised' };
    if (stage === 'self' && status === 'reviewed') return { status: 'locked', why: 'reviewed' };
    const known = new Set(criteriaOf(view.period.rubric).map((c) => c.criterion.key));

    const nextStatus: EvaluationStatus = stage === 'self' ? 'self_assessed' : 'reviewed';
    const stamp = stage === 'self' ? { selfAssessedBy: viewer.userId, selfAssessedAt: now } : { reviewedBy: viewer.userId, reviewedAt: now };
    let sheetId = view.sheet?.id;
    if (sheetId === undefined) {
      sheetId = tx.insert(evaluationSheets).values({ periodId, unitId, status: nextStatus, ...stamp, updatedAt: now }).returning({ id: evaluationSheets.id }).get().id;
    } else {
      tx.update(evaluationSheets).set({ status: nextStatus, ...stamp, updatedAt: now }).where(eq(evaluationSheets.id, sheetId)).run();
    }

    const upsert = (key: string, set: Partial<typeof evaluationScores.$inferInsert>) =>
      tx
        .insert(evaluationScores)
        .values({ sheetId: sheetId!, criterionKey: key, ...set, updatedAt: now })
        .onConflictDoUpdate({ target: [evaluationScores.sheetId, evaluationScores.criterionKey], set: { ...set, updatedAt: now } })
        .run();
    for (const e of entries) {
      if (!known.has(e.key)) continue;
      upsert(
        e.key,
        stage === 'self'
          ? { selfPoints: e.pointsX100, selfNote: e.note, selfLinks: JSON.stringify(e.links) }
          : { reviewPoints: e.pointsX100, reviewNote: e.note },
      );
    }
    for (const a of automatic) {
      if (!known.has(a.key) || a.pointsX100 === null) continue;
      upsert(a.key, { ...(stage === 'self' ? { selfPoints: a.pointsX100 } : { reviewPoints: a.pointsX100 }), source: JSON.stringify(a.source) });
    }
    createAuditEntry(tx, {
      actorId: viewer.userId,
      action: stage === 'self' ? 'evaluation.self_assess' : 'evaluation.review',
      entityType: 'evaluation',
      entityId: sheetId,
      before: view.sheet ? { status: view.sheet.status, points: pointsOf(view.scores, stage) } : null,
      after: {
        periodId,
        unitId,
        status: nextStatus,
        points: Object.fromEntries([...entries.map((e) => [e.key, e.pointsX100] as const), ...automatic.map((a) => [a.key, a.pointsX100] as const)]),
      },
      at: now,
    });
    return { status: 'ok', sheetId };
  });
}

function pointsOf(scores: ReadonlyMap<string, ScoreRow>, stage: Stage) {
  return Object.fromEntries([...scores.values()].map((s) => [s.criterionKey, stage === 'self' ? s.selfPoints : s.reviewPoints]));
}

export type FinaliseResult = { status: 'ok'; totalX100: number; classification: string } | { status: 'not_found' } | { status: 'locked' } | { status: 'incomplete'; message: string };

/**
 * Locks the assessor's reviewed points: automatic criteria are computed one
 * last time from `figures` and frozen with their source, the total and class
 * stored on the sheet. Refused while any criterion has no reviewed points.
 */
export function finaliseEvaluationSheet(
  db: Db,
  { viewer, periodId, unitId, figures, now = new Date() }: { viewer: ScopedViewer; periodId: number; unitId: number; figures: Record<SatisfactionSource, SatisfactionFigure>; now?: Date },
): FinaliseResult {
  if (!can(viewer.role, 'evaluation.review')) return { status: 'not_found' };
  return db.transaction((tx): FinaliseResult => {
    const view = getEvaluationSheet(tx as unknown as Db, { viewer, periodId, unitId });
    if (!view) return { status: 'not_found' };
    if (view.sheet?.status === 'finalised') return { status: 'locked' };
    const stored = new Map([...view.scores].map(([k, s]) => [k, { selfX100: s.selfPoints, reviewX100: s.reviewPoints }]));
    const points = pointsAtStage(view.period.rubric, stored, figures, 'review');
    const score = scoreSheet(view.period.rubric, points);
    const problem = finaliseProblem(score);
    if (problem || !view.sheet || score.classification === null) return { status: 'incomplete', message: problem ?? 'Chưa chốt được: phiếu chưa được thẩm định.' };
    const sheetId = view.sheet.id;
    for (const { criterion } of criteriaOf(view.period.rubric)) {
      if (criterion.kind !== 'automatic') continue;
      const source = JSON.stringify(figures[criterion.source]);
      const reviewPoints = points.get(criterion.key) ?? null;
      tx.insert(evaluationScores)
        .values({ sheetId, criterionKey: criterion.key, reviewPoints, source, updatedAt: now })
        .onConflictDoUpdate({ target: [evaluationScores.sheetId, evaluationScores.criterionKey], set: { reviewPoints, source, updatedAt: now } })
        .run();
    }
    tx.update(evaluationSheets)
      .set({ status: 'finalised', finalisedBy: viewer.userId, finalisedAt: now, finalTotal: score.totalX100, finalClass: score.classification, updatedAt: now })
      .where(eq(evaluationSheets.id, sheetId))
      .run();
    createAuditEntry(tx, {
      actorId: viewer.userId,
      action: 'evaluation.finalise',
      entityType: 'evaluation',
      entityId: sheetId,
      before: { status: view.sheet.status },
      after: { periodId, unitId, status: 'finalised', total: score.totalX100 / 100, classification: score.classification, points: Object.fromEntries(points) },
      at: now,
    });
    return { status: 'ok', totalX100: score.totalX100, classification: score.classification };
  });
}

export type ReopenResult = 'ok' | 'not_found' | 'not_finalised';

/** An administrator reopens a finalised sheet (back to "reviewed"), with a reason kept in the audit log. */
export function reopenEvaluationSheet(
  db: Db,
  { viewer, periodId, unitId, reason, now = new Date() }: { viewer: ScopedViewer; periodId: number; unitId: number; reason: string; now?: Date },
): ReopenResult {
  if (!can(viewer.role, 'evaluation.manage')) return 'not_found';
  return db.transaction((tx): ReopenResult => {
    const view = getEvaluationSheet(tx as unknown as Db, { viewer, periodId, unitId });
    if (!view || !view.sheet) return 'not_found';
    if (view.sheet.status !== 'finalised') return 'not_finalised';
    tx.update(evaluationSheets)
      .set({ status: 'reviewed', finalisedBy: null, finalisedAt: null, finalTotal: null, finalClass: null, updatedAt: now })
      .where(eq(evaluationSheets.id, view.sheet.id))
      .run();
    createAuditEntry(tx, {
      actorId: viewer.userId,
      action: 'evaluation.reopen',
      entityType: 'evaluation',
      entityId: view.sheet.id,
      before: { status: 'finalised', total: view.sheet.finalTotal === null ? null : view.sheet.finalTotal / 100, classification: view.sheet.finalClass },
      after: { status: 'reviewed', reason },
      at: now,
    });
    return 'ok';
  });
}

/** Records a download of a period's results table. */
export function createEvaluationExportAuditEntry(
  db: Db,
  { viewer, periodId, unitId, status, rows }: { viewer: Pick<Viewer, 'userId'>; periodId: number; unitId: number | null; status: EvaluationStatus | null; rows: number },
) {
  // An export of one office concerns that office; of the whole period, the period's province (derived).
  createAuditEntry(db, { actorId: viewer.userId, action: 'export.evaluation', entityType: 'evaluation_period', entityId: periodId, unitId: unitId ?? undefined, after: { format: 'xlsx', unitId, status, rows } });
}
