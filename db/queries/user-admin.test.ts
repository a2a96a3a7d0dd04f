import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDb } from '../testing';
import { listAuditActors, listAuditEntries } from './audit';
import { createUnit } from './units';
import { createUser, getUserClashes, recordSignIn, uniqueUserField, type NewUser } from './users';

// The functions the account and audit administration pages add to users.ts and audit.ts.

let db: ReturnType<typeof openTestDb>;
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
  db = openTestDb();
  unitId = (await createUnit({ parentId: null, kind: 'province', name: 'Tỉnh A', rateable: false })).id;
  ids = {
    admin: createUser(db, { user: user({ username: 'admin', displayName: 'Quản Trị', role: 'admin', email: 'qt@tinh.gov.vn' }), actorId: null }).id,
    head: createUser(db, { user: user({ username: 'head', displayName: 'An Thủ Trưởng' }), actorId: null }).id,
  };
});
afterEach(() => db.dispose());

describe('getUserClashes', () => {
  it.each([
    ['a free username and e-mail', { username: 'moi', email: 'moi@tinh.gov.vn' }, { username: false, email: false }],
    ['a taken username', { username: 'head', email: null }, { username: true, email: false }],
    ['a taken e-mail', { username: 'moi', email: 'qt@tinh.gov.vn' }, { username: false, email: true }],
    ['no e-mail never clashes', { username: 'moi', email: null }, { username: false, email: false }],
  ])('%s', (_name, input, want) => {
    expect(getUserClashes(db, input)).toEqual(want);
  });

  it('an account does not clash with itself', () => {
    expect(getUserClashes(db, { email: 'qt@tinh.gov.vn', exceptUserId: ids.admin })).toEqual({ username: false, email: false });
    expect(getUserClashes(db, { email: 'qt@tinh.gov.vn', exceptUserId: ids.head })).toEqual({ username: false, email: true });
  });
});

describe('uniqueUserField', () => {
  it('names the field of a real unique-index failure', () => {
    const attempt = (over: Partial<NewUser>) => {
      try {
        createUser(db, { user: user(over), actorId: null });
        return 'created';
      } catch (error) {
        return uniqueUserField(error);
      }
    };
    expect(attempt({ username: 'head' })).toBe('username');
    expect(attempt({ username: 'moi', email: 'qt@tinh.gov.vn' })).toBe('email');
    expect(attempt({ username: 'moi2', scopeUnitId: 999 })).toBeNull();
  });

  it.each([[new Error('disk I/O error')], ['UNIQUE constraint failed: users.email'], [null]])('is null for %j', (error) => {
    expect(uniqueUserField(error)).toBeNull();
  });
});

describe('listAuditActors', () => {
  it('lists each signed-in actor once, by name; failed sign-ins have none', () => {
    const at = new Date('2026-11-27T02:00:00Z');
    recordSignIn(db, { userId: ids.head, accountKey: 'head', networkHash: null, ok: true, at });
    recordSignIn(db, { userId: ids.head, accountKey: 'head', networkHash: null, ok: true, at });
    recordSignIn(db, { userId: ids.admin, accountKey: 'admin', networkHash: null, ok: true, at });
    recordSignIn(db, { userId: null, accountKey: 'khach', networkHash: null, ok: false, at });
    expect(listAuditActors(db, { viewer: { scopePath: `/${unitId}/` } })).toEqual([
      { id: ids.head, displayName: 'An Thủ Trưởng', username: 'head' },
      { id: ids.admin, displayName: 'Quản Trị', username: 'admin' },
    ]);
    const failed = listAuditEntries(db, { viewer: { scopePath: `/${unitId}/` }, action: 'auth.sign_in_failed', limit: 5, offset: 0 });
    expect(failed.rows[0]).toMatchObject({ actorId: null, actorName: null, after: { login: 'khach' } });
  });
});
