'use client';

import { useActionState } from 'react';
import { DateInput } from '@/components/ui/date-input';
import { CheckboxField, Field, FormMessage, HintAndError, SelectField, type Option } from '@/components/ui/field';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (prev: FormState, data: FormData) => Promise<FormState>;

/** One field of a recognition form, described as data so the server page can lay out many small forms. */
export type FieldSpec =
  | { kind: 'hidden'; name: string; value: string }
  | { kind: 'text'; name: string; label: string; defaultValue?: string; hint?: string; inputMode?: 'numeric' | 'text'; maxLength?: number }
  | { kind: 'textarea'; name: string; label: string; defaultValue?: string; hint?: string; rows?: number }
  | { kind: 'select'; name: string; label: string; options: Option[]; defaultValue?: string; hint?: string; placeholder?: string }
  | { kind: 'date'; name: string; label: string; defaultValue?: string | null; hint?: string }
  | { kind: 'checkbox'; name: string; label: string; defaultChecked?: boolean; hint?: string };

function TextArea({ spec, state, idPrefix }: { spec: Extract<FieldSpec, { kind: 'textarea' }>; state: FormState; idPrefix: string }) {
  const id = `${idPrefix}-${spec.name}`;
  const error = state.fieldErrors?.[spec.name];
  const describedBy = [spec.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{spec.label}</label>
      <textarea id={id} name={spec.name} rows={spec.rows ?? 3} defaultValue={state.values?.[spec.name] ?? spec.defaultValue} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
      <HintAndError id={id} hint={spec.hint} error={error} />
    </div>
  );
}

/**
 * A small staff form whose action returns a FormState: every field's error
 * beside it, the outcome announced (aria-live), what was typed kept after a
 * refusal. `idPrefix` keeps ids unique where a page holds many such forms.
 */
export function ActionForm({ action, label, submit, pending: pendingLabel, fields, idPrefix, secondary }: { action: Action; label: string; submit: string; pending?: string; fields: FieldSpec[]; idPrefix: string; secondary?: boolean }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="stack" noValidate aria-label={label}>
      {fields.map((f) => {
        switch (f.kind) {
          case 'hidden':
            return <input key={f.name} type="hidden" name={f.name} value={f.value} />;
          case 'text':
            return <Field key={f.name} idPrefix={idPrefix} name={f.name} label={f.label} state={state} defaultValue={f.defaultValue} hint={f.hint} inputMode={f.inputMode} maxLength={f.maxLength} />;
          case 'textarea':
            return <TextArea key={f.name} spec={f} state={state} idPrefix={idPrefix} />;
          case 'select':
            return <SelectField key={f.name} idPrefix={idPrefix} name={f.name} label={f.label} options={f.options} state={state} defaultValue={f.defaultValue} hint={f.hint} placeholder={f.placeholder} />;
          case 'date':
            return <DateInput key={f.name} id={`${idPrefix}-${f.name}`} name={f.name} label={f.label} defaultValue={state.values?.[f.name] ?? f.defaultValue} error={state.fieldErrors?.[f.name]} hint={f.hint} />;
          case 'checkbox':
            return <CheckboxField key={f.name} idPrefix={idPrefix} name={f.name} label={f.label} state={state} defaultChecked={f.defaultChecked} hint={f.hint} />;
        }
      })}
      {state.fieldErrors?.classes ? (
        <p className="error" id={`${idPrefix}-classes-error`}>
          {state.fieldErrors.classes}
        </p>
      ) : null}
      <div>
        <button type="submit" className={secondary ? 'button secondary' : 'button'} disabled={pending}>
          {pending ? (pendingLabel ?? 'Đang lưu…') : submit}
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
