import { and, asc, desc, eq, isNotNull, like, sql } from 'drizzle-orm';
import type { Viewer } from '@/lib/auth/roles';
import { foldForSearch } from '@/lib/text';
import { officialPhotos, officials, units, users } from '../schema';
import { transaction, withConn, type Db } from '../store';
import { createAuditEntry } from './audit';
import { inSubtree } from './unit-tree';
import { createUser, updateUser, type NewUser } from './users';

/**
 * Officials at the counter (issue 14, docs/decisions/023): statements only.
 * Staff functions take the acting viewer and read or change only officials
 * of offices in the viewer's subtree: anything else answers null, which
 * callers show as "not found". Every change is audited in its transaction
 * (entity 'official', so the entry belongs to the official's office).
 */

type Scoped = Pick<Viewer, 'scopePath'>;
type Actor = Pick<Viewer, 'userId' | 'scopePath'>;

const officialLock = (officialId: number) => `official:${officialId}`;

const officialFields = {
  id: officials.id,
  unitId: officials.unitId,
  officeName: units.name,
  officePath: units.path,
  fullName: officials.fullName,
  position: officials.position,
  active: officials.active,
  userId: officials.userId,
  username: users.username,
  accountActive: users.active,
  hasPin: sql<boolean>`${officials.pinHash} is not null`.mapWith((v) => v === true || v === 1 || v === '1' || v === 't'),
  managesDuty: officials.managesDuty,
  photoVersion: officials.photoVersion,
  updatedAt: officials.updatedAt,
};

export type OfficialRow = {
  id: number;
  unitId: number;
  officeName: string;
  officePath: string;
  fullName: string;
  position: string;
  active: boolean;
  userId: number | null;
  username: string | null;
  accountActive: boolean | null;
  hasPin: boolean;
  managesDuty: boolean;
  photoVersion: number;
  updatedAt: Date;
};

/** The part of an official an audit entry keeps (never the PIN's hash, never the photo). */
const audited = (o: OfficialRow) => ({
  unitId: o.unitId,
  fullName: o.fullName,
  position: o.position,
  active: o.active,
  userId: o.userId,
  hasPin: o.hasPin,
  managesDuty: o.managesDuty,
  photoVersion: o.photoVersion,
});

function selectOfficials(db: Pick<Db, 'select'>) {
  return db.select(officialFields).from(officials).innerJoin(units, eq(units.id, officials.unitId)).leftJoin(users, eq(users.id, officials.userId));
}

/**
 * The officials of the offices in the viewer's subtree, by office (tree
 * order), active first, then by name; optionally of one office, or whose
 * name contains `search` without regard to accents ("nguyen thi" finds
 * "Nguyễn Thị Hoa").
 */
export async function listOfficials({ viewer, unitId, search }: { viewer: Scoped; unitId?: number | null; search?: string }): Promise<OfficialRow[]> {
  const folded = search ? foldForSearch(search) : '';
  return withConn(async ({ db }) =>
    (await selectOfficials(db)
      .where(
        and(
          inSubtree(viewer.scopePath),
          unitId ? eq(officials.unitId, unitId) : undefined,
          folded ? like(officials.searchName, `%${folded.replace(/[%_\\]/g, '')}%`) : undefined,
        ),
      )
      .orderBy(asc(units.path), desc(officials.active), asc(officials.searchName), asc(officials.id))) as OfficialRow[],
  );
}

/** One official if their office lies in the viewer's subtree, else null. */
export async function getOfficial({ viewer, officialId }: { viewer: Scoped; officialId: number }): Promise<OfficialRow | null> {
  return withConn(async ({ db }) => {
    const [row] = await selectOfficials(db)
      .where(and(eq(officials.id, officialId), inSubtree(viewer.scopePath)))
      .limit(1);
    return (row as OfficialRow | undefined) ?? null;
  });
}

/** The official a staff account is linked to (the official's own account), or null. */
export async function getOfficialOfAccount({ userId }: { userId: number }): Promise<OfficialRow | null> {
  return withConn(async ({ db }) => {
    const [row] = await selectOfficials(db).where(eq(officials.userId, userId)).limit(1);
    return (row as OfficialRow | undefined) ?? null;
  });
}

