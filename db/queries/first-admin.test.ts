import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withConn } from '../store';
import { openTestStore, type TestStore } from '../testing';
import { createAdministrator } from './users';

// What scripts/create-admin.ts does on a new installation.
let t: TestStore;
beforeEach(async () => {
  t = await openTestStore();
});
afterEach(() => t.dispose());

const admin = (username: string) => ({ username, email: null, displayName: 'Quản Trị', passwordHash: 'x', mustChangePassword: true });
const unitRows = () => withConn((c) => c.all('select id, path, name, search_name as "searchName", parent_id as "parentId" from units order by id'));

describe('createAdministrator', () => {
  it('refuses an empty unit tree without a province name, and writes nothing', async () => {
    expect(await createAdministrator({ user: admin('quantri') })).toEqual({ ok: false, reason: 'no_root' });
    expect(await withConn((c) => c.value<number>('select count(*) from users'))).toBe(0);
  });

  it('creates the province as the root, then scopes the administrator there; a second one joins the same root', async () => {
    const first = await createAdministrator({ user: admin('quantri'), provinceName: 'Tỉnh Ninh Bình' });
    if (!first.ok) throw new Error(first.reason);
    expect(await unitRows()).toEqual([{ id: first.root.id, path: `/${first.root.id}/`, name: 'Tỉnh Ninh Bình', searchName: 'tinh ninh binh', parentId: null }]);
    expect(first.user).toMatchObject({ username: 'quantri', role: 'admin', scopeUnitId: first.root.id, mustChangePassword: true });
    const second = await createAdministrator({ user: admin('quantri2'), provinceName: 'Tỉnh Khác' });
    expect(second).toMatchObject({ ok: true, root: first.root, user: { scopeUnitId: first.root.id } });
    expect(await unitRows()).toHaveLength(1);
    expect(await withConn((c) => c.all('select action, unit_id as "unitId" from audit_log order by id'))).toEqual([
      { action: 'user.create', unitId: first.root.id },
      { action: 'user.create', unitId: first.root.id },
    ]);
  });

  it('creates one province when two scripts run at once on an empty tree', async () => {
    const results = await Promise.all([
      createAdministrator({ user: admin('quantri.a'), provinceName: 'Tỉnh A' }),
      createAdministrator({ user: admin('quantri.b'), provinceName: 'Tỉnh B' }),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await unitRows()).toHaveLength(1);
  });
});
