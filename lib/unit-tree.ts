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

/** A unit as pickers and tree lists take it. */
export type TreeUnit = TreeNode & { name: string; active: boolean };

/** One line of a unit picker or tree list (components/ui/unit-tree.tsx). */
export type UnitTreeRow = {
  id: number;
  name: string;
  active: boolean;
  /** Levels below the topmost unit shown (0 for it), counted along the parents shown, never from the path's length. */
  depth: number;
  /** The unit directly above, when it is shown too (for screen readers and tooltips). */
  parentName: string | null;
  /** False for a unit shown only because something below it can be picked: a heading, not a choice. */
  pickable: boolean;
};

/**
 * The lines of a unit picker or tree list: tree order (sortInTreeOrder), each
 * unit that can be picked together with every unit above it in the set (the
 * ones that cannot be picked become headings), nothing else. A ward centre is
 * then always shown under its ward, never under whatever unit happens to come
 * before it: listing only the offices by path, indented by path length, put
 * the centres of wards under "Sở Tư pháp" and "Sở Nội vụ". A row whose parent
 * is not in the set is a top line (depth 0).
 */
export function unitTreeRows<T extends TreeUnit>(rows: readonly T[], pickable: (row: T) => boolean = () => true): UnitTreeRow[] {
  const ordered = sortInTreeOrder(rows);
  const byId = new Map(ordered.map((r) => [r.id, r]));
  const parentOf = (r: T) => (r.parentId != null ? byId.get(r.parentId) : undefined);
  const keep = new Set<number>();
  for (const r of ordered) {
    if (!pickable(r)) continue;
    for (let u: T | undefined = r; u && !keep.has(u.id); u = parentOf(u)) keep.add(u.id);
  }
  const depth = new Map<number, number>();
  const out: UnitTreeRow[] = [];
  for (const r of ordered) {
    if (!keep.has(r.id)) continue;
    const parent = parentOf(r);
    const d = parent ? (depth.get(parent.id) ?? 0) + 1 : 0;
    depth.set(r.id, d);
    out.push({ id: r.id, name: r.name, active: r.active, depth: d, parentName: parent?.name ?? null, pickable: pickable(r) });
  }
  return out;
}
