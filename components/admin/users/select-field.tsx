import type { FormState } from '@/lib/form-state';

export type Option = { value: string; label: string };

/** A labelled select whose error is tied to it for screen readers (like `Field`). */
export function SelectField(props: {
  name: string;
  label: string;
  state: FormState;
  options: Option[];
  defaultValue?: string;
  hint?: string;
  placeholder?: string;
  required?: boolean;
}) {
  const error = props.state.fieldErrors?.[props.name];
  const value = props.state.values?.[props.name] ?? props.defaultValue ?? '';
  const describedBy = [props.hint ? `${props.name}-hint` : '', error ? `${props.name}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={props.name}>{props.label}</label>
      {/* Keyed by its value: React resets a form after its action, and a select
          only takes a new defaultValue when it mounts, so a refused or saved form
          would otherwise jump back to the first choice. */}
      <select
        key={value}
        id={props.name}
        name={props.name}
        defaultValue={value}
        required={props.required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      >
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
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
