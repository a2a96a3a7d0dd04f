import { describe, expect, it } from 'vitest';
import { fieldErrorsOf } from '@/lib/form-state';
import { changedUserFields, CreateUserSchema, ResetPasswordSchema, selfChangeErrors, SetUserActiveSchema, UpdateUserSchema } from './users';

const valid = { username: 'nguyen.van.a', displayName: 'Nguyễn Văn A', email: '', role: 'office_head', scopeUnitId: '4' };

describe('CreateUserSchema', () => {
  it.each([
    ['minimal, no e-mail', valid, { username: 'nguyen.van.a', displayName: 'Nguyễn Văn A', email: null, role: 'office_head', scopeUnitId: 4, organisationId: null }],
    ['a supervisor with an organisation', { ...valid, role: 'supervisor', organisationId: '3' }, { username: 'nguyen.van.a', displayName: 'Nguyễn Văn A', email: null, role: 'supervisor', scopeUnitId: 4, organisationId: 3 }],
    ['an organisation sent for another role is dropped', { ...valid, organisationId: '3' }, { username: 'nguyen.van.a', displayName: 'Nguyễn Văn A', email: null, role: 'office_head', scopeUnitId: 4, organisationId: null }],
    [
      'normalises case and spaces',
      { ...valid, username: '  Nguyen.Van.A ', displayName: '  Nguyễn   Văn  A ', email: ' A@NinhBinh.gov.VN ' },
      { username: 'nguyen.van.a', displayName: 'Nguyễn Văn A', email: 'a@ninhbinh.gov.vn', role: 'office_head', scopeUnitId: 4, organisationId: null },
    ],
  ])('accepts %s', (_name, input, want) => {
    expect(CreateUserSchema.parse(input)).toEqual(want);
  });

  it.each([
    ['username too short', { username: 'ab' }, ['username']],
    ['username with diacritics', { username: 'nguyễn' }, ['username']],
    ['empty display name', { displayName: '   ' }, ['displayName']],
    ['display name too long', { displayName: 'a'.repeat(101) }, ['displayName']],
    ['bad e-mail', { email: 'khong-phai-email' }, ['email']],
    ['unknown role', { role: 'root' }, ['role']],
    ['no scope unit', { scopeUnitId: '' }, ['scopeUnitId']],
    ['scope unit not a number', { scopeUnitId: '4; drop table' }, ['scopeUnitId']],
    ['a supervisor without an organisation', { role: 'supervisor', organisationId: '' }, ['organisationId']],
    ['an organisation that is not an id', { role: 'supervisor', organisationId: 'MTTQ' }, ['organisationId']],
    ['everything wrong at once', { username: '', displayName: '', email: 'x', role: '', scopeUnitId: '0' }, ['username', 'displayName', 'email', 'role', 'scopeUnitId']],
  ])('refuses %s, reporting every field', (_name, over, fields) => {
    const r = CreateUserSchema.safeParse({ ...valid, ...over });
    expect(r.success).toBe(false);
    if (!r.success) {
      const errors = fieldErrorsOf(r.error);
      expect(Object.keys(errors).sort()).toEqual([...fields].sort());
      // Every message is ours, in Vietnamese, never zod's English default.
      for (const m of Object.values(errors)) expect(m).not.toMatch(/invalid|expected|too (small|big)/i);
    }
  });
});

describe('UpdateUserSchema and SetUserActiveSchema', () => {
  it('needs the account id', () => {
    const { username: _u, ...rest } = valid;
    expect(UpdateUserSchema.safeParse(rest).success).toBe(false);
    expect(UpdateUserSchema.parse({ ...rest, userId: '7' }).userId).toBe(7);
  });

  it.each([
    ['true', true],
    ['false', false],
  ])('active=%s → %s', (raw, want) => {
    expect(SetUserActiveSchema.parse({ userId: '3', active: raw }).active).toBe(want);
  });

  it('refuses any other active value', () => {
    expect(SetUserActiveSchema.safeParse({ userId: '3', active: 'yes' }).success).toBe(false);
  });
});

describe('changedUserFields', () => {
  const before = { displayName: 'A', email: null, role: 'office_head' as const, scopeUnitId: 4, organisationId: null };
  it.each([
    ['nothing', before, {}],
    ['the name', { ...before, displayName: 'B' }, { displayName: 'B' }],
    ['e-mail added', { ...before, email: 'a@b.vn' }, { email: 'a@b.vn' }],
    ['role and scope', { ...before, role: 'assessor' as const, scopeUnitId: 1 }, { role: 'assessor', scopeUnitId: 1 }],
    ['a supervisor and their organisation', { ...before, role: 'supervisor' as const, organisationId: 3 }, { role: 'supervisor', organisationId: 3 }],
  ])('%s', (_name, input, want) => {
    expect(changedUserFields(before, input)).toEqual(want);
  });
});

describe('selfChangeErrors', () => {
  it.each([
    ['another account: anything goes', 2, { role: 'supervisor' as const, active: false, scopeUnitId: 9 }, []],
    ['own name and e-mail', 1, { displayName: 'Mới', email: 'a@b.vn' }, []],
    ['own role (a demotion)', 1, { role: 'supervisor' as const }, ['role']],
    ['own scope', 1, { scopeUnitId: 9 }, ['scopeUnitId']],
    ['disabling oneself', 1, { active: false }, ['active']],
    ['enabling oneself is harmless', 1, { active: true }, []],
  ])('%s', (_name, targetId, changes, fields) => {
    expect(Object.keys(selfChangeErrors({ userId: 1 }, { id: targetId }, changes)).sort()).toEqual(fields.sort());
  });
});

describe('ResetPasswordSchema', () => {
  it.each([
    [{ userId: '3', confirm: 'on' }, true],
    [{ userId: '3' }, false],
    [{ userId: '3', confirm: 'off' }, false],
    [{ userId: 'x', confirm: 'on' }, false],
  ])('%j → %s', (input, ok) => {
    expect(ResetPasswordSchema.safeParse(input).success).toBe(ok);
  });
});
