'use server';

import { getUserPasswordHash, updatePassword } from '@/db/queries/users';
import { ChangePasswordSchema } from '@/lib/validation/auth';
import { authorizedAction } from '@/server/actions';
import { hashPassword, verifyPassword } from '@/server/auth/password';

/** Changing one's own password ends the other sessions; this one signs in again. */
export const changePassword = authorizedAction(
  null,
  ChangePasswordSchema,
  async ({ current, next }, viewer) => {
    const stored = await getUserPasswordHash({ userId: viewer.userId });
    if (!stored || !(await verifyPassword(stored, current))) {
      return { status: 'error', message: 'Vui lòng sửa các mục được đánh dấu.', fieldErrors: { current: 'Mật khẩu hiện tại không đúng.' } };
    }
    const passwordHash = await hashPassword(next);
    await updatePassword({ userId: viewer.userId, passwordHash, mustChange: false, actorId: viewer.userId });
    return { status: 'ok', message: 'Đã đổi mật khẩu. Vui lòng đăng nhập lại bằng mật khẩu mới.' };
  },
  { allowPasswordChange: true },
);
