'use server';

import { getDb } from '@/db/client';
import { getUserPasswordHash, updatePassword } from '@/db/queries/users';
import { ChangePasswordSchema } from '@/lib/validation/auth';
import { authorizedAction } from '@/server/actions';
import { hashPassword, verifyPassword } from '@/server/auth/password';

/** Changing one's own password ends the other sessions; this one signs in again. */
export const changePassword = authorizedAction(
  null,
  ChangePasswordSchema,
  async ({ current, next }, viewer) => {
    const db = getDb();
    const stored = getUserPasswordHash(db, { userId: viewer.userId });
    if (!stored || !(await verifyPassword(stored, current))) {
      return { status: 'error', message: 'Vui lòng sửa các mục được đánh dấu.', fieldErrors: { current: 'Mật khẩu hiện tại không đúng.' } };
    }
    updatePassword(db, { userId: viewer.userId, passwordHash: await hashPassword(next), mustChange: false, actorId: viewer.userId });
    return { status: 'ok', message: 'Đã đổi mật khẩu. Vui lòng đăng nhập lại bằng mật khẩu mới.' };
  },
  { allowPasswordChange: true },
);
