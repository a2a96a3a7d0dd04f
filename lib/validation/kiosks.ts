import { z } from 'zod';
import { IDLE_SECONDS_MAX, IDLE_SECONDS_MIN } from '@/lib/kiosk/config';
import { collapseSpaces } from '@/lib/text';

/** The fleet page's forms (/quan-tri/kiosk): every field checked at once, Vietnamese messages. */

export const KIOSK_NAME_MAX = 80;

const id = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^[1-9]\d{0,15}$/, message)
    .transform(Number);

const Name = z
  .string({ error: 'Vui lòng đặt tên cho kiosk (ví dụ: Kiosk sảnh tầng 1).' })
  .transform((v) => collapseSpaces(v.normalize('NFC')))
  .pipe(
    z
      .string()
      .min(1, 'Vui lòng đặt tên cho kiosk (ví dụ: Kiosk sảnh tầng 1).')
      .max(KIOSK_NAME_MAX, `Tên kiosk tối đa ${KIOSK_NAME_MAX} ký tự.`),
  );

const IDLE_MESSAGE = `Thời gian chờ phải là số giây từ ${IDLE_SECONDS_MIN} đến ${IDLE_SECONDS_MAX}.`;
const IdleSeconds = z
  .string({ error: IDLE_MESSAGE })
  .trim()
  .regex(/^\d{1,4}$/, IDLE_MESSAGE)
  .transform(Number)
  .pipe(z.number().min(IDLE_SECONDS_MIN, IDLE_MESSAGE).max(IDLE_SECONDS_MAX, IDLE_MESSAGE));

/** A new kiosk: an office of the viewer's scope, optionally one of its counters (empty = none). */
export const CreateKioskSchema = z.object({
  unitId: id('Vui lòng chọn đơn vị đặt kiosk.'),
  counterId: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || /^[1-9]\d{0,15}$/.test(v), 'Quầy đã chọn không hợp lệ.')
    .transform((v) => (v ? Number(v) : null)),
  name: Name,
  idleSeconds: IdleSeconds,
});
export type CreateKioskInput = z.output<typeof CreateKioskSchema>;

export const UpdateKioskSchema = z.object({
  kioskId: id('Không tìm thấy kiosk này.'),
  name: Name,
  idleSeconds: IdleSeconds,
});

/** Revoke and re-pair act on one kiosk. */
export const KioskIdSchema = z.object({ kioskId: id('Không tìm thấy kiosk này.') });
