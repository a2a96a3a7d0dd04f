import { countUnansweredComments } from '@/db/queries/dashboard';
import {
  countOpenAlertsIn,
  headsOf,
  listAlertsToMail,
  listDeliveredKeys,
  listOfficeHeadRecipients,
  listSelfAssessmentGaps,
  recordMailDelivery,
  type HeadRecipient,
} from '@/db/queries/mail';
import { addDays, customPeriod, dayKeyOf, weekStart } from '@/lib/indicators/periods';
import { listInspectorRecipients, listIntegrityReportsToMail } from '@/db/queries/integrity';
import { alertMail, digestMail, integrityMail, reminderMail, reminderStep, type Mail } from '@/lib/mail/messages';
import type { Mailer } from './mailer';
import { loadOfficeTable } from './dashboard';

/**
 * The e-mail jobs of server/jobs.ts: each reads what is due, mails each
 * office head at most once per item (mail_deliveries), and returns a
 * Vietnamese summary for the administrators' page. Without a mailer (no
 * SMTP configured) they send nothing and say so. A message the server
 * refuses does not stop the others; the job then fails with the count, and
 * its retry sends only what is still missing.
 */

export type MailJobInput = { mailer: Mailer | null; now: Date; baseUrl: string };

export const NOT_CONFIGURED = 'Chưa cấu hình e-mail (SMTP): không gửi thư nào.';

/** Alerts older than this when first seen are not news any more (a kiosk's queue arriving days late). */
const ALERT_MAIL_MAX_AGE_MS = 2 * 86_400_000;

export class Outbox {
  sent = 0;
  failed = 0;
  firstError: string | null = null;

  constructor(private readonly mailer: Mailer) {}

  /** Sends unless already delivered; records the delivery. */
  async deliver(kind: string, key: string, to: Pick<HeadRecipient, 'email'>, mail: Mail, now: Date) {
    if ((await listDeliveredKeys({ recipient: to.email, keys: [key] })).has(key)) return;
    try {
      await this.mailer.send(to.email, mail);
    } catch (error) {
      this.failed++;
      this.firstError ??= error instanceof Error ? error.message : String(error);
      return;
    }
    await recordMailDelivery({ kind, key, recipient: to.email, sentAt: now });
    this.sent++;
  }

  /** The run's summary; throws when a message could not be sent, so the job is retried. */
  summary(done: string): string {
    if (this.failed) throw new Error(`${done}; ${this.failed} thư chưa gửi được (${this.firstError}). Sẽ thử lại.`);
    return done;
  }
}

/** A new alert, to the heads of its office (those whose subtree holds it), once. */
export async function sendAlertMails({ mailer, now, baseUrl, registeredAt }: MailJobInput & { registeredAt: Date }): Promise<string> {
  if (!mailer) return NOT_CONFIGURED;
  // Alerts raised before the job existed (the demo seed's, a first deployment's history) are not mailed.
  const since = new Date(Math.max(registeredAt.getTime(), now.getTime() - ALERT_MAIL_MAX_AGE_MS));
  const pending = await listAlertsToMail({ since });
  if (pending.length === 0) return 'Không có cảnh báo mới.';
  const heads = await listOfficeHeadRecipients();
  const out = new Outbox(mailer);
  let nobody = 0;
  for (const a of pending) {
    const key = `alert:${a.id}`;
    const to = headsOf(heads, a.unitPath);
    if (to.length === 0) {
      nobody++;
      await recordMailDelivery({ kind: 'alert', key, recipient: '', sentAt: now });
      continue;
    }
    for (const head of to) {
      const mail = alertMail({
        recipientName: head.displayName,
        officeName: a.unitName,
        lowCount: a.lowCount,
        startAt: a.startAt,
        endAt: a.endAt,
        ruleCount: a.ruleCount,
        ruleWindowMinutes: a.ruleWindowMinutes,
        link: `${baseUrl}/canh-bao`,
      });
      await out.deliver('alert', key, head, mail, now);
    }
  }
  return out.summary(`${pending.length} cảnh báo mới: đã gửi ${out.sent} thư${nobody ? `; ${nobody} cảnh báo không có thủ trưởng nào có e-mail` : ''}`);
}

/**
 * A new integrity report (docs/decisions/028), to each of the inspectorate's
 * supervisors whose subtree holds the office, once (mail_deliveries).
 */
