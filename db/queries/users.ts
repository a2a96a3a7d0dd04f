import { and, asc, eq, gt, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { accountChangeEffects } from '@/lib/auth/account-changes';
import type { Role, Viewer } from '@/lib/auth/roles';
import { foldForSearch } from '@/lib/text';
import { signInAttempts, units, userSessions, users } from '../schema';
import { transaction, withConn, changesOf, type Db } from '../store';
import { createAnonymousFailureEntry, createAuditEntry } from './audit';
import { inSubtree } from './unit-tree';

/** What sign-in needs to check a password; null for an unknown login. */
export async function getUserForSignIn({ login }: { login: string }) {
  return withConn(async ({ db }) => {
    const [row] = await db
      .select({ id: users.id, passwordHash: users.passwordHash, active: users.active, sessionVersion: users.sessionVersion })
      .from(users)
      .where(or(eq(users.username, login), eq(users.email, login)))
      .limit(1);
    return row ?? null;
  });
}

const viewerFields = {
  userId: users.id,
  role: users.role,
  displayName: users.displayName,
  scopeUnitId: users.scopeUnitId,
  scopePath: units.path,
  scopeName: units.name,
  mustChangePassword: users.mustChangePassword,
  active: users.active,
  sessionVersion: users.sessionVersion,
};

function toViewer(row: { active: boolean; sessionVersion: number } & Viewer, sessionVersion: number): Viewer | null {
  if (!row.active || row.sessionVersion !== sessionVersion) return null;
  return {
    userId: row.userId,
    role: row.role,
    displayName: row.displayName,
    scopeUnitId: row.scopeUnitId,
    scopePath: row.scopePath,
    scopeName: row.scopeName,
    mustChangePassword: row.mustChangePassword,
  };
}

const viewerQuery = (db: Db, userId: number) =>
  db.select(viewerFields).from(users).innerJoin(units, eq(units.id, users.scopeUnitId)).where(eq(users.id, userId)).limit(1);

/**
 * An account as a viewer (with the scope unit's path), by primary key. Null
 * when the account is disabled or `sessionVersion` is stale. For tests and
 * scripts only: it does not check a sign-in session. A request's viewer goes
 * through `getSessionViewer`, which does.
 */
export async function getViewer({ userId, sessionVersion }: { userId: number; sessionVersion: number }): Promise<Viewer | null> {
  return withConn(async ({ db }) => {
    const [row] = await viewerQuery(db, userId);
    return row ? toViewer(row, sessionVersion) : null;
  });
}

/**
 * The viewer behind a session token, checked on every request: one lookup by
 * the session's primary key joined to its account and scope unit. Null when
 * the session row is missing (a token from before sessions were recorded, or
 * forged), ended (signed out), expired, belongs to another account, or when
 * the account is disabled or its session version is stale (password reset,
 * role or scope change), which ends every session of the account. Nothing is
 * remembered between calls: a session opened or ended through any app server
 * is seen by every other at its next request.
 */
export async function getSessionViewer({
  sessionId,
  userId,
  sessionVersion,
  now,
}: {
  sessionId: string;
  userId: number;
  sessionVersion: number;
  now: Date;
}): Promise<Viewer | null> {
  return withConn(async ({ db }) => {
    const [row] = await db
      .select(viewerFields)
      .from(userSessions)
      .innerJoin(users, eq(users.id, userSessions.userId))
      .innerJoin(units, eq(units.id, users.scopeUnitId))
      .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, userId), isNull(userSessions.endedAt), gt(userSessions.expiresAt, now)))
      .limit(1);
    return row ? toViewer(row, sessionVersion) : null;
  });
}

/**
 * Ends one sign-in session (sign-out) and records it; a session already
 * ended, or unknown, changes nothing and writes nothing. The conditional
 * update decides which of two concurrent sign-outs records it.
 */
export async function endUserSession({ sessionId, userId, at, networkHash }: { sessionId: string; userId: number; at: Date; networkHash: string | null }) {
  return transaction(async ({ db }) => {
    const ended = await db
      .update(userSessions)
      .set({ endedAt: at })
      .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, userId), isNull(userSessions.endedAt)))
      .returning({ id: userSessions.id });
    if (ended.length) await createAuditEntry({ at, actorId: userId, action: 'auth.sign_out', entityType: 'user', entityId: userId, networkHash });
    return ended.length === 1;
  });
}

