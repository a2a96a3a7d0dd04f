import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { units } from '../schema';
import { openTestStore, type TestStore } from '../testing';
import { listAuditActors, listAuditEntries } from './audit';
import { createUser, getUserClashes, recordSignIn, uniqueUserField, type NewUser } from './users';

// The functions the account and audit administration pages add to users.ts and audit.ts.

let t: TestStore;
let unitId: number;
let ids: { admin: number; head: number };

const user = (over: Partial<NewUser>): NewUser => ({
  username: 'x',
  email: null,
  displayName: 'X',
  passwordHash: 'not-a-real-hash',
  role: 'office_head',
  scopeUnitId: unitId,
  mustChangePassword: false,
  ...over,
});

beforeEach(async () => {
  t = await openTestStore();
  const [province] = await t.conn.db.insert(units).values({ parentId: null, path: '/1/', kind: 'province', name: 'Tỉnh A', searchName: 'tinh a' }).returning({ id: units.id });
  unitId = province!.id;
  ids = {
    admin: (await createUser({ user: user({ username: 'admin', displayName: 'Quản Trị', role: 'admin', email: 'qt@tinh.gov.vn' }), actorId: null })).id,
    head: (await createUser({ user: user({ username: 'head', displayName: 'An Thủ Trưởng' }), actorId: null })).id,
  };
});
afterEach(() => t.dispose());

describe('getUserClashes', () => {
  it.each([
    ['a free username and e-mail', { username: 'moi', email: 'moi@tinh.gov.vn' }, { username: false, email: false }],
    ['a taken username', { username: 'head', email: null }, { username: true, email: false }],
    ['a taken e-mail', { username: 'moi', email: 'qt@tinh.gov.vn' }, { username: false, email: true }],
    ['no e-mail never clashes', { username: 'moi', email: null }, { username: false, email: false }],
  ])('%s', async (_name, input, want) => {
    expect(await getUserClashes(input)).toEqual(want);
  });

  it('an account does not clash with itself', async () => {
    expect(await getUserClashes({ email: 'qt@tinh.gov.vn', exceptUserId: ids.admin })).toEqual({ username: false, email: false });
    expect(await getUserClashes({ email: 'qt@tinh.gov.vn', exceptUserId: ids.head })).toEqual({ username: false, email: true });
  });
});

describe('uniqueUserField', () => {
  const attempt = async (over: Partial<NewUser>) => {
    try {
      await createUser({ user: user(over), actorId: null });
      return 'created';
    } catch (error) {
      return uniqueUserField(error);
    }
  };

  it('names the field of a real unique-index failure', async () => {
    expect(await attempt({ username: 'head' })).toBe('username');
    expect(await attempt({ username: 'moi', email: 'qt@tinh.gov.vn' })).toBe('email');
    expect(await attempt({ username: 'moi2', scopeUnitId: 999 })).toBeNull();
  });

  it('lets one of two concurrent creations of one username through, and names the field for the other', async () => {
    const results = await Promise.all([attempt({ username: 'cung-ten' }), attempt({ username: 'cung-ten' })]);
    expect(results.sort()).toEqual(['created', 'username']);
  });

  it.each([[new Error('disk I/O error')], ['UNIQUE constraint failed: users.email'], [null]])('is null for %j', (error) => {
    expect(uniqueUserField(error)).toBeNull();
  });
});

describe('listAuditActors', () => {
  it('lists each signed-in actor once, by name; failed sign-ins have none', async () => {
    const at = new Date('2026-11-27T02:00:00Z');
    await recordSignIn({ userId: ids.head, accountKey: 'head', networkHash: null, ok: true, at });
    await recordSignIn({ userId: ids.head, accountKey: 'head', networkHash: null, ok: true, at });
    await recordSignIn({ userId: ids.admin, accountKey: 'admin', networkHash: null, ok: true, at });
    await recordSignIn({ userId: null, accountKey: 'khach', networkHash: null, ok: false, at });
    expect(await listAuditActors({ viewer: { scopePath: `/${unitId}/` } })).toEqual([
      { id: ids.head, displayName: 'An Thủ Trưởng', username: 'head' },
      { id: ids.admin, displayName: 'Quản Trị', username: 'admin' },
    ]);
    const failed = await listAuditEntries({ viewer: { scopePath: `/${unitId}/` }, action: 'auth.sign_in_failed', limit: 5, offset: 0 });
    expect(failed.rows[0]).toMatchObject({ actorId: null, actorName: null, after: { login: 'khach' } });
  });
});
