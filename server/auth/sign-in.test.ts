import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineKind } from '@/db/engine/kind';
import { openPgStore } from '@/db/engine/pg';
import { openSqliteStore } from '@/db/engine/sqlite';
import { createUser, deleteFinishedUserSessions, endUserSession, getSessionViewer, recordSignIn, updatePassword } from '@/db/queries/users';
import { units } from '@/db/schema';
import { installStore, withConn, type Store } from '@/db/store';
import { openTestStore, type TestStore } from '@/db/testing';
import { DEFAULT_SIGN_IN_RULES } from '@/lib/auth/throttle';
import { hashPassword } from './password';
import { attemptSignIn, type SignInResult } from './sign-in';

const PASSWORD = 'dung-mat-khau-2026';
// Every attempt, let through or not, costs one Argon2 check (~100 ms, several times that on a busy machine).
const ARGON2_HEAVY = 120_000;
let t: TestStore;
let userId: number;
let provinceId: number;
const T0 = new Date('2026-12-04T02:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

beforeAll(async () => {
  t = await openTestStore();
  const [province] = await t.conn.db.insert(units).values({ parentId: null, path: '/', kind: 'province', name: 'Tỉnh A', searchName: 'tinh a' }).returning({ id: units.id });
  provinceId = province!.id;
  await t.conn.db.update(units).set({ path: `/${provinceId}/` }).where(eq(units.id, provinceId));
  userId = (await addAccount('head.a', 'head.a@example.gov.vn')).id;
}, ARGON2_HEAVY);
afterAll(() => t.dispose());

async function addAccount(username: string, email: string | null) {
  const passwordHash = await hashPassword(PASSWORD);
  return createUser({ user: { username, email, displayName: 'A', passwordHash, role: 'office_head', scopeUnitId: provinceId, mustChangePassword: false }, actorId: null });
}

const attempt = (login: string, password: string, now: Date, networkHash: string | null = null) => attemptSignIn({ login, password, networkHash, now, sessionHours: 10 });
const auditRows = (action: string) =>
  withConn((c) => c.all('select actor_id as "actorId", network_hash as "networkHash" from audit_log where action = ? order by id', [action]));
const countOf = (sql: string, params: unknown[] = []) => withConn((c) => c.value<number>(sql, params as string[]));
const tally = (results: SignInResult[]) => results.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.ok ? 'ok' : r.error]: (acc[r.ok ? 'ok' : r.error] ?? 0) + 1 }), {});

