'use client';

import { useActionState } from 'react';
import { FormMessage, Field } from '@/components/ui/field';
import { IDLE } from '@/lib/form-state';
import { NAME_MAX } from '@/lib/validation/units';
import type { FormAction } from './types';

/** Name, address and order among siblings; the QR code is not part of it and never changes. */
export function UnitDetailsForm({ action, unit }: { action: FormAction; unit: { id: number; name: string; address: string | null; sortOrder: number } }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const p = 'thong-tin';
  return (
    <form action={formAction} className="stack" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="unitId" value={unit.id} />
      <Field idPrefix={p} name="name" label="Tên đơn vị" maxLength={NAME_MAX} defaultValue={unit.name} state={state} required />
      <Field idPrefix={p} name="address" label="Địa chỉ (không bắt buộc)" defaultValue={unit.address ?? ''} state={state} />
      <Field
        idPrefix={p}
        name="sortOrder"
        label="Thứ tự hiển thị"
        inputMode="numeric"
        className="field-short"
        defaultValue={String(unit.sortOrder)}
        hint="Số nhỏ đứng trước; các đơn vị cùng thứ tự xếp theo tên."
        state={state}
      />
      <div>
        <button type="submit" className="button" disabled={pending}>
          Lưu thông tin
        </button>
      </div>
    </form>
  );
}
