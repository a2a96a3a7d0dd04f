'use client';

import { useActionState } from 'react';
import type { FormAction } from '@/components/admin/units/types';
import { DateInput } from '@/components/ui/date-input';
import { Field, FormMessage, SelectField, type Option } from '@/components/ui/field';
import { WEEKDAY_LABELS } from '@/lib/duty';
import { IDLE } from '@/lib/form-state';

const TIME_HINT = 'Dạng giờ:phút, ví dụ 07:30.';
const WEEKDAYS: Option[] = WEEKDAY_LABELS.map((label, i) => ({ value: String(i + 1), label }));

/** A slot of the weekly schedule: counter, weekday, official, hours, validity days. */
export function TemplateForm({ action, unitId, counters, officials, today }: { action: FormAction; unitId: number; counters: Option[]; officials: Option[]; today: string }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const p = 'ca';
  return (
    <form action={formAction} className="stack" aria-label="Thêm ca trực hằng tuần">
      <input type="hidden" name="unitId" value={unitId} />
      <div className="field-pair">
        <SelectField name="counterId" label="Quầy" idPrefix={p} state={state} options={counters} />
        <SelectField name="weekday" label="Thứ" idPrefix={p} state={state} options={WEEKDAYS} />
        <SelectField name="officialId" label="Cán bộ" idPrefix={p} state={state} options={officials} />
      </div>
      <div className="field-pair">
        <Field name="start" label="Từ giờ" idPrefix={p} state={state} inputMode="numeric" maxLength={5} defaultValue="07:30" hint={TIME_HINT} />
        <Field name="end" label="Đến giờ" idPrefix={p} state={state} inputMode="numeric" maxLength={5} defaultValue="11:30" hint={TIME_HINT} />
      </div>
      <div className="field-pair">
        <DateInput
          key={`from-${state.values?.validFrom ?? today}`}
          id={`${p}-validFrom`}
          name="validFrom"
          label="Áp dụng từ ngày"
          defaultValue={state.values?.validFrom ?? today}
          error={state.fieldErrors?.validFrom}
          required
        />
        <DateInput
          key={`to-${state.values?.validTo ?? ''}`}
          id={`${p}-validTo`}
          name="validTo"
          label="Đến ngày (không bắt buộc)"
          defaultValue={state.values?.validTo ?? ''}
          error={state.fieldErrors?.validTo}
          hint="Để trống: áp dụng cho đến khi bỏ ca."
        />
      </div>
      <div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Đang lưu…' : 'Thêm ca trực'}
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

/** A same-day change (today) or a correction of a past day: an official, or nobody, at a counter for some hours of `day`. */
export function ShiftForm({
  action,
  unitId,
  counters,
  officials,
  day,
  source,
  label,
  submitLabel,
}: {
  action: FormAction;
  unitId: number;
  counters: Option[];
  officials: Option[];
  day: string;
  source: 'change' | 'correction';
  label: string;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const p = source === 'change' ? 'doi' : 'sua';
  return (
    <form action={formAction} className="stack" aria-label={label}>
      <input type="hidden" name="unitId" value={unitId} />
      <input type="hidden" name="day" value={day} />
      <input type="hidden" name="source" value={source} />
      <div className="field-pair">
        <SelectField name="counterId" label="Quầy" idPrefix={p} state={state} options={counters} />
        <SelectField name="officialId" label="Cán bộ trực" idPrefix={p} state={state} options={[{ value: '', label: 'Không ai trực' }, ...officials]} />
      </div>
      <div className="field-pair">
        <Field name="start" label="Từ giờ" idPrefix={p} state={state} inputMode="numeric" maxLength={5} hint={TIME_HINT} required />
        <Field name="end" label="Đến giờ" idPrefix={p} state={state} inputMode="numeric" maxLength={5} hint={TIME_HINT} required />
      </div>
      <div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Đang lưu…' : submitLabel}
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
