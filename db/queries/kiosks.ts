import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, asc, eq, gt, isNotNull, sql } from 'drizzle-orm';
import type { Viewer } from '@/lib/auth/roles';
import { DEFAULT_ABUSE_RULES } from '@/lib/abuse';
import { KIOSK_BURST_RULE } from '@/lib/kiosk/burst';
import { decideKioskFlags, decideThrottle, KIOSK_BATCH_THROTTLE, KIOSK_DAILY_LIMIT_DEFAULT, vietnamDayStart, type KioskFlag, type ThrottleDecision } from '@/lib/kiosk/limits';
import type { KioskRating } from '@/lib/kiosk/batch';
import { formatKioskCredential, normalizePairingCode, PAIRING_CODE_LENGTH, PAIRING_THROTTLE, PAIRING_TTL_MS, pairingAllowed, parseKioskCredential } from '@/lib/kiosk/pairing';
import type { SubmittedAnswer } from '@/lib/validation/survey-response';
import type { Db } from '../client';
import { newCode } from '../ids';
import { resolveOpeningHours, type OpeningHours } from '@/lib/opening-hours';
import { counters, kiosks, throttleEvents, units } from '../schema';
import { createAnonymousFailureEntry, createAuditEntry } from './audit';
import { createResponse } from './responses';
import { perConnection } from './survey-cache';
import { inSubtree } from './unit-tree';

/**
 * Kiosk tablets (issue 5, docs/kiosk-protocol.md).
 *
 * Staff functions take the acting viewer and check the scope inside their
 * own transaction: a kiosk or office outside the viewer's subtree answers
 * null (callers say "not found"), and every change is audited in the same
 * transaction. Secrets are stored only as SHA-256 hashes: the pairing code
 * (shown once to staff, single use, 15 minutes) and the device token (in the
 * tablet's httpOnly cookie).
 */

type Actor = Pick<Viewer, 'userId' | 'scopePath'>;
type Scoped = Pick<Viewer, 'scopePath'>;
const asDb = (tx: unknown) => tx as Db;

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

// ---------------------------------------------------------------- reads

const kioskFields = {
  id: kiosks.id,
  name: kiosks.name,
  unitId: kiosks.unitId,
  officeName: units.name,
  officePath: units.path,
  counterId: kiosks.counterId,
  counterName: counters.name,
  idleSeconds: kiosks.idleSeconds,
  credentialHash: kiosks.credentialHash,
  pairedAt: kiosks.pairedAt,
  pairingExpiresAt: kiosks.pairingExpiresAt,
  revokedAt: kiosks.revokedAt,
  lastSeenAt: kiosks.lastSeenAt,
  appVersion: kiosks.appVersion,
  queuedCount: kiosks.queuedCount,
  createdAt: kiosks.createdAt,
};

export type KioskRow = Omit<{ [K in keyof typeof kioskFields]: (typeof kioskFields)[K]['_']['data'] }, 'credentialHash' | 'counterName'> & {
  counterName: string | null;
  /** Holds a valid device credential (paired, not revoked or re-paired since). */
  paired: boolean;
};

function toRow(r: Record<string, unknown> & { credentialHash: string | null }): KioskRow {
  const { credentialHash, ...rest } = r;
  return { ...(rest as Omit<KioskRow, 'paired'>), paired: credentialHash !== null };
}

function selectKiosks(db: Pick<Db, 'select'>) {
  return db.select(kioskFields).from(kiosks).innerJoin(units, eq(units.id, kiosks.unitId)).leftJoin(counters, eq(counters.id, kiosks.counterId));
}

/** The kiosks of the viewer's subtree, by office (tree path) and name. */
export function listKiosks(db: Db, { viewer }: { viewer: Scoped }): KioskRow[] {
  return selectKiosks(db)
    .where(inSubtree(viewer.scopePath))
    .orderBy(asc(units.path), asc(kiosks.name), asc(kiosks.id))
    .all()
    .map(toRow);
}

