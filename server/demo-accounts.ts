import type { Db } from '@/db/client';
import { countUsers, createUser } from '@/db/queries/users';
import { getUnitIdByCode, getUnitIdByName, listRootUnits } from '@/db/queries/units';
import { DEMO_CODES } from '@/db/seed-data';
import type { Role } from '@/lib/auth/roles';
import { hashPassword } from './auth/password';

/** The one password of every demo account (README); demo and test modes only. */
export const DEMO_PASSWORD = 'hailong-demo-2026';

type DemoAccount = { username: string; displayName: string; role: Role; scope: { code: string } | { name: string } | 'root' };

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'quantri', displayName: 'Nguyễn Văn Quản', role: 'admin', scope: 'root' },
  { username: 'thamdinh', displayName: 'Trần Thị Thẩm', role: 'assessor', scope: 'root' },
  { username: 'giamsat', displayName: 'Lê Văn Sát', role: 'supervisor', scope: 'root' },
  { username: 'thutruong.tthc', displayName: 'Phạm Thị Hành', role: 'office_head', scope: { code: DEMO_CODES.centre } },
  { username: 'thutruong.hoalu', displayName: 'Đỗ Văn Lư', role: 'office_head', scope: { name: 'Trung tâm Phục vụ hành chính công phường Hoa Lư' } },
  // Scoped below the province: the ward's own IT administrator and assessor see and change only the ward.
  { username: 'quantri.hoalu', displayName: 'Vũ Thị Hoa', role: 'admin', scope: { name: 'Phường Hoa Lư' } },
  { username: 'thamdinh.hoalu', displayName: 'Bùi Văn Định', role: 'assessor', scope: { name: 'Phường Hoa Lư' } },
];

/** Creates the demo accounts when there are none yet. */
export async function seedDemoAccountsIfNone(db: Db): Promise<number> {
  if (countUsers(db) > 0) return 0;
  const root = (await listRootUnits())[0];
  if (!root) return 0;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let created = 0;
  for (const a of DEMO_ACCOUNTS) {
    const scopeUnitId = a.scope === 'root' ? root.id : 'code' in a.scope ? await getUnitIdByCode(a.scope) : await getUnitIdByName(a.scope);
    if (scopeUnitId == null) continue;
    createUser(db, {
      user: { username: a.username, email: null, displayName: a.displayName, passwordHash, role: a.role, scopeUnitId, mustChangePassword: false },
      actorId: null,
    });
    created++;
  }
  return created;
}
