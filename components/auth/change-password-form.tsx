'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { Field, FormMessage } from '@/components/ui/field';
import { IDLE, type FormState } from '@/lib/form-state';
import { PASSWORD_MIN } from '@/lib/validation/auth';

export function ChangePasswordForm({ action }: { action: (prev: FormState, data: FormData) => Promise<FormState> }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  if (state.status === 'ok') {
    return (
      <p className="form-ok" role="status">
        {state.message} <Link href="/login">Đăng nhập</Link>
      </p>
    );
  }
  return (
    <form action={formAction} className="stack" noValidate>
      <FormMessage state={state} />
      <Field name="current" label="Mật khẩu hiện tại" type="password" autoComplete="current-password" state={state} required />
      <Field name="next" label="Mật khẩu mới" type="password" autoComplete="new-password" hint={`Ít nhất ${PASSWORD_MIN} ký tự.`} state={state} required />
      <Field name="confirm" label="Nhập lại mật khẩu mới" type="password" autoComplete="new-password" state={state} required />
      <button type="submit" className="button" disabled={pending}>
        Đổi mật khẩu
      </button>
    </form>
  );
}
