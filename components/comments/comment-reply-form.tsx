'use client';

import { useActionState } from 'react';
import { FormMessage, SelectField } from '@/components/ui/field';
import { IDLE, type FormState } from '@/lib/form-state';
import { COMMENT_STATUS_LABELS, COMMENT_STATUS_VALUES, REPLY_MAX, type CommentStatusValue } from '@/lib/validation/comments';

type Action = (prev: FormState, data: FormData) => Promise<FormState>;

const STATUS_OPTIONS = COMMENT_STATUS_VALUES.map((value) => ({ value, label: COMMENT_STATUS_LABELS[value] }));

/** Status and reply for one comment (office heads only); ids carry the comment id, as a page holds many. */
export function CommentReplyForm({ action, responseId, status, replyText }: { action: Action; responseId: number; status: CommentStatusValue; replyText: string | null }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const prefix = `gop-y-${responseId}`;
  const replyId = `${prefix}-reply`;
  const replyError = state.fieldErrors?.reply;
  return (
    <form action={formAction} className="stack comment-form" noValidate aria-label={`Xử lý góp ý #${responseId}`}>
      <input type="hidden" name="responseId" value={responseId} />
      <SelectField name="status" label="Trạng thái" idPrefix={prefix} state={state} options={STATUS_OPTIONS} defaultValue={status} />
      <div className="field">
        <label htmlFor={replyId}>Nội dung trả lời</label>
        <textarea
          id={replyId}
          name="reply"
          rows={3}
          maxLength={REPLY_MAX}
          defaultValue={state.values?.reply ?? (status === 'answered' ? (replyText ?? '') : '')}
          aria-invalid={replyError ? true : undefined}
          aria-describedby={`${replyId}-hint${replyError ? ` ${replyId}-error` : ''}`}
        />
        <p className="hint" id={`${replyId}-hint`}>
          Tối đa {REPLY_MAX} ký tự. Người góp ý đọc được nội dung này bằng mã tra cứu; không ghi thông tin cá nhân.
        </p>
        {replyError ? (
          <p className="error" id={`${replyId}-error`}>
            {replyError}
          </p>
        ) : null}
      </div>
      <div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Đang lưu…' : 'Lưu'}
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
