import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Viewer } from '@/lib/auth/roles';
import { RubricSchema, type Rubric } from '@/lib/evaluation/rubric';
import type { SatisfactionFigure, StoredPoints } from '@/lib/evaluation/scoring';
import { evaluationPeriods, evaluationScores, evaluationSheets, units, type EvaluationStatus } from '../schema';
import { withConn } from '../store';
import { createAuditEntry, type AuditEntryInput } from './audit';
import { inSubtree } from './unit-tree';

/**
 * The model's annual evaluation (issue 6): periods with their rubric, one
 * sheet per office and period, points per criterion (×100). Statements
 * only: the workflow (who may do what, which state follows) is
 * lib/evaluation/workflow.ts, and each change is one transaction of
 * server/evaluation-workflow.ts, which locks the sheet, reads it here, asks
 * lib/ and writes here.
 *
 * Scope: a period belongs to a province (its unit); a viewer sees the periods
 * of the province they are in (or below them, for a wider scope), and within
 * a period only the offices of their own subtree: an office head only their
 * office.
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
  // count(*) is a bigint on PostgreSQL, which drizzle hands over as a string.
  finalised: sql<number>`(select count(*) from evaluation_sheets s where s.period_id = ${evaluationPeriods.id} and s.status = 'finalised')`.mapWith(Number),
};

/** The period's province and the viewer's scope overlap: one lies inside the other. */
const overlaps = (viewer: Pick<Viewer, 'scopePath'>, unitPath: string) => unitPath.startsWith(viewer.scopePath) || viewer.scopePath.startsWith(unitPath);

function toPeriod(row: Omit<PeriodRow, 'rubric'> & { rubric: string }): PeriodRow {
  // Stored rubrics were validated on the way in; parse again so defaults added later apply.
  return { ...row, rubric: RubricSchema.parse(JSON.parse(row.rubric)) };
}

/** Periods the viewer may see, newest year first. */
export async function listEvaluationPeriods({ viewer }: { viewer: Pick<Viewer, 'scopePath'> }): Promise<PeriodRow[]> {
  return withConn(async ({ db }) => {
    const rows = await db
      .select(periodFields)
      .from(evaluationPeriods)
      .innerJoin(units, eq(units.id, evaluationPeriods.unitId))
      .orderBy(desc(evaluationPeriods.year), desc(evaluationPeriods.id));
    return rows.filter((p) => overlaps(viewer, p.unitPath)).map(toPeriod);
  });
}

/** One period, or null when missing or outside the viewer's province. */
export async function getEvaluationPeriod({ viewer, periodId }: { viewer: Pick<Viewer, 'scopePath'>; periodId: number }): Promise<PeriodRow | null> {
  return withConn(async ({ db }) => {
    const [row] = await db
      .select(periodFields)
      .from(evaluationPeriods)
      .innerJoin(units, eq(units.id, evaluationPeriods.unitId))
      .where(eq(evaluationPeriods.id, periodId))
      .limit(1);
    return row && overlaps(viewer, row.unitPath) ? toPeriod(row) : null;
  });
}

/** The most recent period of an earlier year the viewer can see: what "copy last year's rubric" offers first. */
export async function getPreviousPeriod({ viewer, year }: { viewer: Pick<Viewer, 'scopePath'>; year: number }): Promise<PeriodRow | null> {
  return (await listEvaluationPeriods({ viewer })).find((p) => p.year < year) ?? null;
}

/** A new period; null when one of that year has that name already (the unique index decides, also between servers). */
export async function insertEvaluationPeriod(input: {
  year: number;
  name: string;
  unitId: number;
  dueDate: string;
  rubric: Rubric;
  createdBy: number;
  now: Date;
}): Promise<number | null> {
  return withConn(async ({ db }) => {
    const [row] = await db
      .insert(evaluationPeriods)
      .values({ year: input.year, name: input.name, unitId: input.unitId, dueDate: input.dueDate, rubric: JSON.stringify(input.rubric), createdBy: input.createdBy, createdAt: input.now, updatedAt: input.now })
      .onConflictDoNothing()
      .returning({ id: evaluationPeriods.id });
    return row?.id ?? null;
  });
}

