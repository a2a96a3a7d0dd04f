import { and, desc, eq, inArray } from 'drizzle-orm';
import { QuestionSetDefinitionSchema, type QuestionSetDefinition } from '@/lib/survey/question-set';
import type { Db } from '../client';
import { questionSets, questionSetVersions, units } from '../schema';

export type QuestionSetVersion = { id: number; questionSetId: number; version: number; definition: QuestionSetDefinition };

/** Creates a set with its first version. */
export function createQuestionSet(db: Db, input: { name: string; isDefault: boolean; definition: QuestionSetDefinition }) {
  const definition = QuestionSetDefinitionSchema.parse(input.definition);
  return db.transaction((tx) => {
    const set = tx.insert(questionSets).values({ name: input.name, isDefault: input.isDefault }).returning().all()[0]!;
    const version = tx
      .insert(questionSetVersions)
      .values({ questionSetId: set.id, version: 1, definition })
      .returning()
      .all()[0]!;
    return { set, version };
  });
}

/**
 * The version a unit's survey shows now: the latest version of the set chosen
 * by the unit or its nearest ancestor, else of the default set.
 */
export function getActiveQuestionSetVersion(db: Db, { unitPath }: { unitPath: string }): QuestionSetVersion | null {
  const ancestorIds = unitPath.split('/').filter(Boolean).map(Number);
  const chosen = db
    .select({ path: units.path, questionSetId: units.questionSetId })
    .from(units)
    .where(inArray(units.id, ancestorIds))
    .all()
    .filter((u) => u.questionSetId != null)
    .sort((a, b) => b.path.length - a.path.length)[0];
  const setId =
    chosen?.questionSetId ??
    db.select({ id: questionSets.id }).from(questionSets).where(eq(questionSets.isDefault, true)).get()?.id;
  if (setId == null) return null;
  const row = db
    .select()
    .from(questionSetVersions)
    .where(and(eq(questionSetVersions.questionSetId, setId)))
    .orderBy(desc(questionSetVersions.version))
    .limit(1)
    .get();
  if (!row) return null;
  return { id: row.id, questionSetId: row.questionSetId, version: row.version, definition: QuestionSetDefinitionSchema.parse(row.definition) };
}
