'use client';

import { useActionState } from 'react';
import { ConfirmRevokeForm } from '@/components/ui/confirm-revoke-form';
import { Field, FormMessage } from '@/components/ui/field';
import { IDLE, type FormState } from '@/lib/form-state';
import { PairingCode } from './pairing-code';

type Action = (prev: FormState, data: FormData) => Promise<FormState>;

/** Name and idle timeout of one kiosk; the tablet picks them up at its next contact. */
export function UpdateKioskForm({ action, kioskId, name, idleSeconds }: { action: Action; kioskId: number; name: string; idleSeconds: number }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const prefix = `kiosk-${kioskId}`;
  return (
    <form action={formAction} className="stack" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="kioskId" value={kioskId} />
      <div className="inline-form labelled">
        <Field name="name" idPrefix={prefix} label="Tên kiosk" state={state} defaultValue={name} maxLength={80} autoComplete="off" required />
        <Field
          name="idleSeconds"
          idPrefix={prefix}
          label="Về màn hình đầu sau (giây)"
          type="number"
          inputMode="numeric"
          state={state}
          defaultValue={String(idleSeconds)}
          required
        />
        <button type="submit" className="button secondary" disabled={pending}>
          {pending ? 'Đang lưu…' : 'Lưu'}
        </button>
      </div>
    </form>
  );
}

/** A new pairing code for this kiosk, shown once. */
export function RepairKioskForm({ action, kioskId, kioskName, paired }: { action: Action; kioskId: number; kioskName: string; paired: boolean }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  if (state.status === 'ok' && state.values?.pairingCode) {
    return (
      <div className="stack">
        <p className="form-ok" role="status">
          {state.message}
        </p>
        <PairingCode code={state.values.pairingCode} expiresAt={state.values.expiresAt ?? ''} kioskName={kioskName} titleId={`kiosk-${kioskId}-code`} />
      </div>
    );
  }
  return (
    <form action={formAction} className="button-form">
      <FormMessage state={state} />
      <input type="hidden" name="kioskId" value={kioskId} />
      <button type="submit" className="button secondary" disabled={pending}>
        {pending ? 'Đang tạo mã…' : 'Tạo mã ghép nối mới'}
      </button>
      {paired ? <span className="hint muted">Máy tính bảng đang ghép nối sẽ phải nhập mã mới.</span> : null}
    </form>
  );
}

/** Revoking asks once more before it acts: the tablet stops taking ratings for this office. */
export function RevokeKioskForm({ action, kioskId, kioskName, revoked }: { action: Action; kioskId: number; kioskName: string; revoked: boolean }) {
  return (
    <ConfirmRevokeForm
      action={action}
      field={{ name: 'kioskId', value: kioskId }}
      revoked={revoked}
      question={
        <>
          <strong>Thu hồi kiosk “{kioskName}”?</strong> Máy tính bảng sẽ ngừng nhận đánh giá và về màn hình ghép nối ở lần liên lạc tới. Các đánh giá đã gửi
          vẫn được giữ.
        </>
      }
    />
  );
}
