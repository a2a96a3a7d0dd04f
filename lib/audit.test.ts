import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditEntityLabel, auditRepeatNote, diffAuditValues, formatAuditValue } from './audit';

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
    ['tags', ['a', 'b'], '["a","b"]'],
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
