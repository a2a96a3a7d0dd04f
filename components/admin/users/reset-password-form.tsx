'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/field';
import { IDLE, type FormState } from '@/lib/form-state';
import { OneTimePassword } from './one-time-password';

type Action = (prev: FormState, data: FormData) => Promise<FormState>;

/** Replaces the password with a one-time one, shown once; the account's open sessions end. */
export function ResetPasswordForm({ action, userId, username }: { action: Action; userId: number; username: string }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  if (state.status === 'ok' && state.values?.oneTimePassword) {
    return (
      <div className="stack">
        <p className="form-ok" role="status">
          {state.message}
        </p>
        <OneTimePassword username={username} password={state.values.oneTimePassword} />
      </div>
    );
  }
  const error = state.fieldErrors?.confirm;
  return (
    <form action={formAction} className="stack" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="userId" value={userId} />
      <div className="field">
        <label className="check">
          <input type="checkbox" name="confirm" aria-invalid={error ? true : undefined} aria-describedby={error ? 'confirm-error' : undefined} />
          Tôi hiểu rằng mật khẩu cũ sẽ hết hiệu lực và các phiên đăng nhập của tài khoản này sẽ kết thúc.
        </label>
        {error ? (
          <p className="error" id="confirm-error">
            {error}
          </p>
        ) : null}
      </div>
      <div>
        <button type="submit" className="button secondary" disabled={pending}>
          {pending ? 'Đang đặt lại…' : 'Đặt lại mật khẩu'}
        </button>
      </div>
    </form>
  );
}