const finishedSessions = (now: Date) => or(isNotNull(userSessions.endedAt), lt(userSessions.expiresAt, now));

/** Deletes sessions that can no longer open anything (ended or expired); part of `runRetention`. */
export async function deleteFinishedUserSessions({ now }: { now: Date }): Promise<number> {
  return withConn(async ({ db }) => changesOf(await db.delete(userSessions).where(finishedSessions(now))));
}

export type NewUser = {
  username: string;
  email: string | null;
  displayName: string;
  passwordHash: string;
  role: Role;
  scopeUnitId: number;
  mustChangePassword: boolean;
  /** A supervisor's organisation (docs/decisions/028); null or absent for the other roles. */
  organisationId?: number | null;
};

const publicFields = {
  id: users.id,
  username: users.username,
  email: users.email,
  displayName: users.displayName,
  role: users.role,
  scopeUnitId: users.scopeUnitId,
  organisationId: users.organisationId,
  active: users.active,
  mustChangePassword: users.mustChangePassword,
  lastSignInAt: users.lastSignInAt,
};

export type PublicUser = {
  id: number;
  username: string;
  email: string | null;
  displayName: string;
  role: Role;
  scopeUnitId: number;
  organisationId: number | null;
  active: boolean;
  mustChangePassword: boolean;
  lastSignInAt: Date | null;
};

/**
 * Creates an account and its audit entry; `actorId` null for the first
 * administrator. A username or e-mail taken meanwhile fails on the unique
 * index (`uniqueUserField` names it), and nothing is written.
 */
export async function createUser({ user, actorId }: { user: NewUser; actorId: number | null }): Promise<PublicUser> {
  return transaction(async ({ db }) => {
    const [row] = await db.insert(users).values(user).returning(publicFields);
    await createAuditEntry({ actorId, action: 'user.create', entityType: 'user', entityId: row!.id, after: row });
    return row!;
  });
}

export async function countUsers(): Promise<number> {
  return withConn(async ({ db }) => {
    const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(users);
    return row?.n ?? 0;
  });
}

export async function getUserByUsername({ username }: { username: string }) {
  return withConn(async ({ db }) => {
    const [row] = await db.select(publicFields).from(users).where(eq(users.username, username)).limit(1);
    return row ?? null;
  });
}

/** Accounts whose scope lies inside the viewer's subtree. */
export async function listUsers({ viewer }: { viewer: Viewer }) {
  return withConn(({ db }) =>
    db
      .select({ ...publicFields, scopeName: units.name })
      .from(users)
      .innerJoin(units, eq(units.id, users.scopeUnitId))
      .where(inSubtree(viewer.scopePath))
      .orderBy(asc(users.username)),
  );
}

/** One account inside the viewer's subtree, or null (also for one outside it). */
export async function getUser({ viewer, userId }: { viewer: Pick<Viewer, 'scopePath'>; userId: number }) {
  return withConn(async ({ db }) => {
    const [row] = await db
      .select({ ...publicFields, scopeName: units.name })
      .from(users)
      .innerJoin(units, eq(units.id, users.scopeUnitId))
      .where(and(eq(users.id, userId), inSubtree(viewer.scopePath)))
      .limit(1);
    return row ?? null;
  });
}

/**
 * Sets a new password hash (hashed by the caller, outside the transaction);
 * a reset by someone else forces a change at next sign-in. Every open session
 * of the account ends. Returns the new session version.
 */
export async function updatePassword({ userId, passwordHash, mustChange, actorId }: { userId: number; passwordHash: string; mustChange: boolean; actorId: number }) {
  return transaction(async ({ db }) => {
    // One statement moves the version on and reads it, so two concurrent changes each get their own.
    const [row] = await db
      .update(users)
      .set({ passwordHash, mustChangePassword: mustChange, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId))
      .returning({ sessionVersion: users.sessionVersion });
    await createAuditEntry({ actorId, action: actorId === userId ? 'user.change_password' : 'user.reset_password', entityType: 'user', entityId: userId });
    return row!.sessionVersion;
  });
}

export type UserChanges = Partial<Pick<NewUser, 'displayName' | 'email' | 'role' | 'scopeUnitId' | 'organisationId'>> & { active?: boolean };

