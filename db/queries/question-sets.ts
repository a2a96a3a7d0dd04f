import { QuestionSetDefinitionSchema, type QuestionSetDefinition } from '@/lib/survey/question-set';
import type { Db as LegacyDb } from '../client';
import { pathIds } from '../engine/dialect';
import { questionSets, questionSetVersions } from '../schema';
import { getStore, transaction, withConn, type Store } from '../store';
import { perConnection } from './survey-cache';

export type QuestionSetVersion = { id: number; questionSetId: number; version: number; definition: QuestionSetDefinition };

type NewQuestionSet = { name: string; isDefault: boolean; definition: QuestionSetDefinition; ownerUnitId?: number | null };

const isLegacyDb = (x: unknown): x is LegacyDb => typeof (x as { $client?: unknown } | null)?.$client === 'object' || typeof (x as { session?: unknown } | null)?.session === 'object';

/** Creates a set with its first version; without an owner it belongs to the root (lib/auth/question-set-scope.ts). */
export function createQuestionSet(input: NewQuestionSet): Promise<{ set: typeof questionSets.$inferSelect; version: typeof questionSetVersions.$inferSelect }>;
/** TRANSITIONAL (issue 12): the synchronous form for callers not yet on the async store; removed with db/client.ts. */
export function createQuestionSet(db: LegacyDb, input: NewQuestionSet): { set: typeof questionSets.$inferSelect; version: typeof questionSetVersions.$inferSelect };
export function createQuestionSet(a: LegacyDb | NewQuestionSet, b?: NewQuestionSet) {
  if (isLegacyDb(a)) {
    const input = b!;
    const definition = QuestionSetDefinitionSchema.parse(input.definition);
    return a.transaction((tx) => {
      const set = tx.insert(questionSets).values({ name: input.name, isDefault: input.isDefault, ownerUnitId: input.ownerUnitId ?? null }).returning().all()[0]!;
      const version = tx.insert(questionSetVersions).values({ questionSetId: set.id, version: 1, definition }).returning().all()[0]!;
      return { set, version };
    });
  }
  const input = a;
  const definition = QuestionSetDefinitionSchema.parse(input.definition);
  return transaction(async ({ db }) => {
    const [set] = await db.insert(questionSets).values({ name: input.name, isDefault: input.isDefault, ownerUnitId: input.ownerUnitId ?? null }).returning();
    const [version] = await db.insert(questionSetVersions).values({ questionSetId: set!.id, version: 1, definition }).returning();
    return { set: set!, version: version! };
  });
}

/**
 * SQL for the id of a unit's active version, as a scalar subquery over an SQL
 * expression for the unit's path: the set chosen by the unit or its nearest
 * ancestor (the longest path wins), else the default set; then that set's
 * latest version. The ancestors are the ids in the path ("/1/4/9/" → [1,4,9]).
 */
export function activeVersionIdSql(unitPath: string): string {
  return `(select v.id from question_set_versions v
    where v.question_set_id = coalesce(
      (select a.question_set_id from units a
        where a.id in (${pathIds(unitPath)})
          and a.question_set_id is not null
        order by length(a.path) desc limit 1),
      (select s.id from question_sets s where s.is_default = true order by s.id limit 1))
    order by v.version desc limit 1)`;
}

const ACTIVE_VERSION_ID_SQL = `select ${activeVersionIdSql('?')} as id`;
const VERSION_BY_ID_SQL = 'select id, question_set_id as "questionSetId", version, definition from question_set_versions where id = ?';
type VersionRow = { id: number; questionSetId: number; version: number; definition: string | QuestionSetDefinition };

// Versions are immutable (editing a set writes a new version; ids are never reused),
// so a parsed version is kept for the life of the store, even with several app servers.
// Per store, not per process: a test opens many databases whose ids coincide.
const parsedVersions = new WeakMap<Store, Map<number, QuestionSetVersion>>();

