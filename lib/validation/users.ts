import { z } from 'zod';
import { ROLES, type Role } from '@/lib/auth/roles';
import { collapseSpaces } from '@/lib/text';
import { Username } from './auth';

export const DISPLAY_NAME_MAX = 100;

const Id = (message: string) =>
  z
    .string()
    .trim()
    .regex(/^[1-9]\d{0,9}$/, message)
    .transform(Number);

const DisplayName = z
  .string()
  .transform(collapseSpaces)
  .pipe(
    z
      .string()
      .min(1, 'Vui lòng nhập họ và tên.')
      .max(DISPLAY_NAME_MAX, `Họ và tên tối đa ${DISPLAY_NAME_MAX} ký tự.`),
  );

/** Optional: an empty box means no e-mail (stored as null); stored lower-case. */
const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(
    z.union([
      z.literal('').transform(() => null),
      z.email('E-mail không hợp lệ (ví dụ: ten@ninhbinh.gov.vn).').max(254, 'E-mail tối đa 254 ký tự.'),
    ]),
  );

const RoleField = z.enum(ROLES, { error: 'Vui lòng chọn một vai trò trong danh sách.' });

const ScopeUnitId = Id('Vui lòng chọn đơn vị phạm vi.');

/** A supervisor's organisation (docs/decisions/028): required for that role, dropped for the others. */
const OrganisationId = z
  .string()
  .trim()
  .regex(/^(?:|[1-9]\d{0,9})$/, 'Vui lòng chọn tổ chức trong danh sách.')
  .optional()
  .transform((v) => (v ? Number(v) : null));

export const ORGANISATION_REQUIRED = 'Tài khoản giám sát phải thuộc một tổ chức giám sát: vui lòng chọn tổ chức.';

function withOrganisation<T extends { role: Role; organisationId: number | null }>(v: T, ctx: z.RefinementCtx) {
  if (v.role === 'supervisor' && v.organisationId === null) ctx.addIssue({ code: 'custom', path: ['organisationId'], message: ORGANISATION_REQUIRED });
}
const organisationOfRole = <T extends { role: Role; organisationId: number | null }>(v: T): T => ({ ...v, organisationId: v.role === 'supervisor' ? v.organisationId : null });

export const UserIdSchema = z.object({ userId: Id('Không tìm thấy tài khoản.') });

export const CreateUserSchema = z.object({
  username: Username,
  displayName: DisplayName,
  email: Email,
  role: RoleField,
  scopeUnitId: ScopeUnitId,
  organisationId: OrganisationId,
})
  .superRefine(withOrganisation)
  .transform(organisationOfRole);
export type CreateUserInput = z.output<typeof CreateUserSchema>;

export const UpdateUserSchema = z.object({
  userId: Id('Không tìm thấy tài khoản.'),
  displayName: DisplayName,
  email: Email,
  role: RoleField,
  scopeUnitId: ScopeUnitId,
  organisationId: OrganisationId,
})
  .superRefine(withOrganisation)
  .transform(organisationOfRole);
export type UpdateUserInput = z.output<typeof UpdateUserSchema>;

export const SetUserActiveSchema = z.object({
  userId: Id('Không tìm thấy tài khoản.'),
  active: z.enum(['true', 'false'], { error: 'Yêu cầu không hợp lệ.' }).transform((v) => v === 'true'),
});

type EditableUser = { displayName: string; email: string | null; role: Role; scopeUnitId: number; organisationId: number | null };

/** Only the fields that differ, so an unchanged save writes nothing and audits nothing. */
export function changedUserFields(before: EditableUser, input: EditableUser): Partial<EditableUser> {
  const out: Partial<EditableUser> = {};
  if (input.displayName !== before.displayName) out.displayName = input.displayName;
  if (input.email !== before.email) out.email = input.email;
  if (input.role !== before.role) out.role = input.role;
  if (input.scopeUnitId !== before.scopeUnitId) out.scopeUnitId = input.scopeUnitId;
  if (input.organisationId !== before.organisationId) out.organisationId = input.organisationId;
  return out;
}

/**
 * What an administrator may not do to their own account, as field errors:
 * lose their role, narrow their scope (either would lock them out of this
 * page) or disable themselves. Another administrator has to do it.
 */
export function selfChangeErrors(
  viewer: { userId: number },
  target: { id: number },
  changes: Partial<EditableUser> & { active?: boolean },
): Record<string, string> {
  if (viewer.userId !== target.id) return {};
  const errors: Record<string, string> = {};
  if (changes.role !== undefined) errors.role = 'Không thể tự đổi vai trò của chính mình; hãy nhờ một quản trị viên khác.';
  if (changes.scopeUnitId !== undefined) errors.scopeUnitId = 'Không thể tự đổi phạm vi của chính mình; hãy nhờ một quản trị viên khác.';
  if (changes.active === false) errors.active = 'Không thể tự vô hiệu hoá tài khoản của chính mình.';
  return errors;
}

/** A reset ends the account's sessions and replaces its password, so it is confirmed with a tick. */
export const ResetPasswordSchema = z.object({
  userId: Id('Không tìm thấy tài khoản.'),
  confirm: z.literal('on', { error: 'Vui lòng đánh dấu ô xác nhận trước khi đặt lại mật khẩu.' }),
});
