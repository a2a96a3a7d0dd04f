import { ROLE_LABELS, type Role } from '@/lib/auth/roles';
import { formatDate, formatDateTime } from '@/lib/format';
import { COMMENT_STATUS_LABELS } from '@/lib/validation/comments';

/**
 * How the audit log reads to a person: Vietnamese labels for actions, entity
 * types and fields, and before → after shown as the keys that changed.
 * Unknown actions and fields are shown raw, so a new one is never hidden.
 */

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.sign_in': 'Đăng nhập',
  'auth.sign_in_failed': 'Đăng nhập thất bại',
  'auth.sign_out': 'Đăng xuất',
  'user.create': 'Tạo tài khoản',
  'user.update': 'Sửa tài khoản',
  'user.disable': 'Vô hiệu hoá tài khoản',
  'user.enable': 'Kích hoạt lại tài khoản',
  'user.reset_password': 'Đặt lại mật khẩu',
  'user.change_password': 'Đổi mật khẩu',
  'unit.create': 'Tạo đơn vị',
  'unit.rename': 'Đổi tên đơn vị',
  'unit.update': 'Sửa đơn vị',
  'unit.move': 'Chuyển đơn vị',
  'unit.disable': 'Ngừng hoạt động đơn vị',
  'unit.enable': 'Hoạt động lại đơn vị',
  'unit.make_rateable': 'Cấp mã QR cho đơn vị',
  'counter.create': 'Tạo quầy',
  'counter.rename': 'Đổi tên quầy',
  'counter.update': 'Sửa quầy',
  'counter.disable': 'Ngừng quầy',
  'counter.enable': 'Hoạt động lại quầy',
  'procedure_field.create': 'Thêm lĩnh vực thủ tục',
  'procedure_field.rename': 'Đổi tên lĩnh vực thủ tục',
  'procedure_field.disable': 'Ngừng lĩnh vực thủ tục',
  'procedure_field.enable': 'Dùng lại lĩnh vực thủ tục',
  'question_set.create': 'Tạo bộ câu hỏi',
  'question_set.new_version': 'Tạo phiên bản bộ câu hỏi mới',
  'question_set.set_default': 'Đặt bộ câu hỏi mặc định',
  'unit.assign_question_set': 'Chọn bộ câu hỏi cho đơn vị',
  'comment.reply': 'Trả lời góp ý',
  'comment.status': 'Đổi trạng thái góp ý',
  'contact.view': 'Xem thông tin liên hệ',
  'contact.purge': 'Xoá thông tin liên hệ hết hạn',
  'contact.erase': 'Xoá số điện thoại theo yêu cầu của người dân',
  'kiosk.create': 'Tạo kiosk (máy tính bảng)',
  'kiosk.update': 'Sửa kiosk',
  'kiosk.repair': 'Tạo mã ghép nối mới cho kiosk',
  'kiosk.pair': 'Ghép nối máy tính bảng',
  'kiosk.pair_failed': 'Ghép nối kiosk thất bại',
  'kiosk.revoke': 'Thu hồi máy tính bảng',
  'evaluation.self_assess': 'Tự đánh giá',
  'evaluation.review': 'Thẩm định',
  'evaluation.finalise': 'Chốt kết quả đánh giá',
  'evaluation.reopen': 'Mở lại phiếu đánh giá đã chốt',
  'evaluation_period.create': 'Tạo đợt đánh giá',
  'evaluation_period.update_rubric': 'Sửa bộ tiêu chí đánh giá',
  'alert.acknowledge': 'Xác nhận cảnh báo',
  'alert_rule.update': 'Đổi quy tắc cảnh báo',
  'low_rating.review': 'Đánh dấu đánh giá thấp đã xem xét',
  'export.responses': 'Xuất danh sách phiếu đánh giá',
  'export.indicators': 'Xuất bảng chỉ số',
  'export.evaluation': 'Xuất bảng kết quả đánh giá',
  'contacts.view': 'Xem số điện thoại người góp ý',
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  user: 'Tài khoản',
  unit: 'Đơn vị',
  counter: 'Quầy',
  question_set: 'Bộ câu hỏi',
  response: 'Phiếu đánh giá',
  comment: 'Góp ý',
  contact: 'Thông tin liên hệ',
  kiosk: 'Máy tính bảng',
  evaluation: 'Đánh giá',
  evaluation_period: 'Đợt đánh giá',
  alert: 'Cảnh báo',
  /** Keyed by the office's unit id. */
  alert_rule: 'Quy tắc cảnh báo của đơn vị',
};

/** "Tài khoản #12", or the raw type for one we do not know. */
export function auditEntityLabel(entityType: string, entityId: string | null): string {
  const type = AUDIT_ENTITY_LABELS[entityType] ?? entityType;
  return entityId ? `${type} #${entityId}` : type;
}

