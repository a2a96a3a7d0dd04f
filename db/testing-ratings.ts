import { eq } from 'drizzle-orm';
import { newCode } from './ids';
import { units } from './schema';
import { withConn } from './store';
import { addCounter, addUnit } from './testing-reading';

/**
 * Units and counters for the ratings group's tests on the async store, by
 * parent id and with their survey codes returned, over the shared fixture
 * (db/testing-reading.ts): these tests are about ratings, not about how units
 * are administered (db/queries/units.ts).
 */
export async function addTestUnit(input: { parentId: number | null; kind?: string; name: string; rateable?: boolean }): Promise<{ id: number; path: string; code: string | null }> {
  const [parent] =
    input.parentId == null ? [] : await withConn(({ db }) => db.select({ id: units.id, path: units.path }).from(units).where(eq(units.id, input.parentId!)));
  const code = input.rateable === false ? null : newCode(6);
  const unit = await addUnit(parent ?? null, input.kind ?? 'office', input.name, { code });
  return { ...unit, code };
}

export async function addTestCounter(input: { unitId: number; name: string }): Promise<{ id: number; code: string }> {
  const code = newCode(6);
  return { id: await addCounter(input.unitId, input.name, { code }), code };
}
