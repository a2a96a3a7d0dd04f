import type { FormState } from '@/lib/form-state';

/** A labelled textarea whose error is tied to it for screen readers (like `Field`). */
export function TextAreaField(props: { name: string; label: string; state: FormState; defaultValue: string; rows?: number; lang?: string; maxLength?: number }) {
  const error = props.state.fieldErrors?.[props.name];
  const id = props.name.replace(/\W/g, '-');
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 2}
        lang={props.lang}
        maxLength={props.maxLength}
        defaultValue={props.state.values?.[props.name] ?? props.defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error ? (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
