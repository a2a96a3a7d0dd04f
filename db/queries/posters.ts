import { and, asc, eq, gte, lt } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../client';
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

const parents = alias(units, 'parents');

/**
 * Resolves a survey code to what its poster shows. Same rule as
 * `getSurveyTarget`: a disabled office or counter is null, like an unknown
 * code, so no poster is printed for a code the survey would refuse.
 */
export function getPosterTarget(db: Db, { code }: { code: string }): PosterTarget | null {
  const office = db
    .select({ unitId: units.id, officeName: units.name, parentName: parents.name })
    .from(units)
    .leftJoin(parents, eq(parents.id, units.parentId))
    .where(and(eq(units.code, code), eq(units.active, true)))
    .get();
  if (office) return { code, ...office, counterId: null, counterName: null };
  const counter = db
    .select({
      unitId: units.id,
      officeName: units.name,
      parentName: parents.name,
      counterId: counters.id,
      counterName: counters.name,
    })
    .from(counters)
    .innerJoin(units, eq(units.id, counters.unitId))
    .leftJoin(parents, eq(parents.id, units.parentId))
    .where(and(eq(counters.code, code), eq(counters.active, true), eq(units.active, true)))
    .get();
  return counter ? { code, ...counter } : null;
}

export type TreeNode = { id: number; parentId: number | null; sortOrder: number; searchName: string };

/**
 * Depth-first (pre-order) order of a set of units, siblings by sortOrder then
 * folded name, so lists read like the administrative tree. Rows whose parent
 * is not in the set are treated as roots.
 */
export function sortInTreeOrder<T extends TreeNode>(rows: readonly T[]): T[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<number | null, T[]>();
  for (const row of rows) {
    const key = row.parentId != null && ids.has(row.parentId) ? row.parentId : null;
    const list = children.get(key) ?? [];
    list.push(row);
    children.set(key, list);
  }
  const bySiblingOrder = (a: T, b: T) =>
    a.sortOrder - b.sortOrder || a.searchName.localeCompare(b.searchName) || a.id - b.id;
  const out: T[] = [];
  const visit = (key: number | null) => {
    for (const row of (children.get(key) ?? []).sort(bySiblingOrder)) {
      out.push(row);
      visit(row.id);
    }
  };
  visit(null);
  return out;
}

/**
 * Units whose path starts with `path` ("/1/4/" → "/1/4/", "/1/4/9/", not "/1/40/"),
 * written as a range so SQLite can use units_path_idx (a LIKE prefix cannot,
 * LIKE being case-insensitive). '0' is the character right after '/'.
 */
function inSubtree(path: string) {
  return and(gte(units.path, path), lt(units.path, `${path.slice(0, -1)}0`));
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
    .select({
      id: units.id,
      parentId: units.parentId,
      sortOrder: units.sortOrder,
      searchName: units.searchName,
      name: units.name,
      code: units.code,
      active: units.active,
    })
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
