'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { markAlertsSeen } from '@/db/queries/alerts';
import { AcknowledgeAlertSchema, AlertRuleSchema, describeRule, MarkAlertsSeenSchema } from '@/lib/validation/alerts';
import { authorizedAction, NOT_FOUND_MESSAGE } from '@/server/actions';
import { acknowledgeAlert, setOfficeAlertRule } from '@/server/alerts';

/**
 * The office head closes an alert with a note. An alert outside their
 * subtree answers like a missing one. On success the page is shown again
 * with a confirmation, the alert now under "Đã xác nhận".
 */
export const acknowledge = authorizedAction('alerts.acknowledge', AcknowledgeAlertSchema, async ({ id, note }, viewer) => {
  const result = await acknowledgeAlert(viewer, { id, note });
  if (result.status === 'not_found') return { status: 'error', message: NOT_FOUND_MESSAGE };
  if (result.status === 'already_acknowledged') return { status: 'error', message: 'Cảnh báo này đã được xác nhận trước đó; ghi chú cũ được giữ nguyên.' };
  revalidatePath('/canh-bao');
  redirect(`/canh-bao?xac-nhan=${id}`);
});

/** An office's rule, by an administrator or the office's head, inside their subtree. */
export const saveAlertRule = authorizedAction('alerts.manage', AlertRuleSchema, async ({ unitId, count, windowMinutes, active }, viewer) => {
  const saved = await setOfficeAlertRule(viewer, { unitId, count, windowMinutes, active });
  if (!saved) return { status: 'error', message: NOT_FOUND_MESSAGE };
  revalidatePath('/canh-bao');
  return {
    status: 'ok',
    message: active ? `Đã lưu quy tắc: cảnh báo khi có ${describeRule(saved)}.` : 'Đã lưu: cảnh báo cho đơn vị này đang tắt.',
  };
});

/**
 * Called by the page once it is on screen (never during rendering, which a
 * prefetch also does), with the time it was rendered; a time in the future
 * is taken as now.
 */
export const markSeen = authorizedAction('dashboard.read', MarkAlertsSeenSchema, async ({ at }, viewer) => {
  await markAlertsSeen(viewer, new Date(Math.min(at, Date.now())));
  return { status: 'ok' };
});
