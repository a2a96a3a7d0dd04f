import { APP_ERRORS } from '../errors';
import type { Lang, Localized } from './index';

/**
 * Every message a citizen may read about their input. Validation returns the
 * keys; the page renders them in the citizen's language.
 */
export const MESSAGES = {
  required_score: { vi: 'Vui lòng chọn một mức độ hài lòng.', en: 'Please choose a level of satisfaction.' },
  invalid_score: { vi: 'Mức độ hài lòng phải là một trong năm mức từ 1 đến 5.', en: 'The rating must be one of the five levels, 1 to 5.' },
  invalid_choice: { vi: 'Lựa chọn không có trong danh sách.', en: 'That choice is not in the list.' },
  comment_too_long: { vi: 'Ý kiến góp ý tối đa {max} ký tự (hiện có {n}).', en: 'Comments may be at most {max} characters (now {n}).' },
  invalid_procedure: { vi: 'Lĩnh vực không có trong danh sách của cơ quan.', en: 'That procedure field is not offered by this office.' },
  phone_invalid: { vi: 'Số điện thoại không hợp lệ (ví dụ: 0912 345 678).', en: 'The phone number is not valid (e.g. 0912 345 678).' },
  phone_missing: { vi: 'Vui lòng nhập số điện thoại để được liên hệ lại.', en: 'Please enter a phone number so we can contact you.' },
  consent_missing: {
    vi: 'Để lưu số điện thoại, Ông/Bà cần đánh dấu ô đồng ý. Nếu không, hãy xoá số điện thoại.',
    en: 'To keep your phone number, please tick the consent box, or remove the number.',
  },
  unknown_field: { vi: 'Biểu mẫu có trường không tồn tại: {name}.', en: 'The form has an unknown field: {name}.' },
  duplicate_field: { vi: 'Trường {name} được gửi nhiều lần.', en: 'The field {name} was sent more than once.' },
  invalid_form: { vi: 'Biểu mẫu không hợp lệ. Vui lòng tải lại trang và thử lại.', en: 'The form is not valid. Please reload the page and try again.' },
  body_too_large: { vi: 'Dữ liệu gửi lên quá lớn.', en: 'The submitted data is too large.' },
  bad_encoding: { vi: 'Dữ liệu gửi lên có ký tự không hợp lệ (không phải UTF-8).', en: 'The submitted data contains invalid characters (not UTF-8).' },
  unsupported_type: { vi: 'Định dạng dữ liệu không được hỗ trợ.', en: 'Unsupported data format.' },
  rate_limited_device: {
    vi: 'Thiết bị này vừa gửi nhiều đánh giá trong thời gian ngắn. Vui lòng thử lại sau ít phút.',
    en: 'This device has sent many ratings in a short time. Please try again in a few minutes.',
  },
  rate_limited_network: {
    vi: 'Mạng này vừa gửi quá nhiều đánh giá trong thời gian ngắn. Vui lòng thử lại sau ít phút.',
    en: 'Too many ratings came from this network in a short time. Please try again in a few minutes.',
  },
  fix_errors: { vi: 'Vui lòng kiểm tra lại các mục được đánh dấu bên dưới.', en: 'Please check the marked items below.' },
  server_error: {
    vi: 'Hệ thống đang bận nên đánh giá của Ông/Bà chưa được lưu. Các câu trả lời vẫn được giữ bên dưới, vui lòng bấm “Gửi đánh giá” lại sau ít giây.',
    en: 'The system is busy, so your rating was not saved. Your answers are kept below; please press “Send rating” again in a few seconds.',
  },
  cross_site: { vi: APP_ERRORS.cross_site.vi, en: APP_ERRORS.cross_site.en },
  form_reload: {
    vi: 'Phiếu đánh giá này đã hết hạn hoặc không hợp lệ nên đánh giá chưa được lưu. Các câu trả lời vẫn được giữ bên dưới, vui lòng bấm “Gửi đánh giá” lại.',
    en: 'This survey form has expired or is not valid, so your rating was not saved. Your answers are kept below; please press “Send rating” again.',
  },
  // A dossier's rating link (/h/<token>, docs/decisions/027).
  dossier_change_closed: {
    vi: 'Đã quá 7 ngày kể từ khi Ông/Bà đánh giá hồ sơ này nên không thể đổi đánh giá nữa.',
    en: 'More than 7 days have passed since you rated this dossier, so the rating can no longer be changed.',
  },
} satisfies Record<string, Localized>;

export type MessageKey = keyof typeof MESSAGES;
export type Message = { key: MessageKey; params?: Record<string, string | number> };

export function renderMessage(msg: Message, lang: Lang): string {
  return MESSAGES[msg.key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(msg.params?.[k] ?? ''));
}
