'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { markAlertsSeen } from '@/db/queries/alerts';
import { setLowRatingsReviewed } from '@/db/queries/follow-up';
import { AcknowledgeAlertSchema, AlertRuleSchema, describeRule, MarkAlertsSeenSchema, ReviewLowRatingsSchema } from '@/lib/validation/alerts';
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

/**
 * The office head marks low ratings as looked at ("Đã xem xét"), one or every
 * one listed: they stop waiting for follow-up. Ratings outside the viewer's
 * subtree are left alone, as if missing.
 */
export const reviewLowRatings = authorizedAction('alerts.acknowledge', ReviewLowRatingsSchema, async ({ responseIds }, viewer) => {
  const marked = await setLowRatingsReviewed(viewer, { responseIds });
  if (marked === 0) return { status: 'error', message: 'Không có đánh giá nào được đánh dấu: đánh giá đã được xem xét trước đó, hoặc Ông/Bà không có quyền với nó.' };
  revalidatePath('/canh-bao');
  return { status: 'ok', message: marked === 1 ? 'Đã đánh dấu 1 đánh giá thấp là đã xem xét.' : `Đã đánh dấu ${marked.toLocaleString('vi-VN')} đánh giá thấp là đã xem xét.` };
});
