/**
 * TEMPORARY (issue 12, branch h/reading): async stand-ins for five functions
 * other groups convert in parallel (audit.ts and users.ts: h/accounts;
 * unit-tree.ts: h/units; question-sets.ts: h/ratings), with the signatures the
 * conversion guide gives them (`async`, one object argument, no handle). At
 * merge, point the imports of dashboard/comments/exports/maintenance and
 * server/dashboard.ts at the real modules and delete this file.
 */
import { and, desc, eq, inArray, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Viewer } from '@/lib/auth/roles';
import { QuestionSetDefinitionSchema, type QuestionSetDefinition } from '@/lib/survey/question-set';
import { auditLog, questionSets, questionSetVersions, units, userSessions } from '../schema';
import { changesOf, withConn } from '../store';
import { AUDIT_UNIT_OF_ENTITY, type AuditEntryInput } from './audit';
import { inSubtree } from './unit-tree';

/** audit.ts createAuditEntry: call inside the transaction of the change it records. */
export async function createAuditEntry(e: AuditEntryInput): Promise<void> {
  await withConn(({ db }) =>
    db.insert(auditLog).values({
      at: e.at ?? new Date(),
      actorId: e.actorId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId == null ? null : String(e.entityId),
      before: e.before ?? null,
      after: e.after ?? null,
      networkHash: e.networkHash ?? null,
      unitId: e.unitId !== undefined ? e.unitId : derivedUnitId(e.entityType, e.entityId),
    }),
  );
}

function derivedUnitId(entityType: string, entityId: string | number | null | undefined): SQL | null {
  const query = AUDIT_UNIT_OF_ENTITY[entityType];
  const id = entityId == null ? NaN : Number(entityId);
  if (!query || !Number.isSafeInteger(id)) return null;
  const [head, tail] = query.split('?');
  return sql`(${sql.raw(head!)}${id}${sql.raw(tail!)})`;
}

/** users.ts deleteFinishedUserSessions. */
export async function deleteFinishedUserSessions({ now }: { now: Date }): Promise<number> {
  return withConn(async ({ db }) => changesOf(await db.delete(userSessions).where(or(isNotNull(userSessions.endedAt), lt(userSessions.expiresAt, now)))));
}

/** unit-tree.ts getUnitInScope. */
export async function getUnitInScope({ viewer, unitId }: { viewer: Pick<Viewer, 'scopePath'>; unitId: number }) {
  return withConn(async ({ db }) => {
    const [row] = await db
      .select({ id: units.id, parentId: units.parentId, path: units.path, kind: units.kind, name: units.name, code: units.code, active: units.active, address: units.address, sortOrder: units.sortOrder })
      .from(units)
      .where(and(eq(units.id, unitId), inSubtree(viewer.scopePath)))
      .limit(1);
    return row ?? null;
  });
}

export type QuestionSetVersion = { id: number; questionSetId: number; version: number; definition: QuestionSetDefinition };

// Versions are immutable (an edit writes a new version; ids are never reused): the same on every server.
const parsedVersions = new Map<number, QuestionSetVersion>();

/** question-sets.ts getQuestionSetVersion: the result is shared and frozen. */
export async function getQuestionSetVersion({ id }: { id: number }): Promise<QuestionSetVersion | null> {
  const cached = parsedVersions.get(id);
  if (cached) return cached;
  const [row] = await withConn(({ db }) =>
    db
      .select({ id: questionSetVersions.id, questionSetId: questionSetVersions.questionSetId, version: questionSetVersions.version, definition: questionSetVersions.definition })
      .from(questionSetVersions)
      .where(eq(questionSetVersions.id, id))
      .limit(1),
  );
  if (!row) return null;
  const version = deepFreeze({ ...row, definition: QuestionSetDefinitionSchema.parse(row.definition) });
  parsedVersions.set(id, version);
  return version;
}

/** question-sets.ts getActiveQuestionSetVersion: the set of the unit or its nearest ancestor, else the default; its latest version. */
export async function getActiveQuestionSetVersion({ unitPath }: { unitPath: string }): Promise<QuestionSetVersion | null> {
  const id = await withConn(async ({ db }) => {
    const ancestors = unitPath.split('/').filter(Boolean).map(Number);
    const chosen = ancestors.length
      ? await db
          .select({ setId: units.questionSetId, path: units.path })
          .from(units)
          .where(and(inArray(units.id, ancestors), isNotNull(units.questionSetId)))
      : [];
    chosen.sort((a, b) => b.path.length - a.path.length);
    let setId = chosen[0]?.setId ?? null;
    if (setId == null) {
      const [d] = await db.select({ id: questionSets.id }).from(questionSets).where(eq(questionSets.isDefault, true)).orderBy(questionSets.id).limit(1);
      setId = d?.id ?? null;
    }
    if (setId == null) return null;
    const [v] = await db
      .select({ id: questionSetVersions.id })
      .from(questionSetVersions)
      .where(eq(questionSetVersions.questionSetId, setId))
      .orderBy(desc(questionSetVersions.version))
      .limit(1);
    return v?.id ?? null;
  });
  return id == null ? null : getQuestionSetVersion({ id });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
