import { and, eq, gte, lt } from 'drizzle-orm';
import type { Viewer } from '@/lib/auth/roles';
import { sortInTreeOrder } from '@/lib/unit-tree';
import { units } from '../schema';
import { withConn } from '../store';

/**
 * Units whose path starts with `path` ("/1/4/" → "/1/4/", "/1/4/9/", not "/1/40/"),
 * written as a range so both engines use units_path_idx (a LIKE prefix cannot:
 * SQLite's LIKE is case-insensitive). '0' is the character right after '/';
 * PostgreSQL compares paths byte by byte too (`collate "C"`, db/schema.pg.ts).
 */
export function inSubtree(path: string) {
  return and(gte(units.path, path), lt(units.path, `${path.slice(0, -1)}0`));
}

/** The columns that place a unit in the tree and name it; what tree-ordered lists select. */
export const treeNodeFields = {
  id: units.id,
  parentId: units.parentId,
  sortOrder: units.sortOrder,
  searchName: units.searchName,
  name: units.name,
  code: units.code,
  active: units.active,
};

/**
 * Every unit in the viewer's subtree (disabled ones too, flagged), in tree
 * order, with its depth below the viewer's scope root: for tree views and
 * unit pickers.
 */
export async function listUnitsInScope({ viewer }: { viewer: Pick<Viewer, 'scopePath'> }) {
  const rows = await withConn(({ db }) =>
    db
      .select({ ...treeNodeFields, path: units.path, kind: units.kind })
      .from(units)
      .where(inSubtree(viewer.scopePath)),
  );
  const rootDepth = viewer.scopePath.split('/').filter(Boolean).length;
  return sortInTreeOrder(rows).map((u) => ({ ...u, depth: u.path.split('/').filter(Boolean).length - rootDepth }));
}

/** One unit if it lies in the viewer's subtree, else null (callers answer 404). */
export async function getUnitInScope({ viewer, unitId }: { viewer: Pick<Viewer, 'scopePath'>; unitId: number }) {
  return withConn(async ({ db }) => {
    const [row] = await db
      .select({ id: units.id, parentId: units.parentId, path: units.path, kind: units.kind, name: units.name, code: units.code, active: units.active, address: units.address, sortOrder: units.sortOrder, aliases: units.aliases })
      .from(units)
      .where(and(eq(units.id, unitId), inSubtree(viewer.scopePath)))
      .limit(1);
    return row ?? null;
  });
}

export type UnitInScope = NonNullable<Awaited<ReturnType<typeof getUnitInScope>>>;
