'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getUnitInScope } from '@/db/queries/unit-tree';
import type { FormState } from '@/lib/form-state';
import {
  AssignSetToUnitSchema,
  CopyQuestionSetSchema,
  editableQuestions,
  parseQuestionSetEdit,
  QuestionSetEditSchema,
  sameDefinition,
  SetDefaultQuestionSetSchema,
} from '@/lib/validation/question-sets';
import { authorizedAction, NOT_FOUND_MESSAGE } from '@/server/actions';
import { assignQuestionSet, copyQuestionSet, createQuestionSetVersion, getQuestionSetForAdmin, listQuestionSetVersions, setDefaultQuestionSet } from '@/server/question-sets';

const READ_ONLY: FormState = {
  status: 'error',
  message: 'Bộ câu hỏi này thuộc đơn vị cấp trên nên Ông/Bà chỉ xem được. Hãy sao chép thành bộ câu hỏi của đơn vị mình để sửa.',
};

const stale = (latest: number): FormState => ({
  status: 'error',
  message: `Bộ câu hỏi vừa được lưu thành phiên bản ${latest} bởi người khác. Vui lòng tải lại trang để sửa trên phiên bản mới nhất.`,
});

/**
 * Saves the editor as version N+1 (never edits version N). The per-question
 * fields depend on the set, so they are checked after the set is read.
 */
export const saveQuestionSetVersion = authorizedAction('questionSets.manage', QuestionSetEditSchema, async (input, viewer): Promise<FormState> => {
  const { questionSetId, baseVersion, ...fields } = input;
  // Checked before the form is parsed so that a set the viewer cannot see says nothing about its questions.
  const set = await getQuestionSetForAdmin({ viewer, questionSetId });
  if (!set) return { status: 'error', message: NOT_FOUND_MESSAGE };
  if (!set.canChange) return READ_ONLY;
  const versions = await listQuestionSetVersions({ questionSetId });
  const latest = versions.at(-1);
  if (!latest) return { status: 'error', message: NOT_FOUND_MESSAGE };
  if (latest.version !== baseVersion) return stale(latest.version);

  const values = fields as Record<string, string>;
  const edit = parseQuestionSetEdit(values, editableQuestions(versions.map((v) => v.definition)));
  if (!edit.ok) return { status: 'error', message: 'Vui lòng sửa các mục được đánh dấu.', fieldErrors: edit.fieldErrors, values };
  if (sameDefinition(edit.definition, latest.definition)) {
    return { status: 'ok', message: 'Không có thay đổi nào nên chưa tạo phiên bản mới.', values };
  }

  const saved = await createQuestionSetVersion({ viewer, questionSetId, baseVersion, definition: edit.definition });
  if (saved.status === 'not_found') return { status: 'error', message: NOT_FOUND_MESSAGE };
  if (saved.status === 'forbidden') return READ_ONLY;
  if (saved.status === 'stale') return stale(saved.latestVersion);
  revalidatePath('/quan-tri/bo-cau-hoi');
  redirect(`/quan-tri/bo-cau-hoi/${questionSetId}?moi=${saved.version}`);
});

export const copySet = authorizedAction('questionSets.manage', CopyQuestionSetSchema, async ({ sourceId, name, ownerUnitId }, viewer): Promise<FormState> => {
  if (ownerUnitId != null && !(await getUnitInScope({ viewer, unitId: ownerUnitId }))) {
    return { status: 'error', message: 'Vui lòng sửa các mục được đánh dấu.', fieldErrors: { ownerUnitId: 'Vui lòng chọn đơn vị trong danh sách.' } };
  }
  const copy = await copyQuestionSet({ viewer, sourceId, name, ownerUnitId });
  if (!copy) return { status: 'error', message: 'Vui lòng sửa các mục được đánh dấu.', fieldErrors: { sourceId: 'Không tìm thấy bộ câu hỏi này.' } };
  revalidatePath('/quan-tri/bo-cau-hoi');
  redirect(`/quan-tri/bo-cau-hoi/${copy.id}?moi=1`);
});

/** The default set of the whole tree: only administrators scoped at the root (checked again in setDefaultQuestionSet). */
export const makeDefaultSet = authorizedAction('questionSets.manage', SetDefaultQuestionSetSchema, async ({ questionSetId }, viewer): Promise<FormState> => {
  const result = await setDefaultQuestionSet({ viewer, questionSetId });
  if (result === 'not_found') return { status: 'error', message: NOT_FOUND_MESSAGE };
  if (result === 'forbidden') return { status: 'error', message: 'Chỉ quản trị viên cấp tỉnh đặt được bộ câu hỏi mặc định.' };
  revalidatePath('/quan-tri/bo-cau-hoi');
  revalidatePath('/quan-tri/bo-cau-hoi/[id]', 'page');
  return { status: 'ok', message: 'Đã đặt làm bộ câu hỏi mặc định. Các đơn vị chưa chọn bộ riêng dùng bộ này cho phiếu mới.' };
});

/**
 * From a set's page: the unit picked in the tree uses this set from its next
 * rating on (survey and kiosk), and so do the units below it that did not
 * choose their own; audited by assignQuestionSet, which checks the unit and
 * the set again whatever the form offered.
 */
export const assignSetToUnit = authorizedAction('questionSets.manage', AssignSetToUnitSchema, async ({ questionSetId, unitId }, viewer): Promise<FormState> => {
  const values = { unitId: String(unitId) };
  const unit = await getUnitInScope({ viewer, unitId });
  const set = unit ? await getQuestionSetForAdmin({ viewer, questionSetId }) : null;
  if (!unit || !set) return { status: 'error', message: 'Vui lòng sửa các mục được đánh dấu.', fieldErrors: { unitId: 'Vui lòng chọn đơn vị trong danh sách.' }, values };
  const result = await assignQuestionSet({ viewer, unitId, questionSetId });
  if (result.status !== 'assigned') {
    return {
      status: 'error',
      message: 'Vui lòng sửa các mục được đánh dấu.',
      fieldErrors: { unitId: `${unit.name} không dùng được bộ câu hỏi này: chỉ các đơn vị thuộc ${set.ownerName ?? 'cấp tỉnh'} dùng được.` },
      values,
    };
  }
  revalidatePath('/quan-tri/bo-cau-hoi/[id]', 'page');
  revalidatePath('/quan-tri/don-vi/[id]', 'page');
  return {
    status: 'ok',
    message: `Đã giao bộ câu hỏi cho ${unit.name}. Phiếu khảo sát và kiosk của đơn vị (và các đơn vị cấp dưới chưa chọn bộ riêng) dùng bộ này từ lượt đánh giá tiếp theo.`,
  };
});
