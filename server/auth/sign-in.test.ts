import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRetention } from '@/db/queries/maintenance';
import { createUnit } from '@/db/queries/units';
import { createUser, endUserSession, getSessionViewer, recordSignIn, updatePassword } from '@/db/queries/users';
import { openTestDb } from '@/db/testing';
import { hashPassword } from './password';
import { attemptSignIn } from './sign-in';

const PASSWORD = 'dung-mat-khau-2026';
let db: ReturnType<typeof openTestDb>;
let userId: number;
const T0 = new Date('2026-12-04T02:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

beforeAll(async () => {
  db = openTestDb();
  const province = await createUnit({ parentId: null, kind: 'province', name: 'Tỉnh A', rateable: false });
  userId = createUser(db, {
    user: { username: 'head.a', email: 'head.a@example.gov.vn', displayName: 'A', passwordHash: await hashPassword(PASSWORD), role: 'office_head', scopeUnitId: province.id, mustChangePassword: false },
    actorId: null,
  }).id;
});
afterAll(() => db.dispose());

const attempt = (login: string, password: string, now: Date, networkHash: string | null = null) => attemptSignIn(db, { login, password, networkHash, now, sessionHours: 10 });
const auditRows = (action: string) => db.$client.prepare('select actor_id as actorId, network_hash as networkHash from audit_log where action = ? order by id').all(action);

describe('attemptSignIn', () => {
  it('throttles the account, not what was typed: 3 wrong with the username and 2 with the e-mail lock it', async () => {
    for (let i = 0; i < 3; i++) expect(await attempt('head.a', `sai-${i}`, at(1), `net-u${i}`)).toEqual({ ok: false, error: 'invalid' });
    for (let i = 0; i < 2; i++) expect(await attempt('head.a@example.gov.vn', `sai-e${i}`, at(2), `net-e${i}`)).toEqual({ ok: false, error: 'invalid' });
    expect(await attempt('head.a', PASSWORD, at(3), 'net-other')).toEqual({ ok: false, error: 'throttled_account' });
    expect(await attempt('head.a@example.gov.vn', PASSWORD, at(3), 'net-other')).toEqual({ ok: false, error: 'throttled_account' });
    // Once the failures leave the 15-minute window the right password works again, and opens a session.
    const ok = await attempt('head.a', PASSWORD, at(20), 'net-other');
    expect(ok).toMatchObject({ ok: true, userId, sessionVersion: 1 });
  });

  it('an unknown login is throttled under what was typed', async () => {
    for (let i = 0; i < 5; i++) await attempt('khong-co-ai', `sai-${i}`, at(30));
    expect(await attempt('khong-co-ai', 'sai', at(31))).toEqual({ ok: false, error: 'throttled_account' });
  });
});

describe('sign-in sessions', () => {
  it('a session opens the viewer until it is ended by signing out, which is audited', async () => {
    const r = await attempt('head.a', PASSWORD, at(60), 'n-1');
    if (!r.ok) throw new Error(r.error);
    const claims = { sessionId: r.sessionId, userId, sessionVersion: 1 };
    expect(getSessionViewer(db, { ...claims, now: at(61) })).toMatchObject({ userId, role: 'office_head' });
    expect(endUserSession(db, { sessionId: r.sessionId, userId, at: at(62), networkHash: 'n-1' })).toBe(true);
    expect(getSessionViewer(db, { ...claims, now: at(63) })).toBeNull();
    expect(endUserSession(db, { sessionId: r.sessionId, userId, at: at(64), networkHash: 'n-1' })).toBe(false);
    expect(auditRows('auth.sign_out')).toEqual([{ actorId: userId, networkHash: 'n-1' }]);
  });

  it('refuses an expired session, a forged or foreign session id, and a stale session version', async () => {
    const r = await attempt('head.a', PASSWORD, at(70));
    if (!r.ok) throw new Error(r.error);
    const claims = { sessionId: r.sessionId, userId, sessionVersion: 1 };
    expect(getSessionViewer(db, { ...claims, now: at(70 + 10 * 60 - 1) })).not.toBeNull();
    expect(getSessionViewer(db, { ...claims, now: at(70 + 10 * 60) })).toBeNull();
    expect(getSessionViewer(db, { ...claims, sessionId: 'forged', now: at(71) })).toBeNull();
    expect(getSessionViewer(db, { ...claims, userId: userId + 1, now: at(71) })).toBeNull();
    updatePassword(db, { userId, passwordHash: await hashPassword(PASSWORD), mustChange: false, actorId: userId });
    expect(getSessionViewer(db, { ...claims, now: at(71) })).toBeNull();
  });

  it('retention deletes ended and expired sessions and keeps open ones', async () => {
    const open = await attempt('head.a', PASSWORD, at(24 * 60));
    if (!open.ok) throw new Error(open.error);
    const before = (db.$client.prepare('select count(*) as n from user_sessions').get() as { n: number }).n;
    const { sessionsDeleted } = runRetention(db, { now: at(24 * 60 + 1) });
    expect(sessionsDeleted).toBe(before - 1);
    expect(db.$client.prepare('select id from user_sessions').all()).toEqual([{ id: open.sessionId }]);
  });
});

describe('audit of failed sign-ins', () => {
  // Recorded directly: through attemptSignIn the network throttle would stop the flood at 20.
  it('30 failures from one network are one audit row counting 30; another network gets its own row', () => {
    const since = (db.$client.prepare('select coalesce(max(id), 0) as id from audit_log').get() as { id: number }).id;
    for (let i = 0; i < 30; i++) {
      recordSignIn(db, { userId: null, accountKey: `login:x${i}`, login: `x${i}`, networkHash: 'net-flood', ok: false, at: new Date(at(3000).getTime() + i * 200) });
    }
    recordSignIn(db, { userId: null, accountKey: 'login:y', login: 'y', networkHash: 'net-other-flood', ok: false, at: at(3001) });
    const rows = db.$client
      .prepare("select network_hash as networkHash, count from audit_log where action = 'auth.sign_in_failed' and id > ? order by id")
      .all(since);
    expect(rows).toEqual([
      { networkHash: 'net-flood', count: 30 },
      { networkHash: 'net-other-flood', count: 1 },
    ]);
    expect(db.$client.prepare("select count(*) as n from sign_in_attempts where network_hash = 'net-flood'").get()).toEqual({ n: 30 });
  });
});
