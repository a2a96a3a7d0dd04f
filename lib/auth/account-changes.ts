import type { Role } from './roles';

export type AccountChanges = { displayName?: string; email?: string | null; role?: Role; scopeUnitId?: number; active?: boolean };

export type AccountChangeEffects = {
  /** The account's open sessions end (its session version moves on): it lost access, or what it may see changed. */
  endsSessions: boolean;
  /** The audit log's name for the change. */
  auditAction: 'user.disable' | 'user.enable' | 'user.update';
};

/**
 * What a change to an account entails. Disabling it, or changing its role or
 * scope, ends its sessions: a session must never carry rights the account no
 * longer has. A field "changed" to its present value changes nothing.
 */
export function accountChangeEffects(before: { role: Role; scopeUnitId: number }, changes: AccountChanges): AccountChangeEffects {
  const endsSessions =
    changes.active === false ||
    (changes.role !== undefined && changes.role !== before.role) ||
    (changes.scopeUnitId !== undefined && changes.scopeUnitId !== before.scopeUnitId);
  const auditAction = changes.active === false ? 'user.disable' : changes.active === true ? 'user.enable' : 'user.update';
  return { endsSessions, auditAction };
}
