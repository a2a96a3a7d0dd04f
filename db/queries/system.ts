import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { users } from '../schema';
import { withConn } from '../store';

/** Active office heads, and how many of them have an e-mail address (the administrators' system page). */
export async function countOfficeHeadEmails(): Promise<{ heads: number; withEmail: number }> {
  const [row] = await withConn(({ db }) =>
    db
      .select({
        heads: sql<number>`count(*)`.mapWith(Number),
        withEmail: sql<number>`coalesce(sum(case when ${isNotNull(users.email)} then 1 else 0 end), 0)`.mapWith(Number),
      })
      .from(users)
      .where(and(eq(users.role, 'office_head'), eq(users.active, true))),
  );
  return row!;
}
