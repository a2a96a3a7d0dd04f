import type { Lang } from '@/lib/i18n';

/** The kiosk's citizen-facing words; Vietnamese first, formal "Ông/Bà". */
export const KIOSK_TEXT = {
  invite: { vi: 'Ông/Bà vui lòng đánh giá mức độ hài lòng', en: 'Please tell us how satisfied you are' },
  startHint: { vi: 'Chạm vào một mặt cười để đánh giá. Chỉ mất vài giây, không cần đăng nhập.', en: 'Tap a face to rate. It takes a few seconds, no sign-in needed.' },
  questionNo: { vi: 'Câu', en: 'Question' },
  reasonsHint: { vi: 'Có thể chọn nhiều lý do', en: 'You may choose several' },
  comment: { vi: 'Ý kiến khác (không bắt buộc)', en: 'Other comments (optional)' },
  chars: { vi: 'ký tự', en: 'characters' },
  send: { vi: 'Gửi', en: 'Send' },
  skip: { vi: 'Bỏ qua', en: 'Skip' },
  thanks: { vi: 'Trân trọng cảm ơn Ông/Bà!', en: 'Thank you very much!' },
  thanksNote: { vi: 'Ý kiến của Ông/Bà giúp chúng tôi phục vụ tốt hơn.', en: 'Your opinion helps us serve you better.' },
  switchTo: { vi: 'English', en: 'Tiếng Việt' },
  switchLabel: { vi: 'Switch to English', en: 'Chuyển sang tiếng Việt' },
  otherLang: { vi: 'en', en: 'vi' },
  fullscreen: { vi: 'Toàn màn hình', en: 'Toàn màn hình' },
  serving: { vi: 'Ông/Bà đang đánh giá', en: 'You are rating' },
  servingPhoto: { vi: 'Ảnh của {name}', en: 'Photo of {name}' },
} as const satisfies Record<string, Record<Lang, string>>;

export function t(key: keyof typeof KIOSK_TEXT, lang: Lang): string {
  return KIOSK_TEXT[key][lang];
}
