import { createAuditEntry } from '@/db/queries/audit';
import {
  getQuestionSetInUse,
  getQuestionSetVersionByNumber,
  getQuestionSetWithOwner,
  getUnitQuestionSetInScope,
  insertOwnedQuestionSet,
  insertQuestionSetVersion,
  listQuestionSetsWithOwners,
  listQuestionSetVersions,
  listUnitsChoosingQuestionSet,
  listVersionSummaries,
  replaceDefaultQuestionSet,
  updateUnitQuestionSet,
  type QuestionSetWithOwner,
} from '@/db/queries/question-set-admin';
import { getUnitInScope, listUnitsInScope } from '@/db/queries/unit-tree';
import { transaction } from '@/db/store';
import { canAssignQuestionSet, canChangeQuestionSet, canMakeQuestionSetDefault, canViewQuestionSet } from '@/lib/auth/question-set-scope';
import type { Viewer } from '@/lib/auth/roles';
import { unitTreeRows } from '@/lib/unit-tree';
import { QuestionSetDefinitionSchema, type QuestionSetDefinition } from '@/lib/survey/question-set';

export { getQuestionSetVersionByNumber, listQuestionSetVersions };
export type { StoredVersion, VersionSummary } from '@/db/queries/question-set-admin';

/**
 * Question-set administration as it happens (domain.md §4): each use case
 * reads the set and its owner from db/, asks lib/auth/question-set-scope.ts
 * whether the viewer may see, change, copy, assign or make it the default,
 * and writes with its audit entry in one transaction.
 *
 * Concurrency (PostgreSQL, several servers): a new version is numbered from
 * the latest one under the set's lock (`question-set:<id>`), so of two
 * editors saving the same base version one gets 'stale' (the unique index on
 * (set, version) is the backstop); the default is changed under one lock
 * (`question-sets:default`), so two changes at once never leave two default
 * sets or none; an assignment takes the unit's lock (`unit:<id>`), so its
 * audit entry's "before" is what the other left.
 */

type ScopeViewer = Pick<Viewer, 'scopePath'>;

function withRights<T extends { ownerPath: string | null }>(viewer: ScopeViewer, set: T) {
  return { ...set, canChange: canChangeQuestionSet(viewer, set.ownerPath), canMakeDefault: canMakeQuestionSetDefault(viewer, set.ownerPath) };
}

/** The set if the viewer may see it (owned in their subtree or above them), with what they may do; else null. */
async function getVisibleSet(viewer: ScopeViewer, questionSetId: number) {
  const set = await getQuestionSetWithOwner({ questionSetId });
  return set && canViewQuestionSet(viewer, set.ownerPath) ? withRights(viewer, set) : null;
}

/**
 * The sets the viewer may see (owned in their subtree or above them, never a
 * neighbour's), default first, each with its versions newest first, the
 * responses per version in the viewer's scope, and what the viewer may do.
 */
export async function listQuestionSetsForAdmin({ viewer }: { viewer: ScopeViewer }) {
  return transaction(
    async () => {
      const sets = (await listQuestionSetsWithOwners()).filter((s) => canViewQuestionSet(viewer, s.ownerPath));
      const versions = await listVersionSummaries({ viewer, setIds: sets.map((s) => s.id) });
      return sets.map((s) => {
        const list = versions.get(s.id) ?? [];
        return { ...withRights(viewer, s), latestVersion: list[0]?.version ?? null, versions: list };
      });
    },
    { mode: 'read' },
  );
}

