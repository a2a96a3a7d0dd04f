'use client';

import { useActionState } from 'react';
import { SelectField, type Option, Field, FormMessage } from '@/components/ui/field';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (prev: FormState, data: FormData) => Promise<FormState>;

/** A new set that starts as a copy of another set's latest version. */
export function CopyQuestionSetForm({ action, sets, owners }: { action: Action; sets: Option[]; owners: Option[] }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="stack narrow" noValidate>
      <FormMessage state={state} />
      <SelectField name="sourceId" label="Sao chép từ bộ" state={state} options={sets} defaultValue={sets[0]?.value} required />
      <Field name="name" label="Tên bộ câu hỏi mới" state={state} autoComplete="off" hint="Ví dụ: Bộ câu hỏi cho Trung tâm Phục vụ hành chính công." required />
      <SelectField
        name="ownerUnitId"
        label="Thuộc đơn vị"
        state={state}
        options={owners}
        defaultValue={owners[0]?.value}
        hint="Quản trị viên của đơn vị này (và cấp trên) sửa được bộ câu hỏi; chỉ đơn vị này và các đơn vị cấp dưới dùng được nó."
      />
      <div>
        <button type="submit" className="button secondary" disabled={pending}>
          {pending ? 'Đang tạo…' : 'Tạo bộ câu hỏi mới'}
        </button>
      </div>
    </form>
  );
}
