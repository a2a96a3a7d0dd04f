import { and, desc, eq, gte, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import { QuestionSetDefinitionSchema } from '@/lib/survey/question-set';
import { auditLog, questionSets, questionSetVersions, units } from '../schema';
import { withConn } from '../store';
import { ANONYMOUS_FAILURE_WINDOW_MS, AUDIT_UNIT_OF_ENTITY, type AuditEntryInput } from './audit';
import type { QuestionSetVersion } from './question-sets';
import { deepFreeze } from './survey-cache';

/*
 * TEMPORARY (issue 12): replaced by h/accounts (audit.ts) and h/ratings
 * (question-sets.ts) at merge. Async, engine-neutral stand-ins with the
 * signatures those conversions are expected to export (no handle; they run
 * on the current transaction through withConn), so the kiosk code runs on
 * both engines before they land. At merge: import these three names from
 * './audit' and './question-sets' instead, and delete this file.
 */

function derivedUnitId(entityType: string, entityId: string | number | null | undefined): SQL | null {
  const query = AUDIT_UNIT_OF_ENTITY[entityType];
  const id = entityId == null ? NaN : Number(entityId);
  if (!query || !Number.isSafeInteger(id)) return null;
  const [head, tail] = query.split('?');
  return sql`(${sql.raw(head!)}${id}${sql.raw(tail!)})`;
}

export async function createAuditEntry(e: AuditEntryInput): Promise<void> {
  await withConn(async ({ db }) => {
    await db.insert(auditLog).values({
      at: e.at ?? new Date(),
      actorId: e.actorId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId == null ? null : String(e.entityId),
      before: e.before ?? null,
      after: e.after ?? null,
      networkHash: e.networkHash ?? null,
      unitId: e.unitId !== undefined ? e.unitId : derivedUnitId(e.entityType, e.entityId),
    });
  });
}

export async function createAnonymousFailureEntry(e: {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  after?: unknown;
  networkHash: string | null;
  at: Date;
  windowMs?: number;
}): Promise<void> {
  await withConn(async ({ db }) => {
    const since = new Date(e.at.getTime() - (e.windowMs ?? ANONYMOUS_FAILURE_WINDOW_MS));
    const unit = derivedUnitId(e.entityType, e.entityId);
    const [open] = await db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, e.action),
          sql`${auditLog.actorId} is null`,
          e.networkHash ? eq(auditLog.networkHash, e.networkHash) : sql`${auditLog.networkHash} is null`,
          gte(auditLog.at, since),
          unit ? sql`${auditLog.unitId} is not distinct from ${unit}` : sql`${auditLog.unitId} is null`,
        ),
      )
      .orderBy(desc(auditLog.at))
      .limit(1);
    if (open) {
      await db
        .update(auditLog)
        .set({ count: sql`${auditLog.count} + 1`, lastAt: e.at })
        .where(eq(auditLog.id, open.id));
      return;
    }
    await createAuditEntry({ actorId: null, action: e.action, entityType: e.entityType, entityId: e.entityId, after: e.after, networkHash: e.networkHash, at: e.at });
  });
}

/** The version a unit's survey shows now: the set of the unit or its nearest ancestor, else the default set; its latest version. */
export async function getActiveQuestionSetVersion({ unitPath }: { unitPath: string }): Promise<QuestionSetVersion | null> {
  return withConn(async ({ db }) => {
    const ids = unitPath.split('/').filter(Boolean).map(Number);
    const chosen = ids.length
      ? (await db.select({ path: units.path, setId: units.questionSetId }).from(units).where(and(inArray(units.id, ids), isNotNull(units.questionSetId))))
          .sort((a, b) => b.path.length - a.path.length)[0]?.setId
      : undefined;
    const setId =
      chosen ??
      (await db.select({ id: questionSets.id }).from(questionSets).where(eq(questionSets.isDefault, true)).orderBy(questionSets.id).limit(1))[0]?.id;
    if (setId == null) return null;
    const [row] = await db
      .select({ id: questionSetVersions.id, questionSetId: questionSetVersions.questionSetId, version: questionSetVersions.version, definition: questionSetVersions.definition })
      .from(questionSetVersions)
      .where(eq(questionSetVersions.questionSetId, setId))
      .orderBy(desc(questionSetVersions.version))
      .limit(1);
    return row ? deepFreeze({ ...row, definition: QuestionSetDefinitionSchema.parse(row.definition) }) : null;
  });
}
