'use server';

import { revalidatePath } from 'next/cache';
import { assignQuestionSet } from '@/server/question-sets';
import type { FormState } from '@/lib/form-state';
import { AssignQuestionSetSchema } from '@/lib/validation/question-sets';
import { authorizedAction, NOT_FOUND_MESSAGE } from '@/server/actions';

/**
 * Which question set a unit's surveys use. Both the unit (in the viewer's
 * subtree) and the set (owned at or above the unit) are checked inside
 * assignQuestionSet, whatever the form offered.
 */
export const assignQuestionSetAction = authorizedAction('questionSets.manage', AssignQuestionSetSchema, async (input, viewer): Promise<FormState> => {
  const result = await assignQuestionSet({ viewer, ...input });
  if (result.status === 'not_found') return { status: 'error', message: NOT_FOUND_MESSAGE };
  if (result.status === 'forbidden') {
    return {
      status: 'error',
      message: 'Vui lòng sửa các mục được đánh dấu.',
      fieldErrors: { questionSetId: 'Đơn vị này không dùng được bộ câu hỏi đã chọn: chỉ chọn được bộ của chính đơn vị hoặc của đơn vị cấp trên.' },
    };
  }
  revalidatePath('/quan-tri/don-vi/[id]', 'page');
  revalidatePath('/quan-tri/bo-cau-hoi');
  revalidatePath('/quan-tri/bo-cau-hoi/[id]', 'page');
  return {
    status: 'ok',
    message: input.questionSetId === null ? 'Đơn vị sẽ dùng bộ câu hỏi của đơn vị cấp trên.' : 'Đã chọn bộ câu hỏi. Các phiếu mới của đơn vị và các đơn vị cấp dưới (nếu chưa chọn bộ riêng) dùng bộ này.',
  };
});
