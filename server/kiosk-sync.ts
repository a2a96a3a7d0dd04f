import { randomBytes } from 'node:crypto';
import {
  claimPairingCode,
  countKioskTaps,
  createThrottleEvent,
  getKioskOfPairingCode,
  isKioskPaired,
  kioskLock,
  listKioskTapTimes,
  listStoredClientIds,
  listThrottleEvents,
  recordKioskContact,
  type KioskIdentity,
} from '@/db/queries/kiosks';
import { createAnonymousFailureEntry, createAuditEntry } from '@/db/queries/audit';
import { inTransaction, transaction } from '@/db/store';
import { DEFAULT_ABUSE_RULES } from '@/lib/abuse';
import type { KioskRating } from '@/lib/kiosk/batch';
import { KIOSK_BURST_RULE } from '@/lib/kiosk/burst';
import { decideKioskFlags, decideThrottle, KIOSK_BATCH_THROTTLE, KIOSK_DAILY_LIMIT_DEFAULT, vietnamDayStart, type KioskFlag, type ThrottleDecision } from '@/lib/kiosk/limits';
import { PAIRING_THROTTLE, pairingAllowed } from '@/lib/kiosk/pairing';
import type { SubmittedAnswer } from '@/lib/validation/survey-response';
import { countKioskBatch } from './metrics';
import { storeRating } from './ratings';

/**
 * What happens when a tablet talks to the server (docs/kiosk-protocol.md):
 * it pairs, asks to send a batch, sends one. Each opens one transaction,
 * asks db/ for the facts, lib/kiosk for the decision, and db/ to write it.
 *
 * Several app servers may receive a tablet's requests at once. On SQLite the
 * single writer serialises every transaction; on PostgreSQL (READ COMMITTED)
 * each count-then-decide-then-write takes a transaction-scoped advisory lock
 * on what it counts (Conn.lock), so two servers take turns on one kiosk or
 * one network while everything else runs side by side.
 */

const DAY_MS = 24 * 3600_000;

export type PairResult = { status: 'paired'; kioskId: number; credential: string } | { status: 'bad_code' } | { status: 'throttled' };

/**
 * Exchanges a pairing code for a device credential (`"<kioskId>.<token>"`,
 * the token 32 random bytes). A failure from a network is counted in
 * `throttle_events` (scope 'kiosk_pair', key the network's hash; 10 per
 * network in 15 minutes) and audited as 'kiosk.pair_failed', aggregated per
 * network and 15 minutes, so a flood of wrong codes cannot flood the audit
 * log.
 *
 * Concurrency: the failures of a network are counted, decided on and added
 * under the lock `throttle:kiosk_pair:<network>`, so two servers cannot both
 * let the 10th failure through; the code itself is single use because one
 * UPDATE both checks and clears it (claimPairingCode), which needs no lock.
 */
export async function pairTablet({ code, networkHash, now = new Date() }: { code: string; networkHash: string | null; now?: Date }): Promise<PairResult> {
  const token = randomBytes(32).toString('base64url');
  return transaction(async (c) => {
    if (networkHash) {
      await c.lock(`throttle:kiosk_pair:${networkHash}`);
      const failures = await listThrottleEvents({ scope: 'kiosk_pair', key: networkHash, since: new Date(now.getTime() - PAIRING_THROTTLE.windowMs) });
      if (!pairingAllowed(failures, now.getTime())) {
        // Still audited (aggregated), so the log shows how long a network kept trying; not counted again, so it is free after the window.
        await createAnonymousFailureEntry({ at: now, action: 'kiosk.pair_failed', entityType: 'kiosk', after: { reason: 'throttled' }, networkHash });
        return { status: 'throttled' } as const;
      }
    }
    const claimed = await claimPairingCode({ code, token, now });
    if (!claimed) {
      const expired = await getKioskOfPairingCode({ code });
      if (networkHash) await createThrottleEvent({ scope: 'kiosk_pair', key: networkHash, at: now });
      await createAnonymousFailureEntry({
        at: now,
        action: 'kiosk.pair_failed',
        entityType: 'kiosk',
        entityId: expired,
        after: { reason: expired === null ? 'unknown' : 'expired' },
        networkHash,
      });
      return { status: 'bad_code' } as const;
    }
    await createAuditEntry({ at: now, actorId: null, action: 'kiosk.pair', entityType: 'kiosk', entityId: claimed.kioskId, after: { pairedAt: now }, networkHash });
    return { status: 'paired', ...claimed } as const;
  });
}

/**
 * Counts one batch request of a kiosk credential against KIOSK_BATCH_THROTTLE
 * (scope 'kiosk_batch', key the kiosk id): refused requests are not counted,
 * so a tablet that waits as told gets through.
 *
 * Concurrency: counted, decided and recorded under `throttle:kiosk_batch:<id>`,
 * so requests reaching two servers at once are counted one after the other
 * (without it both could read 29 and both pass). Not the kiosk's own lock: a
 * throttle check need not wait behind a 500-rating batch being stored.
 */
export async function admitKioskBatch({ kioskId, now = new Date(), perMinute = KIOSK_BATCH_THROTTLE.max }: { kioskId: number; now?: Date; perMinute?: number }): Promise<ThrottleDecision> {
  const rule = { ...KIOSK_BATCH_THROTTLE, max: perMinute };
  const key = String(kioskId);
  return transaction(async (c) => {
    await c.lock(`throttle:kiosk_batch:${key}`);
    const recent = await listThrottleEvents({ scope: 'kiosk_batch', key, since: new Date(now.getTime() - rule.windowMs) });
    const decision = decideThrottle(recent, now.getTime(), rule);
    if (decision.allowed) await createThrottleEvent({ scope: 'kiosk_batch', key, at: now });
    return decision;
  });
}

