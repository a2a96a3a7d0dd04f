import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { units } from '@/db/schema';
import { withConn } from '@/db/store';
import { openTestStore, type TestStore } from '@/db/testing';
import { DEMO_ACCOUNTS, seedDemoAccountsIfNone } from './demo-accounts';

let t: TestStore;
beforeEach(async () => {
  t = await openTestStore();
});
afterEach(() => t.dispose());

const rootScoped = DEMO_ACCOUNTS.filter((a) => a.scope === 'root').map((a) => a.username).sort();

describe('seedDemoAccountsIfNone', { timeout: 60_000 }, () => {
  it('does nothing without units, then creates the accounts whose scope exists, once', async () => {
    expect(await seedDemoAccountsIfNone()).toBe(0);
    const [root] = await t.conn.db.insert(units).values({ parentId: null, path: '/', kind: 'province', name: 'Tỉnh', searchName: 'tinh' }).returning({ id: units.id });
    await t.conn.db.update(units).set({ path: `/${root!.id}/` }).where(eq(units.id, root!.id));
    expect(await seedDemoAccountsIfNone()).toBe(rootScoped.length);
    expect(await seedDemoAccountsIfNone()).toBe(0);
    expect((await withConn((c) => c.all<{ username: string }>('select username from users order by username'))).map((u) => u.username)).toEqual(rootScoped);
  });

  it('creates each account once when two servers start at the same moment on one database', async () => {
    const [root] = await t.conn.db.insert(units).values({ parentId: null, path: '/', kind: 'province', name: 'Tỉnh', searchName: 'tinh' }).returning({ id: units.id });
    await t.conn.db.update(units).set({ path: `/${root!.id}/` }).where(eq(units.id, root!.id));
    const created = await Promise.all([seedDemoAccountsIfNone(), seedDemoAccountsIfNone()]);
    expect(created[0]! + created[1]!).toBe(rootScoped.length);
    expect(await withConn((c) => c.value<number>('select count(*) from users'))).toBe(rootScoped.length);
  });
});
