import { createHash, timingSafeEqual } from 'node:crypto';
import { and, asc, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Viewer } from '@/lib/auth/roles';
import { formatKioskCredential, normalizePairingCode, PAIRING_CODE_LENGTH, PAIRING_TTL_MS, parseKioskCredential } from '@/lib/kiosk/pairing';
import { resolveOpeningHours, type OpeningHours } from '@/lib/opening-hours';
import { unitTreeRows, type UnitTreeRow } from '@/lib/unit-tree';
import { newCode } from '../ids';
import { counters, kiosks, responses, throttleEvents, units } from '../schema';
import { transaction, withConn, type Db } from '../store';
import { createAuditEntry } from './audit';
import { inSubtree } from './unit-tree';

/**
 * Kiosk tablets (issue 5, docs/kiosk-protocol.md): statements only. What
 * happens when a tablet talks to the server (pairing, the batch limits, a
 * batch of ratings) is decided in server/kiosk-sync.ts with lib/kiosk.
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

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** The lock a kiosk's credential changes and batches take in turn (server/kiosk-sync.ts). */
export const kioskLock = (kioskId: number) => `kiosk:${kioskId}`;

// ---------------------------------------------------------------- reads

/** The office's opening hours as stored: its own, else the nearest ancestor's (an ancestor's path is a prefix of the office's). */
const storedOpeningHours = sql<string | null>`(select a.opening_hours from units a
  where a.opening_hours is not null and substr(${units.path}, 1, length(a.path)) = a.path
  order by length(a.path) desc limit 1)`;

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
  /** The office's opening hours: its own, else the nearest ancestor's, else the default. */
  openingHours: OpeningHours;
};

function toRow(r: Record<string, unknown> & { credentialHash: string | null; storedHours: unknown }): KioskRow {
  const { credentialHash, storedHours, ...rest } = r;
  return { ...(rest as Omit<KioskRow, 'paired' | 'openingHours'>), paired: credentialHash !== null, openingHours: resolveOpeningHours([storedHours]) };
}

function selectKiosks(db: Pick<Db, 'select'>) {
  return db
    .select({ ...kioskFields, storedHours: storedOpeningHours })
    .from(kiosks)
    .innerJoin(units, eq(units.id, kiosks.unitId))
    .leftJoin(counters, eq(counters.id, kiosks.counterId));
}

/** The kiosks of the viewer's subtree, by office (tree path) and name. */
export async function listKiosks({ viewer }: { viewer: Scoped }): Promise<KioskRow[]> {
  return withConn(async ({ db }) => {
    const rows = await selectKiosks(db).where(inSubtree(viewer.scopePath)).orderBy(asc(units.path), asc(kiosks.name), asc(kiosks.id));
    return rows.map(toRow);
  });
}

/** One kiosk if its office lies in the viewer's subtree, else null. */
export async function getKiosk({ viewer, kioskId }: { viewer: Scoped; kioskId: number }): Promise<KioskRow | null> {
  return withConn(async ({ db }) => {
    const [r] = await selectKiosks(db)
      .where(and(eq(kiosks.id, kioskId), inSubtree(viewer.scopePath)))
      .limit(1);
    return r ? toRow(r) : null;
  });
}

export type KioskOffice = UnitTreeRow & { counters: { id: number; name: string }[] };

/**
 * The kiosk picker's lines (lib/unit-tree.ts `unitTreeRows`): the active units
 * that take ratings in the viewer's subtree, with their active counters, each
 * under every unit above it (those only as headings, `pickable` false).
 */
export async function listKioskOffices({ viewer }: { viewer: Scoped }): Promise<KioskOffice[]> {
  return withConn(async ({ db }) => {
    const all = await db
      .select({ id: units.id, parentId: units.parentId, sortOrder: units.sortOrder, searchName: units.searchName, name: units.name, code: units.code, active: units.active })
      .from(units)
      .where(inSubtree(viewer.scopePath));
    const counterRows = await db
      .select({ id: counters.id, unitId: counters.unitId, name: counters.name })
      .from(counters)
      .innerJoin(units, eq(units.id, counters.unitId))
      .where(and(inSubtree(viewer.scopePath), eq(counters.active, true)))
      .orderBy(asc(counters.sortOrder), asc(counters.name), asc(counters.id));
    return unitTreeRows(all, (u) => u.code !== null && u.active).map((row) => ({
      ...row,
      counters: row.pickable ? counterRows.filter((c) => c.unitId === row.id).map((c) => ({ id: c.id, name: c.name })) : [],
    }));
  });
}

// ---------------------------------------------------------------- staff changes