export type StoreBatchInput = {
  kiosk: Pick<KioskIdentity, 'id' | 'unitId' | 'counterId' | 'credentialHash' | 'openingHours'>;
  /** Each with the question set version it was taken with and its answers under that version's keys. */
  ratings: readonly KioskRating[];
  appVersion: string;
  queued: number;
  /** Ratings per kiosk per day beyond which they are flagged (KIOSK_DAILY_LIMIT). */
  dailyLimit?: number;
  now?: Date;
};

export type StoreBatchResult = { status: 'ok'; stored: string[]; duplicates: string[]; flagged: string[] } | { status: 'unpaired' };

/**
 * Stores a kiosk's validated ratings in one transaction (each storeRating a
 * savepoint inside it) together with the contact: a rating whose clientId is
 * already stored is a duplicate, the rest are stored with the tap time as
 * `submitted_at`, and flagged (lib/kiosk/limits.ts) `kiosk_burst` beyond the
 * burst rule, `outside_hours` when tapped outside the office's opening hours,
 * `kiosk_daily_cap` beyond the kiosk's daily number. Kiosks carry no device
 * or network signal, so the citizen limits do not apply to them. If the
 * kiosk was revoked or re-paired since the request was authenticated,
 * nothing is stored.
 *
 * Concurrency: everything from the credential check to the last insert runs
 * under the lock `kiosk:<id>`, which staff changes of the credential take
 * too: two batches of one kiosk arriving at two servers count each other's
 * ratings for the burst rule and the daily cap (without it both would read
 * the same counts and both stay under the cap), and a revocation lands
 * before the batch (nothing stored) or after it, never in between.
 */
export async function storeKioskBatch(input: StoreBatchInput): Promise<StoreBatchResult> {
  const now = input.now ?? new Date();
  const kiosk = input.kiosk;
  const counted = !inTransaction();
  const result = await transaction(async (c) => {
    await c.lock(kioskLock(kiosk.id));
    if (!(await isKioskPaired({ kioskId: kiosk.id, credentialHash: kiosk.credentialHash }))) return { status: 'unpaired' } as const;
    const known = new Set(await listStoredClientIds({ clientIds: input.ratings.map((r) => r.clientId) }));
    const duplicates: string[] = [];
    const fresh: KioskRating[] = [];
    for (const r of input.ratings) {
      if (known.has(r.clientId)) duplicates.push(r.clientId);
      else {
        fresh.push(r);
        // The same id twice in one batch: the second is a duplicate of the first.
        known.add(r.clientId);
      }
    }

    // Stored as submitted_at, which is never after the arrival: decide on the same time.
    const times = fresh.map((r) => Math.min(r.tappedAt, now.getTime()));
    let flags: KioskFlag[][] = [];
    if (fresh.length) {
      const storedPerDay = new Map<number, number>();
      for (const day of new Set(times.map(vietnamDayStart))) {
        storedPerDay.set(day, await countKioskTaps({ unitId: kiosk.unitId, kioskId: kiosk.id, from: day, to: day + DAY_MS }));
      }
      flags = decideKioskFlags({
        taps: times,
        storedBurstTaps: await listKioskTapTimes({ unitId: kiosk.unitId, kioskId: kiosk.id, from: Math.min(...times) - KIOSK_BURST_RULE.windowMs, to: Math.max(...times) }),
        storedPerDay,
        hours: kiosk.openingHours,
        dailyLimit: input.dailyLimit ?? KIOSK_DAILY_LIMIT_DEFAULT,
      });
    }

    const stored: string[] = [];
    const flagged: string[] = [];
    for (const [i, r] of fresh.entries()) {
      const answers: SubmittedAnswer[] = r.answers.map((a) => ({ questionKey: a.questionKey, score: a.score, choice: null }));
      if (r.reasonsKey) for (const reason of r.reasons) answers.push({ questionKey: r.reasonsKey, score: null, choice: reason });
      const result = await storeRating({
        clientId: r.clientId,
        unitId: kiosk.unitId,
        counterId: kiosk.counterId,
        questionSetVersionId: r.questionSetVersionId,
        channel: 'kiosk',
        // A tablet clock a little ahead (tolerated up to 2 min) never dates a rating after it arrived.
        submittedAt: new Date(times[i]!),
        receivedAt: now,
        lang: r.lang,
        procedureFieldId: null,
        comment: r.comment,
        answers,
        contact: null,
        deviceHash: null,
        networkHash: null,
        kioskId: kiosk.id,
        extraFlags: flags[i] ?? [],
        rules: DEFAULT_ABUSE_RULES,
      });
      // Without signals nothing is refused; a duplicate here was stored by a request of another kiosk with the same id.
      if (result.status === 'duplicate') duplicates.push(r.clientId);
      else if (result.status === 'created') {
        stored.push(r.clientId);
        if (result.flags.length) flagged.push(r.clientId);
      }
    }
    await recordKioskContact({ kioskId: kiosk.id, appVersion: input.appVersion, queued: input.queued, now });
    return { status: 'ok', stored, duplicates, flagged } as const;
  });
  if (counted && result.status === 'ok') {
    const tappedAt = new Map(input.ratings.map((r) => [r.clientId, r.tappedAt]));
    countKioskBatch({
      stored: result.stored.length,
      flagged: result.flagged.length,
      duplicates: result.duplicates.length,
      lagSeconds: result.stored.map((id) => (now.getTime() - (tappedAt.get(id) ?? now.getTime())) / 1000),
    });
  }
  return result;
}
