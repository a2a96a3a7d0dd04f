'use client';

import { useActionState } from 'react';
import { CheckboxField, Field, FormMessage } from '@/components/ui/field';
import { IDLE, type FormState } from '@/lib/form-state';
import { RULE_COUNT_MAX, RULE_COUNT_MIN, RULE_WINDOW_MAX, RULE_WINDOW_MIN } from '@/lib/validation/alerts';

type Action = (prev: FormState, data: FormData) => Promise<FormState>;

/** One office's rule: "`count` ratings of 1–2 within `windowMinutes`", on or off. */
export function AlertRuleForm({
  action,
  unitId,
  officeName,
  rule,
}: {
  action: Action;
  unitId: number;
  officeName: string;
  rule: { count: number; windowMinutes: number; active: boolean };
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const prefix = `quy-tac-${unitId}`;
  return (
    <form action={formAction} className="stack alert-rule-form" noValidate aria-label={`Quy tắc cảnh báo của ${officeName}`}>
      <input type="hidden" name="unitId" value={unitId} />
      <div className="field-pair">
        <Field
          name="count"
          label="Số đánh giá mức 1–2"
          type="number"
          inputMode="numeric"
          idPrefix={prefix}
          state={state}
          defaultValue={String(rule.count)}
          hint={`Từ ${RULE_COUNT_MIN} đến ${RULE_COUNT_MAX} đánh giá.`}
        />
        <Field
          name="windowMinutes"
          label="Trong vòng (phút)"
          type="number"
          inputMode="numeric"
          idPrefix={prefix}
          state={state}
          defaultValue={String(rule.windowMinutes)}
          hint={`Từ ${RULE_WINDOW_MIN} đến ${RULE_WINDOW_MAX} phút (một ngày).`}
        />
      </div>
      <CheckboxField name="active" label="Bật cảnh báo cho đơn vị này" idPrefix={prefix} state={state} defaultChecked={rule.active} />
      <div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Đang lưu…' : 'Lưu quy tắc'}
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
