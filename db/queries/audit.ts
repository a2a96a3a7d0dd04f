import { and, desc, eq, gte, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { auditLog, users } from '../schema';

export type AuditEntryInput = {
  actorId: number | null;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  networkHash?: string | null;
  at?: Date;
};

/** Appends one entry; call it inside the same transaction as the change it records. */
export function createAuditEntry(db: Pick<Db, 'insert'>, e: AuditEntryInput) {
  db.insert(auditLog)
    .values({
      at: e.at ?? new Date(),
      actorId: e.actorId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId == null ? null : String(e.entityId),
      before: e.before ?? null,
      after: e.after ?? null,
      networkHash: e.networkHash ?? null,
    })
    .run();
}

/** How long one aggregated row of anonymous failures from one network stays open. */
export const ANONYMOUS_FAILURE_WINDOW_MS = 15 * 60_000;

/**
 * Records a failure nobody signed in made (a wrong password for an unknown
 * or known login, a wrong kiosk pairing code): one row per action and network
 * per window, whose `count` and `lastAt` grow, so an anonymous client cannot
 * flood the audit log while every failure stays countable. `after` keeps
 * what the first failure of the window said. Call it inside the transaction
 * that records the attempt.
 */
export function createAnonymousFailureEntry(
  db: Pick<Db, 'insert' | 'select' | 'update'>,
  e: { action: string; entityType: string; entityId?: string | number | null; after?: unknown; networkHash: string | null; at: Date; windowMs?: number },
) {
  const since = new Date(e.at.getTime() - (e.windowMs ?? ANONYMOUS_FAILURE_WINDOW_MS));
  const open = db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, e.action),
        isNull(auditLog.actorId),
        e.networkHash ? eq(auditLog.networkHash, e.networkHash) : isNull(auditLog.networkHash),
        gte(auditLog.at, since),
      ),
    )
    .orderBy(desc(auditLog.at))
    .limit(1)
    .all()[0];
  if (open) {
    db.update(auditLog)
      .set({ count: sql`${auditLog.count} + 1`, lastAt: e.at })
      .where(eq(auditLog.id, open.id))
      .run();
    return;
  }
  createAuditEntry(db, { actorId: null, action: e.action, entityType: e.entityType, entityId: e.entityId, after: e.after, networkHash: e.networkHash, at: e.at });
}

export type AuditFilter = { action?: string; actorId?: number; entityType?: string; from?: Date; to?: Date; limit: number; offset: number };

/** The audit log, newest first. Only administrators read it (checked by the caller's permission). */
export function listAuditEntries(db: Db, f: AuditFilter) {
  const where: SQL[] = [];
  if (f.action) where.push(eq(auditLog.action, f.action));
  if (f.actorId) where.push(eq(auditLog.actorId, f.actorId));
  if (f.entityType) where.push(eq(auditLog.entityType, f.entityType));
  if (f.from) where.push(gte(auditLog.at, f.from));
  if (f.to) where.push(lt(auditLog.at, f.to));
  const rows = db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      actorId: auditLog.actorId,
      actorName: users.displayName,
      actorUsername: users.username,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(f.limit)
    .offset(f.offset)
    .all();
  const total = db.select({ n: sql<number>`count(*)` }).from(auditLog).where(where.length ? and(...where) : undefined).get()!.n;
  return { rows, total };
}

export function listAuditActions(db: Db): string[] {
  return db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action).all().map((r) => r.action);
}

/** Everyone who appears as the actor of an entry, for the log's filter (by display name). */
export function listAuditActors(db: Db) {
  return db
    .selectDistinct({ id: users.id, displayName: users.displayName, username: users.username })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.actorId))
    .orderBy(users.displayName, users.username)
    .all();
}
