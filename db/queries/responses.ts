import { and, eq, gt, sql } from 'drizzle-orm';
import { decideAbuse, type AbuseCounts, type AbuseRules } from '@/lib/abuse';
import { RECEIPT_CODE_LENGTH } from '@/lib/codes';
import type { SubmittedAnswer } from '@/lib/validation/survey-response';
import type { Db } from '../client';
import { newCode } from '../ids';
import { answers, contacts, responses, type Channel } from '../schema';

export type NewResponse = {
  clientId: string;
  unitId: number;
  counterId: number | null;
  questionSetVersionId: number;
  channel: Channel;
  submittedAt: Date;
  receivedAt: Date;
  lang: string;
  procedureFieldId: number | null;
  comment: string | null;
  answers: SubmittedAnswer[];
  contact: { phone: string; consentVersion: string; purgeAfter: Date } | null;
  deviceHash: string | null;
  networkHash: string | null;
  kioskId?: number | null;
};

export type CreateResponseResult =
  | { status: 'created' | 'duplicate'; responseId: number; receiptCode: string | null; flags: string[] }
  | { status: 'rejected'; reason: 'device_limit' | 'network_limit' };

/**
 * Stores one rating exactly once: a repeated clientId returns the stored one.
 * The abuse counts and the insert share one write transaction, so two app
 * servers cannot both slip under a limit at the same moment.
 */
export function createResponse(db: Db, input: NewResponse & { rules: AbuseRules }): CreateResponseResult {
  return db.transaction(
    (tx) => {
      const existing = tx
        .select({ id: responses.id, receiptCode: responses.receiptCode, flags: responses.flags })
        .from(responses)
        .where(eq(responses.clientId, input.clientId))
        .get();
      if (existing) return { status: 'duplicate', responseId: existing.id, receiptCode: existing.receiptCode, flags: splitFlags(existing.flags) };

      const decision = decideAbuse(countAbuseSignals(tx as unknown as Db, input), input.rules);
      if (decision.action === 'reject') return { status: 'rejected', reason: decision.reason };

      const receiptCode = input.comment ? uniqueReceiptCode(tx as unknown as Db) : null;
      const row = tx
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
          receiptCode,
          deviceHash: input.deviceHash,
          networkHash: input.networkHash,
          flags: decision.flags.length ? decision.flags.join(',') : null,
          excluded: decision.flags.length > 0,
          kioskId: input.kioskId ?? null,
        })
        .returning({ id: responses.id })
        .all()[0]!;
      if (input.answers.length) {
        tx.insert(answers).values(input.answers.map((a) => ({ ...a, responseId: row.id }))).run();
      }
      if (input.contact) {
        tx.insert(contacts)
          .values({ responseId: row.id, ...input.contact, consentedAt: input.receivedAt })
          .run();
      }
      return { status: 'created', responseId: row.id, receiptCode, flags: decision.flags };
    },
    { behavior: 'immediate' },
  );
}

function countAbuseSignals(db: Db, input: NewResponse & { rules: AbuseRules }): AbuseCounts {
  const sameTarget = input.counterId == null ? sql`${responses.unitId} = ${input.unitId}` : sql`${responses.counterId} = ${input.counterId}`;
  const count = (column: typeof responses.deviceHash | typeof responses.networkHash, hash: string, windowMs: number) =>
    db
      .select({ total: sql<number>`count(*)`, sameTarget: sql<number>`coalesce(sum(${sameTarget}), 0)` })
      .from(responses)
      .where(and(eq(column, hash), gt(responses.receivedAt, new Date(input.receivedAt.getTime() - windowMs))))
      .get()!;
  return {
    device: input.deviceHash ? count(responses.deviceHash, input.deviceHash, input.rules.deviceWindowMs) : null,
    network: input.networkHash ? count(responses.networkHash, input.networkHash, input.rules.networkWindowMs) : null,
  };
}

function uniqueReceiptCode(db: Db): string {
  for (;;) {
    const code = newCode(RECEIPT_CODE_LENGTH);
    if (!db.select({ id: responses.id }).from(responses).where(eq(responses.receiptCode, code)).get()) return code;
  }
}

function splitFlags(flags: string | null): string[] {
  return flags ? flags.split(',') : [];
}