export type PairingCode = { code: string; expiresAt: Date };

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Writes a fresh pairing code's hash with `write` and returns the code. The
 * unique index on the hash decides between two servers that drew the same
 * code at once (29^8 codes, so this is about correctness, not load): the
 * write runs in a savepoint, so a clash (which aborts the transaction on
 * PostgreSQL) undoes only itself, and another code is drawn.
 */
async function withFreshPairingCode(now: Date, write: (hash: string, expiresAt: Date) => Promise<void>): Promise<PairingCode> {
  for (;;) {
    const code = newCode(PAIRING_CODE_LENGTH);
    const expiresAt = new Date(now.getTime() + PAIRING_TTL_MS);
    try {
      await transaction(() => write(sha256(code), expiresAt));
      return { code, expiresAt };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
}

export type CreateKioskResult = { status: 'created'; kiosk: KioskRow; pairing: PairingCode } | { status: 'not_found' } | { status: 'bad_counter' };

/**
 * A kiosk for an office of the viewer's subtree (optionally one of its
 * counters), waiting to be paired: the pairing code is returned here once.
 */
export async function createKiosk({
  viewer,
  unitId,
  counterId,
  name,
  idleSeconds,
  now = new Date(),
}: {
  viewer: Actor;
  unitId: number;
  counterId: number | null;
  name: string;
  idleSeconds: number;
  now?: Date;
}): Promise<CreateKioskResult> {
  return transaction(async ({ db }) => {
    const [office] = await db
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.id, unitId), inSubtree(viewer.scopePath), isNotNull(units.code), eq(units.active, true)))
      .limit(1);
    if (!office) return { status: 'not_found' } as const;
    if (counterId !== null) {
      const [counter] = await db
        .select({ id: counters.id })
        .from(counters)
        .where(and(eq(counters.id, counterId), eq(counters.unitId, unitId), eq(counters.active, true)))
        .limit(1);
      if (!counter) return { status: 'bad_counter' } as const;
    }
    let id = 0;
    const pairing = await withFreshPairingCode(now, async (hash, expiresAt) => {
      const [row] = await db
        .insert(kiosks)
        .values({ unitId, counterId, name, idleSeconds, pairingCodeHash: hash, pairingExpiresAt: expiresAt, createdBy: viewer.userId, createdAt: now })
        .returning({ id: kiosks.id });
      id = row!.id;
    });
    await createAuditEntry({
      at: now,
      actorId: viewer.userId,
      action: 'kiosk.create',
      entityType: 'kiosk',
      entityId: id,
      after: { unitId, counterId, name, idleSeconds, pairingExpiresAt: pairing.expiresAt },
    });
    const kiosk = (await getKiosk({ viewer, kioskId: id }))!;
    return { status: 'created', kiosk, pairing } as const;
  });
}

/**
 * A new pairing code for a kiosk (a replaced tablet, a lost code, a revoked
 * kiosk put back in service). The current credential stops working at once:
 * the tablet's next contact gets "unpaired". Under the kiosk's lock, so a
 * batch being stored finishes first or sees the kiosk unpaired.
 */
export async function repairKiosk({ viewer, kioskId, now = new Date() }: { viewer: Actor; kioskId: number; now?: Date }): Promise<PairingCode | null> {
  return transaction(async (c) => {
    await c.lock(kioskLock(kioskId));
    const before = await getKiosk({ viewer, kioskId });
    if (!before) return null;
    const pairing = await withFreshPairingCode(now, async (hash, expiresAt) => {
      await c.db.update(kiosks).set({ pairingCodeHash: hash, pairingExpiresAt: expiresAt, credentialHash: null, revokedAt: null }).where(eq(kiosks.id, kioskId));
    });
    await createAuditEntry({
      at: now,
      actorId: viewer.userId,
      action: 'kiosk.repair',
      entityType: 'kiosk',
      entityId: kioskId,
      before: { paired: before.paired, revokedAt: before.revokedAt },
      after: { paired: false, revokedAt: null, pairingExpiresAt: pairing.expiresAt },
    });
    return pairing;
  });
}

