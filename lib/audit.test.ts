import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditEntityLabel, auditRepeatNote, describeAuditEntity, diffAuditValues, formatAuditValue } from './audit';
import { auditNameRefs, criterionTitlesOf, type AuditNames } from './audit-names';
import { rubricPreset } from './evaluation/rubric';

describe('auditActionLabel', () => {
  it.each([
    ['auth.sign_in', 'Đăng nhập'],
    ['auth.sign_in_failed', 'Đăng nhập thất bại'],
    ['user.create', 'Tạo tài khoản'],
    ['unit.rename', 'Đổi tên đơn vị'],
    ['question_set.new_version', 'Tạo phiên bản bộ câu hỏi mới'],
    ['something.new', 'something.new'],
  ])('%s → %s', (action, want) => expect(auditActionLabel(action)).toBe(want));
});

describe('auditEntityLabel', () => {
  it.each([
    ['user', '12', 'Tài khoản #12'],
    ['question_set', '3', 'Bộ câu hỏi #3'],
    ['user', null, 'Tài khoản'],
    ['widget', '1', 'widget #1'],
  ])('%s %s → %s', (type, id, want) => expect(auditEntityLabel(type, id)).toBe(want));
});

describe('formatAuditValue', () => {
  it.each([
    ['active', true, 'Có'],
    ['active', false, 'Không'],
    ['email', null, '—'],
    ['email', '', '—'],
    ['role', 'office_head', 'Thủ trưởng'],
    ['role', 'king', 'king'],
    ['lastSignInAt', '2026-11-26T17:00:00.000Z', '27/11/2026 00:00'],
    ['version', 3, '3'],
    ['tags', ['a', 'b'], '2 mục'],
    ['questions', [{}, {}, {}], '3 câu hỏi'],
    ['dueDate', '2026-12-15', '15/12/2026'],
    ['template', 'mac-dinh', 'Mẫu: Mặc định 100 điểm (Xuất sắc / Tốt / Khá / Đạt / Chưa đạt)'],
    ['total', 86.5, '86,5 điểm'],
    ['unitId', 12, '#12'],
    ['settings', { active: true, windowMinutes: 60 }, 'Đang hoạt động: Có; Trong vòng (phút): 60'],
  ])('%s=%j → %s', (key, value, want) => expect(formatAuditValue(key, value)).toBe(want));
});

describe('diffAuditValues', () => {
  const user = { id: 5, username: 'a', email: null, displayName: 'A', role: 'office_head', active: true, mustChangePassword: false };
  it.each([
    ['nothing changed', user, user, []],
    ['both empty', null, null, []],
    [
      'a disable, with the role label',
      user,
      { ...user, active: false, role: 'supervisor' },
      [
        { key: 'role', label: 'Vai trò', before: 'Thủ trưởng', after: 'Giám sát' },
        { key: 'active', label: 'Đang hoạt động', before: 'Có', after: 'Không' },
      ],
    ],
    [
      'a creation lists every value',
      null,
      { username: 'b', active: true },
      [
        { key: 'username', label: 'Tên đăng nhập', before: '—', after: 'b' },
        { key: 'active', label: 'Đang hoạt động', before: '—', after: 'Có' },
      ],
    ],
    [
      'a failed sign-in',
      null,
      { login: 'khach' },
      [{ key: 'login', label: 'Tên đăng nhập đã nhập', before: '—', after: 'khach' }],
    ],
    [
      'question set versions',
      { version: 1, commentMaxLength: 500 },
      { version: 2, commentMaxLength: 500 },
      [{ key: 'version', label: 'Phiên bản', before: '1', after: '2' }],
    ],
    ['an unknown key is shown raw', { colour: 'đỏ' }, { colour: 'xanh' }, [{ key: 'colour', label: 'colour', before: 'đỏ', after: 'xanh' }]],
    ['a plain value', 'cũ', 'mới', [{ key: '', label: 'Giá trị', before: 'cũ', after: 'mới' }]],
  ])('%s', (_name, before, after, want) => {
    expect(diffAuditValues(before, after)).toEqual(want);
  });

  it.each([['passwordHash'], ['password'], ['networkHash'], ['oneTimePassword'], ['apiToken']])('never shows %s', (key) => {
    expect(diffAuditValues({ [key]: 'old' }, { [key]: 'new', mustChangePassword: true }).map((c) => c.key)).toEqual(['mustChangePassword']);
  });
});

