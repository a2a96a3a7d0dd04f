import { listKiosks } from '@/db/queries/kiosks';
import { applyKioskOutagePlan, listKioskOutagesToMail, listOpenKioskOutages } from '@/db/queries/kiosk-outages';
import { headsOf, listOfficeHeadRecipients, recordMailDelivery } from '@/db/queries/mail';
import { planOutages } from '@/lib/kiosk/outages';
import { kioskOutageMail } from '@/lib/mail/messages';
import type { Mailer } from './mailer';
import { NOT_CONFIGURED, Outbox } from './mail-jobs';

/** The whole tree: the job acts for the system, not for a viewer. */
const EVERYWHERE = { scopePath: '/' };

/**
 * The scheduled job `kiosks.unplugged` (server/jobs.ts, every 10 minutes):
 * records which paired kiosks look unplugged during their office's opening
 * hours as outages (lib/kiosk/outages.ts decides), ends those whose kiosk is
 * back, and e-mails the heads of the kiosk's office once per outage when
 * e-mail is configured (mail_deliveries, as the alert e-mails). Outages found
 * before the job existed are not mailed. Returns the administrators' summary.
 */
export async function checkKioskOutages({ mailer, now, registeredAt, baseUrl }: { mailer: Mailer | null; now: Date; registeredAt: Date; baseUrl: string }): Promise<string> {
  const paired = (await listKiosks({ viewer: EVERYWHERE })).filter((k) => k.paired);
  const plan = planOutages(paired, await listOpenKioskOutages(), now);
  const { started, ended } = await applyKioskOutagePlan({ plan, now });
  const open = (await listOpenKioskOutages()).length;
  const state =
    `${open} kiosk đang mất liên lạc trong giờ làm việc` + (started || ended ? ` (mới phát hiện ${started}, đã hoạt động lại ${ended})` : '') + '.';
  if (!mailer) return open ? `${state} ${NOT_CONFIGURED}` : state;
  const pending = await listKioskOutagesToMail({ since: registeredAt });
  if (pending.length === 0) return state;
  const heads = await listOfficeHeadRecipients();
  const out = new Outbox(mailer);
  let nobody = 0;
  for (const o of pending) {
    const key = `kiosk-outage:${o.id}`;
    const to = headsOf(heads, o.unitPath);
    if (to.length === 0) {
      nobody++;
      await recordMailDelivery({ kind: 'kiosk-outage', key, recipient: '', sentAt: now });
      continue;
    }
    for (const head of to) {
      const mail = kioskOutageMail({
        recipientName: head.displayName,
        kioskName: o.kioskName,
        officeName: o.unitName,
        counterName: o.counterName,
        silentSince: o.silentSince,
        link: `${baseUrl}/tong-quan#kiosk-tat`,
      });
      await out.deliver('kiosk-outage', key, head, mail, now);
    }
  }
  return out.summary(`${state} Đã gửi ${out.sent} thư báo kiosk mất liên lạc${nobody ? `; ${nobody} kiosk không có thủ trưởng nào có e-mail` : ''}.`);
}
