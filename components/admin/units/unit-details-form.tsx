'use client';

import { useActionState } from 'react';
import { FormMessage, Field } from '@/components/ui/field';
import { IDLE } from '@/lib/form-state';
import { ALIAS_MAX_LENGTH, ALIASES_MAX } from '@/lib/unit-aliases';
import { NAME_MAX } from '@/lib/validation/units';
import type { FormAction } from './types';

/**
 * Name, address, order among siblings and the other names the public finder
 * searches (former names after a merger); the QR code is not part of it and never changes.
 */
export function UnitDetailsForm({
  action,
  unit,
}: {
  action: FormAction;
  unit: { id: number; name: string; address: string | null; sortOrder: number; aliases: string | null };
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const p = 'thong-tin';
  const aliasesError = state.fieldErrors?.aliases;
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
      <div className="field">
        <label htmlFor={`${p}-aliases`}>Tên cũ, tên gọi khác (không bắt buộc)</label>
        <p className="hint" id={`${p}-aliases-hint`}>
          Mỗi dòng một tên, chẳng hạn tên trước khi sáp nhập: “Thành phố Phủ Lý, tỉnh Hà Nam”. Người dân tìm cơ quan theo các tên này trên trang chủ. Tối đa{' '}
          {ALIASES_MAX} tên, mỗi tên {ALIAS_MAX_LENGTH} ký tự.
        </p>
        {aliasesError ? (
          <p className="error" id={`${p}-aliases-error`}>
            {aliasesError}
          </p>
        ) : null}
        <textarea
          id={`${p}-aliases`}
          name="aliases"
          rows={3}
          defaultValue={state.values?.aliases ?? unit.aliases ?? ''}
          aria-invalid={aliasesError ? true : undefined}
          aria-describedby={aliasesError ? `${p}-aliases-hint ${p}-aliases-error` : `${p}-aliases-hint`}
        />
      </div>
      <div>
        <button type="submit" className="button" disabled={pending}>
          Lưu thông tin
        </button>
      </div>
    </form>
  );
}
