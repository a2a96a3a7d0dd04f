import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Viewer } from '@/lib/auth/roles';
import { units, users } from '../schema';
import { openTestStore, type TestStore } from '../testing';
import { listAuditEntries } from './audit';
import { createUser, getUser, getViewer, listRecentSignInFailures, listUsers, recordSignIn, updatePassword, updateUser, type NewUser } from './users';

let t: TestStore;
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

async function addUnit(parent: { id: number; path: string } | null, kind: string, name: string) {
  const [row] = await t.conn.db.insert(units).values({ parentId: parent?.id ?? null, path: '/', kind, name, searchName: name.toLowerCase() }).returning({ id: units.id });
  const path = `${parent?.path ?? '/'}${row!.id}/`;
  await t.conn.db.update(units).set({ path }).where(eq(units.id, row!.id));
  return { id: row!.id, path };
}

beforeEach(async () => {
  t = await openTestStore();
  const province = await addUnit(null, 'province', 'Tỉnh A');
  const a = await addUnit(province, 'office', 'Văn phòng A');
  const b = await addUnit(province, 'office', 'Văn phòng B');
  ids = { province: province.id, officeA: a.id, officeB: b.id };
  const adminRow = await createUser({ user: user({ username: 'admin', role: 'admin', scopeUnitId: province.id }), actorId: null });
  const headRow = await createUser({ user: user({ username: 'head.a', scopeUnitId: a.id }), actorId: null });
  await createUser({ user: user({ username: 'head.b', scopeUnitId: b.id }), actorId: null });
  admin = (await getViewer({ userId: adminRow.id, sessionVersion: 1 }))!;
  headA = (await getViewer({ userId: headRow.id, sessionVersion: 1 }))!;
});
afterEach(() => t.dispose());

describe('getViewer', () => {
  it('carries role and the scope subtree', () => {
    expect(headA).toMatchObject({ role: 'office_head', scopeUnitId: ids.officeA, scopePath: `/${ids.province}/${ids.officeA}/`, scopeName: 'Văn phòng A' });
  });

  it('ends the session of a disabled account', async () => {
    await updateUser({ viewer: admin, userId: headA.userId, changes: { active: false } });
    expect(await getViewer({ userId: headA.userId, sessionVersion: 1 })).toBeNull();
    expect(await getViewer({ userId: headA.userId, sessionVersion: 2 })).toBeNull();
  });

  it('ends sessions after a password reset', async () => {
    const version = await updatePassword({ userId: headA.userId, passwordHash: 'new', mustChange: true, actorId: admin.userId });
    expect(await getViewer({ userId: headA.userId, sessionVersion: 1 })).toBeNull();
    expect(await getViewer({ userId: headA.userId, sessionVersion: version })).toMatchObject({ mustChangePassword: true });
  });

  it('gives each of two concurrent password changes its own session version', async () => {
    const versions = await Promise.all(
      [1, 2, 3].map((i) => updatePassword({ userId: headA.userId, passwordHash: `new-${i}`, mustChange: false, actorId: headA.userId })),
    );
    expect([...versions].sort()).toEqual([2, 3, 4]);
  });
});

describe('scope', () => {
  it('an office head lists only the accounts of their own office', async () => {
    expect((await listUsers({ viewer: headA })).map((u) => u.username)).toEqual(['head.a']);
    expect((await listUsers({ viewer: admin })).map((u) => u.username)).toEqual(['admin', 'head.a', 'head.b']);
  });

  it('office A cannot read or change an account of office B', async () => {
    const headB = (await listUsers({ viewer: admin })).find((u) => u.username === 'head.b')!;
    expect(await getUser({ viewer: headA, userId: headB.id })).toBeNull();
    expect(await updateUser({ viewer: headA, userId: headB.id, changes: { displayName: 'Hacked' } })).toBeNull();
    expect((await getUser({ viewer: admin, userId: headB.id }))?.displayName).toBe('X');
  });
});

describe('audit', () => {
  it('records who changed what, with the values before and after', async () => {
    await updateUser({ viewer: admin, userId: headA.userId, changes: { displayName: 'Trưởng A' } });
    const entry = (await listAuditEntries({ viewer: admin, action: 'user.update', limit: 10, offset: 0 })).rows[0]!;
    expect(entry).toMatchObject({ actorId: admin.userId, entityType: 'user', entityId: String(headA.userId) });
    expect(entry.before).toMatchObject({ displayName: 'X' });
    expect(entry.after).toMatchObject({ displayName: 'Trưởng A' });
    expect(JSON.stringify(entry)).not.toContain('not-a-real-hash');
  });

  it('two concurrent changes of one account each record what they replaced', async () => {
    await Promise.all([
      updateUser({ viewer: admin, userId: headA.userId, changes: { displayName: 'Một' } }),
      updateUser({ viewer: admin, userId: headA.userId, changes: { displayName: 'Hai' } }),
    ]);
    const { rows } = await listAuditEntries({ viewer: admin, action: 'user.update', limit: 10, offset: 0 });
    const chain = rows
      .map((r) => [(r.before as { displayName: string }).displayName, (r.after as { displayName: string }).displayName])
      .sort((a, b) => (a[0] === 'X' ? -1 : b[0] === 'X' ? 1 : 0));
    // X → first → second: the second change's "before" is the first one's "after".
    expect(chain).toHaveLength(2);
    expect(chain[0]![0]).toBe('X');
    expect(chain[1]![0]).toBe(chain[0]![1]);
    const [row] = await t.conn.db.select({ name: users.displayName }).from(users).where(eq(users.id, headA.userId));
    expect(row!.name).toBe(chain[1]![1]);
  });

  it('records sign-ins and failed sign-ins, and counts failures in the window', async () => {
    const at = new Date('2026-11-27T01:00:00Z');
    await recordSignIn({ userId: null, accountKey: 'ai-do', networkHash: 'n1', ok: false, at });
    await recordSignIn({ userId: headA.userId, accountKey: 'head.a', networkHash: 'n1', ok: true, at });
    expect((await listAuditEntries({ viewer: admin, limit: 10, offset: 0 })).rows.map((r) => r.action).filter((a) => a.startsWith('auth'))).toEqual([
      'auth.sign_in',
      'auth.sign_in_failed',
    ]);
    expect(await listRecentSignInFailures({ accountKey: 'ai-do', networkHash: 'n1', since: new Date(at.getTime() - 1) })).toEqual({ account: [at.getTime()], network: [at.getTime()] });
    expect(await listRecentSignInFailures({ accountKey: 'ai-do', networkHash: 'n1', since: at })).toEqual({ account: [], network: [] });
  });
});
