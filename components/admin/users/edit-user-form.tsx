'use client';

import { useActionState } from 'react';
import { Field, FormMessage, SelectField, type Option } from '@/components/ui/field';
import { IDLE, type FormState } from '@/lib/form-state';
import { ORGANISATION_HINT, ROLE_HINTS } from './role-hints';

type Action = (prev: FormState, data: FormData) => Promise<FormState>;

export type EditableAccount = {
  id: number;
  displayName: string;
  email: string | null;
  role: string;
  roleLabel: string;
  scopeUnitId: number;
  scopeName: string;
  organisationId: number | null;
};

/**
 * Name, e-mail, role and scope. On one's own account role and scope are
 * shown but not editable (sent unchanged); the server refuses a change anyway.
 */
export function EditUserForm({
  action,
  account,
  isSelf,
  roles,
  units,
  organisations,
}: {
  action: Action;
  account: EditableAccount;
  isSelf: boolean;
  roles: Option[];
  units: Option[];
  organisations: Option[];
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="stack" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="userId" value={account.id} />
      <Field name="displayName" label="Họ và tên" state={state} defaultValue={account.displayName} autoComplete="off" required />
      <Field name="email" label="E-mail (không bắt buộc)" type="email" state={state} defaultValue={account.email ?? ''} autoComplete="off" />
      {isSelf ? (
        <>
          <input type="hidden" name="role" value={account.role} />
          <input type="hidden" name="scopeUnitId" value={account.scopeUnitId} />
          <input type="hidden" name="organisationId" value={account.organisationId ?? ''} />
          <p>
            Vai trò: <strong>{account.roleLabel}</strong> · Phạm vi: <strong>{account.scopeName}</strong>
            <br />
            <span className="muted">Đây là tài khoản của Ông/Bà: vai trò và phạm vi chỉ một quản trị viên khác đổi được.</span>
          </p>
          {state.fieldErrors?.role ? <p className="error">{state.fieldErrors.role}</p> : null}
          {state.fieldErrors?.scopeUnitId ? <p className="error">{state.fieldErrors.scopeUnitId}</p> : null}
        </>
      ) : (
        <>
          <SelectField name="role" label="Vai trò" state={state} options={roles} defaultValue={account.role} hint={Object.values(ROLE_HINTS).join(' ')} required />
          <SelectField
            name="scopeUnitId"
            label="Đơn vị phạm vi"
            state={state}
            options={units}
            defaultValue={String(account.scopeUnitId)}
            hint="Đổi vai trò hoặc phạm vi sẽ kết thúc các phiên đăng nhập đang mở của tài khoản này."
            required
          />
          <SelectField
            name="organisationId"
            label="Tổ chức giám sát"
            state={state}
            options={organisations}
            defaultValue={account.organisationId ? String(account.organisationId) : ''}
            placeholder="— Không thuộc tổ chức nào —"
            hint={ORGANISATION_HINT}
          />
        </>
      )}
      <div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Đang lưu…' : 'Lưu thay đổi'}
        </button>
      </div>
    </form>
  );
}
