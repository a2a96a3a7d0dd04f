'use client';

import { useActionState } from 'react';
import { FormMessage, SelectField, type Option } from '@/components/ui/field';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (prev: FormState, data: FormData) => Promise<FormState>;

/** Chooses the set a unit's surveys use, or "" to inherit the set of the unit above. */
export function AssignQuestionSetForm({ action, unitId, current, options }: { action: Action; unitId: number; current: number | null; options: Option[] }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="stack" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="unitId" value={unitId} />
      <SelectField
        idPrefix="bo-cau-hoi"
        name="questionSetId"
        label="Bộ câu hỏi của đơn vị"
        options={[{ value: '', label: 'Dùng bộ của đơn vị cấp trên' }, ...options]}
        defaultValue={current == null ? '' : String(current)}
        hint="Chỉ có các bộ câu hỏi của chính đơn vị hoặc của đơn vị cấp trên. Các đơn vị cấp dưới chưa chọn bộ riêng cũng dùng bộ này."
        state={state}
      />
      <div>
        <button type="submit" className="button secondary" disabled={pending}>
          Lưu bộ câu hỏi
        </button>
      </div>
    </form>
  );
}
