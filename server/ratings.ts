// TEMPORARY: replaced by h/ratings at merge
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { newCode } from '@/db/ids';
import { createResponse, type CreateResponseResult, type NewResponse } from '@/db/queries/responses';
import { answers, responses } from '@/db/schema';
import { transaction, withConn } from '@/db/store';
import type { AbuseRules } from '@/lib/abuse';
import { RECEIPT_CODE_LENGTH } from '@/lib/codes';

/**
 * Stand-in with the contract of h/ratings' use case, so the kiosk batch runs
 * before that lands: stores one rating exactly once, inside the caller's
 * transaction when there is one. On SQLite it wraps the legacy synchronous
 * createResponse on the current connection (the one the caller's
 * transaction holds), rollups and alerts included. On PostgreSQL, only
 * for the kiosk tests on this branch, it writes the response and its
 * answers (no rollups, no alerts, no abuse counts: kiosks carry no signals).
 */
export async function storeRating(input: NewResponse & { rules: AbuseRules }): Promise<CreateResponseResult> {
  return withConn(async (conn) => {
    if (conn.kind === 'sqlite') return createResponse(conn.db as unknown as Db, input);
    return transaction(async ({ db }) => {
      const flags = [...new Set(input.extraFlags ?? [])];
      const [row] = await db
        .insert(responses)
        .values({
          clientId: input.clientId,
          unitId: input.unitId,
          counterId: input.counterId,
          questionSetVersionId: input.questionSetVersionId,
          channel: input.channel,
          submittedAt: input.submittedAt,
          receivedAt: input.receivedAt,
          lang: input.lang,
          procedureFieldId: input.procedureFieldId,
          comment: input.comment,
          receiptCode: input.comment ? newCode(RECEIPT_CODE_LENGTH) : null,
          deviceHash: input.deviceHash,
          networkHash: input.networkHash,
          flags: flags.length ? flags.join(',') : null,
          excluded: flags.length > 0,
          kioskId: input.kioskId ?? null,
        })
        .onConflictDoNothing({ target: responses.clientId })
        .returning({ id: responses.id, receiptCode: responses.receiptCode });
      if (!row) {
        const [existing] = await db.select({ id: responses.id, unitId: responses.unitId, receiptCode: responses.receiptCode, flags: responses.flags }).from(responses).where(eq(responses.clientId, input.clientId)).limit(1);
        if (existing!.unitId !== input.unitId) return { status: 'rejected', reason: 'used_elsewhere' } as const;
        return { status: 'duplicate', responseId: existing!.id, receiptCode: existing!.receiptCode, flags: existing!.flags ? existing!.flags.split(',') : [] } as const;
      }
      for (const a of input.answers) await db.insert(answers).values({ responseId: row.id, questionKey: a.questionKey, score: a.score, choice: a.choice });
      return { status: 'created', responseId: row.id, receiptCode: row.receiptCode, flags } as const;
    });
  });
}
