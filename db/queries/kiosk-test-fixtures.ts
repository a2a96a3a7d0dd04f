import { SURVEY_CODE_LENGTH } from '@/lib/codes';
import type { QuestionSetDefinition } from '@/lib/survey/question-set';
import { newCode } from '../ids';
import { questionSets, questionSetVersions } from '../schema';
import type { TestStore } from '../testing';
import { addCounter as addSharedCounter, addUnit as addSharedUnit, type UnitRef } from '../testing-reading';

/**
 * The few rows the kiosk tests need, written straight into a test store on
 * either engine (units, counters, a question set), without going through
 * other modules' functions.
 */

export type { UnitRef };

/** The shared fixture (db/testing-reading.ts) with the survey codes of real offices and counters. */
export function addUnit(_t: TestStore, { parent, kind, name, rateable }: { parent: UnitRef | null; kind: string; name: string; rateable: boolean }): Promise<UnitRef> {
  return addSharedUnit(parent, kind, name, { code: rateable ? newCode(SURVEY_CODE_LENGTH) : null });
}

export function addCounter(_t: TestStore, { unitId, name }: { unitId: number; name: string }): Promise<number> {
  return addSharedCounter(unitId, name, { code: newCode(SURVEY_CODE_LENGTH) });
}

/** A default question set with one version; its version id. */
export async function addDefaultQuestionSet(t: TestStore, definition: QuestionSetDefinition): Promise<number> {
  const [set] = await t.conn.db.insert(questionSets).values({ name: 'Mặc định', isDefault: true }).returning({ id: questionSets.id });
  const [version] = await t.conn.db.insert(questionSetVersions).values({ questionSetId: set!.id, version: 1, definition }).returning({ id: questionSetVersions.id });
  return version!.id;
}
