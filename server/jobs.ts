import { runRetention } from '@/db/queries/maintenance';
import { getEnv } from '@/lib/env';
import { describeBackup, takeBackup } from './backups';
import { checkKioskOutages } from './kiosk-outages';
import { appMailer } from './mailer';
import { sendAlertMails, sendIntegrityMails, sendSelfAssessmentReminders, sendWeeklyDigests } from './mail-jobs';
import { Scheduler, type Job } from './scheduler';

/** The app's background jobs (server/scheduler.ts); each runs on one server at a time. */
export const APP_JOBS: Job[] = [
  {
    name: 'retention',
    label: 'Dọn dữ liệu hết hạn: số điện thoại quá thời hạn lưu, dấu vết thiết bị/mạng cũ, phiên đăng nhập đã hết',
    schedule: { kind: 'daily', at: '02:00' },
    firstRun: 'now',
    leaseMinutes: 30,
    retryMinutes: 15,
    async run({ now }) {
      const r = await runRetention({ now });
      return (
        `Đã xoá ${r.contactsPurged} số điện thoại hết hạn, dấu vết thiết bị/mạng của ${r.signalsCleared} lượt đánh giá cũ, ` +
        `${r.sessionsDeleted} phiên đăng nhập đã kết thúc và ${r.throttleEventsDeleted} sự kiện giới hạn cũ.`
      );
    },
  },
  {
    name: 'backup',
    label: 'Sao lưu cơ sở dữ liệu (trong lúc vẫn phục vụ) và xoá bản cũ theo chính sách giữ',
    schedule: { kind: 'daily', at: '01:30' },
    firstRun: 'scheduled',
    leaseMinutes: 120,
    retryMinutes: 30,
    run: async ({ now }) => describeBackup(await takeBackup({ now })),
  },
  {
    name: 'kiosks.unplugged',
    label: 'Ghi nhận kiosk có vẻ đã tắt trong giờ làm việc (và khi hoạt động lại); báo e-mail cho thủ trưởng đơn vị một lần mỗi lần mất liên lạc',
    schedule: { kind: 'every', minutes: 10 },
    firstRun: 'now',
    leaseMinutes: 5,
    retryMinutes: 5,
    run: ({ now, registeredAt }) => checkKioskOutages({ mailer: appMailer(), now, registeredAt, baseUrl: getEnv().PUBLIC_BASE_URL }),
  },
  {
    name: 'mail.alerts',
    label: 'Gửi e-mail báo cảnh báo mới cho thủ trưởng đơn vị',
    schedule: { kind: 'every', minutes: 1 },
    firstRun: 'now',
    leaseMinutes: 5,
    retryMinutes: 2,
    run: ({ now, registeredAt }) => sendAlertMails({ mailer: appMailer(), now, registeredAt, baseUrl: getEnv().PUBLIC_BASE_URL }),
  },
  {
    name: 'mail.integrity',
    label: 'Gửi e-mail báo phản ánh liêm chính mới cho cán bộ Thanh tra',
    schedule: { kind: 'every', minutes: 1 },
    firstRun: 'now',
    leaseMinutes: 5,
    retryMinutes: 2,
    run: ({ now, registeredAt }) => sendIntegrityMails({ mailer: appMailer(), now, registeredAt, baseUrl: getEnv().PUBLIC_BASE_URL }),
  },
  {
    name: 'mail.digest',
    label: 'Gửi e-mail tóm tắt tuần trước cho từng thủ trưởng',
    schedule: { kind: 'weekly', weekday: 1, at: '07:00' },
    firstRun: 'scheduled',
    leaseMinutes: 30,
    retryMinutes: 30,
    run: ({ now }) => sendWeeklyDigests({ mailer: appMailer(), now, baseUrl: getEnv().PUBLIC_BASE_URL }),
  },
  {
    name: 'mail.reminders',
    label: 'Nhắc hạn tự đánh giá qua e-mail cho đơn vị chưa tự đánh giá',
    schedule: { kind: 'daily', at: '08:00' },
    firstRun: 'scheduled',
    leaseMinutes: 30,
    retryMinutes: 30,
    run: ({ now }) => sendSelfAssessmentReminders({ mailer: appMailer(), now, baseUrl: getEnv().PUBLIC_BASE_URL }),
  },
];

const cache = globalThis as unknown as { __hailongScheduler?: Scheduler };

/** This server's scheduler (one per process). */
export function appScheduler(): Scheduler {
  cache.__hailongScheduler ??= new Scheduler(APP_JOBS);
  return cache.__hailongScheduler;
}

/** Registers the jobs and starts ticking (server start-up). */
export async function startAppScheduler(): Promise<void> {
  const scheduler = appScheduler();
  await scheduler.register();
  scheduler.start();
}
