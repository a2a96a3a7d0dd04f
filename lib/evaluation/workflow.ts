import { can, type Role } from '@/lib/auth/roles';
import { dayKeyOf } from '@/lib/indicators/periods';
import type { EvaluationStatus } from '@/lib/validation/evaluation';
import { formatDay } from './describe';
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

/**
 * May this role try the other steps at all (before anything is read)? The
 * assessor finalises; an administrator may too, which is how a sheet is
 * finalised before the year ends (an override, with a reason: see
 * finaliseTiming).
 */
export const mayFinalise = (role: Role) => can(role, 'evaluation.review') || can(role, 'evaluation.manage');
export const mayManage = (role: Role) => can(role, 'evaluation.manage');
export const mayStage = (role: Role, stage: Stage) => can(role, STAGE_PERMISSION[stage]);

/** The last day of an evaluated year ("2026-12-31"): its satisfaction figure keeps changing until then. */
export const periodEndDay = (year: number) => `${year}-12-31`;

export type FinaliseTiming = {
  /** True while the evaluated year has not ended (Vietnamese calendar day of `now` ≤ 31 December). */
  early: boolean;
  endDay: string;
  /** How this role may finalise now: normally after the year; before it only an administrator, as an override with a reason; or not at all. */
  who: 'normal' | 'admin_override' | 'nobody';
};

/**
 * When a sheet may be finalised (docs/decisions/012-evaluation.md): the
 * automatic satisfaction points read the year's ratings, which change until
 * 31 December (Asia/Ho_Chi_Minh). After that the assessor finalises. Before
 * it, finalising freezes a figure that is still moving, so only an
 * administrator may do it, as an override with a reason kept in the audit
 * log; an assessor is told to wait or ask an administrator.
 */
export function finaliseTiming(role: Role, year: number, now: Date | number): FinaliseTiming {
  const endDay = periodEndDay(year);
  const early = dayKeyOf(now) <= endDay;
  const who = !mayFinalise(role) ? 'nobody' : early ? (can(role, 'evaluation.manage') ? 'admin_override' : 'nobody') : 'normal';
  return { early, endDay, who };
}

/** Why an assessor cannot finalise before the year ends, in Vietnamese. */
export function tooEarlyMessage(year: number): string {
  return `Chưa chốt được: năm ${year} chưa kết thúc, tỷ lệ hài lòng còn thay đổi đến hết ngày ${formatDay(periodEndDay(year))}. Hãy chốt sau ngày đó; nếu cần chốt sớm, đề nghị quản trị chốt (có ghi lý do).`;
}

export const OVERRIDE_REASON_MIN = 10;

export type FinaliseDecision =
  | { status: 'ok'; classification: string; override: boolean }
  | { status: 'not_found' }
  | { status: 'locked' }
  | { status: 'incomplete'; message: string }
  | { status: 'too_early'; message: string }
  | { status: 'reason_required'; message: string }
  | { status: 'changed'; message: string };

/**
 * Finalising: only a reviewed (or self-assessed, then fully reviewed) sheet
 * whose reviewed points cover every criterion; `status` null = outside the
 * viewer's scope, 'not_started' = no sheet yet. Before the year ends only an
 * administrator's override with a reason (≥ 10 characters) goes through
 * (finaliseTiming). `confirmedTotalX100` is the total the person saw on the
 * confirmation step: when the points moved since (another review saved, new
 * ratings), they are asked to look again rather than freeze a total they
 * never saw.
 */
export function decideFinalise(
  role: Role,
  status: EvaluationStatus | null,
  score: Pick<SheetScore, 'missing' | 'classification'> & { totalX100?: number },
  problem: string | null,
  when: { year: number; now: Date | number; reason?: string | null; confirmedTotalX100?: number | null },
): FinaliseDecision {
  if (!mayFinalise(role) || status === null) return { status: 'not_found' };
  if (status === 'finalised') return { status: 'locked' };
  if (problem) return { status: 'incomplete', message: problem };
  if (status === 'not_started' || score.classification === null) return { status: 'incomplete', message: 'Chưa chốt được: phiếu chưa được thẩm định.' };
  const timing = finaliseTiming(role, when.year, when.now);
  if (timing.who === 'nobody') return { status: 'too_early', message: tooEarlyMessage(when.year) };
  const override = timing.who === 'admin_override';
  if (override && (when.reason ?? '').trim().length < OVERRIDE_REASON_MIN) {
    return { status: 'reason_required', message: `Chốt trước khi hết năm ${when.year}: ghi lý do chốt sớm (ít nhất ${OVERRIDE_REASON_MIN} ký tự); lý do được lưu vào nhật ký.` };
  }
  if (when.confirmedTotalX100 != null && score.totalX100 !== undefined && when.confirmedTotalX100 !== score.totalX100) {
    return { status: 'changed', message: 'Điểm của phiếu đã thay đổi kể từ khi Ông/Bà xem bản tóm tắt (có người vừa lưu điểm, hoặc có thêm lượt đánh giá). Xem lại tổng điểm mới rồi xác nhận lần nữa.' };
  }
  return { status: 'ok', classification: score.classification, override };
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
