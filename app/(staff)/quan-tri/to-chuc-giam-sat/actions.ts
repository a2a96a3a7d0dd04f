'use server';

import { revalidatePath } from 'next/cache';
import { createOrganisation, isOrganisationNameTaken, updateOrganisation } from '@/db/queries/supervision';
import { isRootScope } from '@/lib/auth/roles';
import { OrganisationSchema } from '@/lib/validation/supervision';
import { authorizedAction, NOT_FOUND_MESSAGE } from '@/server/actions';

const TAKEN = 'Đã có một tổ chức mang tên này.';
const ROOT_ONLY = 'Danh sách tổ chức giám sát dùng chung cho cả tỉnh: chỉ quản trị cấp tỉnh sửa được.';

/** Adds an organisation, or (with organisationId) renames, re-kinds or (de)activates one; province administrators only. */
export const saveOrganisationAction = authorizedAction('organisations.manage', OrganisationSchema, async (input, viewer) => {
  const values = { organisationId: input.organisationId ? String(input.organisationId) : '', name: input.name, kind: input.kind, active: input.active ? 'on' : '' };
  if (!isRootScope(viewer)) return { status: 'error', message: ROOT_ONLY, values };
  if (await isOrganisationNameTaken({ name: input.name, exceptId: input.organisationId ?? undefined })) {
    return { status: 'error', message: 'Vui lòng sửa các mục được đánh dấu.', fieldErrors: { name: TAKEN }, values };
  }
  if (input.organisationId === null) {
    await createOrganisation({ actorId: viewer.userId, name: input.name, kind: input.kind });
    revalidatePath('/quan-tri/to-chuc-giam-sat');
    return { status: 'ok', message: `Đã thêm tổ chức ${input.name}.` };
  }
  const saved = await updateOrganisation({ actorId: viewer.userId, organisationId: input.organisationId, changes: { name: input.name, kind: input.kind, active: input.active } });
  if (!saved) return { status: 'error', message: NOT_FOUND_MESSAGE };
  revalidatePath('/quan-tri/to-chuc-giam-sat');
  return { status: 'ok', message: `Đã lưu tổ chức ${saved.name}.` };
});