/**
 * Updates an account in the viewer's subtree; disabling it, or changing its
 * role or scope, ends its sessions (lib/auth/account-changes.ts). Null when
 * out of scope.
 */
export async function updateUser({ viewer, userId, changes }: { viewer: Viewer; userId: number; changes: UserChanges }) {
  return transaction(async (c) => {
    // Two administrators editing one account take turns, so each audit entry's "before" is what that change replaced.
    await c.lock(`user:${userId}`);
    const before = await getUser({ viewer, userId });
    if (!before) return null;
    const { endsSessions, auditAction } = accountChangeEffects(before, changes);
    await c.db
      .update(users)
      .set({ ...changes, ...(endsSessions ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}) })
      .where(eq(users.id, userId));
    const after = await getUser({ viewer, userId });
    await createAuditEntry({ actorId: viewer.userId, action: auditAction, entityType: 'user', entityId: userId, before, after });
    return after;
  });
}

/**
 * The key the per-account throttle counts failures under: the account when
 * the login names one (so its username and its e-mail share one bucket),
 * otherwise what was typed (an unknown login still gets throttled).
 */
export function signInAccountKey({ userId, login }: { userId: number | null; login: string }): string {
  return userId ? `user:${userId}` : `login:${login}`;
}

/**
 * Counts an attempt as a failure before its password is checked: the
 * throttle (server/auth/sign-in.ts) reserves it under its lock, so attempts
 * checking their passwords at the same moment count each other, on every
 * app server. `finishSignIn` turns it into a success when the password was
 * right. Returns the attempt's id.
 */
export async function beginSignInAttempt({ accountKey, networkHash, at }: { accountKey: string; networkHash: string | null; at: Date }): Promise<number> {
  return withConn(async ({ db }) => {
    const [row] = await db.insert(signInAttempts).values({ at, accountKey, networkHash, ok: false }).returning({ id: signInAttempts.id });
    return row!.id;
  });
}

export type SignInOutcome = {
  userId: number | null;
  accountKey: string;
  login?: string;
  networkHash: string | null;
  ok: boolean;
  at: Date;
  session?: { id: string; expiresAt: Date };
};

/**
 * Records how an attempt begun by `beginSignInAttempt` ended. A success
 * marks the attempt ok, opens the session `session` and is audited as
 * itself; failures are anonymous, so they are aggregated per network and
 * window (createAnonymousFailureEntry) and one client cannot flood the audit
 * log.
 */
export async function finishSignIn(attemptId: number, { userId, accountKey, login, networkHash, ok, at, session }: SignInOutcome) {
  await transaction(async ({ db }) => {
    if (ok && userId) {
      await db.update(signInAttempts).set({ ok: true }).where(eq(signInAttempts.id, attemptId));
      await db.update(users).set({ lastSignInAt: at }).where(eq(users.id, userId));
      if (session) await db.insert(userSessions).values({ id: session.id, userId, createdAt: at, expiresAt: session.expiresAt });
      await createAuditEntry({ at, actorId: userId, action: 'auth.sign_in', entityType: 'user', entityId: userId, networkHash });
      return;
    }
    await createAnonymousFailureEntry({ action: 'auth.sign_in_failed', entityType: 'user', entityId: userId, after: { login: login ?? accountKey }, networkHash, at });
  });
}

/**
 * Records a whole sign-in attempt at once (every one stays in
 * sign_in_attempts: the throttle counts them), as `beginSignInAttempt` then
 * `finishSignIn` in one transaction.
 */
export async function recordSignIn(outcome: SignInOutcome) {
  await transaction(async () => {
    const id = await beginSignInAttempt(outcome);
    await finishSignIn(id, outcome);
  });
}

/** Times of failed attempts in the window, oldest first, for the account and the network. */
export async function listRecentSignInFailures({ accountKey, networkHash, since }: { accountKey: string; networkHash: string | null; since: Date }) {
  return withConn(async ({ db }) => {
    const times = async (where: ReturnType<typeof and>) =>
      (
        await db
          .select({ at: signInAttempts.at })
          .from(signInAttempts)
          .where(and(where, eq(signInAttempts.ok, false), gt(signInAttempts.at, since)))
          .orderBy(asc(signInAttempts.at))
      ).map((r) => r.at.getTime());
    return {
      account: await times(eq(signInAttempts.accountKey, accountKey)),
      network: networkHash ? await times(eq(signInAttempts.networkHash, networkHash)) : [],
    };
  });
}

