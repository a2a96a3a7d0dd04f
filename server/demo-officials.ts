import { eq } from 'drizzle-orm';
import { createUser, uniqueUserField } from '@/db/queries/users';
import { officials, units } from '@/db/schema';
import { insertDemoOfficials } from '@/db/seed';
import { DEMO_OFFICIAL_ACCOUNT } from '@/db/seed-data';
import { transaction, withConn } from '@/db/store';
import { hashPassword } from './auth/password';
import { DEMO_PASSWORD } from './demo-accounts';

/**
 * The demo's officials (db/seed-data.ts DEMO_OFFICIALS) and the demo account
 * of one of them ('canbo.tthc', role 'official', the demo password), made
 * once when there are no officials yet; offices missing from the tree are
 * skipped. Kept apart from the ratings' seed so the duty schedules can be
 * seeded over these officials. Returns the number of officials made.
 */
export async function seedDemoOfficialsIfNone(now = new Date()): Promise<number> {
  const made = await transaction(async (c) => {
    await c.lock('seed:officials');
    if (((await c.value<number>('select count(*) from officials')) ?? 0) > 0) return 0;
    return insertDemoOfficials(c, now);
  });
  // The demo seed (db/seed.ts) makes the officials before their duty schedules; the account comes here, once.
  await linkDemoOfficialAccount();
  return made;
}

async function linkDemoOfficialAccount() {
  const [official] = await withConn(({ db }) =>
    db
      .select({ id: officials.id, unitId: officials.unitId, userId: officials.userId })
      .from(officials)
      .innerJoin(units, eq(units.id, officials.unitId))
      .where(eq(units.name, DEMO_OFFICIAL_ACCOUNT.office))
      .orderBy(officials.id)
      .limit(1),
  );
  if (!official || official.userId !== null) return;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  try {
    await transaction(async ({ db }) => {
      const user = await createUser({
        user: { username: DEMO_OFFICIAL_ACCOUNT.username, email: null, displayName: DEMO_OFFICIAL_ACCOUNT.fullName, passwordHash, role: 'official', scopeUnitId: official.unitId, mustChangePassword: false },
        actorId: null,
      });
      await db.update(officials).set({ userId: user.id }).where(eq(officials.id, official.id));
    });
  } catch (error) {
    // Another server starting at the same moment made it.
    if (uniqueUserField(error) !== 'username') throw error;
  }
}
