'use client';

import { useActionState } from 'react';
import { FormMessage, SelectField, type Option } from '@/components/ui/field';
import { IDLE } from '@/lib/form-state';
import type { FormAction } from './types';

/** Moves the unit with everything below it; its own subtree is never offered as a target. */
export function MoveUnitForm({ action, unitId, parentId, targets }: { action: FormAction; unitId: number; parentId: number | null; targets: Option[] }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="stack" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="unitId" value={unitId} />
      <SelectField
        idPrefix="chuyen"
        name="parentId"
        label="Đơn vị cấp trên mới"
        options={targets}
        defaultValue={parentId == null ? '' : String(parentId)}
        hint="Các đơn vị cấp dưới, quầy và mã QR đi theo đơn vị; áp phích đã in vẫn dùng được."
        state={state}
        required
      />
      <div>
        <button type="submit" className="button secondary" disabled={pending}>
          Chuyển đơn vị
        </button>
      </div>
    </form>
  );
}
