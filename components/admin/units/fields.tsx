import type { Option } from '@/components/ui/field';

/** Unit pickers show the tree by indenting names; a select cannot hold markup, so the indent is text. */
export function unitOptions(rows: { id: number; name: string; depth: number; active: boolean }[]): Option[] {
  return rows.map((u) => ({ value: String(u.id), label: `${'\u00a0\u00a0\u00a0'.repeat(u.depth)}${u.name}${u.active ? '' : ' (đã tắt)'}` }));
}
