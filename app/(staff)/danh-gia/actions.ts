'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { criteriaOf } from '@/lib/evaluation/rubric';
import { checkRubricDraft, draftOfFields } from '@/lib/evaluation/rubric-form';
import { automaticPoints } from '@/lib/evaluation/scoring';
import type { FormState } from '@/lib/form-state';
import { CreatePeriodSchema, FinaliseSchema, readSheetEntries, RubricFieldsSchema, ReopenSchema, RubricFormSchema, SheetFormSchema } from '@/lib/validation/evaluation';
import { mayFinalise } from '@/lib/evaluation/workflow';
import { authorizedAction, NOT_FOUND_MESSAGE } from '@/server/actions';
import { enterableCriteria, loadSheetPage, officeFigures } from '@/server/evaluation';
import {
  createEvaluationPeriod,
  finaliseEvaluationSheet,
  reopenEvaluationSheet,
  saveEvaluationStage,
  updateEvaluationRubric,
  type AutomaticEntry,
} from '@/server/evaluation-workflow';

const sheetPath = (periodId: number, unitId: number) => `/danh-gia/${periodId}/don-vi/${unitId}`;
const LOCKED: Record<'finalised' | 'reviewed', string> = {
  finalised: 'Phiếu đã được chốt nên không sửa được nữa. Cần sửa thì đề nghị quản trị mở lại phiếu (có ghi lý do).',
  reviewed: 'Phiếu đã được thẩm định nên đơn vị không sửa tự đánh giá được nữa.',
};

/** A new period from a preset rubric or a copy of an earlier period's; then its page. */
export const createPeriod = authorizedAction('evaluation.manage', CreatePeriodSchema, async ({ year, name, dueDate, template }, viewer) => {
  const result = await createEvaluationPeriod({ viewer, year, name, dueDate, template });
  if (result.status === 'duplicate') {
    return { status: 'error', message: 'Vui lòng sửa các mục được đánh dấu.', fieldErrors: { name: `Đã có đợt “${name}” của năm ${year}; đặt tên khác.` } };
  }
  if (result.status === 'not_found') return { status: 'error', message: NOT_FOUND_MESSAGE };
  revalidatePath('/danh-gia');
  redirect(`/danh-gia/${result.id}?moi=1`);
});

/** The rubric as validated JSON; refused once an office of the period is finalised. */
export const saveRubric = authorizedAction('evaluation.manage', RubricFormSchema, async ({ periodId, rubric }, viewer) => {
  const result = await updateEvaluationRubric({ viewer, periodId, rubric });
  if (result === 'not_found') return { status: 'error', message: NOT_FOUND_MESSAGE };
  if (result === 'locked') return { status: 'error', message: 'Đã có đơn vị được chốt kết quả trong đợt này nên bộ tiêu chí không sửa được nữa.' };
  revalidatePath(`/danh-gia/${periodId}`, 'layout');
  return { status: 'ok', message: 'Đã lưu bộ tiêu chí.' };
});

/**
 * The rubric from the structured editor: every field read back into a draft
 * and checked by the rules the browser already applied (lib/evaluation/
 * rubric-form.ts), each problem on its field and all in the summary.
 */
export const saveRubricFields = authorizedAction('evaluation.manage', RubricFieldsSchema, async (values, viewer) => {
  const { periodId, ...fields } = values;
  const checked = checkRubricDraft(draftOfFields(fields as Record<string, string>));
  if (!checked.ok) {
    return {
      status: 'error',
      message: `Bộ tiêu chí chưa lưu được: ${checked.problems.length} chỗ cần sửa (xem danh sách ở đầu biểu mẫu).`,
      fieldErrors: { ...checked.fieldErrors, _problems: checked.problems.join('\n') },
      values: fields as Record<string, string>,
    };
  }
  const result = await updateEvaluationRubric({ viewer, periodId, rubric: checked.rubric });
  if (result === 'not_found') return { status: 'error', message: NOT_FOUND_MESSAGE };
  if (result === 'locked') return { status: 'error', message: 'Đã có đơn vị được chốt kết quả trong đợt này nên bộ tiêu chí không sửa được nữa.' };
  revalidatePath(`/danh-gia/${periodId}`, 'layout');
  // The editor starts again from the saved rubric; the page says it was saved.
  redirect(`/danh-gia/${periodId}/tieu-chi?da-luu=1`);
});

