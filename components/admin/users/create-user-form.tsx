'use client';

import Link from 'next/link';
import { useActionState, useState } from 'react';
import { Field, FormMessage, SelectField, type Option } from '@/components/ui/field';
import { IDLE, type FormState } from '@/lib/form-state';
import { OneTimePassword } from './one-time-password';
import { ORGANISATION_HINT, ROLE_HINTS } from './role-hints';

type Action = (prev: FormState, data: FormData) => Promise<FormState>;
type Props = { action: Action; roles: Option[]; units: Option[]; organisations: Option[] };

/** The create form, and after success the one-time password; "another account" starts a fresh form. */
export function CreateUserPanel(props: Props) {
  const [round, setRound] = useState(0);
  return <CreateUserForm key={round} {...props} onAnother={() => setRound((r) => r + 1)} />;
}

function CreateUserForm({ action, roles, units, organisations, onAnother }: Props & { onAnother: () => void }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  if (state.status === 'ok' && state.values?.oneTimePassword) {
    return (
      <div className="stack">
        <p className="form-ok" role="status">
          {state.message}
        </p>
        <OneTimePassword username={state.values.username ?? ''} password={state.values.oneTimePassword} />
        <div className="row-actions">
          <Link className="button" href={`/quan-tri/nguoi-dung/${state.values.userId}`}>
            Xem tài khoản vừa tạo
          </Link>
          <button type="button" className="button secondary" onClick={onAnother}>
            Tạo tài khoản khác
          </button>
          <Link className="button secondary" href="/quan-tri/nguoi-dung">
            Về danh sách
          </Link>
        </div>
      </div>
    );
  }
  return (
    <form action={formAction} className="stack" noValidate>
      <FormMessage state={state} />
      <Field
        name="username"
        label="Tên đăng nhập"
        state={state}
        autoComplete="off"
        hint="3–40 ký tự: chữ không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang. Ví dụ: nguyen.van.a"
        required
      />
      <Field name="displayName" label="Họ và tên" state={state} autoComplete="off" required />
      <Field name="email" label="E-mail (không bắt buộc)" type="email" state={state} autoComplete="off" hint="Có thể dùng để đăng nhập thay cho tên đăng nhập." />
      <SelectField
        name="role"
        label="Vai trò"
        state={state}
        options={roles}
        placeholder="— Chọn vai trò —"
        hint={Object.values(ROLE_HINTS).join(' ')}
        required
      />
      <SelectField
        name="scopeUnitId"
        label="Đơn vị phạm vi"
        state={state}
        options={units}
        placeholder="— Chọn đơn vị —"
        hint="Tài khoản chỉ thấy và làm việc với đơn vị này và các đơn vị trực thuộc."
        required
      />
      <SelectField
        name="organisationId"
        label="Tổ chức giám sát"
        state={state}
        options={organisations}
        placeholder="— Không thuộc tổ chức nào —"
        hint={ORGANISATION_HINT}
      />
      <div className="row-actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Đang tạo…' : 'Tạo tài khoản'}
        </button>
        <Link className="button secondary" href="/quan-tri/nguoi-dung">
          Huỷ
        </Link>
      </div>
    </form>
  );
}
