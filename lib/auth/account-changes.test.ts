import { describe, expect, it } from 'vitest';
import { accountChangeEffects, type AccountChanges } from './account-changes';

const before = { role: 'office_head' as const, scopeUnitId: 7 };

describe('accountChangeEffects', () => {
  it.each<[string, AccountChanges, { endsSessions: boolean; auditAction: string }]>([
    ['a new display name', { displayName: 'B' }, { endsSessions: false, auditAction: 'user.update' }],
    ['a new e-mail', { email: 'b@x.gov.vn' }, { endsSessions: false, auditAction: 'user.update' }],
    ['a new role', { role: 'admin' }, { endsSessions: true, auditAction: 'user.update' }],
    ['the same role', { role: 'office_head' }, { endsSessions: false, auditAction: 'user.update' }],
    ['a new scope', { scopeUnitId: 8 }, { endsSessions: true, auditAction: 'user.update' }],
    ['the same scope', { scopeUnitId: 7 }, { endsSessions: false, auditAction: 'user.update' }],
    ['disabling', { active: false }, { endsSessions: true, auditAction: 'user.disable' }],
    ['enabling', { active: true }, { endsSessions: false, auditAction: 'user.enable' }],
    ['nothing', {}, { endsSessions: false, auditAction: 'user.update' }],
  ])('%s', (_name, changes, want) => {
    expect(accountChangeEffects(before, changes)).toEqual(want);
  });
});