/** Shared by the self-assessment and the review: the criteria one may enter, checked against the rubric, saved with the automatic points of now. */
async function saveStage(stage: 'self' | 'review', values: Record<string, string> & { periodId: number; unitId: number }, viewer: Parameters<typeof saveEvaluationStage>[0]['viewer']): Promise<FormState> {
  const { periodId, unitId } = values;
  const page = await loadSheetPage(viewer, { periodId, unitId, now: new Date() });
  if (!page) return { status: 'error', message: NOT_FOUND_MESSAGE };
  const read = readSheetEntries(enterableCriteria(page), values, { withLinks: stage === 'self' });
  if (!read.ok) return { status: 'error', message: 'Vui lòng sửa các mục được đánh dấu.', fieldErrors: read.fieldErrors, values: stringValues(values) };
  const automatic: AutomaticEntry[] = criteriaOf(page.period.rubric).flatMap(({ criterion: c }) =>
    c.kind === 'automatic' ? [{ key: c.key, pointsX100: automaticPoints(c, page.figures[c.source]).pointsX100, source: page.figures[c.source] }] : [],
  );
  const result = await saveEvaluationStage({ viewer, periodId, unitId, stage, entries: read.entries, automatic });
  if (result.status === 'not_found') return { status: 'error', message: NOT_FOUND_MESSAGE };
  if (result.status === 'locked') return { status: 'error', message: LOCKED[result.why] };
  revalidatePath(`/danh-gia/${periodId}`, 'layout');
  const missing = read.entries.filter((e) => e.pointsX100 === null).length;
  const saved = stage === 'self' ? 'Đã lưu tự đánh giá.' : 'Đã lưu kết quả thẩm định.';
  return { status: 'ok', message: missing ? `${saved} Còn ${missing} tiêu chí chưa có điểm.` : saved };
}

function stringValues(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));
}

export const saveSelfAssessment = authorizedAction('evaluation.selfAssess', SheetFormSchema, (values, viewer) => saveStage('self', values, viewer));

export const saveReview = authorizedAction('evaluation.review', SheetFormSchema, (values, viewer) => saveStage('review', values, viewer));

/**
 * Locks the reviewed points, from the confirmation step (the total it showed
 * must still be the total); refused with the criteria still missing, and
 * before the year ends unless an administrator gives a reason. Assessors and
 * administrators: the workflow decides which of them may, and when.
 */
export const finalise = authorizedAction(null, FinaliseSchema, async ({ periodId, unitId, tong, 'ly-do': reason }, viewer) => {
  if (!mayFinalise(viewer.role)) return { status: 'error', message: NOT_FOUND_MESSAGE };
  const now = new Date();
  const page = await loadSheetPage(viewer, { periodId, unitId, now });
  if (!page) return { status: 'error', message: NOT_FOUND_MESSAGE };
  const { figures } = await officeFigures(viewer, { unitPath: page.unit.path, unitId, year: page.period.year, now, rubric: page.period.rubric });
  const result = await finaliseEvaluationSheet({ viewer, periodId, unitId, figures, reason: reason || null, confirmedTotalX100: tong, now });
  if (result.status === 'not_found') return { status: 'error', message: NOT_FOUND_MESSAGE };
  if (result.status === 'locked') return { status: 'error', message: LOCKED.finalised };
  if (result.status === 'reason_required') return { status: 'error', message: 'Vui lòng sửa các mục được đánh dấu.', fieldErrors: { 'ly-do': result.message }, values: { 'ly-do': reason } };
  // The summary the person confirmed is out of date: show the new one to confirm again.
  if (result.status === 'changed') redirect(`${sheetPath(periodId, unitId)}?xac-nhan-chot=1&doi=1#chot-ket-qua`);
  if (result.status !== 'ok') return { status: 'error', message: result.message };
  revalidatePath(`/danh-gia/${periodId}`, 'layout');
  // The forms disappear once the sheet is locked, so the outcome is said by the page it lands on.
  redirect(`${sheetPath(periodId, unitId)}?chot=1`);
});

/** An administrator reopens a finalised sheet, with a reason kept in the audit log. */
export const reopen = authorizedAction('evaluation.manage', ReopenSchema, async ({ periodId, unitId, reason }, viewer) => {
  const result = await reopenEvaluationSheet({ viewer, periodId, unitId, reason });
  if (result === 'not_found') return { status: 'error', message: NOT_FOUND_MESSAGE };
  if (result === 'not_finalised') return { status: 'error', message: 'Phiếu này chưa được chốt nên không cần mở lại.' };
  revalidatePath(`/danh-gia/${periodId}`, 'layout');
  redirect(`${sheetPath(periodId, unitId)}?mo-lai=1`);
});
