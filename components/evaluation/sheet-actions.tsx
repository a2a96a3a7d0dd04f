'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/field';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (prev: FormState, data: FormData) => Promise<FormState>;

/**
 * The second step of finalising (the first is the summary the page shows at
 * ?xac-nhan-chot=1, reached by a link, so both steps work without
 * JavaScript): the total the person saw goes with the form and must still be
 * the total; before the year ends an administrator must give a reason.
 */
export function FinaliseConfirmForm({
  action,
  periodId,
  unitId,
  totalX100,
  override,
  cancelHref,
}: {
  action: Action;
  periodId: number;
  unitId: number;
  totalX100: number;
  /** The year has not ended: this is an administrator's early finalisation, with a reason. */
  override: { year: number; endDay: string } | null;
  cancelHref: string;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const err = state.fieldErrors?.['ly-do'];
  return (
    <form action={formAction} className="stack" noValidate aria-label="Xác nhận chốt kết quả">
      <input type="hidden" name="periodId" value={periodId} />
      <input type="hidden" name="unitId" value={unitId} />
      <input type="hidden" name="xac-nhan" value="1" />
      <input type="hidden" name="tong" value={totalX100} />
      {override ? (
        <div className="field">
          <label htmlFor="chot-ly-do">Lý do chốt sớm (trước khi hết năm {override.year})</label>
          <textarea
            id="chot-ly-do"
            name="ly-do"
            rows={2}
            maxLength={500}
            required
            defaultValue={state.values?.['ly-do'] ?? ''}
            aria-invalid={err ? true : undefined}
            aria-describedby={err ? 'chot-ly-do-hint chot-ly-do-error' : 'chot-ly-do-hint'}
          />
          <p className="hint" id="chot-ly-do-hint">
            Ít nhất 10 ký tự; lý do được lưu vào nhật ký cùng kết quả chốt.
          </p>
          {err ? (
            <p className="error" id="chot-ly-do-error">
              {err}
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="report-toolbar">
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Đang chốt…' : override ? 'Chốt sớm kết quả' : 'Xác nhận chốt kết quả'}
        </button>
        <a className="button secondary" href={cancelHref}>
          Quay lại, chưa chốt
        </a>
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