/** One kiosk if its office lies in the viewer's subtree, else null. */
export function getKiosk(db: Db, { viewer, kioskId }: { viewer: Scoped; kioskId: number }): KioskRow | null {
  const r = selectKiosks(db)
    .where(and(eq(kiosks.id, kioskId), inSubtree(viewer.scopePath)))
    .get();
  return r ? toRow(r) : null;
}

export type KioskOffice = { id: number; name: string; depth: number; counters: { id: number; name: string }[] };

/** Offices a kiosk may be created for: active units that take ratings in the viewer's subtree, with their active counters. */
export function listKioskOffices(db: Db, { viewer }: { viewer: Scoped }): KioskOffice[] {
  const offices = db
    .select({ id: units.id, name: units.name, path: units.path })
    .from(units)
    .where(and(inSubtree(viewer.scopePath), isNotNull(units.code), eq(units.active, true)))
    .orderBy(asc(units.path))
    .all();
  const counterRows = db
    .select({ id: counters.id, unitId: counters.unitId, name: counters.name })
    .from(counters)
    .innerJoin(units, eq(units.id, counters.unitId))
    .where(and(inSubtree(viewer.scopePath), eq(counters.active, true)))
    .orderBy(asc(counters.sortOrder), asc(counters.name), asc(counters.id))
    .all();
  const rootDepth = viewer.scopePath.split('/').filter(Boolean).length;
  return offices.map((o) => ({
    id: o.id,
    name: o.name,
    depth: o.path.split('/').filter(Boolean).length - rootDepth,
    counters: counterRows.filter((c) => c.unitId === o.id).map((c) => ({ id: c.id, name: c.name })),
  }));
}

// ---------------------------------------------------------------- staff changes

export type PairingCode = { code: string; expiresAt: Date };

/** A fresh code no kiosk is waiting with; the hash is what is stored. */
function newPairingCode(db: Pick<Db, 'select'>, now: Date): PairingCode & { hash: string } {
  for (;;) {
    const code = newCode(PAIRING_CODE_LENGTH);
    const hash = sha256(code);
    if (!db.select({ id: kiosks.id }).from(kiosks).where(eq(kiosks.pairingCodeHash, hash)).get()) {
      return { code, hash, expiresAt: new Date(now.getTime() + PAIRING_TTL_MS) };
    }
  }
}

export type CreateKioskResult = { status: 'created'; kiosk: KioskRow; pairing: PairingCode } | { status: 'not_found' } | { status: 'bad_counter' };

/**
 * A kiosk for an office of the viewer's subtree (optionally one of its
 * counters), waiting to be paired: the pairing code is returned here once.
 */
export function createKiosk(
  db: Db,
  { viewer, unitId, counterId, name, idleSeconds, now = new Date() }: { viewer: Actor; unitId: number; counterId: number | null; name: string; idleSeconds: number; now?: Date },
): CreateKioskResult {
  return db.transaction((tx) => {
    const office = tx
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.id, unitId), inSubtree(viewer.scopePath), isNotNull(units.code), eq(units.active, true)))
      .get();
    if (!office) return { status: 'not_found' } as const;
    if (counterId !== null) {
      const counter = tx
        .select({ id: counters.id })
        .from(counters)
        .where(and(eq(counters.id, counterId), eq(counters.unitId, unitId), eq(counters.active, true)))
        .get();
      if (!counter) return { status: 'bad_counter' } as const;
    }
    const pairing = newPairingCode(tx, now);
    const id = tx
      .insert(kiosks)
      .values({ unitId, counterId, name, idleSeconds, pairingCodeHash: pairing.hash, pairingExpiresAt: pairing.expiresAt, createdBy: viewer.userId, createdAt: now })
      .returning({ id: kiosks.id })
      .all()[0]!.id;
    createAuditEntry(tx, {
      at: now,
      actorId: viewer.userId,
      action: 'kiosk.create',
      entityType: 'kiosk',
      entityId: id,
      after: { unitId, counterId, name, idleSeconds, pairingExpiresAt: pairing.expiresAt },
    });
    const kiosk = getKiosk(asDb(tx), { viewer, kioskId: id })!;
    return { status: 'created', kiosk, pairing: { code: pairing.code, expiresAt: pairing.expiresAt } } as const;
  });
}

