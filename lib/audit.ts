import { ENTITY_KINDS, ID_FIELDS, NO_NAMES, type AuditNames } from '@/lib/audit-names';
import { ROLE_LABELS, type Role } from '@/lib/auth/roles';
import { formatDayInput } from '@/lib/day-input';
import { RUBRIC_PRESET_LABELS, formatPoints, type RubricPreset } from '@/lib/evaluation/rubric';
import { diffRubrics } from '@/lib/evaluation/rubric-diff';
import { formatDate, formatDateTime } from '@/lib/format';
import { formatOpeningHours, parseOpeningHours } from '@/lib/opening-hours';
import { unitKindLabel } from '@/lib/units';
import { COMMENT_STATUS_LABELS } from '@/lib/validation/comments';
import { STATUS_LABELS, type EvaluationStatus } from '@/lib/validation/evaluation';

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
  'recognition_round.open': 'Mở đợt khen thưởng',
  'recognition_round.rules': 'Sửa tiêu chuẩn khen thưởng',
  'recognition_round.compile': 'Lập tờ trình khen thưởng',
  'recognition_round.decide': 'Ghi quyết định khen thưởng',
  'recognition_form.create': 'Thêm hình thức khen thưởng',
  'recognition_form.update': 'Sửa hình thức khen thưởng',
  'nomination.create': 'Đề nghị khen thưởng',
  'nomination.review': 'Xem xét đề nghị khen thưởng',
  'export.recognition': 'Xuất danh sách đề nghị khen thưởng',
  'organisation.create': 'Thêm tổ chức giám sát',
  'organisation.update': 'Sửa tổ chức giám sát',
  'supervision_visit.create': 'Ghi kết quả giám sát',
  'recommendation.answer': 'Trả lời kiến nghị giám sát',
  'recommendation.done': 'Đánh dấu kiến nghị đã thực hiện xong',
  'integrity_report.close': 'Kết luận phản ánh liêm chính',
  'integration.create': 'Tạo khóa API hệ thống hồ sơ',
  'integration.revoke': 'Thu hồi khóa API hệ thống hồ sơ',
  'api.auth_failed': 'Gọi API với khóa không hợp lệ',
  'api.dossier.register': 'Đăng ký hồ sơ qua API',
  'api.dossier.read': 'Đọc hồ sơ qua API',
  'api.dossier.qr': 'Lấy mã QR hồ sơ qua API',
  'dossier.import': 'Nhập hồ sơ từ tệp CSV',
  'publication.publish': 'Công bố kết quả',
  'publication.withdraw': 'Thu hồi kết quả đã công bố',
  'good_example.create': 'Thêm gương điển hình',
  'good_example.update': 'Sửa gương điển hình',
  'good_example.publish': 'Đưa gương điển hình lên trang công khai',
  'good_example.unpublish': 'Gỡ gương điển hình khỏi trang công khai',
  'good_example.photo': 'Thay ảnh gương điển hình',
  'good_example.photo_delete': 'Xoá ảnh gương điển hình',
  'good_example.delete': 'Xoá gương điển hình',
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
  recognition_round: 'Đợt khen thưởng',
  recognition_form: 'Hình thức khen thưởng',
  nomination: 'Đề nghị khen thưởng',
  organisation: 'Tổ chức giám sát',
  supervision_visit: 'Kết quả giám sát',
  recommendation: 'Kiến nghị giám sát',
  integrity_report: 'Phản ánh liêm chính',
  integration: 'Khóa API hệ thống hồ sơ',
  dossier: 'Hồ sơ',
  publication: 'Kỳ công bố kết quả',
  good_example: 'Gương điển hình',
};

/** "Tài khoản #12", or the raw type for one we do not know (when the name is not known). */
export function auditEntityLabel(entityType: string, entityId: string | null): string {
  const type = AUDIT_ENTITY_LABELS[entityType] ?? entityType;
  return entityId ? `${type} #${entityId}` : type;
}

const idOf = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^[1-9]\d{0,9}$/.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};

/**
 * What an entry is about, by name: "Tài khoản: Nguyễn Văn A", "Phiếu đánh
 * giá: Trung tâm … — Đánh giá năm 2026"; the unit the entry concerns when the
 * entity itself has no name here ("Cảnh báo — Trung tâm …"); the type and id
 * when nothing is known. With a link where the entity has a page.
 */
