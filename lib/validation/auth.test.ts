import { describe, expect, it } from 'vitest';
import { ChangePasswordSchema, SignInSchema, Username } from './auth';

describe('Username', () => {
  it.each([
    ['quantri', 'quantri'],
    ['  ThuTruong.HoaLu ', 'thutruong.hoalu'],
    ['a_b-c.d', 'a_b-c.d'],
  ])('%j → %j', (raw, want) => expect(Username.parse(raw)).toBe(want));

  it.each(['ab', 'có dấu', 'x'.repeat(41), 'a b', ''])('refuses %j', (raw) => expect(Username.safeParse(raw).success).toBe(false));
});

describe('SignInSchema', () => {
  it('lower-cases the login', () => expect(SignInSchema.parse({ login: ' QuanTri ', password: 'x' })).toEqual({ login: 'quantri', password: 'x' }));
  it('reports both missing fields', () => {
    const r = SignInSchema.safeParse({ login: '', password: '' });
    expect(r.success || r.error.issues.map((i) => i.path[0])).toEqual(['login', 'password']);
  });
});

describe('ChangePasswordSchema', () => {
  const ok = { current: 'old-password-1', next: 'new-password-12', confirm: 'new-password-12' };
  it('accepts a good change', () => expect(ChangePasswordSchema.safeParse(ok).success).toBe(true));
  it.each([
    [{ ...ok, next: 'short', confirm: 'short' }, 'next'],
    [{ ...ok, confirm: 'something-else' }, 'confirm'],
    [{ ...ok, next: ok.current, confirm: ok.current }, 'next'],
    [{ ...ok, current: '' }, 'current'],
  ])('%j → error on %s', (input, field) => {
    const r = ChangePasswordSchema.safeParse(input);
    expect(r.success ? [] : r.error.issues.map((i) => i.path[0])).toContain(field);
  });
});
