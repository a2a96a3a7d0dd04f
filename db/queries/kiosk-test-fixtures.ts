import { eq } from 'drizzle-orm';
import { SURVEY_CODE_LENGTH } from '@/lib/codes';
import type { QuestionSetDefinition } from '@/lib/survey/question-set';
import { foldForSearch } from '@/lib/text';
import { newCode } from '../ids';
import { counters, questionSets, questionSetVersions, units } from '../schema';
import type { TestStore } from '../testing';

/**
 * The few rows the kiosk tests need, written straight into a test store on
 * either engine (units, counters, a question set), without going through
 * other modules' functions.
 */

export type UnitRef = { id: number; path: string };

export async function addUnit(t: TestStore, { parent, kind, name, rateable }: { parent: UnitRef | null; kind: string; name: string; rateable: boolean }): Promise<UnitRef> {
  const [row] = await t.conn.db
    .insert(units)
    .values({ parentId: parent?.id ?? null, path: '/', kind, name, searchName: foldForSearch(name), code: rateable ? newCode(SURVEY_CODE_LENGTH) : null })
    .returning({ id: units.id });
  const path = `${parent?.path ?? '/'}${row!.id}/`;
  await t.conn.db.update(units).set({ path }).where(eq(units.id, row!.id));
  return { id: row!.id, path };
}

export async function addCounter(t: TestStore, { unitId, name }: { unitId: number; name: string }): Promise<number> {
  const [row] = await t.conn.db.insert(counters).values({ unitId, name, code: newCode(SURVEY_CODE_LENGTH) }).returning({ id: counters.id });
  return row!.id;
}

/** A default question set with one version; its version id. */
export async function addDefaultQuestionSet(t: TestStore, definition: QuestionSetDefinition): Promise<number> {
  const [set] = await t.conn.db.insert(questionSets).values({ name: 'Mặc định', isDefault: true }).returning({ id: questionSets.id });
  const [version] = await t.conn.db.insert(questionSetVersions).values({ questionSetId: set!.id, version: 1, definition }).returning({ id: questionSetVersions.id });
  return version!.id;
}
