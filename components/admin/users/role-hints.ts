import type { Role } from '@/lib/auth/roles';

/** What each role may do (lib/auth/roles.ts), in words, for the role picker's hint. */
export const ROLE_HINTS: Record<Role, string> = {
  admin: 'Quản trị: quản lý đơn vị, tài khoản, bộ câu hỏi, xem nhật ký.',
  assessor: 'Thẩm định: xem kết quả, thông tin liên hệ và thẩm định đánh giá.',
  office_head: 'Thủ trưởng: xem kết quả đơn vị mình, trả lời góp ý, tự đánh giá.',
  supervisor: 'Giám sát: xem kết quả, ghi kết quả giám sát và kiến nghị (ký tên tổ chức), không xem thông tin liên hệ.',
  official: 'Cán bộ: chỉ xem kết quả đánh giá của chính mình (gắn với hồ sơ cán bộ của đơn vị).',
};

/** The organisation field's hint (docs/decisions/028). */
export const ORGANISATION_HINT = 'Bắt buộc với tài khoản Giám sát (tên tổ chức hiện trên mọi nội dung họ ghi); bỏ trống với các vai trò khác.';
