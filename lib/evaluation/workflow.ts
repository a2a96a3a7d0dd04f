import { can, type Role } from '@/lib/auth/roles';
import type { EvaluationStatus } from '@/lib/validation/evaluation';
import type { SheetScore, Stage } from './scoring';

/**
 * The evaluation sheet's workflow (domain.md §6), pure: who may do what to a
 * sheet, and which state it moves to. not_started → self_assessed (the office
 * head) → reviewed (the assessor) → finalised (the assessor, with every
 * criterion scored) → back to reviewed only when an administrator reopens
 * it. server/evaluation-workflow.ts asks these inside the transaction that
 * holds the sheet's lock, so the state they decide on is the one it writes over.
 */

const STAGE_PERMISSION = { self: 'evaluation.selfAssess', review: 'evaluation.review' } as const;

export type StageDecision = { status: 'ok'; next: EvaluationStatus } | { status: 'not_found' } | { status: 'locked'; why: 'finalised' | 'reviewed' };

/**
 * Saving a stage's points. A role without the stage's permission is told
 * "not found", as for a sheet outside its scope; a finalised sheet is
 * read-only; the office's own points close once the assessor has reviewed.
 */
export function decideSaveStage(role: Role, stage: Stage, status: EvaluationStatus | null): StageDecision {
  if (!can(role, STAGE_PERMISSION[stage]) || status === null) return { status: 'not_found' };
  if (status === 'finalised') return { status: 'locked', why: 'finalised' };
  if (stage === 'self' && status === 'reviewed') return { status: 'locked', why: 'reviewed' };
  return { status: 'ok', next: stage === 'self' ? 'self_assessed' : 'reviewed' };
}

/** May this role try the other steps at all (before anything is read)? */
export const mayFinalise = (role: Role) => can(role, 'evaluation.review');
export const mayManage = (role: Role) => can(role, 'evaluation.manage');
export const mayStage = (role: Role, stage: Stage) => can(role, STAGE_PERMISSION[stage]);

export type FinaliseDecision =
  | { status: 'ok'; classification: string }
  | { status: 'not_found' }
  | { status: 'locked' }
  | { status: 'incomplete'; message: string };

/**
 * Finalising: only a reviewed (or self-assessed, then fully reviewed) sheet
 * whose reviewed points cover every criterion; `status` null = outside the
 * viewer's scope, 'not_started' = no sheet yet.
 */
export function decideFinalise(
  role: Role,
  status: EvaluationStatus | null,
  score: Pick<SheetScore, 'missing' | 'classification'>,
  problem: string | null,
): FinaliseDecision {
  if (!mayFinalise(role) || status === null) return { status: 'not_found' };
  if (status === 'finalised') return { status: 'locked' };
  if (problem) return { status: 'incomplete', message: problem };
  if (status === 'not_started' || score.classification === null) return { status: 'incomplete', message: 'Chưa chốt được: phiếu chưa được thẩm định.' };
  return { status: 'ok', classification: score.classification };
}

export type ReopenDecision = 'ok' | 'not_found' | 'not_finalised';

/** Reopening a finalised sheet: administrators only; anything else has nothing to reopen. */
export function decideReopen(role: Role, status: EvaluationStatus | null): ReopenDecision {
  if (!mayManage(role) || status === null || status === 'not_started') return 'not_found';
  return status === 'finalised' ? 'ok' : 'not_finalised';
}

export type RubricDecision = 'ok' | 'not_found' | 'locked';

/**
 * Editing a period's rubric: administrators of the period's province (or
 * wider: `managesProvince`); refused once any sheet is finalised, whose
 * total rests on that rubric.
 */
export function decideRubricEdit(role: Role, managesProvince: boolean | null, finalisedSheets: number): RubricDecision {
  if (!mayManage(role) || !managesProvince) return 'not_found';
  return finalisedSheets > 0 ? 'locked' : 'ok';
}
