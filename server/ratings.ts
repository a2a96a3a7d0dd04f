import { officialOnDuty } from '@/db/queries/duty';
import { insertIntegrityReport } from '@/db/queries/integrity';
import { getQuestionSetVersion } from '@/db/queries/question-sets';
import { addRollupIncrements } from '@/db/queries/rollups';
import {
  getResponseByClientId,
  insertRating,
  isClientIdTaken,
  isReceiptCodeTaken,
  readSubmissionFacts,
  type CreateResponseResult,
  type NewResponse,
  type ContactRowInput,
  type ResponseRowInput,
  type StoredResponse,
  type SubmissionFacts,
} from '@/db/queries/responses';
import { newCode } from '@/db/ids';
import { inTransaction, transaction } from '@/db/store';
import { decideAbuse, type AbuseRules } from '@/lib/abuse';
import { lowRatingScore } from '@/lib/indicators/alerts';
import { RECEIPT_CODE_LENGTH } from '@/lib/codes';
import { maskContactDetails } from '@/lib/privacy/mask';
import { integritySignals } from '@/lib/survey/question-set';
import { raiseAlerts, raiseAlertsAtCommit } from './alerts';
import { countRating } from './metrics';

/** A receipt code is 36^n random: a few tries are a guard against a bug, not a real limit. */
const RECEIPT_CODE_TRIES = 8;

/**
 * A rating arrives (the survey's post, a kiosk's batch item): stored exactly
 * once by its submission id, after the abuse rules, with the dashboards'
 * rollups and the office's alerts, all in one transaction. Inside a caller's
 * transaction (the kiosk batch) it is a savepoint: a failure undoes only this
 * rating. A repeated clientId for the same office returns the stored one;
 * for another office it is refused (`used_elsewhere`).
 *
 * Across app servers (PostgreSQL, READ COMMITTED), each guarantee has its own mechanism:
 * - device and network limits: the `device:` and `network:` locks are held
 *   from the count to the commit, so two ratings from one device cannot both
 *   count the same "5 before me" and both pass a limit of 6;
 * - stored once: the unique index on client_id — with `on conflict do
 *   nothing` the loser of a race inserts nothing; for the common rating,
 *   sent last with COMMIT, the clash is an error that undoes its rollups
 *   too. Either way the loser reads the winner's row and answers as for a resend;
 * - receipt codes: the unique index, and a retry with a new code in a
 *   savepoint (a failed statement would otherwise abort the whole transaction);
 * - rollups: each increment is one atomic upsert (rollups.ts);
 * - alerts: the office's `alerts:` lock (server/alerts.ts);
 * - integrity reports: one per rating (unique response_id), in its transaction.
 * On SQLite one writer serialises all of this already; the locks do nothing.
 */
export async function storeRating(input: RatingInput): Promise<CreateResponseResult> {
  return storeRatingOf(input, async () => ({ rating: input, facts: await readSubmissionFacts({ ...input, ...factsWindows(input) }) }));
}

export type RatingInput = NewResponse & { rules: AbuseRules };

/** What a rating's transaction reads before it decides: the rating with its facts, or a caller's own answer. */
export type FoundRating<X> = { rating: RatingInput; facts: SubmissionFacts } | { answer: X };

/** Where the abuse rules look back from a rating's arrival (readSubmissionFacts). */
export const factsWindows = (r: Pick<RatingInput, 'receivedAt' | 'rules'>) => ({
  deviceSince: r.receivedAt.getTime() - r.rules.deviceWindowMs,
  networkSince: r.receivedAt.getTime() - r.rules.networkWindowMs,
});

/**
 * storeRating, for a caller that reads the rating's facts itself — the
 * survey's post reads its QR code's target with them, in one statement
 * (server/survey.ts) — and may answer on its own instead (an unknown code,
 * answers its question set refuses). `find` runs first in the transaction,
 * under the locks of the device and network hashes given.
 */
