'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { OneTimePassword } from '@/components/admin/users/one-time-password';
import { CheckboxField, Field, FormMessage, SelectField, type Option } from '@/components/ui/field';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (prev: FormState, data: FormData) => Promise<FormState>;

/** Adds an official to one of the viewer's offices; on success the action opens the official's page. */
export function CreateOfficialForm({ action, offices, defaultUnitId }: { action: Action; offices: Option[]; defaultUnitId?: string }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="stack" noValidate>
      <FormMessage state={state} />
      <SelectField name="unitId" label="Đơn vị" state={state} options={offices} defaultValue={defaultUnitId} placeholder="— Chọn đơn vị —" required />
      <Field name="fullName" label="Họ và tên" state={state} autoComplete="off" required hint="Ví dụ: Nguyễn Thị Hoa" />
      <Field name="position" label="Chức danh (không bắt buộc)" state={state} autoComplete="off" hint="Ví dụ: chuyên viên, cán bộ một cửa" />
      <div className="row-actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Đang lưu…' : 'Thêm cán bộ'}
        </button>
        <Link className="button secondary" href="/can-bo">
          Huỷ
        </Link>
      </div>
    </form>
  );
}

export function EditOfficialForm({ action, official }: { action: Action; official: { id: number; fullName: string; position: string; active: boolean } }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="stack" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="officialId" value={official.id} />
      <Field name="fullName" label="Họ và tên" state={state} defaultValue={official.fullName} autoComplete="off" required />
      <Field name="position" label="Chức danh (không bắt buộc)" state={state} defaultValue={official.position} autoComplete="off" />
      <CheckboxField
        name="active"
        label="Đang làm việc tại đơn vị"
        state={state}
        defaultChecked={official.active}
        hint="Bỏ chọn khi cán bộ nghỉ hoặc chuyển công tác: cán bộ không còn được xếp lịch trực, ảnh không còn hiển thị; kết quả cũ vẫn được giữ."
      />
      <div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Đang lưu…' : 'Lưu thay đổi'}
        </button>
      </div>
    </form>
  );
}

/** A one-button form (remove the photo, clear the PIN, unlink the account, delegate the schedule). */
export function ButtonForm({ action, officialId, label, fields = {}, secondary = true }: { action: Action; officialId: number; label: string; fields?: Record<string, string>; secondary?: boolean }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="stack">
      <FormMessage state={state} />
      <input type="hidden" name="officialId" value={officialId} />
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div>
        <button type="submit" className={secondary ? 'button secondary' : 'button'} disabled={pending}>
          {label}
        </button>
      </div>
    </form>
  );
}

export function PinForm({ action, officialId, hasPin }: { action: Action; officialId: number; hasPin: boolean }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="stack" noValidate autoComplete="off">
      <FormMessage state={state} />
      <input type="hidden" name="officialId" value={officialId} />
      <Field
        name="pin"
        label={hasPin ? 'Mã PIN mới' : 'Mã PIN'}
        type="password"
        inputMode="numeric"
        maxLength={6}
        autoComplete="new-password"
        state={{ ...state, values: undefined }}
        hint="4 đến 6 chữ số. Cán bộ dùng mã này để tự nhận ca tại kiosk của quầy. Mã không được hiển thị lại sau khi lưu."
        required
      />
      <div>
        <button type="submit" className="button" disabled={pending}>
          {hasPin ? 'Đặt lại mã PIN' : 'Đặt mã PIN'}
        </button>
      </div>
    </form>
  );
}

export function OfficialAccountForm({ action, officialId }: { action: Action; officialId: number }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  if (state.status === 'ok' && state.values?.oneTimePassword) {
    return (
      <div className="stack">
        <p className="form-ok" role="status">
          {state.message}
        </p>
        <OneTimePassword username={state.values.username ?? ''} password={state.values.oneTimePassword} />
      </div>
    );
  }
  return (
    <form action={formAction} className="stack" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="officialId" value={officialId} />
      <Field
        name="username"
        label="Tên đăng nhập"
        state={state}
        autoComplete="off"
        hint="3–40 ký tự: chữ không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang. Ví dụ: nguyen.thi.hoa"
        required
      />
      <div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Đang tạo…' : 'Tạo tài khoản cho cán bộ'}
        </button>
      </div>
    </form>
  );
}
