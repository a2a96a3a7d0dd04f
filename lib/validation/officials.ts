import { z } from 'zod';
import { collapseSpaces } from '@/lib/text';
import { Username } from './auth';

/**
 * The officials' forms (issue 14, docs/decisions/023): the least personal
 * data that lets a citizen know whom they rate. Vietnamese messages; names
 * and positions normalised (trimmed, single spaces).
 */

export const OFFICIAL_NAME_MAX = 100;
export const OFFICIAL_POSITION_MAX = 80;

const Id = (message: string) =>
  z
    .string()
    .trim()
    .regex(/^[1-9]\d{0,9}$/, message)
    .transform(Number);

const FullName = z
  .string()
  .transform(collapseSpaces)
  .pipe(z.string().min(1, 'Vui lòng nhập họ và tên cán bộ.').max(OFFICIAL_NAME_MAX, `Họ và tên tối đa ${OFFICIAL_NAME_MAX} ký tự.`));

const Position = z
  .string()
  .transform(collapseSpaces)
  .pipe(z.string().max(OFFICIAL_POSITION_MAX, `Chức danh tối đa ${OFFICIAL_POSITION_MAX} ký tự.`));

export const OfficialIdSchema = z.object({ officialId: Id('Không tìm thấy cán bộ.') });

export const CreateOfficialSchema = z.object({
  unitId: Id('Vui lòng chọn đơn vị.'),
  fullName: FullName,
  position: Position,
});

export const UpdateOfficialSchema = z.object({
  officialId: Id('Không tìm thấy cán bộ.'),
  fullName: FullName,
  position: Position,
  // An unchecked checkbox sends nothing.
  active: z
    .literal('on')
    .optional()
    .transform((v) => v === 'on'),
});

/** The kiosk PIN: 4 to 6 digits, as the kiosk's keypad takes them. */
export const SetPinSchema = z.object({
  officialId: Id('Không tìm thấy cán bộ.'),
  pin: z
    .string()
    .trim()
    .regex(/^\d{4,6}$/, 'Mã PIN gồm 4 đến 6 chữ số.')
    .refine((pin) => !/^(\d)\1+$/.test(pin), 'Mã PIN không được gồm một chữ số lặp lại (ví dụ 1111).'),
});

export const SetManagesDutySchema = z.object({
  officialId: Id('Không tìm thấy cán bộ.'),
  managesDuty: z.enum(['true', 'false'], { error: 'Yêu cầu không hợp lệ.' }).transform((v) => v === 'true'),
});

export const CreateOfficialAccountSchema = z.object({
  officialId: Id('Không tìm thấy cán bộ.'),
  username: Username,
});

/** The comment link on /gop-y: an official of the comment's office, or none ("" unlinks). */
export const LinkCommentOfficialSchema = z.object({
  responseId: Id('Không tìm thấy góp ý.'),
  officialId: z
    .string()
    .trim()
    .regex(/^(|[1-9]\d{0,9})$/, 'Vui lòng chọn một cán bộ trong danh sách.')
    .transform((v) => (v === '' ? null : Number(v))),
});

/** The list's filters (?don-vi=, ?q=): bad values are dropped, never an error. */
export function parseOfficialFilters(params: Record<string, string | string[] | undefined>): { unitId: number | null; search: string } {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
  const unit = one(params['don-vi']).trim();
  return { unitId: /^[1-9]\d{0,9}$/.test(unit) ? Number(unit) : null, search: collapseSpaces(one(params.q)).slice(0, 100) };
}
