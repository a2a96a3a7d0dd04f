import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Viewer } from '@/lib/auth/roles';
import { QuestionSetDefinitionSchema, type QuestionSetDefinition } from '@/lib/survey/question-set';
import type { Db } from '../client';
import { questionSets, questionSetVersions, responses, units } from '../schema';
import { createAuditEntry } from './audit';
import { inSubtree } from './unit-tree';

/**
 * Administration of question sets (domain.md §4). A version is never edited:
 * saving writes version N+1, and every response keeps the version it answered.
 * Response counts are limited to the viewer's subtree of units.
 */

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

/** Every set, default first, each with its versions newest first and the responses per version in the viewer's scope. */
export function listQuestionSetsForAdmin(db: Db, { viewer }: { viewer: Pick<Viewer, 'scopePath'> }) {
  const sets = db
    .select({ id: questionSets.id, name: questionSets.name, isDefault: questionSets.isDefault, createdAt: questionSets.createdAt })
    .from(questionSets)
    .orderBy(desc(questionSets.isDefault), asc(questionSets.name), asc(questionSets.id))
    .all();
  const versions = versionSummaries(db, { viewer, setIds: sets.map((s) => s.id) });
  return sets.map((s) => {
    const list = versions.get(s.id) ?? [];
    return { ...s, latestVersion: list[0]?.version ?? null, versions: list };
  });
}

/** One set with its versions (newest first), or null. */
export function getQuestionSetForAdmin(db: Db, { viewer, questionSetId }: { viewer: Pick<Viewer, 'scopePath'>; questionSetId: number }) {
  const set = db
    .select({ id: questionSets.id, name: questionSets.name, isDefault: questionSets.isDefault, createdAt: questionSets.createdAt })
    .from(questionSets)
    .where(eq(questionSets.id, questionSetId))
    .get();
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
  input: { questionSetId: number; baseVersion: number; definition: QuestionSetDefinition; actorId: number },
): NewVersionResult {
  const definition = QuestionSetDefinitionSchema.parse(input.definition);
  return db.transaction((tx): NewVersionResult => {
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
      actorId: input.actorId,
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
 * A new, non-default set whose version 1 is the latest version of `sourceId`;
 * audited as 'question_set.create'. Null when the source has no version.
 */
export function copyQuestionSet(db: Db, { sourceId, name, actorId }: { sourceId: number; name: string; actorId: number }) {
  return db.transaction((tx) => {
    const source = getQuestionSetVersionByNumber(tx as unknown as Db, { questionSetId: sourceId });
    if (!source) return null;
    const set = tx.insert(questionSets).values({ name, isDefault: false }).returning({ id: questionSets.id }).all()[0]!;
    tx.insert(questionSetVersions).values({ questionSetId: set.id, version: 1, definition: source.definition }).run();
    createAuditEntry(tx, {
      actorId,
      action: 'question_set.create',
      entityType: 'question_set',
      entityId: set.id,
      after: { name, copiedFromSetId: sourceId, copiedFromVersion: source.version, ...summary(1, source.definition) },
    });
    return { id: set.id };
  });
}
