'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/field';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (prev: FormState, data: FormData) => Promise<FormState>;

/** Disable or enable an account (accounts are never deleted: their history keeps its author). */
export function AccountStatusForm({ action, userId, active }: { action: Action; userId: number; active: boolean }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="stack">
      <FormMessage state={state} />
      {state.fieldErrors?.active ? <p className="error">{state.fieldErrors.active}</p> : null}
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="active" value={active ? 'false' : 'true'} />
      <p className="muted">
        {active
          ? 'Vô hiệu hoá sẽ kết thúc ngay các phiên đăng nhập của tài khoản và chặn đăng nhập. Lịch sử thao tác vẫn được giữ.'
          : 'Tài khoản đang bị vô hiệu hoá. Kích hoạt lại để người dùng đăng nhập được.'}
      </p>
      <div>
        <button type="submit" className={active ? 'button secondary' : 'button'} disabled={pending}>
          {active ? 'Vô hiệu hoá tài khoản' : 'Kích hoạt lại tài khoản'}
        </button>
      </div>
    </form>
  );
}