function parseVersion(row: VersionRow): QuestionSetVersion {
  const raw = typeof row.definition === 'string' ? JSON.parse(row.definition) : row.definition;
  return deepFreeze({ id: Number(row.id), questionSetId: Number(row.questionSetId), version: row.version, definition: QuestionSetDefinitionSchema.parse(raw) });
}

/**
 * The id of the version a unit's survey shows now: the latest version of the
 * set chosen by the unit or its nearest ancestor, else of the default set.
 * Always read from the database: which version is active can change.
 */
export function getActiveQuestionSetVersionId(input: { unitPath: string }): Promise<number | null>;
/** TRANSITIONAL (issue 12): the synchronous form; removed with db/client.ts. */
export function getActiveQuestionSetVersionId(db: LegacyDb, input: { unitPath: string }): number | null;
export function getActiveQuestionSetVersionId(a: LegacyDb | { unitPath: string }, b?: { unitPath: string }): Promise<number | null> | number | null {
  if (isLegacyDb(a)) return legacyStatements(a).activeVersionId.get(b!.unitPath)!.id;
  const { unitPath } = a;
  return withConn(async (c) => {
    const id = await c.value<number | null>(ACTIVE_VERSION_ID_SQL, [unitPath]);
    return id == null ? null : Number(id);
  });
}

/** One version with its validated definition; the result is shared and frozen. */
export function getQuestionSetVersion(input: { id: number }): Promise<QuestionSetVersion | null>;
/** TRANSITIONAL (issue 12): the synchronous form; removed with db/client.ts. */
export function getQuestionSetVersion(db: LegacyDb, input: { id: number }): QuestionSetVersion | null;
export function getQuestionSetVersion(a: LegacyDb | { id: number }, b?: { id: number }): Promise<QuestionSetVersion | null> | QuestionSetVersion | null {
  if (isLegacyDb(a)) {
    const cache = legacyParsed(a);
    const id = b!.id;
    const cached = cache.get(id);
    if (cached) return cached;
    const row = legacyStatements(a).versionById.get(id);
    if (!row) return null;
    const version = parseVersion(row);
    cache.set(id, version);
    return version;
  }
  const { id } = a;
  return (async () => {
    const store = await getStore();
    let cache = parsedVersions.get(store);
    if (!cache) parsedVersions.set(store, (cache = new Map()));
    const cached = cache.get(id);
    if (cached) return cached;
    const row = await withConn((c) => c.get<VersionRow>(VERSION_BY_ID_SQL, [id]));
    if (!row) return null;
    const version = parseVersion(row);
    cache.set(id, version);
    return version;
  })();
}

/**
 * The version a unit's survey shows now: the latest version of the set chosen
 * by the unit or its nearest ancestor, else of the default set.
 */
export function getActiveQuestionSetVersion(input: { unitPath: string }): Promise<QuestionSetVersion | null>;
/** TRANSITIONAL (issue 12): the synchronous form; removed with db/client.ts. */
export function getActiveQuestionSetVersion(db: LegacyDb, input: { unitPath: string }): QuestionSetVersion | null;
export function getActiveQuestionSetVersion(a: LegacyDb | { unitPath: string }, b?: { unitPath: string }): Promise<QuestionSetVersion | null> | QuestionSetVersion | null {
  if (isLegacyDb(a)) {
    const id = getActiveQuestionSetVersionId(a, b!);
    return id == null ? null : getQuestionSetVersion(a, { id });
  }
  return (async () => {
    const id = await getActiveQuestionSetVersionId(a);
    return id == null ? null : getQuestionSetVersion({ id });
  })();
}

/** Freezes a value read from the database before it is shared by every request. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

// TRANSITIONAL (issue 12): the synchronous statements of the legacy forms above.
const legacyStatements = perConnection((sqlite) => ({
  activeVersionId: sqlite.prepare<[string], { id: number | null }>(ACTIVE_VERSION_ID_SQL),
  versionById: sqlite.prepare<[number], VersionRow>(VERSION_BY_ID_SQL),
}));
const legacyParsed = perConnection(() => new Map<number, QuestionSetVersion>());
