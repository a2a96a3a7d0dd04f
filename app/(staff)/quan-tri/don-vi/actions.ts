'use server';

import { revalidatePath } from 'next/cache';
import {
  createCounterInScope,
  createProcedureFieldInScope,
  createUnitInScope,
  makeUnitRateable,
  moveUnit,
  renameCounter,
  renameProcedureField,
  renameUnit,
  setCounterActive,
  setProcedureFieldActive,
  setUnitActive,
  setUnitOpeningHours,
} from '@/db/queries/unit-admin';
import { can } from '@/lib/auth/roles';
import type { FormState } from '@/lib/form-state';
import { formatOpeningHours } from '@/lib/opening-hours';
import {
  CreateCounterSchema,
  CreateProcedureFieldSchema,
  CreateUnitSchema,
  MakeUnitRateableSchema,
  MoveUnitSchema,
  RenameCounterSchema,
  RenameProcedureFieldSchema,
  RenameUnitSchema,
  SetCounterActiveSchema,
  SetProcedureFieldActiveSchema,
  SetOpeningHoursSchema,
  SetUnitActiveSchema,
} from '@/lib/validation/units';
import { authorizedAction, NOT_FOUND_MESSAGE } from '@/server/actions';

// Every db call re-checks the viewer's scope and answers null outside it: the same message as a missing record.
const NOT_FOUND: FormState = { status: 'error', message: NOT_FOUND_MESSAGE };

/** The tree, every unit page and the poster list show what changed. */
function done(message: string): FormState {
  revalidatePath('/quan-tri/don-vi');
  revalidatePath('/quan-tri/don-vi/[id]', 'page');
  revalidatePath('/ap-phich');
  return { status: 'ok', message };
}

export const createUnitAction = authorizedAction('units.manage', CreateUnitSchema, async (input, viewer) => {
  const unit = await createUnitInScope({ viewer, ...input });
  if (!unit) return NOT_FOUND;
  return done(unit.code ? `Đã tạo đơn vị “${unit.name}”, mã QR ${unit.code}.` : `Đã tạo đơn vị “${unit.name}”.`);
});

export const renameUnitAction = authorizedAction('units.manage', RenameUnitSchema, async (input, viewer) => {
  const unit = await renameUnit({ viewer, ...input });
  if (!unit) return NOT_FOUND;
  return done('Đã lưu thông tin đơn vị.');
});

export const moveUnitAction = authorizedAction('units.manage', MoveUnitSchema, async (input, viewer) => {
  const result = await moveUnit({ viewer, ...input });
  if (!result) return NOT_FOUND;
  if (result.status === 'into_own_subtree') {
    return {
      status: 'error',
      message: 'Vui lòng sửa các mục được đánh dấu.',
      fieldErrors: { parentId: 'Không thể chuyển một đơn vị vào chính nó hoặc vào đơn vị cấp dưới của nó.' },
    };
  }
  return done(result.status === 'moved' ? 'Đã chuyển đơn vị cùng các đơn vị cấp dưới.' : 'Đơn vị đã ở dưới đơn vị cấp trên này.');
});

export const setUnitActiveAction = authorizedAction('units.manage', SetUnitActiveSchema, async (input, viewer) => {
  const unit = await setUnitActive({ viewer, ...input });
  if (!unit) return NOT_FOUND;
  return done(unit.active ? 'Đã bật lại đơn vị.' : 'Đã tắt đơn vị. Mã QR của đơn vị và các quầy không nhận đánh giá nữa.');
});

export const makeUnitRateableAction = authorizedAction('units.manage', MakeUnitRateableSchema, async (input, viewer) => {
  const unit = await makeUnitRateable({ viewer, ...input });
  if (!unit) return NOT_FOUND;
  return done(`Đơn vị nhận đánh giá với mã QR ${unit.code}.`);
});

export const createCounterAction = authorizedAction('units.manage', CreateCounterSchema, async (input, viewer) => {
  const counter = await createCounterInScope({ viewer, ...input });
  if (!counter) return NOT_FOUND;
  return done(`Đã thêm “${counter.name}”, mã QR ${counter.code}.`);
});

export const renameCounterAction = authorizedAction('units.manage', RenameCounterSchema, async (input, viewer) => {
  const counter = await renameCounter({ viewer, ...input });
  if (!counter) return NOT_FOUND;
  return done('Đã lưu.');
});

export const setCounterActiveAction = authorizedAction('units.manage', SetCounterActiveSchema, async (input, viewer) => {
  const counter = await setCounterActive({ viewer, ...input });
  if (!counter) return NOT_FOUND;
  return done(counter.active ? `Đã bật lại “${counter.name}”.` : `Đã tắt “${counter.name}”.`);
});

export const createProcedureFieldAction = authorizedAction('units.manage', CreateProcedureFieldSchema, async (input, viewer) => {
  const field = await createProcedureFieldInScope({ viewer, ...input });
  if (!field) return NOT_FOUND;
  return done(`Đã thêm lĩnh vực “${field.name}”.`);
});

export const renameProcedureFieldAction = authorizedAction('units.manage', RenameProcedureFieldSchema, async (input, viewer) => {
  const field = await renameProcedureField({ viewer, ...input });
  if (!field) return NOT_FOUND;
  return done('Đã lưu.');
});

export const setProcedureFieldActiveAction = authorizedAction('units.manage', SetProcedureFieldActiveSchema, async (input, viewer) => {
  const field = await setProcedureFieldActive({ viewer, ...input });
  if (!field) return NOT_FOUND;
  return done(field.active ? `Đã bật lại lĩnh vực “${field.name}”.` : `Đã tắt lĩnh vực “${field.name}”.`);
});

/**
 * Opening hours (kiosk ratings outside them are flagged): administrators on
 * the unit page, office heads for the offices of their kiosks (the kiosk
 * page), hence either permission; the scope is checked in the query.
 */
export const setOpeningHoursAction = authorizedAction(null, SetOpeningHoursSchema, async (input, viewer) => {
  if (!can(viewer.role, 'units.manage') && !can(viewer.role, 'kiosks.manage')) return NOT_FOUND;
  const hours = await setUnitOpeningHours({ viewer, ...input });
  if (!hours) return NOT_FOUND;
  revalidatePath('/quan-tri/kiosk', 'layout');
  return done(
    hours.own
      ? `Đã lưu giờ làm việc: ${formatOpeningHours(hours.own)}.`
      : `Đơn vị dùng giờ làm việc ${hours.inheritedFrom ? `của ${hours.inheritedFrom}` : 'mặc định'}: ${formatOpeningHours(hours.inherited)}.`,
  );
});
