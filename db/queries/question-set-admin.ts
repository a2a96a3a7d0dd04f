import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Viewer } from '@/lib/auth/roles';
import { QuestionSetDefinitionSchema, type QuestionSetDefinition } from '@/lib/survey/question-set';
import { questionSets, questionSetVersions, responses, units } from '../schema';
import { withConn } from '../store';
import { inSubtree } from './unit-tree';

/**
 * The statements of question-set administration (domain.md §4). A version is
 * never edited: saving writes version N+1, and every response keeps the
 * version it answered. Who may see, change, copy or assign a set is decided
 * by lib/auth/question-set-scope.ts in the use cases of
 * server/question-sets.ts, from the owner's path these functions return;
 * here only the viewer's subtree applies, as a condition on the rows.
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

export type QuestionSetWithOwner = Awaited<ReturnType<typeof listQuestionSetsWithOwners>>[number];

/** Every set with its owner's name and path, default first, then by name. */
export async function listQuestionSetsWithOwners() {
  return withConn(({ db }) =>
    db
      .select(setFields)
      .from(questionSets)
      .leftJoin(owners, eq(owners.id, questionSets.ownerUnitId))
      .orderBy(desc(questionSets.isDefault), asc(questionSets.name), asc(questionSets.id)),
  );
}

/** One set with its owner's name and path, or null. */
export async function getQuestionSetWithOwner({ questionSetId }: { questionSetId: number }): Promise<QuestionSetWithOwner | null> {
  return withConn(async ({ db }) => {
    const [set] = await db.select(setFields).from(questionSets).leftJoin(owners, eq(owners.id, questionSets.ownerUnitId)).where(eq(questionSets.id, questionSetId)).limit(1);
    return set ?? null;
  });
}

export type VersionSummary = { id: number; version: number; createdAt: Date; responses: number };

/** The versions of each set, newest first, with the responses each got inside the viewer's subtree. */
export async function listVersionSummaries({ viewer, setIds }: { viewer: ScopeViewer; setIds: number[] }): Promise<Map<number, VersionSummary[]>> {
  const bySet = new Map<number, VersionSummary[]>();
  if (setIds.length === 0) return bySet;
  const rows = await withConn(({ db }) => {
    const counts = db
      .select({ versionId: responses.questionSetVersionId, n: count().as('n') })
      .from(responses)
      .innerJoin(units, eq(units.id, responses.unitId))
      .where(inSubtree(viewer.scopePath))
      .groupBy(responses.questionSetVersionId)
      .as('counts');
    return db
      .select({
        id: questionSetVersions.id,
        questionSetId: questionSetVersions.questionSetId,
        version: questionSetVersions.version,
        createdAt: questionSetVersions.createdAt,
        responses: sql<number>`coalesce(${counts.n}, 0)`.mapWith(Number),
      })
      .from(questionSetVersions)
      .leftJoin(counts, eq(counts.versionId, questionSetVersions.id))
      .where(inArray(questionSetVersions.questionSetId, setIds))
      .orderBy(desc(questionSetVersions.version));
  });
  for (const { questionSetId, ...v } of rows) {
    const list = bySet.get(questionSetId) ?? [];
    list.push(v);
    bySet.set(questionSetId, list);
  }
  return bySet;
}

export type StoredVersion = { id: number; questionSetId: number; version: number; createdAt: Date; definition: QuestionSetDefinition };

/** Version `version` of a set (or its latest when `version` is omitted), validated; null when there is none. */
export async function getQuestionSetVersionByNumber({ questionSetId, version }: { questionSetId: number; version?: number }): Promise<StoredVersion | null> {
  const [row] = await withConn(({ db }) =>
    db
      .select()
      .from(questionSetVersions)
      .where(
        version === undefined
          ? eq(questionSetVersions.questionSetId, questionSetId)
          : and(eq(questionSetVersions.questionSetId, questionSetId), eq(questionSetVersions.version, version)),
      )
      .orderBy(desc(questionSetVersions.version))
      .limit(1),
  );
  if (!row) return null;
  return { ...row, definition: QuestionSetDefinitionSchema.parse(row.definition) };
}

/** Every version of a set, oldest first, with definitions (the editor lists questions removed in earlier versions). */
export async function listQuestionSetVersions({ questionSetId }: { questionSetId: number }): Promise<{ version: number; definition: QuestionSetDefinition }[]> {
  const rows = await withConn(({ db }) =>
    db
      .select({ version: questionSetVersions.version, definition: questionSetVersions.definition })
      .from(questionSetVersions)
      .where(eq(questionSetVersions.questionSetId, questionSetId))
      .orderBy(asc(questionSetVersions.version)),
  );
  return rows.map((r) => ({ version: r.version, definition: QuestionSetDefinitionSchema.parse(r.definition) }));
}

