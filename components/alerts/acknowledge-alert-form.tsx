'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/field';
import { IDLE, type FormState } from '@/lib/form-state';
import { NOTE_MAX } from '@/lib/validation/alerts';

type Action = (prev: FormState, data: FormData) => Promise<FormState>;

/** The office head's note closing one alert; ids carry the alert id, as the page holds one form per open alert. */
export function AcknowledgeAlertForm({ action, alertId }: { action: Action; alertId: number }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const noteId = `canh-bao-${alertId}-note`;
  const error = state.fieldErrors?.note ?? state.fieldErrors?.id;
  return (
    <form action={formAction} className="stack alert-ack-form" noValidate aria-label={`Xác nhận cảnh báo #${alertId}`}>
      <input type="hidden" name="id" value={alertId} />
      <div className="field">
        <label htmlFor={noteId}>Ghi chú xử lý</label>
        <textarea
          id={noteId}
          name="note"
          rows={2}
          maxLength={NOTE_MAX}
          defaultValue={state.values?.note ?? ''}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${noteId}-hint${error ? ` ${noteId}-error` : ''}`}
        />
        <p className="hint" id={`${noteId}-hint`}>
          Bắt buộc, tối đa {NOTE_MAX} ký tự: đơn vị đã kiểm tra gì, đã làm gì.
        </p>
        {error ? (
          <p className="error" id={`${noteId}-error`}>
            {error}
          </p>
        ) : null}
      </div>
      <div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Đang lưu…' : 'Xác nhận đã xử lý'}
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
