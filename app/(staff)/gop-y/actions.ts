'use server';

import { revalidatePath } from 'next/cache';
import { replyToComment, setCommentStatus } from '@/server/comments';
import { COMMENT_STATUS_LABELS, CommentStatusSchema, ReplyCommentSchema } from '@/lib/validation/comments';
import { authorizedAction, NOT_FOUND_MESSAGE } from '@/server/actions';

/**
 * Sends (or replaces) the reply to a comment: the comment becomes "Đã trả lời"
 * at once, and the citizen holding the receipt code reads the reply. A
 * comment outside the office head's subtree answers like a missing one.
 */
export const replyComment = authorizedAction('comments.reply', ReplyCommentSchema, async ({ responseId, reply }, viewer) => {
  const result = await replyToComment({ viewer, responseId, replyText: reply });
  if (!result.ok) return { status: 'error', message: NOT_FOUND_MESSAGE };
  revalidatePath('/gop-y');
  return { status: 'ok', message: 'Đã gửi trả lời; góp ý chuyển sang “Đã trả lời”. Người góp ý xem được bằng mã tra cứu.' };
});

/** Changes only the status ("Đang xử lý" while the office looks into it); a stored reply is kept. */
export const changeCommentStatus = authorizedAction('comments.reply', CommentStatusSchema, async ({ responseId, status }, viewer) => {
  const result = await setCommentStatus({ viewer, responseId, status });
  if (!result.ok) {
    if (result.reason === 'needs_reply') {
      return { status: 'error', message: 'Góp ý này chưa có câu trả lời: hãy gửi trả lời ở trên, trạng thái sẽ tự chuyển thành “Đã trả lời”.' };
    }
    return { status: 'error', message: NOT_FOUND_MESSAGE };
  }
  revalidatePath('/gop-y');
  return { status: 'ok', message: `Đã chuyển trạng thái thành “${COMMENT_STATUS_LABELS[status]}”.` };
});
