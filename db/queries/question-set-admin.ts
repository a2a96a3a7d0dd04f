import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { canAssignQuestionSet, canChangeQuestionSet, canMakeQuestionSetDefault, canViewQuestionSet } from '@/lib/auth/question-set-scope';
import type { Viewer } from '@/lib/auth/roles';
import { QuestionSetDefinitionSchema, type QuestionSetDefinition } from '@/lib/survey/question-set';
import type { Db } from '../client';
import { questionSets, questionSetVersions, responses, units } from '../schema';
import { createAuditEntry } from './audit';
import { inSubtree } from './unit-tree';

/**
 * Administration of question sets (domain.md §4). A version is never edited:
 * saving writes version N+1, and every response keeps the version it answered.
 * Response counts are limited to the viewer's subtree of units. Each set has
 * an owning unit: who sees, changes and assigns it is decided by
 * lib/auth/question-set-scope.ts, checked here again inside each write.
 */

type ScopeViewer = Pick<Viewer, 'scopePath'>;

const owners = alias(units, 'owner_units');

/** A set with its owner (null owner = made before ownership: the root's). */
const setFields = {
  id: questionSets.id,
  name: questionSets.name,
  isDefault: questionSets.isDefault,
  createdAt: questionSets.createdAt,
  ownerUnitId: questionSets.ownerUnitId,
  ownerName: owners.name,
  ownerPath: owners.path,
};

function withRights<T extends { ownerPath: string | null }>(viewer: ScopeViewer, set: T) {
  return { ...set, canChange: canChangeQuestionSet(viewer, set.ownerPath), canMakeDefault: canMakeQuestionSetDefault(viewer, set.ownerPath) };
}

/** The set if the viewer may see it (owned in their subtree or above them), else null. */
function getVisibleSet(db: Pick<Db, 'select'>, { viewer, questionSetId }: { viewer: ScopeViewer; questionSetId: number }) {
  const set = db.select(setFields).from(questionSets).leftJoin(owners, eq(owners.id, questionSets.ownerUnitId)).where(eq(questionSets.id, questionSetId)).get();
  return set && canViewQuestionSet(viewer, set.ownerPath) ? withRights(viewer, set) : null;
}

export type VersionSummary = { id: number; version: number; createdAt: Date; responses: number };

function versionSummaries(db: Db, { viewer, setIds }: { viewer: Pick<Viewer, 'scopePath'>; setIds: number[] }) {
  if (setIds.length === 0) return new Map<number, VersionSummary[]>();
  const counts = db
    .select({ versionId: responses.questionSetVersionId, n: count().as('n') })
    .from(responses)
    .innerJoin(units, eq(units.id, responses.unitId))
    .where(inSubtree(viewer.scopePath))
    .groupBy(responses.questionSetVersionId)
    .as('counts');
  const rows = db
    .select({
      id: questionSetVersions.id,
      questionSetId: questionSetVersions.questionSetId,
      version: questionSetVersions.version,
      createdAt: questionSetVersions.createdAt,
      responses: sql<number>`coalesce(${counts.n}, 0)`,
    })
    .from(questionSetVersions)
    .leftJoin(counts, eq(counts.versionId, questionSetVersions.id))
    .where(inArray(questionSetVersions.questionSetId, setIds))
    .orderBy(desc(questionSetVersions.version))
    .all();
  const bySet = new Map<number, VersionSummary[]>();
  for (const { questionSetId, ...v } of rows) {
    const list = bySet.get(questionSetId) ?? [];
    list.push(v);
    bySet.set(questionSetId, list);
  }
  return bySet;
}

/**
 * The sets the viewer may see (owned in their subtree or above them, never a
 * neighbour's), default first, each with its versions newest first, the
 * responses per version in the viewer's scope, and what the viewer may do.
 */