/**
 * A new pairing code for a kiosk (a replaced tablet, a lost code, a revoked
 * kiosk put back in service). The current credential stops working at once:
 * the tablet's next contact gets "unpaired".
 */
export function repairKiosk(db: Db, { viewer, kioskId, now = new Date() }: { viewer: Actor; kioskId: number; now?: Date }): PairingCode | null {
  return db.transaction((tx) => {
    const before = getKiosk(asDb(tx), { viewer, kioskId });
    if (!before) return null;
    const pairing = newPairingCode(tx, now);
    tx.update(kiosks)
      .set({ pairingCodeHash: pairing.hash, pairingExpiresAt: pairing.expiresAt, credentialHash: null, revokedAt: null })
      .where(eq(kiosks.id, kioskId))
      .run();
    createAuditEntry(tx, {
      at: now,
      actorId: viewer.userId,
      action: 'kiosk.repair',
      entityType: 'kiosk',
      entityId: kioskId,
      before: { paired: before.paired, revokedAt: before.revokedAt },
      after: { paired: false, revokedAt: null, pairingExpiresAt: pairing.expiresAt },
    });
    return { code: pairing.code, expiresAt: pairing.expiresAt };
  });
}

/** Takes a kiosk out of service: its credential and any pending code stop working at once. Idempotent. */
export function revokeKiosk(db: Db, { viewer, kioskId, now = new Date() }: { viewer: Actor; kioskId: number; now?: Date }): KioskRow | null {
  return db.transaction((tx) => {
    const before = getKiosk(asDb(tx), { viewer, kioskId });
    if (!before) return null;
    if (before.revokedAt && !before.paired && !before.pairingExpiresAt) return before;
    tx.update(kiosks).set({ credentialHash: null, pairingCodeHash: null, pairingExpiresAt: null, revokedAt: now }).where(eq(kiosks.id, kioskId)).run();
    createAuditEntry(tx, {
      at: now,
      actorId: viewer.userId,
      action: 'kiosk.revoke',
      entityType: 'kiosk',
      entityId: kioskId,
      before: { paired: before.paired, pairingExpiresAt: before.pairingExpiresAt, revokedAt: before.revokedAt },
      after: { paired: false, pairingExpiresAt: null, revokedAt: now },
    });
    return getKiosk(asDb(tx), { viewer, kioskId });
  });
}

/** Renames a kiosk and sets its idle timeout; the tablet picks them up at its next config fetch. */
export function updateKiosk(
  db: Db,
  { viewer, kioskId, name, idleSeconds }: { viewer: Actor; kioskId: number; name: string; idleSeconds: number },
): KioskRow | null {
  return db.transaction((tx) => {
    const before = getKiosk(asDb(tx), { viewer, kioskId });
    if (!before) return null;
    if (before.name === name && before.idleSeconds === idleSeconds) return before;
    tx.update(kiosks).set({ name, idleSeconds }).where(eq(kiosks.id, kioskId)).run();
    createAuditEntry(tx, {
      actorId: viewer.userId,
      action: 'kiosk.update',
      entityType: 'kiosk',
      entityId: kioskId,
      before: { name: before.name, idleSeconds: before.idleSeconds },
      after: { name, idleSeconds },
    });
    return { ...before, name, idleSeconds };
  });
}

// ---------------------------------------------------------------- the tablet

export type PairResult = { status: 'paired'; kioskId: number; credential: string } | { status: 'bad_code' } | { status: 'throttled' };

/**
 * Requests of `scope` by `key` within the window, counted in the database so
 * every app server agrees; the times only, for decideThrottle.
 */
function recentThrottleEvents(db: Pick<Db, 'select'>, { scope, key, since }: { scope: string; key: string; since: Date }): number[] {
  return db
    .select({ at: throttleEvents.at })
    .from(throttleEvents)
    .where(and(eq(throttleEvents.scope, scope), eq(throttleEvents.key, key), gt(throttleEvents.at, since)))
    .all()
    .map((r) => r.at.getTime());
}

