import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
import type { Role, Viewer } from '@/lib/auth/roles';
import type { Db } from '../client';
import { signInAttempts, units, users } from '../schema';
import { createAuditEntry } from './audit';
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

/**
 * The viewer behind a session: one indexed lookup by primary key (with the
 * scope unit's path). Null when the account is disabled or the session's
 * version is stale (password reset, revoked), which ends the session.
 */
export function getViewer(db: Db, { userId, sessionVersion }: { userId: number; sessionVersion: number }): Viewer | null {
  const row = db
    .select({
      userId: users.id,
      role: users.role,
      displayName: users.displayName,
      scopeUnitId: users.scopeUnitId,
      scopePath: units.path,
      scopeName: units.name,
      mustChangePassword: users.mustChangePassword,
      active: users.active,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .innerJoin(units, eq(units.id, users.scopeUnitId))
    .where(eq(users.id, userId))
    .get();
  if (!row || !row.active || row.sessionVersion !== sessionVersion) return null;
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

export function recordSignIn(
  db: Db,
  { userId, accountKey, networkHash, ok, at }: { userId: number | null; accountKey: string; networkHash: string | null; ok: boolean; at: Date },
) {
  db.transaction((tx) => {
    tx.insert(signInAttempts).values({ at, accountKey, networkHash, ok }).run();
    if (ok && userId) tx.update(users).set({ lastSignInAt: at }).where(eq(users.id, userId)).run();
    createAuditEntry(tx, {
      at,
      actorId: ok ? userId : null,
      action: ok ? 'auth.sign_in' : 'auth.sign_in_failed',
      entityType: 'user',
      entityId: userId,
      after: ok ? null : { login: accountKey },
      networkHash,
    });
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