export async function setEvaluationRubric({ periodId, rubric, now }: { periodId: number; rubric: Rubric; now: Date }) {
  await withConn(({ db }) => db.update(evaluationPeriods).set({ rubric: JSON.stringify(rubric), updatedAt: now }).where(eq(evaluationPeriods.id, periodId)));
}

// ---------------------------------------------------------------------------
// Sheets

export type SheetRow = typeof evaluationSheets.$inferSelect;
export type ScoreRow = Omit<typeof evaluationScores.$inferSelect, 'selfLinks' | 'source'> & { selfLinks: string[]; source: SatisfactionFigure | null };

function toScore(r: typeof evaluationScores.$inferSelect): ScoreRow {
  return { ...r, selfLinks: r.selfLinks ? (JSON.parse(r.selfLinks) as string[]) : [], source: r.source ? (JSON.parse(r.source) as SatisfactionFigure) : null };
}

const officeFields = { id: units.id, name: units.name, path: units.path, code: units.code, kind: units.kind, parentId: units.parentId };
type OfficeRow = { id: number; name: string; path: string; code: string | null; kind: string; parentId: number | null };

export type SheetView = {
  period: PeriodRow;
  unit: OfficeRow;
  /** Null while the office has not started. */
  sheet: SheetRow | null;
  scores: Map<string, ScoreRow>;
};

/** One office's sheet in a period, or null when the period or the office is outside the viewer's scope. */
export async function getEvaluationSheet({ viewer, periodId, unitId }: { viewer: Pick<Viewer, 'scopePath'>; periodId: number; unitId: number }): Promise<SheetView | null> {
  return withConn(async ({ db }) => {
    const period = await getEvaluationPeriod({ viewer, periodId });
    if (!period) return null;
    // An office of the period's province inside the viewer's subtree.
    const [unit] = await db
      .select(officeFields)
      .from(units)
      .where(and(eq(units.id, unitId), inSubtree(viewer.scopePath), inSubtree(period.unitPath), isNotNull(units.code)))
      .limit(1);
    if (!unit) return null;
    const [sheet] = await db
      .select()
      .from(evaluationSheets)
      .where(and(eq(evaluationSheets.periodId, periodId), eq(evaluationSheets.unitId, unitId)))
      .limit(1);
    const scores = sheet
      ? (await db.select().from(evaluationScores).where(eq(evaluationScores.sheetId, sheet.id)).orderBy(asc(evaluationScores.criterionKey))).map(toScore)
      : [];
    return { period, unit, sheet: sheet ?? null, scores: new Map(scores.map((s) => [s.criterionKey, s])) };
  });
}

/** Sheets of the period for the offices of a subtree (the results table). */
export async function listEvaluationSheets({ periodId, path }: { periodId: number; path: string }) {
  return withConn(({ db }) =>
    db
      .select({ id: evaluationSheets.id, unitId: evaluationSheets.unitId, status: evaluationSheets.status, finalTotal: evaluationSheets.finalTotal, finalClass: evaluationSheets.finalClass, finalisedAt: evaluationSheets.finalisedAt, updatedAt: evaluationSheets.updatedAt })
      .from(evaluationSheets)
      .innerJoin(units, eq(units.id, evaluationSheets.unitId))
      .where(and(eq(evaluationSheets.periodId, periodId), inSubtree(path))),
  );
}

/** Points per criterion of every sheet of the period in a subtree, as stored points by unit. */
export async function listEvaluationPoints({ periodId, path }: { periodId: number; path: string }): Promise<Map<number, Map<string, StoredPoints>>> {
  const rows = await withConn(({ db }) =>
    db
      .select({ unitId: evaluationSheets.unitId, key: evaluationScores.criterionKey, selfX100: evaluationScores.selfPoints, reviewX100: evaluationScores.reviewPoints })
      .from(evaluationScores)
      .innerJoin(evaluationSheets, eq(evaluationSheets.id, evaluationScores.sheetId))
      .innerJoin(units, eq(units.id, evaluationSheets.unitId))
      .where(and(eq(evaluationSheets.periodId, periodId), inSubtree(path))),
  );
  const out = new Map<number, Map<string, StoredPoints>>();
  for (const r of rows) {
    let m = out.get(r.unitId);
    if (!m) out.set(r.unitId, (m = new Map()));
    m.set(r.key, { selfX100: r.selfX100, reviewX100: r.reviewX100 });
  }
  return out;
}

