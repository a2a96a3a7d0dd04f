'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import {
  createOfficial,
  createOfficialAccount,
  deleteOfficialPhoto,
  setOfficialManagesDuty,
  setOfficialPin,
  unlinkOfficialAccount,
  updateOfficial,
} from '@/db/queries/officials';
import { getUserClashes, uniqueUserField } from '@/db/queries/users';
import type { FormState } from '@/lib/form-state';
import { CreateOfficialAccountSchema, CreateOfficialSchema, OfficialIdSchema, SetManagesDutySchema, SetPinSchema, UpdateOfficialSchema } from '@/lib/validation/officials';
import { authorizedAction, NOT_FOUND_MESSAGE } from '@/server/actions';
import { hashPassword, makeOneTimePassword } from '@/server/auth/password';

const FIX = 'Vui lòng sửa các mục được đánh dấu.';
const NOT_FOUND: FormState = { status: 'error', message: NOT_FOUND_MESSAGE };

function revalidateOfficial(id?: number) {
  revalidatePath('/can-bo');
  if (id) revalidatePath(`/can-bo/${id}`);
}

export const createOfficialAction = authorizedAction('officials.manage', CreateOfficialSchema, async (input, viewer): Promise<FormState> => {
  const result = await createOfficial({ viewer, ...input });
  if (result.status === 'bad_office') {
    return { status: 'error', message: FIX, fieldErrors: { unitId: 'Đơn vị này không thuộc phạm vi của Ông/Bà hoặc không nhận đánh giá.' }, values: { ...input, unitId: String(input.unitId) } };
  }
  revalidateOfficial();
  redirect(`/can-bo/${result.official.id}?moi=1`);
});

export const updateOfficialAction = authorizedAction('officials.manage', UpdateOfficialSchema, async (input, viewer): Promise<FormState> => {
  const updated = await updateOfficial({ viewer, ...input });
  if (!updated) return NOT_FOUND;
  revalidateOfficial(updated.id);
  return { status: 'ok', message: 'Đã lưu thông tin cán bộ.' };
});

export const deleteOfficialPhotoAction = authorizedAction('officials.manage', OfficialIdSchema, async ({ officialId }, viewer): Promise<FormState> => {
  const updated = await deleteOfficialPhoto({ viewer, officialId });
  if (!updated) return NOT_FOUND;
  revalidateOfficial(officialId);
  return { status: 'ok', message: 'Đã xoá ảnh của cán bộ.' };
});

/** The PIN is hashed as passwords are (Argon2id, server/auth/password.ts) and never shown again. */
export const setOfficialPinAction = authorizedAction('officials.manage', SetPinSchema, async ({ officialId, pin }, viewer): Promise<FormState> => {
  const updated = await setOfficialPin({ viewer, officialId, pinHash: await hashPassword(pin) });
  if (!updated) return NOT_FOUND;
  revalidateOfficial(officialId);
  return { status: 'ok', message: 'Đã đặt mã PIN mới. Mã PIN không được hiển thị lại: hãy báo cho cán bộ ngay.' };
});

export const clearOfficialPinAction = authorizedAction('officials.manage', OfficialIdSchema, async ({ officialId }, viewer): Promise<FormState> => {
  const updated = await setOfficialPin({ viewer, officialId, pinHash: null });
  if (!updated) return NOT_FOUND;
  revalidateOfficial(officialId);
  return { status: 'ok', message: 'Đã xoá mã PIN: cán bộ không thể tự nhận ca tại kiosk cho tới khi có mã mới.' };
});

export const setManagesDutyAction = authorizedAction('officials.manage', SetManagesDutySchema, async ({ officialId, managesDuty }, viewer): Promise<FormState> => {
  const updated = await setOfficialManagesDuty({ viewer, officialId, managesDuty });
  if (!updated) return NOT_FOUND;
  revalidateOfficial(officialId);
  return { status: 'ok', message: managesDuty ? 'Đã giao cho cán bộ này lập lịch trực của đơn vị.' : 'Đã thôi giao lập lịch trực cho cán bộ này.' };
});

/**
 * Creates the official's own account (role "official") with a one-time
 * password, returned only in this answer (`values.oneTimePassword`) to be
 * shown once; the account must change it at first sign-in.
 */
export const createOfficialAccountAction = authorizedAction('officials.manage', CreateOfficialAccountSchema, async ({ officialId, username }, viewer): Promise<FormState> => {
  const values = { officialId: String(officialId), username };
  const taken: FormState = { status: 'error', message: FIX, fieldErrors: { username: 'Tên đăng nhập này đã được dùng.' }, values };
  if ((await getUserClashes({ username })).username) return taken;
  const oneTimePassword = makeOneTimePassword();
  let result;
  try {
    result = await createOfficialAccount({ viewer, officialId, username, passwordHash: await hashPassword(oneTimePassword) });
  } catch (error) {
    if (uniqueUserField(error) === 'username') return taken;
    throw error;
  }
  if (result.status === 'not_found') return NOT_FOUND;
  if (result.status === 'already_linked') return { status: 'error', message: 'Cán bộ này đã có tài khoản.' };
  // No revalidation: refreshing this page now would replace the form, and the password with it, before it is read.
  // The pages are rendered per request, so the next visit shows the account.
  return { status: 'ok', message: `Đã tạo tài khoản ${result.username} cho cán bộ.`, values: { username: result.username, oneTimePassword } };
});

export const unlinkOfficialAccountAction = authorizedAction('officials.manage', OfficialIdSchema, async ({ officialId }, viewer): Promise<FormState> => {
  const updated = await unlinkOfficialAccount({ viewer, officialId });
  if (!updated) return NOT_FOUND;
  revalidateOfficial(officialId);
  // The account block becomes the "create an account" form: the outcome travels in the URL, not in the form that goes away.
  redirect(`/can-bo/${officialId}?tai-khoan=da-go#muc-tai-khoan`);
});
