import type { FormState } from '@/lib/form-state';

/** A labelled input whose error is tied to it for screen readers. */
export function Field(props: {
  name: string;
  label: string;
  state: FormState;
  type?: string;
  defaultValue?: string;
  hint?: string;
  autoComplete?: string;
  required?: boolean;
}) {
  const error = props.state.fieldErrors?.[props.name];
  const describedBy = [props.hint ? `${props.name}-hint` : '', error ? `${props.name}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={props.name}>{props.label}</label>
      <input
        id={props.name}
        name={props.name}
        type={props.type ?? 'text'}
        defaultValue={props.state.values?.[props.name] ?? props.defaultValue}
        autoComplete={props.autoComplete}
        required={props.required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {props.hint ? (
        <p className="hint" id={`${props.name}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {error ? (
        <p className="error" id={`${props.name}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The form-level outcome, announced when it changes. */
export function FormMessage({ state }: { state: FormState }) {
  return (
    <div role="status" aria-live="polite" className={state.status === 'error' ? 'form-error' : state.status === 'ok' ? 'form-ok' : undefined}>
      {state.message}
    </div>
  );
}
