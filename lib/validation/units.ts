import { z } from 'zod';
import { collapseSpaces } from '@/lib/text';
import { ALIAS_MAX_LENGTH, ALIASES_MAX, normalizeAliases } from '@/lib/unit-aliases';
import { WEEKDAY_LABELS, WEEKDAYS, type OpeningHours } from '@/lib/opening-hours';
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

/**
 * Other names, one per line (a textarea), normalised against the unit's new
 * name; absent (a form without the field) leaves the stored ones alone.
 */
const Aliases = z.string().max(ALIASES_MAX * (ALIAS_MAX_LENGTH + 2), `Tối đa ${ALIASES_MAX} tên, mỗi tên tối đa ${ALIAS_MAX_LENGTH} ký tự.`).optional();

export const RenameUnitSchema = z
  .object({ unitId: UnitId, name: UnitName, address: Address, sortOrder: SortOrder, aliases: Aliases })
  .transform((v, ctx) => {
    if (v.aliases === undefined) return { ...v, aliases: undefined };
    const aliases = normalizeAliases(v.aliases, v.name);
    if (aliases.length > ALIASES_MAX) ctx.addIssue({ code: 'custom', path: ['aliases'], message: `Tối đa ${ALIASES_MAX} tên cũ, tên gọi khác.` });
    const long = aliases.find((a) => a.length > ALIAS_MAX_LENGTH);
    if (long) ctx.addIssue({ code: 'custom', path: ['aliases'], message: `Mỗi tên tối đa ${ALIAS_MAX_LENGTH} ký tự (“${long.slice(0, 40)}…” dài quá).` });
    return { ...v, aliases };
  });

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

// ---------------------------------------------------------------- opening hours

/**
 * The opening-hours form (unit admin page): "inherit from above", or per
 * weekday a morning and an afternoon (from–to, `<input type="time">`) or
 * "closed". Field names are `${day}AmFrom`, `${day}AmTo`, `${day}PmFrom`,
 * `${day}PmTo` and `${day}Closed` (a checkbox); every problem is reported on
 * its own field.
 */
export const OPENING_HOURS_HALVES = [
  { key: 'Am', label: 'Buổi sáng' },
  { key: 'Pm', label: 'Buổi chiều' },
] as const;

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const minutesOfTime = (v: string) => Number(v.slice(0, 2)) * 60 + Number(v.slice(3, 5));

export const SetOpeningHoursSchema = z
  .looseObject({
    unitId: UnitId,
    mode: z.enum(['inherit', 'own'], { error: 'Vui lòng chọn theo đơn vị cấp trên hoặc giờ riêng.' }),
  })
  .transform((raw, ctx) => {
    const values = raw as Record<string, unknown>;
    const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string).trim() : '');
    if (raw.mode === 'inherit') return { unitId: raw.unitId, openingHours: null };
    const hours = {} as OpeningHours;
    for (const day of WEEKDAYS) {
      hours[day] = [];
      if (text(`${day}Closed`) === 'on') continue;
      let previousEnd: number | null = null;
      for (const half of OPENING_HOURS_HALVES) {
        const fromName = `${day}${half.key}From`;
        const toName = `${day}${half.key}To`;
        const from = text(fromName);
        const to = text(toName);
        if (!from && !to) continue;
        const where = `${WEEKDAY_LABELS[day]}, ${half.label.toLowerCase()}`;
        let ok = true;
        for (const [name, v] of [
          [fromName, from],
          [toName, to],
        ] as const) {
          if (!v) {
            ctx.addIssue({ code: 'custom', path: [name], message: `${where}: nhập cả giờ bắt đầu và giờ kết thúc (hoặc để trống cả hai).` });
            ok = false;
          } else if (!TIME.test(v)) {
            ctx.addIssue({ code: 'custom', path: [name], message: `${where}: giờ phải có dạng 07:30.` });
            ok = false;
          }
        }
        if (!ok) continue;
        const a = minutesOfTime(from);
        const b = minutesOfTime(to);
        if (a >= b) {
          ctx.addIssue({ code: 'custom', path: [toName], message: `${where}: giờ kết thúc phải sau giờ bắt đầu.` });
          continue;
        }
        if (previousEnd !== null && a < previousEnd) {
          ctx.addIssue({ code: 'custom', path: [fromName], message: `${where}: phải bắt đầu sau khi buổi sáng kết thúc.` });
          continue;
        }
        previousEnd = b;
        hours[day].push(`${from}-${to}`);
      }
      if (hours[day].length === 0 && !ctx.issues.some((i) => String(i.path?.[0] ?? '').startsWith(day))) {
        ctx.addIssue({ code: 'custom', path: [`${day}AmFrom`], message: `${WEEKDAY_LABELS[day]}: nhập giờ buổi sáng hoặc buổi chiều, hoặc chọn “Nghỉ”.` });
      }
    }
    return { unitId: raw.unitId, openingHours: hours };
  });

/** The form's initial values for some hours: the first interval of a day is its morning, the second its afternoon. */
export function openingHoursFormValues(hours: OpeningHours): Record<string, string> {
  const out: Record<string, string> = {};
  for (const day of WEEKDAYS) {
    const list = hours[day];
    if (list.length === 0) out[`${day}Closed`] = 'on';
    OPENING_HOURS_HALVES.forEach((half, i) => {
      const [from, to] = (list[i] ?? '').split('-');
      out[`${day}${half.key}From`] = from ?? '';
      out[`${day}${half.key}To`] = to === '24:00' ? '23:59' : (to ?? '');
    });
  }
  return out;
}
