import type { Lang } from '@/lib/i18n';

/** Bump the version whenever the wording changes; each contact stores the version it agreed to. */
export const CONSENT_VERSION = 'lien-he-v1';

/** The consent statement of domain.md §7: purpose, controller, retention, withdrawal. */
export function consentText(lang: Lang, office: string, retentionMonths: number): string {
  return lang === 'en'
    ? `I agree that ${office} keeps this phone number only to reply to this rating. It is deleted automatically after ${retentionMonths} months, and I can ask the office to delete it at any time (served within 2 working days).`
    : `Tôi đồng ý để ${office} lưu số điện thoại này chỉ nhằm liên hệ trả lời đánh giá này. Số điện thoại được tự động xoá sau ${retentionMonths} tháng; tôi có thể yêu cầu cơ quan xoá bất cứ lúc nào (được xử lý trong 2 ngày làm việc).`;
}

/** Adds whole calendar months in UTC; used for the contact purge date. */
export function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}
