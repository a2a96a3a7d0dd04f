import { formatCount, formatDateTime, formatPercent } from '@/lib/format';

/**
 * The e-mails the app sends to office heads, in Vietnamese, as plain text
 * (any mail client shows it; nothing to render or to block). Pure: the jobs
 * of server/mail-jobs.ts gather the facts and the addresses.
 */

export type Mail = { subject: string; text: string };

const PREFIX = '[Hài Lòng]';
const FOOTER = 'Thư này được gửi tự động từ hệ thống Hài Lòng; vui lòng không trả lời thư này.';

const greeting = (name: string) => `Kính gửi Ông/Bà ${name},`;
const join = (...parts: (string | null | false)[]) => parts.filter((p): p is string => typeof p === 'string').join('\n');

export type AlertMailInput = {
  recipientName: string;
  officeName: string;
  lowCount: number;
  startAt: Date;
  endAt: Date;
  ruleCount: number;
  ruleWindowMinutes: number;
  /** The alerts page, absolute. */
  link: string;
};

/** A new alert (a burst of low ratings met the office's rule), to each head of the office. */
export function alertMail(a: AlertMailInput): Mail {
  return {
    subject: `${PREFIX} Cảnh báo: ${a.lowCount} đánh giá thấp tại ${a.officeName}`,
    text: join(
      greeting(a.recipientName),
      '',
      `${a.officeName} vừa nhận ${a.lowCount} đánh giá thấp (mức 1–2) trong khoảng ${formatDateTime(a.startAt)} – ${formatDateTime(a.endAt)}, ` +
        `đạt ngưỡng cảnh báo của đơn vị (${a.ruleCount} đánh giá thấp trong ${a.ruleWindowMinutes} phút).`,
      '',
      `Ông/Bà vui lòng xem và xác nhận xử lý tại: ${a.link}`,
      '',
      FOOTER,
    ),
  };
}

export type DigestOffice = { name: string; responses: number; rate: number | null; enoughData: boolean };

export type DigestMailInput = {
  recipientName: string;
  scopeName: string;
  /** The week, as Vietnamese calendar days "YYYY-MM-DD", inclusive. */
  from: string;
  to: string;
  responses: number;
  rate: number | null;
  enoughData: boolean;
  offices: readonly DigestOffice[];
  /** Comments received in the week, and how many of them nobody has handled yet. */
  comments: number;
  unansweredComments: number;
  openAlerts: number;
  /** The staff home, absolute. */
  link: string;
};

const dayLabel = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
const rateLabel = (rate: number | null, enough: boolean) => (enough && rate !== null ? formatPercent(rate) : 'chưa đủ dữ liệu');

/** A head of many offices gets the first ones (in the order given: the province view's ranking), then a count. */
export const DIGEST_OFFICES_MAX = 20;

/** The weekly digest of one office head: the week's ratings, what waits for an answer. */
export function digestMail(d: DigestMailInput): Mail {
  const week = `${dayLabel(d.from)}–${dayLabel(d.to)}`;
  const lines = d.offices
    .slice(0, DIGEST_OFFICES_MAX)
    .map((o) => `  - ${o.name}: ${formatCount(o.responses)} lượt, tỷ lệ hài lòng ${rateLabel(o.rate, o.enoughData)}`);
  if (d.offices.length > DIGEST_OFFICES_MAX) lines.push(`  - … và ${formatCount(d.offices.length - DIGEST_OFFICES_MAX)} đơn vị khác (xem trên trang Thống kê)`);
  return {
    subject: `${PREFIX} Tóm tắt tuần ${week}: ${formatCount(d.responses)} lượt đánh giá`,
    text: join(
      greeting(d.recipientName),
      '',
      `Tóm tắt tuần ${week} của ${d.scopeName}:`,
      `- Lượt đánh giá hợp lệ: ${formatCount(d.responses)}`,
      `- Tỷ lệ hài lòng: ${rateLabel(d.rate, d.enoughData)}`,
      `- Góp ý trong tuần: ${formatCount(d.comments)} (chưa xử lý: ${formatCount(d.unansweredComments)})`,
      `- Cảnh báo chưa xác nhận: ${formatCount(d.openAlerts)}`,
      lines.length > 1 ? '' : false,
      lines.length > 1 ? 'Theo đơn vị:' : false,
      ...(lines.length > 1 ? lines : []),
      '',
      `Xem chi tiết: ${d.link}`,
      '',
      FOOTER,
    ),
  };
}

