import type { z } from 'zod';
import { can, type Permission, type Viewer } from '@/lib/auth/roles';
import { toAppError } from '@/lib/errors';
import { fieldErrorsOf, formValues, type FormState } from '@/lib/form-state';
import { getCurrentViewer } from './auth/viewer';
import { logger } from './log';

export const NOT_FOUND_MESSAGE = 'Không tìm thấy mục này, hoặc Ông/Bà không có quyền với nó.';

/**
 * Every staff server action is built with this: it finds the viewer, checks
 * the permission, validates the whole form with zod, and only then runs the
 * work. An action outside the viewer's rights answers like a missing record.
 */
export function authorizedAction<S extends z.ZodType>(
  permission: Permission | null,
  schema: S,
  work: (input: z.output<S>, viewer: Viewer) => Promise<FormState> | FormState,
  opts: { allowPasswordChange?: boolean } = {},
) {
  return async function action(_prev: FormState, formData: FormData): Promise<FormState> {
    const viewer = await getCurrentViewer();
    if (!viewer || (viewer.mustChangePassword && !opts.allowPasswordChange) || (permission && !can(viewer.role, permission))) {
      return { status: 'error', message: NOT_FOUND_MESSAGE };
    }
    const values = formValues(formData);
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      return { status: 'error', message: 'Vui lòng sửa các mục được đánh dấu.', fieldErrors: fieldErrorsOf(parsed.error), values };
    }
    try {
      return await work(parsed.data, viewer);
    } catch (err) {
      // A busy or unreachable database is worth a retry: say so beside the form and keep what was typed,
      // rather than replacing the page with the error boundary. Anything else (redirects included) goes on up.
      const appError = toAppError(err);
      if (appError.status !== 503) throw err;
      logger().warn({ code: appError.code, driverCode: (err as { code?: string }).code ?? null }, 'staff action: database unavailable');
      return { status: 'error', message: appError.messageIn('vi'), values };
    }
  };
}
