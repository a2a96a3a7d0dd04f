'use server';

import { revalidatePath } from 'next/cache';
import { replyToComment, setCommentStatus } from '@/server/comments';
import { COMMENT_STATUS_LABELS, HandleCommentSchema } from '@/lib/validation/comments';
import { authorizedAction, NOT_FOUND_MESSAGE } from '@/server/actions';

/**
 * One form per comment: "Đã trả lời" stores the reply (and shows it to the
 * citizen holding the receipt code); any other status only changes the status.
 * A comment outside the office head's subtree answers like a missing one.
 */
export const handleComment = authorizedAction('comments.reply', HandleCommentSchema, async ({ responseId, status, reply }, viewer) => {
  const saved =
    status === 'answered'
      ? await replyToComment({ viewer, responseId, replyText: reply })
      : await setCommentStatus({ viewer, responseId, status });
  if (!saved) return { status: 'error', message: NOT_FOUND_MESSAGE };
  revalidatePath('/gop-y');
  return {
    status: 'ok',
    message: status === 'answered' ? 'Đã gửi trả lời. Người góp ý xem được bằng mã tra cứu.' : `Đã chuyển trạng thái thành “${COMMENT_STATUS_LABELS[status]}”.`,
  };
});
