import type { CSSProperties, ReactNode } from 'react';
import { unitTreeRows, type TreeUnit, type UnitTreeRow } from '@/lib/unit-tree';
import type { Option } from './field';

/**
 * The one way units are shown as a tree, in pickers and in lists. Rows come
 * from lib/unit-tree.ts `unitTreeRows` (tree order, depth along the parents
 * shown, units that cannot be picked shown only above ones that can).
 *
 * - In a picker (a native select: labelled, keyboard and screen-reader
 *   friendly, works without JavaScript) a level is three no-break spaces of
 *   indent, and a unit that cannot be picked is a disabled line, so a ward
 *   centre is read right after its ward.
 * - In a list (a table's row header) a level is 1.5rem of indent, with the
 *   unit above named for screen readers ("thuộc …"), which do not see indents.
 */

const INDENT = '\u00a0\u00a0\u00a0';

/** The text of a unit's line in a picker. */
export function unitTreeOptionLabel(row: Pick<UnitTreeRow, 'name' | 'depth' | 'active'>): string {
  return `${INDENT.repeat(row.depth)}${row.name}${row.active ? '' : ' (ngừng hoạt động)'}`;
}

/** A picker's options (for SelectField): units that cannot be picked are disabled headings. */
export function unitTreeOptions(rows: readonly UnitTreeRow[]): Option[] {
  return rows.map((r) => ({ value: String(r.id), label: unitTreeOptionLabel(r), disabled: !r.pickable || undefined }));
}

/** A picker's options straight from units (any order): every unit, or those `pickable` says, under the units above them. */
export function unitPickerOptions<T extends TreeUnit>(units: readonly T[], pickable?: (unit: T) => boolean): Option[] {
  return unitTreeOptions(unitTreeRows(units, pickable));
}

/** The same options as elements, for a select a form controls itself. */
export function UnitTreeOptions({ rows }: { rows: readonly UnitTreeRow[] }) {
  return (
    <>
      {rows.map((r) => (
        <option key={r.id} value={r.id} disabled={!r.pickable}>
          {unitTreeOptionLabel(r)}
        </option>
      ))}
    </>
  );
}

/** A unit's name in a tree list, indented by its depth; `children` replaces the plain name (a link). */
export function UnitTreeName({ row, children }: { row: Pick<UnitTreeRow, 'depth' | 'parentName' | 'name'>; children?: ReactNode }) {
  return (
    <span className="unit-tree-name" style={{ '--depth': row.depth } as CSSProperties} data-depth={row.depth}>
      {children ?? row.name}
      {row.parentName ? <span className="visually-hidden">, thuộc {row.parentName}</span> : null}
    </span>
  );
}
