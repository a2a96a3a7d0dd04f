import { z } from 'zod';
import { collapseSpaces } from '@/lib/text';

/** The dossier-system keys page (/quan-tri/tich-hop): every field checked at once, Vietnamese messages. */

export const INTEGRATION_NAME_MAX = 100;

const id = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^[1-9]\d{0,15}$/, message)
    .transform(Number);

const NAME_MESSAGE = 'Vui lòng đặt tên cho khóa (ví dụ: Hệ thống một cửa điện tử tỉnh).';

/** A new key: for a unit of the administrator's subtree, with a name saying which system uses it. */
export const CreateIntegrationSchema = z.object({
  unitId: id('Vui lòng chọn đơn vị của khóa.'),
  name: z
    .string({ error: NAME_MESSAGE })
    .transform((v) => collapseSpaces(v.normalize('NFC')))
    .pipe(z.string().min(1, NAME_MESSAGE).max(INTEGRATION_NAME_MAX, `Tên khóa tối đa ${INTEGRATION_NAME_MAX} ký tự.`)),
});

export const IntegrationIdSchema = z.object({ integrationId: id('Không tìm thấy khóa này.') });
