import { and, asc, eq, gt, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Role, Viewer } from '@/lib/auth/roles';
import type { Db } from '../client';
import { signInAttempts, units, userSessions, users } from '../schema';
import { createAnonymousFailureEntry, createAuditEntry } from './audit';
import { inSubtree } from './unit-tree';

/** What sign-in needs to check a password; null for an unknown login. */
export function getUserForSignIn(db: Db, { login }: { login: string }) {
  return (
    db
      .select({ id: users.id, passwordHash: users.passwordHash, active: users.active, sessionVersion: users.sessionVersion })
      .from(users)
      .where(or(eq(users.username, login), eq(users.email, login)))
      .get() ?? null
  );
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

/**
 * An account as a viewer (with the scope unit's path), by primary key. Null
 * when the account is disabled or `sessionVersion` is stale. For tests and
 * scripts: a request's viewer goes through `getSessionViewer`, which also
 * checks the sign-in session.
 */
export function getViewer(db: Db, { userId, sessionVersion }: { userId: number; sessionVersion: number }): Viewer | null {
  const row = db.select(viewerFields).from(users).innerJoin(units, eq(units.id, users.scopeUnitId)).where(eq(users.id, userId)).get();
  return row ? toViewer(row, sessionVersion) : null;
}

/**
 * The viewer behind a session token, checked on every request: one lookup by
 * the session's primary key joined to its account and scope unit. Null when
 * the session row is missing (a token from before sessions were recorded, or
 * forged), ended (signed out), expired, belongs to another account, or when
 * the account is disabled or its session version is stale (password reset,
 * role or scope change), which ends every session of the account.
 */
export function getSessionViewer(
  db: Db,
  { sessionId, userId, sessionVersion, now }: { sessionId: string; userId: number; sessionVersion: number; now: Date },
): Viewer | null {
  const row = db
    .select(viewerFields)
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .innerJoin(units, eq(units.id, users.scopeUnitId))
    .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, userId), isNull(userSessions.endedAt), gt(userSessions.expiresAt, now)))
    .get();
  return row ? toViewer(row, sessionVersion) : null;
}

/**
 * Ends one sign-in session (sign-out) and records it; a session already
 * ended, or unknown, changes nothing and writes nothing.
 */
export function endUserSession(db: Db, { sessionId, userId, at, networkHash }: { sessionId: string; userId: number; at: Date; networkHash: string | null }) {
  return db.transaction((tx) => {
    const ended = tx
      .update(userSessions)
      .set({ endedAt: at })
      .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, userId), isNull(userSessions.endedAt)))
      .run().changes;
    if (ended) createAuditEntry(tx, { at, actorId: userId, action: 'auth.sign_out', entityType: 'user', entityId: userId, networkHash });
    return ended === 1;
  });
}

/** Deletes sessions that can no longer open anything (ended or expired); part of `runRetention`. */
export function deleteFinishedUserSessions(db: Pick<Db, 'delete'>, { now }: { now: Date }): number {
  return db.delete(userSessions).where(or(isNotNull(userSessions.endedAt), lt(userSessions.expiresAt, now))).run().changes;
}

export type NewUser = {
  username: string;
  email: string | null;
  displayName: string;
  passwordHash: string;
  role: Role;
  scopeUnitId: number;
  mustChangePassword: boolean;
};

const publicFields = {
  id: users.id,
  username: users.username,
  email: users.email,
  displayName: users.displayName,
  role: users.role,
  scopeUnitId: users.scopeUnitId,
  active: users.active,
  mustChangePassword: users.mustChangePassword,
  lastSignInAt: users.lastSignInAt,
};

/** Creates an account and its audit entry; `actorId` null for the first administrator. */
export function createUser(db: Db, { user, actorId }: { user: NewUser; actorId: number | null }) {
  return db.transaction((tx) => {
    const row = tx.insert(users).values(user).returning(publicFields).all()[0]!;
    createAuditEntry(tx, { actorId, action: 'user.create', entityType: 'user', entityId: row.id, after: row });
    return row;
  });
}

export function countUsers(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(users).get()!.n;
}

export function getUserByUsername(db: Db, { username }: { username: string }) {
  return db.select(publicFields).from(users).where(eq(users.username, username)).get() ?? null;
}

/** Accounts whose scope lies inside the viewer's subtree. */
export function listUsers(db: Db, { viewer }: { viewer: Viewer }) {
  return db
    .select({ ...publicFields, scopeName: units.name })
    .from(users)
    .innerJoin(units, eq(units.id, users.scopeUnitId))
    .where(inSubtree(viewer.scopePath))
    .orderBy(asc(users.username))
    .all();
}

/** One account inside the viewer's subtree, or null (also for one outside it). */
export function getUser(db: Db, { viewer, userId }: { viewer: Viewer; userId: number }) {
  return (
    db
      .select({ ...publicFields, scopeName: units.name })
      .from(users)
      .innerJoin(units, eq(units.id, users.scopeUnitId))
      .where(and(eq(users.id, userId), inSubtree(viewer.scopePath)))
      .get() ?? null
  );
}

