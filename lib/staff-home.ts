import { can, type Role } from '@/lib/auth/roles';
import { DEFAULT_MIN_SAMPLE } from '@/lib/indicators/indicator';
import type { DayKey } from '@/lib/indicators/periods';

/**
 * The staff home's to-do rules (issue 13): how long something has waited,
 * how far a deadline is, what the annual evaluation asks of each role, and
 * how many ratings an office still lacks. Pure: the caller passes `now`.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * How long something has waited, in the largest whole unit: "dưới 1 phút",
 * "45 phút", "5 giờ", "3 ngày". Rounded down, so "1 ngày" means at least a
 * full day; a time in the future (clock skew) reads as "dưới 1 phút".
 */
export function waitedFor(since: Date | number, now: Date | number): string {
  const ms = +now - +since;
  if (ms < MINUTE_MS) return 'dưới 1 phút';
  if (ms < HOUR_MS) return `${Math.floor(ms / MINUTE_MS)} phút`;
  if (ms < DAY_MS) return `${Math.floor(ms / HOUR_MS)} giờ`;
  return `${Math.floor(ms / DAY_MS).toLocaleString('vi-VN')} ngày`;
}

/** Whole days between two Vietnamese calendar days (`to` − `from`). */
function daysBetween(from: DayKey, to: DayKey): number {
  const day = (d: DayKey) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / DAY_MS;
  return day(to) - day(from);
}

export type Deadline = { daysLeft: number; overdue: boolean; text: string };

/**
 * A due date ("YYYY-MM-DD", the last day allowed) seen from `today`: "còn 10
 * ngày", "hạn là hôm nay", "đã quá hạn 3 ngày".
 */
export function deadlineOf(dueDate: DayKey, today: DayKey): Deadline {
  const daysLeft = daysBetween(today, dueDate);
  if (daysLeft > 0) return { daysLeft, overdue: false, text: `còn ${daysLeft.toLocaleString('vi-VN')} ngày` };
  if (daysLeft === 0) return { daysLeft, overdue: false, text: 'hạn là hôm nay' };
  return { daysLeft, overdue: true, text: `đã quá hạn ${(-daysLeft).toLocaleString('vi-VN')} ngày` };
}

export type SheetStatus = 'not_started' | 'self_assessed' | 'reviewed' | 'finalised';
export type OfficeSheet = { unitId: number; name: string; status: SheetStatus };

export type EvaluationTaskKind = 'self_assess' | 'review' | 'finalise' | 'not_reported';

export const EVALUATION_TASK_LABELS: Record<EvaluationTaskKind, string> = {
  self_assess: 'Cần tự đánh giá',
  review: 'Chờ thẩm định',
  finalise: 'Đã thẩm định, chờ chốt kết quả',
  not_reported: 'Chưa gửi tự đánh giá',
};

export type EvaluationTask = { kind: EvaluationTaskKind; offices: OfficeSheet[] };

/**
 * What the annual evaluation asks of this role over the offices in its
 * scope (ADR 012): an office head self-assesses the offices that have not
 * started; an assessor reviews the self-assessed ones and finalises the
 * reviewed ones; an administrator follows the offices that have not
 * reported. Supervisors only read: no task. Empty tasks are left out.
 */
export function evaluationTasks(role: Role, offices: readonly OfficeSheet[]): EvaluationTask[] {
  const at = (status: SheetStatus) => offices.filter((o) => o.status === status);
  const tasks: EvaluationTask[] = [];
  if (can(role, 'evaluation.selfAssess')) tasks.push({ kind: 'self_assess', offices: at('not_started') });
  if (can(role, 'evaluation.review')) tasks.push({ kind: 'review', offices: at('self_assessed') }, { kind: 'finalise', offices: at('reviewed') });
  if (can(role, 'evaluation.manage')) tasks.push({ kind: 'not_reported', offices: at('not_started') });
  return tasks.filter((t) => t.offices.length > 0);
}

/** Whether the evaluation block concerns this role at all. */
export const hasEvaluationWork = (role: Role) => can(role, 'evaluation.selfAssess') || can(role, 'evaluation.review') || can(role, 'evaluation.manage');

/** How many more valid ratings an office needs before its rate is shown and ranked (0 when it has enough). */
export function ratingsMissing(n: number, minSample = DEFAULT_MIN_SAMPLE): number {
  return Math.max(0, minSample - n);
}