export function describeAuditEntity(entityType: string, entityId: string | null, names: AuditNames = NO_NAMES, unitName: string | null = null): { label: string; href: string | null } {
  const type = AUDIT_ENTITY_LABELS[entityType] ?? entityType;
  const id = idOf(entityId);
  const kind = ENTITY_KINDS[entityType];
  let name: string | null = null;
  let href: string | null = null;
  if (id && kind === 'sheets') {
    const sheet = names.sheets.get(id);
    if (sheet) {
      const period = names.periods.get(sheet.periodId);
      name = period ? `${sheet.unitName} — ${period.name}` : sheet.unitName;
    }
  } else if (id && kind === 'periods') {
    name = names.periods.get(id)?.name ?? null;
    if (name) href = `/danh-gia/${id}`;
  } else if (id && kind) {
    name = (names[kind] as Map<number, string>).get(id) ?? null;
  }
  if (entityType === 'user' && id) href = `/quan-tri/nguoi-dung/${id}`;
  if (entityType === 'question_set' && id) href = `/quan-tri/bo-cau-hoi/${id}`;
  if (entityType === 'unit' && id && name) href = `/quan-tri/don-vi/${id}`;
  if (name) return { label: `${type}: ${name}`, href };
  if (unitName && entityType !== 'unit') return { label: `${type}${entityId ? ` #${entityId}` : ''} — ${unitName}`, href };
  return { label: auditEntityLabel(entityType, entityId), href };
}

export const AUDIT_FIELD_LABELS: Record<string, string> = {
  id: 'Mã',
  username: 'Tên đăng nhập',
  email: 'E-mail',
  displayName: 'Họ và tên',
  role: 'Vai trò',
  scopeUnitId: 'Đơn vị phạm vi',
  organisationId: 'Tổ chức giám sát (mã)',
  organisation: 'Tổ chức giám sát',
  findings: 'Kết quả giám sát',
  recommendations: 'Kiến nghị',
  visitedOn: 'Ngày giám sát',
  finding: 'Kết luận',
  answer: 'Trả lời',
  scopeName: 'Đơn vị phạm vi',
  active: 'Đang hoạt động',
  mustChangePassword: 'Phải đổi mật khẩu',
  lastSignInAt: 'Đăng nhập gần nhất',
  counterId: 'Quầy',
  kioskId: 'Máy tính bảng',
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
  parentName: 'Tên đơn vị cấp trên',
  unitsMoved: 'Số đơn vị được chuyển',
  sortOrder: 'Thứ tự',
  openingHours: 'Giờ làm việc',
  address: 'Địa chỉ',
  version: 'Phiên bản',
  questions: 'Câu hỏi',
  commentMaxLength: 'Độ dài góp ý tối đa',
  copiedFromSetId: 'Sao chép từ bộ',
  copiedFromVersion: 'Sao chép từ phiên bản',
  questionSetId: 'Bộ câu hỏi (trống là dùng bộ của cấp trên)',
  isDefault: 'Mặc định',
  previousDefaultSetId: 'Bộ mặc định trước đó',
  status: 'Trạng thái',
  replyText: 'Nội dung trả lời',
  repliedBy: 'Người trả lời',
  repliedAt: 'Thời điểm trả lời',
  count: 'Số đánh giá thấp',
  windowMinutes: 'Trong vòng (phút)',
  note: 'Ghi chú',
  /** contact.erase: 'citizen' or 'staff' (lib/validation/erasure.ts ERASURE_CHANNEL_LABELS). */
  channel: 'Kênh yêu cầu xoá',
  acknowledgedAt: 'Thời điểm xác nhận',
  acknowledgedBy: 'Người xác nhận',
  format: 'Định dạng',
  from: 'Từ ngày',
  to: 'Đến ngày',
  includeFlagged: 'Gồm phiếu bị loại',
  contacts: 'Gồm số điện thoại',
  year: 'Năm',
  dueDate: 'Hạn tự đánh giá',
  template: 'Bộ tiêu chí gốc',
  periodId: 'Đợt đánh giá',
  unitId: 'Đơn vị',
  userId: 'Tài khoản',
  points: 'Điểm theo tiêu chí',
  total: 'Tổng điểm',
  classification: 'Xếp loại',
  reason: 'Lý do',
  earlyOverride: 'Chốt sớm (trước khi hết năm, do quản trị)',
  rows: 'Số dòng',
  groups: 'Nhóm tiêu chí',
  bands: 'Mức xếp loại',
  bonusCap: 'Giới hạn điểm thưởng',
};

/** Anything that looks like a secret is never shown, whatever wrote it. */
const SECRET = /^password$|hash|secret|token|onetimepassword/i;
/** Internal bookkeeping no official needs to read (the tree path repeats the parent). */
const HIDDEN = new Set(['path']);

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Where a value is read: the entity it belongs to and the names its ids stand for. */
export type AuditContext = { entityType?: string; names?: AuditNames };

/** The state of an entity in its own words: a sheet's, a comment's. */
function statusLabel(entityType: string | undefined, value: string): string {
  if (entityType === 'evaluation' && value in STATUS_LABELS) return STATUS_LABELS[value as EvaluationStatus];
  if (value in COMMENT_STATUS_LABELS) return COMMENT_STATUS_LABELS[value as keyof typeof COMMENT_STATUS_LABELS];
  if (value in STATUS_LABELS) return STATUS_LABELS[value as EvaluationStatus];
  return value;
}

function templateLabel(value: string, names: AuditNames): string {
  const copied = idOf(/^copy:(\d+)$/.exec(value)?.[1]);
  if (copied) return `Sao chép từ đợt “${names.periods.get(copied)?.name ?? `#${copied}`}”`;
  const preset = value.replace(/^preset:/, '');
  return preset in RUBRIC_PRESET_LABELS ? `Mẫu: ${RUBRIC_PRESET_LABELS[preset as RubricPreset]}` : value;
}

/** One stored value as a person reads it: labels for codes, names for ids, never raw JSON. */
export function formatAuditValue(key: string, value: unknown, ctx: AuditContext = {}): string {
  const names = ctx.names ?? NO_NAMES;
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (key === 'role' && typeof value === 'string' && value in ROLE_LABELS) return ROLE_LABELS[value as Role].vi;
  if (key === 'status' && typeof value === 'string') return statusLabel(ctx.entityType, value);
  if (key === 'kind' && typeof value === 'string' && ctx.entityType === 'unit') return unitKindLabel(value);
  if (key === 'template' && typeof value === 'string') return templateLabel(value, names);
  if (key === 'total' && typeof value === 'number') return `${formatPoints(value)} điểm`;
  if (key === 'format' && typeof value === 'string') return value.toUpperCase();
  if (key === 'openingHours') {
    const hours = parseOpeningHours(value);
    return hours ? formatOpeningHours(hours) : '—';
  }
  const kind = ID_FIELDS[key];
  const id = kind ? idOf(value) : null;
  if (kind && id) {
    if (kind === 'periods') return names.periods.get(id)?.name ?? `#${id}`;
    if (kind === 'sheets') return names.sheets.get(id)?.unitName ?? `#${id}`;
    return (names[kind] as Map<number, string>).get(id) ?? `#${id}`;
  }
  if (typeof value === 'string' && ISO_TIME.test(value)) return formatDateTime(value);
  if (typeof value === 'string' && ISO_DAY.test(value)) return formatDayInput(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return value.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
  if (Array.isArray(value)) return key === 'questions' ? `${value.length} câu hỏi` : `${value.length} mục`;
  if (typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>)
      .filter(([k]) => !SECRET.test(k) && !HIDDEN.has(k))
      .map(([k, v]) => `${AUDIT_FIELD_LABELS[k] ?? k}: ${formatAuditValue(k, v, ctx)}`);
    return parts.join('; ') || '—';
  }
  return String(value);
}

export type AuditChange = { key: string; label: string; before: string; after: string };

const asRecord = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

const pointsText = (x100: unknown) => (typeof x100 === 'number' ? `${formatPoints(x100 / 100)} điểm` : '—');

/**
 * Points by criterion key (×100), before and after, as one line per criterion
 * that changed, named by the criterion's title in the period's rubric.
 */
function pointChanges(before: unknown, after: unknown, criteria: ReadonlyMap<string, string> | undefined, hasBefore: boolean): AuditChange[] {
  const b = asRecord(before) ?? {};
  const a = asRecord(after) ?? {};
  const out: AuditChange[] = [];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (hasBefore && (b[key] ?? null) === (a[key] ?? null)) continue;
    out.push({ key: `points.${key}`, label: `Điểm: ${criteria?.get(key) ?? key}`, before: hasBefore ? pointsText(b[key]) : '—', after: pointsText(a[key]) });
  }
  return out;
}