/**
 * Exchanges a pairing code for a device credential (`"<kioskId>.<token>"`,
 * the token 32 random bytes). The code is single use. A failure from a
 * network is counted in `throttle_events` (scope 'kiosk_pair', key the
 * network's hash; 10 per network in 15 minutes, in the database so every app
 * server agrees) and audited as 'kiosk.pair_failed', aggregated per network
 * and 15 minutes (createAnonymousFailureEntry) so a flood of wrong codes
 * cannot flood the audit log. The first pairing time is kept when a kiosk
 * is paired again (ADR 011): ratings tapped before it are refused.
 */
export function pairKiosk(db: Db, { code, networkHash, now = new Date() }: { code: string; networkHash: string | null; now?: Date }): PairResult {
  return db.transaction(
    (tx) => {
      if (networkHash) {
        const failures = recentThrottleEvents(tx, { scope: 'kiosk_pair', key: networkHash, since: new Date(now.getTime() - PAIRING_THROTTLE.windowMs) });
        if (!pairingAllowed(failures, now.getTime())) {
          // Still audited (aggregated), so the log shows how long a network kept trying; not counted again, so it is free after the window.
          createAnonymousFailureEntry(tx, { at: now, action: 'kiosk.pair_failed', entityType: 'kiosk', after: { reason: 'throttled' }, networkHash });
          return { status: 'throttled' } as const;
        }
      }
      const normalized = normalizePairingCode(code);
      const kiosk = normalized
        ? tx
            .select({ id: kiosks.id, expiresAt: kiosks.pairingExpiresAt })
            .from(kiosks)
            .where(eq(kiosks.pairingCodeHash, sha256(normalized)))
            .get()
        : undefined;
      if (!kiosk || !kiosk.expiresAt || kiosk.expiresAt.getTime() <= now.getTime()) {
        if (networkHash) tx.insert(throttleEvents).values({ scope: 'kiosk_pair', key: networkHash, at: now }).run();
        createAnonymousFailureEntry(tx, {
          at: now,
          action: 'kiosk.pair_failed',
          entityType: 'kiosk',
          entityId: kiosk?.id ?? null,
          after: { reason: kiosk ? 'expired' : 'unknown' },
          networkHash,
        });
        return { status: 'bad_code' } as const;
      }
      const token = randomBytes(32).toString('base64url');
      tx.update(kiosks)
        .set({
          credentialHash: sha256(token),
          pairedAt: now,
          firstPairedAt: sql`coalesce(${kiosks.firstPairedAt}, ${now.getTime()})`,
          lastSeenAt: now,
          pairingCodeHash: null,
          pairingExpiresAt: null,
          revokedAt: null,
        })
        .where(eq(kiosks.id, kiosk.id))
        .run();
      createAuditEntry(tx, { at: now, actorId: null, action: 'kiosk.pair', entityType: 'kiosk', entityId: kiosk.id, after: { pairedAt: now }, networkHash });
      return { status: 'paired', kioskId: kiosk.id, credential: formatKioskCredential(kiosk.id, token) } as const;
    },
    { behavior: 'immediate' },
  );
}

/**
 * Counts one batch request of a kiosk credential against KIOSK_BATCH_THROTTLE
 * (scope 'kiosk_batch', key the kiosk id, in `throttle_events` so every app
 * server agrees): refused requests are not counted, so a tablet that waits
 * as told gets through. Checked and recorded in one write transaction.
 */
export function recordKioskBatchRequest(
  db: Db,
  { kioskId, now = new Date(), perMinute = KIOSK_BATCH_THROTTLE.max }: { kioskId: number; now?: Date; perMinute?: number },
): ThrottleDecision {
  const rule = { ...KIOSK_BATCH_THROTTLE, max: perMinute };
  return db.transaction(
    (tx) => {
      const key = String(kioskId);
      const recent = recentThrottleEvents(tx, { scope: 'kiosk_batch', key, since: new Date(now.getTime() - rule.windowMs) });
      const decision = decideThrottle(recent, now.getTime(), rule);
      if (decision.allowed) tx.insert(throttleEvents).values({ scope: 'kiosk_batch', key, at: now }).run();
      return decision;
    },
    { behavior: 'immediate' },
  );
}

