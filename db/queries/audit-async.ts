import type { Db } from '../client';
import { withConn } from '../store';
import { createAuditEntry as createAuditEntryOn, type AuditEntryInput } from './audit';

/**
 * TRANSITIONAL (issue 12): the async `createAuditEntry(entry)` that
 * db/queries/audit.ts gets in its own conversion (accounts), for the modules
 * converted before it. It writes on the current connection (the caller's
 * transaction) through audit.ts's row builder, so the entry and its derived
 * unit are exactly audit.ts's. After the merge: import `createAuditEntry`
 * from './audit' instead and delete this file.
 */
export async function createAuditEntry(e: AuditEntryInput): Promise<void> {
  await withConn(async ({ db }) => {
    let pending: PromiseLike<unknown> | undefined;
    const capture = {
      insert: (table: Parameters<Db['insert']>[0]) => ({
        values: (values: never) => ({
          run: () => {
            pending = db.insert(table).values(values);
          },
        }),
      }),
    } as unknown as Pick<Db, 'insert'>;
    createAuditEntryOn(capture, e);
    await pending;
  });
}
