'use client';

import { useActionState } from 'react';
import { FormMessage, Field } from '@/components/ui/field';
import { IDLE } from '@/lib/form-state';
import { NAME_MAX } from '@/lib/validation/units';
import type { FormAction } from './types';

/** Renames one row (a counter, a procedure field) in place: name and display order. */
export function RenameItemForm({
  action,
  idName,
  item,
  nameLabel,
}: {
  action: FormAction;
  /** The hidden field that carries the row's id ("counterId", "fieldId"). */
  idName: string;
  item: { id: number; name: string; sortOrder: number };
  nameLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const p = `${idName}-${item.id}`;
  return (
    <form action={formAction} noValidate>
      <input type="hidden" name={idName} value={item.id} />
      <div className="inline-form">
        <Field idPrefix={p} name="name" label={`${nameLabel}: ${item.name}`} hideLabel maxLength={NAME_MAX} defaultValue={item.name} state={state} required />
        <Field idPrefix={p} name="sortOrder" label={`Thứ tự hiển thị của ${item.name}`} hideLabel inputMode="numeric" className="field-short" defaultValue={String(item.sortOrder)} state={state} />
        <button type="submit" className="button secondary" disabled={pending} aria-label={`Lưu tên ${item.name}`}>
          Lưu
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
