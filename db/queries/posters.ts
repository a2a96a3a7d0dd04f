import { and, asc, eq } from 'drizzle-orm';
import { sortInTreeOrder } from '@/lib/unit-tree';
import { getSurveyTarget } from './units';
import { inSubtree, treeNodeFields } from './unit-tree';
import { counters, units } from '../schema';
import { transaction } from '../store';

/** What one printed poster shows. `counterName` is null for an office-wide code. */
export type PosterTarget = {
  code: string;
  unitId: number;
  officeName: string;
  /** The office's parent unit (e.g. the province or commune), null at the root. */
  parentName: string | null;
  counterId: number | null;
  counterName: string | null;
};

/**
 * Resolves a survey code to what its poster shows, by the survey's own rule
 * (`getSurveyTarget`): no poster is printed for a code the survey would refuse.
 */
export async function getPosterTarget({ code }: { code: string }): Promise<PosterTarget | null> {
  const target = await getSurveyTarget({ code });
  if (!target) return null;
  return {
    code,
    unitId: target.unit.id,
    officeName: target.unit.name,
    parentName: target.unit.parentName,
    counterId: target.counter?.id ?? null,
    counterName: target.counter?.name ?? null,
  };
}

/**
 * Every poster of a unit's subtree (the unit included), in tree order: each
 * active office, followed by its active counters. Null when the unit does not
 * exist. Not scoped by viewer yet; the caller restricts access.
 */
export async function listPosterTargets({ unitId }: { unitId: number }): Promise<{ unit: { id: number; name: string }; targets: PosterTarget[] } | null> {
  // One snapshot: a unit moved between the reads must not give a list of half its old and half its new subtree.
  return transaction(async ({ db }) => {
    const [unit] = await db
      .select({ id: units.id, name: units.name, path: units.path, parentId: units.parentId })
      .from(units)
      .where(eq(units.id, unitId))
      .limit(1);
    if (!unit) return null;

    const subtree = await db.select(treeNodeFields).from(units).where(inSubtree(unit.path));
    const counterRows = await db
      .select({ id: counters.id, unitId: counters.unitId, code: counters.code, name: counters.name })
      .from(counters)
      .innerJoin(units, eq(units.id, counters.unitId))
      .where(and(inSubtree(unit.path), eq(counters.active, true)))
      .orderBy(asc(counters.sortOrder), asc(counters.name), asc(counters.id));
    const countersByUnit = new Map<number, typeof counterRows>();
    for (const c of counterRows) countersByUnit.set(c.unitId, [...(countersByUnit.get(c.unitId) ?? []), c]);

    const names = new Map(subtree.map((u) => [u.id, u.name]));
    // The unit's own parent lies outside the subtree.
    const rootParentName =
      unit.parentId == null ? null : ((await db.select({ name: units.name }).from(units).where(eq(units.id, unit.parentId)).limit(1))[0]?.name ?? null);

    const targets: PosterTarget[] = [];
    // Counters are taken wherever the survey accepts them: under any active unit.
    for (const u of sortInTreeOrder(subtree)) {
      if (!u.active) continue;
      const parentName = u.id === unit.id ? rootParentName : u.parentId != null ? (names.get(u.parentId) ?? null) : null;
      const base = { unitId: u.id, officeName: u.name, parentName };
      if (u.code != null) targets.push({ code: u.code, ...base, counterId: null, counterName: null });
      for (const c of countersByUnit.get(u.id) ?? []) targets.push({ code: c.code, ...base, counterId: c.id, counterName: c.name });
    }
    return { unit: { id: unit.id, name: unit.name }, targets };
  }, { mode: 'read' });
}
