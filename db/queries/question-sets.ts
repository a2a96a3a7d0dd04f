import { QuestionSetDefinitionSchema, type QuestionSetDefinition } from '@/lib/survey/question-set';
import type { Db } from '../client';
import { questionSets, questionSetVersions } from '../schema';
import { deepFreeze, perConnection } from './survey-cache';

export type QuestionSetVersion = { id: number; questionSetId: number; version: number; definition: QuestionSetDefinition };

/** Creates a set with its first version; without an owner it belongs to the root (lib/auth/question-set-scope.ts). */
export function createQuestionSet(db: Db, input: { name: string; isDefault: boolean; definition: QuestionSetDefinition; ownerUnitId?: number | null }) {
  const definition = QuestionSetDefinitionSchema.parse(input.definition);
  return db.transaction((tx) => {
    const set = tx.insert(questionSets).values({ name: input.name, isDefault: input.isDefault, ownerUnitId: input.ownerUnitId ?? null }).returning().all()[0]!;
    const version = tx
      .insert(questionSetVersions)
      .values({ questionSetId: set.id, version: 1, definition })
      .returning()
      .all()[0]!;
    return { set, version };
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
        where a.id in (select value from json_each('[' || replace(trim(${unitPath}, '/'), '/', ',') || ']'))
          and a.question_set_id is not null
        order by length(a.path) desc limit 1),
      (select s.id from question_sets s where s.is_default = 1 order by s.id limit 1))
    order by v.version desc limit 1)`;
}

const statements = perConnection((sqlite) => ({
  activeVersionId: sqlite.prepare<[string], { id: number | null }>(`select ${activeVersionIdSql('?')} as id`),
  versionById: sqlite.prepare<[number], { id: number; questionSetId: number; version: number; definition: string }>(
    'select id, question_set_id as questionSetId, version, definition from question_set_versions where id = ?',
  ),
}));

// Versions are immutable (editing a set writes a new version; ids are never reused),
// so a parsed version can be kept for the life of the connection, even with several app servers.
const parsedVersions = perConnection(() => new Map<number, QuestionSetVersion>());

/**
 * The id of the version a unit's survey shows now: the latest version of the
 * set chosen by the unit or its nearest ancestor, else of the default set.
 * Always read from the database: which version is active can change.
 */
export function getActiveQuestionSetVersionId(db: Db, { unitPath }: { unitPath: string }): number | null {
  return statements(db).activeVersionId.get(unitPath)!.id;
}

/** One version with its validated definition; the result is shared and frozen. */
export function getQuestionSetVersion(db: Db, { id }: { id: number }): QuestionSetVersion | null {
  const cache = parsedVersions(db);
  const cached = cache.get(id);
  if (cached) return cached;
  const row = statements(db).versionById.get(id);
  if (!row) return null;
  const version = deepFreeze({ ...row, definition: QuestionSetDefinitionSchema.parse(JSON.parse(row.definition)) });
  cache.set(id, version);
  return version;
}

/**
 * The version a unit's survey shows now: the latest version of the set chosen
 * by the unit or its nearest ancestor, else of the default set.
 */
export function getActiveQuestionSetVersion(db: Db, { unitPath }: { unitPath: string }): QuestionSetVersion | null {
  const id = getActiveQuestionSetVersionId(db, { unitPath });
  return id == null ? null : getQuestionSetVersion(db, { id });
}