describe('auditRepeatNote', () => {
  const at = new Date('2026-12-04T03:00:00Z'); // 10:00 in Vietnam
  it.each([
    ['a single event', { at, count: 1, lastAt: null }, null],
    ['a single event with a last time', { at, count: 1, lastAt: at }, null],
    ['repeats the same day', { at, count: 30, lastAt: new Date('2026-12-04T03:42:00Z') }, '× 30, lần cuối 10:42'],
    ['repeats past midnight in Vietnam', { at: new Date('2026-12-04T16:50:00Z'), count: 2, lastAt: new Date('2026-12-04T17:01:00Z') }, '× 2, lần cuối 05/12/2026 00:01'],
    ['thousands', { at, count: 1200, lastAt: null }, '× 1.200'],
  ])('%s', (_name, entry, want) => expect(auditRepeatNote(entry)).toBe(want));
});

const names: AuditNames = {
  users: new Map([[7, 'Nguyễn Thị Thẩm']]),
  units: new Map([[12, 'Trung tâm Phục vụ hành chính công tỉnh'], [3, 'Tỉnh Ninh Bình']]),
  counters: new Map([[4, 'Quầy 1 (Trung tâm)']]),
  kiosks: new Map(),
  questionSets: new Map([[2, 'Bộ câu hỏi mặc định']]),
  periods: new Map([
    [5, { name: 'Đánh giá năm 2026', criteria: criterionTitlesOf(JSON.stringify(rubricPreset('mac-dinh'))) }],
    [4, { name: 'Đánh giá năm 2025', criteria: new Map() }],
  ]),
  sheets: new Map([[9, { unitName: 'Trung tâm Phục vụ hành chính công tỉnh', periodId: 5 }]]),
};