export function listQuestionSetsForAdmin(db: Db, { viewer }: { viewer: ScopeViewer }) {
  const sets = db
    .select(setFields)
    .from(questionSets)
    .leftJoin(owners, eq(owners.id, questionSets.ownerUnitId))
    .orderBy(desc(questionSets.isDefault), asc(questionSets.name), asc(questionSets.id))
    .all()
    .filter((s) => canViewQuestionSet(viewer, s.ownerPath));
  const versions = versionSummaries(db, { viewer, setIds: sets.map((s) => s.id) });
  return sets.map((s) => {
    const list = versions.get(s.id) ?? [];
    return { ...withRights(viewer, s), latestVersion: list[0]?.version ?? null, versions: list };
  });
}

/** One set the viewer may see, with its versions (newest first); null otherwise (callers answer 404). */
export function getQuestionSetForAdmin(db: Db, { viewer, questionSetId }: { viewer: ScopeViewer; questionSetId: number }) {
  const set = getVisibleSet(db, { viewer, questionSetId });
  if (!set) return null;
  const versions = versionSummaries(db, { viewer, setIds: [set.id] }).get(set.id) ?? [];
  return { ...set, latestVersion: versions[0]?.version ?? null, versions };
}

export type StoredVersion = { id: number; questionSetId: number; version: number; createdAt: Date; definition: QuestionSetDefinition };

/** Version `version` of a set (or its latest when `version` is omitted), validated; null when there is none. */
export function getQuestionSetVersionByNumber(
  db: Db,
  { questionSetId, version }: { questionSetId: number; version?: number },
): StoredVersion | null {
  const row = db
    .select()
    .from(questionSetVersions)
    .where(
      version === undefined
        ? eq(questionSetVersions.questionSetId, questionSetId)
        : and(eq(questionSetVersions.questionSetId, questionSetId), eq(questionSetVersions.version, version)),
    )
    .orderBy(desc(questionSetVersions.version))
    .limit(1)
    .get();
  if (!row) return null;
  return { ...row, definition: QuestionSetDefinitionSchema.parse(row.definition) };
}

/** Every version of a set, oldest first, with definitions (the editor lists questions removed in earlier versions). */
export function listQuestionSetVersions(db: Db, { questionSetId }: { questionSetId: number }): { version: number; definition: QuestionSetDefinition }[] {
  return db
    .select({ version: questionSetVersions.version, definition: questionSetVersions.definition })
    .from(questionSetVersions)
    .where(eq(questionSetVersions.questionSetId, questionSetId))
    .orderBy(asc(questionSetVersions.version))
    .all()
    .map((r) => ({ version: r.version, definition: QuestionSetDefinitionSchema.parse(r.definition) }));
}

const summary = (version: number, d: QuestionSetDefinition) => ({
  version,
  questions: d.questions.map((q) => q.key).join(', '),
  commentMaxLength: d.commentMaxLength,
});

export type NewVersionResult =
  | { status: 'created'; id: number; version: number }
  | { status: 'not_found' }
  /** The viewer may see the set but not change it (it belongs to a unit above them). */
  | { status: 'forbidden' }
  /** Someone saved a newer version since the editor was opened; nothing was written. */
  | { status: 'stale'; latestVersion: number };

/**
 * Writes version `baseVersion + 1` of a set, audited as
 * 'question_set.new_version'. `baseVersion` is the version the editor showed:
 * if another version was saved meanwhile, nothing is written ('stale'), so one
 * administrator never silently overwrites another's edit.
 */
export function createQuestionSetVersion(
  db: Db,
  input: { viewer: Pick<Viewer, 'scopePath' | 'userId'>; questionSetId: number; baseVersion: number; definition: QuestionSetDefinition },
): NewVersionResult {
  const definition = QuestionSetDefinitionSchema.parse(input.definition);
  return db.transaction((tx): NewVersionResult => {
    const set = getVisibleSet(tx, { viewer: input.viewer, questionSetId: input.questionSetId });
    if (!set) return { status: 'not_found' };
    if (!set.canChange) return { status: 'forbidden' };
    const latest = getQuestionSetVersionByNumber(tx as unknown as Db, { questionSetId: input.questionSetId });
    if (!latest) return { status: 'not_found' };
    if (latest.version !== input.baseVersion) return { status: 'stale', latestVersion: latest.version };
    const version = latest.version + 1;
    const row = tx
      .insert(questionSetVersions)
      .values({ questionSetId: input.questionSetId, version, definition })
      .returning({ id: questionSetVersions.id })
      .all()[0]!;
    createAuditEntry(tx, {
      actorId: input.viewer.userId,
      action: 'question_set.new_version',
      entityType: 'question_set',
      entityId: input.questionSetId,
      before: summary(latest.version, latest.definition),
      after: summary(version, definition),
    });
    return { status: 'created', id: row.id, version };
  });
}

