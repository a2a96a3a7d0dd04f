import { ROLE_LABELS, ROLES } from '@/lib/auth/roles';
import type { Option } from '@/components/ui/field';

export const ROLE_OPTIONS: Option[] = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r].vi }));
