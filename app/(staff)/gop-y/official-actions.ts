'use server';

import { revalidatePath } from 'next/cache';
import { linkCommentOfficial } from '@/db/queries/official-figures';
import type { FormState } from '@/lib/form-state';
import { LinkCommentOfficialSchema } from '@/lib/validation/officials';
import { authorizedAction, NOT_FOUND_MESSAGE } from '@/server/actions';

/**
 * Links a comment to the official of its office it praises or criticises (or
 * unlinks it): the office head's call, audited; the comment then shows on
 * that official's figures page.
 */
export const linkCommentOfficialAction = authorizedAction('comments.reply', LinkCommentOfficialSchema, async ({ responseId, officialId }, viewer): Promise<FormState> => {
  const result = await linkCommentOfficial({ viewer, responseId, officialId });
  if (result.status === 'not_found') return { status: 'error', message: NOT_FOUND_MESSAGE };
  if (result.status === 'bad_official') {
    return { status: 'error', message: 'Vui lòng chọn một cán bộ đang làm việc tại đơn vị của góp ý này.', fieldErrors: { officialId: 'Cán bộ này không thuộc đơn vị của góp ý.' } };
  }
  revalidatePath('/gop-y');
  if (!result.changed) return { status: 'ok', message: 'Không có thay đổi nào để lưu.' };
  return { status: 'ok', message: officialId === null ? 'Đã bỏ gắn góp ý với cán bộ.' : 'Đã gắn góp ý với cán bộ.' };
});
