'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/ui/field';
import { IDLE, type FormState } from '@/lib/form-state';
import { WEEKDAY_LABELS, WEEKDAYS } from '@/lib/opening-hours';
import { OPENING_HOURS_HALVES } from '@/lib/validation/units';

type FormAction = (prev: FormState, data: FormData) => Promise<FormState>;

/**
 * A unit's opening hours (kiosk ratings tapped outside them are flagged):
 * "as the unit above" or its own, per weekday a morning and an afternoon or
 * "closed". One fieldset per day, so a screen reader says "Thứ Hai, Sáng từ".
 * `initial` holds the form values of the hours in force (openingHoursFormValues).
 */
export function OpeningHoursForm({
  action,
  unitId,
  own,
  initial,
  inheritedLabel,
}: {
  action: FormAction;
  unitId: number;
  own: boolean;
  initial: Record<string, string>;
  /** "giờ của Sở Tư pháp: …" or "giờ mặc định: …". */
  inheritedLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const values = state.values ?? { ...initial, mode: own ? 'own' : 'inherit' };
  const errors = state.fieldErrors ?? {};
  const p = 'gio-lam-viec';
  return (
    <form action={formAction} className="stack" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="unitId" value={unitId} />
      <fieldset className="stack">
        <legend>Áp dụng</legend>
        <label>
          <input type="radio" name="mode" value="inherit" defaultChecked={values.mode !== 'own'} /> Theo đơn vị cấp trên ({inheritedLabel})
        </label>
        <label>
          <input type="radio" name="mode" value="own" defaultChecked={values.mode === 'own'} /> Giờ riêng của đơn vị, như dưới đây
        </label>
        {errors.mode ? <p className="error">{errors.mode}</p> : null}
      </fieldset>
      {WEEKDAYS.map((day) => {
        const dayErrors = Object.entries(errors).filter(([k]) => k.startsWith(day));
        return (
          <fieldset key={day} className="opening-hours-day">
            <legend>{WEEKDAY_LABELS[day]}</legend>
            <label>
              <input type="checkbox" name={`${day}Closed`} defaultChecked={values[`${day}Closed`] === 'on'} /> Nghỉ
            </label>
            {OPENING_HOURS_HALVES.map((half) => (
              <span key={half.key} className="row-actions">
                {(['From', 'To'] as const).map((end) => {
                  const name = `${day}${half.key}${end}`;
                  const id = `${p}-${name}`;
                  const label = `${half.key === 'Am' ? 'Sáng' : 'Chiều'} ${end === 'From' ? 'từ' : 'đến'}`;
                  return (
                    <span key={end} className="field field-short">
                      <label htmlFor={id}>{label}</label>
                      <input
                        id={id}
                        name={name}
                        type="time"
                        defaultValue={values[name] ?? ''}
                        aria-invalid={errors[name] ? true : undefined}
                        aria-describedby={errors[name] ? `${id}-error` : undefined}
                      />
                    </span>
                  );
                })}
              </span>
            ))}
            {dayErrors.map(([name, message]) => (
              <p key={name} className="error" id={`${p}-${name}-error`}>
                {message}
              </p>
            ))}
          </fieldset>
        );
      })}
      <div>
        <button type="submit" className="button" disabled={pending}>
          Lưu giờ làm việc
        </button>
      </div>
    </form>
  );
}
