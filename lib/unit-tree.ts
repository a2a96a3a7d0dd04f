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

export type MovePlan =
  /** The new parent is the unit itself or lies below it: the tree would become a loop. */
  | { kind: 'into_own_subtree' }
  /** Already there: nothing to write. */
  | { kind: 'unchanged' }
  /** `newPath` replaces the prefix `oldPath` of every path in the unit's subtree. */
  | { kind: 'move'; oldPath: string; newPath: string };

/**
 * Whether and how a unit (with its subtree) goes under a new parent, from the
 * two units' places in the tree (`path` "/1/4/9/", the ids from the root).
 */
export function planMove(unit: { id: number; parentId: number | null; path: string }, parent: { id: number; path: string }): MovePlan {
  if (parent.path.startsWith(unit.path)) return { kind: 'into_own_subtree' };
  if (unit.parentId === parent.id) return { kind: 'unchanged' };
  return { kind: 'move', oldPath: unit.path, newPath: `${parent.path}${unit.id}/` };
}
