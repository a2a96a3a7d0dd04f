'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/field';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (prev: FormState, data: FormData) => Promise<FormState>;

/** The office head links a comment to the official of its office it concerns, or unlinks it. */
export function CommentOfficialLink({
  action,
  responseId,
  officialId,
  officials,
}: {
  action: Action;
  responseId: number;
  officialId: number | null;
  officials: { id: number; label: string }[];
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const id = `can-bo-${responseId}`;
  const error = state.fieldErrors?.officialId;
  return (
    <form action={formAction} className="stack comment-official">
      <input type="hidden" name="responseId" value={responseId} />
      <div className="field">
        <label htmlFor={id}>Cán bộ được nhắc tới trong góp ý</label>
        <select key={officialId ?? ''} id={id} name="officialId" defaultValue={officialId ? String(officialId) : ''} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
          <option value="">— Không gắn với cán bộ nào —</option>
          {officials.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
        {error ? (
          <p className="error" id={`${id}-error`}>
            {error}
          </p>
        ) : null}
      </div>
      <div>
        <button type="submit" className="button secondary" disabled={pending}>
          Lưu cán bộ được nhắc tới
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
