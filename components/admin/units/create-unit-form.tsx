'use client';

import { useActionState } from 'react';
import { FormMessage, CheckboxField, SelectField, Field, type Option } from '@/components/ui/field';
import { IDLE } from '@/lib/form-state';
import { NAME_MAX } from '@/lib/validation/units';
import type { FormAction } from './types';

/** Creates a unit under a parent chosen among the units in the viewer's scope. */
export function CreateUnitForm({ action, parents, kinds, defaultParentId }: { action: FormAction; parents: Option[]; kinds: Option[]; defaultParentId?: string }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const p = 'tao-don-vi';
  return (
    <form action={formAction} className="stack" noValidate>
      <FormMessage state={state} />
      <SelectField idPrefix={p} name="parentId" label="Đơn vị cấp trên" options={parents} defaultValue={defaultParentId} placeholder="— Chọn đơn vị cấp trên —" state={state} required />
      <SelectField idPrefix={p} name="kind" label="Loại đơn vị" options={kinds} placeholder="— Chọn loại đơn vị —" state={state} required />
      <Field idPrefix={p} name="name" label="Tên đơn vị" maxLength={NAME_MAX} state={state} required hint="Tên đầy đủ, ví dụ: Trung tâm Phục vụ hành chính công xã Gia Viễn." />
      <Field idPrefix={p} name="address" label="Địa chỉ (không bắt buộc)" state={state} />
      <CheckboxField
        idPrefix={p}
        name="rateable"
        label="Nhận đánh giá"
        hint="Đơn vị được cấp một mã QR riêng để người dân đánh giá. Mã không đổi khi đổi tên hay chuyển đơn vị."
        state={state}
      />
      <div>
        <button type="submit" className="button" disabled={pending}>
          Tạo đơn vị
        </button>
      </div>
    </form>
  );
}
