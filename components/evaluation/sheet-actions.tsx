'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/field';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (prev: FormState, data: FormData) => Promise<FormState>;

/** The assessor locks the sheet. */
export function FinaliseForm({ action, periodId, unitId, summary }: { action: Action; periodId: number; unitId: number; summary: string }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="stack" aria-label="Chốt kết quả">
      <input type="hidden" name="periodId" value={periodId} />
      <input type="hidden" name="unitId" value={unitId} />
      <p>{summary} Sau khi chốt, điểm được khoá và ghi vào nhật ký; chỉ quản trị mở lại được (có ghi lý do).</p>
      <div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Đang chốt…' : 'Chốt kết quả'}
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

/** An administrator reopens a finalised sheet with a reason. */
export function ReopenForm({ action, periodId, unitId }: { action: Action; periodId: number; unitId: number }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const err = state.fieldErrors?.reason;
  return (
    <form action={formAction} className="stack" noValidate aria-label="Mở lại phiếu">
      <input type="hidden" name="periodId" value={periodId} />
      <input type="hidden" name="unitId" value={unitId} />
      <div className="field">
        <label htmlFor="mo-lai-ly-do">Lý do mở lại</label>
        <textarea
          id="mo-lai-ly-do"
          name="reason"
          rows={2}
          maxLength={500}
          defaultValue={state.values?.reason ?? ''}
          aria-invalid={err ? true : undefined}
          aria-describedby={err ? 'mo-lai-ly-do-error' : 'mo-lai-ly-do-hint'}
        />
        <p className="hint" id="mo-lai-ly-do-hint">
          Ít nhất 10 ký tự; lý do được lưu vào nhật ký.
        </p>
        {err ? (
          <p className="error" id="mo-lai-ly-do-error">
            {err}
          </p>
        ) : null}
      </div>
      <div>
        <button type="submit" className="button secondary" disabled={pending}>
          {pending ? 'Đang mở lại…' : 'Mở lại phiếu'}
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