/** Days before the due date on which a reminder goes out; a reminder is sent once per step. */
export const REMINDER_DAYS = [14, 7, 3, 1, 0] as const;

/**
 * The reminder step `daysLeft` falls in: the smallest step not below it
 * (5 days left → the 7-day reminder, sent once), or null when the due date
 * is more than 14 days away or past.
 */
export function reminderStep(daysLeft: number): number | null {
  if (daysLeft < 0 || daysLeft > REMINDER_DAYS[0]) return null;
  return [...REMINDER_DAYS].reverse().find((d) => daysLeft <= d) ?? null;
}

export type ReminderMailInput = {
  recipientName: string;
  periodName: string;
  /** "YYYY-MM-DD", local. */
  dueDate: string;
  daysLeft: number;
  offices: readonly string[];
  /** The period's page, absolute. */
  link: string;
};

/** A reminder that the self-assessment is due, to the head of offices that have not self-assessed. */
export function reminderMail(r: ReminderMailInput): Mail {
  const due = dayLabel(r.dueDate);
  const when = r.daysLeft === 0 ? `Hôm nay (${due}) là hạn` : `Còn ${r.daysLeft} ngày nữa (ngày ${due}) là hạn`;
  return {
    subject:
      r.daysLeft === 0 ? `${PREFIX} Hôm nay là hạn tự đánh giá: ${r.periodName}` : `${PREFIX} Còn ${r.daysLeft} ngày đến hạn tự đánh giá: ${r.periodName}`,
    text: join(
      greeting(r.recipientName),
      '',
      `${when} tự đánh giá của ${r.periodName}. ${r.offices.length > 1 ? 'Các đơn vị sau chưa' : 'Đơn vị sau chưa'} gửi tự đánh giá:`,
      ...r.offices.map((o) => `  - ${o}`),
      '',
      `Ông/Bà vui lòng hoàn thành tự đánh giá tại: ${r.link}`,
      '',
      FOOTER,
    ),
  };
}

export type IntegrityMailInput = {
  recipientName: string;
  officeName: string;
  counterName: string | null;
  submittedAt: Date;
  /** The citizen's comment (contact details already masked when stored), or null. */
  comment: string | null;
  /** The integrity reports page, absolute. */
  link: string;
};

/** A new integrity report (docs/decisions/028), to each inspectorate supervisor whose subtree holds the office. */
export function integrityMail(a: IntegrityMailInput): Mail {
  const where = a.counterName ? `${a.officeName} (${a.counterName})` : a.officeName;
  return {
    subject: `${PREFIX} Phản ánh liêm chính mới tại ${a.officeName}`,
    text: join(
      greeting(a.recipientName),
      '',
      `Lúc ${formatDateTime(a.submittedAt)}, một người dân đánh giá ${where} đã trả lời có bị gây phiền hà, sách nhiễu hoặc bị yêu cầu giấy tờ, chi phí ngoài quy định.`,
      a.comment ? `Góp ý của người dân: “${a.comment}”` : 'Người dân không để lại góp ý.',
      '',
      `Ông/Bà vui lòng xác minh và kết luận tại: ${a.link}`,
      '',
      FOOTER,
    ),
  };
}

export type KioskOutageMailInput = {
  recipientName: string;
  kioskName: string;
  officeName: string;
  counterName: string | null;
  /** Its last contact before the silence. */
  silentSince: Date;
  /** The staff home, absolute. */
  link: string;
};

/** A kiosk silent during opening hours (lib/kiosk/outages.ts), to each head of its office, once per outage. */
export function kioskOutageMail(k: KioskOutageMailInput): Mail {
  const where = k.counterName ? `${k.officeName}, ${k.counterName}` : k.officeName;
  return {
    subject: `${PREFIX} Kiosk "${k.kioskName}" tại ${k.officeName} có vẻ đã tắt hoặc mất kết nối`,
    text: join(
      greeting(k.recipientName),
      '',
      `Kiosk đánh giá "${k.kioskName}" tại ${where} không liên lạc với hệ thống từ ${formatDateTime(k.silentSince)}, ` +
        'đã quá 30 phút trong giờ làm việc của đơn vị. Người dân không đánh giá được tại kiosk này cho đến khi máy hoạt động lại.',
      '',
      'Ông/Bà vui lòng nhờ cán bộ kiểm tra nguồn điện và kết nối mạng (Wi-Fi) của máy tính bảng.',
      `Danh sách kiosk có vẻ đã tắt: ${k.link}`,
      '',
      FOOTER,
    ),
  };
}
