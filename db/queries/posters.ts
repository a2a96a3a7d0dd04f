import { and, asc, eq } from 'drizzle-orm';
import { sortInTreeOrder } from '@/lib/unit-tree';
import type { Db } from '../client';
import { getSurveyTarget } from './units';
import { inSubtree, treeNodeFields } from './unit-tree';
import { counters, units } from '../schema';

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
export function getPosterTarget(db: Db, { code }: { code: string }): PosterTarget | null {
  const target = getSurveyTarget(db, { code });
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
export function listPosterTargets(
  db: Db,
  { unitId }: { unitId: number },
): { unit: { id: number; name: string }; targets: PosterTarget[] } | null {
  const unit = db
    .select({ id: units.id, name: units.name, path: units.path, parentId: units.parentId })
    .from(units)
    .where(eq(units.id, unitId))
    .get();
  if (!unit) return null;

  const subtree = db
    .select(treeNodeFields)
    .from(units)
    .where(inSubtree(unit.path))
    .all();
  const counterRows = db
    .select({ id: counters.id, unitId: counters.unitId, code: counters.code, name: counters.name })
    .from(counters)
    .innerJoin(units, eq(units.id, counters.unitId))
    .where(and(inSubtree(unit.path), eq(counters.active, true)))
    .orderBy(asc(counters.sortOrder), asc(counters.name), asc(counters.id))
    .all();
  const countersByUnit = new Map<number, typeof counterRows>();
  for (const c of counterRows) countersByUnit.set(c.unitId, [...(countersByUnit.get(c.unitId) ?? []), c]);

  const names = new Map(subtree.map((u) => [u.id, u.name]));
  // The unit's own parent lies outside the subtree.
  const rootParentName =
    unit.parentId == null ? null : (db.select({ name: units.name }).from(units).where(eq(units.id, unit.parentId)).get()?.name ?? null);

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
}