describe('the audit log in officials’ words', () => {
  it('shows an evaluation’s states in Vietnamese, never “reviewed → finalised”', () => {
    const changes = diffAuditValues({ status: 'reviewed' }, { periodId: 5, unitId: 12, status: 'finalised', total: 86.5, classification: 'Tốt' }, { entityType: 'evaluation', names });
    expect(changes).toEqual([
      { key: 'status', label: 'Trạng thái', before: 'Đã thẩm định', after: 'Đã chốt' },
      { key: 'periodId', label: 'Đợt đánh giá', before: '—', after: 'Đánh giá năm 2026' },
      { key: 'unitId', label: 'Đơn vị', before: '—', after: 'Trung tâm Phục vụ hành chính công tỉnh' },
      { key: 'total', label: 'Tổng điểm', before: '—', after: '86,5 điểm' },
      { key: 'classification', label: 'Xếp loại', before: '—', after: 'Tốt' },
    ]);
  });

  it('lists points per criterion by title, only those that changed', () => {
    const changes = diffAuditValues(
      { status: 'self_assessed', points: { 'ke-hoach': 1000, 'tuyen-truyen': 900 } },
      { periodId: 5, unitId: 12, status: 'reviewed', points: { 'ke-hoach': 800, 'tuyen-truyen': 900 } },
      { entityType: 'evaluation', names },
    );
    expect(changes.find((c) => c.key === 'status')).toMatchObject({ before: 'Đã tự đánh giá', after: 'Đã thẩm định' });
    expect(changes.filter((c) => c.key.startsWith('points.'))).toEqual([{ key: 'points.ke-hoach', label: 'Điểm: Ban hành kế hoạch, quy chế thực hiện mô hình', before: '10 điểm', after: '8 điểm' }]);
  });

  it('compares rubrics criterion by criterion instead of dumping JSON', () => {
    const before = rubricPreset('mac-dinh');
    const after = structuredClone(before);
    after.bands = after.bands.map((b) => (b.label === 'Xuất sắc' ? { ...b, min: 95 } : b.label === 'Tốt' ? { ...b, below: 95 } : b));
    const changes = diffAuditValues(before, after, { entityType: 'evaluation_period', names });
    expect(changes.map(({ label, before: x, after: y }) => ({ label, x, y }))).toEqual([
      { label: 'Mức xếp loại “Xuất sắc”', x: 'từ 90 trở lên', y: 'từ 95 trở lên' },
      { label: 'Mức xếp loại “Tốt”', x: 'từ 80 đến dưới 90', y: 'từ 80 đến dưới 95' },
    ]);
    expect(changes.every((c) => !c.after.includes('{'))).toBe(true);
  });

  it('names the ids of units, accounts, counters, sets and periods; an unknown one keeps its number', () => {
    expect(diffAuditValues({ scopeUnitId: 3, counterId: 4 }, { scopeUnitId: 12, counterId: 99 }, { entityType: 'user', names })).toEqual([
      { key: 'scopeUnitId', label: 'Đơn vị phạm vi', before: 'Tỉnh Ninh Bình', after: 'Trung tâm Phục vụ hành chính công tỉnh' },
      { key: 'counterId', label: 'Quầy', before: 'Quầy 1 (Trung tâm)', after: '#99' },
    ]);
    expect(formatAuditValue('template', 'copy:4', { names })).toBe('Sao chép từ đợt “Đánh giá năm 2025”');
    expect(formatAuditValue('repliedBy', 7, { names })).toBe('Nguyễn Thị Thẩm');
    expect(diffAuditValues(null, { parentId: 3, path: '/3/12/' }, { entityType: 'unit', names }).map((c) => c.key)).toEqual(['parentId']);
  });

  it.each<[string, string | null, string | null, { label: string; href: string | null }]>([
    ['evaluation', '9', null, { label: 'Đánh giá: Trung tâm Phục vụ hành chính công tỉnh — Đánh giá năm 2026', href: null }],
    ['evaluation_period', '5', null, { label: 'Đợt đánh giá: Đánh giá năm 2026', href: '/danh-gia/5' }],
    ['user', '7', null, { label: 'Tài khoản: Nguyễn Thị Thẩm', href: '/quan-tri/nguoi-dung/7' }],
    ['unit', '12', null, { label: 'Đơn vị: Trung tâm Phục vụ hành chính công tỉnh', href: '/quan-tri/don-vi/12' }],
    ['alert', '31', 'Trung tâm Phục vụ hành chính công tỉnh', { label: 'Cảnh báo #31 — Trung tâm Phục vụ hành chính công tỉnh', href: null }],
    ['user', '404', null, { label: 'Tài khoản #404', href: '/quan-tri/nguoi-dung/404' }],
    ['contact', null, null, { label: 'Thông tin liên hệ', href: null }],
  ])('%s #%s → %j', (type, id, unitName, want) => {
    expect(describeAuditEntity(type, id, names, unitName)).toEqual(want);
  });
});

describe('auditNameRefs', () => {
  it('collects the ids a page needs, by kind', () => {
    const refs = auditNameRefs([
      { entityType: 'evaluation', entityId: '9', before: null, after: { periodId: 5, unitId: 12 } },
      { entityType: 'user', entityId: '7', before: { scopeUnitId: 3 }, after: { scopeUnitId: 12 } },
      { entityType: 'evaluation_period', entityId: '6', before: null, after: { template: 'copy:4' } },
      { entityType: 'unit', entityId: 'abc', before: null, after: { counterId: 'x' } },
    ]);
    expect(refs.sheets).toEqual(new Set([9]));
    expect(refs.periods).toEqual(new Set([5, 6, 4]));
    expect(refs.units).toEqual(new Set([12, 3]));
    expect(refs.users).toEqual(new Set([7]));
    expect(refs.counters).toEqual(new Set());
  });

  it('reads criterion titles from a stored rubric, and nothing from a broken one', () => {
    expect(criterionTitlesOf(JSON.stringify(rubricPreset('trong'))).get('hai-long')).toBe('Mức độ hài lòng của người dân, doanh nghiệp');
    expect(criterionTitlesOf('{').size).toBe(0);
    expect(criterionTitlesOf({ groups: [{ criteria: [{ key: 1 }] }] }).size).toBe(0);
  });
});
