// TEMPORARY: replaced by h/ratings at merge
import type { Db } from '@/db/client';
import { createResponse, type CreateResponseResult, type NewResponse } from '@/db/queries/responses';
import { withConn } from '@/db/store';
import type { AbuseRules } from '@/lib/abuse';

/**
 * Stand-in with the contract of h/ratings' use case: stores one rating
 * exactly once, inside the caller's transaction when there is one. It wraps
 * the legacy synchronous createResponse on the current SQLite connection
 * (the same one the caller's transaction holds), so it runs on SQLite only.
 */
export async function storeRating(input: NewResponse & { rules: AbuseRules }): Promise<CreateResponseResult> {
  return withConn(async (conn) => {
    if (conn.kind !== 'sqlite') throw new Error('TEMPORARY storeRating runs on SQLite only until h/ratings is merged');
    return createResponse(conn.db as unknown as Db, input);
  });
}