const RUBRIC_KEYS = ['groups', 'bands'];

/**
 * The keys whose value differs between before and after, in the order they
 * first appear, as readable text. A creation (no before) lists every value;
 * a value that is not an object is shown under the key "". A rubric is
 * compared criterion by criterion (lib/evaluation/rubric-diff.ts) and a
 * sheet's points are listed per criterion, by title.
 */
export function diffAuditValues(before: unknown, after: unknown, ctx: AuditContext = {}): AuditChange[] {
  const b = asRecord(before) ?? (before == null ? {} : { '': before });
  const a = asRecord(after) ?? (after == null ? {} : { '': after });
  if (RUBRIC_KEYS.every((k) => k in a) && (before == null || RUBRIC_KEYS.every((k) => k in b))) {
    if (before == null) return [{ key: 'rubric', label: 'Bộ tiêu chí', before: '—', after: `${(a.groups as unknown[]).length} nhóm tiêu chí, ${(a.bands as unknown[]).length} mức xếp loại` }];
    return diffRubrics(b, a).map((c, i) => ({ key: `rubric.${i}`, ...c }));
  }
  const names = ctx.names ?? NO_NAMES;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !SECRET.test(k) && !HIDDEN.has(k));
  const out: AuditChange[] = [];
  for (const key of keys) {
    if (JSON.stringify(b[key] ?? null) === JSON.stringify(a[key] ?? null)) continue;
    if (key === 'points' && (asRecord(a[key]) || asRecord(b[key]))) {
      const periodId = idOf(a.periodId ?? b.periodId);
      out.push(...pointChanges(b[key], a[key], periodId ? names.periods.get(periodId)?.criteria : undefined, key in b));
      continue;
    }
    out.push({
      key,
      label: key === '' ? 'Giá trị' : (AUDIT_FIELD_LABELS[key] ?? key),
      before: key in b ? formatAuditValue(key, b[key], ctx) : '—',
      after: key in a ? formatAuditValue(key, a[key], ctx) : '—',
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
