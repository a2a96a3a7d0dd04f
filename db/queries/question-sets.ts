import { QuestionSetDefinitionSchema, type QuestionSetDefinition } from '@/lib/survey/question-set';
import { pathIds } from '../engine/dialect';
import { questionSets, questionSetVersions } from '../schema';
import { getStore, transaction, withConn, type Store } from '../store';

export type QuestionSetVersion = { id: number; questionSetId: number; version: number; definition: QuestionSetDefinition };

type NewQuestionSet = { name: string; isDefault: boolean; definition: QuestionSetDefinition; ownerUnitId?: number | null };

/** Creates a set with its first version; without an owner it belongs to the root (lib/auth/question-set-scope.ts). */
export async function createQuestionSet(input: NewQuestionSet) {
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

const VERSION_OWNER_SQL = `select s.is_default as "isDefault", o.path as "ownerPath" from question_set_versions v
  join question_sets s on s.id = v.question_set_id
  left join units o on o.id = s.owner_unit_id
  where v.id = ?`;

/**
 * Where a version's set belongs: whether it is the default and its owner's
 * path (null: the root's); null when no such version exists. For the rule
 * of lib/auth/question-set-scope.ts `canUnitUseQuestionSet`.
 */
export async function getQuestionSetVersionOwner({ id }: { id: number }): Promise<{ isDefault: boolean; ownerPath: string | null } | null> {
  const row = await withConn((c) => c.get<{ isDefault: number | boolean; ownerPath: string | null }>(VERSION_OWNER_SQL, [id]));
  return row ? { isDefault: Boolean(row.isDefault), ownerPath: row.ownerPath } : null;
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
export async function getActiveQuestionSetVersionId({ unitPath }: { unitPath: string }): Promise<number | null> {
  return withConn(async (c) => {
    const id = await c.value<number | null>(ACTIVE_VERSION_ID_SQL, [unitPath]);
    return id == null ? null : Number(id);
  });
}

/** One version with its validated definition; the result is shared and frozen. */
export async function getQuestionSetVersion({ id }: { id: number }): Promise<QuestionSetVersion | null> {
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
}

/**
 * The version a unit's survey shows now: the latest version of the set chosen
 * by the unit or its nearest ancestor, else of the default set.
 */
export async function getActiveQuestionSetVersion(input: { unitPath: string }): Promise<QuestionSetVersion | null> {
  const id = await getActiveQuestionSetVersionId(input);
  return id == null ? null : getQuestionSetVersion({ id });
}

/** Freezes a value read from the database before it is shared by every request. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