/** A paired kiosk as the tablet endpoints need it. */
export type KioskIdentity = {
  id: number;
  name: string;
  unitId: number;
  unitPath: string;
  officeName: string;
  counterId: number | null;
  counterName: string | null;
  idleSeconds: number;
  credentialHash: string;
  /** The first pairing (epoch ms), kept when re-paired; ratings tapped before it are refused. */
  firstPairedAt: number | null;
  /** The office's opening hours: its own, else the nearest ancestor's, else the default. */
  openingHours: OpeningHours;
};

type IdentityRow = Omit<KioskIdentity, 'openingHours'> & { openingHours: string | null };

const identityStatements = perConnection((sqlite) => ({
  // The office's opening hours are its own or the nearest ancestor's (an ancestor's path is a prefix of the office's).
  byId: sqlite.prepare<[number], IdentityRow>(
    `select k.id, k.name, k.unit_id as unitId, u.path as unitPath, u.name as officeName, k.counter_id as counterId, c.name as counterName,
       k.idle_seconds as idleSeconds, k.credential_hash as credentialHash, k.first_paired_at as firstPairedAt,
       (select a.opening_hours from units a where a.opening_hours is not null and substr(u.path, 1, length(a.path)) = a.path
         order by length(a.path) desc limit 1) as openingHours
     from kiosks k join units u on u.id = k.unit_id left join counters c on c.id = k.counter_id
     where k.id = ? and k.credential_hash is not null and k.revoked_at is null and u.active = 1`,
  ),
  touch: sqlite.prepare<[number, string | null, number | null, number]>(
    'update kiosks set last_seen_at = ?, app_version = coalesce(?, app_version), queued_count = coalesce(?, queued_count) where id = ?',
  ),
}));

/**
 * The kiosk a cookie value belongs to, or null for a missing, forged,
 * revoked or replaced credential (or a kiosk whose office was disabled).
 * The hashes are compared in constant time.
 */
export function getKioskByCredential(db: Db, { credential }: { credential: string | null | undefined }): KioskIdentity | null {
  const parsed = parseKioskCredential(credential);
  if (!parsed) return null;
  const row = identityStatements(db).byId.get(parsed.kioskId);
  if (!row) return null;
  const a = Buffer.from(row.credentialHash, 'hex');
  const b = Buffer.from(sha256(parsed.token), 'hex');
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  return { ...row, openingHours: resolveOpeningHours([row.openingHours]) };
}

/**
 * Records a contact from the tablet for the fleet view. A config fetch
 * reports no version or queue, so those keep what the last batch said.
 */
export function recordKioskContact(db: Db, { kioskId, appVersion = null, queued = null, now = new Date() }: { kioskId: number; appVersion?: string | null; queued?: number | null; now?: Date }) {
  identityStatements(db).touch.run(now.getTime(), appVersion, queued, kioskId);
}

export type StoreBatchInput = {
  kiosk: Pick<KioskIdentity, 'id' | 'unitId' | 'counterId' | 'credentialHash' | 'openingHours'>;
  questionSetVersionId: number;
  questionKey: string;
  reasonsKey: string | null;
  ratings: readonly KioskRating[];
  appVersion: string;
  queued: number;
  /** Ratings per kiosk per day beyond which they are flagged (KIOSK_DAILY_LIMIT). */
  dailyLimit?: number;
  now?: Date;
};

export type StoreBatchResult = { status: 'ok'; stored: string[]; duplicates: string[]; flagged: string[] } | { status: 'unpaired' };