export async function getUserPasswordHash({ userId }: { userId: number }): Promise<string | null> {
  return withConn(async ({ db }) => {
    const [row] = await db.select({ h: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1);
    return row?.h ?? null;
  });
}

/**
 * Which of a username and an e-mail already belong to another account (any
 * scope: both are unique across the whole system). For form errors, so a
 * clash is a message beside the field, not a failed insert.
 */
export async function getUserClashes({
  username,
  email,
  exceptUserId,
}: {
  username?: string;
  email?: string | null;
  exceptUserId?: number;
}): Promise<{ username: boolean; email: boolean }> {
  return withConn(async ({ db }) => {
    const taken = async (where: ReturnType<typeof eq>) =>
      (await db
        .select({ id: users.id })
        .from(users)
        .where(exceptUserId == null ? where : and(where, sql`${users.id} <> ${exceptUserId}`))
        .limit(1)).length > 0;
    return {
      username: username ? await taken(eq(users.username, username)) : false,
      email: email ? await taken(eq(users.email, email)) : false,
    };
  });
}

/**
 * The field behind a unique-index failure on users (two administrators
 * creating the same username at once, after `getUserClashes` said it was
 * free), or null for any other error. SQLite names the column in its
 * message; PostgreSQL gives the code 23505 and the index's name.
 */
export function uniqueUserField(error: unknown): 'username' | 'email' | null {
  if (!(error instanceof Error)) return null;
  // drizzle wraps a driver's error in its own ("Failed query: …"), with the driver's as the cause.
  if (error.cause instanceof Error) return uniqueUserField(error.cause) ?? uniqueUserField(new Error(error.message));
  const { code, constraint } = error as Error & { code?: string; constraint?: string };
  if (code === '23505') {
    if (constraint === 'users_username_uq') return 'username';
    if (constraint === 'users_email_uq') return 'email';
    return null;
  }
  if (!error.message.includes('UNIQUE constraint failed')) return null;
  if (error.message.includes('users.username')) return 'username';
  if (error.message.includes('users.email')) return 'email';
  return null;
}

/** Where a demo account is scoped: the first root unit, or a unit by survey code or by name. */
export async function findScopeUnitId(scope: 'root' | { code: string } | { name: string }): Promise<number | null> {
  return withConn(async ({ db }) => {
    const where = scope === 'root' ? isNull(units.parentId) : 'code' in scope ? eq(units.code, scope.code) : eq(units.name, scope.name);
    const [row] = await db.select({ id: units.id }).from(units).where(where).orderBy(asc(units.id)).limit(1);
    return row?.id ?? null;
  });
}

/**
 * The first administrator (scripts/create-admin.ts), in one transaction:
 * scoped at the first root unit, which is created as `provinceName` when the
 * unit tree is still empty. `no_root` when it is empty and no name was given.
 */
export async function createAdministrator({
  user,
  provinceName,
}: {
  user: Omit<NewUser, 'role' | 'scopeUnitId'>;
  provinceName?: string;
}): Promise<{ ok: true; user: PublicUser; root: { id: number; name: string } } | { ok: false; reason: 'no_root' }> {
  return transaction(async (c) => {
    // Two scripts run at once on an empty tree create one province, not two.
    await c.lock('units:root');
    let [root] = await c.db.select({ id: units.id, name: units.name }).from(units).where(isNull(units.parentId)).orderBy(asc(units.id)).limit(1);
    if (!root) {
      if (!provinceName) return { ok: false, reason: 'no_root' } as const;
      const [row] = await c.db
        .insert(units)
        .values({ parentId: null, path: '/', kind: 'province', name: provinceName, searchName: foldForSearch(provinceName), code: null })
        .returning({ id: units.id, name: units.name });
      await c.db.update(units).set({ path: `/${row!.id}/` }).where(eq(units.id, row!.id));
      root = row!;
    }
    const created = await createUser({ user: { ...user, role: 'admin', scopeUnitId: root.id }, actorId: null });
    return { ok: true, user: created, root } as const;
  });
}