/** Offices (units with a survey code, active) of the viewer's subtree in tree order: where an official may be added. */
export async function listOfficialOffices({ viewer }: { viewer: Scoped }): Promise<{ id: number; name: string }[]> {
  return withConn(({ db }) =>
    db
      .select({ id: units.id, name: units.name })
      .from(units)
      .where(and(inSubtree(viewer.scopePath), isNotNull(units.code), eq(units.active, true)))
      .orderBy(asc(units.path)),
  );
}

/** Officials of one office for a picker (the comment link): active ones, by name. */
export async function listOfficeOfficials({ viewer, unitId }: { viewer: Scoped; unitId: number }): Promise<{ id: number; fullName: string; position: string }[]> {
  return withConn(({ db }) =>
    db
      .select({ id: officials.id, fullName: officials.fullName, position: officials.position })
      .from(officials)
      .innerJoin(units, eq(units.id, officials.unitId))
      .where(and(eq(officials.unitId, unitId), eq(officials.active, true), inSubtree(viewer.scopePath)))
      .orderBy(asc(officials.searchName), asc(officials.id)),
  );
}

export type CreateOfficialResult = { status: 'created'; official: OfficialRow } | { status: 'bad_office' };

/** A new official of an active office of the viewer's subtree. */
export async function createOfficial({
  viewer,
  unitId,
  fullName,
  position,
  now = new Date(),
}: {
  viewer: Actor;
  unitId: number;
  fullName: string;
  position: string;
  now?: Date;
}): Promise<CreateOfficialResult> {
  return transaction(async ({ db }) => {
    const [office] = await db
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.id, unitId), inSubtree(viewer.scopePath), isNotNull(units.code), eq(units.active, true)))
      .limit(1);
    if (!office) return { status: 'bad_office' } as const;
    const [row] = await db
      .insert(officials)
      .values({ unitId, fullName, searchName: foldForSearch(fullName), position, createdBy: viewer.userId, createdAt: now, updatedAt: now })
      .returning({ id: officials.id });
    const official = (await getOfficial({ viewer, officialId: row!.id }))!;
    await createAuditEntry({ at: now, actorId: viewer.userId, action: 'official.create', entityType: 'official', entityId: official.id, after: audited(official) });
    return { status: 'created', official } as const;
  });
}

/**
 * Applies `change` to an official of the viewer's subtree under the
 * official's lock, so the audited "before" is what the change replaced.
 * `change` returns false when there is nothing to change (nothing written,
 * nothing audited). Null when the official is out of scope.
 */
async function changeOfficial(
  { viewer, officialId, action, now = new Date() }: { viewer: Actor; officialId: number; action: string; now?: Date },
  change: (before: OfficialRow, db: Db) => Promise<boolean>,
): Promise<OfficialRow | null> {
  return transaction(async (c) => {
    await c.lock(officialLock(officialId));
    const before = await getOfficial({ viewer, officialId });
    if (!before) return null;
    if (!(await change(before, c.db))) return before;
    await c.db.update(officials).set({ updatedAt: now }).where(eq(officials.id, officialId));
    const after = (await getOfficial({ viewer, officialId }))!;
    await createAuditEntry({ at: now, actorId: viewer.userId, action, entityType: 'official', entityId: officialId, before: audited(before), after: audited(after) });
    return after;
  });
}

/** Name, position and whether the official still serves (an official with ratings is never deleted, only made inactive). */
export async function updateOfficial({ viewer, officialId, fullName, position, active }: { viewer: Actor; officialId: number; fullName: string; position: string; active: boolean }) {
  return changeOfficial({ viewer, officialId, action: 'official.update' }, async (before, db) => {
    if (before.fullName === fullName && before.position === position && before.active === active) return false;
    await db.update(officials).set({ fullName, searchName: foldForSearch(fullName), position, active }).where(eq(officials.id, officialId));
    return true;
  });
}

export type StoredPhoto = { mime: string; width: number; height: number; bytes: Buffer };

/** Stores a new photo (already re-encoded, server/official-photos.ts) and moves the photo's version on. */
export async function setOfficialPhoto({ viewer, officialId, photo, now = new Date() }: { viewer: Actor; officialId: number; photo: StoredPhoto; now?: Date }) {
  return changeOfficial({ viewer, officialId, action: 'official.photo_set', now }, async (_before, db) => {
    await db
      .insert(officialPhotos)
      .values({ officialId, ...photo, updatedAt: now })
      .onConflictDoUpdate({ target: officialPhotos.officialId, set: { ...photo, updatedAt: now } });
    await db
      .update(officials)
      .set({ photoVersion: sql`${officials.photoVersion} + 1` })
      .where(eq(officials.id, officialId));
    return true;
  });
}

