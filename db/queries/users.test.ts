import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Viewer } from '@/lib/auth/roles';
import { openTestDb } from '../testing';
import { listAuditEntries } from './audit';
import { createUnit } from './units';
import { createUser, getUser, getViewer, listRecentSignInFailures, listUsers, recordSignIn, updatePassword, updateUser, type NewUser } from './users';

let db: ReturnType<typeof openTestDb>;
let ids: { province: number; officeA: number; officeB: number };
let admin: Viewer;
let headA: Viewer;

const user = (over: Partial<NewUser>): NewUser => ({
  username: 'x',
  email: null,
  displayName: 'X',
  passwordHash: 'not-a-real-hash',
  role: 'office_head',
  scopeUnitId: ids.officeA,
  mustChangePassword: false,
  ...over,
});

beforeEach(async () => {
  db = openTestDb();
  const province = await createUnit({ parentId: null, kind: 'province', name: 'Tỉnh A', rateable: false });
  const a = await createUnit({ parentId: province.id, kind: 'office', name: 'Văn phòng A', rateable: true });
  const b = await createUnit({ parentId: province.id, kind: 'office', name: 'Văn phòng B', rateable: true });
  ids = { province: province.id, officeA: a.id, officeB: b.id };
  const adminRow = createUser(db, { user: user({ username: 'admin', role: 'admin', scopeUnitId: province.id }), actorId: null });
  const headRow = createUser(db, { user: user({ username: 'head.a', scopeUnitId: a.id }), actorId: null });
  createUser(db, { user: user({ username: 'head.b', scopeUnitId: b.id }), actorId: null });
  admin = getViewer(db, { userId: adminRow.id, sessionVersion: 1 })!;
  headA = getViewer(db, { userId: headRow.id, sessionVersion: 1 })!;
});
afterEach(() => db.dispose());

describe('getViewer', () => {
  it('carries role and the scope subtree', () => {
    expect(headA).toMatchObject({ role: 'office_head', scopeUnitId: ids.officeA, scopePath: `/${ids.province}/${ids.officeA}/`, scopeName: 'Văn phòng A' });
  });

  it('ends the session of a disabled account', () => {
    updateUser(db, { viewer: admin, userId: headA.userId, changes: { active: false } });
    expect(getViewer(db, { userId: headA.userId, sessionVersion: 1 })).toBeNull();
    expect(getViewer(db, { userId: headA.userId, sessionVersion: 2 })).toBeNull();
  });

  it('ends sessions after a password reset', () => {
    const version = updatePassword(db, { userId: headA.userId, passwordHash: 'new', mustChange: true, actorId: admin.userId });
    expect(getViewer(db, { userId: headA.userId, sessionVersion: 1 })).toBeNull();
    expect(getViewer(db, { userId: headA.userId, sessionVersion: version })).toMatchObject({ mustChangePassword: true });
  });
});

describe('scope', () => {
  it('an office head lists only the accounts of their own office', () => {
    expect(listUsers(db, { viewer: headA }).map((u) => u.username)).toEqual(['head.a']);
    expect(listUsers(db, { viewer: admin }).map((u) => u.username)).toEqual(['admin', 'head.a', 'head.b']);
  });

  it('office A cannot read or change an account of office B', () => {
    const headB = listUsers(db, { viewer: admin }).find((u) => u.username === 'head.b')!;
    expect(getUser(db, { viewer: headA, userId: headB.id })).toBeNull();
    expect(updateUser(db, { viewer: headA, userId: headB.id, changes: { displayName: 'Hacked' } })).toBeNull();
    expect(getUser(db, { viewer: admin, userId: headB.id })?.displayName).toBe('X');
  });
});

describe('audit', () => {
  it('records who changed what, with the values before and after', () => {
    updateUser(db, { viewer: admin, userId: headA.userId, changes: { displayName: 'Trưởng A' } });
    const entry = listAuditEntries(db, { viewer: admin, action: 'user.update', limit: 10, offset: 0 }).rows[0]!;
    expect(entry).toMatchObject({ actorId: admin.userId, entityType: 'user', entityId: String(headA.userId) });
    expect(entry.before).toMatchObject({ displayName: 'X' });
    expect(entry.after).toMatchObject({ displayName: 'Trưởng A' });
    expect(JSON.stringify(entry)).not.toContain('not-a-real-hash');
  });

  it('records sign-ins and failed sign-ins, and counts failures in the window', () => {
    const at = new Date('2026-11-27T01:00:00Z');
    recordSignIn(db, { userId: null, accountKey: 'ai-do', networkHash: 'n1', ok: false, at });
    recordSignIn(db, { userId: headA.userId, accountKey: 'head.a', networkHash: 'n1', ok: true, at });
    expect(listAuditEntries(db, { viewer: admin, limit: 10, offset: 0 }).rows.map((r) => r.action).filter((a) => a.startsWith('auth'))).toEqual(['auth.sign_in', 'auth.sign_in_failed']);
    expect(listRecentSignInFailures(db, { accountKey: 'ai-do', networkHash: 'n1', since: new Date(at.getTime() - 1) })).toEqual({ account: [at.getTime()], network: [at.getTime()] });
    expect(listRecentSignInFailures(db, { accountKey: 'ai-do', networkHash: 'n1', since: at })).toEqual({ account: [], network: [] });
  });
});
