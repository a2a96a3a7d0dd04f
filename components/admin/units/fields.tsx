import type { FormState } from '@/lib/form-state';

/**
 * Form controls for the unit administration. Like components/ui/field.tsx,
 * but with an id prefix: a unit page holds many small forms whose fields
 * share names ("name" in every counter row), and ids must stay unique.
 */
type Common = { name: string; label: string; state: FormState; idPrefix: string; hint?: string; hideLabel?: boolean };

function describe(p: Common) {
  const id = `${p.idPrefix}-${p.name}`;
  const error = p.state.fieldErrors?.[p.name];
  const describedBy = [p.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return { id, error, describedBy };
}

function Extras({ id, hint, error }: { id: string; hint?: string; error?: string }) {
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

export function TextField(p: Common & { defaultValue?: string; required?: boolean; inputMode?: 'numeric'; className?: string; maxLength?: number }) {
  const { id, error, describedBy } = describe(p);
  return (
    <div className={`field ${p.className ?? ''}`}>
      <label htmlFor={id} className={p.hideLabel ? 'visually-hidden' : undefined}>
        {p.label}
      </label>
      <input
        id={id}
        name={p.name}
        type="text"
        inputMode={p.inputMode}
        maxLength={p.maxLength}
        defaultValue={p.state.values?.[p.name] ?? p.defaultValue}
        required={p.required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      <Extras id={id} hint={p.hint} error={error} />
    </div>
  );
}

export type Option = { value: string; label: string; disabled?: boolean };

export function SelectField(p: Common & { options: Option[]; defaultValue?: string; placeholder?: string; required?: boolean }) {
  const { id, error, describedBy } = describe(p);
  return (
    <div className="field">
      <label htmlFor={id}>{p.label}</label>
      <select
        id={id}
        name={p.name}
        defaultValue={p.state.values?.[p.name] ?? p.defaultValue ?? ''}
        required={p.required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      >
        {p.placeholder ? <option value="">{p.placeholder}</option> : null}
        {p.options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
      <Extras id={id} hint={p.hint} error={error} />
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
      <Extras id={id} hint={p.hint} error={error} />
    </div>
  );
}

/** Unit pickers show the tree by indenting names; a select cannot hold markup, so the indent is text. */
export function unitOptions(rows: { id: number; name: string; depth: number; active: boolean }[]): Option[] {
  return rows.map((u) => ({ value: String(u.id), label: `${'\u00a0\u00a0\u00a0'.repeat(u.depth)}${u.name}${u.active ? '' : ' (đã tắt)'}` }));
}
