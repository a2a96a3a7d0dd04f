import {
  createEvaluationAuditEntry,
  getEvaluationPeriod,
  getEvaluationSheet,
  insertEvaluationPeriod,
  insertEvaluationSheet,
  setEvaluationRubric,
  setEvaluationSheetFinalised,
  setEvaluationSheetReopened,
  setEvaluationSheetStage,
  upsertEvaluationScores,
  type ScopedViewer,
  type ScoreRow,
  type ScoreWrite,
} from '@/db/queries/evaluation';
import { transaction } from '@/db/store';
import type { Viewer } from '@/lib/auth/roles';
import { criteriaOf, rubricPreset, type Rubric, type SatisfactionSource } from '@/lib/evaluation/rubric';
import { finaliseProblem, pointsAtStage, scoreSheet, type SatisfactionFigure, type Stage } from '@/lib/evaluation/scoring';
import { decideFinalise, decideReopen, decideRubricEdit, decideSaveStage, mayFinalise, mayManage, mayStage } from '@/lib/evaluation/workflow';
import type { PeriodTemplate, SheetEntry } from '@/lib/validation/evaluation';

/**
 * What happens to an evaluation: a period is created, its rubric edited, a
 * sheet self-assessed, reviewed, finalised or reopened. Each is one
 * transaction that locks what it decides on, reads it (db/queries/evaluation.ts),
 * asks the workflow (lib/evaluation/workflow.ts) and writes, audited in the
 * same transaction.
 *
 * Why a lock: two people acting on one sheet at once (an assessor finalising
 * while another saves a review, two finalisations from two servers) must not
 * both decide on the state before either wrote. `lock('sheet:…')` makes them
 * take turns: the second reads what the first committed, and the workflow
 * refuses it ("locked") instead of writing half over it. An advisory lock
 * rather than SELECT … FOR UPDATE: SQLite has no row locks (its single writer
 * already serialises, and `lock` is a no-op there), so one primitive reads
 * the same on both engines; and it also covers a sheet not yet created, which
 * has no row to lock. The key is the period and office, as a sheet is unique
 * per (period, unit) and may not exist yet.
 */

const sheetKey = (periodId: number, unitId: number) => `sheet:${periodId}:${unitId}`;

export type CreatePeriodResult = { status: 'ok'; id: number } | { status: 'not_found' } | { status: 'duplicate' };

/**
 * A new period for the province the administrator manages (their scope
 * unit), with a preset rubric or a copy of an earlier period's. Two creations
 * of one year and name: the unique index keeps one (`duplicate` for the other).
 */