/** Writes one version of a set (the caller decided its number); its id. */
export async function insertQuestionSetVersion(input: { questionSetId: number; version: number; definition: QuestionSetDefinition }): Promise<number> {
  const definition = QuestionSetDefinitionSchema.parse(input.definition);
  return withConn(async ({ db }) => {
    const [row] = await db.insert(questionSetVersions).values({ ...input, definition }).returning({ id: questionSetVersions.id });
    return row!.id;
  });
}

/** A new, non-default set owned by `ownerUnitId`, with `definition` as its version 1; its id. */
export async function insertOwnedQuestionSet({ name, ownerUnitId, definition }: { name: string; ownerUnitId: number; definition: QuestionSetDefinition }): Promise<number> {
  return withConn(async ({ db }) => {
    const [set] = await db.insert(questionSets).values({ name, isDefault: false, ownerUnitId }).returning({ id: questionSets.id });
    await db.insert(questionSetVersions).values({ questionSetId: set!.id, version: 1, definition });
    return set!.id;
  });
}

/** A unit of the viewer's subtree with the set it chose (null: it inherits), or null outside the subtree. */
export async function getUnitQuestionSetInScope({ viewer, unitId }: { viewer: ScopeViewer; unitId: number }) {
  return withConn(async ({ db }) => {
    const [unit] = await db
      .select({ id: units.id, path: units.path, questionSetId: units.questionSetId })
      .from(units)
      .where(and(eq(units.id, unitId), inSubtree(viewer.scopePath)))
      .limit(1);
    return unit ?? null;
  });
}

/**
 * The set a unit's surveys use now and the unit it comes from: the set chosen
 * by the unit or its nearest ancestor, else the default set (fromUnit null);
 * null when there is none.
 */
export async function getQuestionSetInUse({ unitPath }: { unitPath: string }) {
  return withConn(async ({ db }) => {
    const ancestorIds = unitPath.split('/').filter(Boolean).map(Number);
    const [chooser] = await db
      .select({ unitId: units.id, unitName: units.name, setId: questionSets.id, setName: questionSets.name })
      .from(units)
      .innerJoin(questionSets, eq(questionSets.id, units.questionSetId))
      .where(inArray(units.id, ancestorIds))
      .orderBy(desc(sql`length(${units.path})`))
      .limit(1);
    if (chooser) return { id: chooser.setId, name: chooser.setName, fromUnitId: chooser.unitId as number | null, fromUnitName: chooser.unitName as string | null };
    const [fallback] = await db
      .select({ setId: questionSets.id, setName: questionSets.name })
      .from(questionSets)
      .where(eq(questionSets.isDefault, true))
      .orderBy(asc(questionSets.id))
      .limit(1);
    return fallback ? { id: fallback.setId, name: fallback.setName, fromUnitId: null, fromUnitName: null } : null;
  });
}

/** Makes `questionSetId` the only default set; the id of the one it replaces (null: none). */
export async function replaceDefaultQuestionSet({ questionSetId }: { questionSetId: number }): Promise<number | null> {
  return withConn(async ({ db }) => {
    const [previous] = await db.select({ id: questionSets.id }).from(questionSets).where(eq(questionSets.isDefault, true)).orderBy(asc(questionSets.id)).limit(1);
    await db.update(questionSets).set({ isDefault: false }).where(eq(questionSets.isDefault, true));
    await db.update(questionSets).set({ isDefault: true }).where(eq(questionSets.id, questionSetId));
    return previous?.id ?? null;
  });
}

/** Sets the set a unit chose (null: inherit again). */
export async function updateUnitQuestionSet({ unitId, questionSetId }: { unitId: number; questionSetId: number | null }) {
  await withConn(({ db }) => db.update(units).set({ questionSetId }).where(eq(units.id, unitId)));
}

/** The units of the viewer's subtree that chose a set themselves (those below them inherit it), in path order. */
export async function listUnitsChoosingQuestionSet({ viewer, questionSetId }: { viewer: ScopeViewer; questionSetId: number }) {
  return withConn(({ db }) =>
    db
      .select({ id: units.id, name: units.name, path: units.path, active: units.active })
      .from(units)
      .where(and(eq(units.questionSetId, questionSetId), inSubtree(viewer.scopePath)))
      .orderBy(asc(units.path)),
  );
}
