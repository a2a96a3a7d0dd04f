'use server';

import { revalidatePath } from 'next/cache';
import { getOrganisation } from '@/db/queries/supervision';
import { getUnitInScope } from '@/db/queries/unit-tree';
import { createUser, getUser, getUserClashes, uniqueUserField, updatePassword, updateUser } from '@/db/queries/users';
import type { FormState } from '@/lib/form-state';
import {
  changedUserFields,
  CreateUserSchema,
  ResetPasswordSchema,
  selfChangeErrors,
  SetUserActiveSchema,
  UpdateUserSchema,
} from '@/lib/validation/users';
import { authorizedAction, NOT_FOUND_MESSAGE } from '@/server/actions';
import { hashPassword, makeOneTimePassword } from '@/server/auth/password';

const FIX = 'Vui lòng sửa các mục được đánh dấu.';
const TAKEN = { username: 'Tên đăng nhập này đã được dùng.', email: 'E-mail này đã gắn với một tài khoản khác.' } as const;
const OUT_OF_SCOPE_UNIT = 'Đơn vị này không thuộc phạm vi của Ông/Bà.';
const BAD_ORGANISATION = 'Tổ chức này không có trong danh sách hoặc đã ngừng hoạt động; vui lòng chọn tổ chức khác.';

/** A supervisor's organisation must be one of the active organisations (docs/decisions/028). */
async function organisationProblem(organisationId: number | null | undefined): Promise<string | null> {
  if (organisationId == null) return null;
  const o = await getOrganisation({ organisationId });
  return o?.active ? null : BAD_ORGANISATION;
}

const refused = (fieldErrors: Record<string, string>, values: Record<string, string>): FormState => ({
  status: 'error',
  message: FIX,
  fieldErrors,
  values,
});

function revalidateUsers(userId?: number) {
  revalidatePath('/quan-tri/nguoi-dung');
  if (userId) revalidatePath(`/quan-tri/nguoi-dung/${userId}`);
}

/**
 * Creates an account with a one-time password. The password travels back only
 * in this answer (as `values.oneTimePassword`) to be shown once; only its hash is stored.
 */
export const createAccount = authorizedAction('users.manage', CreateUserSchema, async (input, viewer) => {
  const values = { ...input, email: input.email ?? '', scopeUnitId: String(input.scopeUnitId), organisationId: input.organisationId ? String(input.organisationId) : '' };
  const errors: Record<string, string> = {};
  if (!(await getUnitInScope({ viewer, unitId: input.scopeUnitId }))) errors.scopeUnitId = OUT_OF_SCOPE_UNIT;
  const badOrganisation = await organisationProblem(input.organisationId);
  if (badOrganisation) errors.organisationId = badOrganisation;
  const clash = await getUserClashes({ username: input.username, email: input.email });
  if (clash.username) errors.username = TAKEN.username;
  if (clash.email) errors.email = TAKEN.email;
  if (Object.keys(errors).length) return refused(errors, values);

  const oneTimePassword = makeOneTimePassword();
  let created;
  try {
    created = await createUser({
      user: { ...input, passwordHash: await hashPassword(oneTimePassword), mustChangePassword: true },
      actorId: viewer.userId,
    });
  } catch (error) {
    const field = uniqueUserField(error);
    if (field) return refused({ [field]: TAKEN[field] }, values);
    throw error;
  }
  revalidateUsers();
  return {
    status: 'ok',
    message: `Đã tạo tài khoản ${created.username}.`,
    values: { userId: String(created.id), username: created.username, oneTimePassword },
  };
});

export const updateAccount = authorizedAction('users.manage', UpdateUserSchema, async (input, viewer) => {
  const before = await getUser({ viewer, userId: input.userId });
  if (!before) return { status: 'error', message: NOT_FOUND_MESSAGE };
  const values = { ...input, userId: String(input.userId), email: input.email ?? '', scopeUnitId: String(input.scopeUnitId), organisationId: input.organisationId ? String(input.organisationId) : '' };
  const changes = changedUserFields(before, input);
  const errors = selfChangeErrors(viewer, before, changes);
  const badOrganisation = await organisationProblem(changes.organisationId);
  if (badOrganisation) errors.organisationId = badOrganisation;
  if (changes.scopeUnitId !== undefined && !(await getUnitInScope({ viewer, unitId: changes.scopeUnitId }))) errors.scopeUnitId = OUT_OF_SCOPE_UNIT;
  if (changes.email && (await getUserClashes({ email: changes.email, exceptUserId: before.id })).email) errors.email = TAKEN.email;
  if (Object.keys(errors).length) return refused(errors, values);
  if (Object.keys(changes).length === 0) return { status: 'ok', message: 'Không có thay đổi nào để lưu.' };

  try {
    await updateUser({ viewer, userId: before.id, changes });
  } catch (error) {
    if (uniqueUserField(error) === 'email') return refused({ email: TAKEN.email }, values);
    throw error;
  }
  revalidateUsers(before.id);
  const sessionsEnded = changes.role !== undefined || changes.scopeUnitId !== undefined;
  return {
    status: 'ok',
    message: sessionsEnded ? 'Đã lưu. Các phiên đăng nhập của tài khoản này đã kết thúc; lần sau người dùng đăng nhập lại.' : 'Đã lưu thay đổi.',
  };
});

export const setAccountActive = authorizedAction('users.manage', SetUserActiveSchema, async ({ userId, active }, viewer) => {
  const before = await getUser({ viewer, userId });
  if (!before) return { status: 'error', message: NOT_FOUND_MESSAGE };
  const errors = selfChangeErrors(viewer, before, { active });
  if (Object.keys(errors).length) return { status: 'error', message: errors.active, fieldErrors: errors };
  if (before.active !== active) await updateUser({ viewer, userId, changes: { active } });
  revalidateUsers(userId);
  return { status: 'ok', message: active ? 'Đã kích hoạt lại tài khoản.' : 'Đã vô hiệu hoá tài khoản; các phiên đăng nhập của nó đã kết thúc.' };
});

/** A new one-time password, shown once; the account must change it and its open sessions end. */
export const resetAccountPassword = authorizedAction('users.manage', ResetPasswordSchema, async ({ userId }, viewer) => {
  const target = await getUser({ viewer, userId });
  if (!target) return { status: 'error', message: NOT_FOUND_MESSAGE };
  if (target.id === viewer.userId) {
    return { status: 'error', message: 'Để đổi mật khẩu của chính mình, hãy dùng trang “Đổi mật khẩu”.' };
  }
  const oneTimePassword = makeOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  await updatePassword({ userId, passwordHash, mustChange: true, actorId: viewer.userId });
  revalidateUsers(userId);
  return {
    status: 'ok',
    message: `Đã đặt lại mật khẩu của ${target.username}. Các phiên đăng nhập cũ đã kết thúc.`,
    values: { oneTimePassword },
  };
});
