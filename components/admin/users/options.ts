import { ROLE_LABELS, ROLES } from '@/lib/auth/roles';
import type { Option } from '@/components/ui/field';

export const ROLE_OPTIONS: Option[] = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r].vi }));

/** Units in tree order, indented by depth, so the picker reads like the tree. */
export function unitOptions(units: { id: number; name: string; depth: number; active: boolean }[]): Option[] {
  return units.map((u) => ({
    value: String(u.id),
    label: `${'\u00a0\u00a0'.repeat(u.depth)}${u.depth ? '└ ' : ''}${u.name}${u.active ? '' : ' (ngừng hoạt động)'}`,
  }));
}
