import { sql } from 'drizzle-orm';
import type { Db } from '../client';

/** True when the database answers a trivial query. */
export function pingDb(db: Db): boolean {
  return db.get<{ ok: number }>(sql`select 1 as ok`)?.ok === 1;
}
