'use client';

import { useActionState } from 'react';
import { FormMessage, SelectField } from '@/components/ui/field';
import { IDLE, type FormState } from '@/lib/form-state';
import { COMMENT_STATUS_LABELS, COMMENT_STATUS_VALUES, REPLY_MAX, type CommentStatusValue } from '@/lib/validation/comments';

type Action = (prev: FormState, data: FormData) => Promise<FormState>;

/**
 * An office head's handling of one comment, folded away until asked for: a
 * <details> (it opens without client JavaScript) with the reply, whose
 * sending marks the comment answered, and the status alone ("Đang xử lý"
 * while the office looks into it). Once either form has been sent the
 * details stays open, so its outcome is read where it was asked for, with
 * or without JavaScript. Ids carry the comment id, as a page holds many.
 */
export function CommentHandling({
  replyAction,
  statusAction,
  responseId,
  status,
  replyText,
}: {
  replyAction: Action;
  statusAction: Action;
  responseId: number;
  status: CommentStatusValue;
  replyText: string | null;
}) {
  const [replyState, sendReply, replying] = useActionState(replyAction, IDLE);
  const [statusState, sendStatus, changing] = useActionState(statusAction, IDLE);
  const prefix = `gop-y-${responseId}`;
  const replyId = `${prefix}-reply`;
  const replyError = replyState.fieldErrors?.reply;
  const answered = status === 'answered' && Boolean(replyText);
  // "Đã trả lời" by status alone only brings back a stored reply; a new answer goes through the reply form.
  const statusOptions = COMMENT_STATUS_VALUES.filter((s) => s !== 'answered' || replyText).map((value) => ({ value, label: COMMENT_STATUS_LABELS[value] }));
  const sent = replyState.status !== 'idle' || statusState.status !== 'idle';

  return (
    <details className="comment-handling" open={sent || undefined}>
      <summary>
        {answered ? 'Sửa câu trả lời' : 'Trả lời'}
        <span className="visually-hidden"> góp ý #{responseId}</span>
      </summary>
      <div className="stack">
        <form action={sendReply} className="stack comment-form" noValidate aria-label={`Trả lời góp ý #${responseId}`}>
          <input type="hidden" name="responseId" value={responseId} />
          <div className="field">
            <label htmlFor={replyId}>Nội dung trả lời</label>
            <textarea
              id={replyId}
              name="reply"
              rows={4}
              maxLength={REPLY_MAX}
              defaultValue={replyState.values?.reply ?? replyText ?? ''}
              aria-invalid={replyError ? true : undefined}
              aria-describedby={`${replyId}-hint${replyError ? ` ${replyId}-error` : ''}`}
            />
            <p className="hint" id={`${replyId}-hint`}>
              Khi gửi, góp ý tự chuyển sang “Đã trả lời”. Tối đa {REPLY_MAX} ký tự. Người góp ý đọc được nội dung này bằng mã tra cứu; không ghi thông tin cá nhân.
            </p>
            {replyError ? (
              <p className="error" id={`${replyId}-error`}>
                {replyError}
              </p>
            ) : null}
          </div>
          <div>
            <button type="submit" className="button" disabled={replying}>
              {replying ? 'Đang gửi…' : 'Gửi trả lời'}
            </button>
          </div>
          <FormMessage state={replyState} />
        </form>
        <form action={sendStatus} className="comment-status-form" noValidate aria-label={`Trạng thái góp ý #${responseId}`}>
          <input type="hidden" name="responseId" value={responseId} />
          <div className="inline-form labelled">
            <SelectField name="status" label="Trạng thái" idPrefix={prefix} state={statusState} options={statusOptions} defaultValue={status} />
            <button type="submit" className="button secondary" disabled={changing}>
              {changing ? 'Đang lưu…' : 'Đổi trạng thái'}
            </button>
          </div>
          <FormMessage state={statusState} />
        </form>
      </div>
    </details>
  );
}