export async function sendIntegrityMails({ mailer, now, baseUrl, registeredAt }: MailJobInput & { registeredAt: Date }): Promise<string> {
  if (!mailer) return NOT_CONFIGURED;
  const since = new Date(Math.max(registeredAt.getTime(), now.getTime() - ALERT_MAIL_MAX_AGE_MS));
  const pending = await listIntegrityReportsToMail({ since });
  if (pending.length === 0) return 'Không có phản ánh liêm chính mới.';
  const inspectors = await listInspectorRecipients();
  const out = new Outbox(mailer);
  let nobody = 0;
  for (const r of pending) {
    const key = `integrity:${r.id}`;
    const to = inspectors.filter((i) => r.unitPath.startsWith(i.scopePath));
    if (to.length === 0) {
      nobody++;
      await recordMailDelivery({ kind: 'integrity', key, recipient: '', sentAt: now });
      continue;
    }
    for (const inspector of to) {
      const mail = integrityMail({
        recipientName: inspector.displayName,
        officeName: r.unitName,
        counterName: r.counterName,
        submittedAt: r.submittedAt,
        comment: r.comment,
        link: `${baseUrl}/phan-anh-liem-chinh`,
      });
      await out.deliver('integrity', key, inspector, mail, now);
    }
  }
  return out.summary(`${pending.length} phản ánh liêm chính mới: đã gửi ${out.sent} thư${nobody ? `; ${nobody} phản ánh không có cán bộ Thanh tra nào có e-mail` : ''}`);
}

/** The last whole week (Monday–Sunday, Vietnamese time) before `now`'s day. */
export function lastWeek(now: Date): { from: string; to: string } {
  const from = addDays(weekStart(dayKeyOf(now)), -7);
  return { from, to: addDays(from, 6) };
}

/** Each office head's digest of last week, once per head and week. */
export async function sendWeeklyDigests({ mailer, now, baseUrl }: MailJobInput): Promise<string> {
  if (!mailer) return NOT_CONFIGURED;
  const { from, to } = lastWeek(now);
  const period = customPeriod(from, to);
  const key = `digest:${from}`;
  const out = new Outbox(mailer);
  const heads = await listOfficeHeadRecipients();
  for (const head of heads) {
    if ((await listDeliveredKeys({ recipient: head.email, keys: [key] })).has(key)) continue;
    const viewer = { scopePath: head.scopePath };
    const table = await loadOfficeTable(viewer, { period });
    const comments = await countUnansweredComments({ viewer }, period);
    const headline = table?.total.headline ?? null;
    const mail = digestMail({
      recipientName: head.displayName,
      scopeName: head.scopeName,
      from,
      to,
      responses: table?.total.responses ?? 0,
      rate: headline?.rate ?? null,
      enoughData: headline?.enoughData ?? false,
      offices: (table?.lines ?? []).map((l) => ({ name: l.name, responses: l.summary.responses, rate: l.indicator.rate, enoughData: l.indicator.enoughData })),
      comments: comments.total,
      unansweredComments: comments.unanswered,
      openAlerts: await countOpenAlertsIn({ path: head.scopePath }),
      link: `${baseUrl}/tong-quan`,
    });
    await out.deliver('digest', key, head, mail, now);
  }
  return out.summary(`Tuần ${from} – ${to}: đã gửi ${out.sent} thư tóm tắt cho ${heads.length} thủ trưởng có e-mail`);
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * Reminders before a self-assessment is due (14, 7, 3, 1 days before and on
 * the day: lib/mail/messages.ts reminderStep), to the heads of offices that
 * have not self-assessed, one message per head listing their offices.
 */
export async function sendSelfAssessmentReminders({ mailer, now, baseUrl }: MailJobInput): Promise<string> {
  if (!mailer) return NOT_CONFIGURED;
  const today = dayKeyOf(now);
  const gaps = await listSelfAssessmentGaps({ fromDay: today, toDay: addDays(today, 14) });
  if (gaps.length === 0) return 'Không có đơn vị nào cần nhắc.';
  const heads = await listOfficeHeadRecipients();
  const out = new Outbox(mailer);
  const periods = new Map<number, typeof gaps>();
  for (const g of gaps) periods.set(g.periodId, [...(periods.get(g.periodId) ?? []), g]);
  for (const [periodId, offices] of periods) {
    const { periodName, dueDate } = offices[0]!;
    const daysLeft = daysBetween(today, dueDate);
    const step = reminderStep(daysLeft);
    if (step === null) continue;
    const key = `reminder:${periodId}:${dueDate}:${step}`;
    for (const head of heads) {
      const mine = offices.filter((o) => o.unitPath.startsWith(head.scopePath));
      if (mine.length === 0) continue;
      const mail = reminderMail({ recipientName: head.displayName, periodName, dueDate, daysLeft, offices: mine.map((o) => o.unitName), link: `${baseUrl}/danh-gia/${periodId}` });
      await out.deliver('reminder', key, head, mail, now);
    }
  }
  return out.summary(`${gaps.length} đơn vị chưa tự đánh giá: đã gửi ${out.sent} thư nhắc`);
}