/**
 * A new, non-default set owned by `ownerUnitId` (a unit of the viewer's
 * subtree; by default their scope unit), whose version 1 is the latest
 * version of `sourceId` (any set the viewer may see: a ward copies the
 * province's set to adapt it); audited as 'question_set.create'. Null when
 * the source is not visible or has no version, or the owner is outside the
 * viewer's subtree.
 */
export function copyQuestionSet(
  db: Db,
  { viewer, sourceId, name, ownerUnitId }: { viewer: Pick<Viewer, 'scopePath' | 'scopeUnitId' | 'userId'>; sourceId: number; name: string; ownerUnitId?: number | null },
) {
  return db.transaction((tx) => {
    if (!getVisibleSet(tx, { viewer, questionSetId: sourceId })) return null;
    const source = getQuestionSetVersionByNumber(tx as unknown as Db, { questionSetId: sourceId });
    if (!source) return null;
    // A chosen owner must lie in the viewer's subtree (a ward cannot make a set for the province or a neighbour).
    const owner = ownerUnitId == null ? viewer.scopeUnitId : tx.select({ id: units.id }).from(units).where(and(eq(units.id, ownerUnitId), inSubtree(viewer.scopePath))).get()?.id;
    if (owner === undefined) return null;
    const set = tx.insert(questionSets).values({ name, isDefault: false, ownerUnitId: owner }).returning({ id: questionSets.id }).all()[0]!;
    tx.insert(questionSetVersions).values({ questionSetId: set.id, version: 1, definition: source.definition }).run();
    createAuditEntry(tx, {
      actorId: viewer.userId,
      action: 'question_set.create',
      entityType: 'question_set',
      entityId: set.id,
      after: { name, copiedFromSetId: sourceId, copiedFromVersion: source.version, ...summary(1, source.definition) },
    });
    return { id: set.id };
  });
}

/**
 * The sets an administrator may assign to a unit of their subtree: those
 * owned by the unit or a unit above it, that the viewer may see. Empty when
 * the unit is outside the viewer's subtree.
 */
export function listAssignableQuestionSets(db: Db, { viewer, unitPath }: { viewer: ScopeViewer; unitPath: string }) {
  return db
    .select(setFields)
    .from(questionSets)
    .leftJoin(owners, eq(owners.id, questionSets.ownerUnitId))
    .orderBy(desc(questionSets.isDefault), asc(questionSets.name), asc(questionSets.id))
    .all()
    .filter((s) => canAssignQuestionSet(viewer, { unitPath, ownerPath: s.ownerPath }))
    .map(({ id, name, isDefault, ownerName }) => ({ id, name, isDefault, ownerName }));
}

/**
 * The question set part of a unit's admin page: the set the unit chose (if
 * any), the set its surveys use now and the unit it comes from (null: the
 * default set), and the sets the viewer may assign to it. Null outside the
 * viewer's subtree.
 */