/** Takes a kiosk out of service: its credential and any pending code stop working at once. Idempotent; under the kiosk's lock (see repairKiosk). */
export async function revokeKiosk({ viewer, kioskId, now = new Date() }: { viewer: Actor; kioskId: number; now?: Date }): Promise<KioskRow | null> {
  return transaction(async (c) => {
    await c.lock(kioskLock(kioskId));
    const before = await getKiosk({ viewer, kioskId });
    if (!before) return null;
    if (before.revokedAt && !before.paired && !before.pairingExpiresAt) return before;
    await c.db.update(kiosks).set({ credentialHash: null, pairingCodeHash: null, pairingExpiresAt: null, revokedAt: now }).where(eq(kiosks.id, kioskId));
    await createAuditEntry({
      at: now,
      actorId: viewer.userId,
      action: 'kiosk.revoke',
      entityType: 'kiosk',
      entityId: kioskId,
      before: { paired: before.paired, pairingExpiresAt: before.pairingExpiresAt, revokedAt: before.revokedAt },
      after: { paired: false, pairingExpiresAt: null, revokedAt: now },
    });
    return getKiosk({ viewer, kioskId });
  });
}

/**
 * Renames a kiosk and sets its idle timeout; the tablet picks them up at its
 * next config fetch. Under the kiosk's lock, so the audited "before" is what
 * the change replaced even when two staff save at once.
 */
