import { eq } from 'drizzle-orm';
import { newCode } from './ids';
import { counters, units } from './schema';
import { withConn } from './store';

/**
 * Units and counters for the ratings group's tests on the async store
 * (db/testing.ts openTestStore), inserted directly: these tests are about
 * ratings, not about how units are administered (db/queries/units.ts).
 */
export async function addTestUnit(input: { parentId: number | null; kind?: string; name: string; rateable?: boolean }): Promise<{ id: number; path: string; code: string | null }> {
  return withConn(async ({ db }) => {
    const [parent] = input.parentId == null ? [] : await db.select({ path: units.path }).from(units).where(eq(units.id, input.parentId));
    const code = input.rateable === false ? null : newCode(6);
    const [row] = await db
      .insert(units)
      .values({ parentId: input.parentId, path: '/', kind: input.kind ?? 'office', name: input.name, searchName: input.name.toLowerCase(), address: null, code, sortOrder: 0 })
      .returning({ id: units.id });
    const path = `${parent?.path ?? '/'}${row!.id}/`;
    await db.update(units).set({ path }).where(eq(units.id, row!.id));
    return { id: row!.id, path, code };
  });
}

export async function addTestCounter(input: { unitId: number; name: string }): Promise<{ id: number; code: string }> {
  const code = newCode(6);
  const [row] = await withConn(({ db }) => db.insert(counters).values({ unitId: input.unitId, name: input.name, sortOrder: 0, code }).returning({ id: counters.id }));
  return { id: row!.id, code };
}