export function getUnitQuestionSetChoice(db: Db, { viewer, unitId }: { viewer: ScopeViewer; unitId: number }) {
  const unit = db
    .select({ id: units.id, path: units.path, questionSetId: units.questionSetId })
    .from(units)
    .where(and(eq(units.id, unitId), inSubtree(viewer.scopePath)))
    .get();
  if (!unit) return null;
  const ancestorIds = unit.path.split('/').filter(Boolean).map(Number);
  const chooser = db
    .select({ unitId: units.id, unitName: units.name, setId: questionSets.id, setName: questionSets.name })
    .from(units)
    .innerJoin(questionSets, eq(questionSets.id, units.questionSetId))
    .where(inArray(units.id, ancestorIds))
    .orderBy(desc(sql`length(${units.path})`))
    .limit(1)
    .get();
  const fallback = chooser
    ? null
    : db.select({ setId: questionSets.id, setName: questionSets.name }).from(questionSets).where(eq(questionSets.isDefault, true)).orderBy(asc(questionSets.id)).limit(1).get();
  const inUse = chooser
    ? { id: chooser.setId, name: chooser.setName, fromUnitId: chooser.unitId, fromUnitName: chooser.unitName }
    : fallback
      ? { id: fallback.setId, name: fallback.setName, fromUnitId: null, fromUnitName: null }
      : null;
  return { questionSetId: unit.questionSetId, inUse, options: listAssignableQuestionSets(db, { viewer, unitPath: unit.path }) };
}

/**
 * Makes a set the default of the whole tree (the set of every unit that
 * neither chose one nor inherits one): the root's administrators only, as
 * lib/auth/question-set-scope.ts says; audited as 'question_set.set_default'.
 */
export function setDefaultQuestionSet(
  db: Db,
  { viewer, questionSetId }: { viewer: Pick<Viewer, 'scopePath' | 'userId'>; questionSetId: number },
): 'done' | 'not_found' | 'forbidden' {
  return db.transaction((tx) => {
    const set = getVisibleSet(tx, { viewer, questionSetId });
    if (!set) return 'not_found';
    if (!set.canMakeDefault) return 'forbidden';
    if (set.isDefault) return 'done';
    const previous = tx.select({ id: questionSets.id }).from(questionSets).where(eq(questionSets.isDefault, true)).get();
    tx.update(questionSets).set({ isDefault: false }).where(eq(questionSets.isDefault, true)).run();
    tx.update(questionSets).set({ isDefault: true }).where(eq(questionSets.id, questionSetId)).run();
    createAuditEntry(tx, {
      actorId: viewer.userId,
      action: 'question_set.set_default',
      entityType: 'question_set',
      entityId: questionSetId,
      before: { isDefault: false, previousDefaultSetId: previous?.id ?? null },
      after: { isDefault: true },
    });
    return 'done';
  });
}

export type AssignResult = { status: 'assigned' } | { status: 'not_found' } | { status: 'forbidden' };

/**
 * Makes a unit use a set (its offices below inherit it unless they choose
 * their own), or inherit again when `questionSetId` is null; audited as
 * 'unit.assign_question_set'. Outside the viewer's subtree: not_found; a set
 * the unit may not use (owned below it or by a neighbour): forbidden.
 */
export function assignQuestionSet(
  db: Db,
  { viewer, unitId, questionSetId }: { viewer: Pick<Viewer, 'scopePath' | 'userId'>; unitId: number; questionSetId: number | null },
): AssignResult {
  return db.transaction((tx): AssignResult => {
    const unit = tx
      .select({ id: units.id, path: units.path, questionSetId: units.questionSetId })
      .from(units)
      .where(and(eq(units.id, unitId), inSubtree(viewer.scopePath)))
      .get();
    if (!unit) return { status: 'not_found' };
    if (questionSetId !== null) {
      const set = tx.select({ ownerPath: owners.path }).from(questionSets).leftJoin(owners, eq(owners.id, questionSets.ownerUnitId)).where(eq(questionSets.id, questionSetId)).get();
      if (!set || !canAssignQuestionSet(viewer, { unitPath: unit.path, ownerPath: set.ownerPath })) return { status: 'forbidden' };
    }
    if (unit.questionSetId === questionSetId) return { status: 'assigned' };
    tx.update(units).set({ questionSetId }).where(eq(units.id, unit.id)).run();
    createAuditEntry(tx, {
      actorId: viewer.userId,
      action: 'unit.assign_question_set',
      entityType: 'unit',
      entityId: unit.id,
      before: { questionSetId: unit.questionSetId },
      after: { questionSetId },
    });
    return { status: 'assigned' };
  });
}
