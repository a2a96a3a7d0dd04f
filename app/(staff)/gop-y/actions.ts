'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { replyToComment, setCommentStatus } from '@/db/queries/comments';
import { COMMENT_STATUS_LABELS, HandleCommentSchema } from '@/lib/validation/comments';
import { authorizedAction, NOT_FOUND_MESSAGE } from '@/server/actions';

/**
 * One form per comment: "Đã trả lời" stores the reply (and shows it to the
 * citizen holding the receipt code); any other status only changes the status.
 * A comment outside the office head's subtree answers like a missing one.
 */
export const handleComment = authorizedAction('comments.reply', HandleCommentSchema, ({ responseId, status, reply }, viewer) => {
  const db = getDb();
  const saved =
    status === 'answered'
      ? replyToComment(db, { viewer, responseId, replyText: reply })
      : setCommentStatus(db, { viewer, responseId, status });
  if (!saved) return { status: 'error', message: NOT_FOUND_MESSAGE };
  revalidatePath('/gop-y');
  return {
    status: 'ok',
    message: status === 'answered' ? 'Đã gửi trả lời. Người góp ý xem được bằng mã tra cứu.' : `Đã chuyển trạng thái thành “${COMMENT_STATUS_LABELS[status]}”.`,
  };
});