type Stamp = Partial<Pick<SheetRow, 'selfAssessedBy' | 'selfAssessedAt' | 'reviewedBy' | 'reviewedAt'>>;

/** The office's first sheet of the period; returns its id. */
export async function insertEvaluationSheet({ periodId, unitId, status, stamp, now }: { periodId: number; unitId: number; status: EvaluationStatus; stamp: Stamp; now: Date }): Promise<number> {
  return withConn(async ({ db }) => {
    const [row] = await db.insert(evaluationSheets).values({ periodId, unitId, status, ...stamp, updatedAt: now }).returning({ id: evaluationSheets.id });
    return row!.id;
  });
}

export async function setEvaluationSheetStage({ sheetId, status, stamp, now }: { sheetId: number; status: EvaluationStatus; stamp: Stamp; now: Date }) {
  await withConn(({ db }) => db.update(evaluationSheets).set({ status, ...stamp, updatedAt: now }).where(eq(evaluationSheets.id, sheetId)));
}

export type ScoreWrite = Partial<Pick<typeof evaluationScores.$inferInsert, 'selfPoints' | 'selfNote' | 'selfLinks' | 'reviewPoints' | 'reviewNote' | 'source'>>;

/** Sets the given fields of each criterion's score row, making the row when missing. */
export async function upsertEvaluationScores({ sheetId, scores, now }: { sheetId: number; scores: readonly { key: string; set: ScoreWrite }[]; now: Date }) {
  await withConn(async ({ db }) => {
    for (const { key, set } of scores) {
      await db
        .insert(evaluationScores)
        .values({ sheetId, criterionKey: key, ...set, updatedAt: now })
        .onConflictDoUpdate({ target: [evaluationScores.sheetId, evaluationScores.criterionKey], set: { ...set, updatedAt: now } });
    }
  });
}

export async function setEvaluationSheetFinalised({ sheetId, by, totalX100, classification, now }: { sheetId: number; by: number; totalX100: number; classification: string; now: Date }) {
  await withConn(({ db }) =>
    db
      .update(evaluationSheets)
      .set({ status: 'finalised', finalisedBy: by, finalisedAt: now, finalTotal: totalX100, finalClass: classification, updatedAt: now })
      .where(eq(evaluationSheets.id, sheetId)),
  );
}

/** Back to "reviewed", the final figures cleared. */
export async function setEvaluationSheetReopened({ sheetId, now }: { sheetId: number; now: Date }) {
  await withConn(({ db }) =>
    db
      .update(evaluationSheets)
      .set({ status: 'reviewed', finalisedBy: null, finalisedAt: null, finalTotal: null, finalClass: null, updatedAt: now })
      .where(eq(evaluationSheets.id, sheetId)),
  );
}

/** An evaluation change's audit entry, in the caller's transaction. */
export async function createEvaluationAuditEntry(e: AuditEntryInput) {
  await createAuditEntry(e);
}

/** Records a download of a period's results table. */
export async function createEvaluationExportAuditEntry({
  viewer,
  periodId,
  unitId,
  status,
  rows,
}: {
  viewer: Pick<Viewer, 'userId'>;
  periodId: number;
  unitId: number | null;
  status: EvaluationStatus | null;
  rows: number;
}) {
  // An export of one office concerns that office; of the whole period, the period's province (derived).
  await createEvaluationAuditEntry({ actorId: viewer.userId, action: 'export.evaluation', entityType: 'evaluation_period', entityId: periodId, unitId: unitId ?? undefined, after: { format: 'xlsx', unitId, status, rows } });
}
