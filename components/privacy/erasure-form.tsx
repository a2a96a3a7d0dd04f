'use client';

import { useActionState } from 'react';
import { Field, FormMessage } from '@/components/ui/field';
import { IDLE, type FormState } from '@/lib/form-state';
import { ERASURE_NOTE_MAX } from '@/lib/validation/erasure';

type Action = (prev: FormState, data: FormData) => Promise<FormState>;

/** Staff record a request to erase a citizen's phone number: the receipt code or the number, and how the request came. */
export function ErasureForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const noteError = state.fieldErrors?.note;
  return (
    <form action={formAction} className="stack" noValidate aria-labelledby="ghi-nhan-title">
      <Field name="receiptCode" label="Mã tra cứu của góp ý" state={state} hint="8 ký tự in trên trang cảm ơn, nếu người dân đọc được mã." maxLength={32} autoComplete="off" />
      <Field name="phone" label="Hoặc số điện thoại cần xoá" state={state} type="tel" inputMode="tel" hint="Xoá số này khỏi mọi phiếu đánh giá trong phạm vi của Ông/Bà." maxLength={32} autoComplete="off" />
      <div className="field">
        <label htmlFor="note">Cách nhận yêu cầu</label>
        <textarea
          id="note"
          name="note"
          rows={2}
          maxLength={ERASURE_NOTE_MAX}
          defaultValue={state.values?.note ?? ''}
          aria-invalid={noteError ? true : undefined}
          aria-describedby={`note-hint${noteError ? ' note-error' : ''}`}
        />
        <p className="hint" id="note-hint">
          Bắt buộc: ai yêu cầu, lúc nào, qua kênh nào (ví dụ: “Người dân gọi điện lúc 9 giờ ngày 5/12”). Không ghi lại số điện thoại.
        </p>
        {noteError ? (
          <p className="error" id="note-error">
            {noteError}
          </p>
        ) : null}
      </div>
      <div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Đang xoá…' : 'Xoá số điện thoại'}
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