/** Sets a new password hash; a reset by someone else forces a change at next sign-in and ends open sessions. */
export function updatePassword(
  db: Db,
  { userId, passwordHash, mustChange, actorId }: { userId: number; passwordHash: string; mustChange: boolean; actorId: number },
) {
  db.transaction((tx) => {
    tx.update(users)
      .set({ passwordHash, mustChangePassword: mustChange, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId))
      .run();
    createAuditEntry(tx, {
      actorId,
      action: actorId === userId ? 'user.change_password' : 'user.reset_password',
      entityType: 'user',
      entityId: userId,
    });
  });
  return db.select({ sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, userId)).get()!.sessionVersion;
}

export type UserChanges = Partial<Pick<NewUser, 'displayName' | 'email' | 'role' | 'scopeUnitId'>> & { active?: boolean };

/** Updates an account in the viewer's subtree; disabling it ends its sessions. Null when out of scope. */
export function updateUser(db: Db, { viewer, userId, changes }: { viewer: Viewer; userId: number; changes: UserChanges }) {
  return db.transaction((tx) => {
    const before = getUser(tx as unknown as Db, { viewer, userId });
    if (!before) return null;
    const endSessions = changes.active === false || (changes.role && changes.role !== before.role) || (changes.scopeUnitId && changes.scopeUnitId !== before.scopeUnitId);
    tx.update(users)
      .set({ ...changes, ...(endSessions ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}) })
      .where(eq(users.id, userId))
      .run();
    const after = getUser(tx as unknown as Db, { viewer, userId });
    const action = changes.active === false ? 'user.disable' : changes.active === true ? 'user.enable' : 'user.update';
    createAuditEntry(tx, { actorId: viewer.userId, action, entityType: 'user', entityId: userId, before, after });
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
 * Records a sign-in attempt (every one stays in sign_in_attempts: the
 * throttle counts them). A success opens the session `session` in the same
 * transaction and is audited as itself; failures are anonymous, so they are
 * aggregated per network and window (createAnonymousFailureEntry) and one
 * client cannot flood the audit log.
 */
export function recordSignIn(
  db: Db,
  {
    userId,
    accountKey,
    login,
    networkHash,
    ok,
    at,
    session,
  }: { userId: number | null; accountKey: string; login?: string; networkHash: string | null; ok: boolean; at: Date; session?: { id: string; expiresAt: Date } },
) {
  db.transaction((tx) => {
    tx.insert(signInAttempts).values({ at, accountKey, networkHash, ok }).run();
    if (ok && userId) {
      tx.update(users).set({ lastSignInAt: at }).where(eq(users.id, userId)).run();
      if (session) tx.insert(userSessions).values({ id: session.id, userId, createdAt: at, expiresAt: session.expiresAt }).run();
      createAuditEntry(tx, { at, actorId: userId, action: 'auth.sign_in', entityType: 'user', entityId: userId, networkHash });
      return;
    }
    createAnonymousFailureEntry(tx, { action: 'auth.sign_in_failed', entityType: 'user', entityId: userId, after: { login: login ?? accountKey }, networkHash, at });
  });
}

/** Times of failed attempts in the window, oldest first, for the account and the network. */
export function listRecentSignInFailures(db: Db, { accountKey, networkHash, since }: { accountKey: string; networkHash: string | null; since: Date }) {
  const times = (where: ReturnType<typeof and>) =>
    db
      .select({ at: signInAttempts.at })
      .from(signInAttempts)
      .where(and(where, eq(signInAttempts.ok, false), gt(signInAttempts.at, since)))
      .orderBy(asc(signInAttempts.at))
      .all()
      .map((r) => r.at.getTime());
  return {
    account: times(eq(signInAttempts.accountKey, accountKey)),
    network: networkHash ? times(eq(signInAttempts.networkHash, networkHash)) : [],
  };
}

export function getUserPasswordHash(db: Db, { userId }: { userId: number }): string | null {
  return db.select({ h: users.passwordHash }).from(users).where(eq(users.id, userId)).get()?.h ?? null;
}

/**
 * Which of a username and an e-mail already belong to another account (any
 * scope: both are unique across the whole system). For form errors, so a
 * clash is a message beside the field, not a failed insert.
 */
export function getUserClashes(
  db: Db,
  { username, email, exceptUserId }: { username?: string; email?: string | null; exceptUserId?: number },
): { username: boolean; email: boolean } {
  const taken = (where: ReturnType<typeof eq>) =>
    db
      .select({ id: users.id })
      .from(users)
      .where(exceptUserId == null ? where : and(where, sql`${users.id} <> ${exceptUserId}`))
      .get() != null;
  return {
    username: username ? taken(eq(users.username, username)) : false,
    email: email ? taken(eq(users.email, email)) : false,
  };
}

/**
 * The field behind a unique-index failure on users (two administrators
 * creating the same username at once, after `getUserClashes` said it was
 * free), or null for any other error.
 */
export function uniqueUserField(error: unknown): 'username' | 'email' | null {
  const message = error instanceof Error ? error.message : '';
  if (!message.includes('UNIQUE constraint failed')) return null;
  if (message.includes('users.username')) return 'username';
  if (message.includes('users.email')) return 'email';
  return null;
}
