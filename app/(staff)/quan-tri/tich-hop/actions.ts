'use server';

import { revalidatePath } from 'next/cache';
import { revokeIntegration } from '@/db/queries/integrations';
import type { FormState } from '@/lib/form-state';
import { CreateIntegrationSchema, IntegrationIdSchema } from '@/lib/validation/integrations';
import { authorizedAction, NOT_FOUND_MESSAGE } from '@/server/actions';
import { createIntegrationKey } from '@/server/integrations';

const PAGE = '/quan-tri/tich-hop';

/** The key travels back only in this answer (as `values.key`), to be shown once; only its hash is stored. */
export const createIntegrationAction = authorizedAction('integrations.manage', CreateIntegrationSchema, async (input, viewer): Promise<FormState> => {
  const made = await createIntegrationKey({ viewer, ...input });
  if (!made) {
    return {
      status: 'error',
      message: 'Vui lòng sửa các mục được đánh dấu.',
      fieldErrors: { unitId: 'Đơn vị này không thuộc phạm vi của Ông/Bà hoặc đã ngừng hoạt động.' },
      values: { unitId: String(input.unitId), name: input.name },
    };
  }
  revalidatePath(PAGE);
  return {
    status: 'ok',
    message: `Đã tạo khóa “${made.integration.name}” cho ${made.integration.unitName}.`,
    values: { key: made.key, name: made.integration.name, prefix: made.integration.keyPrefix },
  };
});

/** Calls with the key are refused from now on, on every server. */
export const revokeIntegrationAction = authorizedAction('integrations.manage', IntegrationIdSchema, async ({ integrationId }, viewer) => {
  const revoked = await revokeIntegration({ viewer, integrationId });
  if (!revoked) return { status: 'error', message: NOT_FOUND_MESSAGE };
  revalidatePath(PAGE);
  return { status: 'ok', message: `Đã thu hồi khóa “${revoked.name}”. Mọi lần gọi với khóa này từ nay bị từ chối.` };
});
