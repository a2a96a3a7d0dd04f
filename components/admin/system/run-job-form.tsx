'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/field';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (prev: FormState, data: FormData) => Promise<FormState>;

/** "Chạy ngay" for one background job; the outcome is announced beside it. */
export function RunJobForm({ action, name, label }: { action: Action; name: string; label: string }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} aria-label={`Chạy ngay: ${label}`} className="run-job-form">
      <input type="hidden" name="name" value={name} />
      <button type="submit" className="button" disabled={pending}>
        {pending ? 'Đang chạy…' : 'Chạy ngay'}
      </button>
      <FormMessage state={state} />
    </form>
  );
}