describe('attemptSignIn', { timeout: ARGON2_HEAVY }, () => {
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

/** On PostgreSQL, the test pool's connections all open beforehand, so the attempts below truly run side by side. */
const openEveryConnection = () => Promise.all(Array.from({ length: 4 }, () => withConn((c) => c.value('select count(*) from sign_in_attempts'))));

describe('the throttle under concurrent attempts (several requests, or several app servers, at once)', { timeout: ARGON2_HEAVY }, () => {
  it('21 wrong passwords for one account sent at once are stopped exactly as when sent one after another', async () => {
    const limit = DEFAULT_SIGN_IN_RULES.accountFailures;
    await addAccount('head.seq', null);
    await addAccount('head.conc', null);
    const sequential: SignInResult[] = [];
    for (let i = 0; i < 21; i++) sequential.push(await attempt('head.seq', `sai-${i}`, at(100), 'net-seq'));
    await openEveryConnection();
    const concurrent = await Promise.all(Array.from({ length: 21 }, (_, i) => attempt('head.conc', `sai-${i}`, at(100), 'net-conc')));
    expect(tally(sequential)).toEqual({ invalid: limit, throttled_account: 21 - limit });
    expect(tally(concurrent)).toEqual(tally(sequential));
    // Only the attempts let through were recorded, and each is one failure in the audit's aggregate.
    expect(await countOf("select count(*) from sign_in_attempts where network_hash = 'net-conc' and ok = ?", [false as unknown as string])).toBe(limit);
    expect(await countOf("select coalesce(sum(count), 0) from audit_log where action = 'auth.sign_in_failed' and network_hash = 'net-conc'")).toBe(limit);
    // The right password is refused too while the failures are in the window.
    expect(await attempt('head.conc', PASSWORD, at(101), 'net-other')).toEqual({ ok: false, error: 'throttled_account' });
  });

  it('a network guessing at many logins at once is stopped at its limit', async () => {
    const limit = DEFAULT_SIGN_IN_RULES.networkFailures;
    await openEveryConnection();
    const results = await Promise.all(Array.from({ length: limit + 5 }, (_, i) => attempt(`khach-${i}`, 'sai', at(200), 'net-flood-c')));
    expect(tally(results)).toEqual({ invalid: limit, throttled_network: 5 });
  });
});

describe('sign-in sessions', { timeout: ARGON2_HEAVY }, () => {
  it('a session opens the viewer until it is ended by signing out, which is audited', async () => {
    const r = await attempt('head.a', PASSWORD, at(60), 'n-1');
    if (!r.ok) throw new Error(r.error);
    const claims = { sessionId: r.sessionId, userId, sessionVersion: 1 };
    expect(await getSessionViewer({ ...claims, now: at(61) })).toMatchObject({ userId, role: 'office_head' });
    expect(await endUserSession({ sessionId: r.sessionId, userId, at: at(62), networkHash: 'n-1' })).toBe(true);
    expect(await getSessionViewer({ ...claims, now: at(63) })).toBeNull();
    expect(await endUserSession({ sessionId: r.sessionId, userId, at: at(64), networkHash: 'n-1' })).toBe(false);
    expect(await auditRows('auth.sign_out')).toEqual([{ actorId: userId, networkHash: 'n-1' }]);
  });

  it('a session opened through one app server is valid on another, and a sign-out through the other ends it on the first', async () => {
    // A second store on the same database is a second server: its own connections, nothing shared in memory.
    const other: Store =
      engineKind() === 'pg' ? await openPgStore(t.location, { migrate: false, poolSize: 2 }) : openSqliteStore(t.location);
    try {
      const r = await attempt('head.a', PASSWORD, at(65), 'n-2');
      if (!r.ok) throw new Error(r.error);
      const claims = { sessionId: r.sessionId, userId, sessionVersion: 1 };
      installStore(other);
      expect(await getSessionViewer({ ...claims, now: at(66) })).toMatchObject({ userId });
      expect(await endUserSession({ sessionId: r.sessionId, userId, at: at(67), networkHash: 'n-2' })).toBe(true);
      installStore(t);
      expect(await getSessionViewer({ ...claims, now: at(68) })).toBeNull();
    } finally {
      installStore(t);
      await other.close();
    }
  });

  it('refuses an expired session, a forged or foreign session id, and a stale session version', async () => {
    const r = await attempt('head.a', PASSWORD, at(70));
    if (!r.ok) throw new Error(r.error);
    const claims = { sessionId: r.sessionId, userId, sessionVersion: 1 };
    expect(await getSessionViewer({ ...claims, now: at(70 + 10 * 60 - 1) })).not.toBeNull();
    expect(await getSessionViewer({ ...claims, now: at(70 + 10 * 60) })).toBeNull();
    expect(await getSessionViewer({ ...claims, sessionId: 'forged', now: at(71) })).toBeNull();
    expect(await getSessionViewer({ ...claims, userId: userId + 1, now: at(71) })).toBeNull();
    await updatePassword({ userId, passwordHash: await hashPassword(PASSWORD), mustChange: false, actorId: userId });
    expect(await getSessionViewer({ ...claims, now: at(71) })).toBeNull();
  });

  it('retention deletes ended and expired sessions and keeps open ones', async () => {
    const open = await attempt('head.a', PASSWORD, at(24 * 60));
    if (!open.ok) throw new Error(open.error);
    const before = await countOf('select count(*) from user_sessions');
    expect(await deleteFinishedUserSessions({ now: at(24 * 60 + 1) })).toBe(before! - 1);
    expect(await withConn((c) => c.all('select id from user_sessions'))).toEqual([{ id: open.sessionId }]);
  });
});

describe('audit of failed sign-ins', () => {
  // Recorded directly: through attemptSignIn the network throttle would stop the flood at 20.
  it('30 failures from one network are one audit row counting 30; another network gets its own row', async () => {
    const since = (await countOf('select coalesce(max(id), 0) from audit_log'))!;
    for (let i = 0; i < 30; i++) {
      await recordSignIn({ userId: null, accountKey: `login:x${i}`, login: `x${i}`, networkHash: 'net-flood', ok: false, at: new Date(at(3000).getTime() + i * 200) });
    }
    await recordSignIn({ userId: null, accountKey: 'login:y', login: 'y', networkHash: 'net-other-flood', ok: false, at: at(3001) });
    const rows = await withConn((c) =>
      c.all("select network_hash as \"networkHash\", count from audit_log where action = 'auth.sign_in_failed' and id > ? order by id", [since]),
    );
    expect(rows).toEqual([
      { networkHash: 'net-flood', count: 30 },
      { networkHash: 'net-other-flood', count: 1 },
    ]);
    expect(await countOf("select count(*) from sign_in_attempts where network_hash = 'net-flood'")).toBe(30);
  });
});
