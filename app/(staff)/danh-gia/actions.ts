'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { criteriaOf } from '@/lib/evaluation/rubric';
import { automaticPoints } from '@/lib/evaluation/scoring';
import type { FormState } from '@/lib/form-state';
import { CreatePeriodSchema, readSheetEntries, ReopenSchema, RubricFormSchema, SheetFormSchema, SheetRefSchema } from '@/lib/validation/evaluation';
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

/** Locks the reviewed points; refused with the criteria still missing. */
export const finalise = authorizedAction('evaluation.review', SheetRefSchema, async ({ periodId, unitId }, viewer) => {
  const page = await loadSheetPage(viewer, { periodId, unitId, now: new Date() });
  if (!page) return { status: 'error', message: NOT_FOUND_MESSAGE };
  const { figures } = await officeFigures(viewer, { unitPath: page.unit.path, unitId, year: page.period.year, now: new Date() });
  const result = await finaliseEvaluationSheet({ viewer, periodId, unitId, figures });
  if (result.status === 'not_found') return { status: 'error', message: NOT_FOUND_MESSAGE };
  if (result.status === 'locked') return { status: 'error', message: LOCKED.finalised };
  if (result.status === 'incomplete') return { status: 'error', message: result.message };
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
