import { z } from 'zod';
import { collapseSpaces } from '@/lib/text';
import { UNIT_KINDS } from '@/lib/units';

export const NAME_MAX = 200;
export const ADDRESS_MAX = 300;
export const SORT_ORDER_MAX = 9999;

/**
 * Free text as stored: NFC (some keyboards send decomposed Vietnamese, which
 * would look equal but compare unequal), trimmed, runs of spaces collapsed.
 */
const normalised = (v: string) => collapseSpaces(v.normalize('NFC'));

function requiredName(missing: string, what: string) {
  return z
    .string({ error: missing })
    .transform(normalised)
    .pipe(z.string().min(1, missing).max(NAME_MAX, `${what} tối đa ${NAME_MAX} ký tự.`));
}

/** An id posted by a form (a select or a hidden field). */
function id(message: string) {
  return z
    .string({ error: message })
    .regex(/^[1-9]\d{0,15}$/, message)
    .transform(Number);
}

const UnitName = requiredName('Vui lòng nhập tên đơn vị.', 'Tên đơn vị');
const CounterName = requiredName('Vui lòng nhập tên quầy.', 'Tên quầy');
const FieldName = requiredName('Vui lòng nhập tên lĩnh vực.', 'Tên lĩnh vực');

/** Empty means no address. */
const Address = z
  .string()
  .optional()
  .transform((v) => normalised(v ?? ''))
  .pipe(z.string().max(ADDRESS_MAX, `Địa chỉ tối đa ${ADDRESS_MAX} ký tự.`))
  .transform((v) => v || null);

/** Empty means 0: siblings with equal order are listed by name. */
const SortOrder = z
  .string()
  .optional()
  .transform((v) => (v ?? '').trim())
  .pipe(z.string().regex(/^\d{0,4}$/, `Thứ tự hiển thị là số nguyên từ 0 đến ${SORT_ORDER_MAX}.`))
  .transform((v) => (v ? Number(v) : 0));

/** A checkbox: present ("on") when ticked, absent otherwise. */
const Checkbox = z
  .string()
  .optional()
  .transform((v) => v === 'on');

/** The enable/disable buttons post "1" or "0". */
const Active = z.enum(['0', '1'], { error: 'Trạng thái không hợp lệ.' }).transform((v) => v === '1');

const UnitId = id('Không tìm thấy đơn vị.');
const ParentId = id('Vui lòng chọn đơn vị cấp trên.');
const CounterId = id('Không tìm thấy quầy.');
const ProcedureFieldId = id('Không tìm thấy lĩnh vực.');

export const CreateUnitSchema = z.object({
  parentId: ParentId,
  kind: z.enum(UNIT_KINDS, { error: 'Vui lòng chọn loại đơn vị.' }),
  name: UnitName,
  address: Address,
  rateable: Checkbox,
});

export const RenameUnitSchema = z.object({ unitId: UnitId, name: UnitName, address: Address, sortOrder: SortOrder });

export const MoveUnitSchema = z
  .object({ unitId: UnitId, parentId: ParentId })
  .refine((v) => v.unitId !== v.parentId, { path: ['parentId'], message: 'Không thể chuyển một đơn vị vào chính nó.' });

export const SetUnitActiveSchema = z.object({ unitId: UnitId, active: Active });

export const MakeUnitRateableSchema = z.object({ unitId: UnitId });

/** A new counter or field goes after the unit's last one; its order can be changed afterwards. */
export const CreateCounterSchema = z.object({ unitId: UnitId, name: CounterName });

export const RenameCounterSchema = z.object({ counterId: CounterId, name: CounterName, sortOrder: SortOrder });

export const SetCounterActiveSchema = z.object({ counterId: CounterId, active: Active });

export const CreateProcedureFieldSchema = z.object({ unitId: UnitId, name: FieldName });

export const RenameProcedureFieldSchema = z.object({ fieldId: ProcedureFieldId, name: FieldName, sortOrder: SortOrder });

export const SetProcedureFieldActiveSchema = z.object({ fieldId: ProcedureFieldId, active: Active });
