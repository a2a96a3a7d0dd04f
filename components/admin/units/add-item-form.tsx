'use client';

import { useActionState } from 'react';
import { FormMessage, Field } from '@/components/ui/field';
import { IDLE } from '@/lib/form-state';
import { NAME_MAX } from '@/lib/validation/units';
import type { FormAction } from './types';

/** Adds a named item (a counter, a procedure field) to a unit. */
export function AddItemForm({ action, unitId, idPrefix, label, button, hint }: { action: FormAction; unitId: number; idPrefix: string; label: string; button: string; hint?: string }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="stack" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="unitId" value={unitId} />
      <div className="inline-form labelled">
        <Field idPrefix={idPrefix} name="name" label={label} maxLength={NAME_MAX} hint={hint} state={state} required />
        <button type="submit" className="button" disabled={pending}>
          {button}
        </button>
      </div>
    </form>
  );
}