const batchStatements = perConnection((sqlite) => ({
  stillPaired: sqlite.prepare<[number, string], { one: 1 }>('select 1 as one from kiosks where id = ? and credential_hash = ? and revoked_at is null'),
  existing: sqlite.prepare<[string], { id: number }>('select id from responses where client_id = ?'),
  // responses_unit_time_idx narrows to the office and the time span; the kiosk is a filter on those few rows.
  taps: sqlite.prepare<[number, number, number, number], { t: number }>(
    'select submitted_at as t from responses where unit_id = ? and submitted_at > ? and submitted_at <= ? and kiosk_id = ?',
  ),
  tapsOfDay: sqlite.prepare<[number, number, number, number], { n: number }>(
    'select count(*) as n from responses where unit_id = ? and submitted_at >= ? and submitted_at < ? and kiosk_id = ?',
  ),
  touch: sqlite.prepare<[number, string, number, number]>('update kiosks set last_seen_at = ?, app_version = ?, queued_count = ? where id = ?'),
}));

/**
 * Stores a kiosk's validated ratings in one write transaction (each
 * createResponse is a savepoint inside it) together with the contact: a
 * rating whose clientId is already stored is a duplicate, the rest are
 * stored with the tap time as `submitted_at`, and flagged (lib/kiosk/limits.ts)
 * `kiosk_burst` beyond the burst rule, `outside_hours` when tapped outside
 * the office's opening hours, `kiosk_daily_cap` beyond the kiosk's daily
 * number; the counts are read in this write transaction, so two app
 * servers (or two batches) cannot both stay under a limit. Kiosks carry no device or
 * network signal, so the citizen limits do not apply to them. If the kiosk
 * was revoked or re-paired since the request was authenticated, nothing is
 * stored.
 */
export function storeKioskBatch(db: Db, input: StoreBatchInput): StoreBatchResult {
  const sqlite = db.$client;
  const s = batchStatements(db);
  const now = input.now ?? new Date();
  return sqlite
    .transaction((): StoreBatchResult => {
      if (!s.stillPaired.get(input.kiosk.id, input.kiosk.credentialHash)) return { status: 'unpaired' };
      const duplicates: string[] = [];
      const fresh: KioskRating[] = [];
      for (const r of input.ratings) {
        if (s.existing.get(r.clientId)) duplicates.push(r.clientId);
        else fresh.push(r);
      }

      const DAY = 24 * 3600_000;
      // Stored as submitted_at, which is never after the arrival: decide on the same time.
      const times = fresh.map((r) => Math.min(r.tappedAt, now.getTime()));
      let flags: KioskFlag[][] = [];
      if (fresh.length) {
        const from = Math.min(...times) - KIOSK_BURST_RULE.windowMs;
        const to = Math.max(...times);
        const storedPerDay = new Map<number, number>();
        for (const day of new Set(times.map(vietnamDayStart))) storedPerDay.set(day, s.tapsOfDay.get(input.kiosk.unitId, day, day + DAY, input.kiosk.id)!.n);
        flags = decideKioskFlags({
          taps: times,
          storedBurstTaps: s.taps.all(input.kiosk.unitId, from, to, input.kiosk.id).map((x) => x.t),
          storedPerDay,
          hours: input.kiosk.openingHours,
          dailyLimit: input.dailyLimit ?? KIOSK_DAILY_LIMIT_DEFAULT,
        });
      }

      const stored: string[] = [];
      const flagged: string[] = [];
      fresh.forEach((r, i) => {
        const answers: SubmittedAnswer[] = [{ questionKey: input.questionKey, score: r.score, choice: null }];
        if (input.reasonsKey) for (const reason of r.reasons) answers.push({ questionKey: input.reasonsKey, score: null, choice: reason });
        const result = createResponse(db, {
          clientId: r.clientId,
          unitId: input.kiosk.unitId,
          counterId: input.kiosk.counterId,
          questionSetVersionId: input.questionSetVersionId,
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
          kioskId: input.kiosk.id,
          extraFlags: flags[i] ?? [],
          rules: DEFAULT_ABUSE_RULES,
        });
        // Without signals nothing is refused; 'duplicate' cannot happen after the check above, in the same transaction.
        if (result.status === 'duplicate') duplicates.push(r.clientId);
        else if (result.status === 'created') {
          stored.push(r.clientId);
          if (result.flags.length) flagged.push(r.clientId);
        }
      });
      s.touch.run(now.getTime(), input.appVersion, input.queued, input.kiosk.id);
      return { status: 'ok', stored, duplicates, flagged };
    })
    .immediate();
}