export async function storeRatingOf<X>(
  from: Pick<NewResponse, 'deviceHash' | 'networkHash'>,
  find: () => Promise<FoundRating<X>>,
): Promise<CreateResponseResult | X> {
  // Inside a caller's transaction (a kiosk batch) the caller counts what committed (server/metrics.ts).
  const counted = !inTransaction();
  let alertsAgain = false;
  let input: RatingInput | undefined;
  const stored = transaction(async (c): Promise<CreateResponseResult | { answer: X }> => {
    const keys = [from.deviceHash && `device:${from.deviceHash}`, from.networkHash && `network:${from.networkHash}`].filter((k): k is string => Boolean(k));
    if (keys.length) await c.lock(...keys);

    const found = await find();
    if ('answer' in found) return found;
    const { facts } = found;
    input = found.rating;
    if (facts.stored) return resend(facts.stored, input.unitId);
    const at = input.receivedAt.getTime();

    const decision = decideAbuse(facts.counts, input.rules);
    if (decision.action === 'reject') return { status: 'rejected', reason: decision.reason };

    const allFlags = input.extraFlags?.length ? [...new Set([...decision.flags, ...input.extraFlags])] : decision.flags;
    const flags = allFlags.length ? allFlags.join(',') : null;
    const submittedAt = input.submittedAt.getTime();
    // Attribution (docs/decisions/023): the official on duty at the counter at the tap or arrival
    // time, one indexed lookup; a rating without a counter is never attributed. A caller that already
    // knows it (the survey's post, read with its facts; tests replaying a workload) passes it.
    const officialId =
      input.counterId === null ? null : input.officialId !== undefined ? input.officialId : await officialOnDuty(input.counterId, submittedAt);
    const row: ResponseRowInput = {
      clientId: input.clientId,
      unitId: input.unitId,
      counterId: input.counterId,
      questionSetVersionId: input.questionSetVersionId,
      channel: input.channel,
      submittedAt,
      receivedAt: at,
      lang: input.lang,
      procedureFieldId: input.procedureFieldId,
      // Phone numbers and e-mail addresses typed into a comment are never stored (lib/privacy/mask.ts).
      comment: input.comment && maskContactDetails(input.comment),
      receiptCode: null,
      deviceHash: input.deviceHash,
      networkHash: input.networkHash,
      flags,
      excluded: flags !== null,
      kioskId: input.kioskId ?? null,
      officialId,
      dossierId: input.dossierId ?? null,
    };
    const contact: ContactRowInput | null = input.contact && {
      phone: input.contact.phone,
      consentVersion: input.contact.consentVersion,
      consentedAt: at,
      purgeAfter: input.contact.purgeAfter.getTime(),
    };
    const lowScore = lowRatingScore(input.answers, flags !== null);
    // An answer the set marks as an integrity signal (docs/decisions/028) raises a report with the
    // rating. Only a counted rating with a choice can: the rest skip even the (cached) set lookup.
    const signals = flags === null && input.answers.some((a) => a.choice !== null) ? await integritySignalsOf(input) : [];
    // Every rating of an office on one day and hour increments the same rollup rows, and on
    // PostgreSQL each holds them from its increment to its commit: they go with the commit.
    const increments = {
      unitId: input.unitId,
      counterId: input.counterId,
      channel: input.channel,
      submittedAt,
      excluded: flags !== null,
      commented: input.comment !== null,
      answers: input.answers,
      flags: allFlags,
      officialId: row.officialId,
    };
    if (!input.comment && lowScore === null && !signals.length) {
      // Most ratings: nothing needs the new row's id, so the rating is the last statement and on
      // PostgreSQL travels with the rollups and COMMIT (one round trip fewer). A submission id
      // stored meanwhile is then an error that undoes the rollups too (see the catch below).
      await addRollupIncrements(increments);
      const responseId = (await insertRating(row, input.answers, contact, null, { atCommit: true }))!;
      return { status: 'created', responseId, receiptCode: null, flags: allFlags };
    }
    const inserted = input.comment
      ? await insertWithReceiptCode(row, input.answers, contact, lowScore)
      : { id: await insertRating(row, input.answers, contact, lowScore), receiptCode: null };
    if (inserted.id === null) {
      // Another request stored this submission id since we looked (another server, or a kiosk resend): answer as for a resend.
      const winner = await getResponseByClientId(input.clientId);
      return resend(winner!, input.unitId);
    }
    const responseId = inserted.id;
    if (signals.length) await insertIntegrityReport({ responseId, unitId: input.unitId, counterId: input.counterId, submittedAt, signals, now: at });
    await addRollupIncrements(increments);
    // Only a counted low rating can start or extend an alert; the rest skip the lookup. Last: on
    // PostgreSQL its statement ends the transaction (server/alerts.ts raiseAlertsAtCommit).
    if (lowScore !== null) alertsAgain = (await raiseAlertsAtCommit(input.unitId, submittedAt)) === 'again';
    return { status: 'created', responseId, receiptCode: inserted.receiptCode, flags: allFlags };
  });
  const result = await stored.catch(async (error: unknown) => {
    // The common path's rating, stored by another request since we looked: nothing of ours committed.
    if (!isClientIdTaken(error) || !input) throw error;
    return resend((await getResponseByClientId(input.clientId))!, input.unitId);
  });
  if ('answer' in result) return result.answer;
  const rating = input!;
  if (counted) countRating(rating.channel, result);
  // What committed beside this rating changed the alert decision: taken again, under the lock.
  if (alertsAgain) await transaction(() => raiseAlerts(rating.unitId, rating.submittedAt.getTime()));
  return result;
}

/** The integrity signals among a rating's answers (docs/decisions/028), by its set's cached version. */
async function integritySignalsOf(input: Pick<NewResponse, 'questionSetVersionId' | 'answers'>) {
  const version = await getQuestionSetVersion({ id: input.questionSetVersionId });
  return version ? integritySignals(version.definition, input.answers) : [];
}

/** A duplicate is a resend of the same form, so it can only be for the same office; the same id posted to another office would otherwise hand out that rating's receipt code (the key to its reply). */
function resend(existing: StoredResponse, unitId: number): CreateResponseResult {
  if (existing.unitId !== unitId) return { status: 'rejected', reason: 'used_elsewhere' };
  return { status: 'duplicate', responseId: existing.id, receiptCode: existing.receiptCode, flags: existing.flags };
}

async function insertWithReceiptCode(
  row: ResponseRowInput,
  answers: NewResponse['answers'],
  contact: ContactRowInput | null,
  lowScore: number | null,
): Promise<{ id: number | null; receiptCode: string | null }> {
  for (let attempt = 1; ; attempt++) {
    const receiptCode = newCode(RECEIPT_CODE_LENGTH);
    try {
      // A savepoint: on PostgreSQL a refused statement aborts the transaction it runs in.
      const id = await transaction(() => insertRating({ ...row, receiptCode }, answers, contact, lowScore));
      return { id, receiptCode: id === null ? null : receiptCode };
    } catch (error) {
      if (!isReceiptCodeTaken(error) || attempt >= RECEIPT_CODE_TRIES) throw error;
    }
  }
}
