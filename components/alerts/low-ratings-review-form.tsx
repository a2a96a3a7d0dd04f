'use client';

import { useActionState, type ReactNode } from 'react';
import { FormMessage } from '@/components/ui/field';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (prev: FormState, data: FormData) => Promise<FormState>;

/**
 * The form around the low ratings table: each row's "Đã xem xét" button
 * sends its own id; the button below sends every id listed. Works without
 * JavaScript (a plain form post to the server action). The page keeps it
 * mounted when the list empties, so the confirmation stays on screen.
 */
export function LowRatingsReviewForm({ action, ids, children }: { action: Action; ids: number[]; children: ReactNode }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="stack" aria-label="Xem xét đánh giá thấp" aria-busy={pending || undefined}>
      <FormMessage state={state} />
      {children}
      {ids.length > 0 ? (
        <div>
          <input type="hidden" name="ids" value={ids.join(',')} />
          <button type="submit" name="all" value="1" className="button secondary" disabled={pending}>
            {ids.length === 1 ? 'Đánh dấu đánh giá trên là đã xem xét' : `Đánh dấu cả ${ids.length.toLocaleString('vi-VN')} đánh giá trên là đã xem xét`}
          </button>
        </div>
      ) : null}
    </form>
  );
}
