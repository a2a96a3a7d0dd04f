import { ensureDefaultOrganisations, listOrganisations } from '@/db/queries/supervision';
import { countUsers, createUser, findScopeUnitId, uniqueUserField } from '@/db/queries/users';
import { DEMO_CODES } from '@/db/seed-data';
import type { Role } from '@/lib/auth/roles';
import { hashPassword } from './auth/password';

/** The one password of every demo account (README); demo and test modes only. */
export const DEMO_PASSWORD = 'hailong-demo-2026';

/** `organisation`: a supervisor's, by name (one of lib/supervision.ts DEFAULT_ORGANISATIONS). */
type DemoAccount = { username: string; displayName: string; role: Role; scope: { code: string } | { name: string } | 'root'; organisation?: string };

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'quantri', displayName: 'Nguyễn Văn Quản', role: 'admin', scope: 'root' },
  { username: 'thamdinh', displayName: 'Trần Thị Thẩm', role: 'assessor', scope: 'root' },
  // The inspectorate's supervisor (concludes integrity reports) and the Fatherland Front's (does not).
  { username: 'giamsat', displayName: 'Lê Văn Sát', role: 'supervisor', scope: 'root', organisation: 'Thanh tra tỉnh' },
  { username: 'giamsat.mttq', displayName: 'Hoàng Thị Mặt', role: 'supervisor', scope: 'root', organisation: 'Ủy ban MTTQ tỉnh' },
  { username: 'thutruong.tthc', displayName: 'Phạm Thị Hành', role: 'office_head', scope: { code: DEMO_CODES.centre } },
  { username: 'thutruong.hoalu', displayName: 'Đỗ Văn Lư', role: 'office_head', scope: { name: 'Trung tâm Phục vụ hành chính công phường Hoa Lư' } },
  // Scoped below the province: the ward's own IT administrator and assessor see and change only the ward.
  { username: 'quantri.hoalu', displayName: 'Vũ Thị Hoa', role: 'admin', scope: { name: 'Phường Hoa Lư' } },
  { username: 'thamdinh.hoalu', displayName: 'Bùi Văn Định', role: 'assessor', scope: { name: 'Phường Hoa Lư' } },
];

/**
 * Creates the demo accounts when there are none yet. Two servers starting at
 * once on one empty database may both try: the unique username lets one
 * create each account, and the other's attempt fails without harm (and is
 * not counted).
 */
export async function seedDemoAccountsIfNone(): Promise<number> {
  if ((await countUsers()) > 0) return 0;
  if ((await findScopeUnitId('root')) == null) return 0;
  // Hashed once, before any transaction.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await ensureDefaultOrganisations();
  const organisations = new Map((await listOrganisations()).map((o) => [o.name, o.id]));
  let created = 0;
  for (const a of DEMO_ACCOUNTS) {
    const scopeUnitId = await findScopeUnitId(a.scope);
    if (scopeUnitId == null) continue;
    try {
      await createUser({
        user: {
          username: a.username,
          email: null,
          displayName: a.displayName,
          passwordHash,
          role: a.role,
          scopeUnitId,
          mustChangePassword: false,
          organisationId: a.organisation ? (organisations.get(a.organisation) ?? null) : null,
        },
        actorId: null,
      });
      created++;
    } catch (error) {
      if (uniqueUserField(error) !== 'username') throw error;
    }
  }
  return created;
}