export async function createEvaluationPeriod({
  viewer,
  year,
  name,
  dueDate,
  template,
  now = new Date(),
}: {
  viewer: ScopedViewer & Pick<Viewer, 'scopeUnitId'>;
  year: number;
  name: string;
  dueDate: string;
  template: PeriodTemplate;
  now?: Date;
}): Promise<CreatePeriodResult> {
  if (!mayManage(viewer.role)) return { status: 'not_found' };
  let rubric: Rubric;
  let copiedFrom: number | null = null;
  if (template.kind === 'copy') {
    const source = await getEvaluationPeriod({ viewer, periodId: template.periodId });
    if (!source) return { status: 'not_found' };
    rubric = source.rubric;
    copiedFrom = source.id;
  } else rubric = rubricPreset(template.preset);
  return transaction(async (): Promise<CreatePeriodResult> => {
    const id = await insertEvaluationPeriod({ year, name, unitId: viewer.scopeUnitId, dueDate, rubric, createdBy: viewer.userId, now });
    if (id === null) return { status: 'duplicate' };
    await createEvaluationAuditEntry({
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

export type UpdateRubricResult = 'ok' | 'not_found' | 'locked';

/**
 * Replaces a period's rubric; refused once any office of the period is
 * finalised. Locked as `period:<id>` against a finalisation of any of its
 * sheets at the same moment (finalising takes that key too): either the
 * rubric changes first and the finalisation scores with the new one, or the
 * edit sees the finalised sheet and is refused.
 */
export async function updateEvaluationRubric({ viewer, periodId, rubric, now = new Date() }: { viewer: ScopedViewer; periodId: number; rubric: Rubric; now?: Date }): Promise<UpdateRubricResult> {
  if (!mayManage(viewer.role)) return 'not_found';
  return transaction(async (c): Promise<UpdateRubricResult> => {
    await c.lock(`period:${periodId}`);
    const period = await getEvaluationPeriod({ viewer, periodId });
    const decision = decideRubricEdit(viewer.role, period ? period.unitPath.startsWith(viewer.scopePath) : null, period?.finalised ?? 0);
    if (decision !== 'ok' || !period) return decision;
    await setEvaluationRubric({ periodId, rubric, now });
    await createEvaluationAuditEntry({
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

export type SaveResult = { status: 'ok'; sheetId: number } | { status: 'not_found' } | { status: 'locked'; why: 'finalised' | 'reviewed' };

/** Points of an automatic criterion as computed now, with the figure behind them. */
export type AutomaticEntry = { key: string; pointsX100: number | null; source: SatisfactionFigure };

/**
 * Saves a stage of a sheet: the office head's self-assessment (points, notes,
 * links) or the assessor's review (points, notes), with the automatic
 * criteria's computed points and their source. Refused on a finalised
 * sheet, and for the self-assessment once the assessor has reviewed.
 */
export async function saveEvaluationStage({
  viewer,
  periodId,
  unitId,
  stage,
  entries,
  automatic,
  now = new Date(),
}: {
  viewer: ScopedViewer;
  periodId: number;
  unitId: number;
  stage: Stage;
  entries: readonly SheetEntry[];
  automatic: readonly AutomaticEntry[];
  now?: Date;
}): Promise<SaveResult> {
  if (!mayStage(viewer.role, stage)) return { status: 'not_found' };
  return transaction(async (c): Promise<SaveResult> => {
    await c.lock(sheetKey(periodId, unitId));
    const view = await getEvaluationSheet({ viewer, periodId, unitId });
    const decision = decideSaveStage(viewer.role, stage, view ? (view.sheet?.status ?? 'not_started') : null);
    if (decision.status !== 'ok' || !view) return decision.status === 'ok' ? { status: 'not_found' } : decision;
    const known = new Set(criteriaOf(view.period.rubric).map((x) => x.criterion.key));

    const stamp = stage === 'self' ? { selfAssessedBy: viewer.userId, selfAssessedAt: now } : { reviewedBy: viewer.userId, reviewedAt: now };
    let sheetId = view.sheet?.id;
    if (sheetId === undefined) sheetId = await insertEvaluationSheet({ periodId, unitId, status: decision.next, stamp, now });
    else await setEvaluationSheetStage({ sheetId, status: decision.next, stamp, now });

    const scores: { key: string; set: ScoreWrite }[] = [];
    for (const e of entries) {
      if (!known.has(e.key)) continue;
      scores.push({
        key: e.key,
        set: stage === 'self' ? { selfPoints: e.pointsX100, selfNote: e.note, selfLinks: JSON.stringify(e.links) } : { reviewPoints: e.pointsX100, reviewNote: e.note },
      });
    }
    for (const a of automatic) {
      if (!known.has(a.key) || a.pointsX100 === null) continue;
      scores.push({ key: a.key, set: { ...(stage === 'self' ? { selfPoints: a.pointsX100 } : { reviewPoints: a.pointsX100 }), source: JSON.stringify(a.source) } });
    }
    await upsertEvaluationScores({ sheetId, scores, now });
    await createEvaluationAuditEntry({
      actorId: viewer.userId,
      action: stage === 'self' ? 'evaluation.self_assess' : 'evaluation.review',
      entityType: 'evaluation',
      entityId: sheetId,
      before: view.sheet ? { status: view.sheet.status, points: pointsOf(view.scores, stage) } : null,
      after: {
        periodId,
        unitId,
        status: decision.next,
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

export type FinaliseResult =
  | { status: 'ok'; totalX100: number; classification: string; override: boolean }
  | { status: 'not_found' }
  | { status: 'locked' }
  | { status: 'incomplete' | 'too_early' | 'reason_required' | 'changed'; message: string };

/**
 * A sheet is finalised: the assessor's reviewed points are locked, automatic
 * criteria computed one last time from `figures` (read before, outside the
 * transaction) and frozen with their source, the total and class stored on
 * the sheet. Refused while any criterion has no reviewed points, and for
 * the second of two finalisations at once (it sees the first's result).
 * Before the evaluated year ends only an administrator finalises, with a
 * `reason` (audited as an override); `confirmedTotalX100`, the total shown on
 * the confirmation step, must still be the total (lib/evaluation/workflow.ts).
 */
export async function finaliseEvaluationSheet({
  viewer,
  periodId,
  unitId,
  figures,
  reason = null,
  confirmedTotalX100 = null,
  now = new Date(),
}: {
  viewer: ScopedViewer;
  periodId: number;
  unitId: number;
  figures: Record<SatisfactionSource, SatisfactionFigure>;
  reason?: string | null;
  confirmedTotalX100?: number | null;
  now?: Date;
}): Promise<FinaliseResult> {
  if (!mayFinalise(viewer.role)) return { status: 'not_found' };
  return transaction(async (c): Promise<FinaliseResult> => {
    await c.lock(`period:${periodId}`, sheetKey(periodId, unitId));
    const view = await getEvaluationSheet({ viewer, periodId, unitId });
    const stored = new Map([...(view?.scores ?? new Map<string, ScoreRow>())].map(([k, s]) => [k, { selfX100: s.selfPoints, reviewX100: s.reviewPoints }]));
    const points = view ? pointsAtStage(view.period.rubric, stored, figures, 'review') : new Map<string, number | null>();
    const score = view ? scoreSheet(view.period.rubric, points) : null;
    const decision = decideFinalise(
      viewer.role,
      view ? (view.sheet?.status ?? 'not_started') : null,
      score ?? { missing: [], classification: null },
      score ? finaliseProblem(score) : null,
      { year: view?.period.year ?? 0, now, reason, confirmedTotalX100 },
    );
    if (decision.status !== 'ok') return decision;
    const sheet = view!.sheet!;
    const automatic: { key: string; set: ScoreWrite }[] = [];
    for (const { criterion } of criteriaOf(view!.period.rubric)) {
      if (criterion.kind !== 'automatic') continue;
      automatic.push({ key: criterion.key, set: { reviewPoints: points.get(criterion.key) ?? null, source: JSON.stringify(figures[criterion.source]) } });
    }
    await upsertEvaluationScores({ sheetId: sheet.id, scores: automatic, now });
    await setEvaluationSheetFinalised({ sheetId: sheet.id, by: viewer.userId, totalX100: score!.totalX100, classification: decision.classification, now });
    await createEvaluationAuditEntry({
      actorId: viewer.userId,
      action: 'evaluation.finalise',
      entityType: 'evaluation',
      entityId: sheet.id,
      before: { status: sheet.status },
      after: {
        periodId,
        unitId,
        status: 'finalised',
        total: score!.totalX100 / 100,
        classification: decision.classification,
        points: Object.fromEntries(points),
        ...(decision.override ? { earlyOverride: true, reason: reason!.trim() } : {}),
      },
      at: now,
    });
    return { status: 'ok', totalX100: score!.totalX100, classification: decision.classification, override: decision.override };
  });
}

export type ReopenResult = 'ok' | 'not_found' | 'not_finalised';

/** An administrator reopens a finalised sheet (back to "reviewed"), with a reason kept in the audit log. */
export async function reopenEvaluationSheet({
  viewer,
  periodId,
  unitId,
  reason,
  now = new Date(),
}: {
  viewer: ScopedViewer;
  periodId: number;
  unitId: number;
  reason: string;
  now?: Date;
}): Promise<ReopenResult> {
  if (!mayManage(viewer.role)) return 'not_found';
  return transaction(async (c): Promise<ReopenResult> => {
    await c.lock(sheetKey(periodId, unitId));
    const view = await getEvaluationSheet({ viewer, periodId, unitId });
    const decision = decideReopen(viewer.role, view ? (view.sheet?.status ?? 'not_started') : null);
    if (decision !== 'ok') return decision;
    const sheet = view!.sheet!;
    await setEvaluationSheetReopened({ sheetId: sheet.id, now });
    await createEvaluationAuditEntry({
      actorId: viewer.userId,
      action: 'evaluation.reopen',
      entityType: 'evaluation',
      entityId: sheet.id,
      before: { status: 'finalised', total: sheet.finalTotal === null ? null : sheet.finalTotal / 100, classification: sheet.finalClass },
      after: { status: 'reviewed', reason },
      at: now,
    });
    return 'ok';
  });
}