/** Removes the photo; version 0 means "no photo". */
export async function deleteOfficialPhoto({ viewer, officialId }: { viewer: Actor; officialId: number }) {
  return changeOfficial({ viewer, officialId, action: 'official.photo_delete' }, async (before, db) => {
    if (before.photoVersion === 0) return false;
    await db.delete(officialPhotos).where(eq(officialPhotos.officialId, officialId));
    await db.update(officials).set({ photoVersion: 0 }).where(eq(officials.id, officialId));
    return true;
  });
}

/** Sets (a hash, made by the caller outside the transaction) or clears the kiosk PIN. */
export async function setOfficialPin({ viewer, officialId, pinHash }: { viewer: Actor; officialId: number; pinHash: string | null }) {
  return changeOfficial({ viewer, officialId, action: pinHash ? 'official.pin_set' : 'official.pin_clear' }, async (before, db) => {
    if (!pinHash && !before.hasPin) return false;
    await db.update(officials).set({ pinHash }).where(eq(officials.id, officialId));
    return true;
  });
}

/** The head's delegation of the duty schedule to the official's account. */
export async function setOfficialManagesDuty({ viewer, officialId, managesDuty }: { viewer: Actor; officialId: number; managesDuty: boolean }) {
  return changeOfficial({ viewer, officialId, action: 'official.manages_duty' }, async (before, db) => {
    if (before.managesDuty === managesDuty) return false;
    await db.update(officials).set({ managesDuty }).where(eq(officials.id, officialId));
    return true;
  });
}

export type LinkAccountResult = { status: 'created'; official: OfficialRow; username: string } | { status: 'not_found' } | { status: 'already_linked' };

/**
 * Creates the official's own staff account (role 'official', scoped to the
 * official's office, a one-time password hashed by the caller) and links it,
 * in one transaction. A username taken meanwhile fails on the unique index
 * (db/queries/users.ts uniqueUserField) and nothing is written.
 */
export async function createOfficialAccount({
  viewer,
  officialId,
  username,
  passwordHash,
}: {
  viewer: Actor;
  officialId: number;
  username: string;
  passwordHash: string;
}): Promise<LinkAccountResult> {
  let alreadyLinked = false;
  let created = '';
  const official = await changeOfficial({ viewer, officialId, action: 'official.account_link' }, async (before, db) => {
    if (before.userId !== null) {
      alreadyLinked = true;
      return false;
    }
    const user: NewUser = { username, email: null, displayName: before.fullName, passwordHash, role: 'official', scopeUnitId: before.unitId, mustChangePassword: true };
    const account = await createUser({ user, actorId: viewer.userId });
    await db.update(officials).set({ userId: account.id }).where(eq(officials.id, officialId));
    created = account.username;
    return true;
  });
  if (!official) return { status: 'not_found' };
  if (alreadyLinked) return { status: 'already_linked' };
  return { status: 'created', official, username: created };
}

/**
 * Unlinks the official's account and disables it (its sessions end): an
 * 'official' account linked to nobody would have nothing to show.
 */
export async function unlinkOfficialAccount({ viewer, officialId }: { viewer: Viewer; officialId: number }) {
  return changeOfficial({ viewer, officialId, action: 'official.account_unlink' }, async (before, db) => {
    if (before.userId === null) return false;
    await db.update(officials).set({ userId: null, managesDuty: false }).where(eq(officials.id, officialId));
    await updateUser({ viewer, userId: before.userId, changes: { active: false } });
    return true;
  });
}

/**
 * The photo of an active official, for the public photo route; null when
 * the official is unknown, inactive or has no photo.
 */
export async function getOfficialPhoto({ officialId }: { officialId: number }): Promise<(StoredPhoto & { version: number }) | null> {
  return withConn(async ({ db }) => {
    const [row] = await db
      .select({ mime: officialPhotos.mime, width: officialPhotos.width, height: officialPhotos.height, bytes: officialPhotos.bytes, version: officials.photoVersion })
      .from(officials)
      .innerJoin(officialPhotos, eq(officialPhotos.officialId, officials.id))
      .where(and(eq(officials.id, officialId), eq(officials.active, true)))
      .limit(1);
    return row ?? null;
  });
}
