'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/field';
import { IDLE } from '@/lib/form-state';
import type { FormAction } from './types';

/**
 * One button that posts fixed values (enable, disable, give a code). Kept at
 * one position while its label flips, so the outcome message survives the refresh.
 */
export function ButtonForm({
  action,
  values,
  label,
  secondary,
  accessibleLabel,
}: {
  action: FormAction;
  values: Record<string, string | number>;
  label: string;
  secondary?: boolean;
  /** When the visible label alone is ambiguous (one "Tắt" per row). */
  accessibleLabel?: string;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="button-form">
      {Object.entries(values).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={secondary ? 'button secondary' : 'button'} disabled={pending} aria-label={accessibleLabel}>
        {label}
      </button>
      <FormMessage state={state} />
    </form>
  );
}
