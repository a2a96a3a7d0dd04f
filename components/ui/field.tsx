import type { FormState } from '@/lib/form-state';

/**
 * Labelled form controls whose hint and error are tied to them for screen
 * readers. `idPrefix` keeps ids unique where one page holds several small
 * forms with the same field names (a unit page's counter rows).
 */
type Common = { name: string; label: string; state: FormState; idPrefix?: string; hint?: string; hideLabel?: boolean };

function describe(p: Common) {
  const id = p.idPrefix ? `${p.idPrefix}-${p.name}` : p.name;
  const error = p.state.fieldErrors?.[p.name];
  const describedBy = [p.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return { id, error, describedBy };
}

/** A field's hint and error lines, with the ids its input's aria-describedby names. */
export function HintAndError({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </>
  );
}

export function Field(
  p: Common & {
    type?: string;
    defaultValue?: string;
    autoComplete?: string;
    required?: boolean;
    inputMode?: 'numeric' | 'email' | 'tel' | 'text';
    maxLength?: number;
    className?: string;
  },
) {
  const { id, error, describedBy } = describe(p);
  return (
    <div className={p.className ? `field ${p.className}` : 'field'}>
      <label htmlFor={id} className={p.hideLabel ? 'visually-hidden' : undefined}>
        {p.label}
      </label>
      <input
        id={id}
        name={p.name}
        type={p.type ?? 'text'}
        inputMode={p.inputMode}
        maxLength={p.maxLength}
        defaultValue={p.state.values?.[p.name] ?? p.defaultValue}
        autoComplete={p.autoComplete}
        required={p.required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      <HintAndError id={id} hint={p.hint} error={error} />
    </div>
  );
}

export type Option = { value: string; label: string; disabled?: boolean };

export function SelectField(p: Common & { options: Option[]; defaultValue?: string; placeholder?: string; required?: boolean }) {
  const { id, error, describedBy } = describe(p);
  const value = p.state.values?.[p.name] ?? p.defaultValue ?? '';
  return (
    <div className="field">
      <label htmlFor={id}>{p.label}</label>
      {/* Keyed by its value: React resets a form after its action, and a select
          only takes a new defaultValue when it mounts, so a refused or saved form
          would otherwise jump back to the first choice. */}
      <select key={value} id={id} name={p.name} defaultValue={value} required={p.required} aria-invalid={error ? true : undefined} aria-describedby={describedBy}>
        {p.placeholder !== undefined ? <option value="">{p.placeholder}</option> : null}
        {p.options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
      <HintAndError id={id} hint={p.hint} error={error} />
    </div>
  );
}

export function CheckboxField(p: Common & { defaultChecked?: boolean }) {
  const { id, error, describedBy } = describe(p);
  const submitted = p.state.values;
  return (
    <div className="field checkbox-field">
      <input
        id={id}
        name={p.name}
        type="checkbox"
        defaultChecked={submitted ? submitted[p.name] === 'on' : p.defaultChecked}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      <label htmlFor={id}>{p.label}</label>
      <HintAndError id={id} hint={p.hint} error={error} />
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
