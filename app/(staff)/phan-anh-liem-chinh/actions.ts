'use server';

import { revalidatePath } from 'next/cache';
import { CloseIntegritySchema } from '@/lib/validation/supervision';
import { authorizedAction, NOT_FOUND_MESSAGE } from '@/server/actions';
import { closeReport } from '@/server/integrity';

/**
 * Closing a report with a finding. Offered to everyone who reads reports, so
 * that an office head (or a supervisor outside the inspectorate) who sends
 * it anyway is told why in Vietnamese; server/integrity.ts decides.
 */
export const closeReportAction = authorizedAction('integrity.read', CloseIntegritySchema, async (input, viewer) => {
  const outcome = await closeReport(viewer, input);
  if (outcome.status === 'not_found') return { status: 'error', message: NOT_FOUND_MESSAGE };
  if (outcome.status === 'refused') return { status: 'error', message: outcome.message, values: { reportId: String(input.reportId), finding: input.finding, note: input.note } };
  revalidatePath('/phan-anh-liem-chinh');
  return { status: 'ok', message: 'Đã kết luận và đóng phản ánh.' };
});