export const AUDIT_FIELD_LABELS: Record<string, string> = {
  id: 'Mã',
  username: 'Tên đăng nhập',
  email: 'E-mail',
  displayName: 'Họ và tên',
  role: 'Vai trò',
  scopeUnitId: 'Mã đơn vị phạm vi',
  scopeName: 'Đơn vị phạm vi',
  active: 'Đang hoạt động',
  mustChangePassword: 'Phải đổi mật khẩu',
  lastSignInAt: 'Đăng nhập gần nhất',
  counterId: 'Quầy (mã)',
  idleSeconds: 'Về màn hình đầu sau (giây)',
  paired: 'Đã ghép nối',
  pairedAt: 'Thời điểm ghép nối',
  pairingExpiresAt: 'Mã ghép nối hết hạn lúc',
  revokedAt: 'Thời điểm thu hồi',
  login: 'Tên đăng nhập đã nhập',
  name: 'Tên',
  kind: 'Loại',
  code: 'Mã khảo sát',
  parentId: 'Đơn vị cấp trên',
  address: 'Địa chỉ',
  version: 'Phiên bản',
  questions: 'Câu hỏi',
  commentMaxLength: 'Độ dài góp ý tối đa',
  copiedFromSetId: 'Sao chép từ bộ',
  copiedFromVersion: 'Sao chép từ phiên bản',
  questionSetId: 'Bộ câu hỏi (mã; trống là dùng bộ của cấp trên)',
  isDefault: 'Mặc định',
  previousDefaultSetId: 'Bộ mặc định trước đó (mã)',
  status: 'Trạng thái',
  replyText: 'Nội dung trả lời',
  repliedBy: 'Người trả lời (mã)',
  repliedAt: 'Thời điểm trả lời',
  count: 'Số đánh giá thấp',
  windowMinutes: 'Trong vòng (phút)',
  note: 'Ghi chú',
  /** contact.erase: 'citizen' or 'staff' (lib/validation/erasure.ts ERASURE_CHANNEL_LABELS). */
  channel: 'Kênh yêu cầu xoá',
  acknowledgedAt: 'Thời điểm xác nhận',
  format: 'Định dạng',
  from: 'Từ ngày',
  to: 'Đến ngày',
  includeFlagged: 'Gồm phiếu bị loại',
  contacts: 'Gồm số điện thoại',
  year: 'Năm',
  dueDate: 'Hạn tự đánh giá',
  template: 'Bộ tiêu chí gốc',
  periodId: 'Đợt đánh giá (mã)',
  unitId: 'Đơn vị (mã)',
  points: 'Điểm theo tiêu chí (×100)',
  total: 'Tổng điểm',
  classification: 'Xếp loại',
  reason: 'Lý do',
  rows: 'Số dòng',
  groups: 'Nhóm tiêu chí',
  bands: 'Mức xếp loại',
  bonusCap: 'Giới hạn điểm thưởng',
};

/** Anything that looks like a secret is never shown, whatever wrote it. */
const SECRET = /^password$|hash|secret|token|onetimepassword/i;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** One stored value as a person reads it. */
export function formatAuditValue(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (key === 'role' && typeof value === 'string' && value in ROLE_LABELS) return ROLE_LABELS[value as Role].vi;
  if (key === 'status' && typeof value === 'string' && value in COMMENT_STATUS_LABELS) return COMMENT_STATUS_LABELS[value as keyof typeof COMMENT_STATUS_LABELS];
  if (typeof value === 'string' && ISO_TIME.test(value)) return formatDateTime(value);
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

export type AuditChange = { key: string; label: string; before: string; after: string };

const asRecord = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/**
 * The keys whose value differs between before and after, in the order they
 * first appear, as readable text. A creation (no before) lists every value;
 * a value that is not an object is shown under the key "".
 */
export function diffAuditValues(before: unknown, after: unknown): AuditChange[] {
  const b = asRecord(before) ?? (before == null ? {} : { '': before });
  const a = asRecord(after) ?? (after == null ? {} : { '': after });
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !SECRET.test(k));
  const out: AuditChange[] = [];
  for (const key of keys) {
    if (JSON.stringify(b[key] ?? null) === JSON.stringify(a[key] ?? null)) continue;
    out.push({
      key,
      label: key === '' ? 'Giá trị' : (AUDIT_FIELD_LABELS[key] ?? key),
      before: key in b ? formatAuditValue(key, b[key]) : '—',
      after: key in a ? formatAuditValue(key, a[key]) : '—',
    });
  }
  return out;
}

/**
 * For an entry that stands for repeated anonymous failures (one row per
 * network per window, db/queries/audit.ts): "× 30, lần cuối 10:42", with the
 * date too when the last one fell on another day (Vietnam time). Null for a
 * single event.
 */
export function auditRepeatNote(entry: { at: Date; count: number; lastAt: Date | null }): string | null {
  if (entry.count <= 1) return null;
  const times = `× ${entry.count.toLocaleString('vi-VN')}`;
  if (!entry.lastAt) return times;
  const last = formatDateTime(entry.lastAt);
  return `${times}, lần cuối ${formatDate(entry.lastAt) === formatDate(entry.at) ? last.slice(-5) : last}`;
}
