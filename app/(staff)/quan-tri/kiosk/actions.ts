'use server';

import { revalidatePath } from 'next/cache';
import { createKiosk, repairKiosk, revokeKiosk, updateKiosk, type PairingCode } from '@/db/queries/kiosks';
import type { FormState } from '@/lib/form-state';
import { formatDateTime } from '@/lib/format';
import { formatPairingCode } from '@/lib/kiosk/pairing';
import { CreateKioskSchema, KioskIdSchema, UpdateKioskSchema } from '@/lib/validation/kiosks';
import { authorizedAction, NOT_FOUND_MESSAGE } from '@/server/actions';

const PAGE = '/quan-tri/kiosk';

/** The code travels back only in this answer (as `values.pairingCode`), to be shown once; only its hash is stored. */
const pairingValues = (kioskId: number, kioskName: string, p: PairingCode) => ({
  kioskId: String(kioskId),
  kioskName,
  pairingCode: formatPairingCode(p.code),
  expiresAt: formatDateTime(p.expiresAt),
});

export const createKioskAction = authorizedAction('kiosks.manage', CreateKioskSchema, async (input, viewer): Promise<FormState> => {
  const result = await createKiosk({ viewer, ...input });
  const values = { unitId: String(input.unitId), counterId: input.counterId ? String(input.counterId) : '', name: input.name, idleSeconds: String(input.idleSeconds) };
  if (result.status === 'not_found') {
    return { status: 'error', message: 'Vui lòng sửa các mục được đánh dấu.', fieldErrors: { unitId: 'Đơn vị này không thuộc phạm vi của Ông/Bà hoặc không nhận đánh giá.' }, values };
  }
  if (result.status === 'bad_counter') {
    return { status: 'error', message: 'Vui lòng sửa các mục được đánh dấu.', fieldErrors: { counterId: 'Quầy này không thuộc đơn vị đã chọn hoặc đã ngừng hoạt động.' }, values };
  }
  revalidatePath(PAGE);
  return { status: 'ok', message: `Đã tạo kiosk “${result.kiosk.name}”.`, values: pairingValues(result.kiosk.id, result.kiosk.name, result.pairing) };
});

export const updateKioskAction = authorizedAction('kiosks.manage', UpdateKioskSchema, async ({ kioskId, name, idleSeconds }, viewer) => {
  const updated = await updateKiosk({ viewer, kioskId, name, idleSeconds });
  if (!updated) return { status: 'error', message: NOT_FOUND_MESSAGE };
  revalidatePath(PAGE);
  return { status: 'ok', message: `Đã lưu kiosk “${updated.name}”.` };
});

/** The tablet's next contact gets "unpaired" and shows the pairing screen. */
export const revokeKioskAction = authorizedAction('kiosks.manage', KioskIdSchema, async ({ kioskId }, viewer) => {
  const revoked = await revokeKiosk({ viewer, kioskId });
  if (!revoked) return { status: 'error', message: NOT_FOUND_MESSAGE };
  revalidatePath(PAGE);
  return { status: 'ok', message: `Đã thu hồi kiosk “${revoked.name}”. Máy tính bảng sẽ về màn hình ghép nối ở lần liên lạc tới.` };
});

/** A new code; the current credential stops working at once. */
export const repairKioskAction = authorizedAction('kiosks.manage', KioskIdSchema, async ({ kioskId }, viewer) => {
  const pairing = await repairKiosk({ viewer, kioskId });
  if (!pairing) return { status: 'error', message: NOT_FOUND_MESSAGE };
  revalidatePath(PAGE);
  return { status: 'ok', message: 'Đã tạo mã ghép nối mới. Máy tính bảng đang dùng (nếu có) phải ghép nối lại bằng mã này.', values: pairingValues(kioskId, '', pairing) };
});
