'use client';

import { useActionState, useState, type ReactNode } from 'react';
import { FormMessage } from '@/components/ui/field';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (prev: FormState, data: FormData) => Promise<FormState>;

/**
 * A revoking button that asks once more before it acts: "Thu hồi…" opens the
 * question (what stops, what is kept) with "Xác nhận thu hồi" and "Huỷ".
 * `field` is the hidden input naming what is revoked; after success only the
 * action's message stays, and something `revoked` already offers nothing.
 */
export function ConfirmRevokeForm({
  action,
  field,
  question,
  buttonLabel,
  revoked = false,
}: {
  action: Action;
  field: { name: string; value: number };
  /** The question, its first words in <strong>. */
  question: ReactNode;
  /** The button's accessible name, where "Thu hồi…" alone would not say what it revokes. */
  buttonLabel?: string;
  revoked?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const [confirming, setConfirming] = useState(false);
  const questionId = `revoke-${field.name}-${field.value}-q`;
  if (state.status === 'ok') {
    return (
      <p className="form-ok" role="status">
        {state.message}
      </p>
    );
  }
  if (revoked) return null;
  if (!confirming) {
    return (
      <div className="button-form">
        <FormMessage state={state} />
        <button type="button" className="button secondary" onClick={() => setConfirming(true)} aria-label={buttonLabel}>
          Thu hồi…
        </button>
      </div>
    );
  }
  return (
    <form action={formAction} className="stack" role="group" aria-labelledby={questionId}>
      <FormMessage state={state} />
      <p id={questionId}>{question}</p>
      <input type="hidden" name={field.name} value={field.value} />
      <div className="row-actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Đang thu hồi…' : 'Xác nhận thu hồi'}
        </button>
        <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
          Huỷ
        </button>
      </div>
    </form>
  );
}