/** One set the viewer may see, with its versions (newest first); null otherwise (callers answer 404). */
export async function getQuestionSetForAdmin({ viewer, questionSetId }: { viewer: ScopeViewer; questionSetId: number }) {
  return transaction(
    async () => {
      const set = await getVisibleSet(viewer, questionSetId);
      if (!set) return null;
      const versions = (await listVersionSummaries({ viewer, setIds: [set.id] })).get(set.id) ?? [];
      return { ...set, latestVersion: versions[0]?.version ?? null, versions };
    },
    { mode: 'read' },
  );
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
export async function createQuestionSetVersion(input: {
  viewer: Pick<Viewer, 'scopePath' | 'userId'>;
  questionSetId: number;
  baseVersion: number;
  definition: QuestionSetDefinition;
}): Promise<NewVersionResult> {
  const definition = QuestionSetDefinitionSchema.parse(input.definition);
  return transaction(async (c): Promise<NewVersionResult> => {
    await c.lock(`question-set:${input.questionSetId}`);
    const set = await getVisibleSet(input.viewer, input.questionSetId);
    if (!set) return { status: 'not_found' };
    if (!set.canChange) return { status: 'forbidden' };
    const latest = await getQuestionSetVersionByNumber({ questionSetId: input.questionSetId });
    if (!latest) return { status: 'not_found' };
    if (latest.version !== input.baseVersion) return { status: 'stale', latestVersion: latest.version };
    const version = latest.version + 1;
    const id = await insertQuestionSetVersion({ questionSetId: input.questionSetId, version, definition });
    await createAuditEntry({
      actorId: input.viewer.userId,
      action: 'question_set.new_version',
      entityType: 'question_set',
      entityId: input.questionSetId,
      before: summary(latest.version, latest.definition),
      after: summary(version, definition),
    });
    return { status: 'created', id, version };
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
export async function copyQuestionSet({
  viewer,
  sourceId,
  name,
  ownerUnitId,
}: {
  viewer: Pick<Viewer, 'scopePath' | 'scopeUnitId' | 'userId'>;
  sourceId: number;
  name: string;
  ownerUnitId?: number | null;
}) {
  return transaction(async () => {
    if (!(await getVisibleSet(viewer, sourceId))) return null;
    const source = await getQuestionSetVersionByNumber({ questionSetId: sourceId });
    if (!source) return null;
    // A chosen owner must lie in the viewer's subtree (a ward cannot make a set for the province or a neighbour).
    const owner = ownerUnitId == null ? viewer.scopeUnitId : (await getUnitInScope({ viewer, unitId: ownerUnitId }))?.id;
    if (owner === undefined) return null;
    const id = await insertOwnedQuestionSet({ name, ownerUnitId: owner, definition: source.definition });
    await createAuditEntry({
      actorId: viewer.userId,
      action: 'question_set.create',
      entityType: 'question_set',
      entityId: id,
      after: { name, copiedFromSetId: sourceId, copiedFromVersion: source.version, ...summary(1, source.definition) },
    });
    return { id };
  });
}

function assignable(viewer: ScopeViewer, unitPath: string, sets: QuestionSetWithOwner[]) {
  return sets.filter((s) => canAssignQuestionSet(viewer, { unitPath, ownerPath: s.ownerPath })).map(({ id, name, isDefault, ownerName }) => ({ id, name, isDefault, ownerName }));
}

/**
 * The sets an administrator may assign to a unit of their subtree: those
 * owned by the unit or a unit above it, that the viewer may see. Empty when
 * the unit is outside the viewer's subtree.
 */
export async function listAssignableQuestionSets({ viewer, unitPath }: { viewer: ScopeViewer; unitPath: string }) {
  return assignable(viewer, unitPath, await listQuestionSetsWithOwners());
}

/**
 * The question set part of a unit's admin page: the set the unit chose (if
 * any), the set its surveys use now and the unit it comes from (null: the
 * default set), and the sets the viewer may assign to it. Null outside the
 * viewer's subtree.
 */
export async function getUnitQuestionSetChoice({ viewer, unitId }: { viewer: ScopeViewer; unitId: number }) {
  return transaction(
    async () => {
      const unit = await getUnitQuestionSetInScope({ viewer, unitId });
      if (!unit) return null;
      const inUse = await getQuestionSetInUse({ unitPath: unit.path });
      return { questionSetId: unit.questionSetId, inUse, options: assignable(viewer, unit.path, await listQuestionSetsWithOwners()) };
    },
    { mode: 'read' },
  );
}

/**
 * Where a set is used, for its admin page: the units of the viewer's subtree
 * that chose it (the units below each inherit it unless they chose another),
 * and the unit tree to assign it from, where only the units that may use it
 * (lib/auth/question-set-scope.ts `canAssignQuestionSet`) can be picked.
 * Null when the viewer may not see the set.
 */
export async function getQuestionSetAssignments({ viewer, questionSetId }: { viewer: ScopeViewer; questionSetId: number }) {
  return transaction(
    async () => {
      const set = await getVisibleSet(viewer, questionSetId);
      if (!set) return null;
      const chosenBy = await listUnitsChoosingQuestionSet({ viewer, questionSetId });
      const tree = unitTreeRows(await listUnitsInScope({ viewer }), (u) => canAssignQuestionSet(viewer, { unitPath: u.path, ownerPath: set.ownerPath }));
      return { chosenBy, tree };
    },
    { mode: 'read' },
  );
}

/**
 * Makes a set the default of the whole tree (the set of every unit that
 * neither chose one nor inherits one): the root's administrators only, as
 * lib/auth/question-set-scope.ts says; audited as 'question_set.set_default'.
 */
export async function setDefaultQuestionSet({
  viewer,
  questionSetId,
}: {
  viewer: Pick<Viewer, 'scopePath' | 'userId'>;
  questionSetId: number;
}): Promise<'done' | 'not_found' | 'forbidden'> {
  return transaction(async (c) => {
    await c.lock('question-sets:default');
    const set = await getVisibleSet(viewer, questionSetId);
    if (!set) return 'not_found';
    if (!set.canMakeDefault) return 'forbidden';
    if (set.isDefault) return 'done';
    const previous = await replaceDefaultQuestionSet({ questionSetId });
    await createAuditEntry({
      actorId: viewer.userId,
      action: 'question_set.set_default',
      entityType: 'question_set',
      entityId: questionSetId,
      before: { isDefault: false, previousDefaultSetId: previous },
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
export async function assignQuestionSet({
  viewer,
  unitId,
  questionSetId,
}: {
  viewer: Pick<Viewer, 'scopePath' | 'userId'>;
  unitId: number;
  questionSetId: number | null;
}): Promise<AssignResult> {
  return transaction(async (c): Promise<AssignResult> => {
    await c.lock(`unit:${unitId}`);
    const unit = await getUnitQuestionSetInScope({ viewer, unitId });
    if (!unit) return { status: 'not_found' };
    if (questionSetId !== null) {
      const set = await getQuestionSetWithOwner({ questionSetId });
      if (!set || !canAssignQuestionSet(viewer, { unitPath: unit.path, ownerPath: set.ownerPath })) return { status: 'forbidden' };
    }
    if (unit.questionSetId === questionSetId) return { status: 'assigned' };
    await updateUnitQuestionSet({ unitId: unit.id, questionSetId });
    await createAuditEntry({
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