export async function updateKiosk({ viewer, kioskId, name, idleSeconds }: { viewer: Actor; kioskId: number; name: string; idleSeconds: number }): Promise<KioskRow | null> {
  return transaction(async (c) => {
    await c.lock(kioskLock(kioskId));
    const before = await getKiosk({ viewer, kioskId });
    if (!before) return null;
    if (before.name === name && before.idleSeconds === idleSeconds) return before;
    await c.db.update(kiosks).set({ name, idleSeconds }).where(eq(kiosks.id, kioskId));
    await createAuditEntry({
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

// ---------------------------------------------------------------- throttles

/**
 * The times (epoch ms) of the requests of `scope` by `key` counted after
 * `since`, from `throttle_events` so every app server agrees. A caller that
 * decides from them and then records one must hold a lock on the key
 * (server/kiosk-sync.ts).
 */
export async function listThrottleEvents({ scope, key, since }: { scope: string; key: string; since: Date }): Promise<number[]> {
  return withConn(async ({ db }) => {
    const rows = await db
      .select({ at: throttleEvents.at })
      .from(throttleEvents)
      .where(and(eq(throttleEvents.scope, scope), eq(throttleEvents.key, key), gt(throttleEvents.at, since)));
    return rows.map((r) => r.at.getTime());
  });
}

export async function createThrottleEvent({ scope, key, at }: { scope: string; key: string; at: Date }): Promise<void> {
  await withConn(async ({ db }) => {
    await db.insert(throttleEvents).values({ scope, key, at });
  });
}

// ---------------------------------------------------------------- the tablet

/**
 * Exchanges a pairing code for the device credential of the kiosk waiting
 * with it, in one statement: the code's hash is cleared by the same UPDATE
 * that checks it, so of two requests with one code (on two app servers)
 * exactly one gets the row; the other finds nothing. The first pairing time
 * is kept when a kiosk is paired again (ADR 011). Null: no kiosk waits with
 * this code now (unknown, expired, used or revoked).
 */
export async function claimPairingCode({ code, token, now }: { code: string; token: string; now: Date }): Promise<{ kioskId: number; credential: string } | null> {
  const normalized = normalizePairingCode(code);
  if (!normalized) return null;
  return withConn(async ({ db }) => {
    const [row] = await db
      .update(kiosks)
      .set({
        credentialHash: sha256(token),
        pairedAt: now,
        firstPairedAt: sql`coalesce(${kiosks.firstPairedAt}, ${now.getTime()})`,
        lastSeenAt: now,
        pairingCodeHash: null,
        pairingExpiresAt: null,
        revokedAt: null,
      })
      .where(and(eq(kiosks.pairingCodeHash, sha256(normalized)), gt(kiosks.pairingExpiresAt, now)))
      .returning({ id: kiosks.id });
    return row ? { kioskId: row.id, credential: formatKioskCredential(row.id, token) } : null;
  });
}

/** The kiosk still holding a code that could not be claimed (it expired), or null (unknown, used, or not a code). */
export async function getKioskOfPairingCode({ code }: { code: string }): Promise<number | null> {
  const normalized = normalizePairingCode(code);
  if (!normalized) return null;
  return withConn(async ({ db }) => {
    const [row] = await db.select({ id: kiosks.id }).from(kiosks).where(eq(kiosks.pairingCodeHash, sha256(normalized))).limit(1);
    return row?.id ?? null;
  });
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

// The office's opening hours are its own or the nearest ancestor's (an ancestor's path is a prefix of the office's).
const IDENTITY_SQL = `select k.id, k.name, k.unit_id as "unitId", u.path as "unitPath", u.name as "officeName", k.counter_id as "counterId",
    c.name as "counterName", k.idle_seconds as "idleSeconds", k.credential_hash as "credentialHash", k.first_paired_at as "firstPairedAt",
    (select a.opening_hours from units a where a.opening_hours is not null and substr(u.path, 1, length(a.path)) = a.path
      order by length(a.path) desc limit 1) as "openingHours"
  from kiosks k join units u on u.id = k.unit_id left join counters c on c.id = k.counter_id
  where k.id = ? and k.credential_hash is not null and k.revoked_at is null and u.active = true`;

/**
 * The kiosk a cookie value belongs to, or null for a missing, forged,
 * revoked or replaced credential (or a kiosk whose office was disabled).
 * The hashes are compared in constant time.
 */
export async function getKioskByCredential({ credential }: { credential: string | null | undefined }): Promise<KioskIdentity | null> {
  const parsed = parseKioskCredential(credential);
  if (!parsed) return null;
  const row = await withConn((c) => c.get<IdentityRow>(IDENTITY_SQL, [parsed.kioskId]));
  if (!row) return null;
  const a = Buffer.from(row.credentialHash, 'hex');
  const b = Buffer.from(sha256(parsed.token), 'hex');
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  return { ...row, firstPairedAt: row.firstPairedAt === null ? null : Number(row.firstPairedAt), openingHours: resolveOpeningHours([row.openingHours]) };
}

// Contacts arrive out of order when a tablet's requests reach two app servers: the
// newest contact wins whatever the order of the writes (one statement, so on
// PostgreSQL the row lock makes a later writer compare with the committed row).
const TOUCH_SQL = `update kiosks set
    app_version = case when last_seen_at is null or last_seen_at <= @at then coalesce(@appVersion, app_version) else app_version end,
    queued_count = case when last_seen_at is null or last_seen_at <= @at then coalesce(@queued, queued_count) else queued_count end,
    last_seen_at = case when last_seen_at is null or last_seen_at < @at then @at else last_seen_at end
  where id = @kioskId`;

/**
 * Records a contact from the tablet for the fleet view. A config fetch
 * reports no version or queue, so those keep what the last batch said; an
 * older contact that arrives late changes nothing.
 */
export async function recordKioskContact({
  kioskId,
  appVersion = null,
  queued = null,
  now = new Date(),
}: {
  kioskId: number;
  appVersion?: string | null;
  queued?: number | null;
  now?: Date;
}): Promise<void> {
  await withConn((c) => c.run(TOUCH_SQL, { at: now.getTime(), appVersion, queued, kioskId }));
}

/** Whether the kiosk still holds this credential (not revoked or re-paired since the request was authenticated). */
export async function isKioskPaired({ kioskId, credentialHash }: { kioskId: number; credentialHash: string }): Promise<boolean> {
  return withConn(async ({ db }) => {
    const [row] = await db
      .select({ id: kiosks.id })
      .from(kiosks)
      .where(and(eq(kiosks.id, kioskId), eq(kiosks.credentialHash, credentialHash), sql`${kiosks.revokedAt} is null`))
      .limit(1);
    return row !== undefined;
  });
}

/** Which of these client ids are stored already. */
export async function listStoredClientIds({ clientIds }: { clientIds: readonly string[] }): Promise<string[]> {
  if (!clientIds.length) return [];
  return withConn(async ({ db }) => {
    const rows = await db
      .select({ clientId: responses.clientId })
      .from(responses)
      .where(inArray(responses.clientId, [...clientIds]));
    return rows.map((r) => r.clientId);
  });
}

/**
 * Tap times (epoch ms, `submitted_at`) of the kiosk's stored ratings with
 * `from < t <= to`; responses_unit_time_idx narrows to the office and the
 * time span, the kiosk is a filter on those few rows.
 */
export async function listKioskTapTimes({ unitId, kioskId, from, to }: { unitId: number; kioskId: number; from: number; to: number }): Promise<number[]> {
  const rows = await withConn((c) =>
    c.all<{ t: number }>('select submitted_at as "t" from responses where unit_id = ? and submitted_at > ? and submitted_at <= ? and kiosk_id = ?', [unitId, from, to, kioskId]),
  );
  return rows.map((r) => Number(r.t));
}

/** The kiosk's stored ratings tapped in `[from, to)` (epoch ms). */
export async function countKioskTaps({ unitId, kioskId, from, to }: { unitId: number; kioskId: number; from: number; to: number }): Promise<number> {
  const n = await withConn((c) =>
    c.value<number>('select count(*) as "n" from responses where unit_id = ? and submitted_at >= ? and submitted_at < ? and kiosk_id = ?', [unitId, from, to, kioskId]),
  );
  return Number(n ?? 0);
}
