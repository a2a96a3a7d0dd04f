'use server';

import { revalidatePath } from 'next/cache';
import { formatDateTime } from '@/lib/format';
import { StaffErasureSchema } from '@/lib/validation/erasure';
import { authorizedAction } from '@/server/actions';
import { recordErasureByStaff } from '@/server/privacy';

/** Staff record a citizen's request to erase their phone number, received by phone or in person; erased at once. */
export const recordErasure = authorizedAction('contacts.erase', StaffErasureSchema, async (input, viewer) => {
  const result = await recordErasureByStaff(viewer, input);
  switch (result.status) {
    case 'erased':
      revalidatePath('/yeu-cau-xoa');
      return { status: 'ok', message: `Đã xoá số điện thoại khỏi ${result.count} phiếu đánh giá. Yêu cầu đã được ghi vào nhật ký.` };
    case 'already':
      return { status: 'error', message: `Số điện thoại của góp ý này đã được xoá lúc ${formatDateTime(result.erasedAt)}; không cần xoá lại.` };
    case 'none':
      return { status: 'error', message: 'Góp ý này không còn số điện thoại nào được lưu (người dân không để lại, hoặc đã tự động xoá khi hết hạn lưu).' };
    case 'not_found':
      return {
        status: 'error',
        message: input.by === 'receipt' ? 'Không tìm thấy góp ý có mã tra cứu này trong phạm vi của Ông/Bà.' : 'Không tìm thấy số điện thoại này trong phạm vi của Ông/Bà.',
      };
  }
});
